"""Turn tidplaner and the nämnd policy into outbox rows: enqueue what is coming, cancel what moved; the sweep's
planning step (schedule_due) also enqueues the weekly digest (digest.py)."""
from __future__ import annotations

import json
import time as wallclock
from datetime import date, datetime, timedelta

from sqlalchemy import or_, text, update
from sqlmodel import Session, select

from remiss.calendar import WorkCalendar
from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.calendar.planner import WAITS_FOR
from remiss.clock import local, local_today
from remiss.namnd.models import Namnd
from remiss.planning.models import Milestone, TidplanState
from remiss.planning.service.missed import flag_missed_meetings
from remiss.planning.service.tidplan import work_calendar
from remiss.reminders import outbox, policy, recipients
from remiss.reminders.digest import enqueue_digests, restore_digests
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.remisser.kind_words import REMISS, Noun, noun_of
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import CLOSED

LOOKAHEAD_DAYS = 14  # rows are enqueued at least this far ahead, so users see what is coming
SPREAD_DAYS = 7  # the sweep extends a plan when under LOOKAHEAD - SPREAD days remain, by 0–6 extra days per remiss
NEVER = date(9999, 12, 31)  # horizon of a closed or outgoing remiss: nothing to plan until an event says so
MOVED = "Tidplanen har ändrats; påminnelsen gäller inte längre."
DONE = "Milstolpen är klar; påminnelsen behövs inte längre."  # not "the tidplan changed" (walk33)


def _closed_words(noun: Noun, voided: bool) -> str:
    if voided:  # walk14 #12: not "avslutad"
        return f"{noun.The} är {noun.done('makulerad')} ({noun.done('registrerad')} av misstag)."
    return f"{noun.The} är {noun.done('avslutad')}."


CLOSED_REASON, VOIDED_REASON = _closed_words(REMISS, False), _closed_words(REMISS, True)  # of a remiss


def closed_reason(remiss: Remiss | None) -> str:
    """Why a closed remiss's reminders stop, as `remiss reminders list` and the outbox show it: "Ärendet är
    avslutat." of a medborgarförslag (kind_words, walk18 F7)."""
    return _closed_words(noun_of(getattr(remiss, "kind", None)), remiss is not None and remiss.status == "makulerad")
OUTGOING_REASON = "Utgående remiss: remissinstanserna påminns, inte vi."



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


def milestones_due(session: Session, remiss_id: int) -> list[policy.MilestoneDue]:
    rows = session.exec(select(Milestone).where(Milestone.remiss_id == remiss_id)).all()
    open_kinds = {m.kind for m in rows if m.done_at is None}
    return [policy.MilestoneDue(m.kind, m.label, m.due_on, m.owner_role, m.done_at is not None,
                                waiting=WAITS_FOR.get(m.kind) in open_kinds) for m in rows]


def horizon(remiss: Remiss, today: date, lookahead_days: int = LOOKAHEAD_DAYS, spread: bool = False) -> date:
    """The date to plan a remiss until: lookahead_days ahead (plus its own 0–6 days when spread), never less
    than it was already planned until, so a re-plan never cancels rows it planned before."""
    until = today + timedelta(days=lookahead_days + (remiss.id % SPREAD_DAYS if spread else 0))
    known = remiss.reminders_planned_until
    return known if known is not None and known != NEVER and known > until else until


def _set_horizon(session: Session, remiss: Remiss, until: date) -> None:
    if remiss.reminders_planned_until != until:
        session.execute(update(Remiss).where(Remiss.id == remiss.id).values(reminders_planned_until=until)
                        .execution_options(synchronize_session=False))
        session.expire(remiss, ["reminders_planned_until"])


def sync_remiss(session: Session, *, now: datetime, remiss: Remiss, calendar: WorkCalendar | None = None,
                lookahead_days: int = LOOKAHEAD_DAYS, spread: bool = False) -> tuple[int, int]:
    """Make the pending reminder rows of a remiss match its tidplan; return (added, cancelled)."""
    if is_closed(remiss) or remiss.direction == Direction.utgaende:
        # an outgoing remiss's sista svarsdag is the instansernas: they get chasers (remiss.outgoing)
        _set_horizon(session, remiss, NEVER)
        return 0, outbox.cancel_pending(session, now=now, remiss_id=remiss.id, kinds=list(policy.REMINDER_KINDS),
                                        reason=closed_reason(remiss) if is_closed(remiss) else OUTGOING_REASON)
    calendar = calendar or work_calendar(session)
    namnd = session.get(Namnd, remiss.namnd_id)
    until = horizon(remiss, local_today(now), lookahead_days, spread)
    _set_horizon(session, remiss, until)
    steps = milestones_due(session, remiss.id)
    moments = policy.reminder_moments(steps, policy_of(namnd), calendar, until=until,
                                      since=local(remiss.created_at).date())
    no_meeting = no_meeting_words(session, remiss.id, steps)
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
    unwanted = (OutboxMessage.remiss_id == remiss.id, OutboxMessage.status == OutboxStatus.pending.value,
                OutboxMessage.kind.in_(policy.REMINDER_KINDS), OutboxMessage.key.not_in(list(wanted) or [""]))
    done_kinds = [step.kind for step in steps if step.done]
    cancelled = session.execute(  # the key is kind:remiss:milestone:… (reminder_key)
        update(OutboxMessage)
        .where(*unwanted, or_(*(OutboxMessage.key.like(f"%:{remiss.id}:{kind}:%") for kind in done_kinds)))
        .values(status=OutboxStatus.cancelled.value, last_error=DONE)).rowcount if done_kinds else 0
    cancelled += session.execute(
        update(OutboxMessage).where(*unwanted)
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
                   "due_on": moment.due_on.isoformat(), **(no_meeting if moment.milestone == "namnd" else {})}
        if key in pending:
            if json.loads(pending[key] or "{}") != payload:
                session.execute(update(OutboxMessage).where(OutboxMessage.key == key,
                                                            OutboxMessage.status == OutboxStatus.pending.value)
                                .values(payload=json.dumps(payload, ensure_ascii=False)))
            continue
        added += outbox.enqueue(session, now=now, key=key, recipient_email=person.email, kind=moment.kind,
                                due_at=moment.due_at, subject="", payload=payload, remiss_id=remiss.id,
                                recipient_user_id=person.user_id)
    supersede_told(session, now=now, remiss_id=remiss.id)
    return added, cancelled


def no_meeting_words(session: Session, remiss_id: int, steps: list[policy.MilestoneDue]) -> dict:
    """What a reminder of "Beslut (inget sammanträde)" carries besides its date: the label, and the Tidplan's
    proposals (förlängning, ordförande- or delegationsbeslut, an extra sammanträde) as they are at planning; {} when
    a sammanträde fits (walk26 W2)."""
    if not any(s.kind == "namnd" and s.label == NO_MEETING_LABEL for s in steps):
        return {}
    state = session.get(TidplanState, remiss_id)
    return {"label": NO_MEETING_LABEL, "proposals": json.loads(state.proposals or "[]") if state else []}


TOLD = "Samma sak skickades redan efter att påminnelsen blev aktuell; den skickas inte igen."


def _topic(key: str, email: str, payload: str) -> tuple:
    """What a reminder row tells: its milestone and that milestone's date, to whom."""
    return (email.lower(), key.split(":")[2], json.loads(payload or "{}").get("due_on"))


def supersede_told(session: Session, *, now: datetime, remiss_id: int) -> int:
    """Mark superseded the due reminder rows of a remiss whose topic (recipient, milestone and its date) was
    already told by a mail sent (or being sent) at or after their due moment (truth16 F28): a sweep that planned
    only part of a catch-up (its planning budget ran out) sent the old row; the rest is planned by the next sweep,
    in the past, and would repeat the same overdue mail at the same moment. The catch-up rule of the claim
    (claim.supersede_older) covers rows due together; this covers rows planned after their group was told."""
    table = OutboxMessage.__table__
    due = session.execute(select(table.c.id, table.c.key, table.c.recipient_email, table.c.payload, table.c.due_at)
                          .where(table.c.remiss_id == remiss_id, table.c.status == OutboxStatus.pending.value,
                                 table.c.kind.in_(policy.REMINDER_KINDS), table.c.due_at <= now)).all()
    if not due:
        return 0
    told: dict[tuple, datetime] = {}
    for key, email, payload, sent_at, claimed_at in session.execute(
            select(table.c.key, table.c.recipient_email, table.c.payload, table.c.sent_at, table.c.claimed_at)
            .where(table.c.remiss_id == remiss_id, table.c.kind.in_(policy.REMINDER_KINDS),
                   table.c.status.in_([OutboxStatus.sent.value, OutboxStatus.sending.value]))):
        moment = sent_at or claimed_at
        topic = _topic(key, email, payload)
        if moment is not None and (topic not in told or moment > told[topic]):
            told[topic] = moment
    ids = [r.id for r in due if told.get(_topic(r.key, r.recipient_email, r.payload)) is not None
           and told[_topic(r.key, r.recipient_email, r.payload)] >= r.due_at]
    if ids:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids))
                        .values(status=OutboxStatus.superseded.value, last_error=TOLD)
                        .execution_options(synchronize_session=False))
    return len(ids)


def open_remisser(session: Session, namnd_id: int | None = None) -> list[Remiss]:
    """Return open incoming remisser that have a tidplan (of one nämnd when given)."""
    closed = [s.value for s in CLOSED]
    with_milestones = select(Milestone.remiss_id).distinct()
    stmt = select(Remiss).where(Remiss.status.not_in(closed), Remiss.direction != Direction.utgaende.value,
                                Remiss.id.in_(with_milestones))
    if namnd_id is not None:
        stmt = stmt.where(Remiss.namnd_id == namnd_id)
    return list(session.exec(stmt))


def plan_due(session: Session, *, now: datetime, lookahead_days: int = LOOKAHEAD_DAYS, limit: int = 500,
             budget_seconds: float = 1.0, calendar: WorkCalendar | None = None) -> tuple[int, int]:
    """Extend the plan of the remisser whose horizon runs out (at most limit, within the budget).

    Changes re-plan a remiss at once (receivers.py); this only moves horizons forward, so an idle
    sweep costs one indexed query. Returns (rows added, remisser planned).
    """
    need = local_today(now) + timedelta(days=max(lookahead_days - SPREAD_DAYS, 1))
    column = Remiss.reminders_planned_until
    postgres = session.get_bind().dialect.name == "postgresql"
    remisser: list[Remiss] = []
    for condition, sql in ((column.is_(None), "IS NULL"), (column < need, "< :need")):  # never planned first
        if postgres:
            stmt = select(Remiss).where(condition).limit(limit - len(remisser)).with_for_update(skip_locked=True)
            remisser += session.exec(stmt).all()
        else:  # SQLite scans 100,000 rows for IS NULL once ANALYZE has seen few distinct horizons: name the index
            ids = session.execute(text(f"SELECT id FROM remiss INDEXED BY ix_remiss_reminders_planned_until "
                                       f"WHERE reminders_planned_until {sql} LIMIT :n"),
                                  {"need": need.isoformat(), "n": limit - len(remisser)}).scalars().all()
            remisser += session.exec(select(Remiss).where(Remiss.id.in_(ids))).all() if ids else []
        if len(remisser) >= limit:
            break
    stop = wallclock.monotonic() + budget_seconds
    added = planned = 0
    for remiss in remisser:
        calendar = calendar or work_calendar(session)
        added += sync_remiss(session, now=now, remiss=remiss, calendar=calendar, lookahead_days=lookahead_days,
                             spread=True)[0]
        planned += 1
        if wallclock.monotonic() > stop:
            break
    return added, planned


def schedule_due(session: Session, *, now: datetime, lookahead_days: int = LOOKAHEAD_DAYS, limit: int = 500,
                 budget_seconds: float = 1.0) -> int:
    """Extend the plans whose horizon runs out and enqueue this week's digests; return rows added."""
    flag_missed_meetings(session, now=now)  # before the digest: a sammanträde passed without beslut is late
    added, _ = plan_due(session, now=now, lookahead_days=lookahead_days, limit=limit, budget_seconds=budget_seconds)
    calendar = work_calendar(session)
    restore_digests(session, now=now)  # rows the catch-up's old per-recipient grouping superseded (walk26 W1)
    return added + enqueue_digests(session, now=now, calendar=calendar)
