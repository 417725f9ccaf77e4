"""`remiss scheduler` while its database goes away and comes back (walk13, the operator's leftovers): Swedish lines
from Remiss only – one per failed run, naming the job, the database and the next try – none of APScheduler's
English, no traceback; the process keeps running and sends what is due once the database is back.

A real fault: the scheduler reaches PostgreSQL through a TCP proxy process (tests/support/tcp_proxy.py), killed with
SIGKILL; a new proxy on the same port brings the database back. The test itself writes to PostgreSQL directly."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from remiss import create_app
from remiss.db import utcnow
from remiss.reminders import outbox, policy
from tests.conftest import PG_URL
from tests.support.tcp_proxy import Proxy

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (REMISS_TEST_DATABASE_URL) behind a proxy")

ROOT = Path(__file__).resolve().parents[2]
AGAIN = "Försöker igen vid nästa körning"


@pytest.fixture
def proxy(database_url):
    target = make_url(database_url)
    running = Proxy(target.host or "localhost", target.port or 5432).start()
    yield running
    running.kill()


def wait_for(what: str, predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.1)


def test_the_scheduler_says_each_failed_run_in_swedish_keeps_running_and_recovers(world, session, proxy, tmp_path):
    mail = tmp_path / "mail"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMISS_")}
    env.update(PYTHONPATH=str(ROOT), REMISS_DATABASE_URL=proxy.url(PG_URL), REMISS_SECRET_KEY="test",
               REMISS_INSTANCE_PATH=str(tmp_path / "instans"), REMISS_BASE_URL="http://remiss.test",
               REMISS_SCHEDULER_INTERVAL_SECONDS="1", REMISS_MAIL_DIR=str(mail), REMISS_SMTP_URL="")
    out, err = tmp_path / "scheduler.out", tmp_path / "scheduler.err"
    process = subprocess.Popen([sys.executable, "-c", "from remiss.cli import main; main()", "scheduler"], env=env,
                               cwd=ROOT, stdout=out.open("w"), stderr=err.open("w"))
    try:
        wait_for("the scheduler to start", lambda: "Schemaläggaren körs" in out.read_text(), 120)
        time.sleep(2)  # the first runs over, connections in the pool
        proxy.kill()
        failed = lambda: [line for line in err.read_text().splitlines() if AGAIN in line]  # noqa: E731
        wait_for("three failed sweeps", lambda: len(failed()) >= 3, 60)
        assert process.poll() is None, err.read_text()
        # due now, queued while the scheduler cannot reach the database: sent once it can again
        outbox.enqueue(session, now=utcnow(), key="tillbaka", recipient_email="hanna@example.se", kind=policy.ASSIGNED,
                       due_at=utcnow() - timedelta(minutes=1), subject="Tilldelad", payload={},
                       remiss_id=world.remiss.id)
        session.commit()
        proxy.start()
        wait_for("the mail queued during the outage", lambda: any(mail.glob("*.eml")), 60)
        wait_for("the sweep's recovery line", lambda: "körs som vanligt igen" in err.read_text(), 30)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(60)
    log = err.read_text()
    assert code == 0, log
    assert "Traceback" not in log and "apscheduler" not in log, log  # "Adding job tentatively", "Scheduler started"
    lines = log.splitlines()
    assert "remiss.scheduler Schemaläggaren startad med 2 jobb: Påminnelser: svep utkorgen (var 1:e sekund); " \
           "Utgående remisser: svarstid och påminnelser (varje timme)." in lines[0], lines[0]
    # A sweep that had a pooled connection when the proxy went sees it cut; the sweeps after it find no server.
    causes = ("förbindelsen med servern bröts", "servern svarar inte")
    for line in failed():
        assert " remiss.scheduler Påminnelser: svep utkorgen: Databasen kunde inte nås (REMISS_DATABASE_URL=" \
               "postgresql+psycopg://remiss:***@127.0.0.1:" in line, line
        assert line.endswith(f"{AGAIN} (jobbet körs var 1:e sekund).") and any(c in line for c in causes), line
    assert "servern svarar inte" in failed()[-1], failed()
    assert lines[-1].endswith("Schemaläggaren avslutad.")


def test_the_hourly_outgoing_job_says_a_lost_database_in_one_line(proxy, tmp_path, caplog):
    """The job that left a traceback in walk 13. Its run as the scheduler makes it (every hour: not waited for
    in a process), against the database behind a killed proxy, then after it is back."""
    from remiss.reminders.scheduler import jobs

    app = create_app({"DATABASE_URL": proxy.url(PG_URL), "INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "x"})
    [hourly] = [job for job in jobs(app.config, threading.Event()) if job.id == "outgoing-hourly"]
    caplog.set_level(logging.INFO)
    hourly.run(app)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    proxy.kill()
    hourly.run(app)
    [said] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert said.exc_info is None and said.name == "remiss.scheduler"
    assert said.getMessage().startswith("Utgående remisser: svarstid och påminnelser: Databasen kunde inte nås (")
    assert said.getMessage().endswith(f"{AGAIN} (jobbet körs varje timme).")
    proxy.start()
    hourly.run(app)
    assert caplog.records[-1].getMessage() == "Utgående remisser: svarstid och påminnelser: körs som vanligt igen."
    app.extensions["remiss_db"].dispose()
