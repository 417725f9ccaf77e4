"""A finished remiss (återkallad, avstår, besvarad) takes no more workflow: drafting, beslut, extensions and
tidplan edits are refused in one place (a Swedish message on the page, 409 in the API), their forms are not
shown, and the granskare gets no "Att granska" for it. A rättelse of a besvarad remiss still works."""
from __future__ import annotations

from html import unescape

from sqlmodel import func, select

from remiss.audit.models import AuditEvent
from remiss.planning.models import Extension, Milestone
from remiss.reminders.models import OutboxMessage
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.drafting.conftest import approve_and_decide
from tests.drafting.test_flow import draft_form


def _api_headers(client, rid):
    return {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}


def _set_status(client, rid, status):
    moved = client.patch(f"/api/v1/remisser/{rid}", json={"status": status}, headers=_api_headers(client, rid))
    assert moved.status_code == 200, moved.get_json()


def _count(reader, model, *where):
    reader.rollback()
    return reader.exec(select(func.count()).select_from(model).where(*where)).one()


def test_withdrawn_remiss_refuses_drafting_review_extensions_and_tidplan(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    headers = _api_headers(client, rid)
    assert client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "Positiv."},
                      headers=headers).status_code == 200
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning"},
                       headers=headers).status_code == 200
    auth.logout()
    auth.login(world["registrator"].email)
    _set_status(client, rid, "aterkallad")
    events_before = _count(reader, AuditEvent, AuditEvent.remiss_id == rid)
    mails_before = _count(reader, OutboxMessage, OutboxMessage.remiss_id == rid)

    # The granskare: nothing to review on the start page, and approving is refused with a clear JSON error.
    auth.logout()
    auth.login(world["granskare"].email)
    start = client.get("/").get_data(as_text=True)
    assert world["remiss"].title not in unescape(start)
    refused = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "godkand"},
                          headers=_api_headers(client, rid))
    assert refused.status_code == 409
    assert "återkallad" in refused.get_json()["error"]

    # The handläggare: saving in the API and on the page, and asking for more time, are refused.
    auth.logout()
    auth.login(world["handlaggare"].email)
    headers = _api_headers(client, rid)
    assert client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "Ny."},
                      headers=headers).status_code == 409
    ext = client.post(f"/api/v1/remisser/{rid}/extensions", headers=headers,
                      json={"requested_by": "Sabina", "until_on": "2015-10-30"})
    assert ext.status_code == 409 and "återkallad" in ext.get_json()["error"]
    page = f"/remisser/{rid}"
    saved = auth.post(f"{page}/yttrande", draft_form(rid), form_url=page)
    assert saved.status_code == 302 and saved.headers["Location"].endswith(page)
    shown = unescape(client.get(page).get_data(as_text=True))
    assert "Remissen är återkallad, så inget mer görs i den." in shown
    for label in ("Beräkna tidplanen på nytt", "Ändra ett datum för hand", "Begäran om förlängning",
                  "Allmän förlängning från remittenten", "Skicka till granskning", "Markera som inte klar"):
        assert label not in shown, label
    milestone = reader.exec(select(Milestone).where(Milestone.remiss_id == rid)).first()
    for url, data in ((f"{page}/tidplan/berakna", {}), (f"{page}/tidplan/klar", {"milestone_id": milestone.id,
                                                                                 "done": "0"}),
                      (f"{page}/tidplan/andra", {"milestone_id": milestone.id, "override_on": "2015-09-20",
                                                 "reason": "Test"}),
                      (f"{page}/forlangningar", {"requested_by": "Sabina", "until_on": "2015-10-30"})):
        answer = auth.post(url, data, form_url=page)
        assert answer.status_code == 302, url
    assert _count(reader, AuditEvent, AuditEvent.remiss_id == rid) == events_before  # nothing changed
    assert _count(reader, OutboxMessage, OutboxMessage.remiss_id == rid) == mails_before  # nobody mailed
    assert _count(reader, Extension, Extension.remiss_id == rid) == 0


def test_avstar_and_besvarad_refuse_extensions_but_a_rattelse_still_works(world, auth, client, reader, clock,
                                                                        session, smtp):
    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    approve_and_decide(auth, rid, clock)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/yttrande/expediera", {"confirm_expediera": "1"}, form_url=page).status_code == 302
    reader.rollback()
    assert reader.get(Remiss, rid).status == "besvarad"
    ext = client.post(f"/api/v1/remisser/{rid}/extensions", headers=_api_headers(client, rid),
                      json={"requested_by": "Nina", "until_on": "2015-10-30"})
    assert ext.status_code == 409 and "besvarad" in ext.get_json()["error"]
    # the rättelse: started, saved, sent to granskning on the besvarad remiss
    headers = _api_headers(client, rid)
    started = client.post(f"/api/v1/remisser/{rid}/yttrande/rattelse", json={"comment": "Fel årtal."},
                          headers=headers)
    assert started.status_code == 200, started.get_json()
    assert client.put(f"/api/v1/remisser/{rid}/yttrande", json={"sammanfattning": "Rättad."},
                      headers=headers).status_code == 200
    assert client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning"},
                       headers=headers).status_code == 200


def test_avstar_refuses_an_extension_request(world, auth, client, reader):
    rid = world["remiss"].id
    auth.login(world["registrator"].email)
    _set_status(client, rid, "avstar")
    ext = client.post(f"/api/v1/remisser/{rid}/extensions", headers=_api_headers(client, rid),
                      json={"requested_by": "Nina", "until_on": "2015-10-30", "general": True})
    assert ext.status_code == 409 and "avstår" in ext.get_json()["error"]
    assert _count(reader, Extension, Extension.remiss_id == rid) == 0
