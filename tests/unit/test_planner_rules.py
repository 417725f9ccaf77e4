from datetime import date, datetime

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.planner import PlanningRules, plan_backwards
from remiss.calendar.workdays import WorkCalendar

CAL = WorkCalendar()


def at(year, month, day, hour=17):
    return datetime(year, month, day, hour, 0, tzinfo=STOCKHOLM)


def test_latest_fitting_meeting_and_ordinary_justering():
    # the plan goes on past the deadline (10 December): 22 October is the latest that makes it, not the last entered
    meetings = [Meeting("namnd", at(2015, 9, 24)), Meeting("namnd", at(2015, 10, 22)),
                Meeting("namnd", at(2015, 12, 10))]
    plan = plan_backwards(date(2015, 11, 30), meetings, PlanningRules(), CAL)
    assert plan.milestone("namnd").due == date(2015, 10, 22)
    assert plan.milestone("justering").due == date(2015, 11, 5)
    assert not plan.milestone("justering").flagged
    assert plan.milestone("expediering").due == date(2015, 11, 6)
    assert not plan.needs_omedelbar_justering and not plan.warnings
    # No arbetsutskott among the meetings: the tidplan of docs/capabilities/planning.md without it.
    assert [m.kind for m in plan.milestones] == ["tjansteskrivelse", "granskning", "namnd", "justering",
                                                 "expediering", "sista_svarsdag"]
    assert plan.milestone("tjansteskrivelse").owner_role == "handlaggare"
    assert plan.milestone("granskning").label == "Granskning klar"


def test_omedelbar_justering_as_usual_practice_is_not_flagged():
    rules = PlanningRules(omedelbar_justering_usual=True)
    plan = plan_backwards(date(2015, 9, 30), [Meeting("namnd", at(2015, 9, 24))], rules, CAL)
    assert plan.milestone("justering").due == date(2015, 9, 24)
    assert not plan.milestone("justering").flagged
    assert not plan.needs_omedelbar_justering


def test_handlingar_deadline_earlier_than_au_drives_tjansteskrivelse():
    meetings = [
        Meeting("au", at(2015, 9, 17, 8)),
        Meeting("namnd", at(2015, 9, 24), handlingar_deadline=date(2015, 9, 10)),
    ]
    rules = PlanningRules(tjansteskrivelse_workdays_before_au=3, granskning_workdays=2)
    plan = plan_backwards(date(2015, 11, 30), meetings, rules, CAL)
    assert plan.milestone("tjansteskrivelse").due == date(2015, 9, 7)
    assert plan.milestone("granskning").due == date(2015, 9, 9)
    assert "sista dag för handlingar" in plan.milestone("tjansteskrivelse").explanation


def test_au_of_an_earlier_cycle_is_not_used():
    meetings = [
        Meeting("au", at(2015, 8, 20, 8)),
        Meeting("namnd", at(2015, 8, 27)),
        Meeting("namnd", at(2015, 9, 24)),
    ]
    plan = plan_backwards(date(2015, 9, 30), meetings, PlanningRules(), CAL)
    assert plan.milestone("arbetsutskott") is None
    assert any("Inget arbetsutskott" in warning for warning in plan.warnings)


def test_past_milestones_are_flagged_when_today_is_given():
    meetings = [Meeting("namnd", at(2015, 9, 24)), Meeting("namnd", at(2015, 10, 22))]
    plan = plan_backwards(date(2015, 9, 30), meetings, PlanningRules(), CAL, today=date(2015, 9, 15))
    assert plan.milestone("tjansteskrivelse").due == date(2015, 9, 10)
    assert plan.milestone("tjansteskrivelse").flagged
    assert not plan.milestone("granskning").flagged
    assert plan.suggested_extension == date(2015, 10, 23)


def test_meetings_already_held_are_not_chosen():
    meetings = [Meeting("namnd", at(2015, 9, 24))]
    plan = plan_backwards(date(2015, 9, 30), meetings, PlanningRules(), CAL, today=date(2015, 9, 25))
    assert not plan.feasible
    assert plan.suggested_extension is None


def test_deadline_on_julafton_is_kept_flagged_and_dispatch_before():
    meetings = [Meeting("namnd", at(2022, 12, 15))]
    plan = plan_backwards(date(2022, 12, 24), meetings, PlanningRules(), CAL)
    final = plan.milestone("sista_svarsdag")
    assert final.due == date(2022, 12, 24) and final.flagged
    assert plan.milestone("expediering").due <= date(2022, 12, 23)
    assert any("julafton" in warning for warning in plan.warnings)


def test_meeting_on_a_holiday_is_ignored_with_warning():
    meetings = [Meeting("namnd", at(2022, 6, 6))]
    plan = plan_backwards(date(2022, 6, 30), meetings, PlanningRules(), CAL)
    assert not plan.feasible
    assert any("nationaldagen" in warning for warning in plan.warnings)


def test_no_meetings_at_all():
    plan = plan_backwards(date(2022, 6, 30), [], PlanningRules(), CAL)
    assert not plan.feasible
    assert plan.suggested_extension is None
    assert len(plan.proposals) == 3


def test_tjansteskrivelse_explanation_names_skipped_holidays():
    meetings = [Meeting("namnd", at(2010, 4, 13))]
    plan = plan_backwards(date(2010, 5, 31), meetings, PlanningRules(), CAL)
    assert plan.milestone("tjansteskrivelse").due == date(2010, 3, 26)
    assert "långfredagen 2 april och annandag påsk 5 april" in (
        plan.milestone("tjansteskrivelse").explanation
    )


def test_the_granskning_names_the_planned_tjansteskrivelse_it_counts_from():
    """walk17 F4: "3 arbetsdagar efter att tjänsteskrivelsen är klar" beside a tjänsteskrivelse done weeks earlier
    read as counted from that day; it is counted from the planned day, and says which."""
    plan = plan_backwards(date(2015, 11, 30), [Meeting("namnd", at(2015, 10, 22))], PlanningRules(), CAL)
    assert plan.milestone("tjansteskrivelse").due == date(2015, 10, 8)
    assert plan.milestone("granskning").explanation == (
        "3 arbetsdagar efter att tjänsteskrivelsen ska vara klar, torsdag 8 oktober 2015.")
