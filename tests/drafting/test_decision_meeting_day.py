"""walk8 finding 9: a beslut dated on a day without a sammanträde is warned about and recorded only on
confirmation (or as a delegationsbeslut); the form prefills only a meeting that has been held. When the tidplan
plans omedelbar justering the form says so by "justerades omedelbart" but does not tick it (walk9 finding 7: a
justering date typed in was then refused over a choice the user never made)."""
from __future__ import annotations

from datetime import date, datetime

import re

import pytest
from sqlmodel import select

from remiss.clock import STOCKHOLM
from remiss.drafting.models import Decision
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


def test_the_form_prefills_only_a_held_meeting_and_hints_at_omedelbar_justering_as_planned(session, w, auth,
                                                                                          client, clock):
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
    assert 'name="omedelbar_justering" value="1" checked' not in form
    assert ("Tidplanen planerar omedelbar justering vid sammanträdet torsdag 24 september 2015. Kryssa i rutan om "
            "paragrafen justerades omedelbart") in form
    clock.set(DECIDED_AT)
    form = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'id="f-b-meeting_on" name="meeting_on" type="date" value="2015-09-24"' in form or \
        'value="2015-09-24"' in form[form.index('id="beslut-form"'):]



def test_a_justering_date_is_taken_when_the_plan_said_omedelbar_justering(session, w, auth, client, clock):
    """walk9 finding 7: the user types the meeting, § and the justering date; the box they never ticked is not
    sent, so the beslut is recorded with its justering date. Ticking and dating both is refused naming the box."""
    approve(session, w)
    justering = session.exec(select(Milestone).where(Milestone.remiss_id == w["remiss"].id,
                                                     Milestone.kind == "justering")).one()
    justering.planned_on = justering.due_on = date(2015, 9, 24)
    session.add(justering)
    session.commit()
    rid = w["remiss"].id
    clock.set(datetime(2015, 9, 30, 10, 0, tzinfo=STOCKHOLM))
    auth.login(w["registrator"].email)
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    form = page[page.index('id="beslut-form"'):page.index("</form>", page.index('id="beslut-form"'))]
    ticked = re.findall(r'<input type="checkbox"[^>]*name="([^"]+)"[^>]*checked', form)
    typed = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ 142", "justerad_on": "2015-09-28"}
    both = auth.post(f"/remisser/{rid}/yttrande/beslut", {**typed, "omedelbar_justering": "1"},
                     form_url=f"/remisser/{rid}")
    assert both.status_code == 400
    assert ("Kryssa antingen i ”Paragrafen justerades omedelbart” eller ange dagen protokollet justerades, inte "
            "båda: ta bort krysset eller datumet.") in both.get_data(as_text=True)
    # the refused form still gives the tidplan's advice next to the box
    assert "Tidplanen planerar omedelbar justering vid sammanträdet" in both.get_data(as_text=True)
    # what the browser sends from the form as it came: only the boxes it ticked
    response = auth.post(f"/remisser/{rid}/yttrande/beslut", {**typed, **{name: "1" for name in ticked}},
                         form_url=f"/remisser/{rid}")
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    session.expire_all()
    decision = session.exec(select(Decision).where(Decision.remiss_id == rid)).one()
    assert decision.justerad_on == date(2015, 9, 28) and not decision.omedelbar_justering
