"""Build the Swedish e-mail of one outbox row: plain text, HTML and an ICS file for the deadline. A reminder's words
are reminder_words.py's, the facts and calendar file every mail about a remiss shares are remiss_parts.py's."""
from __future__ import annotations

import json
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from typing import Callable

from flask import current_app
from jinja2 import Environment, FileSystemLoader, Template, select_autoescape
from sqlmodel import Session, select

from remiss.clock import local
from remiss.calendar.swedish import format_deadline, format_weekday_date
from remiss.drafting.models import Decision
from remiss.planning.extension_needed import still_needed, still_needed_words
from remiss.reminders import policy
from remiss.reminders.assigned_words import assigned_expected
from remiss.reminders.digest import digest_items
from remiss.reminders.message import Attachment, build
from remiss.reminders.models import OutboxMessage
# the reminder's words and the remiss's parts, imported from here by others (together.py, tests)
from remiss.reminders.reminder_words import (DUE_SENTENCES, EXPECTED, EXPECTED_AFTER_DECISION,  # noqa: F401
                                             EXPECTED_MISSED, Told, _due_words, _late_since, _workdays,
                                             reminder_text, reminder_told, subject_head)
from remiss.reminders.remiss_parts import (NO_FACTS, Facts, MailTemplates, _remiss_parts,  # noqa: F401
                                           deadline_calendar, is_outgoing)
from remiss.remisser.kind_words import many_of, noun_of, reword
from remiss.remisser.models import Remiss
from remiss.remisser.present import LATE_STEP, deadline_passed, lateness
from remiss.remisser.status import RemissStatus

# {the}, {The}, {whose}, {Whose}, {it}, {besvarad}, {papers}, {Extended}: the words of the remiss's kind
# (kind_words, walk18 F7), so a medborgarförslag is "ärendet" where a remiss is "remissen"
NOTICE_TEXT = {
    # the definite form and the title quoted: "Du har tilldelats remissen ”Ett förenklat …”" (walk23 W7a)
    policy.ASSIGNED: ("Du har tilldelats {the} ”{title}”", "Du har tilldelats {the} och är handläggare för {it}.",
                      "Läs {papers} och börja arbeta med tjänsteskrivelsen enligt tidplanen."),
    # an utgående remiss (truth16 F13): no tjänsteskrivelse, no tidplan; its Nästa steg is the sändlista and missivet
    (policy.ASSIGNED, "utgaende"): ("Du har tilldelats den utgående remissen ”{title}”",
                                    "Du har tilldelats den utgående remissen och är handläggare för den.",
                                    "Kontrollera sändlistan och adresserna, skapa missivet och skicka remissen till "
                                    "remissinstanserna; sammanställ sedan deras svar."),
    policy.EXTENSION: ("{Extended}: {title}", "{Extended} har beviljats.",
                       "Tidplanen är omräknad efter den nya sista svarsdagen; kontrollera dina datum."),
    (policy.EXTENSION, "general"): ("{Extended}: {title}",
                                    "Remittenten har förlängt {time} för alla remissinstanser (allmän förlängning).",
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
    policy.ANSWERED: ("Besvarad: {title}", "{The} är {besvarad} och yttrandet expedierat.",
                      "Ingenting mer behöver göras. Inga fler påminnelser skickas om {the}."),
    # a status set by hand ("Ändra status för hand", the API's PATCH): nothing is known to have been expedierat
    (policy.ANSWERED, "by_hand"): ("Besvarad: {title}",
                                   "{Whose} status har ändrats till Besvarad för hand. Inget yttrande har "
                                   "expedierats genom Remiss.",
                                   "Ingenting mer behöver göras. Inga fler påminnelser skickas om {the}."),
    policy.NO_MEETING: ("Inget sammanträde före sista svarsdag: {title}",
                        "Sammanträdesplanen har ändrats och inget nämndsammanträde hinner längre före sista svarsdag "
                        "för {the}.",
                        "Begär förlängd remisstid, låt ordföranden eller en delegat besluta (ordförande- eller "
                        "delegationsbeslut) eller lägg till ett extra sammanträde i sammanträdesplanen."),
    policy.MOVED_EARLIER: ("Tidigare datum i tidplanen: {title}",
                           "Sammanträdesplanen har ändrats och datum i {whose} tidplan har flyttats tidigare.",
                           "Kontrollera de nya datumen i tidplanen och säg till om de inte går att hålla."),
}



# Other capabilities that put their own kinds in the outbox register how to build them: kind → compose.
COMPOSERS: dict[str, Callable] = {}


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
        return f"{base}/remisser/{remiss_ids.pop()}", f"Öppna {noun_of(items[0].get('kind')).the}"
    if payload.get("namnd_id"):
        return f"{base}/remisser?namnd_id={payload['namnd_id']}", f"Öppna nämndens {_digest_many(items)}"
    return f"{base}/", "Öppna Remiss"


def _digest_many(items: list[dict]) -> str:
    """"remisser", or "ärenden" when any listed is a medborgarförslag (an old payload's rows are remisser)."""
    return many_of(i.get("kind") for i in items)


def _decided_by(session: Session, remiss_id: int) -> str | None:
    """The kind of the recorded beslut on the yttrande (a rättelse's expediering is not reminded of), or
    "ej_skickat" once it is expedierat without an answer address and not yet registered as sent."""
    from remiss.drafting.models import YttrandeDraft
    from remiss.drafting.sent_by_hand import pending

    draft = session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == remiss_id)).first()
    remiss = session.get(Remiss, remiss_id)
    if draft is not None and remiss is not None and pending(remiss, draft.state, draft.rattelse):
        return "ej_skickat"
    return session.exec(select(Decision.decided_by).where(Decision.remiss_id == remiss_id,
                                                          Decision.rattelse == 0)).first()


def compose(session: Session, row: OutboxMessage, *, config, now: datetime,
            remiss: Remiss | None = None, also: tuple = (), loaded=None) -> EmailMessage:
    """Return the mail of an outbox row, built from the remiss as it is now (pass it if already loaded); also: the
    other reminder rows of the same remiss and recipient that go out in this mail (together.py); loaded: what the
    sweep's claim read for its batch (claim.Loaded: the Tidplan's milestones and proposals), else read here."""
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
        items = _digest_items_now(session, payload, now)
        # "Veckans ärenden" when a medborgarförslag is among them (walk18 F7), as the rows and the link say it
        subject = f"Veckans {_digest_many(items)} – {payload.get('namnd', '')}"
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
        noun = noun_of(remiss.kind)
        context["link_label"] = f"Öppna {noun.the}"
        if row.kind in policy.REMINDER_KINDS:  # with the rows of the same remiss and recipient going out with it
            from remiss.reminders.together import reminder_mail

            subject, lines, expected = reminder_mail(session, [row, *also], remiss, today=local(now).date(), now=now)
        else:
            variant = ("rattelse" if payload.get("rattelse") else "by_hand" if payload.get("by_hand")
                       else "general" if payload.get("general") else "utgaende" if is_outgoing(remiss) else "")
            template, line, expected = NOTICE_TEXT.get((row.kind, variant)) or NOTICE_TEXT[row.kind]
            words = {"the": noun.the, "The": noun.The,
                     "whose": noun.whose, "Whose": noun.whose.capitalize(), "it": noun.it,
                     "besvarad": noun.done("besvarad"), "papers": noun.papers,
                     "Extended": noun.extended.capitalize(), "time": noun.time}  # "Förlängd svarstid" (walk21 J4)
            subject = (f"[{remiss.our_dnr}] " if remiss.our_dnr else "") + template.format(title=remiss.title,
                                                                                            **words)
            line, expected = line.format(**words), expected.format(**words)
            lines = [line] + payload.get("lines", [])
            if row.kind == policy.ASSIGNED and not variant and deadline_passed(remiss, now):  # truth17 F5
                expected = reword(f"Läs {noun.papers}. {lateness(remiss, now)} {LATE_STEP}", remiss.kind)
            elif row.kind == policy.ASSIGNED and not variant:  # the tjänsteskrivelse's day, or how late (walk26 W8)
                expected = reword(assigned_expected(session, remiss, local(now).date(), noun.papers,
                                                    loaded.tidplan(remiss.id) if loaded else None),
                                  remiss.kind) or expected
            if row.kind == policy.EXTENSION and remiss.effective_deadline_on:  # the date in force when sent (F30)
                lines = [line, "Ny sista svarsdag: "
                         f"{format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}."]
            if row.kind == policy.EXTENSION and (short := still_needed_words(loaded.proposals.get(remiss.id))
                                                 if loaded else still_needed(session, remiss.id, local(now).date())):
                expected = reword(short, remiss.kind)  # not "kontrollera dina datum" alone (walk22 L12f)
        context["paragraphs"], context["expected"] = lines, expected
        if RemissStatus(remiss.status).is_closed:
            attachments = ()  # an answered (or closed) remiss has no deadline left to put in a calendar
    else:  # a kind nobody registered: the payload's own text
        subject = payload.get("subject") or "Meddelande från Remiss"
        context["paragraphs"] = [p for p in str(payload.get("text", "")).split("\n\n") if p.strip()]
        if remiss is not None:
            context["link"], context["facts"], _ = _remiss_parts(remiss, base, now, templates)
            context["link_label"] = f"Öppna {noun_of(remiss.kind).the}"
    subject = row.subject or subject
    context["subject"] = subject
    return build(sender=config.get("MAIL_FROM", "Remiss <remiss@localhost>"), to=row.recipient_email,
                 subject=subject, message_id=row.message_id, date=_date_header(now),
                 text=templates.text.render(context), html=templates.html.render(context), attachments=attachments,
                 extra={"Auto-Submitted": "auto-generated", "X-Remiss-Outbox-Id": str(row.id),
                        "X-Remiss-Kind": row.kind,
                        # a mail joining several rows (together.py) names them all, so each row is traced to its mail
                        **({"X-Remiss-Outbox-Ids": ", ".join(str(r.id) for r in (row, *also))} if also else {})})
