"""Which answers a saved remissammanställning holds, and whether an answer has changed since (walk12b #5).

Saving a sammanställning records an audit event ("Svaren sammanställda") naming the instanser whose answers it
holds. An answer, avstår or reopened answer registered after that event makes the saved document out of date:
the panel and Nästa steg say so, it is not pre-selected for publishing, and publishing it is refused until the
answers are compiled again. Events are compared by id, which grows with every event, so a clock moved with
--now does not hide a change.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.audit.models import AuditEvent
from remiss.calendar.swedish import join_words
from remiss.auth.access import Principal
from remiss.remisser import service as remisser
from remiss.remisser.models import AnswerStatus, Attachment, Remiss, SandlistaEntry

ACTION = "sammanstallning"
ANSWER_ACTIONS = ("answer", "decline", "reopen")


def record(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, attachment: Attachment) -> None:
    """Note on the remiss which answers the saved sammanställning holds."""
    entries = remisser.entries(session, remiss.id)
    held = [e.name for e in entries if e.answer_status == AnswerStatus.svarat]
    declined = [e.name for e in entries if e.answer_status == AnswerStatus.avstar]
    audit.record(session, now=now, user_id=principal.user_id, entity="attachment", entity_id=attachment.id,
                 remiss_id=remiss.id, action="sammanstallning",
                 changes={"compiled_answers": [None, ", ".join(held)],
                          "compiled_declined": [None, ", ".join(declined)]},
                 note=attachment.filename)


def _compiled_event(session: Session, attachment: Attachment) -> AuditEvent | None:
    return session.exec(select(AuditEvent).where(AuditEvent.entity == "attachment", AuditEvent.action == ACTION,
                                                 AuditEvent.entity_id == attachment.id)).first()


def changed_since(session: Session, remiss_id: int, attachment: Attachment | None) -> list[str]:
    """The instanser whose answer was registered, changed or undone after the sammanställning was saved, in the
    order they changed (a sammanställning saved before this was recorded: compared by the time it was saved)."""
    if attachment is None:
        return []
    query = select(AuditEvent.entity_id).where(AuditEvent.remiss_id == remiss_id,
                                               AuditEvent.entity == "sandlista_entry",
                                               AuditEvent.action.in_(ANSWER_ACTIONS))
    event = _compiled_event(session, attachment)
    query = query.where(AuditEvent.id > event.id) if event else query.where(AuditEvent.at > attachment.uploaded_at)
    ids = list(dict.fromkeys(session.exec(query.order_by(AuditEvent.id)).all()))
    if not ids:
        return []
    names = {e.id: e.name for e in session.exec(select(SandlistaEntry).where(SandlistaEntry.id.in_(ids)))}
    return [names[i] for i in ids if i in names]


def stale_ids(session: Session, remiss_ids: list[int]) -> set[int]:
    """The remisser among remiss_ids with an answer registered, changed or undone after their latest saved
    sammanställning, in one statement for a list (Att göra); as changed_since, but only for a sammanställning whose
    saving was recorded (one saved before that is compared by time on the remiss page alone)."""
    if not remiss_ids:
        return set()
    compiled = (select(AuditEvent.remiss_id, func.max(AuditEvent.id).label("after"))
                .where(AuditEvent.remiss_id.in_(remiss_ids), AuditEvent.entity == "attachment",
                       AuditEvent.action == ACTION)
                .group_by(AuditEvent.remiss_id).subquery())
    answer = aliased(AuditEvent)
    stmt = (select(answer.remiss_id).distinct().join(compiled, compiled.c.remiss_id == answer.remiss_id)
            .where(answer.entity == "sandlista_entry", answer.action.in_(ANSWER_ACTIONS),
                   answer.id > compiled.c.after))
    return set(session.exec(stmt).all())


def stale_text(names: list[str]) -> str:
    """ "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." ("" when up to date)."""
    if not names:
        return ""
    return f"Sammanställningen är äldre än svaret från {join_words(names)} – sammanställ igen."
