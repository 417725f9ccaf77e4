"""Who may do what, bad input on every planning form (400 with a message), and the JSON API."""
from datetime import date

import pytest
from sqlmodel import select

from remiss.auth.service import create_api_token
from remiss.planning.models import Extension, Milestone
from remiss.remisser.models import Remiss
from tests.planning.helpers import at, fetch, seed_003_world
from tests.support.factories import make_namnd, make_remiss, make_user


@pytest.fixture
def world(session, clock):
    namnd, users = seed_003_world(session)
    other = make_namnd(session, name="Tekniska nämnden")
    make_user(session, role="registrator", namnder=[other], email="sekr@teknik.se")
    make_user(session, role="admin", email="admin@x.se")
    clock.set(at(2015, 8, 3))
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"],
                         deadline_on=date(2015, 9, 30), deadline_time=None)
    session.commit()
    return {"namnd": namnd, "other": other, "remiss": remiss, "users": users}


def _urls(remiss_id, namnd_id):
    return [f"/remisser/{remiss_id}/tidplan/andra", f"/remisser/{remiss_id}/tidplan/klar",
            f"/remisser/{remiss_id}/tidplan/berakna", f"/remisser/{remiss_id}/forlangningar",
            f"/remisser/{remiss_id}/forlangningar/allman"]


def test_other_namnd_gets_404_and_lasare_may_not_change(world, client, auth, db):
    rid, nid = world["remiss"].id, world["namnd"].id
    auth.login("sekr@teknik.se")
    assert client.get(f"/remisser/{rid}").status_code == 404
    for url in _urls(rid, nid):
        assert auth.post(url, {"until_on": "2015-10-30"}, form_url="/").status_code == 404, url
    assert client.get(f"/namnder/{nid}/sammantraden").status_code == 404
    auth.logout()
    auth.login("lasare@oster.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "Tidplan" in page and "Registrera begäran" not in page
    for url in _urls(rid, nid):
        assert auth.post(url, {"until_on": "2015-10-30"}, form_url="/").status_code == 403, url
    r = auth.post(f"/namnder/{nid}/sammantraden", {"kind": "namnd", "day": "2015-11-05", "time": "17:00"},
                  form_url="/")
    assert r.status_code == 403
    assert client.get("/admin/stangda-dagar").status_code == 403
    assert fetch(db, select(Extension)) == []


def test_lasare_cannot_grant_through_the_api(world, session, client, clock, db):
    lasare = world["users"]["lasare"]
    token = create_api_token(session, now=clock(), user=session.merge(lasare), name="t")
    session.commit()
    r = client.post(f"/api/v1/remisser/{world['remiss'].id}/extensions",
                    json={"requested_by": "X", "until": "2015-10-30", "general": True},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 403 and r.is_json


@pytest.mark.parametrize("url_tail, data, field_message", [
    ("tidplan/andra", {"milestone_id": "x"}, "Välj en milstolpe"),
    ("tidplan/andra", {"milestone_id": "999999", "override_on": "2015-09-01", "reason": "x"}, "finns inte"),
    ("tidplan/andra", {"milestone_id": "MID", "override_on": "31 september", "reason": "x"}, "giltigt datum"),
    ("tidplan/andra", {"milestone_id": "MID", "override_on": "2015-09-01"}, "Ange varför"),
    ("forlangningar", {"requested_by": "", "until_on": ""}, "vem som begärde"),
    ("forlangningar", {"requested_by": "A", "until_on": "2015-09-01"}, "gå längre än nuvarande sista svarsdag, 30 september 2015"),
    ("forlangningar", {"requested_by": "A", "until_on": "2015-10-30", "until_time": "25:99"}, "klockslag"),
    ("forlangningar/allman", {"until_on": "igår"}, "giltigt datum"),
    ("forlangningar/allman", {"until_on": "2015-09-01"}, "gå längre än nuvarande sista svarsdag"),
    ("forlangningar/999999/besked", {"decision": "granted"}, "finns inte"),
    ("forlangningar/EID/besked", {"decision": "kanske"}, "beviljad eller avslagen"),
    ("forlangningar/EID/besked", {"decision": "granted", "granted_until_on": "2015-01-01"},
     "gå längre än nuvarande sista svarsdag"),
])
def test_bad_input_on_remiss_forms_is_400_with_the_message_and_typed_values(world, auth, db, url_tail, data,
                                                                            field_message):
    rid = world["remiss"].id
    auth.login("sekr@oster.se")
    r = auth.post(f"/remisser/{rid}/forlangningar", {"requested_by": "Sekr", "until_on": "2015-10-30"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 302
    eid = fetch(db, select(Extension.id))[0]
    mid = fetch(db, select(Milestone.id).where(Milestone.remiss_id == rid))[0]
    data = {k: str(v).replace("MID", str(mid)) for k, v in data.items()}
    r = auth.post(f"/remisser/{rid}/" + url_tail.replace("EID", str(eid)), data, form_url=f"/remisser/{rid}")
    body = r.get_data(as_text=True)
    assert r.status_code == 400
    assert field_message in body
    assert "Formuläret innehåller fel" in body
    for value in data.values():
        if value and value not in ("granted", "x", "kanske") and not value.isdigit():
            assert value in body  # what was typed is still there
    [remiss] = fetch(db, select(Remiss).where(Remiss.id == rid))
    assert remiss.effective_deadline_on == date(2015, 9, 30)


@pytest.mark.parametrize("data, message", [
    ({"kind": "styrelse", "day": "2015-11-05", "time": "17:00"}, "nämnd eller arbetsutskott"),
    ({"kind": "namnd", "day": "", "time": "17:00"}, "sammanträdets datum"),
    ({"kind": "namnd", "day": "2015-11-05", "time": "sen eftermiddag"}, "klockslag"),
    ({"kind": "namnd", "day": "2015-11-05", "time": "17:00", "handlingar_deadline": "2015-11-20"},
     "före sammanträdet"),
    ({"kind": "namnd", "day": "2015-09-24", "time": "17:00"}, "redan ett sådant sammanträde"),
])
def test_bad_meeting_input_is_400(world, auth, data, message):
    url = f"/namnder/{world['namnd'].id}/sammantraden"
    auth.login("sekr@oster.se")
    r = auth.post(url, data, form_url=url)
    assert r.status_code == 400 and message in r.get_data(as_text=True)


def test_closed_days_admin_page(world, auth, client):
    auth.login("admin@x.se")
    assert auth.post("/admin/stangda-dagar", {"day": "2015-13-01"}).status_code == 400
    r = auth.post("/admin/stangda-dagar", {"day": "2015-09-04", "reason": "klämdag"})
    assert r.status_code == 302
    again = auth.post("/admin/stangda-dagar", {"day": "2015-09-04"})
    assert again.status_code == 400 and "finns redan" in again.get_data(as_text=True)
    assert "fredag 4 september 2015" in client.get("/admin/stangda-dagar").get_data(as_text=True)


def test_api_detail_request_and_decide(world, session, client, clock, db):
    sekr = session.merge(world["users"]["registrator"])
    token = create_api_token(session, now=clock(), user=sekr, name="t")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    rid = world["remiss"].id
    detail = client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    kinds = [m["kind"] for m in detail["milestones"]]
    assert kinds == ["tjansteskrivelse", "granskning", "arbetsutskott", "namnd", "justering", "expediering",
                     "sista_svarsdag"]
    justering = detail["milestones"][4]
    assert justering["flagged"] and "Omedelbar justering" in justering["explanation"]
    assert set(justering) >= {"kind", "label", "due", "planned", "override", "owner_role", "explanation", "flagged"}
    assert detail["extensions"] == []

    r = client.post(f"/api/v1/remisser/{rid}/extensions", json={"requested_by": "Jesper", "until": "2015-10-23T12:00",
                                                                "reason": "Nästa sammanträde"}, headers=headers)
    assert r.status_code == 201, r.get_json()
    eid = r.get_json()["extension"]["id"]
    assert r.get_json()["effective_deadline"] == "2015-09-30"
    r = client.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision", json={"decision": "granted"},
                    headers=headers)
    assert r.status_code == 200
    body = r.get_json()
    assert body["effective_deadline"] == "2015-10-23T12:00"
    assert {m["kind"]: m["due"] for m in body["milestones"]}["namnd"] == "2015-10-22"
    r = client.post(f"/api/v1/remisser/{rid}/extensions/{eid}/decision", json={"decision": "granted"},
                    headers=headers)
    assert r.status_code == 400 and r.get_json()["field"] == "decision"
    r = client.post(f"/api/v1/remisser/{rid}/extensions", json={"until": "inte ett datum"}, headers=headers)
    assert r.status_code == 400 and set(r.get_json()["errors"]) == {"requested_by", "until_on"}
    assert client.post(f"/api/v1/remisser/{rid}/extensions", data="x", headers=headers).status_code == 400
    # session auth without the CSRF header is refused
    assert client.post(f"/api/v1/remisser/{rid}/extensions", json={}).status_code == 401
