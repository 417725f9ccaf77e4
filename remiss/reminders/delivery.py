"""Send the outbox: claim due rows in one short transaction, talk to SMTP outside it, then mark them.

Exactly-once as far as a mail server allows: a row is committed as "sending" before any SMTP
traffic, so two sweepers never send it both; a sweeper killed after claiming leaves the row to
be released after a lease and sent again with the same Message-ID (at most one duplicate).
"""
from __future__ import annotations

import json
import sys
import threading
import time as wallclock
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import func, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from remiss.auth.models import User
from remiss.clock import local
from remiss.db import Database, among
from remiss.reminders import policy, schedule
from remiss.reminders.mail import compose
from remiss.reminders.mime import RenderedMail
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.recipients import muted_kinds
from remiss.reminders.transport import DeliveryError, transport_from_config
from remiss.remisser.models import Milestone, Remiss

PENDING, SENDING, SENT = OutboxStatus.pending.value, OutboxStatus.sending.value, OutboxStatus.sent.value
FAILED, CANCELLED, SUPERSEDED = OutboxStatus.failed.value, OutboxStatus.cancelled.value, OutboxStatus.superseded.value


# The columns of a claimed row that the checks and the composers read.
COMPOSED_FROM = ("id", "key", "remiss_id", "recipient_user_id", "recipient_email", "kind", "due_at", "attempts",
                 "message_id", "subject", "payload")

# The columns of a remiss that the checks (is_closed) and the mails (title, facts, calendar file) read.
REMISS_READ = ("id", "status", "title", "remittent", "sender_dnr", "our_dnr", "effective_deadline_on",
               "effective_deadline_time")

# Kinds sent even when their remiss is closed (they report the closing itself); other capabilities add theirs.
SEND_WHEN_CLOSED: set[str] = {policy.ANSWERED}


class SweepError(Exception):
    """The sweep could not run (database busy or locked); nothing was half done."""


@dataclass(frozen=True)
class Settings:
    lease: timedelta = timedelta(minutes=10)  # a "sending" row older than this was abandoned by a dead worker
    retry_base: timedelta = timedelta(minutes=1)  # backoff: base · 2^(attempts-1), at most retry_max
    retry_max: timedelta = timedelta(hours=2)
    max_attempts: int = 12  # temporary failures (no connection, 4xx) before a row is failed
    max_permanent_attempts: int = 3  # 5xx rejections before a row is failed
    batch: int = 500  # rows claimed, sent over one SMTP connection and marked per transaction
    budget: timedelta = timedelta(seconds=45)  # a sweep stops taking new batches after this long
    lookahead_days: int = schedule.LOOKAHEAD_DAYS

    @classmethod
    def from_config(cls, config) -> "Settings":
        return cls(lease=timedelta(seconds=int(config.get("OUTBOX_LEASE_SECONDS", 600))),
                   retry_base=timedelta(seconds=int(config.get("OUTBOX_RETRY_BASE_SECONDS", 60))),
                   retry_max=timedelta(seconds=int(config.get("OUTBOX_RETRY_MAX_SECONDS", 7200))),
                   max_attempts=int(config.get("OUTBOX_MAX_ATTEMPTS", 12)),
                   max_permanent_attempts=int(config.get("OUTBOX_MAX_PERMANENT_ATTEMPTS", 3)),
                   batch=max(1, int(config.get("OUTBOX_BATCH", 500))))


@dataclass
class Claimed:
    id: int
    attempts: int
    kind: str
    due_at: datetime
    message: RenderedMail | EmailMessage | None
    error: DeliveryError | None = None  # the mail could not be built

    @property
    def name(self) -> str:
        """The file name for the file transport (only it asks, so it is not formatted for every SMTP mail)."""
        return f"{local(self.due_at):%Y%m%d-%H%M}-{self.kind}-{self.id:06d}"


@dataclass
class SweepResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    added: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"skickade: {self.sent}, hoppade över: {self.skipped}, misslyckades: {self.failed} "
                f"(sent={self.sent} skipped={self.skipped} failed={self.failed})")


def release_stale(session: Session, *, now: datetime, lease: timedelta) -> int:
    """Put rows claimed longer than the lease ago back to pending (their worker died)."""
    return session.execute(update(OutboxMessage)
                           .where(OutboxMessage.status == SENDING, OutboxMessage.claimed_at < now - lease)
                           .values(status=PENDING, claimed_by="", next_attempt_at=now)).rowcount


@dataclass
class Loaded:
    """What the checks and the mails of one batch read, a query per kind: remisser and milestones as
    plain rows (read-only, no ORM objects for a thousand remisser), users as objects."""

    remisser: dict[int, Remiss] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    milestones: dict[tuple[int, str], Milestone] = field(default_factory=dict)


def _load(session: Session, due: list) -> Loaded:
    loaded = Loaded()
    remiss = Remiss.__table__
    dialect = session.get_bind().dialect.name
    for chunk in _chunks(sorted({r.remiss_id for r in due if r.remiss_id is not None})):
        stmt = select(*(remiss.c[name] for name in REMISS_READ)).where(among(remiss.c.id, chunk, dialect=dialect))
        loaded.remisser.update({r.id: r for r in session.execute(stmt)})
    for chunk in _chunks(sorted({r.remiss_id for r in due if r.kind in policy.REMINDER_KINDS})):
        stmt = (select(Milestone.remiss_id, Milestone.kind, Milestone.done_at)
                .where(among(Milestone.remiss_id, chunk, dialect=dialect)))
        loaded.milestones.update({(m.remiss_id, m.kind): m for m in session.execute(stmt)})
    for chunk in _chunks(sorted({r.recipient_user_id for r in due if r.recipient_user_id})):
        loaded.users.update({u.id: u for u in session.exec(select(User).where(among(User.id, chunk,
                                                                                     dialect=dialect)))})
    return loaded


def _skip_reason(row: OutboxMessage, loaded: Loaded) -> str:
    """Why a due row must not be sent any more, or ""."""
    if row.remiss_id is not None and row.kind not in SEND_WHEN_CLOSED:
        remiss = loaded.remisser.get(row.remiss_id)
        if remiss is None or schedule.is_closed(remiss):
            return schedule.CLOSED_REASON
    if row.recipient_user_id and row.kind not in policy.UNMUTABLE:
        user = loaded.users.get(row.recipient_user_id)
        if user is None or not user.is_active:
            return "Mottagaren är inte längre aktiv."
        if row.kind in muted_kinds(user):
            return "Mottagaren har stängt av den här sortens påminnelser."
    if row.kind in policy.REMINDER_KINDS:
        milestone = loaded.milestones.get((row.remiss_id, row.key.split(":")[2]))
        if milestone is None or milestone.done_at is not None:
            return "Milstolpen är klar eller finns inte längre."
    return ""


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _set(session: Session, ids: list[int], **values) -> None:
    dialect = session.get_bind().dialect.name
    for chunk in _chunks(ids):
        session.execute(update(OutboxMessage).where(among(OutboxMessage.id, chunk, dialect=dialect)).values(**values)
                        .execution_options(synchronize_session=False))


def supersede_older(session: Session, *, now: datetime) -> int:
    """Catch-up: of the due rows of one group (remiss, recipient, milestone …) mark all but the newest superseded."""
    cols = (OutboxMessage.id, OutboxMessage.kind, OutboxMessage.remiss_id, OutboxMessage.recipient_email,
            OutboxMessage.key, OutboxMessage.due_at)
    due = (OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now)
    # Every group is one recipient's, so only recipients with two or more due rows can have older ones:
    # the database counts them first (a separate statement: joined to the locking read, PostgreSQL planned
    # a nested loop from stale statistics and took 28 s for 10,000 rows), and the usual sweep, one mail per
    # recipient, reads nothing more.
    recipient = func.lower(OutboxMessage.recipient_email)
    shared = session.execute(select(recipient).where(*due).group_by(recipient).having(func.count() > 1)).scalars().all()
    rows = []
    for chunk in _chunks(sorted(shared)):
        stmt = select(*cols).where(*due, recipient.in_(chunk))
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        rows.extend(session.execute(stmt).all())
    _, older_ids = policy.split_catch_up([(r.id, schedule.group_of(r), r.due_at) for r in rows])
    _set(session, older_ids, status=SUPERSEDED, last_error="Ersatt av en senare påminnelse om samma sak.")
    return len(older_ids)


@dataclass
class Batch:
    """Due rows this worker has marked "sending", with what their checks and mails read."""

    rows: list
    loaded: Loaded
    skipped: int


def take_due(session: Session, *, now: datetime, worker_id: str, settings: Settings = Settings(),
             first: bool = True) -> Batch:
    """Claim up to settings.batch due rows for this worker (cancelling those no longer to be sent).

    Call in a writing transaction and commit before building and sending: on SQLite the transaction
    holds the write lock (BEGIN IMMEDIATE); on PostgreSQL rows are locked FOR UPDATE SKIP LOCKED.
    The first batch of a sweep also releases abandoned rows and supersedes older catch-up rows.
    """
    skipped = 0
    if first:
        release_stale(session, now=now, lease=settings.lease)
        skipped += supersede_older(session, now=now)
    table = OutboxMessage.__table__  # plain rows (read-only, attribute access): no ORM objects for thousands of mails
    stmt = (select(*(table.c[name] for name in COMPOSED_FROM))
            .where(table.c.status == PENDING, table.c.next_attempt_at <= now)
            .order_by(table.c.due_at, table.c.id).limit(settings.batch))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    due = session.execute(stmt).all()
    loaded = _load(session, due)
    cancelled: dict[str, list[int]] = {}
    taken = []
    for row in due:
        reason = _skip_reason(row, loaded)
        if reason:
            cancelled.setdefault(reason, []).append(row.id)
            skipped += 1
        else:
            taken.append(row)
    for reason, ids in cancelled.items():
        _set(session, ids, status=CANCELLED, last_error=reason)
    _set(session, [row.id for row in taken], status=SENDING, claimed_at=now, claimed_by=worker_id,
         attempts=OutboxMessage.attempts + 1)
    session.flush()
    return Batch(taken, loaded, skipped)


def build_mails(session: Session, batch: Batch, *, config, now: datetime) -> list[Claimed]:
    """Build the mail of every claimed row; a row whose mail cannot be built carries the error instead."""
    claimed = []
    remisser = batch.loaded.remisser
    for row in batch.rows:
        try:
            mail = compose(session, row, config=config, now=now, remiss=remisser.get(row.remiss_id))
            claimed.append(Claimed(row.id, row.attempts + 1, row.kind, row.due_at, mail))
        except Exception as exc:  # one broken row must not stop the others; it is retried, then failed
            error = DeliveryError(f"Meddelandet kunde inte byggas: {type(exc).__name__}: {exc}", permanent=True)
            claimed.append(Claimed(row.id, row.attempts + 1, row.kind, row.due_at, None, error))
    return claimed


def claim_due(session: Session, *, now: datetime, worker_id: str, settings: Settings = Settings(),
              config=None, first: bool = True) -> tuple[list[Claimed], int]:
    """Claim due rows and build their mails in one transaction; return (claimed, skipped)."""
    batch = take_due(session, now=now, worker_id=worker_id, settings=settings, first=first)
    config = config if config is not None else current_app.config
    return build_mails(session, batch, config=config, now=now), batch.skipped


def deliver(transport, job: Claimed) -> DeliveryError | None:
    """Send one claimed mail; return the error instead of raising it."""
    if job.error is not None:
        return job.error
    try:
        transport.send(job.message, name=job.name)
    except DeliveryError as exc:
        return exc
    return None


def mark(session: Session, *, now: datetime, worker_id: str, job: Claimed, error: DeliveryError | None,
         settings: Settings = Settings()) -> str:
    """Record the outcome of one send, if the row is still ours; return the new status."""
    row = session.get(OutboxMessage, job.id)
    if row is None or row.status != SENDING or row.claimed_by != worker_id:
        return row.status if row else ""
    row.claimed_by = ""
    if error is None:
        row.status, row.sent_at, row.last_error = SENT, now, ""
    else:
        limit = settings.max_permanent_attempts if error.permanent else settings.max_attempts
        row.last_error = str(error)[:2000]
        if row.attempts >= limit:
            row.status = FAILED
        else:
            delay = min(settings.retry_base * (2 ** (row.attempts - 1)), settings.retry_max)
            row.status, row.next_attempt_at = PENDING, now + delay
    session.add(row)
    session.flush()
    return row.status


def mark_batch(session: Session, *, now: datetime, worker_id: str,
               outcomes: list[tuple[Claimed, DeliveryError | None]], settings: Settings = Settings()) -> dict[int, str]:
    """Record the outcomes of a batch in one transaction: the sent ones in one statement; return id → status."""
    sent = [job.id for job, error in outcomes if error is None]
    statuses: dict[int, str] = {}
    dialect = session.get_bind().dialect.name
    for chunk in _chunks(sent):
        session.execute(update(OutboxMessage)
                        .where(among(OutboxMessage.id, chunk, dialect=dialect), OutboxMessage.status == SENDING,
                               OutboxMessage.claimed_by == worker_id)
                        .values(status=SENT, sent_at=now, last_error="", claimed_by="")
                        .execution_options(synchronize_session=False))
        statuses.update({i: SENT for i in chunk})
    for job, error in outcomes:
        if error is not None:
            statuses[job.id] = mark(session, now=now, worker_id=worker_id, job=job, error=error, settings=settings)
    return statuses


def _mark_with_retry(db: Database, **kwargs) -> dict[int, str]:
    """Marking must not be lost to a briefly busy database: try a few times, else the lease resends."""
    for attempt in range(5):
        try:
            with db.transaction() as session:
                return mark_batch(session, **kwargs)
        except OperationalError:
            wallclock.sleep(0.2 * (attempt + 1))
    return {job.id: SENDING for job, _ in kwargs["outcomes"]}


def _take(db: Database, *, now: datetime, worker_id: str, settings: Settings, first: bool) -> Batch:
    """Claim a batch in a short writing transaction of its own."""
    with db.transaction() as session:
        return take_due(session, now=now, worker_id=worker_id, settings=settings, first=first)


def _build(db: Database, batch: Batch, *, now: datetime, config) -> list[Claimed]:
    """Build a claimed batch's mails reading only: no lock is held meanwhile."""
    if not batch.rows:
        return []
    with db.transaction(write=False) as session:
        return build_mails(session, batch, config=config, now=now)


def _schema_or_busy(exc: OperationalError) -> SweepError:
    if "no such" in str(exc.orig) or "does not exist" in str(exc.orig):
        return SweepError(f"Databasens schema är inte uppdaterat; kör `remiss migrate` ({exc.orig}).")
    return SweepError(f"Databasen är upptagen eller låst; försök igen ({exc.orig}).")


_switch_lock = threading.Lock()
_switch_users = 0
_switch_saved = 0.005


@contextmanager
def _quick_gil_handover(interval: float = 0.0005):
    """While the writer thread waits on the database beside the CPU-bound main thread, let it have the
    GIL back soon after each answer: with CPython's default 5 ms switch interval every statement of
    the writer waited up to 5 ms for the main thread to yield (measured: marking 20 batches took
    1.3 s instead of 0.8 s). Process-wide, so counted: concurrent sweeps restore it once, at the end."""
    global _switch_users, _switch_saved
    with _switch_lock:
        if _switch_users == 0:
            _switch_saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_switch_saved, interval))
        _switch_users += 1
    try:
        yield
    finally:
        with _switch_lock:
            _switch_users -= 1
            if _switch_users == 0:
                sys.setswitchinterval(_switch_saved)


class _Inline:
    """An executor that runs each job at once, in the calling thread (the writer on SQLite, see sweep)."""

    def submit(self, fn, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed over as a thread's would be, raised by result()
            future.set_exception(exc)
        return future


@contextmanager
def _writer(db: Database):
    """PostgreSQL: a writer thread (its statements wait on the server, where the GIL is free). SQLite:
    the calling thread, in the same order — SQLite works inside this process and hands the GIL back
    and forth for every row it returns, so a second thread slowed both (a claim 5 → 100 ms)."""
    if db.dialect != "postgresql":
        yield _Inline()
        return
    with _quick_gil_handover(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="remiss-writer") as pool:
        yield pool


def _mark_then_take(db: Database, *, now: datetime, worker_id: str, settings: Settings,
                    outcomes: list[tuple[Claimed, DeliveryError | None]], take: bool) -> tuple[dict[int, str], Batch | None]:
    """The writer thread's turn: record a batch's outcomes, then claim the batch after next (or None)."""
    statuses = _mark_with_retry(db, now=now, worker_id=worker_id, outcomes=outcomes,
                                settings=settings) if outcomes else {}
    batch = None
    if take:
        try:
            batch = _take(db, now=now, worker_id=worker_id, settings=settings, first=False)
        except OperationalError:
            pass  # the next sweep continues where this one stopped
    return statuses, batch


def sweep(db: Database, *, now: datetime, worker_id: str, settings: Settings | None = None,
          transport=None) -> SweepResult:
    """Extend plans, then claim, send and mark due rows batch by batch until none are due or the
    time budget is spent; safe to run concurrently.

    Every write after the first claim is a writer's turn, a batch ahead: batch N-1 is marked and batch
    N+1 claimed while batch N is built and sent. On PostgreSQL the writer is a thread, so the server's
    round trips, index updates and commits (≈ 20–40 ms per 500 rows) overlap the building of mails,
    which is Python work; on SQLite the turns run in order in this thread (see _writer).
    """
    config = current_app.config
    settings = settings or Settings.from_config(config)
    transport = transport or transport_from_config(config)
    result = SweepResult()
    stop = wallclock.monotonic() + settings.budget.total_seconds()
    try:
        with db.transaction() as session:
            result.added = schedule.schedule_due(session, now=now, lookahead_days=settings.lookahead_days)
        batch = _take(db, now=now, worker_id=worker_id, settings=settings, first=True)
    except OperationalError as exc:
        raise _schema_or_busy(exc) from exc
    result.skipped = batch.skipped
    if not batch.rows and not batch.skipped:
        return result

    def more(taken: Batch) -> bool:
        return len(taken.rows) + taken.skipped >= settings.batch and wallclock.monotonic() <= stop

    def tally(outcomes, statuses: dict[int, str]) -> None:
        for job, error in outcomes:
            if error is None:
                result.sent += 1
            else:
                result.failed += 1
                result.errors.append(f"{job.id}: {error}"
                                     + (" (misslyckad)" if statuses.get(job.id) == FAILED else " (nytt försök)"))

    opener = getattr(transport, "connection", None)
    write = dict(now=now, worker_id=worker_id, settings=settings)
    with (opener() if opener else nullcontext(transport)) as connection, _writer(db) as writer:
        turn = writer.submit(_mark_then_take, db, outcomes=[], take=more(batch), **write)
        previous: list = []
        while batch is not None:
            try:
                claimed = _build(db, batch, now=now, config=config)
            except OperationalError:
                claimed = []  # these rows are released after the lease
            outcomes = [(job, deliver(connection, job)) for job in claimed]
            statuses, ahead = turn.result()
            tally(previous, statuses)
            if ahead is not None:
                result.skipped += ahead.skipped
            turn = writer.submit(_mark_then_take, db, outcomes=outcomes,
                                 take=ahead is not None and more(ahead), **write)
            previous, batch = outcomes, ahead
        statuses, _ = turn.result()
        tally(previous, statuses)
    return result


def resend(session: Session, *, now: datetime, row_id: int, actor_id: int | None) -> OutboxMessage:
    """Put a failed or cancelled row back in the queue to be sent at the next sweep."""
    from remiss.audit import service as audit

    row = session.get(OutboxMessage, row_id)
    if row is None or row.status not in (FAILED, CANCELLED, SUPERSEDED):
        raise ValueError("Bara misslyckade eller stoppade meddelanden kan skickas igen.")
    old = row.status
    row.status, row.attempts, row.next_attempt_at, row.claimed_by = PENDING, 0, now, ""
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=row.id,
                 remiss_id=row.remiss_id, action="resend", changes={"status": [old, PENDING]},
                 note=f"Skicka igen till {row.recipient_email}")
    return row


def payload_of(row: OutboxMessage) -> dict:
    return json.loads(row.payload or "{}")
