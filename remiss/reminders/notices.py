"""Event notices: one mail, sent at the next sweep, when something happens to a remiss."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from remiss.reminders import outbox, policy, recipients
from remiss.remisser.kind_words import noun_of
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.recipients import Recipient
from remiss.remisser.models import Remiss


def notify(session: Session, *, now: datetime, remiss: Remiss, kind: str, people: list[Recipient],
           actor_id: int | None = None, lines: list[str] | None = None, rattelse: int = 0,
           extra: dict | None = None) -> int:
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
                                subject="", payload={"lines": lines or [], **({"rattelse": rattelse} if rattelse else {}),
                                         **(extra or {})},
                                remiss_id=remiss.id,
                                recipient_user_id=person.user_id)
    return added


def not_handlaggare(kind) -> str:
    """Why an assigned notice is not sent: "… för ärendet." of a medborgarförslag (kind_words, walk18 F7)."""
    return f"Mottagaren är inte längre handläggare för {noun_of(kind).the}."


def _assigned_to(user_id: int | None, payload: str) -> int | None:
    """The handläggare an assigned notice is about (older rows: its recipient)."""
    return json.loads(payload or "{}").get("handlaggare_id", user_id)


def _told_before(session: Session, remiss: Remiss) -> bool:
    """Whether the handläggare was the last one told "Du har tilldelats" and every assignment since then was never
    told (truth16 F23: assigned to someone else and back within the sweep interval): nothing new to tell."""
    rows = session.exec(select(OutboxMessage.recipient_user_id, OutboxMessage.status, OutboxMessage.payload)
                        .where(OutboxMessage.remiss_id == remiss.id, OutboxMessage.kind == policy.ASSIGNED)
                        .order_by(OutboxMessage.id.desc())).all()
    untold_between = False
    for user_id, status, payload in rows:
        who = _assigned_to(user_id, payload)
        if status in (OutboxStatus.sent.value, OutboxStatus.sending.value):
            return who == remiss.handlaggare_id and untold_between
        untold_between = untold_between or who != remiss.handlaggare_id
    return False


def assigned(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None) -> int:
    if not remiss.handlaggare_id:
        return 0
    told = _told_before(session, remiss)
    # an assignment not yet told is no news any more: its person is not the handläggare (truth16 F23)
    stale = [r.id for r in session.exec(select(OutboxMessage).where(
        OutboxMessage.remiss_id == remiss.id, OutboxMessage.kind == policy.ASSIGNED,
        OutboxMessage.status == OutboxStatus.pending.value))
        if _assigned_to(r.recipient_user_id, r.payload) != remiss.handlaggare_id]
    if stale:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(stale))
                        .values(status=OutboxStatus.cancelled.value, last_error=not_handlaggare(remiss.kind))
                        .execution_options(synchronize_session=False))
    if told:
        return 0
    return notify(session, now=now, remiss=remiss, kind=policy.ASSIGNED, actor_id=actor_id,
                  people=recipients.handlaggare(session, remiss), extra={"handlaggare_id": remiss.handlaggare_id})


def extension_granted(session: Session, *, now: datetime, remiss: Remiss, extension, actor_id: int | None) -> int:
    if extension.decision != "granted" or extension.sandlista_entry_id is not None:
        return 0
    from remiss.calendar.swedish import format_deadline

    lines = [f"Ny sista svarsdag: {format_deadline(extension.granted_until_on, extension.granted_until_time)}."]
    people = recipients.handlaggare(session, remiss) + recipients.registrators(session, remiss.namnd_id)
    # a general extension was announced by the remittent, not granted on a request (walk33)
    return notify(session, now=now, remiss=remiss, kind=policy.EXTENSION, people=people, actor_id=actor_id,
                  lines=lines, extra={"general": True} if extension.is_general else None)


def review_requested(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None,
                     rattelse: int = 0, version: int | None = None, answers: str = "") -> int:
    """Tell the granskare a draft (or a rättelse of the expedierat yttrande: rattelse > 0) awaits them; a draft
    sent back before comes as its new version, answering the comment it was sent back with."""
    lines = _resent_lines(session, remiss, version=version, answers=answers) if answers and version else []
    return notify(session, now=now, remiss=remiss, kind=policy.REVIEW, actor_id=actor_id,
                  people=recipients.granskare(session, remiss.namnd_id), rattelse=rattelse, lines=lines)


def returned(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None, comment: str,
             rattelse: int = 0) -> int:
    """Tell the handläggare the granskare sent the draft (or a rättelse) back, with the granskare's comment."""
    return notify(session, now=now, remiss=remiss, kind=policy.RETURNED, actor_id=actor_id,
                  people=recipients.handlaggare(session, remiss), rattelse=rattelse,
                  lines=[f"Kommentar från granskningen: {comment}"] if comment else [])


def answered(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None, by_hand: bool = False) -> int:
    """Tell the handläggare and the registratorer the remiss is besvarad: by its expediering, or by a status set by
    hand (by_hand), which the mail says instead of an expediering (truth17 #3)."""
    people = recipients.handlaggare(session, remiss) + recipients.registrators(session, remiss.namnd_id)
    return notify(session, now=now, remiss=remiss, kind=policy.ANSWERED, people=people, actor_id=actor_id,
                  extra={"by_hand": True} if by_hand else None)


def moved_earlier(session: Session, *, now: datetime, remiss: Remiss, lines: list[str], because: str,
                  actor_id: int | None) -> int:
    """Tell the handläggare that a change in the sammanträdesplan moved dates of the tidplan earlier, and why."""
    if not remiss.handlaggare_id or not lines:
        return 0
    return notify(session, now=now, remiss=remiss, kind=policy.MOVED_EARLIER, actor_id=actor_id,
                  people=recipients.handlaggare(session, remiss), lines=[f"{because}."] + lines)


def no_meeting(session: Session, *, now: datetime, remiss: Remiss, because: str, actor_id: int | None) -> int:
    """Tell the handläggare and the registratorer that a change in the sammanträdesplan left no sammanträde before
    the sista svarsdag, with the Tidplan's latest day for a beslut and its proposals (walk26 W2)."""
    from remiss.calendar.swedish import format_weekday_date
    from remiss.planning.models import Milestone, TidplanState

    step = session.exec(select(Milestone).where(Milestone.remiss_id == remiss.id, Milestone.kind == "namnd")).first()
    state = session.get(TidplanState, remiss.id)
    lines = [f"{because}."] + ([f"Beslutet om yttrandet måste nu fattas utan nämndsammanträde, senast "
                                f"{format_weekday_date(step.due_on)}."] if step is not None else [])
    lines += json.loads(state.proposals or "[]") if state is not None else []
    people = recipients.handlaggare(session, remiss) + recipients.registrators(session, remiss.namnd_id)
    return notify(session, now=now, remiss=remiss, kind=policy.NO_MEETING, people=people, actor_id=actor_id,
                  lines=lines)


def _resent_lines(session: Session, remiss: Remiss, *, version: int, answers: str) -> list[str]:
    """What the draft sent to granskning answers (truth16 F2, F25): a rättelse its reason ("Rättelsen gäller: …"),
    a draft sent back by the granskare the comment, as a newer version or the same one unchanged. Whether a version
    was saved since it last became an utkast (sent back, or a rättelse begun) is read from the audit log, in order."""
    from remiss.audit.models import AuditEvent
    from remiss.drafting.models import YttrandeDraft

    draft = session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == remiss.id)).first()
    if draft is None:
        return []
    back, saved = None, False
    for event in session.exec(select(AuditEvent).where(
            AuditEvent.entity == "yttrande_draft", AuditEvent.entity_id == draft.id,
            AuditEvent.action.in_(["state", "rattelse", "save"])).order_by(AuditEvent.id.desc())):
        if event.action == "save":
            saved = True
        elif (json.loads(event.changes or "{}").get("state") or [None])[-1] == "utkast":
            back = event
            break
    said = draft.rattelse_reason.strip()
    reason = [f"Rättelsen gäller: {said}" + ("" if said[-1:] in ".!?" else ".")] if draft.rattelse and said else []
    if back is None or back.action == "rattelse":  # never sent back: the comment is the rättelse's reason
        return reason
    if not saved:
        return reason + [f"Det är samma version {version} som skickades tillbaka med kommentaren ”{answers}”, "
                         "oförändrad."]
    return reason + [f"Det är version {version}, ändrad efter granskningens kommentar: ”{answers}”"]
