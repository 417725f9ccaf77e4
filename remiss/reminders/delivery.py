"""Send the outbox: claim due rows, then send each mail and record it before the next one goes out.

What a sweep promises, and the module each promise rests on:

- One sweeper at a time per row (claim.py, lease.py): due rows are claimed in a short transaction
  (SQLite's write lock, PostgreSQL's FOR UPDATE SKIP LOCKED) and committed as "sending" under a fresh
  claim token before any mail is handed over.
- At most one duplicate per crash (marks.py): a mail is marked sent by a single autocommitted UPDATE
  as soon as the relay accepted it, and the next mail is handed over only after that. A sweeper that
  dies leaves at most the one mail it was handing over unmarked; it is sent again with the same
  Message-ID (at least once: SMTP cannot be exactly once). In file mode the file is the delivery and
  is never written twice (transport.FileTransport).
- A dead sweeper's claim does not wait for its lease when the sweeper ran on this host (holder.py):
  the next sweep takes its rows over at once.
- A claim is not taken back from a sweeper that works (lease.py): its lease is renewed every quarter
  of the lease, and a mail is only started while half of it remains. Outcomes are written only where
  the row still carries the sweeper's token, so a sweeper that lost rows neither records nor counts them.
- A give-up and what follows from it happen together (marks.py): a row failed for good and the reaction
  other capabilities registered for its kind (claim.AFTER_FAILED: a missiv that could not be e-mailed
  stops the reminders of its instans) are one transaction, so a crash leaves both or neither.
- An outage is not the rows' fault (sending.py, relay.py): the sweep stops, the rows keep their
  attempts and their place, the outage is recorded for the pages, and each later sweep tries one mail
  until the relay takes it.
- A stop request (SIGTERM, Ctrl+C) finishes and records the mail in hand, hands the rest of the
  claim back and returns.
"""
from __future__ import annotations

import threading
import time as wallclock
from contextlib import nullcontext
from datetime import datetime
from typing import Callable

from flask import current_app
from sqlalchemy.exc import OperationalError

from remiss.db import Database, utcnow
from remiss.db_errors import schema_message, schema_missing
from remiss.reminders import relay, schedule
from remiss.reminders.claim import Settings
from remiss.reminders.lease import Leases
from remiss.reminders.marks import Marks
from remiss.reminders.report import SweepError, SweepResult
from remiss.reminders.sending import Sender
from remiss.reminders.transport import transport_from_config

__all__ = ["Settings", "SweepError", "SweepResult", "database_error", "sweep"]


def sweep(db: Database, *, now: datetime, worker_id: str, settings: Settings | None = None, transport=None,
          stop: threading.Event | None = None, clock: Callable[[], datetime] = utcnow) -> SweepResult:
    """Extend plans, then claim and send due rows, mail by mail, until none are due, the time budget
    is spent, the relay is down or a stop is requested; safe to run in many processes at once.

    now is the moment the sweep acts for (what is due, sent_at, backoffs); clock is the wall clock,
    which leases are measured in.
    """
    config = current_app.config
    settings = settings or Settings.from_config(config)
    transport = transport or transport_from_config(config)
    stop = stop or threading.Event()
    result = SweepResult()
    leases = Leases(db, now=now, worker_id=worker_id, settings=settings, clock=clock, result=result)
    marks = Marks(db, now=now, settings=settings, result=result, stop=stop)
    try:
        with db.transaction() as session:
            result.added = schedule.schedule_due(session, now=now, lookahead_days=settings.lookahead_days,
                                                 budget_seconds=settings.plan_budget)
            state = relay.get(session)
            was_down = state is not None and state.down_since is not None
    except OperationalError as exc:
        raise database_error(exc) from exc
    sender = Sender(db, now=now, config=config, leases=leases, marks=marks, result=result, stop=stop,
                    relay_was_down=was_down)
    budget_ends = wallclock.monotonic() + settings.budget.total_seconds()
    first = True
    opener = getattr(transport, "connection", None)  # one SMTP session for the sweep; any object with send() will do
    try:
        with (opener() if opener else nullcontext(transport)) as connection:
            while not stop.is_set():
                try:
                    batch, lease = leases.take(first=first)
                except OperationalError as exc:
                    if first:
                        raise database_error(exc) from exc
                    break  # the next sweep continues where this one stopped
                first = False
                result.skipped += batch.skipped
                if batch.rows and not sender.send(batch, lease, connection):
                    break
                if len(batch.rows) + batch.skipped < settings.batch or wallclock.monotonic() > budget_ends:
                    break
    finally:
        marks.close()
    result.stopped = result.stopped or stop.is_set()
    relay.record_sweep(db, now=now, down=result.relay_down, accepted=marks.accepted, was_down=was_down)
    return result


def database_error(exc: OperationalError) -> SweepError:
    """What a database error means for the operator, in Swedish: schema not migrated, not answering, or busy."""
    if schema_missing(exc):
        return SweepError(schema_message(exc))
    if "connection" in str(exc.orig).lower():  # the server is not there (psycopg: connection failed/refused)
        return SweepError(f"Databasen svarar inte; kontrollera att den är igång och REMISS_DATABASE_URL "
                          f"({exc.orig}).")
    return SweepError(f"Databasen är upptagen eller låst; försök igen ({exc.orig}).")
