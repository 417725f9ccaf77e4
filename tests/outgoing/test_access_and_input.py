"""Who may do what on an outgoing remiss, and bad input answered with 400, never 500."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from remiss.auth.models import Role
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.accessibility.test_summary_order import assert_in_page_order
from tests.support.factories import make_namnd, make_remiss, make_user


@pytest.fixture
def world(session):
    namnd, other = make_namnd(session), make_namnd(session)
    # Users are made on first use: password hashing is the slow part of these tests.
    specs = {"admin": (Role.admin, []), "registrator": (Role.registrator, [namnd]),
             "lasare": (Role.lasare, [namnd]), "outsider": (Role.registrator, [other])}

    class Users(dict):
        def __missing__(self, key):
            role, namnder = specs[key]
            user = make_user(session, role=role, namnder=namnder)
            session.commit()
            self[key] = user
            return user

    users = Users()
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                         sandlista=[SandlistaItem("Kommunal", "k@example.se", "Fack"),
                                    SandlistaItem("SACO", "", "Fack")])
    incoming = make_remiss(session, namnd=namnd, sandlista=["Kommunal"])
    entries = remisser.entries(session, remiss.id)
    ids = {"remiss": remiss.id, "incoming": incoming.id, "entry": entries[0].id, "saco": entries[1].id,
           "incoming_entry": remisser.entries(session, incoming.id)[0].id}
    session.commit()
    return users, ids


@pytest.mark.parametrize("who, page, view, post", [
    ("registrator", 200, 200, 302), ("lasare", 200, 200, 403), ("outsider", 404, 404, 404),
])
def test_remiss_pages_by_role(world, client, auth, who, page, view, post):
    users, ids = world
    auth.login(users[who].email)
    base = f"/remisser/{ids['remiss']}"
    assert client.get(base).status_code == page
    assert client.get(f"{base}/utskick/instanser/{ids['entry']}").status_code == view
    assert client.get(f"{base}/utskick/svarsstatus.csv").status_code == view
    response = auth.post(f"{base}/utskick/instanser/{ids['entry']}", {"action": "decline", "confirm_decline": "1"},
                         form_url="/remisser")
    assert response.status_code == post


def test_admin_pages_need_admin(world, client, auth):
    users, _ = world
    auth.login(users["registrator"].email)
    assert client.get("/admin/instanser/import").status_code == 403
    assert client.get("/admin/instanser/dubbletter").status_code == 403
    auth.logout()
    auth.login(users["admin"].email)
    assert "Läs in från fil" in client.get("/admin/instanser").get_data(as_text=True)
    assert client.get("/admin/instanser/dubbletter").status_code == 200


def test_incoming_remiss_has_no_outgoing_panel_or_routes(world, client, auth):
    users, ids = world
    auth.login(users["registrator"].email)
    assert "Utskick och svar" not in client.get(f"/remisser/{ids['incoming']}").get_data(as_text=True)
    assert client.get(f"/remisser/{ids['incoming']}/utskick/svarsstatus.csv").status_code == 404
    token = _token(client, f"/remisser/{ids['remiss']}")
    r = client.post(f"/api/v1/remisser/{ids['incoming']}/sandlista/{ids['incoming_entry']}/answer",
                    json={"summary": "x"}, headers={"X-CSRFToken": token})
    assert r.status_code == 400 and r.json["field"] == "remiss"


def _token(client, url):
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def test_bad_input_is_400_with_swedish_messages(world, client, auth, session):
    users, ids = world
    auth.login(users["registrator"].email)
    base = f"/api/v1/remisser/{ids['remiss']}/sandlista"
    headers = {"X-CSRFToken": _token(client, f"/remisser/{ids['remiss']}")}
    cases = [
        (f"{base}/{ids['entry']}/answer", {"answered_on": "31/13 2010", "summary": "x"}, "answered_on"),
        (f"{base}/{ids['entry']}/answer", {"answers": {"999": "x"}}, "answers"),
        (f"{base}/{ids['entry']}/answer", {"answers": ["inte", "ett", "objekt"]}, "answers"),
        (f"{base}/{ids['entry']}/answer", {}, "summary"),
        (f"{base}/{ids['entry']}/answer", {"summary": 5}, "summary"),
        (f"{base}/{ids['entry']}/extension", {"until_on": "snart"}, "until_on"),
        (f"{base}/{ids['entry']}/extension", {"until_on": "2026-12-30", "until_time": "25:99"}, "until_time"),
        (f"{base}/{ids['entry']}/decline", {"note": ["x"]}, "note"),
        (f"{base}/send", {}, "sandlista"),  # SACO has no e-mail address
    ]
    for url, body, field in cases:
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == 400, (url, body, response.json)
        assert response.json["field"] == field, (body, response.json)
    assert client.post(f"{base}/{ids['entry']}/answer", data="{", headers=dict(headers, **{
        "Content-Type": "application/json"})).status_code == 400
    assert client.post(f"{base}/{ids['incoming_entry']}/answer", json={"summary": "x"},
                       headers=headers).status_code == 404
    assert client.post(f"{base}/{ids['entry']}/answer", json={"summary": "x"}).status_code == 400  # no CSRF
    unsent = client.post(f"{base}/{ids['entry']}/answer", json={"summary": "Instämmer."}, headers=headers)
    assert unsent.status_code == 400 and unsent.json["errors"]["answer_status"].startswith(
        "Remissen är inte skickad än")  # walk10: no answer before the utskick
    from remiss.remisser.models import SandlistaEntry
    entry = session.get(SandlistaEntry, ids["entry"])
    entry.sent_at = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)
    session.add(entry)
    session.commit()
    ok = client.post(f"{base}/{ids['entry']}/answer", json={"summary": "Instämmer.", "answered_on": "2026-11-20",
                                                            "answers": {}}, headers=headers)
    assert ok.status_code == 200 and ok.json["answer_status"] == "svarat"
    # The same on the page: the form comes back with what was typed and a message by the field.
    page_url = f"/remisser/{ids['remiss']}/utskick/instanser/{ids['saco']}"
    page = auth.post(page_url, {"action": "answer", "answered_on": "igår", "summary": "Mitt svar"})
    body = page.get_data(as_text=True)
    assert page.status_code == 400 and "Ange ett giltigt datum" in body and "Mitt svar" in body
    assert auth.post(page_url, {"action": "grant_extension", "until_on": "2020-01-01"}).status_code == 400
    assert auth.post(page_url, {"action": "nonsense"}).status_code == 400
    general = auth.post(f"/remisser/{ids['remiss']}/utskick/forlangning", {"until_on": "x"},
                        form_url=f"/remisser/{ids['remiss']}")
    assert general.status_code == 400
    body = general.get_data(as_text=True)  # the remiss page again, the error linked to its field
    assert 'href="#f-g-until_on"' in body and 'id="e-g-until_on"' in body and 'value="x"' in body
    assert client.get(f"/remisser/{ids['remiss']}/utskick/svarsstatus.pdf").status_code == 404
    _ = date  # dates are given as text above on purpose


def test_one_request_cannot_flood_the_register(world, client, auth, db):
    """Issue 19 item 6: 20,000 sändlista names (or 300 frågor) in one PATCH are a 400 in Swedish, and nothing is
    added to the register."""
    from sqlalchemy import func, select

    from remiss.outgoing.models import Organisation

    users, ids = world
    auth.login(users["registrator"].email)
    def count() -> int:
        reader = db.session(write=False)
        try:
            return reader.execute(select(func.count()).select_from(Organisation)).scalar_one()
        finally:
            reader.close()

    before = count()
    headers = {"X-CSRFToken": _token(client, f"/remisser/{ids['remiss']}")}
    for body, field, words in (({"sandlista": [f"Förening {i}" for i in range(20_000)]}, "sandlista",
                                "Högst 500 remissinstanser"),
                               ({"questions": [f"Fråga {i}?" for i in range(300)]}, "questions",
                                "Högst 200 frågeställningar")):
        response = client.patch(f"/api/v1/remisser/{ids['incoming']}", json=body, headers=headers)
        assert response.status_code == 400, response.json
        assert response.json["field"] == field and words in response.json["errors"][field]
    assert count() == before


def test_names_typed_on_one_namnds_sandlista_stay_in_that_namnd(world, client, auth, session, app):
    """Issue 19 item 6: a name typed on nämnd A's sändlista is not offered in nämnd B's forms, unless the register
    is configured as shared."""
    users, ids = world
    auth.login(users["outsider"].email)  # a registrator in the other nämnd
    form = client.get("/remisser/ny-utgaende").get_data(as_text=True)
    assert "Kommunal" not in form and "SACO" not in form
    app.config["REGISTER_SHARED"] = True
    assert "Kommunal" in client.get("/remisser/ny-utgaende").get_data(as_text=True)
    app.config["REGISTER_SHARED"] = False
    auth.logout()
    auth.login(users["registrator"].email)  # in the nämnd where the names were typed
    assert "Kommunal" in client.get("/remisser/ny-utgaende").get_data(as_text=True)
@pytest.mark.parametrize("form, field, message", [
    ({"until_on": "", "until_time": ""}, "until_on", "Ange ett datum."),
    ({"until_on": "2099-05-04", "until_time": "99:99"}, "until_time", "Ange klockslag, till exempel 12.00."),
])
def test_an_anstand_request_is_validated_and_nothing_typed_is_lost(world, auth, session, form, field, message):
    """"Registrera begäran" refuses an empty date and a time that is no time, records nothing, and comes back
    with the error linked to its field and every value typed."""
    from sqlmodel import select

    from remiss.planning.models import Extension

    from remiss.remisser.models import Remiss

    users, ids = world
    sent = session.get(Remiss, ids["remiss"])  # an anstånd is for a remiss that is sent (truth17 F10)
    sent.sent_at, sent.status = sent.created_at, "skickad"
    session.commit()
    auth.login(users["registrator"].email)
    page_url = f"/remisser/{ids['remiss']}/utskick/instanser/{ids['entry']}"
    response = auth.post(page_url, {"action": "request_extension", "reason": "Nämnden möts i maj", **form})
    body = response.get_data(as_text=True)
    assert response.status_code == 400, body[:300]
    assert message in body and f'href="#f-{field}"' in body and 'id="error-summary"' in body
    assert f'id="e-{field}"' in body and 'aria-invalid="true"' in body
    assert 'value="Nämnden möts i maj"' in body
    if form["until_on"]:
        assert f'value="{form["until_on"]}"' in body and 'value="99:99"' in body
    session.expire_all()
    assert session.exec(select(Extension).where(Extension.sandlista_entry_id == ids["entry"])).all() == []
    session.rollback()  # end the read, so the request below may write
    ok = auth.post(page_url, {"action": "request_extension", "until_on": "2099-05-04", "until_time": "12:00"})
    assert ok.status_code == 302
    session.expire_all()
    asked = session.exec(select(Extension).where(Extension.sandlista_entry_id == ids["entry"])).one()
    assert (asked.requested_until_on.isoformat(), asked.requested_until_time.isoformat()) == ("2099-05-04", "12:00:00")


def test_a_refused_step_says_what_was_not_done_and_why(world, client, auth):
    """Before the remiss is sent: sammanställa, avsluta and publicera each say in Swedish what stopped them."""
    users, ids = world
    auth.login(users["registrator"].email)
    base = f"/remisser/{ids['remiss']}"
    said = {}
    for step, data in (("sammanstall", {}), ("avsluta", {}), ("publicera", {"attachment_ids": "1"})):
        response = auth.post(f"{base}/utskick/{step}", data, form_url=base, follow_redirects=True)
        assert response.status_code == 200
        said[step] = response.get_data(as_text=True)
    assert "Svaren sammanställdes inte: Remissen är inte skickad än: det finns inga svar att sammanställa." in said[
        "sammanstall"]
    assert "Ärendet avslutades inte: Sammanställ svaren innan ärendet avslutas." in said["avsluta"]
    assert "Inget publicerades: Remissen kan publiceras först när den är skickad." in said["publicera"]


def test_the_answer_summary_follows_its_form(world, auth):
    """walk25b Z9: an instans's answer, every field wrong, is summed up in the order of its fields."""
    users, ids = world
    auth.login(users["registrator"].email)
    page_url = f"/remisser/{ids['remiss']}/utskick/instanser/{ids['saco']}"
    wrong = {"action": "answer", "answered_on": "igår", "summary": "s" * 5001, "other_comments": "o" * 200_001}
    assert_in_page_order(auth.post(page_url, wrong), 2)
