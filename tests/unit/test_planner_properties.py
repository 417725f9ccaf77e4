from datetime import date, datetime, time, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.milestones import FLAG_REASONS
from remiss.calendar.planner import PlanningRules, plan_backwards
from remiss.calendar.workdays import WorkCalendar

# The tidplan's order as docs/capabilities/planning.md gives it, written here rather than read from the
# planner's MILESTONE_KINDS, so that a wrong order there fails here.
ORDER = ("tjansteskrivelse", "granskning", "arbetsutskott", "namnd", "justering", "expediering", "sista_svarsdag")
START = date(2009, 1, 1)
days = st.integers(min_value=0, max_value=2 * 365).map(lambda n: START + timedelta(days=n))
meetings = st.builds(
    lambda kind, day, hour, handlingar: Meeting(
        kind,
        datetime.combine(day, time(hour), tzinfo=STOCKHOLM),
        handlingar_deadline=None if handlingar is None else day - timedelta(days=handlingar),
    ),
    st.sampled_from(["namnd", "au"]),
    days,
    st.integers(min_value=7, max_value=20),
    st.none() | st.integers(min_value=0, max_value=20),
)
rules = st.builds(
    PlanningRules,
    tjansteskrivelse_workdays_before_au=st.integers(0, 25),
    granskning_workdays=st.integers(0, 10),
    omedelbar_justering_usual=st.booleans(),
    justering_workdays_after_meeting=st.integers(0, 20),
    expediering_workdays=st.integers(0, 5),
)
deadlines = days | st.builds(
    lambda day, hour: datetime.combine(day, time(hour), tzinfo=STOCKHOLM),
    days,
    st.integers(0, 23),
)
calendars = st.builds(WorkCalendar, st.sets(days, max_size=10))


@settings(max_examples=300, deadline=None)
@given(
    deadline=deadlines,
    meeting_list=st.lists(meetings, max_size=12),
    planning_rules=rules,
    calendar=calendars,
    today=st.none() | days,
)
def test_tidplan_invariants(deadline, meeting_list, planning_rules, calendar, today):
    plan = plan_backwards(deadline, meeting_list, planning_rules, calendar, today=today)
    deadline_day = deadline.date() if isinstance(deadline, datetime) else deadline
    kinds = [m.kind for m in plan.milestones]

    assert kinds[-1] == "sista_svarsdag"
    assert kinds == [k for k in ORDER if k in kinds]
    dates = [m.day for m in plan.milestones]
    assert dates == sorted(dates)
    for milestone in plan.milestones:
        if milestone.kind != "sista_svarsdag":
            assert calendar.is_workday(milestone.day), milestone
        elif not calendar.is_workday(milestone.day):
            assert milestone.flagged
        if milestone.day > deadline_day:
            assert milestone.flagged
        if today is not None and milestone.day < today:
            assert milestone.flagged
        assert milestone.label and milestone.explanation
        # a flag always carries the reason the planner gave it, and only a flag does
        assert (milestone.flag_reason in FLAG_REASONS) if milestone.flagged else milestone.flag_reason is None

    if plan.feasible:
        assert {"tjansteskrivelse", "granskning", "namnd", "justering", "expediering"} <= set(kinds)
        assert plan.milestone("expediering").day <= deadline_day
        assert plan.needs_omedelbar_justering == plan.milestone("justering").flagged
    else:
        # no sammanträde fits: still planned backwards, with the latest beslut flagged and what to do
        assert kinds == ["tjansteskrivelse", "granskning", "namnd", "expediering", "sista_svarsdag"]
        assert plan.milestone("namnd").flagged and plan.milestone("namnd").advice
        assert plan.milestone("expediering").day <= deadline_day
        assert plan.warnings and plan.proposals
        if plan.suggested_extension is not None:
            assert plan.suggested_extension > deadline_day
            assert calendar.is_workday(plan.suggested_extension)


@settings(max_examples=300, deadline=None)
@given(
    deadline=deadlines,
    meeting_list=st.lists(meetings, max_size=12),
    planning_rules=rules,
    calendar=calendars,
    today=days,
)
# two nämnd meetings on one day, only the second with a handlingar day already passed: the förlängning was judged
# on the first while the plan for it took the second (a tjänsteskrivelse day before today)
@example(
    deadline=START,
    meeting_list=[
        Meeting("namnd", datetime(2009, 1, 2, 7, tzinfo=STOCKHOLM)),
        Meeting("namnd", datetime(2009, 1, 2, 7, tzinfo=STOCKHOLM), handlingar_deadline=START),
    ],
    planning_rules=PlanningRules(0, 0, False, 0, 0),
    calendar=WorkCalendar(frozenset()),
    today=START,
)
def test_the_suggested_extension_gives_a_plan_that_holds(deadline, meeting_list, planning_rules, calendar, today):
    """truth17 F1: granting the förlängning the plan asks for gives a plan whose every step is still to come, with
    no second förlängning to ask for."""
    plan = plan_backwards(deadline, meeting_list, planning_rules, calendar, today=today)
    if plan.suggested_extension is None:
        return
    granted = plan_backwards(plan.suggested_extension, meeting_list, planning_rules, calendar, today=today)
    assert granted.feasible
    assert granted.milestones[0].day >= today, granted.milestones
    assert not any(m.flag_reason == "redan_passerat" for m in granted.milestones)
    assert granted.suggested_extension is None
