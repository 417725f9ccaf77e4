"""Put failed outbox rows back in the queue: one row from the outbox page, or every failed row matching a filter
(the page's "Skicka alla igen", `remiss reminders resend --failed`).

Stopped (cancelled) and superseded rows are not sent again by hand: the planner stopped them because they no longer
apply (the tidplan changed, the remiss closed, the instans answered, a newer reminder replaced them), and it revives a
stopped row itself when its moment is owed again."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session

from remiss.audit import service as audit
from remiss.calendar.swedish import count_words, format_date_time, join_words
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.policy import OUTBOX_KIND_LABELS, row_label

PENDING, FAILED = OutboxStatus.pending.value, OutboxStatus.failed.value
TABLE = OutboxMessage.__table__
RESENDABLE = (FAILED,)
# What other capabilities do when rows of their kind are put back in the queue: kind → react(session, now=,
# remiss_ids=) (remiss.outgoing: an instans whose missiv goes out again gets its reminders planned again, h-out23 M4).
AFTER_RESEND: dict[str, object] = {}


def _after_resend(session: Session, now: datetime, pairs) -> None:
    found: dict[str, set[int]] = {}
    for kind, remiss_id in pairs:
        if kind in AFTER_RESEND and remiss_id is not None:
            found.setdefault(kind, set()).add(remiss_id)
    for kind, remiss_ids in found.items():
        AFTER_RESEND[kind](session, now=now, remiss_ids=sorted(remiss_ids))


def resendable(session: Session, row_id: int) -> OutboxMessage:
    """The failed row that may be sent again; ValueError says why not (refused before the page asks)."""
    row = session.get(OutboxMessage, row_id)
    if row is None:
        raise ValueError("Meddelandet finns inte.")
    if row.status not in RESENDABLE:
        raise ValueError(refusal(row.status, row.last_error))
    return row


def resend(session: Session, *, now: datetime, row_id: int, actor_id: int | None) -> OutboxMessage:
    """Put a failed row back in the queue to be sent at the next sweep."""
    row = resendable(session, row_id)
    old = row.status
    row.status, row.attempts, row.next_attempt_at, row.claimed_by = PENDING, 0, now, ""
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=row.id,
                 remiss_id=row.remiss_id, action="resend", changes={"status": [old, PENDING]},
                 note=f"Skicka igen till {row.recipient_email}")
    _after_resend(session, now, [(row.kind, row.remiss_id)])
    return row


def refusal(status: str, reason: str) -> str:
    """Why a row cannot be sent again, in Swedish."""
    if status in (OutboxStatus.cancelled.value, OutboxStatus.superseded.value):
        return ("Meddelandet stoppades och skickas inte igen: " + stop_reason(status, reason)
                + " Påminnelser planeras om av sig själva när de behövs igen.")
    return "Bara misslyckade meddelanden kan skickas igen."


# Why the planner stopped a row where its status alone does not say it, kept in the row's payload under STOPPED_BY:
# a notice of a later svarsdag that the instans's answer (ANSWERED) or avstår (DECLINED) made unneeded in the Utkorg
# (outgoing.service.outdated.supersede). It is not "Ersatt av senare", as nothing later replaced it (walk31 #8).
STOPPED_BY, ANSWERED, DECLINED = "stopped_by", "answered", "declined"
# a notice asking an instans for its answer that closing the case stopped (outgoing.service.closing), put back in the
# Utkorg when the case is opened again
CLOSED = "closed"
NOT_NEEDED_LABELS = {ANSWERED: "Behövs inte – har svarat", DECLINED: "Behövs inte – avstår"}


def read_payload(payload: str) -> dict:
    """An outbox row's payload as a dict ({} for one that is empty or cannot be read as a JSON object)."""
    try:
        found = json.loads(payload or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def stopped_by(payload: str) -> str:
    """Why a row was stopped, as its payload records it (ANSWERED, DECLINED, CLOSED), or "" where it records
    nothing."""
    return read_payload(payload).get(STOPPED_BY, "")


def status_label(status: str, stopped: str = "") -> str:
    """The Utkorg's word for a row's status; stopped: why it was stopped (stopped_by): "Behövs inte – har svarat"
    for a notice superseded because the instans answered, "– avstår" because it declined."""
    if status == OutboxStatus.superseded.value and stopped in NOT_NEEDED_LABELS:
        return NOT_NEEDED_LABELS[stopped]
    return OutboxStatus(status).label if status in OutboxStatus.__members__ else status


def stop_reason(status: str, reason: str) -> str:
    """Why a row was stopped or superseded, as a sentence (rows stopped before reasons were kept say so plainly)."""
    text = reason.strip() or ("Ersatt av en senare påminnelse om samma sak." if status == OutboxStatus.superseded.value
                              else "Påminnelsen gäller inte längre.")
    return text if text.endswith((".", "!", "?")) else text + "."


def resend_failed(session: Session, *, now: datetime, actor_id: int | None, kind: str = "", email: str = "",
                  since: datetime | None = None) -> int:
    """Put every failed row matching the filter back in the queue (attempts from zero); return how many.

    since: only rows whose last attempt was at or after that moment (e.g. the start of an incident).
    """
    pairs = session.execute(select(TABLE.c.kind, TABLE.c.remiss_id).where(
        *failed_filter(kind=kind, email=email, since=since), TABLE.c.kind.in_(list(AFTER_RESEND))).distinct()).all() \
        if AFTER_RESEND else []
    statement = update(TABLE).where(*failed_filter(kind=kind, email=email, since=since)).values(
        status=PENDING, attempts=0, next_attempt_at=now, claimed_by="", claim_token="", lease_until=None)
    count = session.execute(statement).rowcount
    if count:
        audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=None,
                     action="resend_all", changes={"status": [FAILED, PENDING], "count": count},
                     note=resend_all_note(count, kind=kind, email=email, since=since))
        _after_resend(session, now, pairs)
    return count


def resend_question(kind: str, email: str, *, key: str = "") -> str:
    """What Skicka igen asks: which mail goes to whom; once sent it cannot be called back."""
    return (f"Skicka meddelandet ”{row_label(kind, key)}” till {email} igen? Det läggs tillbaka i "
            "utkorgen och skickas vid nästa svep. Det går inte att ångra.")


def failed_recipients(session: Session, *, kind: str = "", email: str = "") -> list[str]:
    """The addresses of the failed rows matching the filter, each once, in order (what Skicka alla igen sends to)."""
    return list(session.execute(select(TABLE.c.recipient_email).where(*failed_filter(kind=kind, email=email))
                                .distinct().order_by(TABLE.c.recipient_email)).scalars())


def resend_all_question(count: int, recipients: list[str], shown: int = 5) -> str:
    """What Skicka alla igen asks: how many mails, to whom (the first shown addresses and how many more)."""
    more = len(recipients) - shown
    to = ", ".join(recipients[:shown]) + f" och {more} till" if more > 0 else join_words(recipients)
    return (f"Skicka {count_words(count, 'misslyckat meddelande', 'misslyckade meddelanden')} igen till "
            f"{to}? {'Det' if count == 1 else 'De'} läggs tillbaka i utkorgen och skickas vid nästa svep. Det går "
            "inte att ångra.")


def resend_all_note(count: int, *, kind: str, email: str, since: datetime | None) -> str:
    """The audit note of "Skicka alla igen" in words: the kind as the Utkorg names it, the moment as a Swedish date."""
    words = [f"{count} {'misslyckat' if count == 1 else 'misslyckade'}"]
    if kind:
        words.append(f"typ av meddelande: {OUTBOX_KIND_LABELS.get(kind, kind).lower()}")
    if email:
        words.append(f"mottagare: {email}")
    if since is not None:
        words.append(f"sedan {format_date_time(since)}")
    return "Skicka alla igen: " + ", ".join(words)


def failed_filter(*, kind: str = "", email: str = "", since: datetime | None = None) -> list:
    """The conditions of "failed rows matching the outbox page's filter" (shared by its count and resend)."""
    conditions = [TABLE.c.status == FAILED]
    if kind:
        conditions.append(TABLE.c.kind == kind)
    if email:
        conditions.append(TABLE.c.recipient_email.contains(email.lower()))
    if since is not None:
        conditions.append(TABLE.c.claimed_at >= since)
    return conditions

