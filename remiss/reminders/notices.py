"""Event notices: one mail, sent at the next sweep, when something happens to a remiss."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from remiss.reminders import outbox, policy, recipients
from remiss.reminders.recipients import Recipient
from remiss.remisser.models import Remiss


def notify(session: Session, *, now: datetime, remiss: Remiss, kind: str, people: list[Recipient],
           actor_id: int | None = None, lines: list[str] | None = None, rattelse: int = 0) -> int:
    """Enqueue a notice of kind to each person (not the one who did it, not who muted it)."""
    added = 0
    seen: set[str] = set()
    for person in people:
        email = person.email.lower()
        if not email or email in seen or (actor_id is not None and person.user_id == actor_id):
            continue
        seen.add(email)
        if kind in person.muted:
            continue
        key = f"{kind}:{remiss.id}:{email}:{now:%Y-%m-%dT%H:%M:%S.%fZ}"
        added += outbox.enqueue(session, now=now, key=key, recipient_email=person.email, kind=kind, due_at=now,
                                subject="", payload={"lines": lines or [], **({"rattelse": rattelse} if rattelse else {})},
                                remiss_id=remiss.id,
                                recipient_user_id=person.user_id)
    return added


def assigned(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None) -> int:
    if not remiss.handlaggare_id:
        return 0
    return notify(session, now=now, remiss=remiss, kind=policy.ASSIGNED, actor_id=actor_id,
                  people=recipients.handlaggare(session, remiss))


def extension_granted(session: Session, *, now: datetime, remiss: Remiss, extension, actor_id: int | None) -> int:
    if extension.decision != "granted" or extension.sandlista_entry_id is not None:
        return 0
    from remiss.calendar.swedish import format_deadline

    lines = [f"Ny sista svarsdag: {format_deadline(extension.granted_until_on, extension.granted_until_time)}."]
    people = recipients.handlaggare(session, remiss) + recipients.registrators(session, remiss.namnd_id)
    return notify(session, now=now, remiss=remiss, kind=policy.EXTENSION, people=people, actor_id=actor_id,
                  lines=lines)


def review_requested(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None,
                     rattelse: int = 0, version: int | None = None, answers: str = "") -> int:
    """Tell the granskare a draft (or a rättelse of the expedierat yttrande: rattelse > 0) awaits them; a draft
    sent back before comes as its new version, answering the comment it was sent back with."""
    lines = [f"Det är version {version}, ändrad efter granskningens kommentar: ”{answers}”"] \
        if answers and version else []
    return notify(session, now=now, remiss=remiss, kind=policy.REVIEW, actor_id=actor_id,
                  people=recipients.granskare(session, remiss.namnd_id), rattelse=rattelse, lines=lines)


def returned(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None, comment: str,
             rattelse: int = 0) -> int:
    """Tell the handläggare the granskare sent the draft (or a rättelse) back, with the granskare's comment."""
    return notify(session, now=now, remiss=remiss, kind=policy.RETURNED, actor_id=actor_id,
                  people=recipients.handlaggare(session, remiss), rattelse=rattelse,
                  lines=[f"Kommentar från granskningen: {comment}"] if comment else [])


def answered(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None) -> int:
    people = recipients.handlaggare(session, remiss) + recipients.registrators(session, remiss.namnd_id)
    return notify(session, now=now, remiss=remiss, kind=policy.ANSWERED, people=people, actor_id=actor_id)


def moved_earlier(session: Session, *, now: datetime, remiss: Remiss, lines: list[str], because: str,
                  actor_id: int | None) -> int:
    """Tell the handläggare that a change in the sammanträdesplan moved dates of the tidplan earlier, and why."""
    if not remiss.handlaggare_id or not lines:
        return 0
    return notify(session, now=now, remiss=remiss, kind=policy.MOVED_EARLIER, actor_id=actor_id,
                  people=recipients.handlaggare(session, remiss), lines=[f"{because}."] + lines)
