"""What the "Du har tilldelats" mail asks of the handläggare of an incoming remiss, from its tidplan as it is when the
mail is composed: when the tjänsteskrivelse is due, or that it is already late and by how much, and the sista
svarsdag when it is close (walk26 W8: not "börja … enligt tidplanen" when the tidplan is already broken)."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from remiss.calendar.milestones import workflow_order
from remiss.calendar.swedish import format_weekday_date
from remiss.planning.extension_needed import proposal
from remiss.planning.models import Milestone
from remiss.planning.pending_extension import ASK
from remiss.reminders.reminder_words import _calendar, _workdays
from remiss.remisser.models import Remiss

# A sista svarsdag this many arbetsdagar away or fewer is said in the mail: the handläggare plans the work by it.
CLOSE_WORKDAYS = 10


def tjansteskrivelse_words(due: date, today: date, received: date | None = None) -> str:
    """"Den ska vara klar torsdag 17 december 2026, om 8 arbetsdagar." or, when late, "Den skulle ha varit klar
    torsdag 26 november 2026 och är redan 7 arbetsdagar försenad." A day before the remiss came in (received) is no
    lateness of the handläggare: the time was too short from the start, as the Tidplan says (walk26b X21)."""
    day = format_weekday_date(due)
    if received is not None and due < received:
        return (f"Enligt sammanträdesplanen skulle den ha varit klar {day}, före remissens ankomst "
                f"{format_weekday_date(received)}: tiden var för kort, så tidplanen gick inte att hålla från början.")
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


def svarsdag_words(remiss: Remiss, today: date) -> str:
    """"Sista svarsdag är onsdag 20 januari 2027." (with how close, deadline_words, when it is close); ""
    without one or when it has passed."""
    day = remiss.effective_deadline_on
    if day is None or day < today:
        return ""
    at = f" kl. {remiss.effective_deadline_time:%H.%M}" if remiss.effective_deadline_time else ""
    return deadline_words(remiss, today) or f"Sista svarsdag är {format_weekday_date(day)}{at}."


# What the handläggare does at the next open step once the tjänsteskrivelse is done (walk26b X11)
NEXT_STEP = {
    "granskning": "Tjänsteskrivelsen är klar och väntar på granskning: gör de ändringar granskaren ber om.",
    "arbetsutskott": "Tjänsteskrivelsen är klar: ärendet går till arbetsutskottet.",
    "namnd": "Tjänsteskrivelsen är klar: ärendet går till beslut.",
    "justering": "Beslutet är fattat: protokollet ska justeras.",
    "expediering": "Beslutet är fattat: yttrandet ska expedieras till remittenten.",
    "sista_svarsdag": "Yttrandet ska vara remittenten tillhanda senast sista svarsdagen.",
}


def _due_words(label: str, due: date, today: date) -> str:
    day = format_weekday_date(due)
    if due == today:
        return f"Nästa steg i tidplanen: {label}, i dag {day}."
    count = abs(_calendar().workdays_between(today, due))
    if due > today:
        return f"Nästa steg i tidplanen: {label}, {day} (om {_workdays(count)})."
    return f"Nästa steg i tidplanen: {label}, {day} ({_workdays(max(count, 1))} försenad)."


def next_step_words(rows: list[Milestone], today: date) -> str:
    """Where a remiss whose tjänsteskrivelse is done stands, and the next date of its tidplan: "Tjänsteskrivelsen är
    klar och väntar på granskning: … Nästa steg i tidplanen: Granskning klar, tisdag 8 december 2026 (om 2
    arbetsdagar)."; "" when nothing is open."""
    step = next((m for m in sorted(rows, key=lambda m: workflow_order(m.kind)) if m.done_at is None), None)
    if step is None:
        return ""
    return f"{NEXT_STEP.get(step.kind, '')} {_due_words(step.label, step.due_on, today)}".strip()


def assigned_expected(session: Session, remiss: Remiss, today: date, papers: str,
                      tidplan: tuple[list, str | None] | None = None) -> str:
    """"Läs remisshandlingarna och skriv tjänsteskrivelsen. Den ska vara klar …" with the sista svarsdag when close
    and the Tidplan's förlängning proposal when it needs one; once the tjänsteskrivelse is done, where the remiss
    stands and its next step (walk26b X11); "" when the remiss has no tidplan (the mail says its general words).
    tidplan: its milestones and proposal (extension_needed.proposals) as a sweep's batch read them, else read here."""
    if tidplan is None:
        tidplan = (list(session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id))),
                   proposal(session, remiss.id, today))
    rows, said = tidplan
    due = next((m.due_on for m in rows if m.kind == "tjansteskrivelse" and m.done_at is None), None)
    if due is None:
        if not any(m.kind == "tjansteskrivelse" for m in rows):
            return ""
        return " ".join(w for w in (f"Läs {papers}.", next_step_words(rows, today), svarsdag_words(remiss, today))
                        if w)
    before_arrival = remiss.received_on is not None and due < remiss.received_on
    words = [f"Läs {papers} och skriv tjänsteskrivelsen.", tjansteskrivelse_words(due, today, remiss.received_on)]
    if close := (svarsdag_words(remiss, today) if before_arrival else deadline_words(remiss, today)):
        words.append(close)
    if said:  # the Tidplan's own advice, from its "Begär förlängd remisstid …" (the rest repeats the late step)
        words.append(said[said.find(ASK):] if ASK in said else said)
    elif said == "":
        words.append("Tidplanen går inte att hålla; begär förlängd remisstid hos remittenten.")
    return " ".join(words)
