"""Steps of one day come in workflow order everywhere they are listed: the nämnd decides before the protokoll is
justerat, and what is justerat before it is expedierat (the demo's start page once listed Justering first)."""
from __future__ import annotations

import re
from datetime import date

import icalendar

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.calendar.milestones import MILESTONE_KINDS, workflow_order
from remiss.planning import agenda
from remiss.planning.service import tidplan
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user

IN_ORDER = ["Nämndsammanträde", "Justering", "Expediering"]


def test_workflow_order_is_the_tidplans_order_and_a_meeting_sits_with_its_step():
    assert sorted(reversed(MILESTONE_KINDS), key=workflow_order) == list(MILESTONE_KINDS)
    assert workflow_order("namnd") < workflow_order("justering") < workflow_order("expediering")
    assert workflow_order("au") == workflow_order("arbetsutskott")
    assert workflow_order("något annat") > workflow_order("sista_svarsdag")


def _world(session, clock):
    """A nämnd that justerar at the meeting: Nämndsammanträde and Justering fall on one day."""
    namnd = make_namnd(session, name="Kulturnämnden", dnr_prefix="KN")
    namnd.omedelbar_justering_usual = True
    namnd.expediering_workdays = 0  # and expedierar the same day
    session.add(namnd)
    add_meetings(session, namnd, [("namnd", at(2026, 12, 10, 17), "Rådhuset")])
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    clock.set(at(2026, 11, 30))
    remiss = make_remiss(session, namnd=namnd, by=user, now=clock(), title="Kulturstrategi",
                         deadline_on=date(2026, 12, 18), deadline_time=None)
    remiss.handlaggare_id = user.id  # the user's own feed carries the milestones of their remisser
    session.add(remiss)
    tidplan.replan(session, now=clock(), remiss=remiss)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    return namnd, user, remiss, token


def _in_page_order(text: str) -> list[str]:
    return [w for w in re.findall("|".join(IN_ORDER), text.replace("\u00ad", ""))]


def test_same_day_steps_in_workflow_order_on_every_list(client, auth, session, clock):
    namnd, user, remiss, token = _world(session, clock)
    due = {m.kind: m.due_on for m in tidplan.milestones_of(session, remiss.id)}
    assert due["namnd"] == due["justering"] == due["expediering"] == date(2026, 12, 10)
    assert [i.kind for i in agenda.items(session, start=date(2026, 12, 10), end=date(2026, 12, 10))] == \
        ["namnd", "justering", "expediering"]
    session.rollback()  # end the reading transaction before the pages write (sessions, SQLite's one writer)
    auth.login("sekr@kommun.se")
    assert _in_page_order(client.get("/").get_data(as_text=True)) == IN_ORDER
    assert _in_page_order(client.get("/kalender/dag?datum=2026-12-10").get_data(as_text=True)) == IN_ORDER
    assert _in_page_order(client.get("/kalender?manad=2026-12").get_data(as_text=True)) == IN_ORDER
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert [w for w in re.findall(r"<strong>([^<]+)</strong>:", page) if w in IN_ORDER] == IN_ORDER

    for url in (f"/ics/anvandare/{user.ics_token}/namnd/{namnd.id}.ics", f"/ics/anvandare/{user.ics_token}.ics"):
        cal = icalendar.Calendar.from_ical(client.get(url).data)
        summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
        assert _in_page_order(" ".join(summaries)) == IN_ORDER, summaries
    feed = icalendar.Calendar.from_ical(client.get(f"/ics/anvandare/{user.ics_token}/namnd/{namnd.id}.ics").data)
    heads = [str(e["SUMMARY"]).split(":")[0] for e in feed.walk("VEVENT")]
    # the sammanträde itself sits with the nämnd's step of its day, before the justering
    assert heads.index("Nämndsammanträde") < heads.index("Justering"), heads

    body = client.get(f"/api/v1/remisser/{remiss.id}", headers={"Authorization": f"Bearer {token}"}).get_json()
    kinds = [m["kind"] for m in body["milestones"]]
    assert kinds.index("namnd") < kinds.index("justering") < kinds.index("expediering")
