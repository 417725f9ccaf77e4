"""The JSON API: token auth, create/read/update/list, and clear JSON errors."""
import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from tests.support.factories import SEED_000_SANDLISTA, make_namnd, make_user


@pytest.fixture
def token(session, clock):
    namnd = make_namnd(session, name="SON Öster", dnr_prefix="SOFÖ")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="api@x.se")
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    return {"token": token, "namnd": namnd, "headers": {"Authorization": f"Bearer {token}"}}


SEED = {"title": "Förslag till ny IoF-plan", "remittent": "Kommunstyrelsen", "sender_dnr": "KS-IOF-2010-00015",
        "deadline_on": "2010-03-31", "deadline_time": "12:00", "answer_email": "stadskontoret@malmo.se",
        "copy_emails": ["patrik.kronholm@malmo.se"], "contact_person": "Patrik Kronholm",
        "sandlista": SEED_000_SANDLISTA, "questions": ["Hur ser ni på planens mål?"]}


def test_create_read_update_list_with_a_token(client, token, db):
    r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id}, headers=token["headers"])
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["our_dnr"] == "SOFÖ 2026/0001" and body["deadline"] == "2010-03-31T12:00"
    assert [e["name"] for e in body["sandlista"]] == SEED_000_SANDLISTA
    assert body["status"] == "registrerad" and body["status_label"] == "Registrerad"
    rid = body["id"]
    assert client.get(r.headers["Location"], headers=token["headers"]).get_json()["sender_dnr"] == "KS-IOF-2010-00015"

    r = client.patch(f"/api/v1/remisser/{rid}", json={"notes": "Ny anteckning", "status": "tilldelad"},
                     headers=token["headers"])
    assert r.status_code == 200 and r.get_json()["notes"] == "Ny anteckning"
    assert r.get_json()["status"] == "tilldelad"

    listing = client.get("/api/v1/remisser?status=open&q=iof", headers=token["headers"]).get_json()
    assert listing["total"] == 1 and listing["items"][0]["id"] == rid
    assert client.get("/api/v1/remisser?deadline_to=2010-01-01", headers=token["headers"]).get_json()["total"] == 0


@pytest.mark.parametrize("payload,field", [
    ({"title": ""}, "title"),
    ({"title": "x" * 501}, "title"),
    ({"title": 7}, "title"),
    ({"deadline_on": "31/13 2010"}, "deadline_on"),
    ({"deadline_time": "kl 25"}, "deadline_time"),
    ({"answer_email": "nej"}, "answer_email"),
    ({"copy_emails": ["ok@x.se", "nej"]}, "copy_emails"),
    ({"namnd_id": "abc"}, "namnd_id"),
    ({"namnd_id": 99999}, "namnd_id"),
    ({"questions": {"a": 1}}, "questions"),
    ({"sandlista": [{"email": "x@y.se"}]}, "sandlista"),
    ({"direction": "sidled"}, "direction"),
    ({"handlaggare_id": 424242}, "handlaggare_id"),
    # JSON types that Python would quietly turn into something else: true → 1, 1.5 → 1, {"x": 1} → "{'x': 1}"
    ({"namnd_id": True}, "namnd_id"),
    ({"namnd_id": 1.5}, "namnd_id"),
    ({"handlaggare_id": True}, "handlaggare_id"),
    ({"questions": [{"x": 1}]}, "questions"),
    ({"sandlista": [1, 2]}, "sandlista"),
    ({"sandlista": [{"name": {"x": 1}}]}, "sandlista"),
])
def test_bad_fields_give_json_errors_naming_the_field(client, token, payload, field):
    body = {**SEED, "namnd_id": token["namnd"].id, **payload}
    r = client.post("/api/v1/remisser", json=body, headers=token["headers"])
    assert r.status_code == 400
    error = r.get_json()
    assert error["field"] == field and field in error["errors"] and error["error"]


def test_not_json_and_unknown_fields_and_illegal_status(client, token):
    r = client.post("/api/v1/remisser", data="nej", headers=token["headers"])
    assert r.status_code == 400 and r.get_json()["field"] == "body"
    assert "Content-Type: application/json" in r.get_json()["errors"]["body"]
    r = client.post("/api/v1/remisser", data="{nej", headers=token["headers"], content_type="application/json")
    assert r.get_json()["errors"] == {"body": "Innehållet är inte giltig JSON."}
    r = client.post("/api/v1/remisser", data="[1]", headers=token["headers"], content_type="application/json")
    assert r.get_json()["errors"] == {"body": "Begäran ska vara ett JSON-objekt."}
    for query, field in (("page=-1", "page"), ("page=0", "page"), ("per_page=500", "per_page"), ("page=x", "page")):
        r = client.get(f"/api/v1/remisser?{query}", headers=token["headers"])
        assert r.status_code == 400 and r.get_json()["field"] == field, query
    rid = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id},
                      headers=token["headers"]).get_json()["id"]
    r = client.patch(f"/api/v1/remisser/{rid}", json={"hemligt": 1}, headers=token["headers"])
    assert r.status_code == 400 and r.get_json()["field"] == "hemligt"
    r = client.patch(f"/api/v1/remisser/{rid}", json={"status": "besvarad"}, headers=token["headers"])
    assert r.status_code == 409 and "kan inte ändras" in r.get_json()["error"]
    assert client.get("/api/v1/remisser/999999", headers=token["headers"]).status_code == 404
    assert client.get("/api/v1/remisser?page=x", headers=token["headers"]).get_json()["field"] == "page"


def test_bad_token_and_session_without_csrf(client, token, auth):
    """A wrong token is told apart from none; a session's write without the CSRF header is told how to send it."""
    none = client.get("/api/v1/remisser")
    wrong = client.get("/api/v1/remisser", headers={"Authorization": "Bearer rmt_fel"})
    assert none.status_code == wrong.status_code == 401
    assert "Inloggning krävs" in none.get_json()["error"] and "API-token är ogiltig" in wrong.get_json()["error"]
    auth.login("api@x.se")
    r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id})
    assert r.status_code == 400 and "X-CSRFToken" in r.get_json()["error"] and "Ladda om" not in r.get_json()["error"]


def test_tokens_are_stored_hashed(session, token):
    from remiss.auth.models import ApiToken
    stored = session.exec(select(ApiToken)).one()
    assert token["token"] not in stored.token_hash and len(stored.token_hash) == 64


def test_missiv_parse_endpoint_returns_the_contract_keys(client, token):
    text = ("Ärendet: Förslag till ny IoF-plan\nÄrendet, med vårt Dnr KS-IOF-2010-00015 överlämnas till ovanstående "
            "för yttrande. Svaret ska vara stadskontorets expedition tillhanda senast 2010-03-31 kl 12.00.\n"
            "Handläggande tjänsteman på stadskontoret är Patrik Kronholm.")
    r = client.post("/api/v1/missiv/parse", json={"text": text}, headers=token["headers"])
    body = r.get_json()
    assert r.status_code == 200
    for key in ("title", "remittent", "sender_dnr", "deadline", "answer_email", "contact_person", "sandlista",
                "questions"):
        assert key in body
    assert body["sender_dnr"] == "KS-IOF-2010-00015" and body["deadline"] == "2010-03-31T12:00"
    assert client.post("/api/v1/missiv/parse", json={"text": ""}, headers=token["headers"]).status_code == 400


def test_numbers_too_large_for_the_database_are_bad_input(client, token, auth, session):
    big = "9" * 40
    r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": big}, headers=token["headers"])
    assert r.status_code == 400 and r.get_json()["field"] == "namnd_id"
    rid = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id},
                      headers=token["headers"]).get_json()["id"]
    auth.login("api@x.se")
    url = f"/remisser/{rid}"
    r = auth.post(f"{url}/tilldela", {"handlaggare_id": big}, form_url=url)
    assert r.status_code in (302, 400)
    r = auth.post(f"{url}/andra", {"title": "x", "namnd_id": big, "handlaggare_id": big}, form_url=f"{url}/andra")
    assert r.status_code == 400 and "Ogiltigt val" in r.get_data(as_text=True)
    assert client.get(f"/remisser?sida={big}").status_code in (200, 400)


def _status_events(session, rid: int) -> list:
    from remiss.audit.models import AuditEvent

    session.expire_all()
    changes = [e.changes for e in session.exec(select(AuditEvent).where(AuditEvent.remiss_id == rid,
                                                                        AuditEvent.action == "status"))]
    session.rollback()  # end the read, so the app's next write is not kept waiting for the lock
    return changes


def test_patch_accepts_the_status_the_remiss_already_has(client, token, session):
    """Issue 17: the handläggare moves a registrerad remiss to tilldelad; saying so too is no error."""
    headers = token["headers"]
    handlaggare_id = make_user(session, role=Role.handlaggare, namnder=[token["namnd"]]).id
    session.commit()
    rid = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id},
                      headers=headers).get_json()["id"]

    # registrerad: the status it has, alone
    r = client.patch(f"/api/v1/remisser/{rid}", json={"status": "registrerad"}, headers=headers)
    assert r.status_code == 200 and r.get_json()["status"] == "registrerad"
    assert _status_events(session, rid) == []

    # the assignment and the status it implies, together: one move, and both kept
    r = client.patch(f"/api/v1/remisser/{rid}", json={"handlaggare_id": handlaggare_id, "status": "tilldelad"},
                     headers=headers)
    assert r.status_code == 200, r.get_json()
    assert (r.get_json()["status"], r.get_json()["handlaggare_id"]) == ("tilldelad", handlaggare_id)
    assert len(_status_events(session, rid)) == 1

    # again, with a change of fields and alone: accepted, no second move
    r = client.patch(f"/api/v1/remisser/{rid}", json={"notes": "Klar att börja", "status": "tilldelad"},
                     headers=headers)
    assert r.status_code == 200 and r.get_json()["notes"] == "Klar att börja"
    assert client.put(f"/api/v1/remisser/{rid}", json={"status": "tilldelad"}, headers=headers).status_code == 200
    assert len(_status_events(session, rid)) == 1


def test_patch_refuses_a_real_illegal_move_whole(client, token, session):
    headers = token["headers"]
    rid = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id},
                      headers=headers).get_json()["id"]
    r = client.patch(f"/api/v1/remisser/{rid}", json={"notes": "Ändrat", "status": "beslutad"}, headers=headers)
    assert r.status_code == 409 and r.get_json()["field"] == "status"
    assert client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()["notes"] == ""  # rolled back
    r = client.patch(f"/api/v1/remisser/{rid}", json={"status": "klar"}, headers=headers)
    assert r.status_code == 400 and r.get_json()["errors"] == {"status": "Okänd status: klar"}


def test_a_lasare_or_an_admin_cannot_be_made_handlaggare(client, token, session):
    """The API offers the same people as the form's list: active handläggare, registratorer, granskare."""
    lasare = make_user(session, role=Role.lasare, namnder=[token["namnd"]], email="lasare@x.se")
    admin = make_user(session, role=Role.admin, namnder=[token["namnd"]], email="admin2@x.se")
    granskare = make_user(session, role=Role.granskare, namnder=[token["namnd"]], email="gr@x.se")
    session.commit()
    for user in (lasare, admin):
        r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id, "handlaggare_id": user.id},
                        headers=token["headers"])
        assert r.status_code == 400 and r.get_json()["field"] == "handlaggare_id", r.get_json()
    r = client.post("/api/v1/remisser", json={**SEED, "namnd_id": token["namnd"].id, "handlaggare_id": granskare.id},
                    headers=token["headers"])
    assert r.status_code == 201 and r.get_json()["status"] == "tilldelad"
