"""Whether the registrator's mailbox could be read at the last poll: recorded by each poll, shown on the Inkorg
page (walk13 finding 2: a wrong password was only in the scheduler's log, and the registrator waited for mail).

The outcome is a row of mail_relay named "inkorg", beside the SMTP relay's "default" (remiss.reminders.relay):
since when the mailbox fails, the last attempt and why.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from remiss.calendar.swedish import format_date_time
from remiss.intake.mailbox import MailboxError
from remiss.reminders.models import MailRelay

NAME = "inkorg"


@contextmanager
def watched(db, *, now: datetime):
    """Record how the poll inside went: a MailboxError as the mailbox's failure (and raise it on), else success."""
    try:
        yield
    except MailboxError as exc:
        record(db, now=now, error=str(exc))
        raise
    record(db, now=now, error="")


def record(db, *, now: datetime, error: str) -> None:
    try:
        with db.transaction() as session:
            row = session.get(MailRelay, NAME)
            if error:
                row = row or MailRelay(name=NAME)
                row.down_since = row.down_since or now
                row.last_error, row.checked_at = plain(error)[:2000], now
                session.add(row)
            elif row is not None and row.down_since is not None:
                row.down_since, row.last_error, row.checked_at = None, "", now
                session.add(row)
    except SQLAlchemyError:
        pass  # only what the page shows; the next poll records it


def plain(error: str) -> str:
    """The server's words without Python's bytes quoting: b'[AUTHENTICATIONFAILED] …' → [AUTHENTICATIONFAILED] …"""
    return re.sub(r"""\bb(['"])(.*?)\1""", r"\2", error)


def problem_text(session: Session) -> str:
    """The Swedish line for the Inkorg page while the mailbox cannot be read, or ""."""
    row = session.get(MailRelay, NAME)
    if row is None or row.down_since is None:
        return ""
    last = format_date_time(row.checked_at or row.down_since)
    return (f"Brevlådan kunde inte läsas sedan {format_date_time(row.down_since)} (senaste försöket {last}): "
            f"{row.last_error.rstrip('.')}. Ny e-post kommer inte hit förrän felet är rättat – kontakta den som "
            "driftar Remiss (oftast IT-avdelningen).")
