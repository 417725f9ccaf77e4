"""Send a claim's mails one by one: build each, hand it to the relay, and have it marked before the next.

An outage is not the rows' fault: the sweep stops, the rows keep their attempts and their place. The
rule: connection refused and timeouts (transport.RelayDown) are an outage. A refusal (4xx/5xx for a
recipient or its mail) is an outage only while the relay has accepted nothing since the refusals began:
the same reply code for several different recipients in a row with no mail accepted in this sweep,
and either the relay already recorded down at the sweep's start or a recipient not refused before.
Once the relay accepts a mail in the sweep, or refuses recipients that were already refused while it
has since accepted other mail, each refusal is that row's own failure (an attempt counted, `failed`
after the usual limit) and the outage, if recorded, is over. A stop request finishes and
records the mail in hand and hands the rest of the claim back.
"""
from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from remiss.clock import local
from remiss.db import Database
from remiss.reminders.claim import Batch
from remiss.reminders.lease import Lease, Leases
from remiss.reminders.mail import compose
from remiss.reminders.marks import Marks
from remiss.reminders.report import SweepResult
from remiss.reminders.together import group
from remiss.reminders.transport import DeliveryError, Prepared, RelayDown, SmtpConnection

# Refused with the same reply code for this many different recipients in a row, nothing accepted in the
# sweep: the relay refuses everything (a misconfiguration), not these recipients (see the module's rule).
REFUSAL_RUN = 3


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
    tried: bool = False  # refused or failed before (the row carries an error from an earlier sweep)
    also: tuple = ()  # (id, attempts) of the other rows in this mail (together.py): they share its outcome

    @property
    def ids(self) -> list[int]:
        return [self.id, *(row_id for row_id, _ in self.also)]

    @property
    def name(self) -> str:
        """The file name for the file transport (an SMTP connection is not asked: see Sender.send)."""
        return f"{local(self.due_at):%Y%m%d-%H%M}-{self.kind}-{self.id:06d}"


def _two_step(connection):
    """(start, finish) of a connection: SMTP hands a mail over in start() and reads the verdict in finish();
    a transport with send() alone (files, a test's) does it all in start()."""
    if hasattr(connection, "start") and hasattr(connection, "finish"):
        return connection.start, connection.finish

    def start(message, *, name=""):
        connection.send(message, name=name)

    return start, lambda started: None


class Sender:
    """The sending of one sweep, claim after claim, over one connection to the relay."""

    def __init__(self, db: Database, *, now: datetime, config, leases: Leases, marks: Marks, result: SweepResult,
                 stop: threading.Event, relay_was_down: bool = False):
        self.db, self.now, self.config = db, now, config
        self.leases, self.marks, self.result, self.stop = leases, marks, result, stop
        self.relay_was_down = relay_was_down  # recorded down when the sweep began: nothing accepted since
        self.also: dict[int, tuple] = {}  # per leading row's id, the other rows that go out in its mail

    def relay_refuses(self, refused: list) -> bool:
        """Whether a run of alike refusals (nothing accepted in this sweep) is the relay refusing everything:
        yes while the outage recorded before this sweep lasts, or when a recipient is refused for the first
        time; no when every one of them was refused before and the relay has accepted mail since."""
        return self.relay_was_down or any(not job.tried for job, _ in refused)

    def build(self, reader: Session, row, batch: Batch, prepare=None) -> Job:
        try:
            message, error = compose(reader, row, config=self.config, now=self.now,
                                     remiss=batch.loaded.remisser.get(row.remiss_id),
                                     also=self.also.get(row.id, ()), loaded=batch.loaded), None
            if prepare is not None:
                message = prepare(message)
        except OperationalError:
            raise
        except Exception as exc:  # one broken row must not stop the others; it is retried, then failed
            message = None
            error = DeliveryError(f"Meddelandet kunde inte byggas: {type(exc).__name__}: {exc}", permanent=True)
        finally:
            reader.rollback()  # end what a composer read: no snapshot is held while mail is sent
        return Job(row.id, row.attempts, row.kind, row.due_at, row.recipient_email.lower(), message, error,
                   tried=bool(row.last_error), also=tuple((r.id, r.attempts) for r in self.also.get(row.id, ())))

    def failure(self, job: Job, error: DeliveryError, lease: Lease) -> None:
        """The mail's failure is each of its rows' own."""
        kinds = {row.id: row.kind for row in self.also.get(job.id, ())}
        for row_id, attempts in ((job.id, job.attempts), *job.also):
            self.marks.failure(row_id, attempts, error, lease, kind=kinds.get(row_id, job.kind))

    def send(self, batch: Batch, lease: Lease, connection) -> bool:
        """Send a claim's mails one by one; False when the sweep should stop (outage, stop, database)."""
        leads, self.also = group(batch.rows)  # one mail per remiss and person (together.py)
        queue = deque(leads)
        refused: list[tuple[Job, DeliveryError]] = []
        built: dict[int, Job] = {}  # the next row's mail, built while the relay reads the one before
        where = getattr(getattr(connection, "transport", connection), "where", "")
        start, finish = _two_step(connection)
        prepare = getattr(connection, "prepare", None)
        announce = getattr(connection, "announce", None)
        named = not isinstance(connection, SmtpConnection)  # files are named after their row; SMTP mail is not
        reader = self.db.session(write=False)
        marks = self.marks
        go_on = False
        try:
            while queue:
                if self.stop.is_set():
                    self.result.stopped = True
                    break
                if not self.leases.keep(lease, queue):
                    break
                row = queue.popleft()
                job = built.pop(row.id, None) or self.build(reader, row, batch, prepare)
                if job.error is not None:
                    self.failure(job, job.error, lease)
                    continue
                try:
                    started = start(job.message, name=job.name if named else "")
                    if queue and queue[0].id not in built:
                        built[queue[0].id] = self.build(reader, queue[0], batch, prepare)
                    finish(started)
                except RelayDown as exc:
                    self.result.relay_down = str(exc)
                    marks.hand_back(job.ids, lease, error=str(exc))
                    break
                except DeliveryError as exc:
                    if exc.code is None or marks.accepted:  # the relay takes mail this sweep: the row's own
                        self.failure(job, exc, lease)
                        continue
                    if refused and refused[-1][1].code != exc.code:
                        self.settle(refused, lease, relay_refuses=False)
                    refused.append((job, exc))
                    if len({j.recipient for j, _ in refused}) >= REFUSAL_RUN:
                        if self.relay_refuses(refused):
                            self.settle(refused, lease, relay_refuses=True, where=where)
                            break
                        self.settle(refused, lease, relay_refuses=False)
                    continue
                if announce is not None and queue and queue[0].id in built:
                    announce(built[queue[0].id].message)  # the next MAIL command, read while this mail is marked
                marked = marks.sent(job.id, job.attempts, lease, also=[row_id for row_id, _ in job.also])
                if marked is None:
                    break
                if refused:  # the relay takes other mail: those were refusals of their recipients. Decided once
                    # this mail is marked: a give-up (and its reaction, marks.py) must not widen the window in
                    # which a crash leaves an accepted mail unrecorded, to be sent again
                    self.settle(refused, lease, relay_refuses=False)
                if marked == 0:  # taken back by another sweeper: not ours to count; drop what else it took
                    try:
                        self.leases.renew(lease, queue)
                    except OperationalError:
                        break
            else:
                go_on = True
                if refused:  # several recipients refused alike and nothing accepted all sweep: the relay
                    alike = (not marks.accepted and len({j.recipient for j, _ in refused}) >= 2
                             and self.relay_refuses(refused))
                    self.settle(refused, lease, relay_refuses=alike, where=where)
                    go_on = not alike
        except OperationalError as exc:
            self.result.problem = f"Databasen kunde inte läsas medan meddelandena byggdes ({exc.orig})."
        finally:
            reader.close()
            marks.hand_back([i for j, _ in refused for i in j.ids]
                            + [i for row in queue for i in (row.id, *(r.id for r in self.also.get(row.id, ())))], lease)
        return go_on

    def settle(self, refused: list, lease: Lease, *, relay_refuses: bool, where: str = "") -> None:
        """Decide a run of refusals: each row's own failure, or the relay refusing everything (an outage)."""
        if relay_refuses:
            error = refused[-1][1]
            self.result.relay_down = (f"SMTP-servern {where} tar inte emot något "
                                      f"(samma svar för flera mottagare i följd): {error}")
            # Behind the rows already waiting, so that a run of truly unknown recipients at the head of the
            # queue cannot hold up the mail behind it: the next sweep tries other rows first.
            self.marks.hand_back([i for j, _ in refused for i in j.ids], lease, error=str(error), later=True)
        else:
            for job, error in refused:
                self.failure(job, error, lease)
        refused.clear()
