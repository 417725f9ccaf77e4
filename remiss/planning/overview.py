"""Försenat i förvaltningen: the late and at-risk steps of every open remiss in the nämnder the user can see, per
nämnd, for the chef (granskare) and the controller (läsare) — in a fixed number of statements, however many remisser
there are."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, func, or_, union_all
from sqlmodel import Session, select

from remiss.auth.access import Action, Principal
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local
from remiss.planning import extension_needed
from remiss.planning.extension_needed import needing_counts, needs_extension
from remiss.planning.pending_extension import instead_of_asking, pending_requests, waiting_words
from remiss.planning import agenda
from remiss.planning.models import Milestone
from remiss.planning.present import DueRow, due_row
from remiss.planning.service.missed import with_ways_out
from remiss.planning.start_kinds import in_kind_words_needing, in_kind_words_rows, other_kinds
from remiss.remisser.kind_words import ARENDE, REMISS, extended_of, numbered
from remiss.remisser.models import Direction, Remiss, is_open
from remiss.remisser.queries import namnder_for

# Late steps the page shows, the latest kept (as the start page's LATE_SHOWN); the counts per nämnd stay true.
LATE_SHOWN = 500
# Steps that need attention (flagged) the page shows, the earliest first.
AT_RISK_SHOWN = 500


@dataclass
class NamndOverview:
    """One nämnd's part of the page."""

    namnd_id: int
    name: str
    late: list[DueRow] = field(default_factory=list)
    at_risk: list[DueRow] = field(default_factory=list)  # flagged ("Kräver uppmärksamhet"), not yet late
    extension_needed: list[dict] = field(default_factory=list)
    late_count: int = 0  # every late step of the nämnd, also those the page leaves out (LATE_SHOWN)
    extension_count: int = 0  # every remiss of the nämnd that needs a förlängning (extension_needed.SHOWN listed)
    extension_others: int = 0  # how many of them are of another kind than a remiss (a medborgarförslag)

    @property
    def late_left_out(self) -> int:
        return self.late_count - len(self.late)

    @property
    def extension_left_out(self) -> int:
        return max(0, self.extension_count - len(self.extension_needed))

    @property
    def extension_words(self) -> str:  # "2 remisser", "3 ärenden" when a medborgarförslag is among them
        return numbered(self.extension_count, self.extension_others)

    @property
    def extension_time(self) -> str:  # "förlängd remisstid", of medborgarförslag "förlängd svarstid" (kind_words)
        return extended_of(self.extension_count, self.extension_others)


@dataclass
class LateOverview:
    namnder: list[NamndOverview]  # the nämnder with something late or at risk, by name
    quiet: int  # visible nämnder with nothing late or at risk
    late_cut: int  # > 0: the late lists show only this many steps in all, the latest
    at_risk_cut: int  # > 0: the flagged steps shown are only this many, the earliest
    today: str
    extension_cut: int = 0  # > 0: more need a förlängning than the page lists: this many, the earliest deadlines

    @property
    def late_count(self) -> int:
        return sum(n.late_count for n in self.namnder)

    @property
    def at_risk_count(self) -> int:
        return sum(len(n.at_risk) for n in self.namnder)

    @property
    def extension_count(self) -> int:
        return sum(n.extension_count for n in self.namnder)

    @property
    def extension_many(self) -> str:  # "remisser", "ärenden" when a medborgarförslag needs a förlängning too
        return ARENDE.many if any(n.extension_others for n in self.namnder) else REMISS.many

    @property
    def extension_time(self) -> str:  # "förlängd remisstid", of medborgarförslag "förlängd svarstid" (kind_words)
        return extended_of(self.extension_count, sum(n.extension_others for n in self.namnder))


def late_overview(session: Session, principal: Principal, now: datetime) -> LateOverview:
    """The late steps (however old), the flagged steps not yet late and the remisser that need a förlängning, of
    the open remisser of every nämnd the principal may view, grouped per nämnd."""
    now_local = local(now)
    today = now_local.date()
    namnder = namnder_for(session, principal, Action.view)  # who may see which nämnd: decided there
    ids = [n.id for n in namnder]
    # every nämnd (an administrator): no list of ids in the statements, as on the start page
    scope = None if principal.visible_namnd_ids() is None else ids
    late_items = agenda.items(session, namnd_ids=scope, end=today, limit=LATE_SHOWN + 1, newest_first=True)
    late_cut = len(late_items) > LATE_SHOWN
    late_items = late_items[-LATE_SHOWN:]
    flagged = agenda.items(session, namnd_ids=scope, start=today, flagged_only=True, limit=AT_RISK_SHOWN)
    parts = {n.id: NamndOverview(n.id, n.name) for n in namnder}
    late_keys = set()
    for item in late_items:
        row = due_row(item, now_local)
        if row.overdue:
            parts[item.namnd_id].late.append(row)
            late_keys.add((item.remiss_id, item.kind))
    for item in flagged:
        row = due_row(item, now_local)
        if row.flagged and (item.remiss_id, item.kind) not in late_keys:
            parts[item.namnd_id].at_risk.append(row)
    needs = needs_extension(session, namnd_ids=scope, today=today)
    asked = pending_requests(session, [r.id for r in needs])  # requested, not yet answered: said, not asked again
    for r in needs:
        parts[r.namnd_id].extension_needed.append(
            {"remiss_id": r.id, "dnr": r.our_dnr or "", "title": r.title,
             "deadline": format_weekday_date(r.effective_deadline_on),
             "suggested": format_weekday_date(r.suggested_extension_on) if r.suggested_extension_on else "",
             "asked": waiting_words(asked[r.id]) if r.id in asked else "",
             # the plan holds but a step's date has passed: the Tidplan's own words (walk18 F4)
             "late": instead_of_asking(r.late_proposal, waiting_words(asked[r.id]) if r.id in asked else "")})
    for part in parts.values():  # a missed meeting's ways out as they hold today (as the remiss page)
        part.late, part.at_risk = with_ways_out(session, part.late, today), with_ways_out(session, part.at_risk, today)
    # a medborgarförslag's rows in its own words, as on the start page (walk18 F7): one statement for the kinds
    kinds = other_kinds(session, {r.remiss_id for p in parts.values() for r in p.late + p.at_risk}
                        | {r.id for r in needs})
    for part in parts.values():
        part.late, part.at_risk = in_kind_words_rows(part.late, kinds), in_kind_words_rows(part.at_risk, kinds)
        part.extension_needed = [in_kind_words_needing(item, kinds) for item in part.extension_needed]
    counts = _late_counts(session, scope, now_local) if late_cut else {}
    # the list of all nämnder is cut at extension_needed.SHOWN: then the counts per nämnd come from one grouped count
    needing = needing_counts(session, namnd_ids=scope, today=today) if len(needs) >= extension_needed.SHOWN else None
    for part in parts.values():
        part.late_count = counts.get(part.namnd_id, len(part.late)) if late_cut else len(part.late)
        listed = (len(part.extension_needed), sum(item["remiss_id"] in kinds for item in part.extension_needed))
        part.extension_count, part.extension_others = listed if needing is None else needing.get(part.namnd_id, (0, 0))
    shown = [p for p in parts.values() if p.late_count or p.at_risk or p.extension_count]
    return LateOverview(shown, len(parts) - len(shown), LATE_SHOWN if late_cut else 0,
                        AT_RISK_SHOWN if len(flagged) >= AT_RISK_SHOWN else 0,
                        format_weekday_date(today),
                        extension_cut=len(needs) if needing and sum(n.count for n in needing.values()) > len(needs)
                        else 0)


def _late_counts(session: Session, namnd_ids: list[int] | None, now_local) -> dict[int, int]:
    """Late open steps and passed sista svarsdagar per nämnd (namnd_ids None: every nämnd), counted in one
    statement (when the lists are cut)."""
    scope = [] if namnd_ids is None else [Remiss.namnd_id.in_(namnd_ids or [-1])]
    today = now_local.date()
    # a deadline passes at its clock time (calendar.timeliness.has_passed): today's kl. 07.30 is late at 07.45
    passed = or_(Remiss.effective_deadline_on < today,
                 and_(Remiss.effective_deadline_on == today, Remiss.effective_deadline_time.is_not(None),
                      Remiss.effective_deadline_time < now_local.time().replace(tzinfo=None)))
    # grouped by namnd_id + 0, not the column: SQLite otherwise walks every remiss by ix_remiss_namnd_id to save
    # a sort (143 ms at 100,000 remisser), instead of reading the open ones by status (2 ms)
    namnd = (Remiss.namnd_id + 0).label("namnd")
    steps = (select(namnd, func.count().label("n")).select_from(Milestone)
             .join(Remiss, Milestone.remiss_id == Remiss.id)
             .where(*scope, Remiss.direction == Direction.inkommande, is_open(),
                    Milestone.kind != agenda.DEADLINE, Milestone.done_at.is_(None), Milestone.due_on < today)
             .group_by(namnd))
    deadlines = (select(Remiss.namnd_id, func.count().label("n"))
                 .where(*scope, Remiss.direction == Direction.inkommande, is_open(), passed)
                 .group_by(Remiss.namnd_id))
    counts: dict[int, int] = {}
    for namnd_id, n in session.execute(union_all(steps, deadlines)):
        counts[namnd_id] = counts.get(namnd_id, 0) + n
    return counts
