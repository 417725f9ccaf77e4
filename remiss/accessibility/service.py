"""Read and save the tillgänglighetsredogörelse's organisation part."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.accessibility.forms import StatementData
from remiss.accessibility.models import AccessibilityStatement
from remiss.auth.access import Action, Principal, refused_by_role


def statement(session: Session) -> AccessibilityStatement | None:
    return session.exec(select(AccessibilityStatement).order_by(AccessibilityStatement.id).limit(1)).first()


def save_statement(session: Session, *, now: datetime, principal: Principal,
                   data: StatementData) -> AccessibilityStatement:
    """Store the organisation's text (admin only); the change is audited."""
    if not principal.may(Action.administer):
        raise refused_by_role(principal, Action.administer, "ändra tillgänglighetsredogörelsen")
    row = statement(session) or AccessibilityStatement()
    before = {key: getattr(row, key) for key in asdict(data)}
    for key, value in asdict(data).items():
        setattr(row, key, value)
    row.updated_at, row.updated_by_id = now, principal.user_id
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="accessibility_statement", entity_id=row.id,
                 action="update", changes=audit.diff(before, asdict(data)))
    return row
