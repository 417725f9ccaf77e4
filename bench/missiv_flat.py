"""The missiv parser on development letters whose line breaks were lost or added (round 18, h-parse18).

PDF and page transcripts (abcdocz, docplayer) put a whole letter on one line; a PDF's text (pdftotext) wraps every
paragraph at its column. This parses every real letter of the sets whose misses may be read (never fresh9-holdout,
fresh12- or fresh13-holdout, never the never-printed kinds holdout, ext-holdout2 and mail-holdout) twice, as found and
changed: `flat` makes every line break and the blanks around it one blank, `wrap` breaks each line at 60 characters
(between words, as a PDF's column does). It prints per field and per set how many annotated fields are right both
ways, and the changed run's fills where the annotation is null.

Run: `PYTHONPATH=. .venv/bin/python bench/missiv_flat.py [flat|wrap] [FIELD]` (a field lists its misses too).
"""
from __future__ import annotations

import re
import sys
import textwrap
from collections import defaultdict

from bench.missiv_eval import SEEN_HOLDOUTS, DEV_SPLITS, WHOLLY_HELD_OUT, _kind_ok, _kind_value, load_kind_cases
from remiss.missiv import parse_missiv

# round 20: the title too (a PDF column cuts a heading or a subject in two), and the lists and extension dates
FIELDS = ("title", "sender_dnr", "remittent", "deadline_date", "deadline_time", "answer_email", "contact_person",
          "sandlista_count", "sandlista_sample", "extension_to")
READ = tuple(s for s in DEV_SPLITS + SEEN_HOLDOUTS if s != "mail-dev" and s not in WHOLLY_HELD_OUT)


def flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def wrap(text: str) -> str:
    return "\n".join(textwrap.fill(line, 60, break_on_hyphens=False, break_long_words=False) if line.strip() else line
                     for line in text.split("\n"))


def main() -> None:
    args = sys.argv[1:]
    change = wrap if args and args[0] == "wrap" else flat
    args = args[1:] if args and args[0] in ("flat", "wrap") else args
    shown = args[0] if args else None
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # as found, flat, annotated, flat fills
    per_set: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for split in READ:
        for case in load_kind_cases(split):
            if "forwarded_from" in case:
                continue
            found, flattened = parse_missiv(case["text"]).to_json(), parse_missiv(change(case["text"])).to_json()
            for field in FIELDS:
                want, have = case["expected"].get(field), _kind_value(field, flattened)
                if want in (None, []):
                    totals[field][3] += bool(have)
                    continue
                was = _kind_value(field, found)
                ok = have is not None and _kind_ok(field, have, want)
                totals[field][0] += was is not None and _kind_ok(field, was, want)
                totals[field][1] += ok
                totals[field][2] += 1
                per_set[field][split][0] += ok
                per_set[field][split][1] += 1
                if field == shown and not ok:
                    print(f"  miss: {split}/{case['id']}: {have!r}, expected {want!r}")
    for field, (right, flat_right, total, fills) in totals.items():
        print(f"{field:15} as found {right}/{total}, {change.__name__} {flat_right}/{total}, its fills {fills}")
        print("   " + " ".join(f"{s}:{a}/{b}" for s, (a, b, _) in per_set[field].items()))


if __name__ == "__main__":
    main()
