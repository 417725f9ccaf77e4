"""Settings verbs: a nämnd's reminder policy and the kinds a user has turned off."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from remiss import events
from remiss.calendar.swedish import count_words, format_date_time
from remiss.audit import service as audit
from remiss.auth.models import User
from remiss.namnd.models import Namnd
from remiss.reminders import holder, policy, schedule
from remiss.reminders.holder import Holder
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.remisser.models import Remiss

POLICY_FIELDS = ("remind_workdays_before", "overdue_every_workdays", "escalate_after_workdays", "weekly_digest",
                 "chase_workdays_before", "chase_workdays_after")


def update_policy(session: Session, *, now: datetime, namnd: Namnd, actor_id: int | None, values: dict) -> Namnd:
    """Change the nämnd's reminder policy and re-plan the pending reminders of its open remisser."""
    values = dict(values)
    for key in ("remind_workdays_before", "chase_workdays_before", "chase_workdays_after"):
        if key in values:
            values[key] = ",".join(str(n) for n in policy.parse_workdays(values.get(key) or ""))
    before = {k: getattr(namnd, k) for k in POLICY_FIELDS}
    for key in POLICY_FIELDS:
        if key in values:
            setattr(namnd, key, values[key])
    session.add(namnd)
    session.flush()
    changes = audit.diff(before, {k: getattr(namnd, k) for k in POLICY_FIELDS})
    audit.record(session, now=now, user_id=actor_id, entity="namnd", entity_id=namnd.id, action="reminder_policy",
                 changes=changes)
    if changes:  # receivers.py re-plans the pending reminders of the nämnd's open remisser
        events.namnd_changed.send(namnd, session=session, now=now, actor_id=actor_id, changes=changes)
    return namnd


def resync_namnd(session: Session, *, now: datetime, namnd_id: int) -> int:
    """Re-plan the pending reminders of the nämnd's open remisser; return how many remisser."""
    calendar = schedule.work_calendar(session)
    remisser = schedule.open_remisser(session, namnd_id=namnd_id)
    for remiss in remisser:
        schedule.sync_remiss(session, now=now, remiss=remiss, calendar=calendar)
    return len(remisser)


def set_muted(session: Session, *, now: datetime, user: User, wanted: list[str]) -> User:
    """Turn off every mutable kind not in wanted (escalations stay on) and re-plan the user's reminders."""
    muted = sorted(k for k in policy.MUTABLE_KINDS if k not in set(wanted))
    old = user.muted_kinds
    user.muted_kinds = ",".join(muted)
    session.add(user)
    session.flush()
    audit.record(session, now=now, user_id=user.id, entity="user_account", entity_id=user.id,
                 action="reminder_settings", changes={"muted_kinds": [old, user.muted_kinds]})
    remiss_ids = set(session.exec(select(OutboxMessage.remiss_id).where(
        OutboxMessage.recipient_user_id == user.id, OutboxMessage.status == OutboxStatus.pending.value)))
    remiss_ids |= set(session.exec(select(Remiss.id).where(Remiss.handlaggare_id == user.id)))
    calendar = schedule.work_calendar(session)
    for remiss_id in remiss_ids - {None}:
        remiss = session.get(Remiss, remiss_id)
        if remiss is not None:
            schedule.sync_remiss(session, now=now, remiss=remiss, calendar=calendar)
    return user


def upcoming_for(session: Session, *, user_id: int, now: datetime, limit: int = 50) -> list[OutboxMessage]:
    """Return the user's pending mails in time order."""
    return list(session.exec(select(OutboxMessage).where(
        OutboxMessage.recipient_user_id == user_id,
        OutboxMessage.status.in_([OutboxStatus.pending.value, OutboxStatus.sending.value]))
        .order_by(OutboxMessage.due_at).limit(limit)))


def recent_for(session: Session, *, user_id: int, limit: int = 20) -> list[OutboxMessage]:
    """Return the user's latest sent mails."""
    return list(session.exec(select(OutboxMessage).where(
        OutboxMessage.recipient_user_id == user_id, OutboxMessage.status == OutboxStatus.sent.value)
        .order_by(OutboxMessage.sent_at.desc()).limit(limit)))


def _filtered(stmt, *, status: str = "", kind: str = "", email: str = ""):
    if status:
        stmt = stmt.where(OutboxMessage.status == status)
    if kind:
        stmt = stmt.where(OutboxMessage.kind == kind)
    if email:
        stmt = stmt.where(OutboxMessage.recipient_email.contains(email.lower()))
    return stmt


def outbox_rows(session: Session, *, status: str = "", kind: str = "", email: str = "",
                limit: int = 200) -> list[OutboxMessage]:
    """Return outbox rows for the admin page, newest moment first."""
    stmt = select(OutboxMessage).order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc()).limit(limit)
    return list(session.exec(_filtered(stmt, status=status, kind=kind, email=email)))


def outbox_counts(session: Session, *, kind: str = "", email: str = "") -> dict[str, int]:
    """Rows per status among those matching the kind and recipient filter (all of them, not a page)."""
    stmt = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    return dict(session.execute(_filtered(stmt, kind=kind, email=email)).all())


def claimed_text(session: Session, *, wall: datetime) -> str:
    """What the rows marked "sending" mean (empty when there are none): a sweep holds them under a lease. If
    the process that took them is provably gone (on this host: holder.py) the next sweep takes them over at
    once; otherwise (a crash on another host, a reboot) they are taken up again when the lease runs out.
    wall is the wall clock, which leases are measured in."""
    groups = session.execute(select(OutboxMessage.claimed_by, func.count(), func.max(OutboxMessage.lease_until))
                             .where(OutboxMessage.status == OutboxStatus.sending.value)
                             .group_by(OutboxMessage.claimed_by)).all()
    dead = {by for by, _, _ in groups if holder.gone(by)}
    gone = [(Holder.parse(by), count) for by, count, _ in groups if by in dead]
    held = [(count, until) for by, count, until in groups if by not in dead]
    parts = []
    if gone:
        names = ", ".join(h.name for h, _ in gone)
        who = "processen" if len(gone) == 1 else "processerna"
        parts.append(f"{count_words(sum(c for _, c in gone), 'meddelande', 'meddelanden')} står som Skickas, men "
                     f"{who} som tog dem ({names}) körs inte längre; nästa svep tar över dem genast.")
    if held:
        rows = count_words(sum(c for c, _ in held), "meddelande", "meddelanden")
        until = max((u for _, u in held if u is not None), default=None)
        if until is None or until <= wall:
            parts.append(f"{rows} står som Skickas men anspråket har gått ut"
                         + (f" ({format_date_time(until)})" if until else "") + "; nästa svep skickar dem.")
        else:
            parts.append(f"{rows} står som Skickas: en process har tagit dem till {format_date_time(until)}. Går den "
                         "processen inte längre (en krasch, en omstart) tas de upp igen då och skickas av nästa svep.")
    return " ".join(parts)


def held_elsewhere(session: Session, *, now: datetime, wall: datetime, me: str) -> tuple[int, datetime | None, list[str]]:
    """Rows due by now that another sweep holds under a lease still running (not this process's, me: its
    holder text): how many, when the last of those leases ends, and who holds them ("host:pid")."""
    table = OutboxMessage.__table__
    groups = session.execute(select(table.c.claimed_by, func.count(), func.max(table.c.lease_until))
                             .where(table.c.status == OutboxStatus.sending.value, table.c.next_attempt_at <= now,
                                    table.c.lease_until > wall, table.c.claimed_by != me)
                             .group_by(table.c.claimed_by)).all()
    names = [Holder.parse(by).name if Holder.parse(by) else by for by, _, _ in groups if by]
    return sum(c for _, c, _ in groups), max((u for _, _, u in groups), default=None), names


def waiting_count(session: Session, *, now: datetime) -> int:
    """Rows due by now and not sent yet (pending, or claimed by a sweep that has not recorded them)."""
    return session.execute(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.status.in_([OutboxStatus.pending.value, OutboxStatus.sending.value]),
        OutboxMessage.next_attempt_at <= now)).scalar_one()
