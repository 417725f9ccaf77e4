"""The yttrande API: read, save, state changes, documents and the remiss detail extra."""
from __future__ import annotations

from tests.conftest import csrf_token
from tests.drafting.conftest import doc_lines


def test_api_draft_review_and_document(world, auth, client):
    rid = world["remiss"].id
    auth.login("sabina.dethorey@malmo.se")
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    empty = client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()
    assert empty["state"] == "utkast" and empty["version"] is None
    assert [s["fraga"] for s in empty["content"]["svar"]] == world["questions"]

    assert client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "x"}).status_code == 400  # no CSRF
    body = {"sammanfattning": "Positiv till förslaget.", "svar": [f"Svar {n}" for n in range(1, 6)]}
    saved = client.put(f"/api/v1/remisser/{rid}/yttrande", json=body, headers=headers)
    assert saved.status_code == 200 and saved.get_json()["version"] == 1
    labels = [s["label"] for s in saved.get_json()["sections"]]
    assert labels[2] == f"Fråga 1: {world['questions'][0]}"

    detail = client.get(f"/api/v1/remisser/{rid}").get_json()
    assert detail["yttrande"]["state"] == "utkast" and detail["yttrande"]["version"] == 1

    bad = client.put(f"/api/v1/remisser/{rid}/yttrande", json={"svar": [1, 2], "okänt": "x"}, headers=headers)
    assert bad.status_code == 400 and {"svar-1", "okänt"} <= set(bad.get_json()["errors"])
    assert client.put(f"/api/v1/remisser/{rid}/yttrande", data="inte json", headers=headers).status_code == 400
    assert client.put(f"/api/v1/remisser/{rid}/yttrande", json={"base_version": "x"}, headers=headers).status_code == 400
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": 5}, headers=headers).status_code == 400

    moved = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning"}, headers=headers)
    assert moved.status_code == 200 and moved.get_json()["state"] == "granskning"
    # Editing while in review is refused with 409, approving by a handläggare with 403.
    assert client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "y"}, headers=headers).status_code == 409
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "godkand"},
                       headers=headers).status_code == 403
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "expedierad"},
                       headers=headers).status_code == 403

    docx = client.get(f"/api/v1/remisser/{rid}/documents/yttrande.docx")
    assert docx.status_code == 200
    texts = [t for _, t in doc_lines(docx.data)]
    assert texts.index("1. " + world["questions"][0]) + 1 == texts.index("Svar 1")
    assert client.get(f"/api/v1/remisser/{rid}/documents/okand.docx").status_code == 404


def test_api_needs_login_and_hides_other_namnd(world, auth, client):
    rid = world["remiss"].id
    assert client.get(f"/api/v1/remisser/{rid}/yttrande").status_code == 401
    auth.login(world["outsider"].email)
    assert client.get(f"/api/v1/remisser/{rid}/yttrande").status_code == 404
    assert client.get(f"/api/v1/remisser/{rid}/documents/yttrande.docx").status_code == 404
