"""Measure round 17's heading check (remiss.missiv.title_layout.backed) on parsers that had not seen the letters.

On today's parser the check changes no title of the seen sets: their chrome lines were written into the headline
rules one by one. What it is for is the next site's chrome. So the check is put into the headline loop of older
commits — the parser before any first-sight set was tuned on (a806926) and the parsers at the first sight of fresh10
(14e9803) and fresh11 (cc9ec39) — and their titles over the folds of bench/title_cv.py are scored three ways:

- base: the old parser as it was;
- skip: a line the check rejects is skipped like chrome and the loop goes on (what the parser does since round 17);
- empty: the headline gives up at such a line (no title, the parser's warning).

fresh9-, fresh12- and fresh13-holdout are never loaded (bench/title_cv.py's SETS and its assertion).
Run: `PYTHONPATH=. .venv/bin/python bench/title_backed.py [COMMIT ...]` (each commit about 30 seconds).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.missiv_eval import load_kind_cases  # noqa: E402
from bench.title_cv import SETS, outcome  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COMMITS = ("a806926", "14e9803", "cc9ec39")
_RUN = """
import json, sys
from remiss.missiv import parse_missiv
cases = json.load(open(sys.argv[1], encoding="utf-8"))
json.dump({k: parse_missiv(t).title for k, t in cases.items()}, open(sys.argv[2], "w", encoding="utf-8"))
"""
# The point in the old headline loops where a line has passed every test and is about to be returned.
_ANCHOR = '        value = _POSSESSIVE.sub("", value)\n'


def _check_source() -> str:
    """Return today's check (its patterns and functions) as source to append to an old module."""
    source = (ROOT / "remiss/missiv/title_layout.py").read_text(encoding="utf-8")
    return source[source.index("_SELF_NAMED = "):]


def titles(commit: str, variant: str, cases: dict[str, str]) -> dict[str, str | None]:
    """Return key → title of the parser at `commit`, with the check put in as `variant` ("base", "skip", "empty")."""
    with tempfile.TemporaryDirectory(prefix="title-backed-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "remiss"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        if variant != "base":
            module = Path(tmp, "remiss/missiv/headline.py")
            module = module if module.exists() else Path(tmp, "remiss/missiv/title.py")
            source = module.read_text(encoding="utf-8")
            assert source.count(_ANCHOR) == 1, f"{commit}: the headline loop is not where it was"
            act = "continue" if variant == "skip" else "return None, None"
            source = source.replace(_ANCHOR, f"        if not backed(text, value, span):\n            {act}\n" + _ANCHOR)
            module.write_text(source + "\n\n" + _check_source(), encoding="utf-8")
        Path(tmp, "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        subprocess.run([sys.executable, "-c", _RUN, "cases.json", "out.json"], check=True, cwd=tmp,
                       env={**os.environ, "PYTHONPATH": tmp})
        return json.loads(Path(tmp, "out.json").read_text(encoding="utf-8"))


def main() -> None:
    letters = [(name, case) for name in SETS for case in load_kind_cases(name)]
    cases = {f"{name}/{case['id']}": case["text"] for name, case in letters}
    for commit in sys.argv[1:] or COMMITS:
        found = {variant: titles(commit, variant, cases) for variant in ("base", "skip", "empty")}
        for variant, got in found.items():
            counts = Counter(outcome(got[f"{n}/{c['id']}"], c["expected"].get("title")) for n, c in letters)
            real = Counter(outcome(got[f"{n}/{c['id']}"], c["expected"].get("title")) for n, c in letters
                           if "forwarded_from" not in c)
            print(f"{commit} {variant:5}  all: right {counts['right']} wrong {counts['wrong']} empty "
                  f"{counts['empty']}   real letters: right {real['right']} wrong {real['wrong']} "
                  f"empty {real['empty']}")
        for name, case in letters:
            key = f"{name}/{case['id']}"
            want = case["expected"].get("title")
            if len({found[v][key] for v in found}) > 1:
                print(f"  {key}: {outcome(found['base'][key], want)} {found['base'][key]!r} → skip "
                      f"{outcome(found['skip'][key], want)} {found['skip'][key]!r}, empty {outcome(found['empty'][key], want)}")


if __name__ == "__main__":
    main()
