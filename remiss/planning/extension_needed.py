"""Which open remisser need a förlängning, by one rule for the remiss page's Tidplan, the start page's "Förlängning
behövs" and /forsenat (walk18 F4): the tidplan cannot be met (no sammanträde hinner, TidplanState.feasible False),
or it holds only on paper because a step's date has passed and the planner then proposes a förlängning
("Tjänsteskrivelsen skulle ha varit klar …: tidplanen gick inte att hålla. Begär förlängd remisstid till minst …",
calendar.planner) that the Tidplan still shows today."""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import and_, case, exists, false, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from remiss.calendar.milestones import WAITS_FOR
from remiss.calendar.swedish import format_weekday_date
from remiss.planning.models import Milestone, TidplanState
from remiss.planning.passed_advice import holding
from remiss.remisser.models import Direction, Remiss, is_open

SHOWN = 100


@dataclass(frozen=True)
class ExtensionNeed:
    id: int
    our_dnr: str | None
    title: str
    effective_deadline_on: date | None
    suggested_extension_on: date | None  # the least förlängning worth asking for (None: no date to ask for yet)
    proposals: str  # TidplanState.proposals as stored
    namnd_id: int
    late_proposal: str = ""  # the plan holds but a step's date has passed: the Tidplan's förlängning proposal


def late_proposals(stored: str, late_kinds: set[str], today: date) -> list[str]:
    """The stored proposals given because a step's date had passed (TidplanState.proposals entries with until_done)
    that the Tidplan shows today: their step is still open and late (late_kinds), and the sammanträde they name has
    not passed (passed_advice.holding) — as planning.service.tidplan.advice and the remiss page read them."""
    return holding([entry["text"] for entry in json.loads(stored or "[]")
                    if isinstance(entry, dict) and entry.get("until_done") in late_kinds], today)


def _proposes_today(today: date):
    """The stored tidplan proposes a förlängning today because a step's date has passed (late_proposals, in SQL by
    the columns TidplanState.store_proposals keeps): its step is open, dated before today and not waiting for an
    open step before it (lateness.waiting_kinds), and the sammanträde it names has not passed."""
    waited = aliased(Milestone)
    late_step = exists().where(Milestone.remiss_id == Remiss.id, Milestone.kind == TidplanState.extension_step,
                               Milestone.done_at.is_(None), Milestone.due_on < today)
    waiting = exists().where(waited.remiss_id == Remiss.id, waited.done_at.is_(None),
                             waited.kind == case(WAITS_FOR, value=TidplanState.extension_step))
    return and_(TidplanState.extension_step.is_not(None),
                or_(TidplanState.extension_holds_until.is_(None), TidplanState.extension_holds_until >= today),
                late_step, ~waiting)


def _needing(today: date, namnd_ids: Iterable[int] | None) -> list:
    """The conditions on Remiss joined with its TidplanState: an open incoming remiss (not yet beslutad) whose
    tidplan cannot be met or proposes a förlängning today (_proposes_today), in the given nämnder (None: all)."""
    conditions = [or_(TidplanState.feasible == false(), _proposes_today(today)),
                  Remiss.direction == Direction.inkommande, is_open(),
                  Remiss.status != "beslutad"]  # decided: an extension is no longer needed
    if namnd_ids is not None:
        conditions.append(Remiss.namnd_id.in_(list(namnd_ids) or [-1]))
    return conditions


def needs_extension(session: Session, *, namnd_ids: Iterable[int] | None, today: date) -> list[ExtensionNeed]:
    """The open incoming remisser (not yet beslutade) that need a förlängning, the earliest sista svarsdag first, in
    one statement that finds the true set (the first SHOWN of it): those whose tidplan cannot be met, and those
    whose Tidplan proposes one because a step's date has passed (_proposes_today)."""
    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.effective_deadline_on,
                   TidplanState.suggested_extension_on, TidplanState.proposals, Remiss.namnd_id,
                   TidplanState.feasible, TidplanState.extension_step)
            .join(TidplanState, TidplanState.remiss_id == Remiss.id).where(*_needing(today, namnd_ids))
            .order_by(Remiss.effective_deadline_on, Remiss.id))
    found = []
    for r in session.execute(stmt.limit(SHOWN)):
        said = late_proposals(r.proposals, {r.extension_step}, today) if r.feasible else []
        found.append(ExtensionNeed(r.id, r.our_dnr, r.title, r.effective_deadline_on, r.suggested_extension_on,
                                   r.proposals, r.namnd_id, said[0] if said else ""))
    return found


class Needing(NamedTuple):
    count: int  # the ärenden of a nämnd that need a förlängning
    others: int  # how many of them are of another kind than a remiss (a medborgarförslag: "ärenden", kind_words)


def needing_counts(session: Session, *, namnd_ids: Iterable[int] | None, today: date) -> dict[int, Needing]:
    """How many remisser need a förlängning per nämnd (namnd_id → Needing), also those after the SHOWN that
    needs_extension lists: one grouped count, for when the list is cut."""
    stmt = (select(Remiss.namnd_id, func.count(), func.count(case((Remiss.kind != "remiss", 1))))
            .join(TidplanState, TidplanState.remiss_id == Remiss.id)
            .where(*_needing(today, namnd_ids)).group_by(Remiss.namnd_id))
    return {namnd_id: Needing(n, others) for namnd_id, n, others in session.execute(stmt)}


# Said after a förlängning that still leaves the tidplan impossible (walk22 L12f): the flash of the besked and the
# handläggare's mail, before the Tidplan's own proposal.
STILL_NEEDED = "Tidplanen går fortfarande inte att hålla med den nya sista svarsdagen."


def still_needed(session: Session, remiss_id: int, today: date) -> str:
    """What the Tidplan and the start page propose when the remiss still needs a förlängning today ("Begär förlängd
    remisstid till minst …"), after STILL_NEEDED; "" when it needs none. The one rule of needs_extension."""
    return still_needed_words(proposal(session, remiss_id, today))


def still_needed_words(said: str | None) -> str:
    """STILL_NEEDED and a remiss's proposal (a value of proposals(); None: it needs none, so "")."""
    if said is None:
        return ""
    return f"{STILL_NEEDED} {said}" if said else STILL_NEEDED


def proposals(session: Session, remiss_ids: Iterable[int], today: date) -> dict[int, str]:
    """The Tidplan's förlängning proposal today ("Begär förlängd remisstid till minst …") of each of the remisser
    that needs one, in one statement: "" when it needs one and there is no text for it; a remiss that needs none is
    not in the result (needs_extension's rule)."""
    from remiss.planning.service.tidplan import advice  # the start page's reading of the stored proposals

    ids = list(remiss_ids)
    if not ids:
        return {}
    found = {}
    for row in session.execute(select(TidplanState.remiss_id, TidplanState.proposals, TidplanState.feasible,
                                      TidplanState.extension_step, TidplanState.suggested_extension_on)
                               .join(Remiss, TidplanState.remiss_id == Remiss.id)
                               .where(Remiss.id.in_(ids), *_needing(today, None))):
        said = (late_proposals(row.proposals, {row.extension_step}, today) if row.feasible
                else holding(advice(row.proposals), today))
        if said:
            found[row.remiss_id] = said[0]
        elif row.suggested_extension_on is not None:
            found[row.remiss_id] = ("Begär förlängd remisstid till minst "
                                    f"{format_weekday_date(row.suggested_extension_on)}.")
        else:
            found[row.remiss_id] = ""
    return found


def proposal(session: Session, remiss_id: int, today: date) -> str | None:
    """The Tidplan's förlängning proposal for the remiss today; "" when it needs one and there is no text for it,
    None when it needs none (proposals, for one remiss)."""
    return proposals(session, [remiss_id], today).get(remiss_id)
