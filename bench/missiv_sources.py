"""Write the `source` of every annotated missiv letter (development and held-out sets) to one file.

A gatherer of new letters checks candidates against this list so that no letter already in a set is
used again. Only the `source` values are read out and written; nothing of a held-out letter's text or
annotation is printed or written. Run: `PYTHONPATH=. .venv/bin/python bench/missiv_sources.py [OUT]`
(default /work/known-missiv-sources.txt); it prints only the number of sources written.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted((ROOT / "tests" / "data" / "missiv").rglob("*.json")) + sorted(Path("/work/shared/cases").glob("*.json"))


def sources(path: Path) -> list[str]:
    """The `source` values of one set file (a list of letters, or one letter)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    letters = data if isinstance(data, list) else [data]
    return [str(letter["source"]) for letter in letters if isinstance(letter, dict) and letter.get("source")]


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/known-missiv-sources.txt")
    lines = sorted({source for path in SETS for source in sources(path)})
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(len(lines))


if __name__ == "__main__":
    main()
