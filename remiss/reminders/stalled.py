"""Mail that waits in the outbox with no sender to take it (walk18 F2): said to administrators, read-only.

The scheduler keeps no heartbeat, so the outbox itself tells: a pending row due STALLED_AFTER ago or longer has
been passed over by every sweep since (a sweep takes every due row), so no sweep has run – `remiss run` was
started without `remiss scheduler` (or its cron job). Not said while a sweep holds rows or took some in that
time (a long backlog goes out batch by batch), nor while the mail relay is known to be down (the outage line
says why the rows wait).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from remiss.auth.access import Action
from remiss.calendar.swedish import count_words, format_date_time
from remiss.reminders import relay
from remiss.reminders.models import OutboxMessage, OutboxStatus

STALLED_AFTER = timedelta(minutes=10)
_O = OutboxMessage.__table__.c


def stalled_text(session: Session, *, now: datetime) -> str:
    """"3 meddelanden har väntat i utkorgen …" when due mail has waited STALLED_AFTER with no sweep; else ""."""
    if relay.outage_text(relay.get(session)):
        return ""
    count, oldest = session.execute(select(func.count(), func.min(_O.next_attempt_at))
                                    .where(_O.status == OutboxStatus.pending.value,
                                           _O.next_attempt_at <= now - STALLED_AFTER)).one()
    if not count or _sweeping(session, since=now - STALLED_AFTER):
        return ""
    return (f"{count_words(count, 'meddelande', 'meddelanden')} i utkorgen har väntat mer än "
            f"{int(STALLED_AFTER.total_seconds() // 60)} minuter på att skickas (det äldsta sedan "
            f"{format_date_time(oldest)}): ingen process verkar skicka e-posten. Starta schemaläggaren "
            "(remiss scheduler) bredvid webbservern, eller kör remiss reminders run regelbundet.")


def _sweeping(session: Session, *, since: datetime) -> bool:
    """A sweep is at work or took rows lately (a long backlog is sent batch by batch): mail is moving, only slowly."""
    return session.execute(select(_O.id).where((_O.status == OutboxStatus.sending.value) | (_O.claimed_at >= since))
                           .limit(1)).first() is not None


@dataclass(frozen=True)
class StalledSection:
    """On Att göra, for administrators: mail that no sender takes, or that cannot be sent (an outage)."""

    text: str
    template: str = "reminders/_stalled.html"


def start_section(session: Session, principal, now: datetime) -> StalledSection | None:
    """Mail no sender takes, or, during a known outage, the outage itself: the remiss pages tell everyone else that
    "Administratören ser felet under Utkorg" (reminders.queued.held), so the administrator sees it first (walk20 H3)."""
    if principal.user_id is None or not principal.may(Action.administer):
        return None
    outage = relay.outage_text(relay.get(session))
    text = f"{outage.rstrip('.')}." if outage else stalled_text(session, now=now)
    return StalledSection(text) if text else None
