"""Check, compute and refresh a remiss's sista svarsdag and the deadline in force."""
from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import inspect
from sqlmodel import Session, func, select

from remiss import events
from remiss.audit import service as audit
from remiss.calendar.swedish import format_date, format_deadline, the_counted
from remiss.calendar.timeliness import END_OF_DAY
from remiss.clock import local_today
from remiss.planning.models import Extension
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus


def told_words(remiss: Remiss) -> str:
    """Those the remiss was sent to, who were told its svarsdag: "remissinstansen" when it went to one, "de 3
    remissinstanserna" (plain "remissinstanserna" for a remiss read as a row, with no session to count in)."""
    state = inspect(remiss, raiseerr=False)
    session = state.session if state is not None else None
    sent = session.exec(select(func.count()).select_from(SandlistaEntry).where(
        SandlistaEntry.remiss_id == remiss.id, SandlistaEntry.sent_at.is_not(None))).one() if session else 0
    return the_counted(sent, "remissinstansen", "remissinstanserna")


def check_sent_deadline(remiss: Remiss, changes: dict) -> None:
    """An outgoing remiss that has gone out keeps the svarsdag its instanser were told: a later one is given with
    "Förläng remisstiden för alla", which tells those who have not answered (walk9)."""
    if remiss.sent_at is None:
        return
    told = (remiss.deadline_on, remiss.deadline_time)
    if (changes.get("deadline_on", told[0]), changes.get("deadline_time", told[1])) == told:
        return
    if answering_over(remiss):  # no "Förläng remisstiden för alla" once closed (walk21 J6)
        raise InputErrors({"deadline_on": answering_over(remiss)})
    told_day = (f"{told_words(remiss)} har fått sista svarsdag "
                f"{format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}")
    raise InputErrors({"deadline_on": (
        f"Remissen skickades {format_date(local_today(remiss.sent_at))}, och {told_day}. Ändra den inte "
        "här: ge mer tid med ”Förläng remisstiden för alla” på remissens sida, så får de som inte har svarat "
        "ett meddelande om den nya dagen.")})


# An outgoing remiss whose answering is over: its svarstid is not moved any more (check_sent_deadline). A
# sammanställd one is given more time with "Förläng remisstiden för alla", which dates the sammanställning.
AFTER_ANSWERING = {
    RemissStatus.avslutad.value: ("Ärendet är avslutat", " Ett svar som kommer in ändå kan registreras när ärendet "
                                  "har öppnats igen (ändra status för hand till Sammanställd)."),
    RemissStatus.aterkallad.value: ("Remissen är återkallad", "")}


def answering_over(remiss: Remiss) -> str:
    """Why the svarstid of an outgoing remiss is not moved any more, by the edit form, the API or a förlängning ("" while
    it is): the case is closed or withdrawn, so nobody is waited for and no "Förläng remisstiden för alla" is offered
    (walk21 J6: the edit form pointed to that form on a case that had none)."""
    if remiss.direction != Direction.utgaende or remiss.status not in AFTER_ANSWERING:
        return ""
    said, then = AFTER_ANSWERING[remiss.status]
    return (f"{said}, så svarstiden ändras inte längre: {told_words(remiss)} har fått sista svarsdag "
            f"{format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}.{then}")


class DeadlineQuestion(InputErrors):
    """A registered sista svarsdag moved without saying it corrects a typing error: asked, not refused."""


def check_deadline_change(remiss: Remiss, changes: dict, *, correction: bool) -> None:
    """The one rule for moving a remiss's sista svarsdag, for the edit form and the API alike (walk11 finding 6).

    The field is the original: what the missiv said. Once the yttrande is expedited (besvarad), the answer was
    measured against the deadline in force, so it stays. Before that, moving a registered deadline of an
    incoming remiss corrects a typing error only when the user says so; more time from the remittent is an
    Allmän förlängning, which keeps the original."""
    told = (remiss.deadline_on, remiss.deadline_time)
    new = (changes.get("deadline_on", told[0]), changes.get("deadline_time", told[1]))
    if new == told:
        return
    if remiss.answered_at is not None or remiss.status == RemissStatus.besvarad:
        when = f" {format_date(local_today(remiss.answered_at))}" if remiss.answered_at else ""
        measured = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time) \
            if remiss.effective_deadline_on else "–"
        raise InputErrors({"deadline_on": (
            f"Yttrandet expedierades{when} och är besvarat mot sista svarsdag {measured}. Sista svarsdagen kan "
            "inte ändras efter expedieringen: då skulle svaret räknas som i tid eller för sent mot en annan dag "
            "än den som gällde.")})
    if remiss.direction != Direction.inkommande or remiss.deadline_on is None or correction:
        return
    noun = noun_of(remiss.kind)  # "när ärendet registrerades" for a medborgarförslag (walk18 F7)
    raise DeadlineQuestion({"deadline_on": (
        f"Sista svarsdag är registrerad som {format_deadline(*told)}. Ändrar du den här rättas den ursprungliga "
        "sista svarsdagen, den som står i missivet: bekräfta att det var ett skrivfel när "
        f"{noun.the} registrerades. "
        "Har remittenten gett mer tid, registrera i stället en allmän förlängning under Förlängningar på "
        f"{noun.whose} sida, så finns den ursprungliga sista svarsdagen kvar.")})


def deadline_moment(day, at) -> datetime:
    """A sista svarsdag as a moment to compare: a day without a clock time runs to its end."""
    return datetime.combine(day, at or END_OF_DAY)


def deadline_in_force(remiss: Remiss, extensions: list[Extension]):
    """Return (date, time) in force: the latest moment of the original and the granted remiss-wide extensions.

    An extension only extends: one recorded before the refusal of shorter ones, or an original deadline corrected
    to a later moment, never pulls the deadline in force earlier."""
    moments = [(e.granted_until_on, e.granted_until_time) for e in extensions
               if e.decision == "granted" and e.sandlista_entry_id is None and e.granted_until_on]
    if remiss.deadline_on is not None:
        moments.append((remiss.deadline_on, remiss.deadline_time))
    if not moments:
        return remiss.deadline_on, remiss.deadline_time
    return max(moments, key=lambda pair: deadline_moment(*pair))


def _extensions(session: Session, remiss: Remiss) -> list[Extension]:
    return list(session.exec(select(Extension).where(Extension.remiss_id == remiss.id)))


def in_force_after(session: Session, remiss: Remiss, changes: dict):
    """(date, time) in force if changes were saved: the changed original against the granted extensions. Asked
    about before saving (remisser.date_questions.questions_of_change)."""
    changed = SimpleNamespace(deadline_on=changes.get("deadline_on", remiss.deadline_on),
                              deadline_time=changes.get("deadline_time", remiss.deadline_time))
    return deadline_in_force(changed, _extensions(session, remiss))


def refresh_deadline(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None) -> bool:
    """Recompute the deadline in force; tell listeners when it moved."""
    new = deadline_in_force(remiss, _extensions(session, remiss))
    old = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if new == old:
        return False
    remiss.effective_deadline_on, remiss.effective_deadline_time = new
    remiss.updated_at = now  # the API's sync clients read a moved deadline by updated_at
    session.add(remiss)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                 action="deadline", changes={"effective_deadline": [_fmt(old), _fmt(new)]})
    events.deadline_changed.send(remiss, session=session, now=now, actor_id=actor_id, old=old, new=new)
    return True


def _fmt(pair) -> str | None:
    day, at = pair
    if day is None:
        return None
    return f"{day.isoformat()} {at.strftime('%H:%M')}" if at else day.isoformat()
