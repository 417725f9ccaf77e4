"""The sista svarsdag questions asked before a remiss is saved with it: a deadline that has passed already, and one
before Inkom. Asked, not refused (a remiss can come in late), with the same words on Registrera remiss and Ändra
uppgifter; the API saves and warns (walk20 H12: Ändra uppgifter saved a deadline before Inkom without asking).
Pure: no Flask, no database."""
from __future__ import annotations

from datetime import date, datetime, time

from remiss.calendar.swedish import format_date, format_deadline
from remiss.calendar.timeliness import has_passed
from remiss.clock import local_today
from remiss.remisser.kind_words import noun_of
from remiss.remisser.status import RemissStatus

# the codes of the API's warnings (remiss.api.views): the POST's passed deadline, and a change's dates
PASSED = "sista_svarsdag_passerad"
RECEIVED_LATE = "inkom_efter_sista_svarsdag"


def passed_deadline(deadline: date | None, at: time | None, now: datetime) -> date | None:
    """The deadline when it has passed already, its clock time counted (a deadline of today at 07.30 has passed at
    07.45, walk16 0b)."""
    return deadline if deadline is not None and has_passed(deadline, at, now) else None


def received_after_deadline(received_on: date | None, deadline_on: date | None) -> tuple[date, date] | None:
    """(Inkom, sista svarsdag) when the remiss came in after its deadline."""
    if received_on and deadline_on and received_on > deadline_on:
        return received_on, deadline_on
    return None


def questions_of_change(remiss, changes: dict, *, now: datetime, in_force: tuple) -> tuple:
    """(passed deadline, its clock time, (Inkom, sista svarsdag)) for a change of an incoming remiss (Ändra
    uppgifter, PATCH), each None when not to be asked. Asked only when the change moves the sista svarsdag (or,
    for Inkom after it, Inkom): an unrelated edit of a remiss that is late already asks nothing. in_force is the
    (day, time) in force after the change, extensions counted (remisser.deadlines.in_force_after): only that
    having passed makes the remiss late."""
    direction = changes.get("direction", remiss.direction)
    if getattr(direction, "value", direction) != "inkommande":
        return None, None, None  # an outgoing svarsdag has its own rules (outgoing.service.edits)
    deadline = (changes.get("deadline_on", remiss.deadline_on), changes.get("deadline_time", remiss.deadline_time))
    received = changes.get("received_on") or remiss.received_on
    moved = deadline != (remiss.deadline_on, remiss.deadline_time)
    # a closed remiss (avstår, återkallad) is not made late by it (remisser.present.deadline_passed)
    past = passed_deadline(*in_force, now) \
        if moved and deadline[0] and in_force[0] and not RemissStatus(remiss.status).is_closed else None
    # a future Inkom is refused (remisser.service), not asked about
    late = received_after_deadline(received, deadline[0]) \
        if (moved or received != remiss.received_on) and received and received <= local_today(now) else None
    return past, (in_force[1] if past else None), late


def passed_warning(day: date, at: time | None, kind) -> str:
    """The API's words for a sista svarsdag that has passed already (the forms ask "Sista svarsdagen har redan
    passerat")."""
    noun = noun_of(kind)
    return (f"Sista svarsdag {format_deadline(day, at)} har redan passerat. Kontrollera datumet; har {noun.the} "
            f"kommit in sent, begär {noun.extended} hos remittenten eller svara så snart "
            "som möjligt.")


def received_late_warning(late: tuple[date, date], kind) -> str:
    """The API's words for Inkom after the sista svarsdag (the forms ask "… kom in efter sista svarsdagen")."""
    return (f"Inkom {format_date(late[0])} ligger efter sista svarsdag {format_date(late[1])}: "
            f"{noun_of(kind).the} kom in efter sista svarsdagen. Kontrollera datumen.")
