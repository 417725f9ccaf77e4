"""Hold a sweep's claim: take due rows under a fresh token, and keep their lease while they are sent.

A claim is not taken back from a sweeper that works: its lease is renewed every quarter of the lease,
and a mail is only started while half of it remains. Rows another sweeper took back meanwhile (our
lease ran out while the database did not answer) are dropped from the queue, never sent or counted here.
"""
from __future__ import annotations

import time as wallclock
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from remiss.db import Database
from remiss.reminders.claim import Batch, Settings, take_due
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.report import SweepResult

SENDING = OutboxStatus.sending.value
TABLE = OutboxMessage.__table__


@dataclass
class Lease:
    token: str
    renewed: float  # monotonic moment the last (re)claim began
    expires: float  # monotonic moment the lease ends unless renewed


class Leases:
    """One sweep's claims, taken one after the other."""

    def __init__(self, db: Database, *, now: datetime, worker_id: str, settings: Settings,
                 clock: Callable[[], datetime], result: SweepResult):
        self.db, self.now, self.worker_id, self.settings, self.clock = db, now, worker_id, settings, clock
        self.result = result
        self.seconds = settings.lease.total_seconds()

    def take(self, *, first: bool) -> tuple[Batch, Lease]:
        """Claim the next batch of due rows in a transaction of its own (committed before any mail goes out)."""
        started = wallclock.monotonic()
        with self.db.transaction() as session:
            batch = take_due(session, now=self.now, worker_id=self.worker_id, settings=self.settings, first=first,
                             wall=self.clock())
        self.result.taken_back += batch.taken_back
        self.result.gone.extend(batch.gone)
        return batch, Lease(batch.token, started, started + self.seconds)

    def keep(self, lease: Lease, queue: deque) -> bool:
        """Renew the lease when due; False when less than half of it is left (the database does not answer)."""
        now = wallclock.monotonic()
        if now - lease.renewed >= self.seconds / 4 or lease.expires - now < self.seconds / 2:
            try:
                self.renew(lease, queue)
            except OperationalError as exc:
                if lease.expires - wallclock.monotonic() < self.seconds / 2:
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
        lease.renewed, lease.expires = started, started + self.seconds
        lost = [row for row in queue if row.id not in owned]
        if lost:
            for row in lost:
                queue.remove(row)
            self.result.errors.append(f"{len(lost)} rader hade tagits över av en annan process och skickades inte här.")
