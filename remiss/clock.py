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


def deadline_iso(day: date | None, at: time | None) -> str | None:
    """'YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM' (Europe/Stockholm wall time), as the API writes a deadline."""
    if day is None:
        return None
    return f"{day.isoformat()}T{at.strftime('%H:%M')}" if at else day.isoformat()


# The years a moment given on the command line may fall in (as the API's dates): the jobs count days and
# years on from it, and 0001-01-01 in Stockholm time is before the first moment Python has in UTC.
MOMENT_YEARS = range(1900, 2200)


MOMENT_FORMAT_HELP = f"Ange tidpunkten som ÅÅÅÅ-MM-DDTHH:MM, år {MOMENT_YEARS[0]}–{MOMENT_YEARS[-1]}."


def parse_iso_moment(text: str) -> datetime:
    """Parse an ISO date or datetime of the years MOMENT_YEARS; naive values are Stockholm wall time."""
    value = datetime.fromisoformat(text.strip())
    if value.year not in MOMENT_YEARS:
        raise ValueError(f"Året ska vara {MOMENT_YEARS[0]}–{MOMENT_YEARS[-1]}.")
    if value.tzinfo is None:
        value = value.replace(tzinfo=STOCKHOLM)
    return value.astimezone(timezone.utc)
