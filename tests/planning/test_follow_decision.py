"""The tidplan follows the recorded beslut: its meeting, its justering, then the expediering (issue 17 item 5)."""
from __future__ import annotations

from datetime import date

from remiss.calendar import PlanningRules, WorkCalendar
from remiss.calendar.planner import Decided, follow_decision

CAL = WorkCalendar()
RULES = PlanningRules(justering_workdays_after_meeting=10, expediering_workdays=1)


def by_kind(milestones):
    return {m.kind: m for m in milestones}


def test_an_extra_meeting_dates_the_beslut_and_the_ordinary_justering_after_it():
    # Thursday 17 September 2015, a week before the planned 24th; justering ten working days later.
    got = by_kind(follow_decision(Decided("namnd", date(2015, 9, 17), "vid sammanträde 17 september 2015, § 130"),
                                  date(2015, 10, 30), RULES, CAL))
    assert got["namnd"].day == date(2015, 9, 17) and got["namnd"].fact
    assert got["namnd"].explanation == "Beslutat vid sammanträde 17 september 2015, § 130."
    assert got["justering"].day == date(2015, 10, 1) and not got["justering"].fact  # expected, not yet justerad
    assert got["expediering"].day == date(2015, 10, 2) and not got["expediering"].flagged
    assert "arbetsutskott" not in got


def test_a_recorded_justering_and_a_late_one_are_told_apart():
    justerad = by_kind(follow_decision(Decided("namnd", date(2015, 9, 17), "x", justerad_on=date(2015, 9, 18)),
                                       date(2015, 9, 28), RULES, CAL))
    assert justerad["justering"].day == date(2015, 9, 18) and justerad["justering"].fact
    assert justerad["expediering"].day == date(2015, 9, 21) and not justerad["expediering"].flagged
    late = by_kind(follow_decision(Decided("namnd", date(2015, 9, 24), "x"), date(2015, 9, 28), RULES, CAL))
    assert late["expediering"].day == date(2015, 10, 9) and late["expediering"].flagged
    assert "efter sista svarsdag" in late["expediering"].explanation


def test_omedelbar_justering_a_delegat_and_an_arbetsutskott():
    omedelbar = by_kind(follow_decision(Decided("namnd", date(2015, 9, 24), "x", omedelbar_justering=True),
                                        None, RULES, CAL))
    assert omedelbar["justering"].day == date(2015, 9, 24) and omedelbar["expediering"].day == date(2015, 9, 25)
    delegat = by_kind(follow_decision(Decided("delegat", date(2015, 9, 21), "genom delegationsbeslut av X"),
                                      None, RULES, CAL))
    assert delegat["namnd"].label == "Delegationsbeslut" and delegat["namnd"].day == date(2015, 9, 21)
    au = by_kind(follow_decision(Decided("arbetsutskott", date(2015, 9, 10), "x"), None, RULES, CAL))
    assert au["arbetsutskott"].day == au["namnd"].day == date(2015, 9, 10)
