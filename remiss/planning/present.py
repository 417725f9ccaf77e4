"""Display-ready values for the planning pages: Swedish dates, overdue texts, the start page's lists and the remiss
page's Förlängningar panel (its Tidplan panel: planning.tidplan_panel; the calendar's month and day:
planning.calendar_cells)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.auth.access import Action, Principal
from remiss.calendar.milestones import planned_words
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local
from remiss.planning import agenda
from remiss.planning.agenda import AgendaItem
from remiss.planning import extension_needed
from remiss.planning.extension_needed import needing_counts, needs_extension
from remiss.planning.flags import reason_text
# relative: the words, imported from here by others
from remiss.planning.lateness import lateness, relative  # noqa: F401
from remiss.planning.models import Extension
from remiss.planning.onlooker import is_onlooker, needing_state, row_state
from remiss.planning.service import extensions, tidplan
from remiss.planning.pending_extension import instead_of_asking, pending_requests, waiting_words
from remiss.planning.tidplan_panel import stored_tidplan
from remiss.planning.start_kinds import in_kind_words_needing, in_kind_words_rows, other_kinds
from remiss.planning.passed_advice import holding
from remiss.planning.service.missed import with_ways_out
from remiss.remisser.finished import is_finished
from remiss.remisser.kind_words import extended_of, numbered
from remiss.remisser.models import Remiss

HORIZON_DAYS = 21
# the badge of the Sista svarsdag while the yttrande's mail waits, instead of "Klar" (walk25b Z4, Z10): the Tidplan,
# the Kalender and its feed say it alike
MAIL_WAITS_TAG = "Väntar på e-post"


@dataclass(frozen=True)
class DueRow:
    """A milestone or deadline in the start page's and calendar's tables."""

    remiss_id: int
    dnr: str
    title: str
    label: str
    when: str  # "torsdag 24 september 2015 kl. 12.00"
    relative: str
    overdue: bool
    flagged: bool
    explanation: str
    # "Klar" when the work is done, "Utgår" when the remiss was withdrawn or declined first, a finished remiss's
    # status on its Sista svarsdag ("Besvarad": AgendaItem.done_tag, walk34 #3)
    done: str = ""
    planned: str = ""  # "planerat 3 mars": work done on another day than planned, shown on the day it was done
    flag_reason: str = ""  # why it is flagged, in words: "omedelbar justering behövs" (planning.flags)
    # a förlängning requested and not yet answered, on the remiss's sista svarsdag and late rows (pending_extension)
    asked: str = ""
    at: str = ""  # "kl. 12.00": a sista svarsdag's time of day, shown after the label in the month cell (walk18 F18)


def due_row(item: AgendaItem, now_local: datetime) -> DueRow:
    """The display of an agenda item: a done one says so, never "om 3 dagar" or "försenad"; an open one is late as
    lateness() counts it (from the arrival, or because of the late step it waits for)."""
    when = format_weekday_date(item.day) + (f" kl. {item.at:%H.%M}" if item.at else "")
    done = (MAIL_WAITS_TAG if item.mail_waits else item.done_tag) if item.done else ""
    late, words = lateness(item.kind, item.day, now_local.date(), received=item.received, waiting=item.waiting,
                           before_due=item.before_due, missed_on=item.missed_on, flag_reason=item.flag_reason,
                           at=item.at, now=now_local)  # only a deadline or an anstånd has a time
    # a deadline (or an instans's anstånd) has passed, is not late work: agenda.is_overdue says when it is
    overdue = agenda.is_overdue(item, now_local) if item.at or item.kind == agenda.DEADLINE else late and not item.done
    if not item.ours and late:  # the instansers' svarstid has run out: not late work of ours (truth16 F12)
        words = "svarstiden har gått ut" + (f", {item.awaited}" if item.awaited else "")
    return DueRow(item.remiss_id, item.dnr, item.title, item.label, when, done.lower() if done else words,
                  overdue, item.flagged and not item.done and not item.waiting,
                  item.explanation, done, planned_words(item.planned, item.day) if item.planned else "",
                  reason_text(item.flag_reason, item.kind) if item.flagged else "",
                  at=f"kl. {item.at:%H.%M}" if item.at else "")


@dataclass
class StartSection:
    """The planning part of the start page."""

    mine: list[DueRow]
    namnder: list[DueRow]
    extension_needed: list[dict]
    horizon: str
    late_cut: int = 0  # > 0: a list shows only this many late steps, the latest; there are more
    template: str = "planning/_start.html"
    extension_left_out: str = ""  # the ärenden that need a förlängning after the SHOWN listed: "3 remisser"
    extension_time: str = ""  # what those need: "förlängd remisstid" (kind_words.extended_of)
    onlooker: bool = False  # a läsare: "På gång", states instead of steps to take (planning.onlooker, walk26 W7)


def start_section(session: Session, principal: Principal, now: datetime) -> StartSection:
    """Collect what is due for me and my nämnder in the coming weeks, overdue first: late work is shown however
    old (walk9: late work must not fall off the list), up to LATE_SHOWN steps a list, the latest of them, and the
    page says when there are more."""
    now_local = local(now)
    today, end = now_local.date(), now_local.date() + timedelta(days=HORIZON_DAYS)
    visible = principal.visible_namnd_ids()
    mine, mine_cut = _due(session, namnd_ids=visible, handlaggare_id=principal.user_id, today=today, end=end)
    mine_keys = {(i.remiss_id, i.kind) for i in mine}
    theirs, theirs_cut = _due(session, namnd_ids=visible, handlaggare_id=None, today=today, end=end)
    theirs = [i for i in theirs if (i.remiss_id, i.kind) not in mine_keys]
    needs = needs_extension(session, namnd_ids=visible, today=today)
    per_namnd = needing_counts(session, namnd_ids=visible, today=today) if len(needs) >= extension_needed.SHOWN else {}
    left_out = max(0, sum(n.count for n in per_namnd.values()) - len(needs))
    # a förlängning requested and not yet answered is said, not asked for again (pending_extension)
    asked = {rid: waiting_words(e) for rid, e in pending_requests(
        session, [i.remiss_id for i in mine + theirs] + [r.id for r in needs]).items()}
    needing = []
    for row in needs:
        proposals = holding(tidplan.advice(row.proposals), today)
        needing.append({"remiss_id": row.id, "dnr": row.our_dnr or "", "title": row.title,
                        "deadline": format_weekday_date(row.effective_deadline_on),
                        "suggested": format_weekday_date(row.suggested_extension_on)
                        if row.suggested_extension_on else "",
                        "proposal": proposals[0] if proposals else "", "asked": asked.get(row.id, ""),
                        # the plan holds but a step's date has passed: the Tidplan's own words (walk18 F4)
                        "late": instead_of_asking(row.late_proposal, asked.get(row.id, ""))})
    mine_rows = with_ways_out(session, _shown(mine, now_local, asked), today)
    their_rows = with_ways_out(session, _shown(theirs, now_local, asked), today)
    onlooker = is_onlooker(principal)
    if onlooker:  # what they cannot do is not asked of them
        needing = [n | {"state": needing_state(n)} for n in needing]
        mine_rows, their_rows = [row_state(r) for r in mine_rows], [row_state(r) for r in their_rows]
    kinds = other_kinds(session, {r.remiss_id for r in mine_rows + their_rows} | {n["remiss_id"] for n in needing})
    # "ärenden" when a medborgarförslag is among those left out (kind_words)
    others_left_out = sum(n.others for n in per_namnd.values()) - sum(n["remiss_id"] in kinds for n in needing)
    return StartSection(mine=in_kind_words_rows(mine_rows, kinds), namnder=in_kind_words_rows(their_rows, kinds),
                        extension_needed=[in_kind_words_needing(n, kinds) for n in needing],
                        horizon=format_weekday_date(end), late_cut=LATE_SHOWN if mine_cut or theirs_cut else 0,
                        extension_left_out=numbered(left_out, others_left_out) if left_out else "",
                        extension_time=extended_of(left_out, others_left_out),
                        onlooker=onlooker)


COMING_SHOWN = 50  # of what is not late, the start page shows the first 50 of each list
# Late steps a list shows, the latest first chosen: a nämnd whose open remisser were never closed can have
# thousands, and a page of thousands of rows helps nobody (the calendar and the diarium show them all).
LATE_SHOWN = 200


def _due(session: Session, *, namnd_ids, handlaggare_id: int | None, today: date,
         end: date) -> tuple[list[AgendaItem], bool]:
    """What is due up to today (the latest LATE_SHOWN) and the first of what comes until end, in date order, and
    whether late steps were left out: two statements each, whatever the number of rows."""
    late = agenda.items(session, namnd_ids=namnd_ids, handlaggare_id=handlaggare_id, end=today,
                        limit=LATE_SHOWN + 1, newest_first=True)
    cut = len(late) > LATE_SHOWN
    return (late[-LATE_SHOWN:] + agenda.items(session, namnd_ids=namnd_ids, handlaggare_id=handlaggare_id,
                                               start=today + timedelta(days=1), end=end, limit=2 * COMING_SHOWN),
            cut)


def _shown(items: list[AgendaItem], now_local: datetime, asked: dict[int, str] | None = None) -> list[DueRow]:
    """Every late row, and the first COMING_SHOWN of the others, in date order; asked: remiss id → the words of its
    förlängning requested and not yet answered, said on its sista svarsdag and on its late steps (truth17 #2)."""
    rows, coming = [], 0
    for item in sorted(items, key=lambda item: item.sort_key):
        row = due_row(item, now_local)
        if asked and item.remiss_id in asked and not row.done and (row.overdue or item.kind == agenda.DEADLINE):
            row = replace(row, asked=asked[item.remiss_id])
        if row.overdue or coming < COMING_SHOWN:
            rows.append(row)
            coming += not row.overdue
    return rows


@dataclass(frozen=True)
class ExtensionRow:
    id: int
    general: bool
    requested_by: str
    requested_on: str
    requested_until: str
    reason: str
    decision: str
    decision_label: str
    granted_until: str
    decided_on: str
    evidence_text: str
    evidence_attachment_id: int | None
    requested_until_iso: str


def _moment(day: date | None, at) -> str:
    if day is None:
        return ""
    return format_weekday_date(day) + (f" kl. {at:%H.%M}" if at else "")


_X = Extension.__table__.c
_EXTENSIONS = (select(_X.id, _X.is_general, _X.requested_by, _X.requested_on, _X.requested_until_on,
                      _X.requested_until_time, _X.reason, _X.decision, _X.granted_until_on, _X.granted_until_time,
                      _X.decided_on, _X.evidence_text, _X.evidence_attachment_id)
               .where(_X.remiss_id == bindparam("remiss_id"), _X.sandlista_entry_id.is_(None))
               .order_by(_X.created_at, _X.id))


def extensions_panel(session: Session, principal: Principal, remiss: Remiss, now: datetime) -> dict:
    """Context for the Förlängningar panel on the remiss page: the remiss-wide extensions, oldest first."""
    found = session.connection().execute(_EXTENSIONS, {"remiss_id": remiss.id}).all()
    # a request the sista svarsdag in force reaches waits for nothing: superseded, no besked form (walk19 G4)
    rows = [ExtensionRow(e.id, e.is_general, e.requested_by, format_weekday_date(e.requested_on)
                         if e.requested_on else "", _moment(e.requested_until_on, e.requested_until_time),
                         e.reason, extensions.decision_of(remiss, e), extensions.decision_label(remiss, e, found),
                         _moment(e.granted_until_on, e.granted_until_time),
                         format_weekday_date(e.decided_on) if e.decided_on else "", e.evidence_text,
                         e.evidence_attachment_id,
                         e.requested_until_on.isoformat() if e.requested_until_on else "")
            for e in found]
    state, _ = stored_tidplan(session, remiss.id)
    return {"extensions": rows, "may_edit": principal.may(Action.edit, remiss.namnd_id) and not is_finished(remiss),
            "original": _moment(remiss.deadline_on, remiss.deadline_time),
            "in_force": _moment(remiss.effective_deadline_on, remiss.effective_deadline_time),
            "nothing_to_extend": extensions.nothing_to_extend(remiss),  # no forms then, the reason instead
            "suggested": state.suggested_extension_on.isoformat() if state and state.suggested_extension_on
            else ""}
