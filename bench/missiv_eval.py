"""Print field-by-field precision and recall of the missiv parser on the evaluation letters."""
from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from remiss.missiv import parse_missiv  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "missiv"
SCALARS = ("title", "remittent", "sender_dnr", "deadline", "answer_email", "contact_person")
LISTS = ("sandlista", "questions")
FIELDS = SCALARS + LISTS


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" .").casefold()


def load_cases(split: str | None = None) -> list[dict]:
    """Return every annotated letter, optionally only one split."""
    cases = []
    for ann_path in sorted(DATA.glob("*.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        if split and ann["split"] != split:
            continue
        ann["name"] = ann_path.stem
        ann["text"] = ann_path.with_suffix(".txt").read_text(encoding="utf-8")
        cases.append(ann)
    return cases


def score(cases: list[dict]) -> dict:
    """Return per-field tp/fp/fn counts, fields right and per-letter misses."""
    counts = {f: {"tp": 0, "fp": 0, "fn": 0} for f in FIELDS}
    right = total = 0
    misses: list[str] = []
    for case in cases:
        ref = date.fromisoformat(case["reference_date"]) if case.get("reference_date") else None
        got = parse_missiv(case["text"], reference_date=ref).to_json()
        for f in SCALARS:
            want = case.get(f)
            accepted = {_norm(v) for v in [want, *case.get("accept", {}).get(f, [])] if v}
            have = got.get(f)
            ok = (have is None and want is None) or (have is not None and _norm(have) in accepted)
            c = counts[f]
            if have is not None and ok:
                c["tp"] += 1
            if have is not None and not ok:
                c["fp"] += 1
            if want is not None and not ok:
                c["fn"] += 1
            right += ok
            total += 1
            if not ok:
                misses.append(f"{case['name']}: {f} = {have!r}, expected {want!r}")
        for f in LISTS:
            want = {_norm(v) for v in case.get(f) or []}
            have = {_norm(v) for v in got.get(f) or []}
            counts[f]["tp"] += len(want & have)
            counts[f]["fp"] += len(have - want)
            counts[f]["fn"] += len(want - have)
            ok = want == have
            right += ok
            total += 1
            if not ok:
                misses.append(f"{case['name']}: {f} missing {sorted(want - have)[:3]} extra {sorted(have - want)[:3]}")
    return {"counts": counts, "right": right, "total": total, "misses": misses}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:6.2f}" if b else "   n/a"


def report(name: str, result: dict) -> None:
    """Print one split's table."""
    print(f"\n== {name}: {result['right']}/{result['total']} fields right "
          f"({100 * result['right'] / max(1, result['total']):.1f} %)")
    print(f"{'field':16} {'prec':>6} {'recall':>6}   tp  fp  fn")
    for f, c in result["counts"].items():
        print(f"{f:16} {_ratio(c['tp'], c['tp'] + c['fp'])} {_ratio(c['tp'], c['tp'] + c['fn'])}"
              f" {c['tp']:4d}{c['fp']:4d}{c['fn']:4d}")
    for miss in result["misses"]:
        print("  miss:", miss)


def main() -> None:
    """Score the dev and holdout splits."""
    for split in ("dev", "holdout"):
        cases = load_cases(split)
        report(f"{split} ({len(cases)} letters)", score(cases))


if __name__ == "__main__":
    main()
