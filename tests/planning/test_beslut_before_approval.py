"""walk9 finding 4: a beslut dated before the yttrande was approved (a typo for the planned meeting: a real
meeting day in the past) is asked about first, and the tidplan never says that an arbetsutskott treated the ärende
when it met before the approval and nobody recorded that it did."""
from __future__ import annotations

from datetime import date

from tests.conftest import csrf_token
from tests.drafting.test_flow import draft_form
from tests.planning.helpers import at, milestones, seed_003_world
from tests.support.factories import make_remiss


def _approved(db, session, client, auth, clock, *, approved_at):
    """The seed 003 remiss (AU 10 September, nämnd 24 September 2015), its yttrande written and approved."""
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 8, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], deadline_on=date(2015, 9, 28),
                         deadline_time=None, handlaggare_id=users["handlaggare"].id)
    session.commit()
    assert milestones(db, remiss.id)["arbetsutskott"].due_on == date(2015, 9, 10)
    rid, page = remiss.id, f"/remisser/{remiss.id}"
    auth.login("jesper@oster.se")
    clock.set(approved_at)
    assert auth.post(f"{page}/yttrande", draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning"}, form_url=page).status_code == 302
    auth.logout()
    auth.login("sekr@oster.se")
    assert auth.post(f"{page}/yttrande/lage", {"state": "godkand"}, form_url=page).status_code == 302
    return rid


BESLUT = {"decided_by": "namnd", "meeting_on": "2015-09-24", "paragraf": "§ 142", "omedelbar_justering": "1"}


def test_a_beslut_dated_before_the_approval_is_asked_about_and_no_au_is_invented(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 10, 5, 10))
    page = f"/remisser/{rid}"
    refused = auth.post(f"{page}/yttrande/beslut", BESLUT, form_url=page)
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert ("Yttrandet godkändes måndag 5 oktober 2015, efter beslutsdatumet torsdag 24 september 2015: beslutet "
            "kan inte gälla det godkända yttrandet.") in text
    assert 'name="confirm_before_approval"' in text and 'href="#f-b-confirm_before_approval"' in text
    assert 'value="2015-09-24"' in text  # what was typed is kept
    assert "namnd" in milestones(db, rid) and milestones(db, rid)["namnd"].done_at is None  # nothing recorded
    # the API asks the same
    headers = {"X-CSRFToken": csrf_token(client, page)}
    body = {k: v for k, v in BESLUT.items() if k != "omedelbar_justering"} | {"omedelbar_justering": True}
    api = client.post(f"/api/v1/remisser/{rid}/yttrande/beslut", json=body, headers=headers)
    assert api.status_code == 400 and "godkändes måndag 5 oktober 2015" in \
        api.get_json()["errors"]["confirm_before_approval"]

    assert auth.post(f"{page}/yttrande/beslut", BESLUT | {"confirm_before_approval": "1"},
                     form_url=page).status_code == 302
    rows = milestones(db, rid)
    # the AU of 10 September met before the yttrande existed as approved: not part of the story
    assert "arbetsutskott" not in rows
    assert all("Arbetsutskottet behandlade" not in m.explanation for m in rows.values())
    detail = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert "arbetsutskott" not in [m["kind"] for m in detail["milestones"]]
    shown = client.get(page).get_data(as_text=True)
    assert "Arbetsutskottet behandlade" not in shown and 'id="milstolpe-arbetsutskott"' not in shown


def test_an_au_after_the_approval_still_prepared_the_beslut(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 9, 8, 10))
    clock.set(at(2015, 9, 25, 10))
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/beslut", BESLUT, form_url=page).status_code == 302  # no question asked
    au = milestones(db, rid)["arbetsutskott"]
    assert au.due_on == date(2015, 9, 10) and au.done_at is not None
    assert au.explanation == "Arbetsutskottet behandlade ärendet före nämndens beslut torsdag 24 september 2015."


def test_an_au_ticked_off_by_hand_before_the_beslut_is_recorded_whatever_the_approval(db, session, client, auth,
                                                                                      clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 10, 5, 10))
    page = f"/remisser/{rid}"
    au = milestones(db, rid)["arbetsutskott"]
    assert auth.post(f"{page}/tidplan/klar", {"milestone_id": au.id, "done": "1"}, form_url=page).status_code == 302
    clock.advance(minutes=5)
    assert auth.post(f"{page}/yttrande/beslut", BESLUT | {"confirm_before_approval": "1"},
                     form_url=page).status_code == 302
    assert milestones(db, rid)["arbetsutskott"].due_on == date(2015, 9, 10)


def test_a_step_still_open_when_the_beslut_comes_is_passed_over_not_done(db, session, client, auth, clock):
    rid = _approved(db, session, client, auth, clock, approved_at=at(2015, 9, 8, 10))
    page = f"/remisser/{rid}"
    written = milestones(db, rid)["tjansteskrivelse"]
    assert auth.post(f"{page}/tidplan/klar", {"milestone_id": written.id, "done": "0"},
                     form_url=page).status_code == 302
    clock.set(at(2015, 9, 25, 10))
    assert auth.post(f"{page}/yttrande/beslut", BESLUT, form_url=page).status_code == 302
    written = milestones(db, rid)["tjansteskrivelse"]
    assert written.done_at is not None
    assert written.explanation == ("Passerades av beslutet vid sammanträde 24 september 2015, § 142; ingen "
                                   "tjänsteskrivelse skickades till granskning före beslutet.")
    shown = client.get(page).get_data(as_text=True)
    item = shown[shown.index('id="milstolpe-tjansteskrivelse"'):]
    item = item[:item.index("</li>")]
    assert "Passerades av beslutet" in item and "Skickad till granskning" not in item
