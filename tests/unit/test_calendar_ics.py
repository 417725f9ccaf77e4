from datetime import date, datetime, timedelta, timezone

import icalendar

from remiss.calendar.ics import CalendarEvent, build_ics, stable_uid
from remiss.calendar.meetings import STOCKHOLM

EVENTS = [
    CalendarEvent(
        uid=stable_uid("remiss", 42, "sista_svarsdag"),
        summary="Sista svarsdag: Remiss om äldreomsorg",
        start=date(2010, 3, 31),
        description="Svaret ska vara framme kl. 12.00; kopia till handläggaren, tack.",
        url="https://remiss.example.se/remisser/42",
    ),
    CalendarEvent(
        uid=stable_uid("remiss", 42, "namnd"),
        summary="Nämndsammanträde",
        start=datetime(2010, 3, 30, 18, 0, tzinfo=STOCKHOLM),
    ),
    CalendarEvent(uid="utc@remiss", summary="UTC", start=datetime(2015, 9, 24, 15, tzinfo=timezone.utc)),
]


def test_build_ics_round_trip():
    data = build_ics(EVENTS, calendar_name="Mina remisser")
    assert isinstance(data, bytes)
    parsed = icalendar.Calendar.from_ical(data)
    assert str(parsed["X-WR-CALNAME"]) == "Mina remisser"
    events = list(parsed.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [
        "remiss-42-sista_svarsdag@remiss", "remiss-42-namnd@remiss", "utc@remiss",
    ]
    all_day, meeting, utc = events
    assert all_day["DTSTART"].dt == date(2010, 3, 31)
    assert all_day["DTEND"].dt == date(2010, 4, 1)
    assert str(all_day["SUMMARY"]) == "Sista svarsdag: Remiss om äldreomsorg"
    assert str(all_day["DESCRIPTION"]) == EVENTS[0].description
    assert str(all_day["URL"]) == "https://remiss.example.se/remisser/42"
    assert meeting["DTSTART"].dt == datetime(2010, 3, 30, 18, 0, tzinfo=STOCKHOLM)
    assert meeting["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert utc["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert utc["DTSTART"].dt.hour == 17
    assert list(parsed.walk("VTIMEZONE"))


def test_build_ics_is_stable_and_deduplicates_uids():
    first = build_ics(EVENTS + EVENTS[:1], calendar_name="x")
    assert first == build_ics(EVENTS, calendar_name="x")
    assert first.count(b"BEGIN:VEVENT") == 3
    stamped = build_ics(EVENTS, calendar_name="x", now=datetime(2015, 9, 1, 10, tzinfo=STOCKHOLM))
    assert b"DTSTAMP:20150901T080000Z" in stamped


def test_stable_uid_is_safe():
    assert stable_uid("remiss", "KS 2010/12", "namnd", domain="malmo.se") == (
        "remiss-KS_2010_12-namnd@malmo.se"
    )


def _icalendar_vevent(event: CalendarEvent, stamp: datetime) -> bytes:
    """The reference: the Event component icalendar builds for the event, serialised by icalendar."""
    component = icalendar.Event()
    component.add("uid", event.uid)
    component.add("dtstamp", stamp)
    component.add("summary", event.summary)
    if isinstance(event.start, datetime):
        start = event.start
        component.add("dtstart", start.replace(tzinfo=STOCKHOLM) if start.tzinfo is None else start.astimezone(STOCKHOLM))
    else:
        component.add("dtstart", event.start)
        component.add("dtend", event.start + timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    if event.description:
        component.add("description", event.description)
    if event.url:
        component.add("url", event.url)
    return component.to_ical()


def test_events_serialise_byte_for_byte_as_icalendar_does():
    """The VEVENT is written with icalendar's encoders but without its component: around the 75-octet
    fold, with multi-byte letters, escaped characters, line breaks, dates, local, naive and UTC times
    (summer and winter), the bytes must be icalendar's own."""
    from remiss.calendar.ics import _vevent_ical

    stamp = datetime(2026, 3, 1, 7, 5, 9, tzinfo=timezone.utc)
    starts = (date(2026, 4, 1), date(2026, 12, 31), datetime(2026, 4, 1, 12, tzinfo=STOCKHOLM),
              datetime(2026, 1, 15, 9, 30), datetime(2026, 7, 1, 22, 15, tzinfo=timezone.utc),
              datetime(2026, 3, 29, 1, 59, 59, tzinfo=STOCKHOLM))
    for length in range(40, 140, 3):
        for filler in ("a", "ä", "a,b;c\\", "rad\nny rad", "€"):
            summary = ("Sista svarsdag: " + filler * length)[:length]
            for start in starts:
                for description, url in (("", None), (summary[::-1], f"https://remiss.example.se/{'x' * length}?a=1&b=2")):
                    event = CalendarEvent(uid=f"remiss-{length}-sista_svarsdag@remiss", summary=summary, start=start,
                                          description=description, url=url)
                    assert _vevent_ical(event, stamp) == _icalendar_vevent(event, stamp), (summary, start)
