"""Chasers: polite reminders to instanser that have not answered, planned ahead in the outbox.

One outbox row per (remiss, instans, chase moment); the key makes a moment unique, so a
moment is never mailed twice. Moments fall on working days at 08.00 Stockholm time.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, time

from sqlalchemy import or_, update
from sqlmodel import Session, select

from remiss.calendar import WorkCalendar
from remiss.clock import STOCKHOLM
from remiss.namnd.models import ClosedDay, Namnd
from remiss.outgoing import held
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.outbox import enqueue
from remiss.remisser.models import AnswerStatus, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import CLOSED as CLOSED_STATUSES, RemissStatus

KIND = "outgoing_chaser"
NOTICE_KIND = "outgoing_deadline"  # to our own officer: the svarstid ran out, who has not answered
CHASE_AT = time(8, 0)
# No chasers (nor the officer's notice) once the answers are compiled, or the case is closed or withdrawn:
# "Sammanställ svaren" says the planned reminders stop (walk12b #2).
CLOSED = tuple(sorted({s.value for s in CLOSED_STATUSES} | {RemissStatus.sammanstalld.value}))
OPEN = (AnswerStatus.ej_svarat.value, AnswerStatus.begart_anstand.value, AnswerStatus.anstand_beviljat.value)


def work_calendar(session: Session) -> WorkCalendar:
    """The Swedish working-day calendar with the municipality's klämdagar."""
    return WorkCalendar({d.day: d.reason or "klämdag" for d in session.exec(select(ClosedDay))})


def parse_days(text: str) -> list[int]:
    """'5, 2' → [5, 2]; anything that is not a small whole number is ignored."""
    return sorted({int(p) for p in re.findall(r"\d+", text or "") if 0 < int(p) <= 60}, reverse=True)


def chase_moments(calendar: WorkCalendar, deadline: date, before: list[int], after: list[int]) -> list[tuple[datetime, bool]]:
    """Return (moment, is_after_deadline) for each chase, on working days, in time order."""
    days = [(calendar.add_workdays(deadline, -n), False) for n in before]
    days += [(calendar.add_workdays(deadline, n), True) for n in after]
    return sorted({(datetime.combine(day, CHASE_AT, tzinfo=STOCKHOLM), late) for day, late in days})


def _ends(day: date, at: time | None) -> tuple[date, time]:
    return day, at or time(23, 59, 59)  # a date without a time runs to the end of that day


def deadline_of(remiss: Remiss, entry: SandlistaEntry) -> tuple[date | None, time | None]:
    """The deadline that applies to one instans: the later of its own anstånd and the remiss's deadline in force
    (a general extension past an anstånd moves that instans too; one short of it leaves the anstånd standing,
    walk12b #3). The anstånd counts after the instans answered, too, so its answer is judged by it."""
    general = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if entry.extended_until_on and (general[0] is None or _ends(entry.extended_until_on, entry.extended_until_time)
                                    > _ends(*general)):
        return entry.extended_until_on, entry.extended_until_time
    return general


EXPIRED = "Svarstiden har gått ut: påminnelsen före svarsdagen skickas inte (påminnelsen om att svar saknas gäller)."


def deadline_passed(day: date, at: time | None, now: datetime) -> bool:
    """Whether a deadline (a date, and a time or the end of that day, Stockholm time) lies before now."""
    return datetime.combine(*_ends(day, at), tzinfo=STOCKHOLM) < now


def expired_before(row, today: date) -> str:
    """Send-time check (remiss.reminders.claim.SKIP_CHECKS): a "before" chaser going out after the day it names
    (a sweep after a scheduler gap, before the chasers were re-planned) is dropped, like the internal reminders;
    the "after" chaser, "svar saknas", is the one that fits then (F32)."""
    try:
        payload = json.loads(row.payload or "{}")
    except ValueError:
        return ""
    deadline = payload.get("deadline_on") if not payload.get("after", True) else None
    return EXPIRED if deadline and date.fromisoformat(deadline) < today else ""


def _key(remiss_id: int, entry_id: int, moment: datetime) -> str:
    return f"outgoing:chaser:{remiss_id}:{entry_id}:{moment.astimezone(STOCKHOLM).strftime('%Y-%m-%dT%H:%M')}"


def schedule(session: Session, *, now: datetime, remiss: Remiss, calendar: WorkCalendar | None = None) -> int:
    """Bring the planned chasers of a sent outgoing remiss in line with its deadlines; return rows added.

    A moment that has passed is still part of the plan: its row, if one is pending (the sweep has not run
    yet, or the mail server is down), is kept for the sweep, which sends it, or only the newest of several
    (catch-up). Only moments still ahead get new rows, and only those are revived after a cancellation.
    """
    from remiss.outgoing import mails

    if remiss.direction != Direction.utgaende or remiss.sent_at is None:
        return 0
    kept = kept_after_compiling(session, remiss)
    if remiss.status in CLOSED and not kept:
        cancel_all(session, remiss_id=remiss.id, reason=STOPPED[remiss.status == RemissStatus.sammanstalld])
        return 0
    namnd = session.get(Namnd, remiss.namnd_id)
    calendar = calendar or work_calendar(session)
    before, after = parse_days(namnd.chase_workdays_before), parse_days(namnd.chase_workdays_after)
    wanted: dict[str, tuple] = {}
    passed: list[str] = []  # planned moments already due: kept if pending, never added or revived
    expired: list[str] = []  # due "before" moments whose deadline has passed too: their text would be untrue
    planned: dict[str, tuple] = {}  # every moment of the plan, due or not: its row says what the plan says now
    entries = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id,
                                                        SandlistaEntry.sent_at.is_not(None),
                                                        SandlistaEntry.answer_status.in_(OPEN))).all()
    failed = held.failed_entry_ids(session, remiss.id)  # never got the remiss: nothing to remind of (h-out23 M4)
    if remiss.status in CLOSED:  # compiled: only those kept for their anstånd, and no notice to our officer
        entries = [e for e in entries if e.id in kept]
        _stop_others(session, remiss.id, kept)
    for entry in (e for e in entries if e.id not in failed):
        day, at = deadline_of(remiss, entry)
        if day is None or not entry.email:
            continue
        for moment, late in chase_moments(calendar, day, before, after):
            key = _key(remiss.id, entry.id, moment)
            planned[key] = (entry, moment, late, day, at)
            if moment > now:
                wanted[key] = planned[key]
            elif not late and deadline_passed(day, at, now):
                expired.append(key)
                del planned[key]
            else:
                passed.append(key)
    notice = _officer_notice(session, remiss, calendar) if remiss.status not in CLOSED else None
    if notice and notice[1][1] > now:
        wanted[notice[0]] = notice[1]
    elif notice:
        passed.append(notice[0])
    notice = notice if notice and notice[0] in wanted else None
    prefix = f"outgoing:chaser:{remiss.id}:"
    if failed:
        session.execute(update(OutboxMessage).where(
            OutboxMessage.kind == KIND, or_(*(OutboxMessage.key.like(f"{prefix}{entry_id}:%") for entry_id in failed)),
            OutboxMessage.status == OutboxStatus.pending.value)
            .values(status=OutboxStatus.cancelled.value, last_error=MISSIV_FAILED))
    stale = update(OutboxMessage).where(OutboxMessage.kind.in_([KIND, NOTICE_KIND]),
                                        OutboxMessage.key.like(prefix + "%"),
                                        OutboxMessage.status == OutboxStatus.pending.value)
    if wanted or passed or expired:
        stale = stale.where(OutboxMessage.key.not_in([*wanted, *passed, *expired]))
    session.execute(stale.values(status=OutboxStatus.cancelled.value, last_error="Inte längre aktuell"))
    if expired:
        session.execute(update(OutboxMessage).where(OutboxMessage.key.in_(expired),
                                                    OutboxMessage.status == OutboxStatus.pending.value)
                        .values(status=OutboxStatus.cancelled.value, last_error=EXPIRED))
    if wanted:
        # A moment cancelled earlier (deadline moved away and back) is wanted again: revive it.
        session.execute(update(OutboxMessage).where(OutboxMessage.key.in_(list(wanted)),
                                                    OutboxMessage.status == OutboxStatus.cancelled.value)
                        .values(status=OutboxStatus.pending.value, last_error="",
                                next_attempt_at=OutboxMessage.due_at))
    _refresh(session, remiss=remiss, namnd=namnd, planned=planned)
    added = 0
    if notice:
        key, (officer, moment) = notice
        wanted.pop(key)
        subject = f"Svarstiden har gått ut: {remiss.title} ({remiss.our_dnr})"
        added += enqueue(session, now=now, key=key, recipient_email=officer.email, kind=NOTICE_KIND,
                         due_at=moment, subject=subject, payload={"subject": subject}, remiss_id=remiss.id,
                         recipient_user_id=officer.id)
    for key, (entry, moment, late, day, at) in wanted.items():
        payload = mails.chaser_mail(remiss=remiss, namnd=namnd, entry=entry, deadline_on=day, deadline_time=at,
                                    after=late)
        added += enqueue(session, now=now, key=key, recipient_email=entry.email, kind=KIND, due_at=moment,
                         subject=payload["subject"], payload=payload, remiss_id=remiss.id)
    session.flush()
    return added


def kept_after_compiling(session: Session, remiss: Remiss) -> set[int]:
    """The entry ids still reminded once the answers are compiled (walk26 W5): an instans whose own anstånd ran past
    the svarstid when they were compiled, unless the user stopped its reminders then (compiled.chasers_choice), until
    its answer has come in – also when the svarstid is extended for all past that anstånd: they are then reminded
    before the new svarsdag, as Sammanställ svaren promised (walk29 A1: the förlängning stopped them without a
    word). Empty in any other status."""
    if remiss.status != RemissStatus.sammanstalld:
        return set()
    from remiss.outgoing.service import compiled

    kept = set(compiled.chasers_choice(session, remiss.id)[0])
    if not kept:
        return set()
    entries = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id,
                                                        SandlistaEntry.name.in_(sorted(kept)))).all()
    return {e.id for e in entries}  # schedule keeps only those that have not answered


def _stop_others(session: Session, remiss_id: int, kept: set[int]) -> None:
    """Stop, as compiling does, the pending chasers of the instanser not kept and the notice to our officer."""
    prefix = f"outgoing:chaser:{remiss_id}:"
    session.execute(update(OutboxMessage).where(
        OutboxMessage.remiss_id == remiss_id, OutboxMessage.kind.in_([KIND, NOTICE_KIND]),
        OutboxMessage.status == OutboxStatus.pending.value,
        *(OutboxMessage.key.not_like(f"{prefix}{entry_id}:%") for entry_id in kept))
        .values(status=OutboxStatus.cancelled.value, last_error=STOPPED[True]))


def _refresh(session: Session, *, remiss: Remiss, namnd: Namnd, planned: dict[str, tuple]) -> int:
    """Rewrite the pending rows of the plan whose text no longer says what the plan says (walk12b): a moment
    can stay in the plan while its deadline moves (22 December, 2 working days after 18 December, is also 5
    before 4 January), and the row kept from before would tell the instans it is late, quoting the old
    deadline. The key (one mail per moment) and the Message-ID stay."""
    from remiss.outgoing import mails

    if not planned:
        return 0
    changed = 0
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.key.in_(list(planned)),
                                                    OutboxMessage.status == OutboxStatus.pending.value)).all()
    for row in rows:
        entry, _, late, day, at = planned[row.key]
        payload = mails.chaser_mail(remiss=remiss, namnd=namnd, entry=entry, deadline_on=day, deadline_time=at,
                                    after=late)
        text = json.dumps(payload, ensure_ascii=False, default=str)
        if row.payload == text and row.recipient_email == entry.email:
            continue
        row.payload, row.subject, row.recipient_email = text, payload["subject"][:500], entry.email
        session.add(row)
        changed += 1
    return changed


def _officer_notice(session: Session, remiss: Remiss, calendar: WorkCalendar):
    """(key, (user, moment)) of the notice to the remiss's handläggare (else whoever registered it): 08.00 on the
    first working day after the remisstid in force ran out; None when there is no one to tell."""
    from remiss.auth.models import User

    officer = session.get(User, remiss.handlaggare_id or remiss.created_by_id or -1)
    if officer is None or not officer.email or not officer.is_active or remiss.effective_deadline_on is None:
        return None
    moment = datetime.combine(calendar.add_workdays(remiss.effective_deadline_on, 1), CHASE_AT, tzinfo=STOCKHOLM)
    # under the chasers' prefix (entry 0: the remiss itself), so re-planning cancels and revives it with them
    return _key(remiss.id, 0, moment), (officer, moment)


MISSIV_FAILED = "Missivet kunde inte e-postas, så remissinstansen har inte fått remissen"


def replan_remisser(session: Session, *, now: datetime, ids: list[int] = (), remiss_ids: list[int] = ()) -> int:
    """Re-plan the chasers of the remisser of these missiv rows (ids) or these remisser: the sweep gave up on a
    missiv (reminders.claim.AFTER_FAILED), or an administrator put it back in the queue (reminders.resend.AFTER_RESEND;
    h-out23 M4). Return the chasers added."""
    wanted = set(remiss_ids)
    if ids:
        wanted |= set(session.exec(select(OutboxMessage.remiss_id).where(OutboxMessage.id.in_(list(ids)))).all())
    remisser = [session.get(Remiss, rid) for rid in sorted(r for r in wanted if r is not None)]
    return sum(schedule(session, now=now, remiss=r) for r in remisser if r is not None)


STOPPED = {True: "Svaren är sammanställda", False: "Remissen är avslutad"}


def cancel_all(session: Session, *, remiss_id: int, reason: str) -> int:
    """Cancel every pending chaser of a remiss and the notice to its officer (compiled, closed, withdrawn)."""
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.remiss_id == remiss_id, OutboxMessage.kind.in_([KIND, NOTICE_KIND]),
                   OutboxMessage.status == OutboxStatus.pending.value)
            .values(status=OutboxStatus.cancelled.value, last_error=reason[:500]))
    return session.execute(stmt).rowcount


def cancel_for_entry(session: Session, *, remiss_id: int, entry_id: int, reason: str) -> int:
    """Cancel the pending chasers of one instans (it answered or declined)."""
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.kind == KIND, OutboxMessage.key.like(f"outgoing:chaser:{remiss_id}:{entry_id}:%"),
                   OutboxMessage.status == OutboxStatus.pending.value)
            .values(status=OutboxStatus.cancelled.value, last_error=reason[:500]))
    return session.execute(stmt).rowcount


def schedule_all(session: Session, *, now: datetime) -> int:
    """Plan chasers for every sent outgoing remiss with instanser still to answer (safe to rerun)."""
    calendar = work_calendar(session)
    ids = session.exec(select(SandlistaEntry.remiss_id).join(Remiss, Remiss.id == SandlistaEntry.remiss_id)
                       .where(Remiss.direction == Direction.utgaende.value, Remiss.sent_at.is_not(None),
                              Remiss.status.not_in(CLOSED), SandlistaEntry.answer_status.in_(OPEN))
                       .distinct()).all()
    return sum(schedule(session, now=now, remiss=session.get(Remiss, rid), calendar=calendar) for rid in ids)
