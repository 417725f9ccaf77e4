"""walk25 Y9: expedierat, the remiss page's header said "Besvarad i tid, … (expedierat …)" while the same page said
the yttrande waits in the Utkorg and is not sent yet; the lists and the API said "Besvarad" too, and the API had no
field for when the mail left. Until the mail has left, every status word says "Expedierad, inte skickad"."""
from __future__ import annotations

import re

from tests.drafting.test_expediering_mail import expediera, sweep
from tests.support.pages import visible_text


def _lead(page: str) -> str:
    return visible_text(re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1))


def test_no_status_word_says_besvarad_before_the_mail_has_left(decided, auth, client, runner, smtp):
    rid = decided()
    sweep(runner, "2015-09-24T18:00")  # what was queued before is sent: only the yttrande's mail waits
    assert expediera(auth, rid).status_code == 302
    lead = _lead(client.get(f"/remisser/{rid}").get_data(as_text=True))
    # old code: "Besvarad i tid, 2 arbetsdagar (4 dagar) före sista svarsdagen (expedierat torsdag 24 september …)"
    assert "Expedierad, inte skickad" in lead and "Besvarad" not in lead and "i tid" not in lead, lead
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    deadline_row = visible_text(re.search(r'id="milstolpe-sista_svarsdag"(.*?)</li>', page, re.S).group(1))
    # old code: "besvarad i tid, …" on the Tidplan's Sista svarsdag
    assert "besvarad" not in deadline_row and "yttrandet är inte e-postat än" in deadline_row, deadline_row
    # listed as it is called: under "Expedierade, inte skickade", not Besvarad (walk25b Z5)
    listed = visible_text(client.get("/remisser?status=expedierad").get_data(as_text=True))
    assert "Expedierad, inte skickad" in listed, listed
    exported = client.get("/remisser/export.csv?status=expedierad").get_data(as_text=True)
    assert "Expedierad, inte skickad" in exported, exported[:800]
    assert "Inga remisser" in visible_text(client.get("/remisser?status=besvarad").get_data(as_text=True))
    headers = {}  # the session of the signed-in registrator
    body = client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    assert body["status"] == "besvarad" and body["status_label"] == "Expedierad, inte skickad"
    assert body["yttrande"]["sent"][0]["mail_state"] == "waiting"
    assert body["yttrande"]["sent"][0]["mailed_at"] is None
    items = client.get("/api/v1/remisser?status=expedierad", headers=headers).get_json()["items"]
    assert [i["status_label"] for i in items if i["id"] == rid] == ["Expedierad, inte skickad"]
    assert rid not in [i["id"] for i in client.get("/api/v1/remisser?status=besvarad").get_json()["items"]]

    sweep(runner, "2015-09-24T18:15")  # the mail goes out: now it is answered
    assert len(smtp.of_kind("yttrande_expedierat")) == 1
    lead = _lead(client.get(f"/remisser/{rid}").get_data(as_text=True))
    assert lead.startswith("Besvarad") and "i tid" in lead, lead
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert "besvarad i tid" in visible_text(re.search(r'id="milstolpe-sista_svarsdag"(.*?)</li>', page, re.S).group(1))
    assert "Expedierad, inte skickad" not in visible_text(client.get("/remisser?status=besvarad").get_data(as_text=True))
    assert "Expedierad, inte skickad" not in client.get("/remisser/export.csv?status=besvarad").get_data(as_text=True)
    body = client.get(f"/api/v1/remisser/{rid}", headers=headers).get_json()
    assert body["status_label"] == "Besvarad"
    assert body["yttrande"]["sent"][0]["mail_state"] == "sent"
    assert body["yttrande"]["sent"][0]["mailed_at"].startswith("2015-09-24")
