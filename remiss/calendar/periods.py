"""Deadlines under lag (1930:173) om beräkning av lagstadgad tid, each with a Swedish explanation."""

from __future__ import annotations

import calendar as _gregorian
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from remiss.calendar.swedish import (
    format_day_month,
    format_weekday_date,
    month_name,
    number_word,
)
from remiss.calendar.workdays import WorkCalendar

PeriodUnit = Literal["dagar", "veckor", "manader"]

LAW = "lagen (1930:173) om beräkning av lagstadgad tid"

_UNIT_WORDS: dict[str, tuple[str, str]] = {
    "dagar": ("dag", "dagar"),
    "veckor": ("vecka", "veckor"),
    "manader": ("månad", "månader"),
}
_NUMBERS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
}
_PERIOD_RE = re.compile(
    r"\b(?P<amount>\d{1,3}|" + "|".join(_NUMBERS) + r")\s+"
    r"(?P<unit>dagar|dag|dygn|veckor|vecka|veckors|månader|månad|månaders)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    """A length of time such as "sex veckor"."""

    amount: int
    unit: PeriodUnit

    def label(self) -> str:
        """Return the period in words, e.g. "sex veckor"."""
        singular, plural = _UNIT_WORDS[self.unit]
        return f"{number_word(self.amount)} {singular if self.amount == 1 else plural}"


@dataclass(frozen=True)
class ExplainedDate:
    """A computed date with the Swedish explanation shown to users."""

    value: date
    explanation: str
    # set when the date was moved to the next vardag
    moved_from: date | None = None
    # set when a given date is kept although it is not a working day
    warning: str | None = None


def parse_period(text: str) -> Period | None:
    """Find a period such as "inom sex veckor" or "tre månader från dagen för remissen"."""
    match = _PERIOD_RE.search(text)
    if not match:
        return None
    raw = match.group("amount").lower()
    amount = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit_word = match.group("unit").lower()
    if unit_word.startswith("vecka") or unit_word.startswith("veckor"):
        unit: PeriodUnit = "veckor"
    elif unit_word.startswith("månad"):
        unit = "manader"
    else:
        unit = "dagar"
    return Period(amount, unit)


def add_months(start: date, months: int) -> date:
    """Add months keeping the date number, or the month's last day when it does not exist."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = _gregorian.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def period_end(start: date, period: Period) -> date:
    """Return the last day of the period before any move to a vardag."""
    if period.unit == "dagar":
        return start + timedelta(days=period.amount)
    if period.unit == "veckor":
        return start + timedelta(weeks=period.amount)
    return add_months(start, period.amount)


def _move_text(original: date, moved: date, reason: str) -> str:
    weekend = reason in ("lördag", "söndag")
    because = "" if weekend else f" ({reason})"
    year_original = f" {original.year}" if original.year != moved.year else ""
    return (
        f"flyttad från {format_day_month(original)}{year_original}{because} "
        f"till {format_day_month(moved)}{year_original and f' {moved.year}'}"
    )


def move_to_vardag(day: date, calendar: WorkCalendar) -> ExplainedDate:
    """Move a period's last day to the next vardag when it is a day off (lag 1930:173)."""
    reason = calendar.day_off_reason(day)
    if reason is None:
        return ExplainedDate(day, f"{format_weekday_date(day)} är en vardag")
    moved = calendar.next_workday(day)
    return ExplainedDate(moved, f"{_move_text(day, moved, reason)} enligt {LAW}", moved_from=day)


def period_deadline(start: date, period: Period, calendar: WorkCalendar) -> ExplainedDate:
    """Compute the deadline of a period counted from start, moved to a vardag if needed."""
    end = period_end(start, period)
    head = f"{period.label()} från {format_weekday_date(start)} ger {format_weekday_date(end)}"
    if period.unit == "manader" and end.day != start.day:
        head += f" (månadens sista dag, eftersom {month_name(end)} saknar den {start.day}:e)"
    head = head[:1].upper() + head[1:]
    moved = move_to_vardag(end, calendar)
    if moved.moved_from is None:
        return ExplainedDate(end, head + ".")
    return ExplainedDate(moved.value, f"{head}; {moved.explanation}.", moved_from=end)


def explicit_deadline(value: date | datetime, calendar: WorkCalendar) -> ExplainedDate:
    """Keep a date the remittent gave explicitly, warning when it is not a working day."""
    day = value.date() if isinstance(value, datetime) else value
    reason = calendar.day_off_reason(day)
    if reason is None:
        return ExplainedDate(day, f"Datum angivet av remittenten: {format_weekday_date(day)}.")
    before = calendar.previous_workday(day)
    because = "" if reason in ("lördag", "söndag") else f" ({reason})"
    warning = (
        f"Sista svarsdag {format_weekday_date(day)}{because} är inte en arbetsdag. "
        f"Datumet gäller som remittenten angett det, men planera för att svaret är framme "
        f"senast {format_weekday_date(before)}."
    )
    return ExplainedDate(
        day, f"Datum angivet av remittenten: {format_weekday_date(day)}{because}.", warning=warning
    )
