"""Fixtures for outgoing remisser: a real SMTP server on localhost that the app is configured to use."""
from __future__ import annotations

from datetime import date, datetime
from email import message_from_bytes, policy

import pytest

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing import mails
from remiss.remisser.input import SandlistaItem
from tests.support.factories import T0, make_namnd, make_remiss, make_user
from tests.support.local_smtp import start_smtp

NORR, SODER = SandlistaItem("Norr", "norr@example.se", ""), SandlistaItem("Söder", "soder@example.se", "")


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


@pytest.fixture
def smtp(app):
    """Start aiosmtpd on a free port and point the app's SMTP_URL (REMISS_SMTP_URL) at it."""
    inbox = Inbox()
    controller = start_smtp(inbox)
    inbox.port = controller.port
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{controller.port}"
    app.config["SMTP_TIMEOUT_SECONDS"] = 5
    yield inbox
    controller.stop()


def run_sweep(runner, inbox: Inbox, moment: datetime) -> list[tuple[list[str], object]]:
    """Run `remiss reminders run --now <moment>` and return the outgoing mails that reached the server."""
    before = len(inbox.messages)
    result = runner.invoke(args=["reminders", "run", "--now", moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")])
    assert result.exit_code == 0, result.output
    assert "misslyckade (ger upp): 0, försök som misslyckades (görs om): 0" in result.output, result.output
    return [(rcpts, m) for rcpts, m in inbox.messages[before:] if m["X-Remiss-Kind"] in mails.KINDS]


@pytest.fixture
def unsent_utgaende(session, auth, clock):
    """A factory: on Monday 23 November 2026 (T0) a new nämnd's utgående remiss, not sent, with one question, svarstid
    to 29 January 2027 and the instanser Norr and Söder (or those given); its registrator is signed in. Returns it."""
    def make(sandlista=(NORR, SODER)):
        clock.set(T0)
        namnd = make_namnd(session)
        user = make_user(session, role=Role.registrator, namnder=[namnd])
        remiss = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                             deadline_on=date(2027, 1, 29), deadline_time=None, sandlista=list(sandlista))
        session.commit()
        auth.login(user.email)
        return remiss
    return make
