"""Find our arrival stamp on a missiv: "2010 -01- 26" stamped on a line of its own, or "Inkom 2010-01-26"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from remiss.missiv.dates import ISO_RE, find_dates

# A rubber stamp's date: the digits spaced around the dashes, alone on its line (seed 000: "2010 -01- 26").
_STAMP_LINE = re.compile(r"^[ \t]*(\d{4} ?- ?\d{1,2} ?- ?\d{1,2})[ \t]*$", re.MULTILINE)
# A written arrival note; the date follows at once ("Inkom 2010-01-26", "Ankom: den 26 januari 2010").
_LABEL = re.compile(r"(?<!\w)(?:inkom(?:mit|men)?|ankom(?:mit)?|ank\.|mottag(?:en|et)|diarieförd)(?!\w)",
                    re.IGNORECASE)
_GAP = re.compile(r"[ \t]*:?[ \t]*(?:den[ \t]+)?")
# "… ska ha inkommit 30 april": a deadline, not a stamp
_DEADLINE_BEFORE = re.compile(r"ska(?:ll)? ha\s+$", re.IGNORECASE)
MAX_LABELS = 50  # a stamp is near the top; a text that says "inkom" thousands of times is not read to its end


@dataclass(frozen=True)
class Received:
    """The day the missiv arrived, and where in the text it says so."""

    day: date
    span: tuple[int, int]


def find_received(text: str, letter_date: date | None = None) -> Received | None:
    """Return the arrival stamp of the missiv, or None; a date before the letter was written is no stamp."""
    for m in _STAMP_LINE.finditer(text):
        if " " not in m.group(1):
            continue  # 2010-01-22 alone on a line is the letter's own date
        iso = ISO_RE.fullmatch(m.group(1))
        day = _day(iso) if iso else None
        if day and (letter_date is None or day >= letter_date):
            return Received(day, m.span(1))
    for n, m in enumerate(_LABEL.finditer(text)):
        if n == MAX_LABELS:
            break
        if _DEADLINE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            continue
        gap = _GAP.match(text, m.end())
        line_end = text.find("\n", gap.end())
        rest = text[gap.end():gap.end() + 40 if line_end == -1 else min(line_end, gap.end() + 40)]
        dates = find_dates(rest)
        if not dates or dates[0].start != 0 or dates[0].year is None:
            continue
        day = dates[0].resolve(None)
        if day and (letter_date is None or day >= letter_date):
            return Received(day, (m.start(), gap.end() + dates[0].end))
    return None


def _day(match: re.Match) -> date | None:
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
