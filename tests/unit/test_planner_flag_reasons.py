"""Every way the planner flags a step ("Kräver uppmärksamhet") gives the flag its reason code, the one the pages
and the API say in words (planning.flags); a step flagged for two reasons keeps the stronger."""
from datetime import date, datetime

import pytest

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.milestones import FLAG_REASONS, flag, milestone, stronger_reason
from remiss.calendar.planner import Decided, PlanningRules, follow_decision, plan_backwards
from remiss.calendar.workdays import WorkCalendar

CAL = WorkCalendar()
# SON Öster 2015 (seed 003): an arbetsutskott two weeks before each nämnd meeting
SEED_003 = [Meeting("au", datetime(2015, 9, 10, 8, 30, tzinfo=STOCKHOLM)),
            Meeting("namnd", datetime(2015, 9, 24, 17, tzinfo=STOCKHOLM)),
            Meeting("namnd", datetime(2015, 10, 22, 17, tzinfo=STOCKHOLM))]


def reasons(milestones) -> dict[str, str | None]:
    return {m.kind: m.flag_reason for m in milestones}


def test_only_omedelbar_justering_in_time():
    # ordinary justering of 24 September comes 8 October, after the deadline of 30 September
    plan = plan_backwards(date(2015, 9, 30), SEED_003, PlanningRules(), CAL)
    assert reasons(plan.milestones) == {"tjansteskrivelse": None, "granskning": None, "arbetsutskott": None,
                                        "namnd": None, "justering": "omedelbar_justering", "expediering": None,
                                        "sista_svarsdag": None}


def test_no_sammantrade_fits():
    plan = plan_backwards(date(2015, 9, 18), SEED_003[1:2], PlanningRules(), CAL)
    assert not plan.feasible
    assert reasons(plan.milestones)["namnd"] == "inget_sammantrade"
    assert [m.kind for m in plan.milestones if m.flagged] == ["namnd"]


def test_a_step_before_the_arrival_and_a_step_already_passed():
    # received 31 August: the tjänsteskrivelse of 27 August was never possible; planned 2 September, the
    # granskning of 1 September (after the arrival) had merely passed
    plan = plan_backwards(date(2015, 9, 28), SEED_003, PlanningRules(), CAL, today=date(2015, 9, 2),
                          received=date(2015, 8, 31))
    got = reasons(plan.milestones)
    assert (got["tjansteskrivelse"], got["granskning"]) == ("fore_ankomst", "redan_passerat")
    assert got["namnd"] is None and got["sista_svarsdag"] is None


def test_a_deadline_that_is_no_working_day():
    plan = plan_backwards(date(2022, 12, 24), [Meeting("namnd", datetime(2022, 12, 15, 17, tzinfo=STOCKHOLM))],
                          PlanningRules(), CAL)
    assert reasons(plan.milestones)["sista_svarsdag"] == "ej_arbetsdag"


def test_a_late_expediering_after_the_beslut_flags_it_and_its_justering():
    late = follow_decision(Decided("namnd", date(2015, 9, 24), "vid sammanträde 24 september 2015, § 142"),
                           date(2015, 9, 28), PlanningRules(), CAL)
    assert reasons(late) == {"namnd": None, "justering": "efter_svarsdag", "expediering": "efter_svarsdag"}
    in_time = follow_decision(Decided("namnd", date(2015, 9, 24), "x", justerad_on=date(2015, 9, 25)),
                              date(2015, 9, 28), PlanningRules(), CAL)
    assert reasons(in_time) == {"namnd": None, "justering": None, "expediering": None}


def test_a_step_flagged_twice_keeps_the_stronger_reason():
    # the latest day for a beslut when no sammanträde fits, already passed: still "no sammanträde"
    plan = plan_backwards(date(2015, 9, 30), SEED_003[1:2], PlanningRules(), CAL, today=date(2015, 9, 30))
    assert plan.milestone("namnd").day < date(2015, 9, 30)
    assert reasons(plan.milestones)["namnd"] == "inget_sammantrade"
    # a deadline on julafton that has passed: that it passed says more than that it is no working day
    plan = plan_backwards(date(2022, 12, 24), [], PlanningRules(), CAL, today=date(2022, 12, 27))
    assert reasons(plan.milestones)["sista_svarsdag"] == "redan_passerat"
    assert stronger_reason("redan_passerat", "fore_ankomst") == "fore_ankomst"
    assert stronger_reason(None, "ej_arbetsdag") == "ej_arbetsdag" and stronger_reason(None, None) is None


def test_a_flag_reason_the_pages_cannot_say_is_refused():
    with pytest.raises(ValueError, match="skickad"):
        milestone("justering", date(2015, 9, 24), "x", flag_reason="skickad")
    with pytest.raises(ValueError):
        flag(milestone("justering", date(2015, 9, 24), "x"), "omedelbar")
    assert flag(milestone("justering", date(2015, 9, 24), "x"), FLAG_REASONS[0]).flagged
