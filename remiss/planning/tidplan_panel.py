"""The remiss page's Tidplan panel: each milestone as a display-ready row (when, how late, what it says, why it is
not marked by hand) and the plan's advice (split from planning.present, which keeps the start page's lists and the
Förlängningar panel)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.auth.access import Action, Principal, may_mark_milestone
from remiss.calendar.after_beslut import AU_BESLUT_LABEL
from remiss.calendar.milestones import DELEGAT_LABEL, WAITS_FOR, told
from remiss.calendar.missed import MEETING_STEPS, MISSED, said_as
from remiss.calendar.missed import next_step as missed_next_step
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local
from remiss.db import read_once
from remiss.drafting import mail_state
from remiss.planning import agenda
from remiss.planning.flags import reason_text
from remiss.planning.lateness import lateness, missed_meeting_day, needs_attention, waiting_kinds
from remiss.planning.models import Milestone, TidplanState
from remiss.planning.passed_advice import holding, still_holds, without_passed_alternatives
from remiss.planning.pending_extension import advice_while_waiting, instead_of_asking, pending_request, waiting_words
from remiss.planning.service import tidplan
from remiss.planning.service.milestones import called_off_words
from remiss.planning.service.missed import meeting_in_time
from remiss.planning.service.recorded import (by_hand_refusal, justering_waits, kept_by_record, refusal_said,
                                             skipped_by_hand, skipped_words, waits_to_be_sent)
from remiss.remisser.finished import is_finished
from remiss.remisser.kind_words import REMISS, noun_of, reword
from remiss.remisser.models import Direction, Remiss
from remiss.remisser.present import answered_by_hand, answered_words
from remiss.remisser.status import RemissStatus, called_off

OWNER_LABELS = {"handlaggare": "Handläggare", "granskare": "Granskare / chef", "registrator": "Registrator",
                "namnd": "Nämnden"}
# The beslut taken by another than the nämnd (after_beslut.follow_decision relabels it): who took it (walk33)
DECIDER_LABELS = {DELEGAT_LABEL: "Delegaten", AU_BESLUT_LABEL: "Arbetsutskottet"}
# the sista svarsdag's row of a remiss expedierad in time whose yttrande has not left the Utkorg (walk25 Y9)
NOT_SENT_ROW = "expedierat, men yttrandet är inte e-postat än"
# … expedierat after the sista svarsdag: not "besvarad för sent" before the mail has left (walk25b Z12)
NOT_SENT_LATE_ROW = "expedierat efter sista svarsdagen, men yttrandet är inte e-postat än"


@dataclass(frozen=True)
class MilestoneRow:
    id: int
    kind: str
    label: str
    owner: str
    when: str
    planned: str
    override: str
    override_reason: str
    override_iso: str
    explanation: str
    flagged: bool
    done: bool
    overdue: bool
    relative: str
    cancelled: bool = False  # "Utgår": ticked off only because the remiss was withdrawn or declined
    answered_late: bool = False  # the sista svarsdag of a remiss answered after it
    flag_reason: str = ""  # why it is flagged, in words: "omedelbar justering behövs" (planning.flags)
    missed: str = ""  # the sammanträde passed without its step: what to do, for "Nästa steg" (calendar.missed)
    not_by_hand: str = ""  # why it is done only by the expediering, not by a click (milestones.by_hand_refusal)
    mail_waits: bool = False  # the Sista svarsdag of an expedierat yttrande whose mail waits: not Klar yet (Z4)


_R = Remiss.__table__.c
_S = TidplanState.__table__.c
_M = Milestone.__table__.c
# Built once: the tidplan verdict and the milestones of a remiss in one statement (the verdict's columns repeat
# on each milestone row; one row of NULL milestone columns when there are none).
_TIDPLAN = (select(_S.remiss_id.label("state_of"), _S.feasible, _S.needs_omedelbar_justering,
                   _S.suggested_extension_on, _S.warnings, _S.proposals,
                   _M.id, _M.kind, _M.label, _M.owner_role, _M.planned_on, _M.planned_time, _M.explanation,
                   _M.advice, _M.flagged, _M.flag_reason, _M.override_on, _M.override_reason, _M.due_on, _M.done_at,
                   _M.closed_with_remiss)
            .select_from(Remiss.__table__).outerjoin(TidplanState.__table__, _S.remiss_id == _R.id)
            .outerjoin(Milestone.__table__, _M.remiss_id == _R.id).where(_R.id == bindparam("remiss_id"))
            # in workflow order, whatever the dates: a done step keeps the date planned when it was done, which a
            # back-dated beslut can leave after the meeting (walk11 finding 9), and is shown on the day it was done
            # (walk17 F4)
            .order_by(_M.position, _M.due_on))


def stored_tidplan(session: Session, remiss_id: int) -> tuple:
    """(verdict row or None, milestone rows by date, ties in step order) of a remiss, read once per remiss page."""
    def load():
        found = session.connection().execute(_TIDPLAN, {"remiss_id": remiss_id}).all()
        state = found[0] if found and found[0].state_of is not None else None
        return state, [m for m in found if m.id is not None]
    return read_once(session, ("tidplan", remiss_id), load)


HELD_STEPS = MEETING_STEPS + ("justering",)  # dated by the sammanträde, registered afterwards


def done_on(m: Milestone) -> date:
    """The day a done step happened: a sammanträde's (and its justering's) its day, not when its beslut was typed
    in (truth16 F7); other work the day it was marked done."""
    marked = local(m.done_at).date()
    return min(m.due_on, marked) if m.kind in HELD_STEPS else marked


def tidplan_panel(session: Session, principal: Principal, remiss: Remiss, now: datetime) -> dict:
    """Context for the Tidplan panel on the remiss page."""
    today = local(now).date()
    state, milestones = stored_tidplan(session, remiss.id)
    # the Justering of a beslut waiting for its justering is marked klar only by registering it (walk24 V13)
    waits = justering_waits(session, remiss)
    sending = waits_to_be_sent(milestones)  # expedierat, its sending not registered yet (walk24 V11)
    # A finished remiss has no open work: no late or flagged steps, no advice to ask for more time.
    closed = RemissStatus(remiss.status).is_closed
    waiting = waiting_kinds(milestones)
    due = {m.kind: m.due_on for m in milestones}
    missed_on = missed_meeting_day(milestones)  # the nämnd did not decide: what follows is late because of it
    lateness_of = {m.kind: lateness(m.kind, m.due_on, today, received=remiss.received_on, waiting=m.kind in waiting,
                             before_due=due.get(WAITS_FOR.get(m.kind)), missed_on=missed_on,
                             flag_reason=m.flag_reason,
                             at=m.planned_time if m.kind == agenda.DEADLINE and not m.override_on else None, now=now)
                   for m in milestones if m.done_at is None}
    if remiss.direction == Direction.utgaende and agenda.DEADLINE in lateness_of:  # the instansers' deadline
        passed = lateness_of[agenda.DEADLINE][0]
        lateness_of[agenda.DEADLINE] = (False, "svarstiden har gått ut" if passed else lateness_of[agenda.DEADLINE][1])
    # a missed sammanträde: "ta upp ärendet vid nästa sammanträde" only when one comes before the sista svarsdag
    in_time = (closed or not any(m.flag_reason == MISSED and m.done_at is None for m in milestones)
               or meeting_in_time(session, remiss, today))
    pending = None if closed else pending_request(session, remiss.id)
    asked = waiting_words(pending) if pending is not None else ""
    rows = []
    answered = answered_words(remiss, tidplan.work_calendar(session),
                              by_hand=answered_by_hand(session, remiss)) if remiss.answered_at else None
    # besvarad once the yttrande has left the Utkorg; too late is true already (walk25 Y9, as the page's header)
    unsent = bool(answered) and mail_state.not_sent_yet(session, remiss)
    if unsent and not answered[0]:
        answered = None
    # an arbetsutskott's beslut is one event: "Arbetsutskott (beslut)" stays, the Arbetsutskott step of the same
    # day goes, as in the month calendar (agenda._once)
    au_beslut = {m.due_on for m in milestones if m.kind == "namnd" and m.label == AU_BESLUT_LABEL}
    kept = kept_by_record(session, remiss)  # done steps the registered beslut keeps done (walk18 F20)
    mail_waits = mail_state.waiting_words(session, remiss.id) if remiss.answered_at else ""
    for m in milestones:
        if m.kind == "arbetsutskott" and m.due_on in au_beslut:
            continue
        skipped = skipped_by_hand(remiss.status, m)  # walk18 F21, walk19 G1
        cancelled = called_off(remiss.status, m.closed_with_remiss) or skipped
        attention = needs_attention(m, waiting=waiting, closed=closed)
        # done work on the day it was done, as the Kalender shows it (agenda.shown_on; walk17 F4)
        shown_on, planned_on = agenda.shown_on(m)
        when = format_weekday_date(shown_on) + (f" kl. {m.planned_time:%H.%M}" if m.planned_time and
                                                not m.override_on else "")
        # what the step says today: no passed meeting offered (passed_advice), a förlängning asked for said so
        explanation = without_passed_alternatives(told(
            m.kind, m.explanation, m.advice, done_on=local(m.done_at).date() if m.done_at else None, due_on=m.due_on,
            called_off=bool(m.closed_with_remiss), closed=closed), today)
        if asked and m.done_at is None:
            explanation = instead_of_asking(explanation, asked)
        explanation = said_as(explanation, in_time)
        if m.kind == "expediering" and m.done_at is not None and mail_waits:  # not e-mailed yet (walk18 F2)
            explanation = f"{explanation} {mail_waits}".strip()
        rows.append(MilestoneRow(
            m.id, m.kind, m.label,
            (m.kind == "namnd" and DECIDER_LABELS.get(m.label)) or OWNER_LABELS.get(m.owner_role, m.owner_role), when,
            format_weekday_date(m.planned_on), format_weekday_date(m.override_on) if m.override_on else "",
            m.override_reason, m.override_on.isoformat() if m.override_on else "",
            # advice and "the date had passed" hold while the step is open; once done, it says what happened
            explanation,
            attention,
            m.done_at is not None and not cancelled,
            m.done_at is None and not closed and lateness_of[m.kind][0],
            skipped_words(m.kind) if skipped
            else f"utgår, {called_off_words(remiss.status)}" if cancelled
            else NOT_SENT_LATE_ROW if unsent and answered and m.kind == "sista_svarsdag"
            else f"besvarad {answered[1]}" if answered and m.kind == "sista_svarsdag"
            else NOT_SENT_ROW if unsent and m.kind == "sista_svarsdag"
            else f"klar, planerat {format_weekday_date(planned_on)}" if m.done_at is not None and planned_on
            else "klar" if m.done_at is not None and m.kind in agenda.DONE_WORDS and not m.closed_with_remiss
            else f"klar {format_weekday_date(done_on(m))}" if m.done_at is not None
            else called_off_words(remiss.status) if closed else lateness_of[m.kind][1],
            cancelled, bool(answered and answered[0] and m.kind == "sista_svarsdag"),
            said_as(reason_text(m.flag_reason, m.kind), in_time) if attention else "",
            # a förlängning already asked for is said, not asked for again (pending_extension)
            instead_of_asking(missed_next_step(m.kind, m.due_on, in_time), asked)
            if m.flag_reason == MISSED and m.done_at is None and not closed else "",
            refusal_said(m, sending=sending)
            or (kept.get(m.kind, "") if m.done_at is not None else "")
            or (waits if m.kind == "justering" else ""),
            mail_waits=unsent and m.kind == "sista_svarsdag" and m.done_at is not None))
    # once the nämnd has decided, asking for more time or omedelbar justering is advice too late to take
    advice = state is not None and not closed and remiss.status != RemissStatus.beslutad
    # advice given because a date had passed holds while that milestone is still open and late
    late = {m.kind for m in milestones if m.done_at is None and m.due_on < today} - waiting
    said = {"milestones": rows, "outgoing": remiss.direction == Direction.utgaende, "closed": closed,
            "asked": asked,  # "Förlängning till … är begärd och väntar på besked.": Nästa steg says it too
            "feasible": state.feasible if advice else True,
            # the planner's own words: "behövs" only when no meeting fits with ordinary justering
            # advice naming a sammanträde that has passed no longer holds (passed_advice, truth16 F3)
            "omedelbar": (still_holds(tidplan.headline(state.warnings), today)
                          if tidplan.headline(state.warnings) else tidplan.OMEDELBAR_FALLBACK)
            if advice and state.needs_omedelbar_justering else "",
            # a förlängning asked for and not yet answered: said so, not "Begär …" again (truth16 F22)
            "warnings": advice_while_waiting(holding(tidplan.advice(state.warnings, late), today), asked)
            if advice else [],
            "proposals": advice_while_waiting(holding(tidplan.advice(state.proposals, late), today), asked)
            if advice else [],
            "may_edit": principal.may(Action.edit, remiss.namnd_id) and not is_finished(remiss),
            # the meeting steps, marked by those who keep the sammanträden (remiss.auth.access.MILESTONE_ACTIONS)
            "unmarkable": {m.kind for m in milestones if not may_mark_milestone(principal, remiss.namnd_id, m.kind)
                           or by_hand_refusal(m.kind) or (m.done_at is not None and m.kind in kept)
                           or (m.kind == "justering" and waits)}}
    return _in_kind_words(remiss.kind, said)


def _in_kind_words(kind, panel: dict) -> dict:
    """The Tidplan's texts in the words of the ärende's kind: "före ärendets ankomst" (kind_words, walk18 F7)."""
    if noun_of(kind) is REMISS:
        return panel
    texts = ("explanation", "relative", "flag_reason", "missed", "not_by_hand")
    panel["milestones"] = [replace(row, **{name: reword(getattr(row, name), kind) for name in texts})
                           for row in panel["milestones"]]
    panel.update({key: reword(panel[key], kind) for key in ("omedelbar", "asked")})
    panel.update({key: [reword(text, kind) for text in panel[key]] for key in ("warnings", "proposals")})
    return panel
