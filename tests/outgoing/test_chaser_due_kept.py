"""A chaser that is due but not yet mailed survives re-planning: whichever of the hourly "Utgående remisser"
job and the outbox sweep runs first after 08.00, and however long the mail server is down, it goes out once."""
from __future__ import annotations

import socket
from datetime import date, datetime

import pytest
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing.service import chasers, sending
from remiss.reminders.models import OutboxMessage
from remiss.remisser.input import SandlistaItem
from tests.outgoing.conftest import run_sweep
from tests.support.factories import make_namnd, make_remiss


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def cli_now(moment: datetime) -> str:
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def sent(app, session, smtp, runner):
    """Sent 15 June 2015, deadline Friday 28 August: chasers 08.00 on 21 Aug (5 before) and 1 Sep (2 after)."""
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2015, 6, 15),
                         deadline_on=date(2015, 8, 28), deadline_time=None,
                         sandlista=[SandlistaItem("Instans Söder", "soder@example.se", "Nämnder")])
    with app.app_context():
        sending.send(session, now=at(2015, 6, 15), principal=Principal.system(), remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="http://remiss.test")
    session.commit()
    assert len(run_sweep(runner, smtp, at(2015, 6, 15, 9, 5))) == 1  # the missiv
    return remiss


def plan(runner, moment: datetime) -> None:
    result = runner.invoke(args=["outgoing", "chasers", "--now", cli_now(moment)])
    assert result.exit_code == 0, result.output


def chaser_rows(db) -> dict[date, str]:
    rows = db.session(write=False).exec(select(OutboxMessage).where(OutboxMessage.kind == chasers.KIND)).all()
    return {r.due_at.astimezone(STOCKHOLM).date(): r.status for r in rows}


@pytest.mark.parametrize("planner_first", [True, False], ids=["hourly-job-first", "sweep-first"])
def test_due_chaser_is_sent_whichever_job_runs_first(sent, db, smtp, runner, planner_first):
    moment = at(2015, 8, 21, 8, 30)  # after a restart across 08.00 both jobs start at once
    if planner_first:
        plan(runner, moment)
    mails = run_sweep(runner, smtp, moment)
    if not planner_first:
        plan(runner, moment)
    assert [rcpts for rcpts, _ in mails] == [["soder@example.se"]]
    assert mails[0][1]["Subject"].partition(" – ")[2].startswith("Påminnelse")
    assert chaser_rows(db)[date(2015, 8, 21)] == "sent"
    plan(runner, at(2015, 8, 21, 9, 30))  # the next hourly job: nothing sent twice, the later one still planned
    assert run_sweep(runner, smtp, at(2015, 8, 21, 9, 30)) == []
    assert chaser_rows(db) == {date(2015, 8, 21): "sent", date(2015, 9, 1): "pending"}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_chaser_pending_through_a_mail_outage_is_sent_when_the_server_is_back(sent, app, db, smtp, runner):
    working = app.config["SMTP_URL"]
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{_closed_port()}"  # nothing listens: the relay is down
    result = runner.invoke(args=["reminders", "run", "--now", cli_now(at(2015, 8, 21, 8, 5))])
    assert result.exit_code == 0, result.output
    assert chaser_rows(db)[date(2015, 8, 21)] == "pending"  # kept, to be tried again
    for hour in (9, 10, 11, 12):  # the hourly job runs on through the outage
        plan(runner, at(2015, 8, 21, hour, 1))
    assert chaser_rows(db)[date(2015, 8, 21)] == "pending"
    app.config["SMTP_URL"] = working
    mails = run_sweep(runner, smtp, at(2015, 8, 24, 9))  # the server is back on Monday
    assert [rcpts for rcpts, _ in mails] == [["soder@example.se"]]
    assert chaser_rows(db)[date(2015, 8, 21)] == "sent"


def test_moved_deadline_still_cancels_a_due_chaser(sent, app, db, session, runner):
    """Keeping due rows is only for moments still in the plan: a moment the plan no longer has is stopped."""
    remiss = session.get(type(sent), sent.id)
    remiss.deadline_on = remiss.effective_deadline_on = date(2015, 9, 30)
    session.add(remiss)
    session.commit()
    plan(runner, at(2015, 8, 21, 8, 30))
    assert chaser_rows(db)[date(2015, 8, 21)] == "cancelled"
