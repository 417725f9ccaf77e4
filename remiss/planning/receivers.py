"""Replan the tidplan when a remiss is registered or its deadline in force moves."""
from __future__ import annotations

from remiss import events
from remiss.planning import tidplan


def _replan(remiss, *, session, now, actor_id=None, **_):
    tidplan.replan(session, now=now, remiss=remiss, actor_id=actor_id)


events.remiss_registered.connect(_replan)
events.deadline_changed.connect(_replan)
