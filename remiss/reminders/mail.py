"""Build the Swedish e-mail of one outbox row: plain text, HTML and an ICS file for the deadline."""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from typing import Callable, NamedTuple

import icalendar
from flask import current_app
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from markupsafe import Markup
from sqlmodel import Session, select

from remiss.calendar import stable_uid
from remiss.calendar.ics import PRODID
from remiss.calendar.missed import MEETING_STEPS
from remiss.calendar.missed import advice as missed_advice
from remiss.calendar.planner import LABELS
from remiss.clock import STOCKHOLM, local
from remiss.calendar.swedish import format_deadline, format_weekday_date
from remiss.calendar.workdays import WorkCalendar
from remiss.drafting.models import Decision
from remiss.planning.lateness import relative
from remiss.reminders import policy
from remiss.reminders.message import Attachment, build
from remiss.reminders.models import OutboxMessage
from remiss.reminders.schedule import digest_items
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus

EXPECTED = {
    "tjansteskrivelse": "Skriv klart tjänsteskrivelsen och förslaget till yttrande så att det hinner granskas.",
    "granskning": "Granska utkastet till yttrande och godkänn det eller skicka tillbaka det med synpunkter.",
    "justering": "Se till att protokollet justeras så att yttrandet kan expedieras.",
    "expediering": "Expediera yttrandet till remittenten när beslutet är fattat och, om det fattas vid ett sammanträde, "
                   "justerat.",
    "sista_svarsdag": "Se till att yttrandet når remittenten senast sista svarsdagen, eller begär förlängd remisstid.",
}
# A sammanträde passed without its step (policy.MISSED_TOLD): what the registrator does about it, dated.
EXPECTED_MISSED = dict.fromkeys(MEETING_STEPS, missed_advice)
# What the expediering asks for once the beslut is recorded: its kind (Decision.decided_by) says whether there is a
# justering to wait for (a delegationsbeslut has none).
EXPECTED_AFTER_DECISION = {
    "namnd": "Expediera det justerade yttrandet till remittenten.",
    "arbetsutskott": "Expediera det justerade yttrandet till remittenten.",
    "delegat": "Expediera yttrandet till remittenten; ett delegationsbeslut justeras inte och kan expedieras direkt.",
}
NOTICE_TEXT = {
    policy.ASSIGNED: ("Du har tilldelats remiss {title}", "Du har tilldelats remissen och är handläggare för den.",
                      "Läs remisshandlingarna och börja arbeta med tjänsteskrivelsen enligt tidplanen."),
    # an utgående remiss (truth16 F13): no tjänsteskrivelse, no tidplan; its Nästa steg is the sändlista and missivet
    (policy.ASSIGNED, "utgaende"): ("Du har tilldelats utgående remiss {title}",
                                    "Du har tilldelats den utgående remissen och är handläggare för den.",
                                    "Kontrollera sändlistan och adresserna, skapa missivet och skicka remissen till "
                                    "remissinstanserna; sammanställ sedan deras svar."),
    policy.EXTENSION: ("Förlängd remisstid: {title}", "Förlängd remisstid har beviljats.",
                       "Tidplanen är omräknad efter den nya sista svarsdagen; kontrollera dina datum."),
    policy.REVIEW: ("Att granska: {title}", "Ett utkast till yttrande har skickats till granskning.",
                    "Granska utkastet och godkänn det eller skicka tillbaka det med synpunkter."),
    # a rättelse of the expedierat yttrande, reviewed while the remiss stays besvarad
    (policy.REVIEW, "rattelse"): ("Att granska, rättelse: {title}",
                                  "En rättelse av det expedierade yttrandet har skickats till granskning.",
                                  "Granska rättelsen och godkänn den eller skicka tillbaka den med synpunkter."),
    policy.RETURNED: ("Tillbaka från granskningen: {title}",
                      "Granskaren har skickat tillbaka utkastet till yttrandet till dig.",
                      "Gör ändringarna, spara en ny version och skicka den till granskning igen."),
    (policy.RETURNED, "rattelse"): ("Tillbaka från granskningen, rättelse: {title}",
                                    "Granskaren har skickat tillbaka rättelsen av yttrandet till dig.",
                                    "Gör ändringarna, spara en ny version och skicka rättelsen till granskning igen."),
    policy.ANSWERED: ("Besvarad: {title}", "Remissen är besvarad och yttrandet expedierat.",
                      "Ingenting mer behöver göras. Inga fler påminnelser skickas om remissen."),
    # a status set by hand ("Ändra status för hand", the API's PATCH): nothing is known to have been expedierat
    (policy.ANSWERED, "by_hand"): ("Besvarad: {title}",
                                   "Remissens status har ändrats till Besvarad för hand. Inget yttrande har "
                                   "expedierats genom Remiss.",
                                   "Ingenting mer behöver göras. Inga fler påminnelser skickas om remissen."),
    policy.MOVED_EARLIER: ("Tidigare datum i tidplanen: {title}",
                           "Sammanträdesplanen har ändrats och datum i remissens tidplan har flyttats tidigare.",
                           "Kontrollera de nya datumen i tidplanen och säg till om de inte går att hålla."),
}


# Other capabilities that put their own kinds in the outbox register how to build them: kind → compose.
COMPOSERS: dict[str, Callable] = {}


def _workdays(count: int) -> str:
    return "1 arbetsdag" if count == 1 else f"{count} arbetsdagar"


# What a milestone asks for, as a sentence: (is due, was due).
DUE_SENTENCES = {
    "tjansteskrivelse": ("Tjänsteskrivelsen ska vara klar", "Tjänsteskrivelsen skulle ha varit klar"),
    "granskning": ("Granskningen av yttrandet ska vara klar", "Granskningen av yttrandet skulle ha varit klar"),
    "arbetsutskott": ("Arbetsutskottet behandlar ärendet", "Arbetsutskottet skulle ha behandlat ärendet"),
    "namnd": ("Nämnden beslutar om yttrandet", "Nämnden skulle ha beslutat om yttrandet"),
    "justering": ("Protokollet ska justeras", "Protokollet skulle ha justerats"),
    "expediering": ("Yttrandet ska expedieras", "Yttrandet skulle ha expedierats"),
    "sista_svarsdag": ("Svaret ska vara remittenten tillhanda", "Svaret skulle ha varit remittenten tillhanda"),
}


@lru_cache(maxsize=1)
def _calendar() -> WorkCalendar:
    """Swedish working days (helgdagar and aftnar; a nämnd's own klämdagar are left out of the count)."""
    return WorkCalendar()


class Told(NamedTuple):
    """What one reminder says: its kind as it is when the mail is composed (a heads-up sent late is "i dag" or
    "försenad"), the working days to or since the date, the milestone's label, its sentences and what is expected."""

    kind: str
    workdays: int
    label: str
    lines: list[str]
    expected: str
    milestone: str = ""
    when: str = "i dag"  # an "on the day" reminder moved to the working day before: "i morgon", "om 2 dagar" (F33)


def reminder_told(kind: str, payload: dict, remiss: Remiss, due_words: str, *,
                  today: date | None = None, decided_by: str | None = None, in_time: bool = True) -> Told:
    """The parts of one reminder, with the distance to the due day counted today (when the mail is composed), not
    when the reminder was planned: a mail sent late says how late. decided_by is the kind of the recorded beslut
    (None before it): what the expediering waits for; in_time: whether a sammanträde still comes before the sista
    svarsdag (planning.service.missed.meeting_in_time), what a missed meeting's advice offers."""
    milestone = payload.get("milestone", "sista_svarsdag")
    label = LABELS.get(milestone, milestone)
    is_due, was_due = DUE_SENTENCES.get(milestone, (f"{label} ska vara klar", f"{label} skulle ha varit klar"))
    workdays = int(payload.get("workdays", 0))
    when = "i dag"
    if today is not None and payload.get("due_on"):
        due = date.fromisoformat(payload["due_on"])
        ahead = _calendar().workdays_between(today, due)
        workdays = abs(ahead)
        if kind in (policy.BEFORE, policy.ON_DAY) and due <= today:  # sent late: say what is true now
            kind = policy.ON_DAY if due == today else policy.OVERDUE
        elif kind == policy.ON_DAY and due > today:  # a helgdag's reminder goes out the working day before
            when = relative(due, today)
    expected = EXPECTED.get(milestone, "Se till att milstolpen blir klar i tid.")
    if milestone == "expediering" and decided_by in EXPECTED_AFTER_DECISION:
        expected = EXPECTED_AFTER_DECISION[decided_by]
    if milestone in EXPECTED_MISSED and payload.get("due_on"):
        expected = EXPECTED_MISSED[milestone](milestone, date.fromisoformat(payload["due_on"]), in_time)
    if kind == policy.BEFORE:
        lines = [f"{is_due} {due_words}, om {_workdays(workdays)}."]
    elif kind == policy.ON_DAY:
        lines = [f"{is_due} {when}, {due_words}."]
    elif kind == policy.OVERDUE:
        lines = [f"{was_due} {due_words}.", _late_since(workdays, payload, remiss, today)]
    else:
        lines = [f"{was_due} {due_words}.", _late_since(workdays, payload, remiss, today),
                 "Du får detta meddelande som granskare eller registrator för nämnden."]
        expected = "Se till att arbetet kommer vidare, eller att förlängd remisstid begärs i tid."
    deadline = getattr(remiss, "effective_deadline_on", None)
    if (milestone == "expediering" and kind in (policy.BEFORE, policy.ON_DAY) and deadline
            and payload.get("due_on") and date.fromisoformat(payload["due_on"]) > deadline):
        # as the remiss page warns (truth16 F8): the planned expediering is after the sista svarsdag
        lines.append(f"Det är efter sista svarsdag {format_weekday_date(deadline)}"
                     + (f" kl. {remiss.effective_deadline_time:%H.%M}" if remiss.effective_deadline_time else "")
                     + ": meddela remittenten eller begär förlängd remisstid.")
    return Told(kind, workdays, label, lines, expected, milestone, when)


def subject_head(told: Told) -> str:
    """"Expediering om 2 arbetsdagar", "Sista svarsdag i dag", "Försenad: tjänsteskrivelse klar" …"""
    if told.kind == policy.BEFORE:
        return f"{told.label} om {_workdays(told.workdays)}"
    if told.kind == policy.ON_DAY:
        return f"{told.label} {told.when}"
    if told.kind == policy.OVERDUE:
        return f"Försenad: {told.label.lower()}"
    return f"Eskalering, försenad: {told.label.lower()}"


def reminder_text(kind: str, payload: dict, remiss: Remiss, due_words: str, *,
                  today: date | None = None, decided_by: str | None = None) -> tuple[str, list[str], str]:
    """Return (subject, paragraphs, what is expected) of one reminder (reminder_told)."""
    told = reminder_told(kind, payload, remiss, due_words, today=today, decided_by=decided_by)
    dnr = f"[{remiss.our_dnr}] " if remiss.our_dnr else ""
    return f"{dnr}{subject_head(told)} – {remiss.title}", told.lines, told.expected


def _late_since(workdays: int, payload: dict, remiss, today: date | None) -> str:
    """"Det är nu 3 arbetsdagar sedan.", counted from the arrival for a step dated before the remiss came in (as
    the start page counts it, planning.lateness)."""
    received = getattr(remiss, "received_on", None)
    due = date.fromisoformat(payload["due_on"]) if payload.get("due_on") else None
    if today is None or received is None or due is None or due >= received or received > today:
        return f"Det är nu {_workdays(workdays)} sedan."
    since = _calendar().workdays_between(received, today)
    return (f"Datumet låg före remissens ankomst {format_weekday_date(received)}; det är nu {_workdays(since)} "
            "sedan remissen kom.")


def _due_words(payload: dict, remiss) -> str:
    """"onsdag 31 mars 2027", with the deadline's clock time on the sista svarsdag ("… kl. 12.00")."""
    if not payload.get("due_on"):
        return ""
    due = date.fromisoformat(payload["due_on"])
    at = remiss.effective_deadline_time if payload.get("milestone") == "sista_svarsdag" \
        and due == remiss.effective_deadline_on else None
    return format_weekday_date(due) + (f" kl. {at:%H.%M}" if at else "")


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


def _mail_templates(app) -> MailTemplates:
    """The mail templates, from a Jinja environment without the page globals (a sweep renders
    thousands; every render copies the globals into its context)."""
    templates = app.extensions.get("remiss_mail_templates")
    if templates is None:
        env = Environment(loader=app.jinja_env.loader, autoescape=select_autoescape(["html"]), auto_reload=False)
        env.globals.clear()
        templates = app.extensions["remiss_mail_templates"] = MailTemplates(
            *(env.get_template(f"email/{name}") for name in ("message.txt", "message.html", "facts.txt", "facts.html")))
    return templates


@lru_cache(maxsize=1)
def _letter() -> Template:
    from remiss import ROOT

    env = Environment(loader=FileSystemLoader(ROOT / "templates"), autoescape=True, auto_reload=False)
    return env.get_template("email/letter.html")


def letter_html(paragraphs: list[str]) -> str:
    """The HTML part of a plain letter (expediering, mail to remissinstanser): one <p> per paragraph, line
    breaks kept. Rendered without the app, as services build these mails outside requests too."""
    return _letter().render(paragraphs=paragraphs)


@lru_cache(maxsize=64)
def _date_header(now: datetime) -> str:
    return format_datetime(local(now))


def _digest_items_now(session: Session, payload: dict, now: datetime) -> list[dict]:
    """The digest's milestones as they are when the mail is composed: what was ticked off since the digest was
    enqueued is left out, and late means late today (a digest sent after an outage is not a week old)."""
    if "namnd_id" not in payload or "start" not in payload:
        return payload.get("items", [])
    start = max(date.fromisoformat(payload["start"]), local(now).date())
    return digest_items(session, namnd_id=payload["namnd_id"], start=start, end=date.fromisoformat(payload["end"]))


def _digest_link(base: str, payload: dict, items: list[dict]) -> tuple[str, str]:
    """The digest's closing link: the one remiss it is about, else the nämnd's remisser in the Diarium."""
    remiss_ids = {i["remiss_id"] for i in items}
    if len(remiss_ids) == 1:
        return f"{base}/remisser/{remiss_ids.pop()}", "Öppna remissen"
    if payload.get("namnd_id"):
        return f"{base}/remisser?namnd_id={payload['namnd_id']}", "Öppna nämndens remisser"
    return f"{base}/", "Öppna Remiss"


def _decided_by(session: Session, remiss_id: int) -> str | None:
    """The kind of the recorded beslut on the yttrande (a rättelse's expediering is not reminded of)."""
    return session.exec(select(Decision.decided_by).where(Decision.remiss_id == remiss_id,
                                                          Decision.rattelse == 0)).first()


def compose(session: Session, row: OutboxMessage, *, config, now: datetime,
            remiss: Remiss | None = None, also: tuple = ()) -> EmailMessage:
    """Return the mail of an outbox row, built from the remiss as it is now (pass it if already loaded); also: the
    other reminder rows of the same remiss and recipient that go out in this mail (together.py)."""
    if row.kind in COMPOSERS:
        return COMPOSERS[row.kind](session, row, config=config, now=now)
    payload = json.loads(row.payload) if row.payload and row.payload != "{}" else {}
    base = config["BASE_URL"].rstrip("/")
    if remiss is None and row.remiss_id:
        remiss = session.get(Remiss, row.remiss_id)
    templates = _mail_templates(current_app._get_current_object())
    context = {"greeting": "Hej!", "paragraphs": [], "facts": NO_FACTS, "items": [], "expected": "",
               "link": f"{base}/", "link_label": "Öppna Remiss", "settings_link": f"{base}/paminnelser"}
    attachments: tuple[Attachment, ...] = ()
    if row.kind == policy.DIGEST:
        subject = f"Veckans remisser – {payload.get('namnd', '')}"
        items = _digest_items_now(session, payload, now)
        context["paragraphs"] = [f"Det här ska vara klart i {payload.get('namnd', 'nämnden')} de kommande "
                                 f"{policy.DIGEST_WEEKS} veckorna, och det som redan är försenat."
                                 if items else f"Inget i {payload.get('namnd', 'nämnden')} är försenat eller ska "
                                 f"vara klart de kommande {policy.DIGEST_WEEKS} veckorna."]
        context["items"] = [{"title": i["title"], "our_dnr": i["our_dnr"], "milestone": i["milestone"],
                             "due": format_weekday_date(date.fromisoformat(i["due_on"])), "late": i["late"],
                             "why": i.get("why", ""), "nobody": i.get("nobody", ""),
                             "link": f"{base}/remisser/{i['remiss_id']}"} for i in items]
        context["link"], context["link_label"] = _digest_link(base, payload, items)
        context["expected"] = "Se till att varje milstolpe har någon som driver den."
    elif remiss is not None and (row.kind in policy.REMINDER_KINDS or row.kind in NOTICE_TEXT):
        context["link"], context["facts"], attachments = _remiss_parts(remiss, base, now, templates)
        context["link_label"] = "Öppna remissen"
        if row.kind in policy.REMINDER_KINDS:  # with the rows of the same remiss and recipient going out with it
            from remiss.reminders.together import reminder_mail

            subject, lines, expected = reminder_mail(session, [row, *also], remiss, today=local(now).date())
        else:
            variant = ("rattelse" if payload.get("rattelse") else "by_hand" if payload.get("by_hand")
                       else "utgaende" if is_outgoing(remiss) else "")
            template, line, expected = NOTICE_TEXT.get((row.kind, variant)) or NOTICE_TEXT[row.kind]
            subject = (f"[{remiss.our_dnr}] " if remiss.our_dnr else "") + template.format(title=remiss.title)
            lines = [line] + payload.get("lines", [])
            if row.kind == policy.EXTENSION and remiss.effective_deadline_on:  # the date in force when sent (F30)
                lines = [line, "Ny sista svarsdag: "
                         f"{format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}."]
        context["paragraphs"], context["expected"] = lines, expected
        if RemissStatus(remiss.status).is_closed:
            attachments = ()  # an answered (or closed) remiss has no deadline left to put in a calendar
    else:  # a kind nobody registered: the payload's own text
        subject = payload.get("subject") or "Meddelande från Remiss"
        context["paragraphs"] = [p for p in str(payload.get("text", "")).split("\n\n") if p.strip()]
        if remiss is not None:
            context["link"], context["facts"], _ = _remiss_parts(remiss, base, now, templates)
            context["link_label"] = "Öppna remissen"
    subject = row.subject or subject
    context["subject"] = subject
    return build(sender=config.get("MAIL_FROM", "Remiss <remiss@localhost>"), to=row.recipient_email,
                 subject=subject, message_id=row.message_id, date=_date_header(now),
                 text=templates.text.render(context), html=templates.html.render(context), attachments=attachments,
                 extra={"Auto-Submitted": "auto-generated", "X-Remiss-Outbox-Id": str(row.id),
                        "X-Remiss-Kind": row.kind,
                        # a mail joining several rows (together.py) names them all, so each row is traced to its mail
                        **({"X-Remiss-Outbox-Ids": ", ".join(str(r.id) for r in (row, *also))} if also else {})})
