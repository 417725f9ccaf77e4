"""Which answers a saved remissammanställning holds, and whether an answer has changed since (walk12b #5).

Saving a sammanställning records an audit event ("Svaren sammanställda") naming the instanser whose answers it
holds. An answer, avstår or reopened answer registered after that event makes the saved document out of date:
the panel and Nästa steg say so, it is not pre-selected for publishing, and publishing it is refused until the
answers are compiled again. A change of the frågeställningar ("Ändra uppgifter", recorded in the remiss's history)
makes it out of date the same way: it quotes the old questions (walk19 G7). Events are compared by id, which grows
with every event, so a clock moved with --now does not hide a change.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
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
ANSWER_CHANGED = "ett svar har kommit in efter sammanställningen"
QUESTIONS_CHANGED = "frågeställningarna har ändrats efter sammanställningen"


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


def _question_changes(session: Session, remiss_ids: list[int], after) -> set[int]:
    """The remisser among remiss_ids whose frågeställningar changed after the event id after(remiss id) (None:
    none recorded), as "Ändra uppgifter" records it: an update event of the remiss with "questions" among its
    changes (outgoing.service.amendments.questions_changed_at reads the same)."""
    rows = session.exec(select(AuditEvent.id, AuditEvent.remiss_id, AuditEvent.changes).where(
        AuditEvent.remiss_id.in_(remiss_ids or [-1]), AuditEvent.entity == "remiss", AuditEvent.action == "update",
        AuditEvent.changes.contains('"questions"'))).all()
    return {rid for event_id, rid, changes in rows
            if after(rid) is not None and event_id > after(rid) and "questions" in json.loads(changes or "{}")}


@dataclass(frozen=True)
class Staleness:
    """Why a saved sammanställning is out of date: the instanser whose answer changed since, and whether the
    frågeställningar changed since. False when it is up to date."""

    names: tuple[str, ...] = ()
    questions: bool = False

    def __bool__(self) -> bool:
        return bool(self.names or self.questions)

    @property
    def text(self) -> str:
        """ "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." ("" when up to date)."""
        if self.names and self.questions:
            return (f"Sammanställningen är äldre än svaret från {join_words(list(self.names))}, och "
                    "frågeställningarna har ändrats sedan – sammanställ igen.")
        if self.questions:
            return "Frågeställningarna har ändrats efter sammanställningen – sammanställ igen."
        return stale_text(list(self.names))

    @property
    def reason(self) -> str:
        """ "ett svar har kommit in efter sammanställningen", for a list's row ("" when up to date)."""
        return reason(bool(self.names), self.questions)


def reason(answers: bool, questions: bool) -> str:
    if answers and questions:
        return "ett svar har kommit in och frågeställningarna har ändrats efter sammanställningen"
    return ANSWER_CHANGED if answers else QUESTIONS_CHANGED if questions else ""


def staleness(session: Session, remiss_id: int, attachment: Attachment | None) -> Staleness:
    """Whether the saved sammanställning attachment is out of date, and why (changed_since, and the questions)."""
    if attachment is None:
        return Staleness()
    event = _compiled_event(session, attachment)
    if event is not None:
        questions = bool(_question_changes(session, [remiss_id], lambda _: event.id))
    else:  # saved before this was recorded: by time, as changed_since
        questions = any(e.at > attachment.uploaded_at for e in session.exec(select(AuditEvent).where(
            AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "remiss", AuditEvent.action == "update",
            AuditEvent.changes.contains('"questions"'))))
    return Staleness(tuple(changed_since(session, remiss_id, attachment)), questions)


def stale_ids(session: Session, remiss_ids: list[int]) -> dict[int, str]:
    """The remisser among remiss_ids with an answer registered, changed or undone, or the frågeställningar changed,
    after their latest saved sammanställning → the reason (Staleness.reason), in two statements for a list (Att
    göra); as staleness, but only for a sammanställning whose saving was recorded (one saved before that is
    compared by time on the remiss page alone)."""
    if not remiss_ids:
        return {}
    compiled = (select(AuditEvent.remiss_id, func.max(AuditEvent.id).label("after"))
                .where(AuditEvent.remiss_id.in_(remiss_ids), AuditEvent.entity == "attachment",
                       AuditEvent.action == ACTION)
                .group_by(AuditEvent.remiss_id).subquery())
    answer = aliased(AuditEvent)
    stmt = (select(answer.remiss_id).distinct().join(compiled, compiled.c.remiss_id == answer.remiss_id)
            .where(answer.entity == "sandlista_entry", answer.action.in_(ANSWER_ACTIONS),
                   answer.id > compiled.c.after))
    answered = set(session.exec(stmt).all())
    after = dict(session.exec(select(compiled.c.remiss_id, compiled.c.after)).all())
    questions = _question_changes(session, list(after), after.get)
    return {rid: reason(rid in answered, rid in questions) for rid in answered | questions}


def stale_text(names: list[str]) -> str:
    """ "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." ("" when up to date)."""
    if not names:
        return ""
    return f"Sammanställningen är äldre än svaret från {join_words(names)} – sammanställ igen."
