"""What is due when: deadlines and milestones for the start page, the month calendar and ICS feeds."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import bindparam, or_
from sqlmodel import Session, select

from remiss.calendar.swedish import format_weekday_date
from remiss.remisser.models import Direction, Milestone, Remiss
from remiss.remisser.status import CLOSED

DEADLINE = "sista_svarsdag"


class AgendaItem(NamedTuple):
    """One dated thing to do on one remiss. A tuple: built in 0.6 µs, a frozen dataclass of 13 fields took 2.5
    (a start page builds a few hundred)."""

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
    done: bool
    overridden: bool = False

    @property
    def sort_key(self):
        return (self.day, self.at or time(23, 59), self.remiss_id, self.kind)


# The columns an agenda item shows: plain rows, not whole remisser (a start page reads a few hundred).
_REMISS_COLUMNS = (Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.namnd_id, Remiss.handlaggare_id, Remiss.status,
                   Remiss.deadline_on, Remiss.effective_deadline_on, Remiss.effective_deadline_time)
# ... and of a milestone, the columns its item shows.
_MILESTONE_COLUMNS = (Milestone.kind, Milestone.label, Milestone.due_on, Milestone.explanation, Milestone.flagged,
                      Milestone.done_at, Milestone.override_on)
_CLOSED_VALUES = frozenset(s.value for s in CLOSED)


def _open():
    return Remiss.status.not_in([s.value for s in CLOSED])


def _statements(has_namnder: bool, has_handlaggare: bool, has_extra: bool, has_start: bool, has_end: bool,
                open_only: bool, include_done: bool, has_limit: bool):
    """The deadline and milestone statements of items() for this combination of filters, with the filter
    values as named bind parameters: built once (building both cost more than running them on SQLite, and
    the start page asks twice on every view)."""
    key = (has_namnder, has_handlaggare, has_extra, has_start, has_end, open_only, include_done, has_limit)
    built = _BUILT.get(key)
    if built is not None:
        return built
    stmt = select(*_REMISS_COLUMNS).where(Remiss.effective_deadline_on.is_not(None))
    if has_namnder:
        stmt = stmt.where(Remiss.namnd_id.in_(bindparam("namnd_ids", expanding=True)))
    if open_only:
        stmt = stmt.where(_open())
    if has_start:
        stmt = stmt.where(Remiss.effective_deadline_on >= bindparam("start"))
    if has_end:
        stmt = stmt.where(Remiss.effective_deadline_on <= bindparam("end"))
    if has_handlaggare:
        # No "OR namnd_id IN (-1)" when there is no extra nämnd: once psycopg prepares the statement (5th use
        # on a connection), PostgreSQL's generic plan for the OR walked every deadline (start page of an
        # admin with no remisser of their own: 0.3 → 90 ms from the 11th request on).
        mine = Remiss.handlaggare_id == bindparam("handlaggare_id")
        stmt = stmt.where(or_(mine, Remiss.namnd_id.in_(bindparam("extra", expanding=True))) if has_extra else mine)
    limit = bindparam("limit") if has_limit else None
    stmt = stmt.order_by(Remiss.effective_deadline_on, Remiss.id).limit(limit)
    mstmt = (select(*_MILESTONE_COLUMNS, *_REMISS_COLUMNS).join(Remiss, Remiss.id == Milestone.remiss_id)
             .where(Milestone.kind != DEADLINE, Remiss.direction == Direction.inkommande))
    if has_namnder:
        mstmt = mstmt.where(Remiss.namnd_id.in_(bindparam("namnd_ids", expanding=True)))
    if has_handlaggare:
        mstmt = mstmt.where(Remiss.handlaggare_id == bindparam("handlaggare_id"))
    if open_only:
        mstmt = mstmt.where(_open())
    if not include_done:
        mstmt = mstmt.where(Milestone.done_at.is_(None))
    if has_start:
        mstmt = mstmt.where(Milestone.due_on >= bindparam("start"))
    if has_end:
        mstmt = mstmt.where(Milestone.due_on <= bindparam("end"))
    mstmt = mstmt.order_by(Milestone.due_on, Milestone.id).limit(limit)
    built = _BUILT[key] = (stmt, mstmt)
    return built


_BUILT: dict[tuple, tuple] = {}  # bounded by the combinations there are (2 ** 8)


def items(session: Session, *, namnd_ids: Iterable[int] | None = None, handlaggare_id: int | None = None,
          start: date | None = None, end: date | None = None, open_only: bool = True,
          include_done: bool = False, deadline_namnd_ids: Iterable[int] | None = None,
          limit: int | None = None) -> list[AgendaItem]:
    """Return deadlines and milestones in [start, end] of the remisser the filters select.

    namnd_ids None means every nämnd. With handlaggare_id, milestones are limited to that user's
    remisser while deadlines are shown for every remiss in deadline_namnd_ids (default: none extra).
    """
    found: list[AgendaItem] = []
    extra = list(deadline_namnd_ids or []) if handlaggare_id is not None else []
    stmt, mstmt = _statements(namnd_ids is not None, handlaggare_id is not None, bool(extra), start is not None,
                              end is not None, open_only, include_done, limit is not None)
    params = {"namnd_ids": list(namnd_ids) or [-1] if namnd_ids is not None else None,
              "handlaggare_id": handlaggare_id, "extra": extra, "start": start, "end": end, "limit": limit}
    params = {k: v for k, v in params.items() if v is not None and (k != "extra" or v)}
    # Rows unpacked, not read by name (≈0.4 µs a column: 0.4 ms for a start page's 100 deadlines), on the
    # connection: these column selects need none of the ORM session's handling (≈0.05 ms a statement).
    connection = session.connection()
    deadlines = connection.execute(stmt, params).all()  # fetchall: iterating the result fetches row by row
    for remiss_id, dnr, title, namnd_id, handlaggare, status, deadline_on, day, at in deadlines:
        closed = status in _CLOSED_VALUES
        if closed and not include_done:
            continue
        extended = deadline_on and day != deadline_on
        explanation = "Remittentens sista svarsdag" + (
            f", förlängd från {format_weekday_date(deadline_on)}." if extended else ".")
        found.append(AgendaItem(remiss_id, dnr or "", title, namnd_id, handlaggare, DEADLINE, "Sista svarsdag",
                                day, at, explanation, False, closed))
    for (kind, label, due_on, explanation, flagged, done_at, override_on,
         remiss_id, dnr, title, namnd_id, handlaggare, *_) in connection.execute(mstmt, params).all():
        found.append(AgendaItem(remiss_id, dnr or "", title, namnd_id, handlaggare, kind, label, due_on, None,
                                explanation, flagged, done_at is not None, override_on is not None))
    return sorted(found, key=lambda item: item.sort_key)


def is_overdue(item: AgendaItem, now_local: datetime) -> bool:
    """Tell whether the item is past due and not done at this Stockholm moment."""
    if item.done:
        return False
    if item.day < now_local.date():
        return True
    return item.day == now_local.date() and item.at is not None and now_local.time() > item.at


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


def needs_extension(session: Session, *, namnd_ids: Iterable[int] | None) -> list:
    """Return open incoming remisser whose tidplan cannot be met: rows of id, our_dnr, title,
    effective_deadline_on and their TidplanState's suggested_extension_on and proposals."""
    stmt = _needs_extension_statement(namnd_ids is not None)
    params = {"namnd_ids": list(namnd_ids) or [-1]} if namnd_ids is not None else {}
    return session.connection().execute(stmt, params).all()


@lru_cache(maxsize=2)
def _needs_extension_statement(has_namnder: bool):
    """Built once per shape: building it cost 0.4 ms on each start page, running it 0.03 ms."""
    from remiss.planning.models import TidplanState

    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.effective_deadline_on,
                   TidplanState.suggested_extension_on, TidplanState.proposals)
            .join(TidplanState, TidplanState.remiss_id == Remiss.id)
            .where(TidplanState.feasible.is_(False), Remiss.direction == Direction.inkommande, _open())
            .order_by(Remiss.effective_deadline_on))
    if has_namnder:
        stmt = stmt.where(Remiss.namnd_id.in_(bindparam("namnd_ids", expanding=True)))
    return stmt.limit(100)
