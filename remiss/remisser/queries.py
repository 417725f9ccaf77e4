"""List remisser with filters (remiss.remisser.filters), sorting and pagination, limited to what the user may see."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, literal, or_
from sqlmodel import Session, select

from remiss.auth.access import Action, Principal
from remiss.auth.models import User
from remiss.drafting import mail_state
from remiss.drafting.models import DraftState, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.remisser import keys
from remiss.remisser.filters import SORTS, RemissFilter
from remiss.remisser.handlaggare import users_matching
from remiss.remisser.mine import mine, named_uniquely
from remiss.remisser.models import Remiss, is_open
from remiss.remisser.status import CLOSED, RemissStatus


# The filters list_remisser and rows_statement apply, by the name of their value: the WHERE clause in this order.
# The open statuses are named, not NOT IN the closed ones, so that both databases scan a range of
# ix_remiss_status_deadline instead of reading every entry.
_CONDITIONS = {
    "visible_namnd_ids": lambda v: Remiss.namnd_id.in_(v),
    "statuses": lambda v: Remiss.status.in_(v),
    "open": lambda v: is_open(),
    # a handläggare's Pågående: also a besvarad remiss whose rättelse is in work (walk17 F17, "Rättelse att skriva")
    "open_or_correcting": lambda v: or_(is_open(), Remiss.id.in_(
        select(YttrandeDraft.remiss_id).where(YttrandeDraft.rattelse > 0,
                                              YttrandeDraft.state != DraftState.expedierad.value))),
    "status": lambda v: Remiss.status == v,
    # a makulerad remiss (registered by mistake) is in a list only when its status is asked for (walk12, item 4)
    "not_voided": lambda v: Remiss.status != RemissStatus.makulerad.value,
    # "= true", not "IS true": PostgreSQL reads only the former from ix_remiss_answered_late_deadline
    "answered_late": lambda v: Remiss.answered_late == v,
    # Beslutad and Besvarad only as the status word says them: not while the expedierat yttrande has not left the
    # house, which "Expedierade, inte skickade" lists (walk25b Z5; drafting.mail_state.unsent)
    "sent": lambda v: Remiss.id.not_in(mail_state.UNSENT_IDS),
    "unsent": lambda v: Remiss.id.in_(mail_state.UNSENT_IDS),
    "namnd_id": lambda v: Remiss.namnd_id == v,
    "handlaggare_id": lambda v: Remiss.handlaggare_id == v,
    # Mina remisser: the handläggare's, and the kontaktperson's of an utgående remiss (walk27 Y16)
    "mine_id": lambda v: mine(v[0], by_name=v[1]),
    "direction": lambda v: Remiss.direction == v,
    "deadline_from": lambda v: Remiss.effective_deadline_on >= v,
    "deadline_to": lambda v: Remiss.effective_deadline_on <= v,
}
_CLOSED_VALUES = [s.value for s in CLOSED if s != RemissStatus.makulerad]


def _filter_values(session: Session, principal: Principal, f: RemissFilter) -> dict:
    """The access rule's and f's filter values (not its text or typed handläggare) by condition name."""
    values = {}
    visible = principal.visible_namnd_ids()
    if visible is not None:
        values["visible_namnd_ids"] = sorted(visible) or [-1]
    if f.status == "open":
        values["open_or_correcting" if f.handlaggare_id or f.mine_id else "open"] = True
    elif f.status == "closed":
        values["statuses"] = list(_CLOSED_VALUES)
    elif f.status == "for_sent":
        # besvarad late, e-mailed or still in the Utkorg: the page, the CSV ("Nej, för sent") and the API
        # (answered_late) call it late from the expediering on ("Expedierad för sent, inte skickad än"), so the
        # filter does too (walk27 Y10; walk25b Z5 had left the waiting one out)
        values["answered_late"] = True
    elif f.status == "expedierad":
        values["unsent"] = True
    elif f.status:
        values["status"] = f.status
        if f.status in (RemissStatus.besvarad.value, RemissStatus.beslutad.value):
            values["sent"] = True
    if f.status in (None, "for_sent"):
        values["not_voided"] = True
    for name in ("namnd_id", "handlaggare_id", "direction", "deadline_from", "deadline_to"):
        if getattr(f, name):
            values[name] = getattr(f, name)
    if f.mine_id:  # a Kontaktperson named without an e-mail is the user only when no one else has the name
        values["mine_id"] = (f.mine_id, named_uniquely(session, f.mine_id))
    return values


def _where(stmt, values: dict):
    """stmt with the conditions of values."""
    for name, value in values.items():
        stmt = stmt.where(_CONDITIONS[name](value))
    return stmt


def _filtered(session: Session, principal: Principal, f: RemissFilter, stmt, hits=None, values=None):
    """Add the access rule and f's filters (not its text) to stmt, joined to hits when given; values: the filter
    values to use instead of f's."""
    stmt = _where(stmt, _filter_values(session, principal, f) if values is None else values)
    if f.handlaggare:
        stmt = stmt.where(Remiss.handlaggare_id.in_(users_matching(f.handlaggare)))
    if hits is not None:
        stmt = stmt.join(hits, hits.c.remiss_id == Remiss.id)
    return stmt


def _hits(session: Session, principal: Principal, f: RemissFilter, *, total: int | None = None):
    """The remisser f.text names by diarienummer, else its full-text matches (remiss.search); None when not
    searching.

    total (the capped count of full-text matches, after list_remisser found no diarienummer) asks for only the candidates worth ranking when ordering by
    relevance: fast for common words. Without it, every match (exports).
    """
    if not f.text:
        return None
    by_dnr = None if total is not None else _dnr_hits(session, principal, f)  # counted: list_remisser checked
    if by_dnr is not None:
        return by_dnr
    from remiss.search import service as search

    if total is not None and f.effective_sort == "relevance":
        return search.candidates(session, f.text, lambda stmt: _filtered(session, principal, f, stmt),
                                 complete=total <= search.RANK_CAP, dense=total > search.COUNT_CAP)
    hits = search.matches(session, f.text)
    return search.no_match() if hits is None else hits


# What a list shows of each remiss (the diarium's and start page's tables, the API's list): plain columns, not
# whole remisser, with the names of its nämnd and handläggare.
LIST_COLUMNS = (Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.direction, Remiss.kind, Remiss.remittent,
                Remiss.sender_dnr, Remiss.status, Remiss.namnd_id, Remiss.handlaggare_id, Remiss.received_on,
                Remiss.deadline_on, Remiss.deadline_time, Remiss.effective_deadline_on, Remiss.effective_deadline_time,
                Remiss.answered_at, Remiss.answered_late)


@dataclass(frozen=True)
class RemissRow:
    """A listed remiss."""

    id: int
    our_dnr: str | None
    title: str
    direction: str
    kind: str
    remittent: str
    sender_dnr: str
    status: str
    namnd_id: int
    handlaggare_id: int | None
    received_on: date | None
    deadline_on: date | None
    deadline_time: time | None
    effective_deadline_on: date | None  # the deadline in force, after granted extensions
    effective_deadline_time: time | None
    answered_at: datetime | None  # expedierad (besvarad)
    # besvarad after the sista svarsdag in force, or expedierad after it without a svarsadress and not sent yet
    # (Remiss.answered_late): the status word says "för sent" of both, as the remiss page does
    answered_late: bool
    namnd_name: str
    handlaggare_name: str | None

    @property
    def extended(self) -> bool:
        return self.effective_deadline_on is not None and self.effective_deadline_on != self.deadline_on


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
                  per_page: int = 50) -> Page:
    """Return one page of the remisser the principal may see that match f, with their nämnd and handläggare."""
    page = max(1, page)
    more, shown = False, None
    by_dnr = _dnr_hits(session, principal, f) if f.text else None
    if by_dnr is not None:  # a diarienummer that names several remisser: those
        hits = by_dnr
        total = session.execute(_filtered(session, principal, f, select(func.count()).select_from(Remiss),
                                          hits)).scalar_one()
    elif f.text:
        from remiss.search import service as search

        total = search.count(session, f.text, lambda stmt: _filtered(session, principal, f, stmt))
        more = total > search.COUNT_CAP
        hits = _hits(session, principal, f, total=total)
        total = min(total, search.COUNT_CAP)
        if more and f.effective_sort == "relevance":
            shown = search.RANK_CAP  # the best of the newest candidates; at least this many exist
    else:
        total = session.execute(_filtered(session, principal, f, select(func.count()).select_from(Remiss))).scalar_one()
        hits = None
    # A search shows no more rows than it counted (or ranked), in pages.
    reachable = total if shown is None else shown
    offset = (page - 1) * per_page
    rows = []
    if offset < reachable:
        stmt = rows_statement(session, principal, f, hits, columns=LIST_COLUMNS)
        found = session.execute(stmt.offset(offset).limit(min(per_page, reachable - offset)))
        rows = [RemissRow(**row._mapping) for row in found]
    return Page(rows, total, page, per_page, more, shown)


def unsent_left_out(session: Session, principal: Principal, f: RemissFilter) -> int:
    """How many remisser f would list but for their expedierat yttrande not having left the house: Besvarad and
    Beslutad leave them to "Expedierade, inte skickade" (walk25b Z5), and the list says so with this count (walk29
    A10); 0 for any other filter."""
    if f.status not in (RemissStatus.besvarad.value, RemissStatus.beslutad.value):
        return 0  # no query: the other filters leave none out for this
    values = _filter_values(session, principal, f)
    values.pop("sent")
    stmt = _filtered(session, principal, f, select(func.count()).select_from(Remiss), _hits(session, principal, f),
                     values=dict(values, unsent=True))
    return session.execute(stmt).scalar_one()


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
    return _filtered(session, principal, f, stmt, hits).order_by(*order)


def _with_names(columns):
    """select columns with the remiss's nämnd name and handläggare name."""
    return (select(*columns, Namnd.name.label("namnd_name"), User.name.label("handlaggare_name"))
            .join(Namnd, Namnd.id == Remiss.namnd_id)
            .outerjoin(User, User.id == Remiss.handlaggare_id))


def _sort_of(f: RemissFilter) -> str:
    """The key of SORTS that orders f's list when not by relevance."""
    return f.effective_sort if f.effective_sort in SORTS else "deadline"


def namnder_for(session: Session, principal: Principal, action: Action) -> list:
    """(id, name) rows of the nämnder the principal may do action in, by name."""
    stmt = select(Namnd.id, Namnd.name).order_by(Namnd.name)
    if not principal.is_admin:  # a member's own nämnder, not all 300 to be checked one by one
        stmt = stmt.where(Namnd.id.in_(sorted(principal.namnd_ids) or [-1]))
    return [n for n in session.execute(stmt) if principal.may(action, n.id)]


def last_namnd_of(session: Session, user_id: int | None) -> int | None:
    """The nämnd of the remiss this user registered last: preselected when they register the next one."""
    if user_id is None:
        return None
    return session.exec(select(Remiss.namnd_id).where(Remiss.created_by_id == user_id)
                        .order_by(Remiss.id.desc()).limit(1)).first()



def dnr_condition(typed: str | None):
    """The condition "typed is the remiss's diarienummer, ours or the remittent's" (remiss.remisser.keys), read
    from the key indexes; None when typed cannot be a diarienummer."""
    meaning = keys.typed_dnr(typed or "")
    if meaning is None:
        return None
    kind, value = meaning
    if kind == "key":
        return or_(Remiss.our_dnr_key == value, Remiss.sender_dnr_key == value)
    return or_(Remiss.our_dnr_tail == value, Remiss.sender_dnr_tail == value)


def remisser_by_dnr(session: Session, principal: Principal, typed: str, *, limit: int = 2) -> list[int]:
    """The ids (at most limit) of the visible remisser whose diarienummer, ours or the remittent's, is typed; a
    makulerad one only when no other has it: its number was handed out and its page says what became of it
    (walk17 F14: the diarium said "0 remisser")."""
    condition = dnr_condition(typed)
    if condition is None:
        return []
    stmt = select(Remiss.id).where(condition).order_by(Remiss.id)
    values = _filter_values(session, principal, RemissFilter())
    found = list(session.execute(_where(stmt, values).limit(limit)).scalars())
    if not found:
        values.pop("not_voided")
        found = list(session.execute(_where(stmt, values).limit(limit)).scalars())
    return found


def _dnr_hits(session: Session, principal: Principal, f: RemissFilter):
    """A subquery (remiss_id, score) of the remisser f.text names by diarienummer, when one passing f's
    filters does; else None (the text is searched for as words)."""
    condition = dnr_condition(f.text)
    if condition is None:
        return None
    if session.execute(_filtered(session, principal, f, select(Remiss.id).where(condition)).limit(1)).first() is None:
        return None
    return select(Remiss.id.label("remiss_id"), literal(1.0).label("score")).where(condition).subquery("hits")


def possible_duplicates(session: Session, principal: Principal, *, sender_dnr: str, title: str) -> list:
    """Visible remisser that may be the one being registered: the same remittent's diarienummer, or the same
    title, both as their keys (remiss.remisser.keys: case, spacing, punctuation, diacritics and leading zeros
    aside). Rows of id, our_dnr, title, remittent, sender_dnr, kind, newest first."""
    conditions = []
    if keys.dnr_key(sender_dnr):
        conditions.append(Remiss.sender_dnr_key == keys.dnr_key(sender_dnr))
    if keys.title_key(title):
        conditions.append(Remiss.title_key == keys.title_key(title))
    if not conditions:
        return []
    stmt = select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.remittent, Remiss.sender_dnr,
                  Remiss.kind).where(or_(*conditions))
    visible = _where(stmt, _filter_values(session, principal, RemissFilter()))
    return session.execute(visible.order_by(Remiss.id.desc()).limit(5)).all()


def diarium_rows(session: Session, principal: Principal, stmt):
    """The rows of stmt (a select of Remiss.namnd_id among its columns) in the nämnder where principal keeps the
    diarium (Action.assign: nämndsekreterare, registrator): the visible nämnder are asked in SQL, each row's nämnd
    checked again as the remiss page checks it. Nothing for a principal who keeps no diarium."""
    if not principal.may(Action.assign):
        return []
    visible = principal.visible_namnd_ids()
    if visible is not None:
        stmt = stmt.where(Remiss.namnd_id.in_(sorted(visible) or [-1]))
    return [r for r in session.execute(stmt) if principal.may(Action.assign, r.namnd_id)]
