"""The weekly digest: enqueue each Monday's overview to the registratorer of the nämnder that want one, and
say what it lists (digest_items); put back the digests an old catch-up superseded by mistake."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from remiss.auth.models import User
from remiss.calendar import WorkCalendar
from remiss.calendar.milestones import OWNERS
from remiss.calendar.missed import AFTER_BESLUT, MEETING_STEPS, MISSED, said_as
from remiss.calendar.missed import because as missed_because
from remiss.clock import local
from remiss.namnd.models import Namnd
from remiss.planning.agenda import BEFORE_DUE, WAITING, with_waiting
from remiss.planning.flags import reason_text
from remiss.planning.lateness import WAITED_FOR
from remiss.planning.models import Milestone
from remiss.planning.service.missed import meeting_in_time
from remiss.reminders import outbox, policy, recipients
from remiss.reminders.models import OutboxMessage, OutboxStatus, ReminderMarker
from remiss.remisser.kind_words import reword
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import CLOSED


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
            key = policy.digest_key(namnd.id, person.email, moment)
            added += outbox.enqueue(session, now=now, key=key, recipient_email=person.email, kind=policy.DIGEST,
                                    due_at=moment, subject="", recipient_user_id=person.user_id,
                                    payload={"namnd_id": namnd.id, "namnd": namnd.name, "start": start.isoformat(),
                                             "end": end.isoformat(), "items": items})
    return added



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
                                                        OutboxMessage.last_error == policy.SUPERSEDED_WORDS)).all()
    if not suspects:
        return 0  # the usual sweep: one small indexed read
    emails = sorted({row.recipient_email for row in suspects})
    moments: dict[tuple, list[datetime]] = {}
    for row in session.exec(select(OutboxMessage).where(*recent, OutboxMessage.recipient_email.in_(emails))):
        moments.setdefault(policy.group_of(row), []).append(row.due_at)
    lost = [row for row in suspects if max(moments[policy.group_of(row)]) == row.due_at
            and moments[policy.group_of(row)].count(row.due_at) == 1]
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
