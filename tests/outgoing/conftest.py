"""Fixtures for outgoing remisser: a real SMTP server on localhost that the app is configured to use."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from email import message_from_bytes, policy

import pytest

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing import mails
from remiss.outgoing.service import anstand, lifecycle, sending
from remiss.remisser import service as remisser
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


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def sent_to_kommunal_and_ungdom(app, session, clock, auth, **remiss_fields) -> tuple[int, list[int]]:
    """On Saturday 5 December 2026 an utgående remiss (svarstid 18 December 12.00, chasers 5 arbetsdagar before and 2
    after) sent to Kommunal and Ungdomsrådet; its registrator is signed in. `remiss_fields` go to make_remiss, a
    `namnd_name` to make_namnd. Returns the remiss's id and its entries' ids."""
    clock.set(at(2026, 12, 5, 0, 30))
    namnd_name = remiss_fields.pop("namnd_name", None)
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2",
                       **({"name": namnd_name} if namnd_name else {}))
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 5, 0, 20),
                         deadline_on=date(2026, 12, 18), deadline_time=time(12, 0),
                         sandlista=[SandlistaItem("Kommunal", "kommunal@example.se", ""),
                                    SandlistaItem("Ungdomsrådet", "ungdom@example.se", "")], **remiss_fields)
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5, 0, 25), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    auth.login(user.email)
    ids, remiss_id = [e.id for e in remisser.entries(session, remiss.id)], remiss.id
    session.rollback()
    return remiss_id, ids


def sent_to_norr_and_soder(app, session, *, sent_at: datetime):
    """An utgående remiss (svarstid 29 January 2027, one question) registered three days before T0 and sent to Norr
    and Söder at sent_at – its missiv waits in the Utkorg until a sweep runs. Returns the remiss and its
    registrator (not signed in)."""
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=T0 - timedelta(days=3),
                         deadline_on=date(2027, 1, 29), deadline_time=None, questions=["Fråga?"],
                         sandlista=[NORR, SODER])
    with app.app_context():
        sending.send(session, now=sent_at, principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    session.commit()
    return remiss, user


def soder_granted_anstand(app, session, clock, auth, runner, smtp, *, norr_until: date | None = None,
                          compiled: bool = False) -> tuple[int, object]:
    """An utgående remiss sent to Norr and Söder two days before T0, its missiv gone out at a sweep five minutes
    later; at T0 Söder granted an anstånd to 12 February 2027 (and Norr one to `norr_until` when given) whose besked
    waits in the Utkorg, and the answers compiled when `compiled`. At T0 + 1 minute its registrator is signed in.
    Returns the remiss's id and the registrator."""
    remiss, user = sent_to_norr_and_soder(app, session, sent_at=T0 - timedelta(days=2))
    run_sweep(runner, smtp, T0 - timedelta(days=2) + timedelta(minutes=5))  # the missiv went out
    remiss = session.get(type(remiss), remiss.id)
    norr, soder = remisser.entries(session, remiss.id)
    system = Principal.system()
    anstand.grant_extension(session, now=T0, principal=system, remiss=remiss, entry=soder, until_on=date(2027, 2, 12))
    if norr_until is not None:
        anstand.grant_extension(session, now=T0, principal=system, remiss=remiss, entry=norr, until_on=norr_until)
    if compiled:
        with app.app_context():
            lifecycle.compile_answers(session, now=T0, principal=system, remiss=remiss,
                                      files_dir=app.config["FILES_DIR"])
    session.commit()
    rid = remiss.id
    session.close()
    clock.set(T0 + timedelta(minutes=1))
    auth.login(user.email)
    return rid, user
