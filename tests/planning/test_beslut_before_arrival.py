"""truth17 F11: a beslut dated before the remiss came in was accepted after only the approval question; the start
page then said "försenad i 8 dagar" for the expediering in one place and "Försenad i 4 dagar räknat från ankomsten"
in another."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from remiss.planning.models import Milestone
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.planning.helpers import at, milestones
from tests.planning.test_beslut_before_approval import BESLUT, _approved


def test_a_beslut_dated_before_the_remiss_came_in_is_refused_in_the_form_and_the_api(db, session, client, auth,
                                                                                        clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 9, 8, 10))  # came in 3 August 2015
    page = f"/remisser/{rid}"
    early = BESLUT | {"meeting_on": "2015-07-30", "confirm_before_approval": "1", "confirm_meeting": "1"}
    refused = auth.post(f"{page}/yttrande/beslut", early, form_url=page)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert ("Beslutet kan inte vara fattat 30 juli 2015, före remissen kom in 3 augusti 2015. Kontrollera "
            "datumet.") in text
    assert 'value="2015-07-30"' in text
    assert milestones(db, rid)["namnd"].done_at is None  # nothing recorded
    headers = {"X-CSRFToken": csrf_token(client, page)}
    body = {"decided_by": "namnd", "meeting_on": "2015-07-30", "paragraf": "§ 142", "omedelbar_justering": True,
            "confirm_meeting": True, "confirm_before_approval": True}
    api = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", json=body, headers=headers)
    assert api.status_code == 400
    assert "före remissen kom in 3 augusti 2015" in api.get_json()["errors"]["meeting_on"]


def test_a_step_planned_before_the_arrival_is_counted_alike_on_the_start_page(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 9, 8, 10))
    clock.set(at(2015, 9, 25, 10))
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/beslut", BESLUT, form_url=page).status_code == 302
    with db.transaction() as s:  # a tidplan from before this check: the expediering planned before the arrival
        expediering = s.exec(select(Milestone).where(Milestone.remiss_id == rid,
                                                     Milestone.kind == "expediering")).one()
        expediering.due_on = date(2015, 7, 31)
        s.add(expediering)
        assert s.get(Remiss, rid).received_on == date(2015, 8, 3)
    clock.set(at(2015, 10, 5, 10))
    start = client.get("/").get_data(as_text=True)
    assert start.count("räknat från ankomsten 3 aug") >= 2, start
    assert "försenad i 66 dagar" not in start.lower()
