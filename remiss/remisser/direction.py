"""Riktning (inkommande/utgående) changed under "Ändra uppgifter" or by the API (walk18 F12): one rule for both
(remisser.service.update).

The direction says whether we answer (yttrande, beslut, expediering) or send (missiv, answers, sammanställning).
It is a correction of how the remiss was registered, so it may change only while no work exists in either
direction; the remiss then starts over on the other path (Registrerad/Tilldelad ↔ Utkast). Once work exists the
change is refused with the reasons, and nothing is saved."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from remiss import events
from remiss.audit import service as audit
from remiss.calendar.swedish import join_words
from remiss.remisser.input import InputErrors
from remiss.remisser.models import AnswerStatus, Attachment, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

# The statuses a remiss has before anything is done on either path: just registered (and assigned), or an unsent utkast.
UNTOUCHED = frozenset({RemissStatus.registrerad, RemissStatus.tilldelad, RemissStatus.utkast})


def _count(session: Session, statement) -> int:
    return session.exec(select(func.count()).select_from(statement.subquery())).one()


def _incoming_work(session: Session, remiss: Remiss) -> list[str]:
    from remiss.drafting.drafts import find_draft, latest_version  # drafting builds on remisser
    from remiss.drafting.models import Decision, DraftState
    from remiss.remisser.models import ArchivedDocument

    said = []
    draft = find_draft(session, remiss.id)
    expedited = (draft is not None and (draft.state == DraftState.expedierad or draft.frozen_version_id)) \
        or _count(session, select(ArchivedDocument.id).where(ArchivedDocument.remiss_id == remiss.id))
    if latest_version(session, draft) is not None and not expedited:
        said.append("det finns ett utkast till yttrande")
    if _count(session, select(Decision.id).where(Decision.remiss_id == remiss.id)):
        said.append("nämndens beslut är registrerat")
    if expedited:
        said.append("yttrandet är expedierat")
    return said


def _outgoing_work(session: Session, remiss: Remiss) -> list[str]:
    def files(purpose: str) -> int:
        return _count(session, select(Attachment.id).where(Attachment.remiss_id == remiss.id,
                                                           Attachment.purpose == purpose))

    entries = select(SandlistaEntry.id).where(SandlistaEntry.remiss_id == remiss.id)
    said = []
    sent = remiss.sent_at is not None or _count(session, entries.where(SandlistaEntry.sent_at.is_not(None)))
    if sent:
        said.append("missivet är skickat")
    elif files("missiv"):
        said.append("missivet är skapat")
    if files("svar") or _count(session, entries.where(SandlistaEntry.answer_status != AnswerStatus.ej_svarat)):
        said.append("svar från remissinstanserna är registrerade")
    if files("sammanstallning"):
        said.append("svaren är sammanställda")
    return said


def change_problem(session: Session, remiss: Remiss) -> str:
    """Why the direction of remiss cannot change now ("" when it can): the work done on either path, else a status
    past the first one."""
    work = _incoming_work(session, remiss) + _outgoing_work(session, remiss)
    status = RemissStatus(remiss.status)
    if not work and status not in UNTOUCHED:
        work = [f"remissen har status ”{status.label}”"]
    if not work:
        return ""
    now_label = "Utgående – vi remitterar" if remiss.direction == Direction.utgaende else "Inkommande – vi ska svara"
    return (f"Riktningen kan inte ändras: {join_words(work)}. Riktningen kan bara ändras innan arbetet med "
            f"remissen har börjat. Välj ”{now_label}” för att spara dina andra ändringar.")


def check_change(session: Session, remiss: Remiss, changes: dict) -> None:
    """Refuse (InputErrors on "direction") a new direction once work exists (change_problem)."""
    if changes.get("direction", remiss.direction) == remiss.direction:
        return
    problem = change_problem(session, remiss)
    if problem:
        raise InputErrors({"direction": problem})


def first_status(direction: str, has_handlaggare: bool) -> RemissStatus:
    """The status a remiss of direction starts in: an utgående one as utkast, an inkommande one registrerad, or
    tilldelad when it has a handläggare."""
    if direction == Direction.utgaende:
        return RemissStatus.utkast
    return RemissStatus.tilldelad if has_handlaggare else RemissStatus.registrerad


def start_over(session: Session, *, now: datetime, actor_id: int | None, remiss: Remiss) -> None:
    """After the direction changed: the first status of the new path (said in the history), and its tidplan
    (events.direction_changed: an utgående remiss keeps only the sista svarsdag, planning.receivers)."""
    status = first_status(remiss.direction, bool(remiss.handlaggare_id))
    if status != remiss.status:
        old = str(remiss.status)
        remiss.status = status.value
        session.add(remiss)
        session.flush()
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                     action="status", changes={"status": [old, status.value]},
                     note=f"Riktningen ändrad till {Direction(remiss.direction).label.lower()}: remissen börjar om")
    events.direction_changed.send(remiss, session=session, now=now, actor_id=actor_id)
