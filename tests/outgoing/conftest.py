"""Fixtures for outgoing remisser: a real SMTP server on localhost and a delivery driver."""
from __future__ import annotations

import smtplib
import socket
from datetime import datetime
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from remiss.outgoing import mails
from remiss.reminders.models import OutboxMessage, OutboxStatus


class Inbox:
    """aiosmtpd handler that keeps every accepted message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def to(self, address: str):
        return [m for rcpts, m in self.messages if address in rcpts]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


def deliver_due(app, db, inbox, now: datetime) -> int:
    """Send the outgoing rows due at `now` to the SMTP server, as the outbox sweep does, and mark them sent.

    The reminders sweep builds its own kinds; rows of the outgoing kinds are built by
    remiss.outgoing.mails.compose, which is what this driver uses.
    """
    sent = 0
    with app.app_context(), db.transaction() as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.pending.value,
                                                        OutboxMessage.kind.in_(mails.KINDS),
                                                        OutboxMessage.next_attempt_at <= now)
                            .order_by(OutboxMessage.due_at, OutboxMessage.id)).all()
        with smtplib.SMTP("127.0.0.1", inbox.port, timeout=10) as client:
            for row in rows:
                message = mails.compose(session, row, config=app.config, now=now)
                client.send_message(message)
                row.status, row.sent_at, row.attempts = OutboxStatus.sent.value, now, row.attempts + 1
                session.add(row)
                sent += 1
    return sent
