"""A sweep that kills itself with SIGKILL in the window between handing a mail over and recording it.

python -m tests.reminders.crash_process --after N

Configured by the REMISS_ variables like `remiss reminders run` (database, SMTP_URL or MAIL_DIR). It runs
the real sweep (remiss.reminders.delivery.sweep) with the real transport; after the relay has accepted its
Nth mail (SMTP: the 250 read) or the Nth file is in place, and before the sweep can mark it sent, the
process sends itself SIGKILL: the crash a power cut or the OOM killer makes at the worst moment, hit exactly
instead of by chance. It prints its holder text first, so the test knows whose claim is left.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import contextmanager


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--after", type=int, required=True)
    args = parser.parse_args()
    from remiss import create_app
    from remiss.db import get_db, utcnow
    from remiss.reminders import holder
    from remiss.reminders.delivery import sweep
    from remiss.reminders.transport import transport_from_config

    app = create_app()
    with app.app_context():
        print(holder.current().text, flush=True)
        sweep(get_db(), now=utcnow(), worker_id=holder.current().text,
              transport=KillAfter(transport_from_config(app.config), args.after))
    sys.exit(3)  # the sweep ended before its Nth mail: the test fails on this code


if __name__ == "__main__":
    main()
