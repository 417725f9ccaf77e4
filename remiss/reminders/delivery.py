"""Send the outbox: claim due rows, then send each mail and record it before the next one goes out.

What a sweep promises, and what each promise rests on:

- One sweeper at a time per row: due rows are claimed in a short transaction (SQLite's write lock,
  PostgreSQL's FOR UPDATE SKIP LOCKED) and committed as "sending" under a fresh claim token before
  any mail is handed over.
- At most one duplicate per crash: a mail is marked sent in a transaction of its own as soon as the
  relay accepted it, and the next mail is handed over only after that commit. A sweeper that dies
  leaves at most the one mail it was handing over unmarked; it is sent again after the lease with
  the same Message-ID.
- A claim is not taken back from a sweeper that works: its lease is renewed every quarter of the
  lease, and a mail is only started while half of it remains. Outcomes are written only where the
  row still carries the sweeper's token, so a sweeper that lost rows neither records nor counts them.
- An outage is not the rows' fault (transport.RelayDown, or one refusal for several recipients in a
  row): the sweep stops, the rows keep their attempts and their place, the outage is recorded for the
  pages, and each later sweep tries one mail until the relay takes it.
- A stop request (SIGTERM, Ctrl+C) finishes and records the mail in hand, hands the rest of the
  claim back and returns.
"""
from __future__ import annotations

import threading
import time as wallclock
from collections import deque
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Callable

from flask import current_app
from sqlalchemy import bindparam, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from remiss.clock import local
from remiss.db import Database, among, utcnow
from remiss.reminders import relay, schedule
from remiss.reminders.claim import Batch, Settings, take_due
from remiss.reminders.mail import compose
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.transport import DeliveryError, Prepared, RelayDown, transport_from_config

PENDING, SENDING, SENT = OutboxStatus.pending.value, OutboxStatus.sending.value, OutboxStatus.sent.value
FAILED, CANCELLED, SUPERSEDED = OutboxStatus.failed.value, OutboxStatus.cancelled.value, OutboxStatus.superseded.value
TABLE = OutboxMessage.__table__

# Refused with the same reply code for this many different recipients in a row, none accepted between:
# the relay refuses everything (a misconfiguration), not these recipients.
REFUSAL_RUN = 3
# After a stop request, how long recording the mail in hand is still retried before giving up.
STOP_GRACE_SECONDS = 5.0


# On PostgreSQL an outcome's commit does not wait for the server's disk: a sweeper that dies loses
# nothing (the server has the commit); only a crash of the database server itself can roll back its
# last fraction of a second of outcomes, and a lost outcome sends a mail again, never loses one.
# Waiting for the disk once per mail would bound delivery by the disk's flushes, not by the relay.
ASYNC_COMMIT = "SET synchronous_commit TO OFF"

# A row marked sent, if it is still this claim's: the statement of every accepted mail, built once.
MARK_SENT = (update(TABLE)
             .where(TABLE.c.id == bindparam("row_id"), TABLE.c.claim_token == bindparam("token"),
                    TABLE.c.status == SENDING)
             .values(status=SENT, sent_at=bindparam("at"), attempts=bindparam("tries"), last_error="", claimed_by="",
                     claim_token="", lease_until=None))


class SweepError(Exception):
    """The sweep could not run (database busy or locked); nothing was half done."""


@dataclass
class Job:
    """A claimed row and its mail (or why the mail could not be built)."""

    id: int
    attempts: int  # recorded outcomes so far
    kind: str
    due_at: datetime
    recipient: str
    message: EmailMessage | Prepared | None  # Prepared: serialised for the SMTP connection ahead of its turn
    error: DeliveryError | None = None

    @property
    def name(self) -> str:
        """The file name for the file transport (only it asks, so it is not formatted for every SMTP mail)."""
        return f"{local(self.due_at):%Y%m%d-%H%M}-{self.kind}-{self.id:06d}"


@dataclass
class SweepResult:
    sent: int = 0  # rows this sweep marked sent (and only those)
    skipped: int = 0  # cancelled or superseded instead of sent
    failed: int = 0  # rows whose own failure was recorded (to be retried, or failed for good)
    added: int = 0  # rows the plans added
    waiting: int = 0  # claimed rows handed back unsent (outage, stop, lost database)
    unrecorded: int = 0  # accepted by the relay but not recorded as sent: each may arrive once more
    relay_down: str = ""  # why nothing could be handed over, when that is why the sweep stopped
    problem: str = ""  # what the database could not record (Swedish); the CLI exits non-zero on it
    stopped: bool = False  # a stop was requested
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"skickade: {self.sent}, hoppade över: {self.skipped}, misslyckades: {self.failed} "
                f"(sent={self.sent} skipped={self.skipped} failed={self.failed})")


@dataclass
class Lease:
    token: str
    renewed: float  # monotonic moment the last (re)claim began
    expires: float  # monotonic moment the lease ends unless renewed


class _Sweep:
    """One sweep's sending: per claim, mail by mail."""

    def __init__(self, db: Database, *, now: datetime, worker_id: str, settings: Settings, config,
                 clock: Callable[[], datetime], stop: threading.Event):
        self.db, self.now, self.worker_id, self.settings, self.config = db, now, worker_id, settings, config
        self.clock, self.stop = clock, stop
        self.lease_seconds = settings.lease.total_seconds()
        self.result = SweepResult()
        self.accepted = False  # the relay accepted a mail in this sweep
        self.stop_seen: float | None = None
        self.last_db_error: OperationalError | None = None
        self._connection = None  # PostgreSQL: the sweep's connection for outcomes

    def _outcomes(self):
        """PostgreSQL: one connection for the sweep's outcomes, each UPDATE a transaction of its own
        (autocommit: one round trip) that does not wait for the disk (ASYNC_COMMIT)."""
        if self._connection is None:
            connection = self.db.write_engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            connection.exec_driver_sql(ASYNC_COMMIT)
            self._connection = connection
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                connection.exec_driver_sql("RESET synchronous_commit")  # back to the pool as it came
                connection.close()
            except OperationalError:
                connection.invalidate()

    # -- claiming and the lease -------------------------------------------------------------------

    def take(self, *, first: bool) -> tuple[Batch, Lease]:
        started = wallclock.monotonic()
        with self.db.transaction() as session:
            batch = take_due(session, now=self.now, worker_id=self.worker_id, settings=self.settings, first=first,
                             wall=self.clock())
        return batch, Lease(batch.token, started, started + self.lease_seconds)

    def keep(self, lease: Lease, queue: deque) -> bool:
        """Renew the lease when due; False when less than half of it is left (the database does not answer)."""
        now = wallclock.monotonic()
        if now - lease.renewed >= self.lease_seconds / 4 or lease.expires - now < self.lease_seconds / 2:
            try:
                self.renew(lease, queue)
            except OperationalError as exc:
                if lease.expires - wallclock.monotonic() < self.lease_seconds / 2:
                    self.result.problem = (f"Databasen svarar inte, så utkorgens rader kunde inte hållas kvar "
                                           f"({exc.orig}); resten skickas vid ett senare svep.")
                    return False
        return True

    def renew(self, lease: Lease, queue: deque) -> None:
        """Extend the lease of the rows still ours, and forget the ones that are not (taken back)."""
        started = wallclock.monotonic()
        with self.db.transaction() as session:
            owned = set(session.execute(
                update(TABLE).where(TABLE.c.claim_token == lease.token, TABLE.c.status == SENDING)
                .values(lease_until=self.clock() + self.settings.lease).returning(TABLE.c.id)).scalars())
        lease.renewed, lease.expires = started, started + self.lease_seconds
        lost = [row for row in queue if row.id not in owned]
        if lost:
            for row in lost:
                queue.remove(row)
            self.result.errors.append(f"{len(lost)} rader hade tagits över av en annan process och skickades inte här.")

    # -- recording outcomes -----------------------------------------------------------------------

    def _write(self, lease: Lease, statement, params: dict | None = None) -> int | None:
        """Run one UPDATE in a transaction of its own; retry while the lease lasts (nobody else may take
        the row meanwhile), or briefly after a stop request. The number of rows, or None if it failed."""
        pause = 0.05
        while True:
            try:
                if self.db.dialect != "postgresql":
                    with self.db.write_engine.begin() as connection:
                        return connection.execute(statement, params).rowcount
                return self._outcomes().execute(statement, params).rowcount
            except OperationalError as exc:
                self.close()
                now = wallclock.monotonic()
                limit = lease.expires
                if self.stop.is_set():
                    self.stop_seen = self.stop_seen or now
                    limit = min(limit, self.stop_seen + STOP_GRACE_SECONDS)
                if now >= limit:
                    self.last_db_error = exc
                    return None
                wallclock.sleep(min(pause, max(0.0, limit - now)))
                pause = min(pause * 2, 1.0)

    def _ours(self, job: Job, lease: Lease):
        return update(TABLE).where(TABLE.c.id == job.id, TABLE.c.claim_token == lease.token, TABLE.c.status == SENDING)

    def record_sent(self, job: Job, lease: Lease, queue: deque) -> bool:
        """Mark an accepted mail sent; False when that could not be done (the sweep then stops)."""
        rows = self._write(lease, MARK_SENT, {"row_id": job.id, "token": lease.token, "at": self.now,
                                              "tries": job.attempts + 1})
        if rows == 1:
            self.result.sent += 1
            self.accepted = True
            return True
        self.result.unrecorded += 1
        if rows is None:
            self.result.problem = (f"Databasen kunde inte registrera att meddelande {job.id} skickats "
                                   f"({self.last_db_error.orig}); det kan komma fram en gång till.")
            return False
        # Taken back by another sweeper after our lease ran out: it sends the mail too. Not ours to count.
        self.result.problem = (f"Meddelande {job.id} hann tas över av en annan process innan det registrerades "
                               "som skickat; det kan komma fram en gång till.")
        try:
            self.renew(lease, queue)
        except OperationalError:
            return False
        return True

    def record_failure(self, job: Job, error: DeliveryError, lease: Lease) -> None:
        """The row's own failure: retried after a backoff, failed for good after the attempts allowed."""
        attempts = job.attempts + 1
        limit = self.settings.max_permanent_attempts if error.permanent else self.settings.max_attempts
        values = dict(attempts=attempts, last_error=str(error)[:2000], claimed_by="", claim_token="", lease_until=None)
        if attempts >= limit:
            values["status"] = FAILED
        else:
            delay = min(self.settings.retry_base * (2 ** (attempts - 1)), self.settings.retry_max)
            values.update(status=PENDING, next_attempt_at=self.now + delay)
        rows = self._write(lease, self._ours(job, lease).values(**values))
        if rows is None:
            self.result.problem = (f"Databasen kunde inte registrera felet för meddelande {job.id} "
                                   f"({self.last_db_error.orig}); det prövas igen efter leasetiden.")
        elif rows == 1:
            self.result.failed += 1
            self.result.errors.append(f"{job.id}: {error}"
                                      + (" (misslyckad)" if values["status"] == FAILED else " (nytt försök)"))

    def hand_back(self, ids: list[int], lease: Lease, *, error: str = "", later: bool = False) -> None:
        """Put claimed rows back unsent, attempts untouched; later: behind the rows already waiting."""
        if not ids:
            return
        values = dict(status=PENDING, claimed_by="", claim_token="", lease_until=None)
        if error:
            values["last_error"] = error[:2000]
        if later:
            values["next_attempt_at"] = self.now + self.settings.retry_base
        dialect = self.db.dialect
        statement = (update(TABLE).where(among(TABLE.c.id, ids, dialect=dialect), TABLE.c.claim_token == lease.token,
                                         TABLE.c.status == SENDING).values(**values))
        try:
            with self.db.transaction() as session:
                self.result.waiting += session.execute(statement).rowcount
        except OperationalError:
            self.result.waiting += len(ids)  # unsent: they come back after the lease

    # -- one claim --------------------------------------------------------------------------------

    def build(self, reader: Session, row, batch: Batch, prepare=None) -> Job:
        try:
            message, error = compose(reader, row, config=self.config, now=self.now,
                                     remiss=batch.loaded.remisser.get(row.remiss_id)), None
            if prepare is not None:
                message = prepare(message)
        except OperationalError:
            raise
        except Exception as exc:  # one broken row must not stop the others; it is retried, then failed
            message = None
            error = DeliveryError(f"Meddelandet kunde inte byggas: {type(exc).__name__}: {exc}", permanent=True)
        finally:
            reader.rollback()  # end what a composer read: no snapshot is held while mail is sent
        return Job(row.id, row.attempts, row.kind, row.due_at, row.recipient_email.lower(), message, error)

    def send(self, batch: Batch, lease: Lease, connection) -> bool:
        """Send a claim's mails one by one; False when the sweep should stop (outage, stop, database)."""
        queue = deque(batch.rows)
        refused: list[tuple[Job, DeliveryError]] = []
        built: dict[int, Job] = {}  # the next row's mail, built while the relay reads the one before
        where = getattr(getattr(connection, "transport", connection), "where", "")
        start, finish = _two_step(connection)
        prepare = getattr(connection, "prepare", None)
        reader = self.db.session(write=False)
        go_on = False
        try:
            while queue:
                if self.stop.is_set():
                    self.result.stopped = True
                    break
                if not self.keep(lease, queue):
                    break
                row = queue.popleft()
                job = built.pop(row.id, None) or self.build(reader, row, batch, prepare)
                if job.error is not None:
                    self.record_failure(job, job.error, lease)
                    continue
                try:
                    started = start(job.message, name=job.name)
                    if queue and queue[0].id not in built:
                        built[queue[0].id] = self.build(reader, queue[0], batch, prepare)
                    finish(started)
                except RelayDown as exc:
                    self.result.relay_down = str(exc)
                    self.hand_back([job.id], lease, error=str(exc))
                    break
                except DeliveryError as exc:
                    if exc.code is None:
                        self.record_failure(job, exc, lease)
                        continue
                    if refused and refused[-1][1].code != exc.code:
                        self.settle(refused, lease, relay_refuses=False)
                    refused.append((job, exc))
                    if len({j.recipient for j, _ in refused}) >= REFUSAL_RUN:
                        self.settle(refused, lease, relay_refuses=True, where=where)
                        break
                    continue
                if refused:  # the relay takes other mail: those were refusals of their recipients
                    self.settle(refused, lease, relay_refuses=False)
                if not self.record_sent(job, lease, queue):
                    break
            else:
                go_on = True
                if refused:  # several recipients refused alike and nothing accepted all sweep: the relay
                    alike = not self.accepted and len({j.recipient for j, _ in refused}) >= 2
                    self.settle(refused, lease, relay_refuses=alike, where=where)
                    go_on = not alike
        except OperationalError as exc:
            self.result.problem = f"Databasen kunde inte läsas medan meddelandena byggdes ({exc.orig})."
        finally:
            reader.close()
            self.hand_back([j.id for j, _ in refused] + [row.id for row in queue], lease)
        return go_on

    def settle(self, refused: list, lease: Lease, *, relay_refuses: bool, where: str = "") -> None:
        """Decide a run of refusals: each row's own failure, or the relay refusing everything (an outage)."""
        if relay_refuses:
            error = refused[-1][1]
            self.result.relay_down = f"SMTP-servern {where} avvisar alla mottagare: {error}"
            # Behind the rows already waiting, so that a run of truly unknown recipients at the head of the
            # queue cannot hold up the mail behind it: the next sweep tries other rows first.
            self.hand_back([j.id for j, _ in refused], lease, error=str(error), later=True)
        else:
            for job, error in refused:
                self.record_failure(job, error, lease)
        refused.clear()


def _two_step(connection):
    """(start, finish) of a connection: SMTP hands a mail over in start() and reads the verdict in finish();
    a transport with send() alone (files, a test's) does it all in start()."""
    if hasattr(connection, "start") and hasattr(connection, "finish"):
        return connection.start, connection.finish

    def start(message, *, name=""):
        connection.send(message, name=name)

    return start, lambda started: None


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
    run = _Sweep(db, now=now, worker_id=worker_id, settings=settings, config=config, clock=clock, stop=stop)
    result = run.result
    try:
        with db.transaction() as session:
            result.added = schedule.schedule_due(session, now=now, lookahead_days=settings.lookahead_days)
            state = relay.get(session)
            was_down = state is not None and state.down_since is not None
    except OperationalError as exc:
        raise _schema_or_busy(exc) from exc
    budget_ends = wallclock.monotonic() + settings.budget.total_seconds()
    first = True
    opener = getattr(transport, "connection", None)  # one SMTP session for the sweep; any object with send() will do
    try:
        with (opener() if opener else nullcontext(transport)) as connection:
            while not stop.is_set():
                try:
                    batch, lease = run.take(first=first)
                except OperationalError as exc:
                    if first:
                        raise _schema_or_busy(exc) from exc
                    break  # the next sweep continues where this one stopped
                first = False
                result.skipped += batch.skipped
                if batch.rows and not run.send(batch, lease, connection):
                    break
                if len(batch.rows) + batch.skipped < settings.batch or wallclock.monotonic() > budget_ends:
                    break
    finally:
        run.close()
    result.stopped = result.stopped or stop.is_set()
    _record_relay(db, now=now, result=result, accepted=run.accepted, was_down=was_down)
    return result


def _record_relay(db: Database, *, now: datetime, result: SweepResult, accepted: bool, was_down: bool) -> None:
    if not result.relay_down and not (accepted and was_down):
        return
    try:
        with db.transaction() as session:
            if result.relay_down:
                relay.record_down(session, now=now, error=result.relay_down, worked_meanwhile=accepted)
            else:
                relay.record_up(session, now=now)
    except OperationalError:
        pass  # only what the pages show; the next sweep records it


def _schema_or_busy(exc: OperationalError) -> SweepError:
    if "no such" in str(exc.orig) or "does not exist" in str(exc.orig):
        return SweepError(f"Databasens schema är inte uppdaterat; kör `remiss migrate` ({exc.orig}).")
    return SweepError(f"Databasen är upptagen eller låst; försök igen ({exc.orig}).")
