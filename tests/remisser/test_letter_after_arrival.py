"""walk11 finding 21: a missiv dated after the day it came in (Missivets datum later than Inkom) is asked about
before registering, as Inkom after the sista svarsdag is: the usual cause is swapped or mistyped fields."""
from datetime import datetime, timezone

from sqlmodel import select

from remiss.remisser.models import Remiss
from tests.remisser.test_received_on import FORM, _count, _registrator

QUESTION = "Missivet är daterat 3 december 2026, efter att det kom in 1 december 2026. Stämmer det?"


def test_a_missiv_dated_after_inkom_is_asked_about(client, auth, session, db, clock):
    namnd, _ = _registrator(session)
    clock.set(datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc))
    auth.login("sekr@kommun.se")
    form = {**FORM, "received_on": "2026-12-01", "letter_date": "2026-12-03", "namnd_id": namnd.id}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200  # a question: nothing is wrong yet
    assert "Missivet är daterat efter att det kom in" in page and QUESTION in page
    assert 'value="2026-12-03"' in page and "Skrivet av mig" in page
    assert _count(db) == 0

    response = auth.post("/remisser/ny", {**form, "confirm_letter_date": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    with db.transaction() as s:
        assert [(r.letter_date.isoformat(), r.received_on.isoformat()) for r in s.exec(select(Remiss))] == \
            [("2026-12-03", "2026-12-01")]


def test_an_empty_inkom_is_today_and_a_missiv_of_the_same_day_or_earlier_is_not_asked_about(
        client, auth, session, db, clock):
    namnd, _ = _registrator(session)
    clock.set(datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc))
    auth.login("sekr@kommun.se")
    response = auth.post("/remisser/ny", {**FORM, "letter_date": "2026-12-05", "namnd_id": namnd.id})
    assert "Missivet är daterat 5 december 2026, efter att det kom in 4 december 2026." in \
        response.get_data(as_text=True)
    assert _count(db) == 0
    response = auth.post("/remisser/ny", {**FORM, "received_on": "2026-12-01", "letter_date": "2026-12-01",
                                          "namnd_id": namnd.id})
    assert response.status_code == 302
    assert _count(db) == 1


def test_the_api_saves_a_missiv_dated_after_inkom_and_warns_unless_confirmed(client, session, db, clock):
    """The API registered and changed such a pair unchecked; it cannot ask, and it is changed only by adding, so it
    saves the pair as sent and warns with what the forms ask; "confirm_letter_date" is its "Datumen stämmer"."""
    from remiss.auth.service import create_api_token

    namnd, user = _registrator(session)
    clock.set(datetime(2026, 12, 4, 12, 0, tzinfo=timezone.utc))
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='test')}"}
    session.commit()
    body = {"title": "Promemorian", "namnd_id": namnd.id, "deadline_on": "2027-05-05", "received_on": "2026-12-01",
            "letter_date": "2026-12-03"}

    def warned(response) -> list[str]:
        return [w["message"] for w in response.get_json().get("warnings", []) if w["code"] == "missiv_efter_inkom"]

    saved = client.post("/api/v1/remisser", json=body, headers=headers)
    said = ("Missivet är daterat 3 december 2026, efter att det kom in 1 december 2026: ett missiv kan inte komma in "
            "innan det är skrivet")
    assert saved.status_code == 201, saved.get_json()
    (message,) = warned(saved)
    assert said in message and '"confirm_letter_date": true' in message
    assert (saved.get_json()["letter_date"], saved.get_json()["received_on"]) == ("2026-12-03", "2026-12-01")
    empty_inkom = client.post("/api/v1/remisser", json={**body, "title": "Annan promemoria", "received_on": None,
                                                        "letter_date": "2026-12-05"}, headers=headers)
    assert empty_inkom.status_code == 201  # an empty Inkom is today, as on the form
    assert "efter att det kom in 4 december 2026" in warned(empty_inkom)[0]
    confirmed = client.post("/api/v1/remisser", json={**body, "title": "Tredje", "confirm_letter_date": True},
                            headers=headers)
    assert confirmed.status_code == 201 and warned(confirmed) == []

    remiss_url = f"/api/v1/remisser/{saved.get_json()['id']}"
    again = client.patch(remiss_url, json={"notes": "Ny anteckning"}, headers=headers)
    assert again.status_code == 200 and warned(again) == []  # asked at registration, not again
    changed = client.patch(remiss_url, json={"received_on": "2026-11-30"}, headers=headers)
    assert changed.status_code == 200
    assert "efter att det kom in 30 november 2026" in warned(changed)[0]
    fixed = client.patch(remiss_url, json={"letter_date": "2026-11-28", "received_on": "2026-12-01"},
                         headers=headers)
    assert fixed.status_code == 200 and warned(fixed) == []
    with db.transaction() as s:
        assert [(r.letter_date.isoformat(), r.received_on.isoformat())
                for r in s.exec(select(Remiss).where(Remiss.title == "Promemorian"))] == [("2026-11-28", "2026-12-01")]
