"""Record audit events; the application never edits or deletes them."""
from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.audit.models import AuditEvent
from remiss.auth.models import User


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


_E = AuditEvent.__table__.c
_U = User.__table__.c
# Built once: the remiss page reads its history on every view. The actor's name comes with each event.
_HISTORY = (select(_E.id, _E.at, _E.user_id, _E.entity, _E.action, _E.changes, _E.note, _U.name.label("user_name"))
            .outerjoin(User.__table__, _U.id == _E.user_id).where(_E.remiss_id == bindparam("remiss_id"))
            .order_by(_E.at.desc(), _E.id.desc()))


def history_rows(session: Session, remiss_id: int) -> list:
    """Return the events of one remiss, newest first, as rows (id, at, user_id, entity, action, changes, note,
    user_name: the actor's name, None for the system)."""
    return session.connection().execute(_HISTORY, {"remiss_id": remiss_id}).all()
