"""A sweep that kills itself with SIGKILL at a chosen moment: between handing a mail over and recording it, or as
the capability's reaction to a row the sweep gave up on begins.

python -m tests.reminders.crash_process --after N
python -m tests.reminders.crash_process --in-reaction KIND [--signal term] [--now ISO_DATETIME]

Configured by the REMISS_ variables like `remiss reminders run` (database, SMTP_URL or MAIL_DIR). It runs
the real sweep (remiss.reminders.delivery.sweep) with the real transport; after the relay has accepted its
Nth mail (SMTP: the 250 read) or the Nth file is in place, and before the sweep can mark it sent, the
process sends itself SIGKILL: the crash a power cut or the OOM killer makes at the worst moment, hit exactly
instead of by chance. It prints its holder text first, so the test knows whose claim is left.

--in-reaction KIND: the moment the sweep calls the reaction registered for KIND in claim.AFTER_FAILED (it gave up on
such a row: the give-up is written, the reaction not begun), the process sends itself SIGKILL, or with --signal term
SIGTERM, which asks the sweep to stop as `remiss reminders run` and `remiss scheduler` do (exit 0 when it did).
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import contextmanager
from datetime import datetime


class KillAfter:
    """A transport that delivers through the real one and dies after the Nth accepted mail."""

    def __init__(self, inner, after: int):
        self.inner, self.after, self.delivered = inner, after, 0

    @property
    def where(self) -> str:
        return self.inner.where

    @contextmanager
    def connection(self):
        with self.inner.connection() as connection:
            yield Connection(self, connection)


class Connection:
    def __init__(self, owner: KillAfter, connection):
        self.owner, self.connection = owner, connection

    def send(self, message, *, name: str = "") -> None:
        if hasattr(self.connection, "start"):
            self.connection.finish(self.connection.start(message, name=name))
        else:
            self.connection.send(message, name=name)
        self.owner.delivered += 1
        if self.owner.delivered >= self.owner.after:
            os.kill(os.getpid(), signal.SIGKILL)


def signal_in_reaction(kind: str, signum: int) -> None:
    """Send this process signum as the reaction to a given-up row of kind begins (the reaction then runs on)."""
    from remiss.reminders import claim

    if kind not in claim.AFTER_FAILED:
        sys.exit(4)  # nothing reacts to that kind: the test fails on this code
    react = claim.AFTER_FAILED[kind]

    def signalled(session, **kwargs):
        os.kill(os.getpid(), signum)
        return react(session, **kwargs)

    claim.AFTER_FAILED[kind] = signalled


def main() -> None:
    parser = argparse.ArgumentParser()
    moment = parser.add_mutually_exclusive_group(required=True)
    moment.add_argument("--after", type=int)
    moment.add_argument("--in-reaction", metavar="KIND")
    parser.add_argument("--signal", choices=("kill", "term"), default="kill")
    parser.add_argument("--now", type=datetime.fromisoformat)
    args = parser.parse_args()
    from remiss import create_app
    from remiss.db import get_db, utcnow
    from remiss.reminders import holder
    from remiss.reminders.cli import stop_on_signals
    from remiss.reminders.delivery import sweep
    from remiss.reminders.transport import transport_from_config

    app = create_app()
    with app.app_context(), stop_on_signals() as stop:
        transport = transport_from_config(app.config)
        if args.in_reaction:
            signal_in_reaction(args.in_reaction, signal.SIGTERM if args.signal == "term" else signal.SIGKILL)
        else:
            transport = KillAfter(transport, args.after)
        print(holder.current().text, flush=True)
        result = sweep(get_db(), now=args.now or utcnow(), worker_id=holder.current().text, transport=transport,
                       stop=stop)
    if args.signal == "term" and result.stopped and not result.problem:
        sys.exit(0)  # stopped as asked, everything recorded
    sys.exit(3)  # the sweep ended before the moment (or with a problem): the test fails on this code


if __name__ == "__main__":
    main()
