"""The missiv title per set, right / wrong / empty, and the letters whose title changed against a saved run (round 19).

Sets: bench/title_cv.py's folds and the other development parts (ext-dev2, ext-dev3, mail-dev) plus the totals of the
never-printed parts (ext-holdout2, mail-holdout). fresh9-holdout and fresh12-holdout are never loaded. A letter's title
is printed only for the --dev-only sets of bench/missiv_eval.py; for any other set a change shows its id and outcome only.
"wrong" is a title given where the annotation differs or is null, "empty" no title where one is annotated.

Run: `PYTHONPATH=. .venv/bin/python bench/title_sets.py OUT.json [BEFORE.json]` (save a run on the old code, then
compare the new one with it).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.missiv_eval import DEV_SPLITS, WHOLLY_HELD_OUT, _same_title, load_kind_cases  # noqa: E402
from bench.title_cv import SETS  # noqa: E402
from remiss.missiv import parse_missiv  # noqa: E402

ALL = (*SETS, "ext-dev2", "ext-dev3", "mail-dev", "ext-holdout2", "mail-holdout")
assert not set(ALL) & set(WHOLLY_HELD_OUT), "fresh9-/fresh12-holdout are wholly held out"


def outcome(have: str | None, want: str | None) -> str:
    if not have:
        return "right" if not want else "empty"
    return "right" if want and _same_title(have, want) else "wrong"


def main(out: str, before: str | None) -> None:
    found: dict[str, list] = {}
    total = {"right": 0, "wrong": 0, "empty": 0}
    for name in ALL:
        counts = {"right": 0, "wrong": 0, "empty": 0}
        for case in load_kind_cases(name):
            if "title" not in case["expected"]:
                continue
            have = parse_missiv(case["text"]).title
            result = outcome(have, case["expected"]["title"])
            counts[result] += 1
            found[f"{name}/{case['id']}"] = [result, have if name in DEV_SPLITS else None]
        for key in total:
            total[key] += counts[key]
        print(f"{name:16} {counts['right']:3}/{sum(counts.values()):3} wrong {counts['wrong']:2} empty {counts['empty']:2}")
    print(f"{'all':16} {total['right']:3}/{sum(total.values()):3} wrong {total['wrong']:2} empty {total['empty']:2}")
    Path(out).write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
    if before:
        old = json.loads(Path(before).read_text(encoding="utf-8"))
        for key, (result, title) in found.items():
            was = old.get(key, ["?", None])
            if was != [result, title]:
                shown = f": {was[1]!r} → {title!r}" if key.split("/")[0] in DEV_SPLITS else ""
                print(f"changed {key}: {was[0]} → {result}{shown}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
