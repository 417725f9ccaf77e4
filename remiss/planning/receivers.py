"""Replan the tidplan when a remiss is registered, its deadline in force moves or its nämnd's rules change."""
from __future__ import annotations

from remiss import events
from remiss.planning.service import meetings, tidplan

# the Namnd columns the planner reads (tidplan.rules_of)
RULE_FIELDS = ("tjansteskrivelse_workdays_before_au", "granskning_workdays", "omedelbar_justering_usual",
               "justering_workdays_after_meeting", "expediering_workdays")


def _replan(remiss, *, session, now, actor_id=None, **_):
    tidplan.replan(session, now=now, remiss=remiss, actor_id=actor_id)


events.remiss_registered.connect(_replan)
events.deadline_changed.connect(_replan)


def _rules_changed(namnd, *, session, now, changes, actor_id=None, **_):
    if set(changes) & set(RULE_FIELDS):
        meetings.replan_namnd(session, now=now, namnd_id=namnd.id, actor_id=actor_id)


events.namnd_changed.connect(_rules_changed)
