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
from remiss.calendar.swedish import count_words, join_words
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
    """The work done on the sending path, each as it is (walk28 Z8: "missivet är skickat" of a missiv still in the
    Utkorg, and "svar … är registrerade" of an anstånd)."""
    def files(purpose: str) -> int:
        return _count(session, select(Attachment.id).where(Attachment.remiss_id == remiss.id,
                                                           Attachment.purpose == purpose))

    def instanser(*statuses: AnswerStatus) -> int:
        return _count(session, entries.where(SandlistaEntry.answer_status.in_([s.value for s in statuses])))

    entries = select(SandlistaEntry.id).where(SandlistaEntry.remiss_id == remiss.id)
    said = []
    sent = session.exec(select(SandlistaEntry.id, SandlistaEntry.delivery).where(
        SandlistaEntry.remiss_id == remiss.id, SandlistaEntry.sent_at.is_not(None))).all()
    if sent or remiss.sent_at is not None:
        said.append(_missiv_words(session, remiss, sent))
    elif files("missiv"):
        said.append("missivet är skapat")
    if answered := instanser(AnswerStatus.svarat, AnswerStatus.avstar):
        said.append("svar från " + count_words(answered, "remissinstans är registrerat",
                                                "remissinstanser är registrerade"))
    elif files("svar"):
        said.append("svar från remissinstanserna är registrerade")
    if granted := instanser(AnswerStatus.anstand_beviljat):
        said.append(f"{count_words(granted, 'remissinstans', 'remissinstanser')} har fått anstånd")
    if asked := instanser(AnswerStatus.begart_anstand):
        said.append(f"{count_words(asked, 'remissinstans', 'remissinstanser')} har begärt anstånd")
    if files("sammanstallning"):
        said.append("svaren är sammanställda")
    return said


def _missiv_words(session: Session, remiss: Remiss, sent: list) -> str:
    """How the missiv went, of a remiss sent to the instanser sent ((entry id, delivery) rows): "missivet är skickat"
    once one has left (by post, or e-mailed from the Utkorg), else that it waits there or could not be e-mailed."""
    from remiss.outgoing.held import missiv_status  # outgoing builds on remisser
    from remiss.reminders.models import OutboxStatus
    from remiss.reminders.queued import WAITING

    mail = missiv_status(session, remiss.id)
    if not sent or any(delivery != "epost" or mail.get(entry_id) in (None, OutboxStatus.sent.value)
                       for entry_id, delivery in sent):
        return "missivet är skickat"
    if any(mail.get(entry_id) in WAITING for entry_id, _ in sent):
        return "missivet väntar i utkorgen"
    return "missivet kunde inte e-postas (se utkorgen)"


def form_label(direction: str) -> str:
    """The direction as the form's Riktning says it."""
    return "Utgående – vi remitterar" if direction == Direction.utgaende else "Inkommande – vi ska svara"


def fixed_reason(session: Session, remiss: Remiss) -> str:
    """Why the direction of remiss cannot change now ("" when it can): the work done on either path, else a status
    past the first one. Ändra uppgifter says it instead of the Riktning select (session 29)."""
    work = _incoming_work(session, remiss) + _outgoing_work(session, remiss)
    status = RemissStatus(remiss.status)
    if not work and status not in UNTOUCHED:
        work = [f"remissen har status ”{status.label}”"]
    if not work:
        return ""
    return (f"Riktningen kan inte ändras: {join_words(work)}. Riktningen kan bara ändras innan arbetet med "
            "remissen har börjat.")


def change_problem(session: Session, remiss: Remiss) -> str:
    """The refusal of a change of the direction of remiss ("" when it may change): fixed_reason, and what to do."""
    reason = fixed_reason(session, remiss)
    return reason and f"{reason} Välj ”{form_label(remiss.direction)}” för att spara dina andra ändringar."


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
