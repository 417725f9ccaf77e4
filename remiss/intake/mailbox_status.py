"""Whether the registrator's mailbox could be read at the last poll: recorded by each poll, shown on the Inkorg
page (walk13 finding 2: a wrong password was only in the scheduler's log, and the registrator waited for mail).

The outcome is a row of mail_relay named "inkorg", beside the SMTP relay's "default" (remiss.reminders.relay):
since when the mailbox fails, the last attempt and why; while it works, the last good poll ("Senast hämtat").
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from remiss.calendar.swedish import format_date, format_date_time, format_time
from remiss.clock import local
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
            else:  # every success: the Inkorg page says "Senast hämtat" (walk32 finding 11)
                row = row or MailRelay(name=NAME)
                row.down_since, row.last_error, row.checked_at = None, "", now
                session.add(row)
    except SQLAlchemyError:
        pass  # only what the page shows; the next poll records it


def plain(error: str) -> str:
    """The server's words without Python's bytes quoting: b'[AUTHENTICATIONFAILED] …' → [AUTHENTICATIONFAILED] …"""
    return re.sub(r"""\bb(['"])(.*?)\1""", r"\2", error)


def fetched_text(session: Session, *, now: datetime) -> str:
    """"Senast hämtat: i dag kl. 14.05" (Stockholm time) for the Inkorg page, or "" before the first good poll."""
    row = session.get(MailRelay, NAME)
    if row is None or row.down_since is not None or row.checked_at is None:
        return ""
    moment, today = local(row.checked_at), local(now).date()
    day = "i dag" if moment.date() == today else "i går" if (today - moment.date()).days == 1 else \
        format_date(moment)
    return f"Senast hämtat: {day} {format_time(moment)}"


def problem_text(session: Session) -> str:
    """The Swedish line for the Inkorg page while the mailbox cannot be read, or ""."""
    row = session.get(MailRelay, NAME)
    if row is None or row.down_since is None:
        return ""
    last = format_date_time(row.checked_at or row.down_since)
    return (f"Brevlådan kunde inte läsas sedan {format_date_time(row.down_since)} (senaste försöket {last}): "
            f"{row.last_error.rstrip('.')}. Ny e-post kommer inte hit förrän felet är rättat – kontakta den som "
            "driftar Remiss (oftast IT-avdelningen).")
