"""The day an instans's anstånd on an utgående remiss runs out, for the Kalender and its .ics feeds (walk27 Y4): the
answers can be compiled only once it has. Shown beside the remiss's "Sista svarsdag" while the remiss waits for answers
(skickad, svarstiden ute) and the instans has not answered; not an anstånd a later general förlängning overtook."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from sqlmodel import Session, select

from remiss.calendar.swedish import format_deadline
from remiss.planning.agenda import AgendaItem
from remiss.remisser.models import AnswerStatus, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

ANSTAND = "anstand"  # the AgendaItem kind
# the remiss waits for answers (its svarstid may have run out while an anstånd runs); compiled or closed: no more
_WAITING = (RemissStatus.skickad.value, RemissStatus.svarstiden_ute.value)
_END_OF_DAY = time(23, 59, 59)  # a date without a time runs to the end of that day (outgoing.service.chasers)


def anstand_items(session: Session, *, namnd_ids: Iterable[int] | None = None, start: date | None = None,
                  end: date | None = None) -> list[AgendaItem]:
    """The days in [start, end] on which a granted anstånd runs out, of the remisser of namnd_ids (None: every
    nämnd): one statement, whatever the number of remisser."""
    stmt = (select(SandlistaEntry.id, SandlistaEntry.name, SandlistaEntry.extended_until_on,
                   SandlistaEntry.extended_until_time, Remiss.id.label("remiss_id"), Remiss.our_dnr, Remiss.title,
                   Remiss.namnd_id, Remiss.handlaggare_id, Remiss.effective_deadline_on,
                   Remiss.effective_deadline_time)
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
            f"{r.name} har anstånd till {format_deadline(r.extended_until_on, r.extended_until_time)}: svaren kan "
            f"sammanställas när det har gått ut.", flagged=False, done=False, ours=False, entry_id=r.id))
    return found
