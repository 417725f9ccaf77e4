"""Editing the svarsdag of an outgoing remiss ("Ändra uppgifter"): before it is sent, a svarsdag today or past is
refused as registration refuses it; after it is sent, the date the instanser were told is not changed silently but
refused with a pointer to "Förläng remisstiden för alla" (also through the API)."""
from __future__ import annotations

from datetime import date
from html import unescape

from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.outgoing.test_walk9_dates import TODAY, _sent, _world


def test_editing_an_unsent_remiss_to_a_passed_svarsdag_is_refused(session, client, auth, clock):
    """walk12b: "spara ändå" let an unsent remiss keep a passed svarsdag, so it could never be sent: refused now,
    with what was typed kept, on the form and through the API alike."""
    clock.set(TODAY)
    namnd, user, remiss = _world(session, deadline=date(2027, 1, 29))
    rid, email, namnd_id = remiss.id, user.email, namnd.id
    session.rollback()  # end the test's read: SQLite has one writer
    auth.login(email)
    url = f"/remisser/{rid}/andra"
    refused = auth.post(url, {"deadline_on": "2026-11-01", "title": "Trafikplan för Öster"}, form_url=url)
    page = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Sista svarsdagen 1 november 2026 har redan passerat. Remissen är inte skickad än, och "
            "de 2 remissinstanserna behöver tid att svara: ange ett datum efter i dag.") in page
    assert "spara ändå" not in page.lower() and 'name="confirm_past_deadline"' not in page
    assert "Trafikplan för Öster" in page and 'value="2026-11-01"' in page  # what was typed is kept
    session.expire_all()
    assert session.get(Remiss, rid).deadline_on == date(2027, 1, 29)
    session.rollback()
    today = auth.post(url, {"deadline_on": "2026-12-04"}, form_url=url)
    assert today.status_code == 400 and "Sista svarsdagen 4 december 2026 är i dag." in unescape(
        today.get_data(as_text=True))
    # the old confirmation, posted by hand, saves nothing either
    for confirm in ("confirm_past_deadline", "confirm_all"):
        again = auth.post(url, {"deadline_on": "2026-11-01", confirm: "1"}, form_url=url)
        assert again.status_code == 400, confirm
    api = client.patch(f"/api/v1/remisser/{rid}", json={"deadline_on": "2026-11-01"},
                       headers={"X-CSRFToken": csrf_token(client, url)})
    assert api.status_code == 400 and "har redan passerat" in api.get_json()["errors"]["deadline_on"]
    made = client.post("/api/v1/remisser", headers={"X-CSRFToken": csrf_token(client, url)}, json={
        "title": "Ny", "namnd_id": namnd_id, "direction": "utgaende", "deadline_on": "2026-12-04",
        "sandlista": [{"name": "Kommunal"}]})
    assert made.status_code == 400 and "är i dag" in made.get_json()["errors"]["deadline_on"]
    session.expire_all()
    assert session.get(Remiss, rid).deadline_on == date(2027, 1, 29)
    session.rollback()
    # another field saved alone is not refused, nor a future svarsdag
    assert auth.post(url, {"title": "Trafikplan för Öster"}, form_url=url).status_code == 302
    assert auth.post(url, {"deadline_on": "2027-02-05"}, form_url=url).status_code == 302
    session.expire_all()
    assert session.get(Remiss, rid).deadline_on == date(2027, 2, 5)


def test_editing_the_svarsdag_of_a_sent_remiss_points_to_the_general_extension(session, client, auth, clock):
    _, page, _ = _sent(session, client, auth, clock)
    rid, url = int(page.rsplit("/", 1)[1]), f"{page}/andra"  # remiss.id would read, and lock SQLite
    form = unescape(client.get(url).get_data(as_text=True))
    assert "Remissen är skickad: de 2 remissinstanserna har fått svarsdagen." in form
    refused = auth.post(url, {"deadline_on": "2027-02-26", "title": "Trafikplan för Öster"}, form_url=url)
    said = unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert ("Remissen skickades 4 december 2026, och de 2 remissinstanserna har fått sista svarsdag 29 januari 2027. "
            "Ändra den inte här: ge mer tid med ”Förläng remisstiden för alla”") in said
    assert "Trafikplan för Öster" in said  # kept
    session.expire_all()
    assert session.get(Remiss, rid).deadline_on == date(2027, 1, 29)
    session.rollback()
    assert auth.post(url, {"deadline_time": "12.00"}, form_url=url).status_code == 400  # the hour too
    # the other fields still save, the svarsdag as it is included
    assert auth.post(url, {"deadline_on": "2027-01-29", "title": "Trafikplan för Öster"}, form_url=url
                     ).status_code == 302
    api = client.patch(f"/api/v1/remisser/{rid}", json={"deadline_on": "2027-02-26"},
                       headers={"X-CSRFToken": csrf_token(client, page)})
    assert api.status_code == 400 and "Förläng remisstiden för alla" in api.get_json()["errors"]["deadline_on"]
    session.expire_all()
    fresh = session.get(Remiss, rid)
    assert (fresh.title, fresh.deadline_on) == ("Trafikplan för Öster", date(2027, 1, 29))
