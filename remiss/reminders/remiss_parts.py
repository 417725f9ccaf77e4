"""The parts every mail about a remiss shares: its facts (text and HTML) and the calendar file of its deadline,
made once a sweep for each remiss. Split from mail.py (the mail's build)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

import icalendar
from jinja2 import Template
from markupsafe import Markup

from remiss.calendar import stable_uid
from remiss.calendar.ics import PRODID
from remiss.calendar.swedish import format_deadline
from remiss.clock import STOCKHOLM
from remiss.reminders.message import Attachment
from remiss.remisser.models import Remiss


class MailTemplates(NamedTuple):
    text: Template
    html: Template
    facts_text: Template
    facts_html: Template


class Facts(NamedTuple):
    """A remiss's facts, rendered once for every mail about it: as text and as HTML."""

    text: str
    html: Markup


NO_FACTS = Facts("", Markup(""))


def _remiss_parts(remiss: Remiss, base: str, now: datetime,
                  templates: MailTemplates) -> tuple[str, Facts, tuple[Attachment, ...]]:
    """(link, facts, the deadline's calendar file) of a remiss: the same for every mail about it in a sweep."""
    return _remiss_parts_cached(remiss.id, remiss.title, remiss.remittent, remiss.sender_dnr, remiss.our_dnr,
                                remiss.effective_deadline_on, remiss.effective_deadline_time, base, now, templates,
                                outgoing=is_outgoing(remiss))


def is_outgoing(remiss) -> bool:
    """Whether the remiss is one we send out (we are the remittent): its mails speak of instanser, not of a yttrande."""
    return str(getattr(remiss, "direction", "") or "") == "utgaende"


@lru_cache(maxsize=2048)
def _remiss_parts_cached(remiss_id: int, title: str, remittent: str | None, sender_dnr: str | None,
                         our_dnr: str | None, day: date | None, at: time | None, base: str, now: datetime,
                         templates: MailTemplates, outgoing: bool = False) -> tuple[str, Facts, tuple[Attachment, ...]]:
    """Keyed on every field the parts show, so an edited remiss gets new ones (now is the sweep's moment). An
    utgående remiss has no remittent but us (truth16 F13): its sista svarsdag is the remissinstansernas."""
    link = f"{base}/remisser/{remiss_id}"
    rows = ((("Ärende", title), ("Vårt diarienummer", our_dnr or "–"),
             ("Remissinstansernas sista svarsdag", format_deadline(day, at))) if outgoing else
            (("Ärende", title), ("Remittent", remittent or "–"), ("Remittentens diarienummer", sender_dnr or "–"),
             ("Vårt diarienummer", our_dnr or "–"), ("Sista svarsdag", format_deadline(day, at))))
    facts = Facts(templates.facts_text.render(facts=rows), Markup(templates.facts_html.render(facts=rows)))
    if day is None:
        return link, facts, ()
    start: date | datetime = datetime.combine(day, at, tzinfo=STOCKHOLM) if at else day
    ics = deadline_calendar(uid=stable_uid("remiss", remiss_id, "sista_svarsdag"), summary=f"Sista svarsdag: {title}",
                            start=start, description=f"Vårt diarienummer: {our_dnr or '–'}", url=link, now=now)
    params = (("method", "PUBLISH"), ("charset", "utf-8"))
    return link, facts, (Attachment(ics, "text", "calendar", "sista-svarsdag.ics", params),)


def deadline_calendar(*, uid: str, summary: str, start: date | datetime, description: str, url: str,
                      now: datetime) -> bytes:
    """The calendar file of one deadline, as icalendar writes it (a day is an all-day event that does
    not make anyone busy; a moment is given in Stockholm time with the zone's definition)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Remiss – sista svarsdag")
    event = icalendar.Event()
    event.add("summary", summary)
    event.add("dtstart", start)
    if isinstance(start, datetime):
        calendar.add_component(_stockholm(start.year))
    else:
        event.add("dtend", start + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    event.add("dtstamp", now.astimezone(timezone.utc))
    event.add("uid", uid)
    event.add("description", description)
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()


@lru_cache(maxsize=8)
def _stockholm(year: int) -> icalendar.Timezone:
    """Europe/Stockholm's rules around the year of a deadline (the whole zone history would fill the mail)."""
    return icalendar.Timezone.from_tzid("Europe/Stockholm", first_date=date(year - 1, 1, 1),
                                        last_date=date(year + 1, 12, 31))
