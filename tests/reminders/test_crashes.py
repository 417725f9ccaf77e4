"""Real processes: `remiss reminders run` and `remiss scheduler` killed (kill -9), stopped (SIGTERM), racing on
a slow relay and facing a relay that is down, against an SMTP relay in a process of its own.

Runs on SQLite, and on PostgreSQL in the suite's PostgreSQL pass. Every wait has a deadline and fails
with what it waited for; nothing passes by timing out.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, update
from sqlmodel import select

from remiss.clock import local
from remiss.db import utcnow
from remiss.reminders import policy
from remiss.reminders.models import MailRelay, OutboxMessage
from remiss.reminders.outbox import message_id_for
from remiss.remisser.models import Remiss
from remiss.reminders.schedule import NEVER
from tests.reminders.relay_process import RelayProcess
from tests.support.factories import make_namnd, make_remiss

REMISS = Path(sys.executable).with_name("remiss")
DUE = int(os.environ.get("REMISS_TEST_CRASH_DUE", "1000"))
LEASE = 3  # seconds: the rows of a killed sweeper come back this soon
SENT = re.compile(r"skickade: (\d+)")


def wait_for(what: str, predicate, timeout: float, interval: float = 0.05) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}")
        time.sleep(interval)


@pytest.fixture
def relay(tmp_path):
    relay = RelayProcess(tmp_path)
    yield relay
    relay.stop()


def due_rows(session, count: int, prefix: str = "crash") -> list[str]:
    """count notices to different recipients about 50 remisser, due an hour ago; their Message-IDs."""
    namnd = make_namnd(session, weekly_digest=False)
    remisser = [make_remiss(session, namnd=namnd) for _ in range(50)]
    session.flush()
    # Nothing else to plan or send: the outbox holds exactly the rows below.
    session.execute(update(Remiss).values(reminders_planned_until=NEVER))
    session.execute(delete(OutboxMessage))
    due = utcnow() - timedelta(hours=1)
    rows = [dict(key=f"{prefix}:{n}", remiss_id=remisser[n % 50].id, recipient_email=f"mottagare{n}@example.se",
                 kind=policy.ASSIGNED, due_at=due, status="pending", attempts=0, next_attempt_at=due, claimed_by="",
                 last_error="", message_id=message_id_for(f"{prefix}:{n}"), subject="", payload="{}", created_at=due)
            for n in range(count)]
    session.execute(insert(OutboxMessage.__table__), rows)
    session.commit()
    return [r["message_id"] for r in rows]


def statuses(db) -> dict[str, int]:
    with db.transaction(write=False) as s:
        return dict(s.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)).all())


class Sweepers:
    """Start `remiss …` processes with the test's database and relay; each writes its own log."""

    def __init__(self, database_url: str, relay: RelayProcess, tmp_path: Path, **settings: str):
        self.tmp_path, self.started = tmp_path, []
        self.env = {**os.environ, "REMISS_DATABASE_URL": database_url, "REMISS_SMTP_URL": relay.url,
                    "REMISS_SECRET_KEY": "test", "REMISS_INSTANCE_PATH": str(tmp_path / "instance"),
                    "REMISS_BASE_URL": "http://remiss.test", "REMISS_OUTBOX_LEASE_SECONDS": str(LEASE),
                    "REMISS_SCHEDULER_INTERVAL_SECONDS": "1", "REMISS_OUTBOX_BATCH": "200", **settings}

    def start(self, *args: str) -> subprocess.Popen:
        out = self.tmp_path / f"sweeper{len(self.started)}.out"
        err = self.tmp_path / f"sweeper{len(self.started)}.err"
        proc = subprocess.Popen([str(REMISS), *args], env=self.env, stdout=out.open("w"), stderr=err.open("w"))
        proc.out, proc.err = out, err
        self.started.append(proc)
        return proc

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([str(REMISS), *args], env=self.env, capture_output=True, text=True, timeout=timeout)

    def kill_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


@pytest.fixture
def sweepers(database_url, relay, tmp_path):
    made: list[Sweepers] = []

    def make(**settings) -> Sweepers:
        made.append(Sweepers(database_url, relay, tmp_path, **settings))
        return made[-1]

    yield make
    for s in made:
        s.kill_all()


COMMANDS = {"run": ("reminders", "run"), "scheduler": ("scheduler",)}


def drain(procs: Sweepers, db, expected: int) -> None:
    """`remiss reminders run` until every row is sent, each run's count checked against the database."""
    for _ in range(6):
        before = statuses(db).get("sent", 0)
        done = procs.run("reminders", "run")
        assert done.returncode == 0, done.stdout + done.stderr
        after = statuses(db).get("sent", 0)
        assert int(SENT.search(done.stdout).group(1)) == after - before, done.stdout  # truthful numbers
        if after == expected:
            return
    pytest.fail(f"after six sweeps {statuses(db)} of {expected}")


def test_kill_9_of_run_and_scheduler_mid_sweep_loses_nothing_and_repeats_at_most_one_mail_per_kill(
        session, db, relay, sweepers):
    expected = due_rows(session, DUE)
    relay.start()
    procs = sweepers()
    moments = [("run", 1), ("scheduler", DUE * 3 // 10), ("run", DUE * 6 // 10), ("scheduler", DUE * 9 // 10)]
    for command, at in moments:  # at the first mail, then ever later in the backlog
        proc = procs.start(*COMMANDS[command])
        wait_for(f"{at} mails before killing `remiss {command}`",
                 lambda: relay.count() >= at or proc.poll() is not None, timeout=180)
        assert proc.poll() is None, f"the sweep ended before the kill: {proc.out.read_text()} {proc.err.read_text()}"
        proc.kill()
        proc.wait()
    # No wait for the lease: the killed sweepers ran on this host, so the next sweep takes their rows over.
    listing = procs.run("reminders", "list", "--limit", "1").stdout  # the rows the last one left: what then
    assert "meddelanden står som Skickas, men process" in listing, listing
    assert "körs inte längre; nästa svep tar över dem genast" in listing, listing
    drain(procs, db, DUE)
    received = relay.received()
    assert set(received) == set(expected)
    twice = sorted(n for n in received.values() if n > 1)
    assert twice == [2] * len(twice) and len(twice) <= len(moments), f"{len(twice)} repeated after {len(moments)} kills"
    assert statuses(db) == {"sent": DUE}


def test_sigterm_in_the_first_sweep_records_what_went_out_and_exits_within_5_s(session, db, relay, sweepers):
    count = max(DUE // 2, 200)
    expected = due_rows(session, count)
    relay.start()
    procs = sweepers()
    for command, at in (("scheduler", 50), ("run", 100)):
        before = statuses(db).get("sent", 0)
        proc = procs.start(*COMMANDS[command])
        wait_for(f"{at} mails before stopping `remiss {command}`",
                 lambda: relay.count() >= at or proc.poll() is not None, timeout=120)
        assert proc.poll() is None, proc.err.read_text()
        asked = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            pytest.fail(f"`remiss {command}` did not exit within 5 s of SIGTERM")
        assert time.monotonic() - asked < 5 and proc.returncode == 0, proc.err.read_text()
        marked = statuses(db)
        assert "sending" not in marked, marked  # the rest of the claim was handed back, not left to the lease
        assert marked.get("sent", 0) == relay.count() == len(relay.received())  # every mail out recorded, once
        logged = sum(int(n) for n in re.findall(r"skickade: (\d+)", proc.out.read_text() + proc.err.read_text()))
        assert logged == marked["sent"] - before, (proc.out.read_text(), proc.err.read_text())
        if command == "scheduler":  # its log in Swedish time, as the page and --since (the host may run in UTC)
            [stamp] = re.findall(r"^(\S+ \S+) remiss.scheduler Schemaläggaren avslutad", proc.err.read_text(), re.M)
            assert abs(datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f%z") - local(utcnow())) < timedelta(minutes=1)
            assert stamp.endswith(local(utcnow()).strftime("%z")), stamp
    drain(procs, db, count)
    assert sorted(relay.received().values()) == [1] * count and set(relay.received()) == set(expected)


def test_a_slow_relay_and_a_second_sweeper_after_the_first_ones_lease_no_duplicates_true_counts(
        session, db, relay, sweepers):
    count = 300
    due_rows(session, count)
    relay.start(delay=0.01)
    procs = sweepers(REMISS_OUTBOX_BATCH="150", REMISS_OUTBOX_LEASE_SECONDS="2")  # a claim outlasts its lease
    first = procs.start("reminders", "run")
    wait_for("the first mail", lambda: relay.count() >= 1, timeout=60)
    time.sleep(2.5)  # the first claim's lease, unless renewed, has run out
    assert first.poll() is None and relay.count() < count, "the first sweeper finished too soon to be raced"
    second = procs.start("reminders", "run")
    for proc in (first, second):
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            pytest.fail("a sweeper did not finish within 120 s")
        assert proc.returncode == 0, proc.err.read_text()
    assert sorted(relay.received().values()) == [1] * count
    counted = [int(SENT.search(p.out.read_text()).group(1)) for p in (first, second)]
    assert sum(counted) == count and statuses(db) == {"sent": count}, counted


def test_relay_down_longer_than_the_retry_window_then_everything_goes_out_once(session, db, relay, sweepers):
    count = 300
    expected = due_rows(session, count)
    procs = sweepers()  # the relay is not started: its port refuses connections
    start = local(utcnow())
    for hours in (0, 30):  # the first 30 hours of a weekend: twelve attempts' backoff would end before 13
        done = procs.run("reminders", "run", "--now", (start + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M"))
        assert done.returncode == 0, done
        assert ("skickade: 0, hoppade över: 0, misslyckade (ger upp): 0, försök som misslyckades (görs om): 0"
                in done.stdout), done
        assert "e-posten går inte att skicka" in done.stderr and f"{count} meddelanden väntar" in done.stderr
    scheduler = procs.start("scheduler")  # claims 200 (REMISS_OUTBOX_BATCH) of the 300: it warns of all 300
    wait_for("the scheduler's outage warning", lambda: "går inte att skicka" in scheduler.err.read_text(), 60)
    scheduler.terminate()
    scheduler.wait(10)
    assert f"({count} meddelanden väntar)" in scheduler.err.read_text(), scheduler.err.read_text()
    listing = procs.run("reminders", "list", "--limit", "1").stdout
    assert listing.startswith("E-posten går inte att skicka sedan") and "kunde inte nås" in listing
    assert f"väntar: {count}" in listing
    assert statuses(db) == {"pending": count}
    with db.transaction(write=False) as s:
        assert s.execute(select(func.max(OutboxMessage.attempts))).scalar() == 0
    relay.start()
    done = procs.run("reminders", "run", "--now", (start + timedelta(hours=31)).strftime("%Y-%m-%dT%H:%M"))
    assert done.returncode == 0 and f"skickade: {count}," in done.stdout, done
    assert sorted(relay.received().values()) == [1] * count and set(relay.received()) == set(expected)
    with db.transaction(write=False) as s:
        assert s.get(MailRelay, "default").down_since is None  # the pages no longer say it is down


def workers_of(proc: subprocess.Popen) -> list[int]:
    """The processes `remiss reminders run --workers N` started (Linux: /proc)."""
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def test_workers_send_every_mail_once_and_count_what_they_marked(session, db, relay, sweepers):
    expected = due_rows(session, DUE)
    relay.start()
    done = sweepers().run("reminders", "run", "--workers", "3")
    assert done.returncode == 0, done.stdout + done.stderr
    assert int(SENT.search(done.stdout).group(1)) == DUE, done.stdout  # the three workers' counts added up
    assert sorted(relay.received().values()) == [1] * DUE and set(relay.received()) == set(expected)
    assert statuses(db) == {"sent": DUE}


def test_sigterm_to_run_with_workers_stops_them_all_within_5_s_and_records_what_went_out(
        session, db, relay, sweepers):
    count = max(DUE // 2, 300)
    expected = due_rows(session, count)
    relay.start()
    procs = sweepers()
    proc = procs.start("reminders", "run", "--workers", "2")
    wait_for("100 mails before stopping `remiss reminders run --workers 2`",
             lambda: relay.count() >= 100 or proc.poll() is not None, timeout=120)
    assert proc.poll() is None and len(workers_of(proc)) == 2, proc.err.read_text()
    proc.send_signal(signal.SIGTERM)  # to the parent only, as `kill PID` or systemd's KillMode=mixed
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        pytest.fail("`remiss reminders run --workers 2` did not exit within 5 s of SIGTERM")
    assert proc.returncode == 0, proc.err.read_text()
    marked = statuses(db)
    assert "sending" not in marked, marked  # both workers handed the rest of their claims back
    assert marked.get("sent", 0) == relay.count() == len(relay.received())
    assert int(SENT.search(proc.out.read_text()).group(1)) == marked["sent"], proc.out.read_text()
    drain(procs, db, count)
    assert sorted(relay.received().values()) == [1] * count and set(relay.received()) == set(expected)


def test_kill_9_of_a_worker_repeats_at_most_its_one_mail_and_the_run_says_so(session, db, relay, sweepers):
    expected = due_rows(session, DUE)
    relay.start()
    procs = sweepers()
    proc = procs.start("reminders", "run", "--workers", "2")
    wait_for("DUE // 3 mails before killing a worker", lambda: relay.count() >= DUE // 3 or proc.poll() is not None,
             timeout=180)
    assert proc.poll() is None, proc.err.read_text()
    os.kill(workers_of(proc)[0], signal.SIGKILL)
    assert proc.wait(120) == 1  # the other worker finished; the run reports the lost one
    assert "arbetsprocesser avslutades oväntat" in proc.err.read_text(), proc.err.read_text()
    # No wait for the lease: the killed worker ran on this host, so the next sweep takes its rows over.
    drain(procs, db, DUE)
    received = relay.received()
    assert set(received) == set(expected)
    assert sum(n - 1 for n in received.values()) <= 1, "more than one mail repeated after one kill"
    assert statuses(db) == {"sent": DUE}


def test_a_database_that_does_not_answer_is_named_so_and_exits_1(relay, sweepers):
    """PostgreSQL not listening: the words say it does not answer (not "busy or locked"), the exit code 1."""
    from tests.support.local_smtp import free_port

    procs = sweepers(REMISS_DATABASE_URL=f"postgresql+psycopg://remiss:remiss@127.0.0.1:{free_port()}/remiss")
    for command in (("reminders", "run"), ("reminders", "list"), ("reminders", "resend", "--failed")):
        done = procs.run(*command, timeout=60)
        assert done.returncode == 1 and "fel: Databasen svarar inte;" in done.stderr, done
        assert "upptagen eller låst" not in done.stderr and "Traceback" not in done.stderr
