"""Swedish working-day calendar: helgdagar, aftnar that are days off, and admin klämdagar."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays
from holidays.constants import DE_FACTO, PUBLIC

from remiss.calendar.swedish import lower_first

KLAMDAG = "klämdag"
_MAX_SCAN_DAYS = 366  # no real calendar has a year without a working day


@lru_cache(maxsize=256)
def swedish_days_off(year: int) -> Mapping[date, str]:
    """Return the allmänna helgdagar plus midsommarafton, julafton and nyårsafton of a year."""
    # include_sundays=False: the package can list every Sunday as "Söndag"; weekends are
    # handled separately so that a holiday name is never hidden behind "Söndag".
    # DE_FACTO holds midsommarafton, julafton and nyårsafton, which lag (1930:173) and
    # semesterlagen treat like helgdagar.
    calendar = holidays.country_holidays(
        "SE",
        years=year,
        categories=(PUBLIC, DE_FACTO),
        include_sundays=False,
        language="sv",
    )
    return MappingProxyType({day: "; ".join(calendar.get_list(day)) for day in calendar})


def _normalize_extra(extra: Mapping[date, str] | Iterable[date]) -> Mapping[date, str]:
    if isinstance(extra, Mapping):
        pairs = {day: (reason or KLAMDAG) for day, reason in extra.items()}
    else:
        pairs = {day: KLAMDAG for day in extra}
    return MappingProxyType(pairs)


@dataclass(frozen=True)
class WorkCalendar:
    """A Swedish working-day calendar with optional extra days off (klämdagar)."""

    # date → reason shown to users, e.g. "klämdag"; a plain iterable of dates also works
    extra_days_off: Mapping[date, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extra_days_off", _normalize_extra(self.extra_days_off))

    def holiday_name(self, day: date) -> str | None:
        """Return the name of the helgdag, afton or klämdag on this day, lower-case, or None."""
        names = []
        official = swedish_days_off(day.year).get(day)
        if official:
            names.append(lower_first(official))
        extra = self.extra_days_off.get(day)
        if extra:
            names.append(extra)
        return "; ".join(names) or None

    def day_off_reason(self, day: date) -> str | None:
        """Return why the day is not a working day ("julafton", "lördag"), or None."""
        name = self.holiday_name(day)
        if name:
            return name
        if day.weekday() == 5:
            return "lördag"
        if day.weekday() == 6:
            return "söndag"
        return None

    def is_workday(self, day: date) -> bool:
        """Tell whether the day is a vardag that is not a helgdag, afton or klämdag."""
        return self.day_off_reason(day) is None

    def next_workday(self, day: date) -> date:
        """Return the day itself if it is a working day, else the next one."""
        return self._scan(day, 1)

    def previous_workday(self, day: date) -> date:
        """Return the day itself if it is a working day, else the previous one."""
        return self._scan(day, -1)

    def add_workdays(self, day: date, count: int) -> date:
        """Move count working days forward (or back when negative); zero returns the day."""
        step = 1 if count >= 0 else -1
        current = day
        for _ in range(abs(count)):
            current = self._scan(current + timedelta(days=step), step)
        return current

    def workdays_between(self, start: date, end: date) -> int:
        """Count working days after start up to and including end (negative if end < start)."""
        if end < start:
            return -self.workdays_between(end, start)
        return sum(
            1 for offset in range(1, (end - start).days + 1)
            if self.is_workday(start + timedelta(days=offset))
        )

    def named_days_off_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """List helgdagar, aftnar and klämdagar on weekdays strictly between two dates."""
        low, high = min(start, end), max(start, end)
        found = []
        for offset in range(1, (high - low).days):
            day = low + timedelta(days=offset)
            name = self.holiday_name(day)
            if name and day.weekday() < 5:
                found.append((day, name))
        return found

    def _scan(self, day: date, step: int) -> date:
        current = day
        for _ in range(_MAX_SCAN_DAYS):
            if self.is_workday(current):
                return current
            current += timedelta(days=step)
        raise ValueError(f"no working day within a year of {day.isoformat()}")
