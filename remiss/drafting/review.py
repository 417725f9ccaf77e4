"""The start page's "Att granska": yttranden sent for review in the nämnder where the user reviews."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.auth.access import Action, Principal
from remiss.auth.models import User
from remiss.calendar.swedish import format_date_time
from remiss.drafting.models import DraftState, YttrandeDraft
from remiss.remisser.finished import FINISHED
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus


@dataclass(frozen=True)
class ReviewRow:
    remiss_id: int
    dnr: str
    title: str
    handlaggare: str
    since: str  # when it was sent for review
    deadline_on: object  # None for a rättelse: the remiss was answered, its deadline is past business
    rattelse: int = 0  # 0: the yttrande; n: the n:th rättelse of the expedierat yttrande
    deadline_time: object = None  # the deadline's clock time ("kl. 12.00"), when it has one
    sender: str = ""  # who sent it for review, from the history ("" when not recorded: nothing is claimed)


@dataclass(frozen=True)
class ReviewSection:
    rows: list[ReviewRow] = field(default_factory=list)
    template: str = "drafting/_review_start.html"


def review_section(session: Session, principal: Principal, now: datetime) -> ReviewSection | None:
    """The drafts waiting in granskning, oldest first; None for users who review nowhere."""
    if not principal.may(Action.review):
        return None
    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.effective_deadline_on,
                   Remiss.effective_deadline_time, Remiss.namnd_id,
                   User.name, YttrandeDraft.id.label("draft_id"), YttrandeDraft.updated_at, YttrandeDraft.rattelse)
            .join(YttrandeDraft, YttrandeDraft.remiss_id == Remiss.id)
            .outerjoin(User, User.id == Remiss.handlaggare_id)
            .where(YttrandeDraft.state == DraftState.granskning,
                   or_(Remiss.status.not_in([s.value for s in FINISHED]),
                       and_(Remiss.status == RemissStatus.besvarad.value, YttrandeDraft.rattelse > 0)))
            .order_by(YttrandeDraft.updated_at, Remiss.id).limit(100))
    if principal.visible_namnd_ids() is not None:
        stmt = stmt.where(Remiss.namnd_id.in_(sorted(principal.namnd_ids) or [-1]))
    found = [r for r in session.execute(stmt) if principal.may(Action.review, r.namnd_id)]
    senders = _senders(session, {r.id: r.draft_id for r in found})
    rows = [ReviewRow(r.id, r.our_dnr or "", r.title, r.name or "Ej tilldelad", format_date_time(r.updated_at),
                      None if r.rattelse else r.effective_deadline_on, r.rattelse, r.effective_deadline_time,
                      senders.get(r.draft_id, ""))
            for r in found]
    return ReviewSection(rows)


def _senders(session: Session, drafts: dict[int, int]) -> dict[int, str]:
    """draft id -> the name of who sent it to granskning: the user of its latest change of state, when that change
    was the one into granskning (the history: drafting.states.change_state). Not the remiss's handläggare, who
    need not have written or sent it (walk23 W3)."""
    if not drafts:
        return {}
    events = session.execute(
        select(AuditEvent.entity_id, AuditEvent.changes, User.name)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(AuditEvent.remiss_id.in_(sorted(drafts)), AuditEvent.entity == "yttrande_draft",
               AuditEvent.entity_id.in_(sorted(drafts.values())), AuditEvent.action == "state")
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()))
    senders: dict[int, str] = {}
    seen: set[int] = set()
    for draft_id, changes, name in events:
        if draft_id in seen:
            continue
        seen.add(draft_id)
        try:
            into = json.loads(changes or "{}").get("state", [None, None])[1]
        except (ValueError, AttributeError, IndexError, TypeError):
            into = None
        if into == DraftState.granskning.value and name:
            senders[draft_id] = name
    return senders


@dataclass(frozen=True)
class ReturnedRow:
    remiss_id: int
    dnr: str
    title: str
    comment: str  # what the granskare asked for
    since: str  # when it was sent back
    rattelse: int = 0
    to_correct: bool = False  # a rättelse the sekreterare started, not yet reviewed: comment is what to correct


@dataclass(frozen=True)
class ReturnedSection:
    rows: list[ReturnedRow] = field(default_factory=list)
    template: str = "drafting/_returned_start.html"

    @property
    def returned(self) -> list[ReturnedRow]:
        return [r for r in self.rows if not r.to_correct]

    @property
    def corrections(self) -> list[ReturnedRow]:
        """"Rättelse att skriva": nothing was reviewed or sent back (walk16 #16)."""
        return [r for r in self.rows if r.to_correct]


def returned_section(session: Session, principal: Principal, now: datetime) -> ReturnedSection | None:
    """The handläggare's drafts the granskare sent back, and the rättelser a sekreterare started, oldest first (the
    mirror of Att granska); None when there are none."""
    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.namnd_id, YttrandeDraft.review_comment,
                   YttrandeDraft.updated_at, YttrandeDraft.rattelse, YttrandeDraft.rattelse_reason)
            .join(YttrandeDraft, YttrandeDraft.remiss_id == Remiss.id)
            .where(Remiss.handlaggare_id == principal.user_id, YttrandeDraft.state == DraftState.utkast,
                   YttrandeDraft.review_comment != "")
            .order_by(YttrandeDraft.updated_at, Remiss.id).limit(100))
    # a rättelse just started carries its reason as the comment; one sent back carries the granskare's words
    rows = [ReturnedRow(r.id, r.our_dnr or "", r.title, r.review_comment, format_date_time(r.updated_at), r.rattelse,
                        bool(r.rattelse) and r.review_comment == r.rattelse_reason)
            for r in session.execute(stmt) if principal.may(Action.edit, r.namnd_id)]
    return ReturnedSection(rows) if rows else None
