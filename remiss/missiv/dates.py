"""Find Swedish dates and times in missiv text and resolve missing years."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3,
    "april": 4, "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+)"

ISO_RE = re.compile(r"(?<![\d/])(\d{4})\s?-\s?(\d{1,2})\s?-\s?(\d{1,2})(?![\d/])")
# "30:e april", and without the colon "30e april 2024" (Region Sörmland's page); the year also as "12 mars år 2027"
# and "12 mars, 2027" (read without it, the year was taken from the letter's date: a wrong year, not an empty one)
TEXT_RE = re.compile(
    rf"(?<![\w]){_WEEKDAY}?(?:den\s+)?(\d{{1,2}})(?::e|:a|e)?\s+({_MONTH_ALT})\.?(?![\wåäö])"
    r"(?:\s+(?:år\s+)?(\d{4})|,[ \t]*((?:19|20)\d\d)(?![\d-]))?",
    re.IGNORECASE,
)
# Text from a scan or an OCR'd PDF reads the day 1 as a letter: "senast den l oktober 2015". Only after "den" and
# case-sensitive, so that "den i maj" (a preposition) is never read as a date.
OCR_ONE_RE = re.compile(rf"(?<![\w])den\s+[lI]\s+((?i:{_MONTH_ALT}))\.?(?![\wåäö])(?:\s+(\d{{4}}))?")
# "15/5-27", "15/5-2027", and "15/5 2027" (a space before a four-digit year only: "15/5 20" is no date)
SHORT_RE = re.compile(r"(?<![\d/\-])(\d{1,2})/(\d{1,2})(?:\s?-\s?(\d{2}|\d{4})|[ \t](\d{4}))(?![\d/:.,]\d)(?![\d/])")
# "15.5.2027", "15.05.2027": day, month and a four-digit year with dots (not a section number "3.1.2" nor a clock time)
DOTTED_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d]|\.\d)")
# Round 22: "senast 22-03-25", the year in two digits first. Read only where the text makes the year certain: it
# writes that year in full elsewhere ("Under våren 2022") and not the year of the reverse reading (22 March 2025).
SHORT_ISO_RE = re.compile(r"(?<![\d/.:-])(\d\d)-(\d\d)-(\d\d)(?![\d/:-])")
_FULL_YEAR_RE = re.compile(r"(?<!\d)20(\d\d)(?!\d)")
TIME_RE = re.compile(r"\bkl(?:ockan)?\.?\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d.:]*\s*[-–]\s*\d)(?![.:]?\d)")


@dataclass(frozen=True)
class DateMatch:
    """A date found in text; year is None when the text gives none."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    kind: str  # "iso", "text" or "short"

    def resolve(self, after: date | None) -> date | None:
        """Return a concrete date, choosing the first one after `after` when the year is missing."""
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if after is None:
            return None
        for year in (after.year, after.year + 1):
            candidate = _safe_date(year, self.month, self.day)
            if candidate is not None and candidate > after:
                return candidate
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Return every plausible date in the text, ordered by position."""
    found: list[DateMatch] = []
    for m in ISO_RE.finditer(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        if 1900 < y < 2200 and _safe_date(y, mo, d):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "iso"))
    for m in TEXT_RE.finditer(text):
        mo = MONTHS[m[2].lower()]
        d = int(m[1])
        y = int(m[3] or m[4]) if m[3] or m[4] else None
        if y is not None and not 1900 < y < 2200:
            y = None
        if _safe_date(y or 2000, mo, d):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "text"))
    for m in OCR_ONE_RE.finditer(text):
        y = int(m[2]) if m[2] and 1900 < int(m[2]) < 2200 else None
        found.append(DateMatch(m.start(), m.end(), y, MONTHS[m[1].lower()], 1, "text"))
    for m in SHORT_RE.finditer(text):
        d, mo, yy = int(m[1]), int(m[2]), m[3] or m[4]
        y = int(yy) if len(yy) == 4 else 2000 + int(yy)
        if _safe_date(y, mo, d):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "short"))
    for m in DOTTED_RE.finditer(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        if _safe_date(y, mo, d):
            found.append(DateMatch(m.start(), m.end(), y, mo, d, "short"))
    found += _short_iso_dates(text)
    found.sort(key=lambda dm: dm.start)
    return _drop_overlaps(found)


def _short_iso_dates(text: str) -> list[DateMatch]:
    """Return the dates written "22-03-25" whose year the text makes certain (SHORT_ISO_RE)."""
    shorts = list(SHORT_ISO_RE.finditer(text))
    years = {int(y) for y in _FULL_YEAR_RE.findall(text)} if shorts else set()
    found: list[DateMatch] = []
    for m in shorts:
        yy, mo, d = int(m[1]), int(m[2]), int(m[3])
        reverse = d != yy and d in years and _safe_date(2000 + d, mo, yy) is not None
        if yy in years and not reverse and _safe_date(2000 + yy, mo, d):
            found.append(DateMatch(m.start(), m.end(), 2000 + yy, mo, d, "short"))
    return found


def uncertain_short_dates(text: str) -> list[str]:
    """Return the dates written "22-03-25" whose year the text leaves uncertain, as written."""
    kept = {(dm.start, dm.end) for dm in _short_iso_dates(text)}
    return [m.group() for m in SHORT_ISO_RE.finditer(text)
            if (m.start(), m.end()) not in kept and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31]


def _drop_overlaps(matches: list[DateMatch]) -> list[DateMatch]:
    kept: list[DateMatch] = []
    for dm in matches:
        if kept and dm.start < kept[-1].end:
            if (dm.end - dm.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = dm
            continue
        kept.append(dm)
    return kept


def find_time_near(text: str, dm: DateMatch) -> tuple[int, int, int, int] | None:
    """Return (hour, minute, start, end) of a clock time written just before or after a date."""
    window_start = max(0, dm.start - 30)
    before = text[window_start:dm.start]
    after = text[dm.end:dm.end + 30]
    for m in TIME_RE.finditer(before):
        tail = before[m.end():]
        if re.fullmatch(r"[\s,]*(?:den\s*)?(?:\w+dagen\s*)?", tail, re.IGNORECASE):
            return _checked_time(m, window_start)
    lead = re.match(r"[ ,]*(?:(?:före|innan|senast)[ \t]+)?", after)
    m = TIME_RE.match(after, lead.end())
    if m:
        return _checked_time(m, dm.end)
    return None


def _checked_time(m: re.Match, offset: int) -> tuple[int, int, int, int] | None:
    hour, minute = int(m[1]), int(m[2] or 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute, offset + m.start(), offset + m.end()


def combine(day: date, clock: tuple[int, int, int, int] | None) -> date | datetime:
    """Attach a clock time to a date when one was given."""
    if clock is None:
        return day
    return datetime(day.year, day.month, day.day, clock[0], clock[1])
