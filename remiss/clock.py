"""Europe/Stockholm time: conversions between stored UTC and local wall time."""
from __future__ import annotations

from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
END_OF_DAY = time(23, 59)


def local(moment: datetime) -> datetime:
    """Return an aware datetime in Europe/Stockholm."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(STOCKHOLM)


def local_moment(day: date, at: time | None = None) -> datetime:
    """Return the Stockholm moment of a date and optional time (end of day when no time)."""
    return datetime.combine(day, at or END_OF_DAY, tzinfo=STOCKHOLM)


def local_today(now: datetime) -> date:
    return local(now).date()


def parse_iso_moment(text: str) -> datetime:
    """Parse an ISO date or datetime; naive values are Stockholm wall time."""
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=STOCKHOLM)
    return value.astimezone(timezone.utc)
