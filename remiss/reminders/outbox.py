"""Put mails in the outbox and take pending ones out again: the shared entry point for
every capability that e-mails (reminders, event notices, outgoing remisser, chasers).

Sending, claiming and retrying live in the reminders service; this module only writes rows.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime
from email.utils import parseaddr

from flask import current_app, has_app_context

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from remiss.reminders.models import OutboxMessage, OutboxStatus


DEFAULT_DOMAIN = "remiss.local"


def sender_domain(mail_from: str) -> str:
    """The domain of the sender's address (REMISS_MAIL_FROM), for Message-IDs: filters score an id whose domain
    is not the sender's. remiss.local when the address has no domain of its own (the default remiss@localhost)."""
    domain = parseaddr(mail_from)[1].rpartition("@")[2].strip().lower()
    usable = "." in domain.strip(".") and all(c.isalnum() or c in ".-" for c in domain)
    return domain if usable else DEFAULT_DOMAIN


def _configured_domain() -> str:
    return sender_domain(current_app.config.get("MAIL_FROM", "")) if has_app_context() else DEFAULT_DOMAIN


def message_id_for(key: str, domain: str = DEFAULT_DOMAIN) -> str:
    """A stable Message-ID per outbox row, so a resent mail is recognisable as the same one."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def enqueue(session: Session, *, now: datetime, key: str, recipient_email: str, kind: str, due_at: datetime,
            subject: str, payload: dict, remiss_id: int | None = None, recipient_user_id: int | None = None,
            domain: str | None = None) -> bool:
    """Add one mail to send at due_at; a row with the same key already there makes this a no-op.

    The row's Message-ID is fixed here, at the domain of REMISS_MAIL_FROM (unless domain is given), and
    every send of the row uses it.

    Returns True when a row was added. Uses INSERT ... ON CONFLICT DO NOTHING, so concurrent
    enqueuers never fail and never duplicate.
    """
    values = dict(key=key, remiss_id=remiss_id, recipient_user_id=recipient_user_id,
                  recipient_email=recipient_email, kind=kind, due_at=due_at, status=OutboxStatus.pending.value,
                  attempts=0, next_attempt_at=due_at, claimed_by="", last_error="",
                  message_id=message_id_for(key, domain or _configured_domain()), subject=subject[:500],
                  payload=json.dumps(payload, ensure_ascii=False, default=str), created_at=now)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(OutboxMessage.__table__).values(**values).on_conflict_do_nothing(index_elements=["key"])
    # RETURNING tells reliably whether the row went in (PostgreSQL reports rowcount -1 here).
    return session.execute(stmt.returning(OutboxMessage.__table__.c.id)).first() is not None


def cancel_pending(session: Session, *, now: datetime, remiss_id: int, kinds: list[str] | None = None,
                   reason: str = "") -> int:
    """Cancel pending rows of a remiss (optionally only some kinds); return how many."""
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.remiss_id == remiss_id, OutboxMessage.status == OutboxStatus.pending.value)
            .values(status=OutboxStatus.cancelled.value, last_error=reason[:500]))
    if kinds:
        stmt = stmt.where(OutboxMessage.kind.in_(kinds))
    return session.execute(stmt).rowcount


def pending_keys(session: Session, remiss_id: int) -> set[str]:
    return set(session.exec(select(OutboxMessage.key).where(OutboxMessage.remiss_id == remiss_id,
                                                            OutboxMessage.status == OutboxStatus.pending.value)))
