"""Record what became of each claimed mail, where the row is still this claim's (its token matches).

Every outcome is one UPDATE that is a transaction of its own: the sweep holds one connection in the
driver's autocommit mode, so marking a mail sent is a single statement (no BEGIN, no COMMIT beside
it) and is durable before the next mail is handed over. A sweeper that dies therefore leaves at most
the one mail it was handing over unmarked; it is sent again with the same Message-ID (once the next
sweep takes the claim over: at once on this host, else after the lease).

One outcome is more than a statement: giving up on a row whose kind another capability reacts to
(claim.AFTER_FAILED: a missiv that could not be e-mailed stops the reminders of its instans) is written
in one transaction with that reaction, so a sweeper that dies leaves both or neither. Neither is the row
still claimed: the next sweep takes it back and tries it again.
"""
from __future__ import annotations

import threading
import time as wallclock
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.exc import OperationalError

from remiss.db import Database, among
from remiss.reminders.claim import AFTER_FAILED, Settings
from remiss.reminders.lease import Lease
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.report import SweepResult
from remiss.reminders.transport import DeliveryError

PENDING, SENDING, SENT = OutboxStatus.pending.value, OutboxStatus.sending.value, OutboxStatus.sent.value
FAILED = OutboxStatus.failed.value
TABLE = OutboxMessage.__table__

# After a stop request, how long recording the mail in hand is still retried before giving up.
STOP_GRACE_SECONDS = 5.0

# On PostgreSQL an outcome's commit does not wait for the server's disk: a sweeper that dies loses
# nothing (the server has the commit); only a crash of the database server itself can roll back its
# last fraction of a second of outcomes, and a lost outcome sends a mail again, never loses one.
# Waiting for the disk once per mail would bound delivery by the disk's flushes, not by the relay.
# (SQLite's synchronous=NORMAL in write-ahead-log mode makes the same trade: a commit survives the
# process, not a power cut.)
ASYNC_COMMIT = "SET synchronous_commit TO OFF"

# A row marked sent, if it is still this claim's: the statement of every accepted mail, built once.
MARK_SENT = (update(TABLE)
             .where(TABLE.c.id == bindparam("row_id"), TABLE.c.claim_token == bindparam("token"),
                    TABLE.c.status == SENDING)
             .values(status=SENT, sent_at=bindparam("at"), attempts=bindparam("tries"), last_error="", claimed_by="",
                     claim_token="", lease_until=None))

# The rows of a mail that carried several (together.py), marked sent in one statement: all of them or none.
MARK_SENT_WITH = (update(TABLE)
                  .where(TABLE.c.id.in_(bindparam("ids", expanding=True)), TABLE.c.claim_token == bindparam("token"),
                         TABLE.c.status == SENDING)
                  .values(status=SENT, sent_at=bindparam("at"), attempts=TABLE.c.attempts + 1, last_error="",
                          claimed_by="", claim_token="", lease_until=None))


class Marks:
    """One sweep's outcomes: sent, the row's own failure, or handed back unsent."""

    def __init__(self, db: Database, *, now: datetime, settings: Settings, result: SweepResult,
                 stop: threading.Event):
        self.db, self.now, self.settings, self.result, self.stop = db, now, settings, result, stop
        self.accepted = False  # the relay accepted a mail in this sweep
        self.stop_seen: float | None = None
        self.last_db_error: OperationalError | None = None
        self._connection = None

    def _outcomes(self):
        """The sweep's connection for outcomes, in autocommit: each UPDATE is one statement, one transaction
        (on SQLite the engine then begins no transaction of its own, see remiss.db)."""
        if self._connection is None:
            connection = self.db.write_engine.connect().execution_options(isolation_level="AUTOCOMMIT")
            if self.db.dialect == "postgresql":
                connection.exec_driver_sql(ASYNC_COMMIT)
            self._connection = connection
        return self._connection

    def close(self) -> None:
        if self._connection is None:
            return
        connection, self._connection = self._connection, None
        try:
            if self.db.dialect == "postgresql":
                connection.exec_driver_sql("RESET synchronous_commit")  # back to the pool as it came
                connection.close()
            else:
                # The pool would hand the driver connection back with the driver's own transaction handling
                # switched on (how SQLAlchemy leaves autocommit on SQLite); a new one costs a few pragmas.
                connection.invalidate()
        except OperationalError:
            connection.invalidate()

    def _write(self, lease: Lease, statement, params: dict | None = None) -> int | None:
        """Run one UPDATE (a transaction of its own); retry while the lease lasts (nobody else may take the
        row meanwhile), or briefly after a stop request. The number of rows, or None if it failed."""
        return self._retrying(lease, lambda: self._outcomes().execute(statement, params).rowcount)

    def _retrying(self, lease: Lease, attempt) -> int | None:
        """attempt() (one transaction, returning the number of rows) until it gets through the database, while the
        lease lasts or briefly after a stop request; None if it did not."""
        pause = 0.05
        while True:
            try:
                return attempt()
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

    def _give_up(self, lease: Lease, statement, *, row_id: int, kind: str) -> int | None:
        """Write a give-up (statement) and the reaction to it (claim.AFTER_FAILED[kind]) in one transaction: both or
        neither, whenever the process dies. A fault in the reaction itself, not the database's, must not keep the
        row from being failed (it would be sent and refused for ever): the reaction is undone to a savepoint, the
        give-up committed alone and the problem reported; the hourly planning reacts then."""
        def attempt() -> int:
            with self.db.transaction() as session:
                rows = session.execute(statement).rowcount
                if rows:
                    try:
                        with session.begin_nested():
                            AFTER_FAILED[kind](session, now=self.now, ids=[row_id])
                    except OperationalError:
                        raise  # the database: neither is written, and the whole is tried again
                    except Exception as exc:  # noqa: BLE001 - a fault in another capability's reaction
                        self.result.problem = " ".join(filter(None, [self.result.problem, (
                            f"Meddelande {row_id} gick inte att skicka, men det som ska följa av det gjordes inte "
                            f"({type(exc).__name__}: {exc}); schemaläggarens timjobb gör det.")]))
                return rows
        return self._retrying(lease, attempt)

    def sent(self, row_id: int, attempts: int, lease: Lease, also: list[int] = ()) -> int | None:
        """Mark an accepted mail sent: 1 when done, 0 when the row is no longer this claim's (another sweeper
        took it back after our lease ran out, and sends it too), None when the database could not record it.
        also: the other rows the mail carried (together.py), marked in the same statement."""
        if also:
            rows = self._write(lease, MARK_SENT_WITH, {"ids": [row_id, *also], "token": lease.token, "at": self.now})
        else:
            rows = self._write(lease, MARK_SENT, {"row_id": row_id, "token": lease.token, "at": self.now,
                                                  "tries": attempts + 1})
        if rows:
            self.result.sent += rows
            self.result.mails += 1
            self.accepted = True
            return 1
        self.result.unrecorded += 1
        if rows is None:
            self.result.problem = (f"Databasen kunde inte registrera att meddelande {row_id} skickats "
                                   f"({self.last_db_error.orig}); det kan komma fram en gång till.")
            return None
        self.result.problem = (f"Meddelande {row_id} hann tas över av en annan process innan det registrerades "
                               "som skickat; det kan komma fram en gång till.")
        return 0

    def failure(self, row_id: int, attempts: int, error: DeliveryError, lease: Lease, kind: str = "") -> None:
        """The row's own failure: retried after a backoff, failed for good after the attempts allowed (together with
        the reaction to the give-up registered for the row's kind, claim.AFTER_FAILED)."""
        attempts += 1
        limit = self.settings.max_permanent_attempts if error.permanent else self.settings.max_attempts
        values = dict(attempts=attempts, last_error=str(error)[:2000], claimed_by="", claim_token="", lease_until=None)
        if attempts >= limit:
            values["status"] = FAILED
        else:
            delay = min(self.settings.retry_base * (2 ** (attempts - 1)), self.settings.retry_max)
            values.update(status=PENDING, next_attempt_at=self.now + delay)
        ours = update(TABLE).where(TABLE.c.id == row_id, TABLE.c.claim_token == lease.token,
                                   TABLE.c.status == SENDING).values(**values)
        if values["status"] == FAILED and kind in AFTER_FAILED:
            rows = self._give_up(lease, ours, row_id=row_id, kind=kind)
        else:
            rows = self._write(lease, ours)
        if rows is None:
            self.result.problem = (f"Databasen kunde inte registrera felet för meddelande {row_id} "
                                   f"({self.last_db_error.orig}); det prövas igen efter leasetiden.")
        elif rows == 1:
            if values["status"] == FAILED:
                self.result.failed += 1
            else:
                self.result.retrying += 1
            self.result.errors.append(f"{row_id}: {error}"
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
        statement = (update(TABLE).where(among(TABLE.c.id, ids, dialect=self.db.dialect),
                                         TABLE.c.claim_token == lease.token, TABLE.c.status == SENDING)
                     .values(**values))
        try:
            with self.db.transaction() as session:
                self.result.waiting += session.execute(statement).rowcount
        except OperationalError:
            self.result.waiting += len(ids)  # unsent: they come back after the lease
