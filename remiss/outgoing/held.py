"""Whether the missiv e-mailed to each instans has left the Utkorg (walk21 J3). Read only.

Sending marks an instans sent ("Skickad 6 december 2026 med e-post") the moment its missiv is queued: it goes out
even if the case is closed meanwhile (mails.SENT_WHEN_QUEUED). Until a sweep has sent it, or while mail cannot be
sent at all (reminders.queued.down_since), the instans's row and page, the svarsstatus export, Nästa steg, the
start page, the diarium's export and the API say it waits in the Utkorg instead of that it was sent; the panel's
line says why (reminders.queued.unsent_lines).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlmodel import Session

from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.queued import WAITING, unsent_lines
from remiss.remisser.models import SandlistaEntry

KIND = "outgoing_missiv"  # sending.MISSIV_KIND, whose key is "outgoing:missiv:<remiss id>:<entry id>"
NOT_SENT = (*WAITING, OutboxStatus.failed.value)
_O = OutboxMessage.__table__.c
# what the lists of remisser add to an utgående one's answers while a missiv of it is due but not e-mailed
# (waiting_ids): the start page's section and the diarium's export ("0 av 2 har svarat; missivet i utkorgen …")
LIST_WORDS = "missivet i utkorgen (inte skickat)"
# the instans's row while its missiv is not e-mailed, by the outbox row's status
ROW_WORDS = {OutboxStatus.pending.value: "i utkorgen (inte skickat)",
             OutboxStatus.sending.value: "i utkorgen (inte skickat)",
             OutboxStatus.failed.value: "kunde inte e-postas (se utkorgen)"}


def row_words(entry: SandlistaEntry, mail: str | None) -> str:
    """What the instans's row and the svarsstatus export say instead of when and how it was sent while its e-mailed
    missiv has not left the Utkorg (mail: its outbox row's status, missiv_status): "i utkorgen (inte skickat)",
    "kunde inte e-postas (se utkorgen)"; "" once e-mailed, and for a letter by post."""
    return ROW_WORDS.get(mail, "") if entry.sent_at is not None and entry.delivery == "epost" else ""


def missiv_status(session: Session, remiss_id: int) -> dict[int, str]:
    """entry id → the status of the outbox row of its e-mailed missiv ("pending", "sent", "failed", …)."""
    prefix = f"outgoing:missiv:{remiss_id}:"
    rows = session.execute(select(_O.key, _O.status).where(_O.remiss_id == remiss_id, _O.kind == KIND)
                           .order_by(_O.id)).all()
    return {int(key[len(prefix):]): status for key, status in rows
            if key.startswith(prefix) and key[len(prefix):].isdigit()}


def waiting_ids(now: datetime):
    """The ids of the remisser with a missiv due that waits in the Utkorg or could not be sent, as a subquery (the
    start page lists them, walk21 J3): few rows, read through the claim index on (status, next_attempt_at)."""
    return (select(_O.remiss_id).where(_O.kind == KIND, or_(_O.status == OutboxStatus.failed.value,
                                                            _O.status.in_(WAITING) & (_O.next_attempt_at <= now)))
            .distinct())


def next_step(session: Session, remiss_id: int, *, now: datetime) -> str:
    """Nästa steg while the missiv is not e-mailed: the panel's line ("Missivet till … väntar i utkorgen sedan …:
    e-posten går inte att skicka just nu (…), så det är inte skickat. …"); "" once every missiv has gone out."""
    lines = unsent_lines(session, remiss_id, {KIND: "Missivet"}, now=now)
    return " ".join(lines)
