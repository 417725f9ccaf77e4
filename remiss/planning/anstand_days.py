"""The day an instans's anstånd on an utgående remiss runs out, for the Kalender and its .ics feeds (walk27 Y4): the
answers can be compiled only once it has. Shown beside the remiss's "Sista svarsdag" while the remiss waits for answers
(skickad, svarstiden ute, or sammanställd before the anstånd ran out) and the instans has not answered; not an
anstånd a later general förlängning overtook."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time

from sqlmodel import Session, select

from remiss.calendar.swedish import format_deadline
from remiss.outgoing.service import closing
from remiss.planning.agenda import DEADLINE, AgendaItem
from remiss.remisser.models import AnswerStatus, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

ANSTAND = "anstand"  # the AgendaItem kind
# the remiss waits for answers (its svarstid may have run out while an anstånd runs, or the answers were compiled
# before it ran out: closing.awaited, session 31 #7); closed: no more
_WAITING = (RemissStatus.skickad.value, RemissStatus.svarstiden_ute.value, RemissStatus.sammanstalld.value)
_END_OF_DAY = time(23, 59, 59)  # a date without a time runs to the end of that day (outgoing.service.chasers)


def anstand_items(session: Session, *, namnd_ids: Iterable[int] | None = None, start: date | None = None,
                  end: date | None = None) -> list[AgendaItem]:
    """The days in [start, end] on which a granted anstånd runs out, of the remisser of namnd_ids (None: every
    nämnd): one statement, whatever the number of remisser."""
    stmt = (select(SandlistaEntry.id, SandlistaEntry.name, SandlistaEntry.extended_until_on,
                   SandlistaEntry.extended_until_time, Remiss.id.label("remiss_id"), Remiss.our_dnr, Remiss.title,
                   Remiss.namnd_id, Remiss.handlaggare_id, Remiss.effective_deadline_on,
                   Remiss.effective_deadline_time, Remiss.status)
            .join(Remiss, Remiss.id == SandlistaEntry.remiss_id)
            .where(Remiss.direction == Direction.utgaende, Remiss.status.in_(_WAITING),
                   SandlistaEntry.answer_status == AnswerStatus.anstand_beviljat.value,
                   SandlistaEntry.extended_until_on.is_not(None)))
    if namnd_ids is not None:
        stmt = stmt.where(Remiss.namnd_id.in_(list(namnd_ids) or [-1]))
    if start is not None:
        stmt = stmt.where(SandlistaEntry.extended_until_on >= start)
    if end is not None:
        stmt = stmt.where(SandlistaEntry.extended_until_on <= end)
    found = []
    for r in session.execute(stmt.order_by(SandlistaEntry.extended_until_on, SandlistaEntry.id)):
        until = (r.extended_until_on, r.extended_until_time or _END_OF_DAY)
        if r.effective_deadline_on is not None and until <= (r.effective_deadline_on,
                                                             r.effective_deadline_time or _END_OF_DAY):
            continue  # a general förlängning to the same day or later has overtaken it (chasers.deadline_of)
        found.append(AgendaItem(
            r.remiss_id, r.our_dnr or "", r.title, r.namnd_id, r.handlaggare_id, ANSTAND, f"Anstånd {r.name}",
            r.extended_until_on, r.extended_until_time,
            f"{r.name} har anstånd till {format_deadline(r.extended_until_on, r.extended_until_time)}: "
            + ("svaren är sammanställda; kommer svaret in, sammanställ svaren igen."
               if r.status == RemissStatus.sammanstalld.value else "svaren kan sammanställas när det har gått ut."),
            flagged=False, done=False, ours=False, entry_id=r.id))
    return found


# over once the svarstid has run out or the answers are compiled (agenda.OUTGOING_WAITING), unless answers are due
_OVER_UNLESS_AWAITED = (RemissStatus.svarstiden_ute.value, RemissStatus.sammanstalld.value)


def still_awaited(session: Session, found: list[AgendaItem], now: datetime) -> list[AgendaItem]:
    """The items; an utgående remiss's Sista svarsdag past its svarstid is not done but `awaited` (whom it waits
    for) while an instans sent it may still answer in time (its anstånd runs), as the start page's Väntar på svar
    (closing.awaited) has it: the Kalender said "Klar" (session 31 #7). One read for all remisser."""
    ids = {i.remiss_id for i in found if i.kind == DEADLINE and i.done and not i.ours and not i.cancelled}
    if ids:
        ids = set(session.exec(select(Remiss.id).where(Remiss.id.in_(ids), Remiss.status.in_(_OVER_UNLESS_AWAITED))))
    waits = {rid: wait.said("väntar på")
             for rid, wait in (closing.awaited(session, sorted(ids), now) if ids else {}).items()}
    return [replace(i, done=False, awaited=waits[i.remiss_id]) if i.remiss_id in waits and i.kind == DEADLINE
            and i.done and not i.ours else i for i in found]
