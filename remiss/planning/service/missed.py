"""Flag the sammanträden of the tidplan that passed without their step done (calendar.missed): the nämnd met and no
beslut is registered, or the arbetsutskott met before the yttrande was ready. Run by every reminder sweep, after
every re-plan and by the day's first web request (planning.views.missed), with the moment given, so the start page,
the remiss page, /forsenat, the digest and the API say it from the day after the meeting, not from the sista
svarsdag. A flag whose meeting is not passed by the clock in use (set by a run with a later clock) is taken back
by the same function, at every sweep and on every request (unflag_unpassed)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import exists, func, inspect, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from remiss.calendar.milestones import stronger_reason
from remiss.calendar.missed import MEETING_STEPS, MISSED, WHAT_TO_DO, advice, holds, is_missed, said_as
from remiss.clock import local_today
from remiss.planning.models import Milestone
from remiss.remisser.models import Direction, Remiss, is_open
from remiss.remisser.status import OPEN_VALUES

_REVIEW = aliased(Milestone)
# Flagged already, or no sammanträde at all: "Beslut (inget sammanträde)", the latest day for a beslut when none fits
# (calendar.planner), is no meeting the nämnd could have missed.
NOT_A_MEETING = (MISSED, "inget_sammantrade")


def _missed(today, remiss_id: int | None):
    """The open meeting steps of open incoming remisser that passed (before today) without their step and are not
    flagged so yet, with whether the remiss's granskning is still open (the arbetsutskott's step is missed only
    then: calendar.missed.is_missed, said here in SQL too, so that finding none means nothing to flag)."""
    review_open = exists().where(_REVIEW.remiss_id == Milestone.remiss_id, _REVIEW.kind == "granskning",
                                 _REVIEW.done_at.is_(None))
    stmt = (select(Milestone, review_open.label("review_open")).join(Remiss, Remiss.id == Milestone.remiss_id)
            .where(Milestone.kind.in_(MEETING_STEPS), Milestone.done_at.is_(None), Milestone.due_on < today,
                   or_(Milestone.kind == "namnd", review_open),
                   or_(Milestone.flag_reason.is_(None), Milestone.flag_reason.not_in(NOT_A_MEETING)),
                   # a meeting before the remiss arrived was never missed: it is fore_ankomst (calendar.passed)
                   or_(Remiss.received_on.is_(None), Milestone.due_on >= Remiss.received_on),
                   Remiss.direction == Direction.inkommande, is_open()))
    return stmt if remiss_id is None else stmt.where(Milestone.remiss_id == remiss_id)


def any_missed(session: Session, *, now: datetime) -> bool:
    """Whether flag_missed_meetings would flag anything at now: a read, for a reader session."""
    return session.execute(_missed(local_today(now), None).limit(1)).first() is not None


def _unpassed(today):
    """The steps flagged sammantrade_passerat whose meeting is not passed at today (calendar.missed.holds, in SQL)."""
    return select(Milestone).where(Milestone.flag_reason == MISSED, Milestone.due_on >= today)


def any_unpassed(session: Session, *, now: datetime) -> bool:
    """Whether a stored missed-meeting flag does not hold at now: a read, for a reader session."""
    return session.execute(_unpassed(local_today(now)).limit(1)).first() is not None


_UNFLAGGING = "remiss_unflagging_unpassed"  # session.info: the re-plans below call flag_missed_meetings again
# The key of the PostgreSQL advisory lock the passes over every remiss take turns by (take_turns).
TURNS_KEY = 0x52454D4953  # "REMIS"


def take_turns(session: Session) -> None:
    """Wait, on PostgreSQL, until no other transaction is flagging or unflagging over every remiss (two sweeps at
    once, a sweep and the day's first request): each updates many milestone rows, in its own order, and two at once
    deadlocked (CI, session 29: "remiss reminders run exited 1"). Held to the end of the transaction; SQLite's
    writers take turns already (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(TURNS_KEY)))


def unflag_unpassed(session: Session, *, now: datetime, remiss_id: int | None = None) -> list[int]:
    """Take back each missed-meeting flag whose meeting is not passed at now (a sweep with a later --now, a catch-up,
    a skewed clock wrote it): an open incoming remiss's tidplan is computed again at now, which sets the step's flag
    and advice as the planner says; any other row just loses the flag. Return the ids of the remisser changed."""
    if session.info.get(_UNFLAGGING):
        return []
    if remiss_id is None:
        take_turns(session)
    today = local_today(now)
    stmt = _unpassed(today) if remiss_id is None else _unpassed(today).where(Milestone.remiss_id == remiss_id)
    rows = [row for row in session.exec(stmt).all() if not holds(row.due_on, today)]
    ids = sorted({row.remiss_id for row in rows})
    if not ids:
        return []
    from remiss.planning.service import tidplan  # tidplan re-plans through this module

    session.info[_UNFLAGGING] = True
    try:
        for remiss in session.exec(select(Remiss).where(Remiss.id.in_(ids))).all():
            if remiss.direction == Direction.inkommande and remiss.status in OPEN_VALUES:
                tidplan.replan(session, now=now, remiss=remiss)
            remiss.updated_at = now  # the API's milestones changed
            session.add(remiss)
    finally:
        session.info.pop(_UNFLAGGING, None)
    for row in rows:  # not re-planned (a closed remiss), or kept as it was: the flag goes all the same
        if not inspect(row).deleted and row.flag_reason == MISSED and not holds(row.due_on, today):
            row.flagged, row.flag_reason, row.advice = False, None, ""
            session.add(row)
    session.flush()
    return ids


def flag_missed_meetings(session: Session, *, now: datetime, remiss_id: int | None = None) -> list[int]:
    """Flag (reason sammantrade_passerat, with dated advice) each open meeting step of an open incoming remiss whose
    day is before today and that is not flagged so already; return the ids of the remisser flagged. A finished
    remiss (besvarad, avstår, återkallad) has every step done and is never flagged. First a flag whose meeting is
    not passed at now is taken back (unflag_unpassed)."""
    if remiss_id is None:
        take_turns(session)
    unflag_unpassed(session, now=now, remiss_id=remiss_id)
    today = local_today(now)
    flagged: set[int] = set()
    for row, review in session.execute(_missed(today, remiss_id)).all():
        if not is_missed(row.kind, row.due_on, today, done=False, prepared=not review):
            continue
        row.flagged, row.flag_reason = True, stronger_reason(row.flag_reason, MISSED)
        row.advice = missed_advice(session, session.get(Remiss, row.remiss_id), row.kind, row.due_on, today)
        session.add(row)
        flagged.add(row.remiss_id)
    if flagged:
        for remiss in session.exec(select(Remiss).where(Remiss.id.in_(sorted(flagged)))):
            remiss.updated_at = now  # the API's milestones changed
            session.add(remiss)
        session.flush()
    return sorted(flagged)


def passed_meetings(rows, today, received) -> list[Milestone]:
    """The open meeting steps of a tidplan whose sammanträde has passed since the remiss arrived (missed, or to be
    ticked off with a beslut still to be registered): a re-plan keeps them (truth16 F27), since the planner knows
    only the meetings still to come and would erase them."""
    return [m for m in rows if m.kind in MEETING_STEPS and m.done_at is None and m.due_on < today
            and (received is None or m.due_on >= received) and m.flag_reason != "inget_sammantrade"]


def way_out(plan) -> bool:
    """Whether a new plan takes the remiss to a sammanträde still to come before the sista svarsdag (a förlängning,
    a meeting added): only then does it replace a passed meeting; else that meeting stays missed as it was."""
    return plan is not None and plan.feasible and plan.chosen_meeting is not None


def meeting_in_time(session: Session, remiss: Remiss, today: date) -> bool:
    """Whether a sammanträde of the remiss's nämnd is still to come (today or later) before its sista svarsdag in
    force: only then can a missed step be taken up "vid nästa sammanträde" (calendar.missed.ways_out). True when
    the remiss has no sista svarsdag (nothing to be late for)."""
    deadline = remiss.effective_deadline_on
    if deadline is None:
        return True
    from remiss.planning.service import tidplan  # tidplan re-plans through this module

    return any(m.kind == "namnd" and today <= m.day < deadline for m in tidplan.meetings_of(session, remiss.namnd_id))


def missed_advice(session: Session, remiss: Remiss, kind: str, due_on: date, today: date) -> str:
    """What to do about a missed meeting as it holds today (calendar.missed.advice with meeting_in_time): stored
    with the flag, and said again by the API and the reminder mails, which read it when they are made."""
    return advice(kind, due_on, meeting_in_time(session, remiss, today))


def with_ways_out(session: Session, rows: list, today: date) -> list:
    """Rows of a list (planning.present.DueRow: the start page, /forsenat) whose flag reason names the ways out of a
    missed meeting, with them as they hold today (meeting_in_time, once a remiss): such rows are few."""
    known: dict[int, bool] = {}
    shown = []
    for row in rows:
        if WHAT_TO_DO in row.flag_reason:
            if row.remiss_id not in known:
                known[row.remiss_id] = meeting_in_time(session, session.get(Remiss, row.remiss_id), today)
            row = replace(row, flag_reason=said_as(row.flag_reason, known[row.remiss_id]))
        shown.append(row)
    return shown
