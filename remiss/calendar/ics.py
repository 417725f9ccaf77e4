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
        parts.append(_to_ical(_vevent(event, stamp)))
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


def _to_ical(component: icalendar.Component) -> bytes:
    """component.to_ical(), byte for byte, without icalendar's fold for the lines that need none.

    icalendar folds every line character by character (≈ 20 µs a line; a reminder sweep attaches a
    calendar file to thousands of mails); a line shorter than 75 octets comes out of it unchanged.
    """
    lines = []
    for line in component.content_lines():
        if line:
            raw = line.encode()
            lines.append(raw if len(raw) < 75 else line.to_ical())
    return b"\r\n".join(lines) + b"\r\n"


def _vevent(event: CalendarEvent, stamp: datetime) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("dtstamp", stamp)
    component.add("summary", event.summary)
    if isinstance(event.start, datetime):
        start = event.start
        start = start.replace(tzinfo=STOCKHOLM) if start.tzinfo is None else start.astimezone(STOCKHOLM)
        component.add("dtstart", start)
    else:
        component.add("dtstart", event.start)
        component.add("dtend", event.start + timedelta(days=1))
        component.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    if event.description:
        component.add("description", event.description)
    if event.url:
        component.add("url", event.url)
    return component
