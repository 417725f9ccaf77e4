"""What the "Du har tilldelats" mail asks of the handläggare of an incoming remiss, from its tidplan as it is when the
mail is composed: when the tjänsteskrivelse is due, or that it is already late and by how much, and the sista
svarsdag when it is close (walk26 W8: not "börja … enligt tidplanen" when the tidplan is already broken)."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from remiss.calendar.swedish import format_weekday_date
from remiss.planning.extension_needed import proposal
from remiss.planning.models import Milestone
from remiss.planning.pending_extension import ASK
from remiss.reminders.reminder_words import _calendar, _workdays
from remiss.remisser.models import Remiss

# A sista svarsdag this many arbetsdagar away or fewer is said in the mail: the handläggare plans the work by it.
CLOSE_WORKDAYS = 10


def tjansteskrivelse_words(due: date, today: date) -> str:
    """"Den ska vara klar torsdag 17 december 2026, om 8 arbetsdagar." or, when late, "Den skulle ha varit klar
    torsdag 26 november 2026 och är redan 7 arbetsdagar försenad.\""""
    day = format_weekday_date(due)
    if due == today:
        return f"Den ska vara klar i dag, {day}."
    count = abs(_calendar().workdays_between(today, due))
    if due > today:
        return f"Den ska vara klar {day}, om {_workdays(count)}."
    return f"Den skulle ha varit klar {day} och är redan {_workdays(max(count, 1))} försenad."


def deadline_words(remiss: Remiss, today: date) -> str:
    """"Sista svarsdag är fredag 11 december 2026, om 5 arbetsdagar." when it is CLOSE_WORKDAYS away or fewer; ""
    when it is further (the mail's facts give it) or already passed (said by remisser.present.lateness)."""
    day = remiss.effective_deadline_on
    if day is None or day < today:
        return ""
    at = f" kl. {remiss.effective_deadline_time:%H.%M}" if remiss.effective_deadline_time else ""
    if day == today:
        return f"Sista svarsdag är i dag, {format_weekday_date(day)}{at}."
    count = _calendar().workdays_between(today, day)
    if count > CLOSE_WORKDAYS:
        return ""
    return f"Sista svarsdag är {format_weekday_date(day)}{at}, om {_workdays(count)} – det är kort tid."


def assigned_expected(session: Session, remiss: Remiss, today: date, papers: str) -> str:
    """"Läs remisshandlingarna och skriv tjänsteskrivelsen. Den ska vara klar …" with the sista svarsdag when close
    and the Tidplan's förlängning proposal when it needs one; "" when the remiss has no tjänsteskrivelse step (the
    mail says its general words)."""
    due = session.exec(select(Milestone.due_on).where(Milestone.remiss_id == remiss.id,
                                                     Milestone.kind == "tjansteskrivelse",
                                                     Milestone.done_at.is_(None))).first()
    if due is None:
        return ""
    words = [f"Läs {papers} och skriv tjänsteskrivelsen.", tjansteskrivelse_words(due, today)]
    if close := deadline_words(remiss, today):
        words.append(close)
    said = proposal(session, remiss.id, today)
    if said:  # the Tidplan's own advice, from its "Begär förlängd remisstid …" (the rest repeats the late step)
        words.append(said[said.find(ASK):] if ASK in said else said)
    elif said == "":
        words.append("Tidplanen går inte att hålla; begär förlängd remisstid hos remittenten.")
    return " ".join(words)
