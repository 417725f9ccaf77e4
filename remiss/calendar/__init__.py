"""Pure calendar and planning core: working days, legal periods, tidplan, ICS. No Flask, no DB."""

from remiss.calendar.ics import CalendarEvent, build_ics, stable_uid
from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.meetings_import import meetings_from_csv, meetings_from_ics
from remiss.calendar.periods import (
    ExplainedDate,
    Period,
    add_months,
    explicit_deadline,
    move_to_vardag,
    parse_period,
    period_deadline,
)
from remiss.calendar.planner import (
    MILESTONE_KINDS,
    PlannedMilestone,
    PlanningRules,
    Tidplan,
    plan_backwards,
)
from remiss.calendar.workdays import WorkCalendar

__all__ = [
    "CalendarEvent", "build_ics", "stable_uid", "meetings_from_csv", "meetings_from_ics",
    "MILESTONE_KINDS", "STOCKHOLM", "ExplainedDate", "Meeting", "Period", "PlannedMilestone",
    "PlanningRules", "Tidplan", "WorkCalendar", "add_months", "explicit_deadline",
    "move_to_vardag", "parse_period", "period_deadline", "plan_backwards",
]
