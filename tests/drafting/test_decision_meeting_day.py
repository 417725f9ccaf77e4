"""walk8 finding 9: a beslut dated on a day without a sammanträde is warned about and recorded only on
confirmation (or as a delegationsbeslut); the form prefills only a meeting that has been held, and ticks
"justerades omedelbart" when the tidplan plans omedelbar justering."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlmodel import select

from remiss.clock import STOCKHOLM
from remiss.namnd.models import Meeting
from remiss.planning.models import Milestone
from remiss.remisser.input import InputErrors
from tests.conftest import csrf_token
from tests.drafting.conftest import DECIDED_AT, NOW, approve, decide, record


def _plan(session, namnd_id):
    for kind, day, hour in (("au", date(2015, 9, 10), 8), ("namnd", date(2015, 9, 24), 17),
                            ("namnd", date(2015, 10, 22), 17)):
        session.add(Meeting(namnd_id=namnd_id, kind=kind,
                            starts_at=datetime(day.year, day.month, day.day, hour, 0, tzinfo=STOCKHOLM)))
    session.flush()


def test_a_beslut_on_a_day_without_a_meeting_needs_confirmation(session, w):
    _plan(session, w["remiss"].namnd_id)
    approve(session, w)
    with pytest.raises(InputErrors) as refused:
        record(session, w, meeting_on=date(2015, 9, 23), paragraf="120")
    assert refused.value.errors["confirm_meeting"] == (
        "Stadsområdesnämnd Öster har inget sammanträde onsdag 23 september 2015 i sammanträdesplanen (närmast: "
        "torsdag 24 september 2015). Rätta datumet, registrera beslutet som "
        "delegationsbeslut, eller kryssa i att beslutet fattades den dagen (t.ex. vid ett extra sammanträde).")
    with pytest.raises(InputErrors) as au:
        record(session, w, decided_by="arbetsutskott", meeting_on=date(2015, 9, 24), paragraf="12")
    assert au.value.errors["confirm_meeting"].startswith("Arbetsutskottet har inget sammanträde torsdag 24 sep")
    # a delegat decides without a sammanträde; a confirmed extra meeting is recorded
    assert record(session, w, decided_by="delegat", delegat="Anna Svensson", meeting_on=date(2015, 9, 23),
                  paragraf="").decided_by == "delegat"
    assert record(session, w, meeting_on=date(2015, 9, 23), paragraf="120", confirm_meeting=True).paragraf == "§ 120"
    with pytest.raises(InputErrors) as between:
        record(session, w, at=datetime(2015, 10, 5, 8, tzinfo=STOCKHOLM), meeting_on=date(2015, 10, 1),
               paragraf="121")
    assert "(närmast: torsdag 24 september 2015 och torsdag 22 oktober 2015)" in between.value.errors["confirm_meeting"]
    # the planned meeting day needs no confirmation
    assert record(session, w, meeting_on=date(2015, 9, 24)).meeting_on == date(2015, 9, 24)


def test_the_form_warns_and_asks_and_the_api_refuses_without_confirmation(session, w, auth, client, clock):
    _plan(session, w["remiss"].namnd_id)
    approve(session, w)
    session.commit()
    clock.set(DECIDED_AT)
    auth.login(w["registrator"].email)
    rid = w["remiss"].id
    response = decide(auth, rid, meeting_on="2015-09-23")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "har inget sammanträde onsdag 23 september 2015" in page
    assert 'name="confirm_meeting"' in page and 'href="#f-b-confirm_meeting"' in page
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    body = {"decided_by": "namnd", "meeting_on": "2015-09-23", "paragraf": "120"}
    refused = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", json=body, headers=headers)
    assert refused.status_code == 400 and "har inget sammanträde" in refused.get_json()["errors"]["confirm_meeting"]
    # the arbetsutskott planned for 10 September leaves the tidplan with such a beslut: said before, not after
    au = session.exec(select(Milestone).where(Milestone.remiss_id == rid, Milestone.kind == "arbetsutskott")).one()
    au.planned_on = au.due_on = date(2015, 9, 23)
    session.add(au)
    session.commit()
    warning = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", json={**body, "meeting_on": "2015-09-22"},
                          headers=headers).get_json()["errors"]["confirm_meeting"]
    assert warning.endswith("Arbetsutskottet som är planerat onsdag 23 september 2015 tas då bort ur tidplanen.")
    assert decide(auth, rid, meeting_on="2015-09-23", confirm_meeting="1").status_code == 302


def test_the_form_prefills_only_a_held_meeting_and_ticks_omedelbar_justering_as_planned(session, w, auth, client,
                                                                                      clock):
    approve(session, w)
    justering = session.exec(select(Milestone).where(Milestone.remiss_id == w["remiss"].id,
                                                     Milestone.kind == "justering")).one()
    justering.planned_on = justering.due_on = date(2015, 9, 24)  # the plan: omedelbar justering at the meeting
    session.add(justering)
    session.commit()
    rid = w["remiss"].id
    clock.set(NOW)
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    form = page[page.index('id="beslut-form"'):]
    assert 'value="2015-09-24"' not in form  # the meeting is still ahead: a date the form would refuse
    assert "Tidplanen planerar beslutet vid sammanträdet torsdag 24 september 2015." in form
    assert 'name="omedelbar_justering" value="1" checked' in form
    clock.set(DECIDED_AT)
    form = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'id="f-b-meeting_on" name="meeting_on" type="date" value="2015-09-24"' in form or \
        'value="2015-09-24"' in form[form.index('id="beslut-form"'):]

