"""Turn tidplaner and the nämnd policy into outbox rows: enqueue what is coming, cancel what moved."""
from __future__ import annotations

import json
import time as wallclock
from datetime import date, datetime, timedelta

from sqlalchemy import text, update
from sqlmodel import Session, select

from remiss.auth.models import User
from remiss.calendar import WorkCalendar
from remiss.calendar.milestones import OWNERS
from remiss.calendar.missed import AFTER_BESLUT, MEETING_STEPS, MISSED, said_as
from remiss.calendar.missed import because as missed_because
from remiss.calendar.planner import WAITS_FOR
from remiss.clock import local, local_today
from remiss.namnd.models import Namnd
from remiss.planning.agenda import BEFORE_DUE, WAITING, with_waiting
from remiss.planning.flags import reason_text
from remiss.planning.lateness import WAITED_FOR
from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.planning.models import Milestone, TidplanState
from remiss.planning.service.missed import flag_missed_meetings, meeting_in_time
from remiss.planning.service.tidplan import work_calendar
from remiss.reminders import outbox, policy, recipients
from remiss.reminders.models import OutboxMessage, OutboxStatus, ReminderMarker
from remiss.remisser.kind_words import REMISS, Noun, noun_of, reword
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import CLOSED

LOOKAHEAD_DAYS = 14  # rows are enqueued at least this far ahead, so users see what is coming
SPREAD_DAYS = 7  # the sweep extends a plan when under LOOKAHEAD - SPREAD days remain, by 0–6 extra days per remiss
NEVER = date(9999, 12, 31)  # horizon of a closed or outgoing remiss: nothing to plan until an event says so
MOVED = "Tidplanen har ändrats; påminnelsen gäller inte längre."


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


# Other kinds whose older due rows a catch-up sweep supersedes, per (remiss, recipient): kind → group name.
CATCH_UP_KINDS = {"outgoing_chaser": "chaser", policy.REVIEW: "review", policy.RETURNED: "returned",
                  policy.ASSIGNED: "assigned", policy.EXTENSION: "extension"}  # notices: the newest tells the state


def group_of(row: OutboxMessage) -> tuple:
    """The catch-up group of a row: reminders per (remiss, recipient, milestone); digests per (nämnd, recipient),
    as a registrator of two nämnder gets two lists, neither a copy of the other (walk26 W1)."""
    if row.kind in policy.REMINDER_KINDS:
        return ("reminder", row.remiss_id, row.recipient_email.lower(), row.key.split(":")[2])
    if row.kind == policy.DIGEST:
        return ("digest", digest_namnd(row.key), row.recipient_email.lower())
    if row.kind in CATCH_UP_KINDS:
        return (CATCH_UP_KINDS[row.kind], row.remiss_id, row.recipient_email.lower())
    return ("single", row.id)


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


def _advance_marker(session: Session, name: str, moment: datetime) -> bool:
    """Move the marker to moment unless it is there already; concurrent sweepers wait on the row lock."""
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    epoch = datetime(1970, 1, 1, tzinfo=moment.tzinfo)
    session.execute(insert(ReminderMarker.__table__).values(name=name, moment=epoch)
                    .on_conflict_do_nothing(index_elements=["name"]))
    marker = session.exec(select(ReminderMarker).where(ReminderMarker.name == name)
                          .with_for_update().execution_options(populate_existing=True)).one()
    if marker.moment >= moment:
        return False
    marker.moment = moment
    session.add(marker)
    session.flush()
    return True


def enqueue_digests(session: Session, *, now: datetime, calendar: WorkCalendar) -> int:
    """Enqueue this week's digest to each registrator of nämnder that want one (latest moment only)."""
    moment = policy.digest_moment(now, calendar)
    if not _advance_marker(session, policy.DIGEST, moment):
        return 0  # this week's digests are already in the outbox
    if digest_too_late(moment, now):
        return 0  # missed by days: next Monday's overview supersedes it (truth16 F17)
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
            key = digest_key(namnd.id, person.email, moment)
            added += outbox.enqueue(session, now=now, key=key, recipient_email=person.email, kind=policy.DIGEST,
                                    due_at=moment, subject="", recipient_user_id=person.user_id,
                                    payload={"namnd_id": namnd.id, "namnd": namnd.name, "start": start.isoformat(),
                                             "end": end.isoformat(), "items": items})
    return added


def digest_key(namnd_id: int, email: str, moment: datetime) -> str:
    """The unique outbox key of a weekly digest: (nämnd, recipient, Monday moment)."""
    return f"digest:{namnd_id}:{email.lower()}:{moment:%Y-%m-%dT%H:%MZ}"


def digest_namnd(key: str) -> str:
    """The nämnd id of a digest key (digest_key), as text."""
    return key.split(":")[1]


SUPERSEDED_WORDS = "Ersatt av en senare påminnelse om samma sak."


def restore_digests(session: Session, *, now: datetime) -> int:
    """Put back to pending the digests of the last days that a catch-up superseded although no later digest of the
    same nämnd went to that person: before walk26 W1 the catch-up grouped digests per recipient only, so a
    registrator of two nämnder lost one nämnd's list. A row superseded is never sent, so sending it now is its
    first and only time; a row older than DIGEST_LATE_DAYS is left, as the claim would drop it anyway."""
    since = now - timedelta(days=DIGEST_LATE_DAYS + 1)
    recent = (OutboxMessage.kind == policy.DIGEST, OutboxMessage.due_at >= since)
    # next_attempt_at >= due_at >= since: the claim index (status, next_attempt_at) reads only the last days' rows
    suspects = session.exec(select(OutboxMessage).where(*recent, OutboxMessage.status == OutboxStatus.superseded.value,
                                                        OutboxMessage.next_attempt_at >= since,
                                                        OutboxMessage.last_error == SUPERSEDED_WORDS)).all()
    if not suspects:
        return 0  # the usual sweep: one small indexed read
    emails = sorted({row.recipient_email for row in suspects})
    moments: dict[tuple, list[datetime]] = {}
    for row in session.exec(select(OutboxMessage).where(*recent, OutboxMessage.recipient_email.in_(emails))):
        moments.setdefault(group_of(row), []).append(row.due_at)
    lost = [row for row in suspects if max(moments[group_of(row)]) == row.due_at
            and moments[group_of(row)].count(row.due_at) == 1]
    if not lost:
        return 0
    # only while still superseded: a concurrent sweep that restored and sent it first is not overwritten
    return session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([row.id for row in lost]),
                                                       OutboxMessage.status == OutboxStatus.superseded.value)
                           .values(status=OutboxStatus.pending.value, last_error="", next_attempt_at=now)
                           .execution_options(synchronize_session=False)).rowcount


DIGEST_LATE_DAYS = 2  # a weekly overview caught up later than this (the scheduler or the relay was down) is dropped
DIGEST_LATE = "Veckans översikt skulle ha gått ut för flera dagar sedan; nästa måndags översikt ersätter den."


def digest_too_late(moment: datetime, now: datetime) -> bool:
    """Whether a weekly digest due at moment is not worth sending at now: more than two days after its day."""
    return (local(now).date() - local(moment).date()).days > DIGEST_LATE_DAYS


def digest_items(session: Session, *, namnd_id: int, start, end) -> list[dict]:
    """Open milestones of the nämnd's open remisser due from start to end, in date order."""
    closed = [s.value for s in CLOSED]
    stmt = (with_waiting(select(Milestone, Remiss, WAITING, BEFORE_DUE).join(Remiss, Remiss.id == Milestone.remiss_id))
            .where(Remiss.namnd_id == namnd_id, Remiss.status.not_in(closed), Milestone.done_at == None,  # noqa: E711
                   Remiss.direction != Direction.utgaende.value,
                   Milestone.due_on <= end).order_by(Milestone.due_on, Remiss.id, Milestone.position))
    found = session.exec(stmt).all()
    # after the beslut, the open justering is the registrator's to register, and the expediering waits for it
    # (planning.sekreterare: "Registrera justeringen" comes before "Expediera yttrandet")
    to_justera = {r.id for m, r, *_ in found if m.kind == "justering" and r.status == "beslutad"}
    # a sammanträde passed without its step (calendar.missed, flagged by the sweep): it is late, and the justering
    # and expediering after a missed nämnd are late because of it, whatever their date
    missed_on = {r.id: m.due_on for m, r, *_ in found if m.kind == "namnd" and m.flag_reason == MISSED}
    # its ways out as they hold at start: "ta upp ärendet vid nästa sammanträde" only when one comes in time
    in_time = {r.id: meeting_in_time(session, r, start) for m, r, *_ in found if m.flag_reason == MISSED}
    # the handläggare's step of a remiss nobody can work on is the registrator's to hand out (together.py says the
    # same in the daily mail)
    nobody = _unassigned(session, {r.id: r.handlaggare_id for _, r, *_ in found})
    return [{"remiss_id": r.id, "title": r.title, "our_dnr": r.our_dnr or "",
             "milestone": "Registrera justeringen" if m.kind == "justering" and r.id in to_justera else m.label,
             "due_on": m.due_on.isoformat(),
             "late": m.due_on < start or (m.kind in AFTER_BESLUT and r.id in missed_on),
             # a step waiting for a late one is late because of it (lateness.lateness, as on the start page);
             # a medborgarförslag's in its words ("begär förlängd svarstid", walk18 F7)
             "why": reword(JUSTERING_OPEN if m.kind == "expediering" and r.id in to_justera
                           else f"– {said_as(reason_text(m.flag_reason, m.kind), in_time.get(r.id, True))}"
                           if m.flag_reason in TOLD_LATE and m.kind in MEETING_STEPS
                           else missed_because(missed_on[r.id]) if m.kind in AFTER_BESLUT and r.id in missed_on
                           else late_because(m.kind, waiting, before_due, start), r.kind),
             "kind": r.kind,
             "nobody": NO_HANDLAGGARE if r.id in nobody and OWNERS.get(m.kind) == "handlaggare" else ""}
            for m, r, waiting, before_due in found
            if m.due_on >= start or m.owner_role not in policy.SKIPPED_OWNERS
            or (m.kind == "justering" and r.id in to_justera) or m.flag_reason in TOLD_LATE
            or (m.kind in AFTER_BESLUT and r.id in missed_on)]


JUSTERING_OPEN = "eftersom justeringen inte är registrerad"
# The meeting steps (owner nämnden) the digest lists when late, as Att göra and /forsenat do: a sammanträde passed
# without beslut, and "Beslut (inget sammanträde)", which needs a förlängning or a delegationsbeslut (F31)
TOLD_LATE = (MISSED, "inget_sammantrade")
NO_HANDLAGGARE = "ingen handläggare tilldelad – tilldela en"


def _unassigned(session: Session, handlaggare_of: dict[int, int | None]) -> set[int]:
    """The remisser (of remiss id → handlaggare_id) without a handläggare who can work: none, or one no longer
    active (recipients.handlaggare then writes to the registratorer)."""
    users = {h for h in handlaggare_of.values() if h is not None}
    active = set(session.exec(select(User.id).where(User.id.in_(sorted(users)), User.is_active.is_(True)))) \
        if users else set()
    return {remiss_id for remiss_id, h in handlaggare_of.items() if h not in active}


def late_because(kind: str, waiting, before_due, start) -> str:
    """"eftersom tjänsteskrivelsen är försenad" for a late step waiting for a late one; "" otherwise."""
    if not waiting or kind not in WAITED_FOR or before_due is None or before_due >= start:
        return ""
    return f"eftersom {WAITED_FOR[kind]} är försenad"


def schedule_due(session: Session, *, now: datetime, lookahead_days: int = LOOKAHEAD_DAYS, limit: int = 500,
                 budget_seconds: float = 1.0) -> int:
    """Extend the plans whose horizon runs out and enqueue this week's digests; return rows added."""
    flag_missed_meetings(session, now=now)  # before the digest: a sammanträde passed without beslut is late
    added, _ = plan_due(session, now=now, lookahead_days=lookahead_days, limit=limit, budget_seconds=budget_seconds)
    calendar = work_calendar(session)
    restore_digests(session, now=now)  # rows the catch-up's old per-recipient grouping superseded (walk26 W1)
    return added + enqueue_digests(session, now=now, calendar=calendar)
