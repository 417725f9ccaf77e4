"""List remisser with filters, sorting and pagination, limited to what the user may see."""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from sqlalchemy import bindparam, func, or_
from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.auth.models import User
from remiss.namnd.models import Namnd
from remiss.remisser.input import parse_date
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.status import CLOSED, RemissStatus

OPEN_STATUSES = tuple(s.value for s in RemissStatus if s not in CLOSED)

SORTS = {
    "deadline": (Remiss.effective_deadline_on.is_(None), Remiss.effective_deadline_on, Remiss.id),
    "-deadline": (Remiss.effective_deadline_on.is_(None), Remiss.effective_deadline_on.desc(), Remiss.id.desc()),
    "received": (Remiss.received_on.desc(), Remiss.id.desc()),
    "dnr": (Remiss.our_dnr, Remiss.id),
}


@dataclass
class RemissFilter:
    status: str | None = None  # a RemissStatus, or "open" / "closed"
    namnd_id: int | None = None
    handlaggare_id: int | None = None
    handlaggare: str | None = None  # typed name or e-mail of the handläggare (the filter's text field)
    direction: str | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    text: str | None = None
    sort: str = ""  # a key of SORTS, "relevance", or "": relevance when searching, else deadline
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "RemissFilter":
        """Build a filter from query arguments; bad values are dropped with a Swedish message."""
        f = cls()
        status = args.get("status") or None
        if status and status not in ("open", "closed") and status not in RemissStatus.__members__:
            f.errors["status"] = "Okänd status."
        else:
            f.status = status
        for key in ("namnd_id", "handlaggare_id"):
            value = args.get(key) or None
            if value:
                try:
                    setattr(f, key, int(value))
                except ValueError:
                    f.errors[key] = "Ogiltigt val."
        f.handlaggare = (args.get("handlaggare") or "").strip()[:200] or None
        direction = args.get("direction") or None
        if direction and direction not in Direction.__members__:
            f.errors["direction"] = "Okänd riktning."
        else:
            f.direction = direction
        for key in ("deadline_from", "deadline_to"):
            value = args.get(key) or None
            if value:
                try:
                    setattr(f, key, parse_date(value))
                except ValueError as exc:
                    f.errors[key] = str(exc)
        f.text = (args.get("q") or "").strip()[:200] or None
        sort = args.get("sort") or ""
        f.sort = sort if sort in SORTS or sort == "relevance" else ""
        return f

    def as_args(self) -> dict:
        out = {"status": self.status, "namnd_id": self.namnd_id, "handlaggare_id": self.handlaggare_id,
               "handlaggare": self.handlaggare, "direction": self.direction, "q": self.text, "sort": self.sort or None,
               "deadline_from": self.deadline_from.isoformat() if self.deadline_from else None,
               "deadline_to": self.deadline_to.isoformat() if self.deadline_to else None}
        return {k: v for k, v in out.items() if v not in (None, "")}

    @property
    def effective_sort(self) -> str:
        if self.sort == "relevance" and not self.text:
            return "deadline"
        return self.sort or ("relevance" if self.text else "deadline")


def users_matching(typed: str):
    """The ids of users whose e-mail starts with typed (when it has an @) or whose name or e-mail contains it."""
    low = typed.lower()
    if "@" in low:  # e-mail addresses are stored lower-case
        return select(User.id).where(User.email.startswith(low, autoescape=True))
    # SQLite's lower() and LIKE fold ASCII only: also try the typed text as a capitalised name ("åsa" → "Åsa").
    names = {low, typed, typed.title()}
    return select(User.id).where(or_(func.lower(User.name).contains(low, autoescape=True),
                                     User.email.contains(low, autoescape=True),
                                     *(User.name.contains(n, autoescape=True) for n in names)))


# The filters list_remisser and rows_statement apply, by the name of their value: the WHERE clause in this order.
# The open statuses are named, not NOT IN the closed ones: an index range scan of ix_remiss_status_deadline
# instead of reading every entry (counting 72,000 open of 100,000: 28 → 6 ms on SQLite and PostgreSQL).
_CONDITIONS = {
    "visible_namnd_ids": lambda v: Remiss.namnd_id.in_(v),
    "statuses": lambda v: Remiss.status.in_(v),
    "status": lambda v: Remiss.status == v,
    "namnd_id": lambda v: Remiss.namnd_id == v,
    "handlaggare_id": lambda v: Remiss.handlaggare_id == v,
    "direction": lambda v: Remiss.direction == v,
    "deadline_from": lambda v: Remiss.effective_deadline_on >= v,
    "deadline_to": lambda v: Remiss.effective_deadline_on <= v,
}
_CLOSED_VALUES = [s.value for s in CLOSED]


def _filter_values(principal: Principal, f: RemissFilter) -> dict:
    """The access rule's and f's filter values (not its text or typed handläggare) by condition name."""
    values = {}
    visible = principal.visible_namnd_ids()
    if visible is not None:
        values["visible_namnd_ids"] = sorted(visible) or [-1]
    if f.status == "open":
        values["statuses"] = list(OPEN_STATUSES)
    elif f.status == "closed":
        values["statuses"] = list(_CLOSED_VALUES)
    elif f.status:
        values["status"] = f.status
    for name in ("namnd_id", "handlaggare_id", "direction", "deadline_from", "deadline_to"):
        if getattr(f, name):
            values[name] = getattr(f, name)
    return values


def _where(stmt, values: dict, *, bound: bool = False):
    """stmt with the conditions of values; bound: as named bind parameters, for a statement built once and
    executed with values as its parameters (a missing one is an error, never a stale value)."""
    for name, value in values.items():
        if bound:
            value = bindparam(name, expanding=isinstance(value, list))
        stmt = stmt.where(_CONDITIONS[name](value))
    return stmt


def _filtered(principal: Principal, f: RemissFilter, stmt, hits=None):
    """Add the access rule and f's filters (not its text) to stmt, joined to hits when given."""
    stmt = _where(stmt, _filter_values(principal, f))
    if f.handlaggare:
        stmt = stmt.where(Remiss.handlaggare_id.in_(users_matching(f.handlaggare)))
    if hits is not None:
        stmt = stmt.join(hits, hits.c.remiss_id == Remiss.id)
    return stmt


def _hits(session: Session, principal: Principal, f: RemissFilter, *, total: int | None = None):
    """The full-text matches of f.text (remiss.search), or None when not searching.

    total (the capped count of matches) asks for only the candidates worth ranking when ordering by
    relevance: fast for common words. Without it, every match (exports).
    """
    if not f.text:
        return None
    from remiss.search import service as search

    if total is not None and f.effective_sort == "relevance":
        return search.candidates(session, f.text, lambda stmt: _filtered(principal, f, stmt),
                                 complete=total <= search.RANK_CAP, dense=total > search.COUNT_CAP)
    hits = search.matches(session, f.text)
    return search.no_match() if hits is None else hits


# The columns remisser/_table.html shows: the diarium and the start page read these plain rows, not whole
# remisser (building 50 ORM objects of 30 columns cost more than the query itself on SQLite).
TABLE_COLUMNS = (Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.direction, Remiss.remittent, Remiss.status,
                 Remiss.deadline_on, Remiss.effective_deadline_on, Remiss.effective_deadline_time)
TableRemiss = namedtuple("TableRemiss", [c.key for c in TABLE_COLUMNS])


class RemissRow(NamedTuple):
    """A listed remiss with its names; a tuple (built in a third of a frozen dataclass's time)."""

    remiss: Remiss  # a TableRemiss when listed with table_only
    namnd_name: str
    handlaggare_name: str | None


@dataclass(frozen=True)
class Page:
    rows: list[RemissRow]
    total: int
    page: int
    per_page: int
    more: bool = False  # a search matched more than total (the count stops there)
    shown: int | None = None  # how many of them can be paged through, when fewer than total

    @property
    def pages(self) -> int:
        return max(1, -(-(self.total if self.shown is None else self.shown) // self.per_page))


def list_remisser(session: Session, principal: Principal, f: RemissFilter, *, page: int = 1,
                  per_page: int = 50, table_only: bool = False) -> Page:
    """Return one page of remisser with their nämnd and handläggare names in one query.

    table_only: each row's remiss is a TableRemiss of the columns the HTML table shows, not a Remiss."""
    page = max(1, page)
    more = False
    # Without text or a typed handläggare the statements are built once per shape (see _built).
    values = None if f.text or f.handlaggare else _filter_values(principal, f)
    if f.text:
        from remiss.search import service as search

        total = search.count(session, f.text, lambda stmt: _filtered(principal, f, stmt))
        more = total > search.COUNT_CAP
    elif values is not None:
        # Built statements of plain columns run on the connection: the ORM session's handling of a statement
        # (≈0.05 ms each on SQLite) buys nothing here.
        total = session.connection().execute(_built(("count", *values), lambda: _where(
            select(func.count()).select_from(Remiss), values, bound=True)), values).scalar_one()
    else:
        total = session.exec(_filtered(principal, f, select(func.count()).select_from(Remiss))).one()
    hits = _hits(session, principal, f, total=total)
    shown = None
    if f.text:
        total = min(total, search.COUNT_CAP)
        if more and f.effective_sort == "relevance":
            shown = search.RANK_CAP  # the best of the newest candidates; at least this many exist
    # A search shows no more rows than it counted (or ranked), in pages.
    reachable = total if shown is None else shown
    offset = (page - 1) * per_page
    if offset >= reachable:
        rows = []
    elif table_only:
        limit = min(per_page, reachable - offset)
        if values is not None:
            sort = _sort_of(f)
            stmt = _built(("rows", sort, *values), lambda: _where(_with_names(TABLE_COLUMNS), values, bound=True)
                          .order_by(*SORTS[sort]).offset(bindparam("row_offset")).limit(bindparam("row_limit")))
            stmt_params = {**values, "row_offset": offset, "row_limit": limit}
        else:
            stmt = rows_statement(session, principal, f, hits, columns=TABLE_COLUMNS).offset(offset).limit(limit)
            stmt_params = None
        width = len(TABLE_COLUMNS)
        found = session.connection().execute(stmt, stmt_params) if values is not None else session.execute(stmt)
        rows = [RemissRow(TableRemiss._make(row[:width]), row[width], row[width + 1]) for row in found.all()]
    else:
        stmt = rows_statement(session, principal, f, hits).offset(offset).limit(min(per_page, reachable - offset))
        rows = [RemissRow(r, n, h) for r, n, h in session.exec(stmt)]
    return Page(rows, total, page, per_page, more, shown)


def rows_statement(session: Session, principal: Principal, f: RemissFilter, hits=None, columns=None):
    """The sorted (Remiss, nämnd name, handläggare name) query of the whole filtered list;
    with columns, those columns of the remiss instead of the Remiss."""
    if hits is None:
        hits = _hits(session, principal, f)
    stmt = _with_names(columns or (Remiss,))
    if f.effective_sort == "relevance" and hits is not None:
        from remiss.search.service import relevance

        order = relevance(hits, f.text)
    else:
        order = SORTS[_sort_of(f)]
    return _filtered(principal, f, stmt, hits).order_by(*order)


def _with_names(columns):
    """select columns with the remiss's nämnd name and handläggare name."""
    return (select(*columns, Namnd.name, User.name)
            .join(Namnd, Namnd.id == Remiss.namnd_id)
            .outerjoin(User, User.id == Remiss.handlaggare_id))


def _sort_of(f: RemissFilter) -> str:
    """The key of SORTS that orders f's list when not by relevance."""
    return f.effective_sort if f.effective_sort in SORTS else "deadline"


# Statements of unsearched lists by shape (which filters, the sort), built once and run with the filter values
# as parameters: building the select with its joins, IN lists and ordering cost ≈1 ms per list on SQLite,
# about as much as running it (start page: two lists of two statements each). Bounded by the shapes there are.
_BUILT: dict[tuple, object] = {}


def _built(key: tuple, build):
    stmt = _BUILT.get(key)
    if stmt is None:
        stmt = _BUILT[key] = build()
    return stmt
