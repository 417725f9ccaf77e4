"""Turn tidplaner and the nämnd policy into outbox rows: enqueue what is coming, cancel what moved."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from remiss.calendar import WorkCalendar
from remiss.clock import local, local_today
from remiss.namnd.models import ClosedDay, Namnd
from remiss.reminders import outbox, policy, recipients
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.remisser.models import Direction, Milestone, Remiss
from remiss.remisser.status import CLOSED

LOOKAHEAD_DAYS = 14  # rows are enqueued this far ahead, so users see what is coming
MOVED = "Tidplanen har ändrats; påminnelsen gäller inte längre."
CLOSED_REASON = "Remissen är avslutad."
OUTGOING_REASON = "Utgående remiss: remissinstanserna påminns, inte vi."


def work_calendar(session: Session) -> WorkCalendar:
    """Return the Swedish working-day calendar with the admin's klämdagar."""
    return WorkCalendar({d.day: d.reason or "klämdag" for d in session.exec(select(ClosedDay))})


def policy_of(namnd: Namnd) -> policy.ReminderPolicy:
    try:
        before = policy.parse_workdays(namnd.remind_workdays_before)
    except ValueError:
        before = policy.ReminderPolicy().before_workdays
    return policy.ReminderPolicy(before_workdays=before, overdue_every_workdays=namnd.overdue_every_workdays,
                                 escalate_after_workdays=namnd.escalate_after_workdays,
                                 weekly_digest=namnd.weekly_digest)


def is_closed(remiss: Remiss) -> bool:
    return remiss.status in {s.value for s in CLOSED}


def reminder_key(moment: policy.Moment, remiss_id: int, email: str) -> str:
    """The unique outbox key of a reminder: (remiss, milestone, recipient, kind, due moment)."""
    return f"{moment.kind}:{remiss_id}:{moment.milestone}:{email.lower()}:{moment.due_at:%Y-%m-%dT%H:%MZ}"


# Other kinds whose older due rows a catch-up sweep supersedes, per (remiss, recipient): kind → group name.
CATCH_UP_KINDS = {"outgoing_chaser": "chaser"}


def group_of(row: OutboxMessage) -> tuple:
    """The catch-up group of a row: reminders per (remiss, recipient, milestone); digests per recipient."""
    if row.kind in policy.REMINDER_KINDS:
        return ("reminder", row.remiss_id, row.recipient_email.lower(), row.key.split(":")[2])
    if row.kind == policy.DIGEST:
        return ("digest", row.recipient_email.lower())
    if row.kind in CATCH_UP_KINDS:
        return (CATCH_UP_KINDS[row.kind], row.remiss_id, row.recipient_email.lower())
    return ("single", row.id)


def milestones_due(session: Session, remiss_id: int) -> list[policy.MilestoneDue]:
    rows = session.exec(select(Milestone).where(Milestone.remiss_id == remiss_id)).all()
    return [policy.MilestoneDue(m.kind, m.label, m.due_on, m.owner_role, m.done_at is not None) for m in rows]


def sync_remiss(session: Session, *, now: datetime, remiss: Remiss, calendar: WorkCalendar | None = None,
                lookahead_days: int = LOOKAHEAD_DAYS) -> tuple[int, int]:
    """Make the pending reminder rows of a remiss match its tidplan; return (added, cancelled)."""
    if is_closed(remiss) or remiss.direction == Direction.utgaende:
        # an outgoing remiss's sista svarsdag is the instansernas: they get chasers (remiss.outgoing)
        return 0, outbox.cancel_pending(session, now=now, remiss_id=remiss.id, kinds=list(policy.REMINDER_KINDS),
                                        reason=CLOSED_REASON if is_closed(remiss) else OUTGOING_REASON)
    calendar = calendar or work_calendar(session)
    namnd = session.get(Namnd, remiss.namnd_id)
    until = local_today(now) + timedelta(days=lookahead_days)
    moments = policy.reminder_moments(milestones_due(session, remiss.id), policy_of(namnd), calendar, until=until,
                                      since=local(remiss.created_at).date())
    wanted: dict[str, tuple[policy.Moment, recipients.Recipient]] = {}
    people: dict[str, list[recipients.Recipient]] = {}
    for moment in moments:
        if moment.due_at < remiss.created_at:
            continue  # moments before the remiss was registered were never owed
        if moment.recipient_role not in people:
            people[moment.recipient_role] = recipients.for_role(session, remiss, moment.recipient_role)
        for person in people[moment.recipient_role]:
            if moment.kind in person.muted and moment.kind not in policy.UNMUTABLE:
                continue
            wanted[reminder_key(moment, remiss.id, person.email)] = (moment, person)
    cancelled = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.remiss_id == remiss.id, OutboxMessage.status == OutboxStatus.pending.value,
               OutboxMessage.kind.in_(policy.REMINDER_KINDS), OutboxMessage.key.not_in(list(wanted) or [""]))
        .values(status=OutboxStatus.cancelled.value, last_error=MOVED)).rowcount
    if wanted:  # a moment that comes back after a change is owed again
        session.execute(update(OutboxMessage)
                        .where(OutboxMessage.key.in_(list(wanted)),
                               OutboxMessage.status == OutboxStatus.cancelled.value)
                        .values(status=OutboxStatus.pending.value, attempts=0, last_error="",
                                next_attempt_at=OutboxMessage.due_at))
    # a moment can stay while its milestone moves (10 days before the old date = 5 before the new): the
    # pending row keeps its key, but its text must say the new date
    pending = dict(session.exec(select(OutboxMessage.key, OutboxMessage.payload).where(
        OutboxMessage.remiss_id == remiss.id, OutboxMessage.status == OutboxStatus.pending.value,
        OutboxMessage.kind.in_(policy.REMINDER_KINDS))).all()) if wanted else {}
    added = 0
    for key, (moment, person) in wanted.items():
        payload = {"milestone": moment.milestone, "workdays": moment.workdays, "day": moment.day.isoformat(),
                   "due_on": moment.due_on.isoformat()}
        if key in pending:
            if json.loads(pending[key] or "{}") != payload:
                session.execute(update(OutboxMessage).where(OutboxMessage.key == key,
                                                            OutboxMessage.status == OutboxStatus.pending.value)
                                .values(payload=json.dumps(payload, ensure_ascii=False)))
            continue
        added += outbox.enqueue(session, now=now, key=key, recipient_email=person.email, kind=moment.kind,
                                due_at=moment.due_at, subject="", payload=payload, remiss_id=remiss.id,
                                recipient_user_id=person.user_id)
    return added, cancelled


def open_remisser(session: Session) -> list[Remiss]:
    """Return open incoming remisser that have a tidplan."""
    closed = [s.value for s in CLOSED]
    with_milestones = select(Milestone.remiss_id).distinct()
    return list(session.exec(select(Remiss).where(Remiss.status.not_in(closed),
                                                  Remiss.direction != Direction.utgaende.value,
                                                  Remiss.id.in_(with_milestones))))


def enqueue_digests(session: Session, *, now: datetime, calendar: WorkCalendar) -> int:
    """Enqueue this week's digest to each registrator of nämnder that want one (latest moment only)."""
    moment = policy.digest_moment(now, calendar)
    start = local(moment).date()
    end = start + timedelta(weeks=policy.DIGEST_WEEKS)
    added = 0
    for namnd in session.exec(select(Namnd).where(Namnd.weekly_digest == True)):  # noqa: E712
        items = digest_items(session, namnd_id=namnd.id, start=start, end=end)
        if not items:
            continue
        for person in recipients.registrators(session, namnd.id):
            if policy.DIGEST in person.muted:
                continue
            key = f"digest:{namnd.id}:{person.email.lower()}:{moment:%Y-%m-%dT%H:%MZ}"
            added += outbox.enqueue(session, now=now, key=key, recipient_email=person.email, kind=policy.DIGEST,
                                    due_at=moment, subject="", recipient_user_id=person.user_id,
                                    payload={"namnd_id": namnd.id, "namnd": namnd.name, "start": start.isoformat(),
                                             "end": end.isoformat(), "items": items})
    return added


def digest_items(session: Session, *, namnd_id: int, start, end) -> list[dict]:
    """Open milestones of the nämnd's open remisser due from start to end, in date order."""
    closed = [s.value for s in CLOSED]
    stmt = (select(Milestone, Remiss).join(Remiss, Remiss.id == Milestone.remiss_id)
            .where(Remiss.namnd_id == namnd_id, Remiss.status.not_in(closed), Milestone.done_at == None,  # noqa: E711
                   Remiss.direction != Direction.utgaende.value,
                   Milestone.due_on <= end).order_by(Milestone.due_on, Remiss.id, Milestone.position))
    return [{"remiss_id": r.id, "title": r.title, "our_dnr": r.our_dnr or "", "milestone": m.label,
             "due_on": m.due_on.isoformat(), "late": m.due_on < start}
            for m, r in session.exec(stmt) if m.due_on >= start or m.owner_role not in policy.SKIPPED_OWNERS]


def schedule_due(session: Session, *, now: datetime, lookahead_days: int = LOOKAHEAD_DAYS) -> int:
    """Bring every open remiss's reminder rows up to date and enqueue the digests; return rows added."""
    calendar = work_calendar(session)
    added = sum(sync_remiss(session, now=now, remiss=r, calendar=calendar, lookahead_days=lookahead_days)[0]
                for r in open_remisser(session))
    return added + enqueue_digests(session, now=now, calendar=calendar)
