"""Record audit events; the application never edits or deletes them."""
from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def diff(before: dict, after: dict) -> dict:
    """Return {field: [old, new]} for the fields that differ."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in after
        if _plain(before.get(key)) != _plain(after.get(key))
    }


def record(session: Session, *, now: datetime, user_id: int | None, entity: str,
           entity_id: int | None, action: str, remiss_id: int | None = None,
           changes: dict | None = None, note: str = "") -> AuditEvent:
    """Add one audit event to the session."""
    event = AuditEvent(
        at=now, user_id=user_id, entity=entity, entity_id=entity_id, remiss_id=remiss_id,
        action=action, changes=json.dumps(changes or {}, ensure_ascii=False, default=str), note=note,
    )
    session.add(event)
    session.flush()
    return event


def history(session: Session, remiss_id: int) -> list[AuditEvent]:
    """Return the events of one remiss, newest first."""
    stmt = (select(AuditEvent).where(AuditEvent.remiss_id == remiss_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    return list(session.exec(stmt))
