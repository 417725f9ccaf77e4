"""What is due when: deadlines and milestones for the start page, the month calendar and ICS feeds."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from remiss.calendar.hand_set import said_by_hand
from remiss.calendar.after_beslut import AU_BESLUT_LABEL
from remiss.calendar.milestones import DONE_WORDS, WAITS_FOR, told, workflow_order
from remiss.calendar.missed import AFTER_BESLUT, MISSED
from remiss.calendar.swedish import format_weekday_date
from remiss.calendar.timeliness import has_passed
from remiss.clock import STOCKHOLM, local
from remiss.planning.models import Milestone
from remiss.planning.passed_advice import without_passed_alternatives
from remiss.remisser.models import Direction, Remiss, is_open
from remiss.planning.service.recorded import skipped_by_hand
from remiss.remisser.status import CALLED_OFF_VALUES, CLOSED, RemissStatus, called_off

DEADLINE = "sista_svarsdag"
# An utgående remiss's sista svarsdag is the instansers' deadline, not a step of ours (truth16 F12): it is in the
# open lists while they have time to answer, and over once the svarstid has run out or the answers are compiled,
# as the weekly digest has it; it is never late work of ours.
OUTGOING_WAITING = ("utkast", "skickad")
_OUTGOING_OVER = and_(Remiss.direction == Direction.utgaende, Remiss.status.not_in(OUTGOING_WAITING))


@dataclass(frozen=True)
class AgendaItem:
    """One dated thing to do on one remiss."""

    remiss_id: int
    dnr: str
    title: str
    namnd_id: int
    handlaggare_id: int | None
    kind: str  # a milestone kind; "sista_svarsdag" comes from the remiss itself
    label: str
    day: date
    at: time | None
    explanation: str
    flagged: bool
    done: bool  # the work is done, or the remiss closed so that nothing is left to do
    overridden: bool = False
    cancelled: bool = False  # done only because the remiss was withdrawn or declined: the work never happened
    waiting: bool = False  # the step before it is still open (planner.WAITS_FOR): not late, whatever its date
    planned: date | None = None  # work done on another day than planned: day is the day it was done
    received: date | None = None  # the day the remiss arrived: a step planned before it is late from then
    before_due: date | None = None  # the date of the open step it waits for (waiting)
    flag_reason: str | None = None  # why it is flagged (Milestone.flag_reason): planning.flags says it in Swedish
    missed_on: date | None = None  # a justering or expediering after a nämnd passed without beslut: its day
    ours: bool = True  # False: an utgående remiss's sista svarsdag, the instansers' and never our late step
    # a besvarad remiss's sista svarsdag while its expedierat yttrande's mail waits in the Utkorg: shown "Väntar på
    # e-post", not "Klar" (walk25b Z10; drafting.mail_state.unsent)
    mail_waits: bool = False
    # an utgående remiss's Sista svarsdag past its svarstid while an instans's anstånd runs: whom it waits for, not
    # "Klar" ("väntar på svar från Kommunal (anstånd till …)"; anstand_days.still_awaited, session 31 #7)
    awaited: str = ""
    entry_id: int | None = None  # the sändlista entry of an instans's anstånd (planning.anstand_days)
    # a finished remiss's Sista svarsdag: its status as the rest of the app says it ("Besvarad", "Avslutad"; LABELS),
    # shown instead of "Klar" (walk34 #3); "" for a step, whose done work is "Klar"
    done_word: str = ""

    @property
    def done_tag(self) -> str:
        """What a done item is marked in the Kalender: "Utgår", the remiss's status on its Sista svarsdag, or "Klar"."""
        return "Utgår" if self.cancelled else self.done_word or "Klar"

    @property
    def sort_key(self):
        # a day's steps in workflow order (Nämndsammanträde before Justering before Expediering, the deadline
        # last), then by clock time (only deadlines have one) and remiss
        return (self.day, workflow_order(self.kind), self.at or time(23, 59), self.remiss_id)


# What an agenda item shows of its remiss (a start page reads a few hundred: plain rows, not whole remisser)
_REMISS_COLUMNS = (Remiss.id.label("remiss_id"), Remiss.our_dnr, Remiss.title, Remiss.namnd_id,
                   Remiss.handlaggare_id, Remiss.status, Remiss.deadline_on, Remiss.deadline_time,
                   Remiss.effective_deadline_on,
                   Remiss.effective_deadline_time, Remiss.direction, Remiss.received_on)
# ... and of a milestone.
_MILESTONE_COLUMNS = (Milestone.kind, Milestone.label, Milestone.due_on, Milestone.explanation, Milestone.advice,
                      Milestone.flagged, Milestone.done_at, Milestone.override_on, Milestone.closed_with_remiss,
                      Milestone.flag_reason, Milestone.planned_on, Milestone.override_reason)
_CLOSED_VALUES = frozenset(s.value for s in CLOSED)



_BEFORE = aliased(Milestone)
# Whether a milestone waits for an open step before it (planner.WAITS_FOR): add WAITING to the columns and
# with_waiting() to a statement that selects Milestone.
WAITING = _BEFORE.id.is_not(None).label("waiting")
BEFORE_DUE = _BEFORE.due_on.label("before_due")  # the date of the step it waits for


_MEETING = aliased(Milestone)
# The day of the nämndsammanträde that passed without a beslut (calendar.missed), for the justering and expediering
# after it: add MISSED_ON to the columns and with_missed() to a statement that selects Milestone.
MISSED_ON = _MEETING.due_on.label("missed_on")


def with_missed(stmt):
    """The statement joined to the remiss's open nämndsammanträde flagged sammantrade_passerat, for the steps after
    it (one row at most: a remiss has one milestone of a kind)."""
    return stmt.outerjoin(_MEETING, and_(_MEETING.remiss_id == Milestone.remiss_id, Milestone.kind.in_(AFTER_BESLUT),
                                         _MEETING.kind == "namnd", _MEETING.flag_reason == MISSED,
                                         _MEETING.done_at.is_(None)))


def with_waiting(stmt):
    """The statement joined to the open step each of its milestones waits for (none for most kinds)."""
    waits = or_(*[and_(Milestone.kind == kind, _BEFORE.kind == before) for kind, before in WAITS_FOR.items()])
    return stmt.outerjoin(_BEFORE, and_(_BEFORE.remiss_id == Milestone.remiss_id, waits, _BEFORE.done_at.is_(None)))


# Work that is shown on the day it was done (calendar.milestones.DONE_WORDS); the other kinds are dated by their
# event (a meeting, a justering, the deadline), and a step ticked off only because the remiss closed never happened.
_DONE_ON_ITS_DAY = and_(Milestone.done_at.is_not(None), Milestone.kind.in_(list(DONE_WORDS)),
                        Milestone.closed_with_remiss.is_(False))


def _in_range(start: date | None, end: date | None):
    """The milestones in [start, end]: by the day work was done (_DONE_ON_ITS_DAY), else by their date."""
    by_date = [Milestone.due_on >= start] if start is not None else []
    by_date += [Milestone.due_on <= end] if end is not None else []
    done = [Milestone.done_at >= datetime.combine(start, time(), tzinfo=STOCKHOLM)] if start is not None else []
    done += [Milestone.done_at < datetime.combine(end + timedelta(days=1), time(), tzinfo=STOCKHOLM)] \
        if end is not None else []
    return or_(and_(~_DONE_ON_ITS_DAY, *by_date), and_(_DONE_ON_ITS_DAY, *done))


def shown_on(m) -> tuple[date, date | None]:
    """(the day a milestone row is shown on, its planned day when that is another)."""
    if m.done_at is None or m.kind not in DONE_WORDS or m.closed_with_remiss:
        return m.due_on, None
    done_on = local(m.done_at).date()
    return done_on, (m.due_on if m.due_on != done_on else None)


def items(session: Session, *, namnd_ids: Iterable[int] | None = None, handlaggare_id: int | None = None,
          start: date | None = None, end: date | None = None, open_only: bool = True,
          include_done: bool = False, deadline_namnd_ids: Iterable[int] | None = None,
          limit: int | None = None, newest_first: bool = False, flagged_only: bool = False,
          today: date | None = None) -> list[AgendaItem]:
    """Return deadlines and milestones in [start, end] of the remisser the filters select (with a limit: the
    earliest of each, or the latest with newest_first; returned in date order either way).

    namnd_ids None means every nämnd. With handlaggare_id, milestones are limited to that user's
    remisser while deadlines are shown for every remiss in deadline_namnd_ids (default: none extra).
    flagged_only: only the flagged milestones ("Kräver uppmärksamhet"), no deadlines, in one statement.
    today: explanations then leave out an offer of a sammanträde that has passed (passed_advice).
    """
    stmt = select(*_REMISS_COLUMNS).where(Remiss.effective_deadline_on.is_not(None))
    mstmt = with_missed(with_waiting(select(*_MILESTONE_COLUMNS, *_REMISS_COLUMNS, WAITING, BEFORE_DUE, MISSED_ON)
                                     .join(Remiss, Remiss.id == Milestone.remiss_id)
                                     .where(Milestone.kind != DEADLINE, Remiss.direction == Direction.inkommande)))
    if namnd_ids is not None:
        ids = list(namnd_ids) or [-1]
        stmt = stmt.where(Remiss.namnd_id.in_(ids))
        mstmt = mstmt.where(Remiss.namnd_id.in_(ids))
    if open_only:
        stmt, mstmt = stmt.where(is_open()), mstmt.where(is_open())
    else:  # a makulerad remiss was registered by mistake: out of every list, the calendar's done work too (walk17 F5)
        voided = Remiss.status != RemissStatus.makulerad.value
        stmt, mstmt = stmt.where(voided), mstmt.where(voided)
    if start is not None:
        stmt = stmt.where(Remiss.effective_deadline_on >= start)
    if end is not None:
        stmt = stmt.where(Remiss.effective_deadline_on <= end)
    if include_done and (start is not None or end is not None):
        mstmt = mstmt.where(_in_range(start, end))
    else:  # open work only: by its date
        mstmt = mstmt.where(*([Milestone.due_on >= start] if start is not None else []),
                            *([Milestone.due_on <= end] if end is not None else []))
    if handlaggare_id is not None:
        mine = Remiss.handlaggare_id == handlaggare_id
        extra = list(deadline_namnd_ids or [])
        # Only an OR when there are extra nämnder: once psycopg prepares the statement (its 5th use on a
        # connection), PostgreSQL's generic plan for "OR namnd_id IN (-1)" walked every deadline.
        stmt = stmt.where(or_(mine, Remiss.namnd_id.in_(extra)) if extra else mine)
        mstmt = mstmt.where(mine)
    if not include_done:
        mstmt = mstmt.where(Milestone.done_at.is_(None))
    if newest_first:
        stmt = stmt.order_by(Remiss.effective_deadline_on.desc(), Remiss.id.desc()).limit(limit)
        mstmt = mstmt.order_by(Milestone.due_on.desc(), Milestone.id.desc()).limit(limit)
    else:
        stmt = stmt.order_by(Remiss.effective_deadline_on, Remiss.id).limit(limit)
        mstmt = mstmt.order_by(Milestone.due_on, Milestone.id).limit(limit)

    if flagged_only:
        mstmt = mstmt.where(Milestone.flagged.is_(True))
    if not include_done:
        stmt = stmt.where(~_OUTGOING_OVER)

    found: list[AgendaItem] = []
    unsent = None  # read once, when a besvarad remiss is listed
    for r in session.execute(stmt) if not flagged_only else ():
        outgoing = r.direction == Direction.utgaende
        closed = r.status in _CLOSED_VALUES or (outgoing and r.status not in OUTGOING_WAITING)
        if closed and not include_done:
            continue
        # extended by days or by hours; the deadline it was extended from with its clock time, as the remiss page (F6)
        extended = r.deadline_on and (r.effective_deadline_on, r.effective_deadline_time) != (r.deadline_on,
                                                                                              r.deadline_time)
        whose = "Remissinstansernas" if r.direction == Direction.utgaende else "Remittentens"  # we send or answer
        explanation = f"{whose} sista svarsdag" + (
            f", förlängd från {format_weekday_date(r.deadline_on)}"
            + (f" kl. {r.deadline_time:%H.%M}." if r.deadline_time else ".") if extended else ".")
        if r.status == RemissStatus.besvarad.value and unsent is None:
            from remiss.drafting.mail_state import unsent as unsent_of  # drafting builds on planning

            unsent = unsent_of(session)
        found.append(AgendaItem(r.remiss_id, r.our_dnr or "", r.title, r.namnd_id, r.handlaggare_id, DEADLINE,
                                "Sista svarsdag", r.effective_deadline_on, r.effective_deadline_time, explanation,
                                flagged=False, done=closed, cancelled=r.status in CALLED_OFF_VALUES,
                                ours=not outgoing, mail_waits=r.status == RemissStatus.besvarad.value
                                and r.remiss_id in (unsent or ()),
                                done_word=RemissStatus(r.status).label if closed else ""))
    for m in session.execute(mstmt):
        day, planned = shown_on(m)
        explanation = told(m.kind, m.explanation, m.advice, done_on=day if m.done_at is not None else None,
                           due_on=m.due_on, called_off=bool(m.closed_with_remiss), closed=m.status in _CLOSED_VALUES)
        if today is not None:
            explanation = without_passed_alternatives(explanation, today)
        if m.done_at is None:  # a date set by hand says so, not the computed date's reason (truth17 F14)
            explanation = said_by_hand(explanation, m.override_on, m.planned_on, m.override_reason)
        found.append(AgendaItem(m.remiss_id, m.our_dnr or "", m.title, m.namnd_id, m.handlaggare_id, m.kind, m.label,
                                day, None, explanation, m.flagged, done=m.done_at is not None,
                                overridden=m.override_on is not None,
                                # a step a status set by hand closed, never held or expedited (walk18 F21, walk19 G1)
                                cancelled=called_off(m.status, m.closed_with_remiss) or skipped_by_hand(m.status, m),
                                waiting=bool(m.waiting) and m.done_at is None, planned=planned,
                                received=m.received_on, before_due=m.before_due, flag_reason=m.flag_reason,
                                missed_on=m.missed_on if m.done_at is None else None))
    return sorted(_once(found), key=lambda item: item.sort_key)


def _once(found: list[AgendaItem]) -> list[AgendaItem]:
    """An arbetsutskott's beslut is one event: its "Arbetsutskott (beslut)" stays, the remiss's Arbetsutskott step
    of the same day goes (walk11 finding 20: the calendar showed the same sammanträde twice)."""
    au_beslut = {(i.remiss_id, i.day) for i in found if i.kind == "namnd" and i.label == AU_BESLUT_LABEL}
    if not au_beslut:
        return found
    return [i for i in found if not (i.kind == "arbetsutskott" and (i.remiss_id, i.day) in au_beslut)]


def is_overdue(item: AgendaItem, now_local: datetime) -> bool:
    """Tell whether the item is past due and not done at this Stockholm moment (a step waiting for a late one is
    late too: lateness.lateness says why)."""
    return item.ours and not item.done and has_passed(item.day, item.at, now_local)


def merged(*lists: list[AgendaItem]) -> list[AgendaItem]:
    """Agenda items of several sources in one day order."""
    return sorted((item for found in lists for item in found), key=lambda item: item.sort_key)


def month_weeks(first: date) -> list[list[date]]:
    """Return the Monday-first weeks that cover the month starting at first."""
    start = first - timedelta(days=first.weekday())
    next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    weeks = []
    day = start
    while day < next_month:
        weeks.append([day + timedelta(days=offset) for offset in range(7)])
        day += timedelta(days=7)
    return weeks
