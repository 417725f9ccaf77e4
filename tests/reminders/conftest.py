"""A real SMTP server on 127.0.0.1 (aiosmtpd) and helpers to give a remiss a known tidplan."""
from __future__ import annotations

import email
import threading
from datetime import date, datetime
from email.policy import default as default_policy

import pytest
from sqlmodel import delete

from remiss.auth.models import Role
from remiss.planning.models import Milestone
from remiss.reminders.delivery import Settings
from remiss.reminders.models import OutboxMessage
from tests.support.factories import make_namnd, make_remiss
from tests.support.local_smtp import free_port, start_smtp


REPLIES = {"451": "451 4.3.0 Tillfälligt fel, försök senare", "550": "550 5.1.1 Mottagaren finns inte",
           "554": "554 5.7.1 Relaying denied"}


class Collector:
    """aiosmtpd handler: answers `reply` ("250", or a code of REPLIES) at the end of the data, refuses the
    addresses in `refuse` at RCPT, and keeps what it accepted."""

    def __init__(self):
        self.reply = "250"
        self.refuse: set[str] = set()
        self.messages: list[email.message.EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return REPLIES["550"]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.reply != "250":
            return REPLIES[self.reply]
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 2.0.0 OK"

    def ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]


class SmtpServer:
    """A real SMTP server on a free localhost port that a test can stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.handler = Collector()
        self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self):
        return self.handler.messages

    def start(self):
        self.controller = start_smtp(self.handler, self.port)

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(app):
    server = SmtpServer()
    server.start()
    app.config["SMTP_URL"] = server.url
    app.config["SMTP_TIMEOUT_SECONDS"] = 5
    yield server
    server.stop()


FAST = Settings(retry_base=__import__("datetime").timedelta(minutes=1), max_attempts=5, max_permanent_attempts=2)


def utc(*args) -> datetime:
    from datetime import timezone

    return datetime(*args, tzinfo=timezone.utc)


def stockholm(*args) -> datetime:
    from remiss.clock import STOCKHOLM

    return datetime(*args, tzinfo=STOCKHOLM)


def set_milestones(session, remiss, items: list[tuple[str, date, str]]) -> None:
    """Replace the tidplan of a remiss with (kind, due_on, owner_role) rows."""
    session.exec(delete(Milestone).where(Milestone.remiss_id == remiss.id))
    for position, (kind, due_on, owner) in enumerate(items):
        session.add(Milestone(remiss_id=remiss.id, kind=kind, position=position, label=kind, owner_role=owner,
                              planned_on=due_on, due_on=due_on))
    # written behind the tidplan service's back (it sends milestones_changed): let the next sweep plan it
    remiss.reminders_planned_until = None
    session.add(remiss)
    session.flush()


_HASH: list[str] = []


def fast_user(session, *, role: str, namnder=(), email: str, name: str = ""):
    """A user with the shared test password, hashed once per run (argon2 is slow by design)."""
    import secrets

    from remiss.auth.models import NamndMembership, User
    from remiss.auth.passwords import hash_password
    from tests.support.factories import PASSWORD, T0

    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    user = User(email=email, name=name or email.split("@")[0].title(), role=str(role), password_hash=_HASH[0],
                ics_token=secrets.token_hex(16), created_at=T0)
    session.add(user)
    session.flush()
    for namnd in namnder:
        session.add(NamndMembership(user_id=user.id, namnd_id=namnd.id))
    session.flush()
    return user


@pytest.fixture
def world(session):
    """A nämnd without digest, a handläggare, a granskare, a registrator and a remiss assigned later."""
    namnd = make_namnd(session)
    namnd.weekly_digest = False
    session.add(namnd)
    handlaggare = fast_user(session, role=Role.handlaggare, namnder=[namnd], email="hanna@example.se",
                            name="Hanna Handläggare")
    granskare = fast_user(session, role=Role.granskare, namnder=[namnd], email="gustav@example.se")
    registrator = fast_user(session, role=Role.registrator, namnder=[namnd], email="rut@example.se")
    remiss = make_remiss(session, namnd=namnd, title="Översyn av lokala ordningsföreskrifter")
    remiss.handlaggare_id = handlaggare.id
    session.add(remiss)
    session.exec(delete(OutboxMessage))
    set_milestones(session, remiss, [("tjansteskrivelse", date(2026, 12, 7), "handlaggare")])
    session.commit()
    return type("World", (), dict(namnd=namnd, handlaggare=handlaggare, granskare=granskare,
                                  registrator=registrator, remiss=remiss))
