"""walk8 finding 2: the tidplan says omedelbar justering is needed only when no meeting fits with ordinary
justering; otherwise it names the plan's choice and the meeting that fits with ordinary justering."""
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


def test_plan_with_omedelbar_justering_names_the_meeting_that_fits_with_ordinary_justering():
    plan = plan_backwards(at(2027, 4, 30, 12), KS_2027, PlanningRules(), CAL, today=date(2026, 12, 4))
    assert plan.milestone("namnd").due == date(2027, 4, 22)  # the planner's choice is kept
    assert plan.needs_omedelbar_justering
    assert plan.ordinary_alternative.day == date(2027, 3, 25)
    assert plan.omedelbar_note == (
        "Planen bygger på sammanträdet torsdag 22 april 2027 med omedelbar justering (ordinarie justering "
        "fredag 7 maj 2027 hinner inte före sista svarsdag fredag 30 april 2027 kl. 12.00). Med ordinarie "
        "justering hinner sammanträdet torsdag 25 mars 2027.")
    assert plan.omedelbar_note in plan.warnings
    assert not any("behövs" in w or "kan inte expedieras i tid" in w for w in plan.warnings)
    assert "torsdag 25 mars 2027" in plan.milestone("justering").explanation
    assert any("torsdag 25 mars 2027 med ordinarie justering" in p for p in plan.proposals)


def test_behovs_only_when_no_meeting_fits_with_ordinary_justering():
    plan = plan_backwards(at(2027, 4, 30, 12), KS_2027[2:], PlanningRules(), CAL, today=date(2026, 12, 4))
    assert plan.ordinary_alternative is None
    assert plan.omedelbar_note.startswith("Omedelbar justering behövs för att svaret ska hinna fram i tid: ")
    assert "inget tidigare sammanträde hinner med ordinarie justering" in plan.omedelbar_note


def test_an_earlier_meeting_whose_tjansteskrivelse_has_passed_is_no_alternative():
    plan = plan_backwards(at(2027, 4, 30, 12), KS_2027, PlanningRules(), CAL, today=date(2027, 3, 20))
    assert plan.ordinary_alternative is None
    assert "behövs" in plan.omedelbar_note


def test_ordinary_justering_plan_has_no_note():
    plan = plan_backwards(at(2027, 5, 31, 12), KS_2027, PlanningRules(), CAL, today=date(2026, 12, 4))
    assert not plan.needs_omedelbar_justering and plan.omedelbar_note == ""
