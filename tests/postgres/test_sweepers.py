"""Three `remiss scheduler` processes on one PostgreSQL deliver every due reminder exactly once.

The issue's full run is 10,000 due reminders: REMISS_TEST_SWEEP_DUE=10000. The suite's default is
smaller because the sweep composes each mail (Jinja, ICS) at a few mails per second per core, so
10,000 takes many minutes; exactly-once does not depend on the count.
"""
from __future__ import annotations

import collections
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import func, insert
from sqlmodel import select

from remiss.db import utcnow
from remiss.reminders import policy
from remiss.reminders.models import OutboxMessage
from remiss.reminders.outbox import message_id_for
from tests.support.factories import make_namnd, make_remiss

DUE = int(os.environ.get("REMISS_TEST_SWEEP_DUE", "1000"))
SWEEPERS, REMISSER = 3, 50
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.I | re.M)
REMISS = Path(sys.executable).with_name("remiss")


class Counting:
    """aiosmtpd handler counting accepted mails by Message-ID."""

    def __init__(self):
        self.seen = collections.Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        match = MESSAGE_ID.search(envelope.content)
        with self.lock:
            self.seen[match.group(1).decode() if match else None] += 1
        return "250 2.0.0 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _due_rows(session, now) -> list[str]:
    """Insert DUE pending notices, each its own catch-up group, due an hour ago; return their Message-IDs.

    The schedulers run on the wall clock, so the remisser the rows belong to are registered now with their
    deadline a year ahead: they have no reminder of their own due and put nothing in the weekly digest, and
    the DUE rows are the only mail. (With the factories' fixed dates, a deadline of 2026-12-18, the digest
    of Monday 30 November 2026 listed them and one mail too many was sent; from 4 December their own
    "before" reminders would have been due too.)
    """
    namnd = make_namnd(session)
    deadline = (now + timedelta(days=365)).date()
    remisser = [make_remiss(session, namnd=namnd, now=now, deadline_on=deadline) for _ in range(REMISSER)]
    session.flush()
    due = now - timedelta(hours=1)
    rows = []
    for n in range(DUE):
        key = f"bench:{n}:{policy.ASSIGNED}"
        rows.append(dict(key=key, remiss_id=remisser[n % REMISSER].id, recipient_user_id=None,
                         recipient_email=f"mottagare{n}@example.se", kind=policy.ASSIGNED, due_at=due,
                         status="pending", attempts=0, next_attempt_at=due, claimed_by="", last_error="",
                         message_id=message_id_for(key), subject=f"Påminnelse {n}", payload="{}", created_at=now))
    session.execute(insert(OutboxMessage.__table__), rows)
    session.commit()
    return [r["message_id"] for r in rows]


def test_three_schedulers_send_each_due_reminder_once(session, database_url, tmp_path):
    expected = _due_rows(session, utcnow())
    handler, port = Counting(), _free_port()
    smtp = Controller(handler, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {**os.environ, "REMISS_DATABASE_URL": database_url, "REMISS_SMTP_URL": f"smtp://127.0.0.1:{port}",
           "REMISS_SCHEDULER_INTERVAL_SECONDS": "1", "REMISS_SECRET_KEY": "test",
           # a scheduler claims a batch ahead while it sends one; smaller batches than DUE / 2 leave work to share
           "REMISS_OUTBOX_BATCH": str(max(1, DUE // 10)),
           "REMISS_INSTANCE_PATH": str(tmp_path / "instance"), "REMISS_BASE_URL": "http://remiss.test"}
    logs = [tmp_path / f"scheduler{i}.log" for i in range(SWEEPERS)]
    procs = [subprocess.Popen([str(REMISS), "scheduler"], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
             for log in logs]
    try:
        started = time.monotonic()
        limit = started + max(300, DUE * 0.2)
        while time.monotonic() < limit and sum(handler.seen.values()) < DUE:
            assert all(p.poll() is None for p in procs), [log.read_text()[-2000:] for log in logs]
            time.sleep(0.5)
        time.sleep(3)  # a duplicate, if any, would arrive now
    finally:
        for p in procs:
            p.send_signal(signal.SIGINT)
        for p in procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        smtp.stop()

    elapsed = time.monotonic() - started
    stray = sorted(set(handler.seen) - set(expected))
    assert not stray, f"{len(stray)} mails sent that are none of the test's outbox rows: {stray[:5]}"
    assert sum(handler.seen.values()) == DUE, f"{sum(handler.seen.values())} of {DUE} sent in {elapsed:.0f} s"
    assert set(handler.seen) == set(expected)
    assert [mid for mid, n in handler.seen.items() if n != 1] == []
    statuses = dict(session.exec(select(OutboxMessage.status, func.count()).where(OutboxMessage.key.like("bench:%"))
                                 .group_by(OutboxMessage.status)).all())
    assert statuses == {"sent": DUE}
    # The work was shared: each scheduler logged what it sent, and together exactly DUE.
    sent_by = [sum(int(n) for n in re.findall(r"sent=(\d+)", log.read_text())) for log in logs]
    assert sum(sent_by) == DUE
    assert sum(1 for n in sent_by if n > 0) >= 2, sent_by
