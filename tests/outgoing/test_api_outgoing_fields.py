"""walk12b #9 and #16 in the API: an utgående remiss's anstånd keeps its time of day, it has no Inkom
("received_on" is for a remiss that came in; Upprättad is "drawn_up_on"), and no receiving-side step of the API
(the yttrande, its documents, a förlängning from a remittent) acts on it: each is a 409 with a Swedish JSON error."""
from __future__ import annotations

from sqlmodel import select

from remiss.planning.models import Extension
from remiss.drafting.models import YttrandeDraft
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.outgoing.test_walk9_dates import _sent


def test_an_anstand_has_its_time_and_an_outgoing_remiss_no_inkom(session, client, auth, clock):
    _, page, (trafik, _) = _sent(session, client, auth, clock)
    rid = int(page.rsplit("/", 1)[1])
    headers = {"X-CSRFToken": csrf_token(client, page)}
    granted = client.post(f"/api/v1/remisser/{rid}/sandlista/{trafik}/extension", headers=headers,
                          json={"until_on": "2027-02-12", "until_time": "15.00", "reason": "Nämndmöte"})
    assert granted.status_code == 200, granted.get_json()
    body = granted.get_json()
    assert body["extended_until"] == "2027-02-12"  # as before: the day
    assert (body["extended_until_time"], body["deadline_in_force"]) == ("15:00", "2027-02-12T15:00")
    detail = client.get(f"/api/v1/remisser/{rid}").get_json()
    entry = next(e for e in detail["sandlista_status"]["entries"] if e["id"] == trafik)
    assert (entry["extended_until"], entry["extended_until_time"], entry["deadline_in_force"]) == (
        "2027-02-12", "15:00", "2027-02-12T15:00")
    other = next(e for e in detail["sandlista_status"]["entries"] if e["id"] != trafik)
    assert (other["extended_until_time"], other["deadline_in_force"]) == (None, "2027-01-29")
    assert detail["received_on"] is None  # old code: the day it was registered, shown as Inkom nowhere
    drawn_up = session.get(Remiss, rid).received_on.isoformat()  # the column holds Upprättad for an utgående remiss
    session.rollback()
    assert detail["drawn_up_on"] == drawn_up and detail["sent_at"].startswith("2026-12-04")
    listed = client.get("/api/v1/remisser?direction=utgaende").get_json()["items"]
    assert [(r["received_on"], r["drawn_up_on"]) for r in listed if r["id"] == rid] == [(None, drawn_up)]


def test_the_receiving_side_steps_of_the_api_refuse_an_outgoing_remiss(session, client, auth, clock):
    _, page, _ = _sent(session, client, auth, clock)
    rid = int(page.rsplit("/", 1)[1])
    headers = {"X-CSRFToken": csrf_token(client, page)}
    calls = [
        ("get", f"/api/v1/remisser/{rid}/yttrande", None),
        ("get", f"/api/v1/remisser/{rid}/documents/tjansteskrivelse.docx", None),
        ("get", f"/api/v1/remisser/{rid}/documents/yttrande.docx", None),
        ("post", f"/api/v1/remisser/{rid}/extensions",
         {"requested_by": "Trafiknämnden", "until_on": "2027-02-26", "reason": "Mer tid"}),
        ("post", f"/api/v1/remisser/{rid}/extensions/1/decision", {"decision": "beviljad", "until_on": "2027-02-26"}),
        ("put", f"/api/v1/remisser/{rid}/yttrande", {"sections": {}}),
    ]
    for method, url, body in calls:
        response = getattr(client, method)(url, headers=headers, **({"json": body} if body is not None else {}))
        said = response.get_json()
        assert response.status_code == 409, (url, response.status_code, said)
        assert said["error"].startswith("Remissen är utgående: vi är remittenten"), (url, said)
    session.expire_all()
    assert session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).first() is None
    assert session.exec(select(Extension).where(Extension.remiss_id == rid)).first() is None
    session.rollback()
