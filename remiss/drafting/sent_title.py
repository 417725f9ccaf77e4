"""The ärendemening an expedierat yttrande (or rättelse) went out with.

The frozen documents keep the title the remiss had when they were made, which is right; the remiss's title may be
changed afterwards ("Ändra uppgifter", the API). Its history holds every change of the title with the old value, so
the title a document went out with is the old value of the first change after the document was made (events are
compared by id, as remiss.outgoing.service.compiled does), or the title now when there was none.
"""
from __future__ import annotations

import json

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.remisser.models import Remiss


def titles_sent(session: Session, remiss: Remiss, document_ids: list[int]) -> dict[int, str]:
    """Frozen document id → the ärendemening it was made with."""
    made = dict(session.exec(select(AuditEvent.entity_id, AuditEvent.id).where(
        AuditEvent.remiss_id == remiss.id, AuditEvent.entity == "generated_document",
        AuditEvent.action == "generate", AuditEvent.entity_id.in_(document_ids or [-1]))).all())
    changes = [(event_id, json.loads(changed or "{}").get("title")) for event_id, changed in session.exec(
        select(AuditEvent.id, AuditEvent.changes).where(
            AuditEvent.remiss_id == remiss.id, AuditEvent.entity == "remiss", AuditEvent.action == "update",
            AuditEvent.changes.contains('"title"')).order_by(AuditEvent.id)).all()]
    changes = [(event_id, title[0]) for event_id, title in changes if isinstance(title, list) and title[0]]
    return {doc_id: next((old for event_id, old in changes if event_id > made[doc_id]), remiss.title)
            if doc_id in made else remiss.title for doc_id in document_ids}


def note(what: str, sent_with: str, remiss: Remiss) -> str:
    """ "Yttrandet expedierades med ärendemeningen ”…”; ärendemeningen har ändrats sedan." ("" when unchanged)."""
    if not sent_with or sent_with == remiss.title:
        return ""
    return f"{what} expedierades med ärendemeningen ”{sent_with}”; ärendemeningen har ändrats sedan."


def latest_note(session: Session, remiss: Remiss, frozen_rows, what: str) -> str:
    """note for the newest expediering (frozen_rows: the remiss's frozen documents; what: "Yttrandet", "Rättelsen")."""
    latest = max((row.id for row in frozen_rows), default=None)
    return note(what, titles_sent(session, remiss, [latest])[latest], remiss) if latest is not None else ""
