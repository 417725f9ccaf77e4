"""Inkom is a day that has been (today in Europe/Stockholm by the app's clock); Inkom after the sista svarsdag is
asked about like a deadline already past (walk8 finding 5)."""
from datetime import datetime, timezone

from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_user

FORM = {"title": "Promemorian Skattelättnader", "direction": "inkommande", "kind": "remiss",
        "remittent": "Finansdepartementet", "deadline_on": "2027-05-05", "notes": "Skrivet av mig"}


def _registrator(session):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    return namnd, user


def _count(db):
    with db.transaction() as s:
        return len(s.exec(select(Remiss)).all())


def test_a_future_inkom_is_refused_with_what_was_typed_kept(client, auth, session, db, clock):
    namnd, _ = _registrator(session)
    # 23:30 UTC on 4 December is 00:30 on 5 December in Stockholm: the 5th is today, the 6th is not
    clock.set(datetime(2026, 12, 4, 23, 30, tzinfo=timezone.utc))
    auth.login("sekr@kommun.se")
    response = auth.post("/remisser/ny", {**FORM, "received_on": "2026-12-06", "namnd_id": namnd.id})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Inkom kan inte vara ett datum efter i dag (5 december 2026)." in page
    assert 'value="2026-12-06"' in page and "Skrivet av mig" in page
    assert _count(db) == 0
    response = auth.post("/remisser/ny", {**FORM, "received_on": "2026-12-05", "namnd_id": namnd.id})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def test_a_future_inkom_is_refused_by_the_api_and_the_edit_form(client, auth, session, db, clock):
    namnd, user = _registrator(session)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    body = {"title": "Promemorian", "namnd_id": namnd.id, "deadline_on": "2027-05-05", "received_on": "2028-01-01"}
    r = client.post("/api/v1/remisser", json=body, headers=headers)
    assert r.status_code == 400 and "efter i dag" in r.get_json()["errors"]["received_on"], r.get_json()
    r = client.post("/api/v1/remisser", json={**body, "received_on": "2026-11-20"}, headers=headers)
    assert r.status_code == 201
    auth.login("sekr@kommun.se")
    remiss_id = r.get_json()["id"]
    response = auth.post(f"/remisser/{remiss_id}/andra", {"title": "Promemorian", "received_on": "2028-01-01",
                                                           "deadline_on": "2027-05-05", "namnd_id": namnd.id},
                         form_url=f"/remisser/{remiss_id}/andra")
    assert response.status_code == 400 and "Inkom kan inte vara ett datum efter i dag" in response.get_data(as_text=True)


def test_inkom_after_the_deadline_is_asked_about(client, auth, session, db, clock):
    namnd, _ = _registrator(session)
    auth.login("sekr@kommun.se")
    form = {**FORM, "received_on": "2026-11-20", "deadline_on": "2026-11-18", "namnd_id": namnd.id,
            "confirm_past_deadline": "1"}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200  # a question, like a past deadline: nothing is wrong yet
    assert 'value="Skrivet av mig"' in page or "Skrivet av mig" in page
    assert "Remissen kom in efter sista svarsdagen" in page
    assert "Inkom 20 november 2026 ligger efter sista svarsdag 18 november 2026." in page
    assert _count(db) == 0
    response = auth.post("/remisser/ny", {**form, "confirm_received_late": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert _count(db) == 1

