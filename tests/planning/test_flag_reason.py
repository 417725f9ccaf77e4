"""Why a step is marked "Kräver uppmärksamhet": the planner stores a reason code with the flag (Milestone.flag_reason)
and clears it with the flag; every place that shows the flag says the reason in the same few words (planning.flags):
the start page, the day's list, the month calendar, the remiss page's tidplan and the API."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import text

from remiss.calendar.milestones import FLAG_REASONS
from remiss.planning import flags
from remiss.planning.service import milestones as milestone_service
from remiss.planning.service import tidplan
from remiss.remisser.models import Remiss
from tests.planning.helpers import at, milestones, seed_003_world
from tests.support.factories import make_remiss, principal_of

OMEDELBAR = "omedelbar justering behövs"


def _seed_003(session, clock, deadline_on=date(2015, 9, 30)):
    """Registered 3 August 2015; by default ordinarie justering after the nämnd of 24 September comes after the
    sista svarsdag of 30 September: only omedelbar justering is in time."""
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], deadline_on=deadline_on,
                         deadline_time=None)
    session.commit()
    return remiss, users


def _rows(page: str, label: str) -> list[str]:
    return [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if f">{label}<" in row]


def _calendar_entry(page: str, label: str) -> str:
    page = page.replace("\u00ad", "")  # the calendar hyphenates long words (remiss.web.hyphenation)
    start = page.index(f">{label}: ")
    return page[start:page.index("</li>", start)]


def _tidplan_entry(page: str, kind: str) -> str:
    start = page.index(f'id="milstolpe-{kind}"')
    return page[start:page.index("</li>", start)]


def _shown_everywhere(client, remiss_id: int) -> dict[str, str]:
    """The justering of 24 September as the start page, the day's list, the month calendar and the remiss page
    show it."""
    start = _rows(client.get("/").get_data(as_text=True), "Justering")
    day = _rows(client.get("/kalender/dag?datum=2015-09-24").get_data(as_text=True), "Justering")
    assert len(start) == 1 and len(day) == 1, (start, day)
    return {"start": start[0], "day": day[0],
            "month": _calendar_entry(client.get("/kalender?manad=2015-09").get_data(as_text=True), "Justering"),
            "remiss": _tidplan_entry(client.get(f"/remisser/{remiss_id}").get_data(as_text=True), "justering")}


def _api(client, remiss_id: int) -> dict[str, dict]:
    return {m["kind"]: m for m in client.get(f"/api/v1/remisser/{remiss_id}").get_json()["milestones"]}


def test_registration_stores_the_reason_and_every_page_and_the_api_say_it(db, session, client, auth, clock):
    remiss, _ = _seed_003(session, clock)
    stored = milestones(db, remiss.id)
    assert stored["justering"].flagged and stored["justering"].flag_reason == "omedelbar_justering"
    assert {k: m.flag_reason for k, m in stored.items() if not m.flagged} == {
        k: None for k, m in stored.items() if not m.flagged}
    clock.set(at(2015, 9, 10))
    auth.login("sekr@oster.se")
    shown = _shown_everywhere(client, remiss.id)
    for where, html in shown.items():
        assert "Kräver uppmärksamhet" in html and f"({OMEDELBAR})" in html, (where, html)
    # a step not flagged says nothing more
    page = client.get("/").get_data(as_text=True)
    assert all("Kräver uppmärksamhet" not in row for row in _rows(page, "Nämndsammanträde"))
    api = _api(client, remiss.id)
    assert (api["justering"]["flagged"], api["justering"]["flag_reason"], api["justering"]["flag_reason_text"]) == (
        True, "omedelbar_justering", OMEDELBAR)
    assert (api["namnd"]["flagged"], api["namnd"]["flag_reason"], api["namnd"]["flag_reason_text"]) == (
        False, None, None)
    assert {"flagged", "explanation", "advice"} <= set(api["justering"])  # added beside, nothing renamed


def test_the_pages_and_the_api_say_the_stored_reason_not_the_explanations_wording(db, session, client, auth, clock):
    remiss, _ = _seed_003(session, clock)
    with db.transaction() as s:  # the explanation still says "Omedelbar justering vid sammanträdet krävs"
        s.execute(text("UPDATE milestone SET flag_reason = 'fore_ankomst' WHERE remiss_id = :r AND kind = "
                       "'justering'"), {"r": remiss.id})
    clock.set(at(2015, 9, 10))
    auth.login("sekr@oster.se")
    for where, html in _shown_everywhere(client, remiss.id).items():
        assert "(datumet låg före remissens ankomst)" in html and OMEDELBAR not in html, (where, html)
    justering = _api(client, remiss.id)["justering"]
    assert (justering["flag_reason"], justering["flag_reason_text"]) == (
        "fore_ankomst", "datumet låg före remissens ankomst")

    # a flag stored without a reason (or with one this version does not know) sends the reader to the tidplan
    with db.transaction() as s:
        s.execute(text("UPDATE milestone SET flag_reason = NULL WHERE remiss_id = :r AND kind = 'justering'"),
                  {"r": remiss.id})
    for where, html in _shown_everywhere(client, remiss.id).items():
        assert "Kräver uppmärksamhet" in html and "(se tidplanen)" in html, (where, html)
    justering = _api(client, remiss.id)["justering"]
    assert (justering["flagged"], justering["flag_reason"], justering["flag_reason_text"]) == (
        True, None, "se tidplanen")


def test_a_replan_that_lifts_the_flag_clears_its_reason(db, session, client, auth, clock):
    # 28 August: no sammanträde fits; the general notice moves the deadline to 28 September and the nämnd of 24
    # September fits, with omedelbar justering
    remiss, _ = _seed_003(session, clock, deadline_on=date(2015, 8, 28))
    assert milestones(db, remiss.id)["namnd"].flag_reason == "inget_sammantrade"
    clock.set(at(2015, 8, 20))
    auth.login("sekr@oster.se")
    r = auth.post(f"/remisser/{remiss.id}/forlangningar/allman",
                  {"sender": "Kulturnämnden", "until_on": "2015-09-28", "notice_on": "2015-08-20",
                   "evidence_text": "Remisstiden förlängs till den 28 september."}, form_url=f"/remisser/{remiss.id}")
    assert r.status_code == 302, r.get_data(as_text=True)
    stored = milestones(db, remiss.id)
    assert (stored["namnd"].flagged, stored["namnd"].flag_reason) == (False, None)
    assert stored["justering"].flag_reason == "omedelbar_justering"


def test_a_step_left_out_of_the_plan_is_flagged_as_such_until_it_is_planned_again(db, session, clock):
    # 30 November: the nämnd of 22 October with its arbetsutskott of 8 October; the AU is moved by hand
    remiss, users = _seed_003(session, clock, deadline_on=date(2015, 11, 30))
    remiss = session.get(Remiss, remiss.id)
    au = milestones(db, remiss.id)["arbetsutskott"]
    assert not au.flagged and au.flag_reason is None
    milestone_service.override_milestone(session, now=clock(), principal=principal_of(session, users["registrator"]),
                                         remiss=remiss, milestone_id=au.id, day=date(2015, 10, 7),
                                         reason="Flyttat möte")
    remiss.effective_deadline_on = date(2015, 9, 18)  # no sammanträde fits any more: no AU in the plan
    tidplan.replan(session, now=clock(), remiss=remiss)
    session.commit()
    stored = milestones(db, remiss.id)
    assert (stored["arbetsutskott"].flagged, stored["arbetsutskott"].flag_reason) == (True, "utanfor_tidplan")
    assert stored["namnd"].flag_reason == "inget_sammantrade"

    remiss = session.get(Remiss, remiss.id)
    remiss.effective_deadline_on = date(2015, 11, 30)
    tidplan.replan(session, now=clock(), remiss=remiss)
    session.commit()
    stored = milestones(db, remiss.id)
    assert (stored["arbetsutskott"].flagged, stored["arbetsutskott"].flag_reason) == (False, None)
    # 22 October is the last meeting entered and a later one could still answer by 30 November (walk11 finding 2)
    assert (stored["namnd"].flagged, stored["namnd"].flag_reason) == (True, "preliminar")


def test_every_reason_the_planner_stores_has_its_words():
    assert set(flags.TEXTS) == set(FLAG_REASONS)
    assert flags.reason_text("omedelbar_justering") == OMEDELBAR
    assert flags.reason_text("inget_sammantrade") == "inget sammanträde hinner före sista svarsdag"
    assert flags.reason_text(None) == flags.reason_text("okand") == "se tidplanen"
