from datetime import date, datetime

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.planner import PlanningRules, plan_backwards
from remiss.calendar.workdays import WorkCalendar

CAL = WorkCalendar()


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def due(plan, kind):
    return plan.milestone(kind).due


SDF_2010 = [
    Meeting("namnd", at(2010, 2, 23, 18)),
    Meeting("namnd", at(2010, 3, 30, 18), "Stadsdelsförvaltningen"),  # "SDF 30/3-10"
    Meeting("namnd", at(2010, 4, 27, 18)),
]


def test_seed_000_chooses_30_march_and_flags_justering():
    # their habit: "svar till kansliet" 13 arbetsdagar (19 days) before the meeting, no AU
    rules = PlanningRules(tjansteskrivelse_workdays_before_au=13)
    plan = plan_backwards(at(2010, 3, 31, 12), SDF_2010, rules, CAL)
    assert plan.feasible
    assert due(plan, "namnd") == date(2010, 3, 30)
    assert plan.milestone("arbetsutskott") is None
    assert due(plan, "tjansteskrivelse") == date(2010, 3, 11)  # "Svar till kansliet senast 11/3-10"
    assert due(plan, "granskning") == date(2010, 3, 16)
    assert plan.needs_omedelbar_justering
    justering = plan.milestone("justering")
    assert justering.flagged and justering.due == date(2010, 3, 30)
    assert "torsdag 15 april 2010" in justering.explanation  # ordinary justering, after Easter
    assert due(plan, "expediering") == date(2010, 3, 31)
    assert "kl. 12.00" in plan.milestone("expediering").explanation
    assert due(plan, "sista_svarsdag") == at(2010, 3, 31, 12)
    assert any("omedelbart" in text for text in plan.proposals)


def test_seed_000_with_default_rules_and_an_au_is_close_to_their_internal_date():
    meetings = SDF_2010 + [Meeting("au", at(2010, 3, 23, 8))]
    plan = plan_backwards(at(2010, 3, 31, 12), meetings, PlanningRules(), CAL)
    assert due(plan, "arbetsutskott") == date(2010, 3, 23)
    assert due(plan, "tjansteskrivelse") == date(2010, 3, 9)
    assert "10 arbetsdagar före arbetsutskottet tisdag 23 mars 2010" in (
        plan.milestone("tjansteskrivelse").explanation
    )


SON_OSTER_2015 = [
    Meeting("namnd", at(2015, 8, 27, 17)),
    Meeting("au", at(2015, 9, 10, 8, 30)),
    Meeting("namnd", at(2015, 9, 24, 17), "Stadsområdesförvaltning Öster"),
    Meeting("au", at(2015, 10, 8, 8, 30)),
    Meeting("namnd", at(2015, 10, 22, 17)),
]


def test_seed_003_meeting_24_september_serves_both_deadlines_with_omedelbar_justering():
    for deadline in (at(2015, 9, 28, 23, 59), date(2015, 9, 30)):
        plan = plan_backwards(deadline, SON_OSTER_2015, PlanningRules(), CAL)
        assert plan.feasible
        assert due(plan, "namnd") == date(2015, 9, 24)
        assert due(plan, "arbetsutskott") == date(2015, 9, 10)
        assert due(plan, "tjansteskrivelse") == date(2015, 8, 27)
        assert plan.needs_omedelbar_justering
        assert plan.milestone("justering").flagged
        assert due(plan, "expediering") == date(2015, 9, 25)
        # "justeras senast onsdagen den 8 oktober 2015": computed weekday is torsdag
        assert any("torsdag 8 oktober 2015" in warning for warning in plan.warnings)
        assert any("omedelbar justering" in text for text in plan.proposals)


def test_seed_003_original_deadline_28_august_needs_extension():
    plan = plan_backwards(date(2015, 8, 28), SON_OSTER_2015[1:], PlanningRules(), CAL)
    assert not plan.feasible
    assert plan.suggested_extension == date(2015, 9, 25)
    # planned backwards all the same: the latest beslut, with the work before and after it
    assert [m.kind for m in plan.milestones] == ["tjansteskrivelse", "granskning", "namnd", "expediering",
                                                 "sista_svarsdag"]
    assert plan.milestone("namnd").due == date(2015, 8, 27) and plan.milestone("namnd").flagged
    assert plan.milestone("expediering").due == date(2015, 8, 28)
    assert plan.milestone("tjansteskrivelse").due == date(2015, 8, 13)
    assert any("Inget nämndsammanträde" in w and "begär förlängd remisstid" in w for w in plan.warnings)
    assert any("fredag 25 september 2015" in text for text in plan.proposals)
    assert any("ordförandebeslut" in text for text in plan.proposals)
    assert any("extra sammanträde" in text for text in plan.proposals)


def test_advice_from_a_passed_date_names_the_milestone_it_holds_for():
    # SON Öster's remiss registered on 3 September 2015: the tjänsteskrivelse (27 August) and the granskning
    # (1 September) had passed; that advice holds only until those milestones are done
    plan = plan_backwards(date(2015, 9, 28), SON_OSTER_2015, PlanningRules(), CAL, today=date(2015, 9, 3))
    passed = {text: kind for text, kind in plan.until_done.items()}
    assert passed["Tjänsteskrivelse klar (torsdag 27 augusti 2015) har redan passerat."] == "tjansteskrivelse"
    assert passed["Granskning klar (tisdag 1 september 2015) har redan passerat."] == "granskning"
    [extension] = [p for p in plan.proposals if "Begär förlängd remisstid" in p]
    assert passed[extension] == "tjansteskrivelse"
    # the advice that does not depend on today is not tied to a milestone
    assert not [w for w in plan.warnings if "Ordinarie justering" in w and w in passed]
    assert plan.milestone("tjansteskrivelse").explanation.endswith(" Datumet har redan passerat.")
