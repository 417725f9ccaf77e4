"""walk8 finding 2 and walk27 Y2: a meeting in time with ordinary justering is chosen before a later one that is in
time only with omedelbar justering; the later one is offered among the proposals. Omedelbar justering is planned,
and said to be needed, only when no meeting holds with ordinary justering."""
from datetime import date, datetime

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.planner import PlanningRules, plan_backwards
from remiss.calendar.workdays import WorkCalendar

CAL = WorkCalendar()


def at(year, month, day, hour=13):
    return datetime(year, month, day, hour, 0, tzinfo=STOCKHOLM)


KS_2027 = [
    Meeting("au", at(2027, 3, 18)), Meeting("namnd", at(2027, 3, 25)),
    Meeting("au", at(2027, 4, 15)), Meeting("namnd", at(2027, 4, 22)),
]


def test_the_meeting_with_ordinary_justering_is_chosen_and_the_later_one_offered():
    plan = plan_backwards(at(2027, 4, 30, 12), KS_2027, PlanningRules(), CAL, today=date(2026, 12, 4))
    assert plan.milestone("namnd").due == date(2027, 3, 25)
    assert plan.milestone("arbetsutskott").due == date(2027, 3, 18)
    assert not plan.needs_omedelbar_justering and plan.omedelbar_note == ""
    assert not any(m.flagged for m in plan.milestones)
    assert plan.milestone("justering").due > date(2027, 3, 25)  # ordinary, after the meeting
    assert plan.omedelbar_option.day == date(2027, 4, 22)
    assert ("Med omedelbar justering hinner även sammanträdet torsdag 22 april 2027: ska nämnden behandla remissen "
            "då, föreslå att paragrafen justeras omedelbart (omedelbar justering).") in plan.proposals
    assert "med ordinarie justering" in plan.milestone("namnd").explanation


def test_more_time_never_moves_the_plan_onto_omedelbar_justering():
    before = plan_backwards(at(2027, 4, 16, 12), KS_2027, PlanningRules(), CAL, today=date(2026, 12, 4))
    after = plan_backwards(at(2027, 4, 30, 12), KS_2027, PlanningRules(), CAL, today=date(2026, 12, 4))
    assert before.milestone("namnd").due == after.milestone("namnd").due == date(2027, 3, 25)
    assert not before.needs_omedelbar_justering and not after.needs_omedelbar_justering


def test_behovs_only_when_no_meeting_fits_with_ordinary_justering():
    plan = plan_backwards(at(2027, 4, 30, 12), KS_2027[2:], PlanningRules(), CAL, today=date(2026, 12, 4))
    assert plan.milestone("namnd").due == date(2027, 4, 22) and plan.needs_omedelbar_justering
    assert plan.omedelbar_option is None
    assert plan.omedelbar_note.startswith("Omedelbar justering behövs för att svaret ska hinna fram i tid: ")
    assert "inget tidigare sammanträde hinner med ordinarie justering" in plan.omedelbar_note


def test_an_earlier_meeting_whose_tjansteskrivelse_has_passed_is_not_chosen():
    plan = plan_backwards(at(2027, 4, 30, 12), KS_2027, PlanningRules(), CAL, today=date(2027, 3, 20))
    assert plan.milestone("namnd").due == date(2027, 4, 22)
    assert plan.needs_omedelbar_justering and plan.omedelbar_option is None
    assert "behövs" in plan.omedelbar_note


def test_ordinary_justering_plan_has_no_note():
    plan = plan_backwards(at(2027, 5, 31, 12), KS_2027, PlanningRules(), CAL, today=date(2026, 12, 4))
    assert not plan.needs_omedelbar_justering and plan.omedelbar_note == "" and plan.omedelbar_option is None
