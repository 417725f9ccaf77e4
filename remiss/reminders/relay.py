"""Whether mail can be handed over: recorded by each sweep, shown on the outbox page and by `reminders list`."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from remiss.calendar.swedish import format_date_time
from remiss.reminders.models import MailRelay

NAME = "default"  # one relay per installation: REMISS_SMTP_URL, or MAIL_DIR in file mode


def get(session: Session) -> MailRelay | None:
    return session.get(MailRelay, NAME)


def record_down(session: Session, *, now: datetime, error: str, worked_meanwhile: bool = False) -> MailRelay:
    """Note that nothing could be handed over at now. The outage started at its first such sweep, or
    now if mail went out since (worked_meanwhile: earlier in the same sweep)."""
    relay = get(session) or MailRelay(name=NAME)
    relay.down_since = now if worked_meanwhile or relay.down_since is None else relay.down_since
    relay.last_error, relay.checked_at = error[:2000], now
    session.add(relay)
    session.flush()
    return relay


def record_up(session: Session, *, now: datetime) -> None:
    """A mail was accepted: the outage, if any, is over."""
    relay = get(session)
    if relay is not None and relay.down_since is not None:
        relay.down_since, relay.last_error, relay.checked_at = None, "", now
        session.add(relay)
        session.flush()


def outage_text(relay: MailRelay | None) -> str:
    """The Swedish line shown while mail cannot be sent, or "" when it can."""
    if relay is None or relay.down_since is None:
        return ""
    return (f"E-posten går inte att skicka sedan {format_date_time(relay.down_since)} "
            f"(senaste försöket {format_date_time(relay.checked_at or relay.down_since)}): {relay.last_error}")


def record_sweep(db, *, now: datetime, down: str, accepted: bool, was_down: bool) -> None:
    """After a sweep: note the outage it stopped on (down), or that mail went out again after one."""
    if not down and not (accepted and was_down):
        return
    try:
        with db.transaction() as session:
            if down:
                record_down(session, now=now, error=down, worked_meanwhile=accepted)
            else:
                record_up(session, now=now)
    except OperationalError:
        pass  # only what the pages show; the next sweep records it
