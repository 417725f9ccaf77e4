"""Send the outbox: claim due rows in one short transaction, talk to SMTP outside it, then mark them.

Exactly-once as far as a mail server allows: a row is committed as "sending" before any SMTP
traffic, so two sweepers never send it both; a sweeper killed after claiming leaves the row to
be released after a lease and sent again with the same Message-ID (at most one duplicate).
"""
from __future__ import annotations

import json
import time as wallclock
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from remiss.clock import local
from remiss.db import Database, among
from remiss.reminders import schedule
from remiss.reminders.claim import Batch, Settings, chunks, take_due
from remiss.reminders.mail import compose
from remiss.reminders.mime import RenderedMail
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.transport import DeliveryError, transport_from_config
from remiss.reminders.writer import writer

PENDING, SENDING, SENT = OutboxStatus.pending.value, OutboxStatus.sending.value, OutboxStatus.sent.value
FAILED, CANCELLED, SUPERSEDED = OutboxStatus.failed.value, OutboxStatus.cancelled.value, OutboxStatus.superseded.value


class SweepError(Exception):
    """The sweep could not run (database busy or locked); nothing was half done."""




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
    for chunk in chunks(sent):
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
    which is Python work; on SQLite the turns run in order in this thread (see remiss.reminders.writer).
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
    with (opener() if opener else nullcontext(transport)) as connection, writer(db) as turns:
        turn = turns.submit(_mark_then_take, db, outcomes=[], take=more(batch), **write)
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
            turn = turns.submit(_mark_then_take, db, outcomes=outcomes,
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
