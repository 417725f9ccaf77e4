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
    # what to do about it is advice for while it is open, never part of what the milestone is
    assert "efter sista svarsdag" in late["expediering"].advice
    assert "efter sista svarsdag" not in late["expediering"].explanation


def test_omedelbar_justering_a_delegat_and_an_arbetsutskott():
    omedelbar = by_kind(follow_decision(Decided("namnd", date(2015, 9, 24), "x", omedelbar_justering=True),
                                        None, RULES, CAL))
    assert omedelbar["justering"].day == date(2015, 9, 24) and omedelbar["expediering"].day == date(2015, 9, 25)
    delegat = by_kind(follow_decision(Decided("delegat", date(2015, 9, 21), "genom delegationsbeslut av X"),
                                      None, RULES, CAL))
    assert delegat["namnd"].label == "Delegationsbeslut" and delegat["namnd"].day == date(2015, 9, 21)
    au = by_kind(follow_decision(Decided("arbetsutskott", date(2015, 9, 10), "x"), None, RULES, CAL))
    assert au["arbetsutskott"].day == au["namnd"].day == date(2015, 9, 10)


def _meeting(kind, day, hour, place=""):
    from datetime import datetime

    from remiss.calendar import Meeting
    from remiss.clock import STOCKHOLM
    return Meeting(kind, datetime(day.year, day.month, day.day, hour, 30, tzinfo=STOCKHOLM), place)


def test_an_arbetsutskott_planned_after_the_namnd_s_beslut_never_happened():
    """Issue 17: the nämnd decided 3 December 2026, before the AU planned for 21 January 2027."""
    beslut = Decided("namnd", date(2026, 12, 3), "vid sammanträde 3 december 2026, § 200")
    dropped = by_kind(follow_decision(beslut, date(2027, 2, 5), RULES, CAL, planned_au=date(2027, 1, 21),
                                      meetings=[_meeting("au", date(2027, 1, 21), 8),
                                                _meeting("namnd", date(2027, 1, 28), 17)]))
    assert "arbetsutskott" not in dropped and "arbetsutskott" in __import__(
        "remiss.calendar.planner", fromlist=["UNHELD_KINDS"]).UNHELD_KINDS
    # an AU meeting after the previous nämnd meeting and before the beslut treated it: dated there, never after
    moved = by_kind(follow_decision(beslut, date(2027, 2, 5), RULES, CAL, planned_au=date(2027, 1, 21),
                                    meetings=[_meeting("namnd", date(2026, 11, 5), 17),
                                              _meeting("au", date(2026, 10, 29), 8),
                                              _meeting("au", date(2026, 11, 26), 8, "Rum Öster"),
                                              _meeting("au", date(2027, 1, 21), 8)]))
    assert moved["arbetsutskott"].day == date(2026, 11, 26)
    assert moved["arbetsutskott"].explanation == ("Arbetsutskottet sammanträdde torsdag 26 november 2026 kl. 08.30, "
                                                  "Rum Öster, före nämndens beslut torsdag 3 december 2026.")
    # an AU before the previous nämnd meeting prepared that meeting, not this beslut
    earlier = by_kind(follow_decision(beslut, None, RULES, CAL, planned_au=date(2027, 1, 21),
                                      meetings=[_meeting("au", date(2026, 10, 29), 8),
                                                _meeting("namnd", date(2026, 11, 5), 17)]))
    assert "arbetsutskott" not in earlier
    # the planned AU that met before the beslut stays where it was
    kept = by_kind(follow_decision(beslut, None, RULES, CAL, planned_au=date(2026, 11, 26)))
    assert kept["arbetsutskott"].day == date(2026, 11, 26)


def test_a_delegationsbeslut_has_no_arbetsutskott_and_no_justering():
    got = by_kind(follow_decision(Decided("delegat", date(2026, 12, 3), "genom delegationsbeslut av X"),
                                  date(2026, 12, 3), RULES, CAL, planned_au=date(2026, 11, 26)))
    assert set(got) == {"namnd", "expediering"}
    assert got["expediering"].day == date(2026, 12, 4) and got["expediering"].flagged  # a day after the deadline
    assert got["expediering"].explanation.startswith("1 arbetsdag efter delegationsbeslutet torsdag 3 december 2026")


def test_the_planned_arbetsutskott_says_its_own_time_not_the_namnd_s():
    from remiss.calendar import plan_backwards
    plan = plan_backwards(date(2027, 2, 15), [_meeting("au", date(2027, 1, 21), 8, "Rum 3"),
                                              _meeting("namnd", date(2027, 1, 28), 17)], RULES, CAL)
    au = plan.milestone("arbetsutskott")
    assert au.explanation == ("Arbetsutskottet sammanträder kl. 08.30, Rum 3: det senaste före nämndsammanträdet "
                              "torsdag 28 januari 2027.")
