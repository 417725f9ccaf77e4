"""Store the tidplan's verdict (TidplanState): feasible or not, omedelbar justering, the chosen meeting, its
warnings and proposals. A nämndsammanträde set by hand is the plan in force: the verdict then speaks of it, not of
the meeting the planner chose (walk19 G3), so the Tidplan, the start page and the lists tell one plan."""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlmodel import Session

from remiss.calendar import Tidplan
from remiss.calendar.after_beslut import Decided
from remiss.calendar.hand_set import HandSet
from remiss.calendar.swedish import format_weekday_date
from remiss.planning.models import TidplanState
from remiss.remisser.models import Remiss


def store_state(session: Session, *, now: datetime, remiss: Remiss, plan: Tidplan | None,
                decided: Decided | None = None) -> None:
    """Store the planner's verdict on the remiss's tidplan (the meeting the beslut names once there is one)."""
    state = session.get(TidplanState, remiss.id) or TidplanState(remiss_id=remiss.id, planned_at=now)
    if plan is None:
        state.feasible, state.needs_omedelbar_justering = True, False
        state.suggested_extension_on = state.meeting_on = None
        state.warnings = json.dumps(["Remissen har ingen sista svarsdag; ingen tidplan kan beräknas."],
                                    ensure_ascii=False)
        state.store_proposals([])
    else:
        state.feasible = plan.feasible
        state.needs_omedelbar_justering = plan.needs_omedelbar_justering
        state.suggested_extension_on = plan.suggested_extension
        state.meeting_on = plan.chosen_meeting.day if plan.chosen_meeting else None
        state.warnings = json.dumps([_advice_entry(t, plan) for t in plan.warnings], ensure_ascii=False)
        state.store_proposals([_advice_entry(t, plan) for t in plan.proposals])
    if decided is not None:
        state.meeting_on = decided.day
    state.planned_at = now
    session.add(state)


def store_hand_set(session: Session, *, now: datetime, remiss: Remiss, day: date, followed: HandSet) -> None:
    """Store the verdict of a plan built on the nämndsammanträde set by hand to day: its summary, omedelbar
    justering only when that meeting needs it, no advice written for the computed meeting (walk19 G3)."""
    state = session.get(TidplanState, remiss.id) or TidplanState(remiss_id=remiss.id, planned_at=now)
    omedelbar = not followed.late and followed.justering.flag_reason == "omedelbar_justering"
    state.needs_omedelbar_justering, state.meeting_on = omedelbar, day
    if not followed.late:  # in time; a meeting too late keeps the planner's verdict and suggested förlängning
        state.feasible, state.suggested_extension_on = True, None
    state.warnings = json.dumps([{"text": followed.summary, "headline": True} if omedelbar else followed.summary],
                                ensure_ascii=False)
    state.store_proposals([f"Föreslå att paragrafen justeras omedelbart vid sammanträdet "
                           f"{format_weekday_date(day)} (omedelbar justering)."] if omedelbar else [])
    state.planned_at = now
    session.add(state)


def _advice_entry(text: str, plan: Tidplan) -> str | dict:
    """A stored warning or proposal: its text, with the milestone it holds for while that one is late; the
    omedelbar justering note is marked as the tidplan's headline."""
    if text and text == plan.omedelbar_note:
        return {"text": text, "headline": True}
    kind = plan.until_done.get(text)
    return {"text": text, "until_done": kind} if kind else text
