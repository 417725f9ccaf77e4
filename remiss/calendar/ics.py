"""Build ICS feeds (deadlines, milestones) with stable UIDs so calendar programs update events."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

import icalendar

from remiss.calendar.meetings import STOCKHOLM

PRODID = "-//Remiss//Remisshantering//SV"
# DTSTAMP is required; without an explicit `now` a fixed stamp keeps the output reproducible
_FIXED_STAMP = datetime(2000, 1, 1, tzinfo=timezone.utc)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class CalendarEvent:
    """One event in a feed; a date makes an all-day event."""

    uid: str
    summary: str
    start: date | datetime
    description: str = ""
    url: str | None = None


def stable_uid(*parts: object, domain: str = "remiss") -> str:
    """Build a UID such as "remiss-42-tjansteskrivelse@remiss" from stable identifiers."""
    local = "-".join(_UNSAFE.sub("_", str(part)) for part in parts)
    return f"{local}@{domain}"


def build_ics(
    events: Iterable[CalendarEvent], *, calendar_name: str, now: datetime | None = None
) -> bytes:
    """Return an iCalendar document with one VEVENT per event (first of duplicate UIDs kept)."""
    stamp = (now or _FIXED_STAMP).astimezone(timezone.utc)
    seen: set[str] = set()
    timed = False
    parts = [_calendar_head(calendar_name)]
    for event in events:
        if event.uid in seen:
            continue
        seen.add(event.uid)
        timed = timed or isinstance(event.start, datetime)
        parts.append(_vevent_ical(event, stamp))
    if timed:
        parts.insert(1, _stockholm_vtimezone())  # the zone before the events that use it
    parts.append(b"END:VCALENDAR\r\n")
    return b"".join(parts)


@lru_cache(maxsize=32)
def _calendar_head(calendar_name: str) -> bytes:
    """Return the calendar's own lines, up to its first component (the same for every file of that name)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    whole = calendar.to_ical()
    return whole[:whole.rindex(b"END:VCALENDAR")]


@lru_cache(maxsize=1)
def _stockholm_vtimezone() -> bytes:
    """Return the VTIMEZONE of Europe/Stockholm, the one zone of every event: icalendar takes ms to derive it."""
    return icalendar.Timezone.from_tzid("Europe/Stockholm").to_ical()


def _text(value: str) -> str:
    return icalendar.vText(value).to_ical().decode()


def _stamp(moment: datetime) -> str:
    return f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}"


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _fold(line: str) -> bytes:
    """A content line as icalendar folds it (character by character, ≈ 20 µs); shorter than 75 octets
    it comes out of icalendar's fold unchanged, so those skip it."""
    raw = line.encode()
    return raw if len(raw) < 75 else icalendar.parser.Contentline(line).to_ical()


def _vevent_ical(event: CalendarEvent, stamp: datetime) -> bytes:
    """The VEVENT icalendar writes for the event, byte for byte (tests/unit/test_calendar_ics.py compares
    them over many events), with icalendar's own value encoders and fold but no Event component: a
    component's property machinery took ≈ 0.3 ms an event, and the reminder sweep attaches a
    calendar file to the mails of a thousand remisser. Properties in icalendar's order."""
    lines = ["BEGIN:VEVENT", "SUMMARY:" + _text(event.summary)]
    timed = isinstance(event.start, datetime)
    if timed:
        start = event.start.replace(tzinfo=STOCKHOLM) if event.start.tzinfo is None else event.start.astimezone(STOCKHOLM)
        lines.append(f"DTSTART;TZID=Europe/Stockholm:{_stamp(start)}")
    else:
        lines += [f"DTSTART;VALUE=DATE:{_day(event.start)}", f"DTEND;VALUE=DATE:{_day(event.start + timedelta(days=1))}"]
    lines += [f"DTSTAMP:{_stamp(stamp)}Z", "UID:" + _text(event.uid)]
    if event.description:
        lines.append("DESCRIPTION:" + _text(event.description))
    if not timed:
        lines.append("TRANSP:TRANSPARENT")  # a deadline does not make anyone busy
    if event.url:
        lines.append("URL:" + icalendar.vUri(event.url).to_ical().decode())
    lines.append("END:VEVENT")
    return b"\r\n".join(_fold(line) for line in lines) + b"\r\n"
