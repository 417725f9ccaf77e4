"""walk18 F20, F21, F15: the Tidplan tells the truth about steps whose fact is (or is not) recorded.

F20: "Markera som inte klar: Nämndsammanträde" was accepted after the beslut (§ registered): the meeting that decided
showed as an open to-do beside a Justering "Klar". A step the registered beslut keeps done is not un-ticked by hand.
F21: "Ändra status för hand → Besvarad" showed Expediering "Klar" though the yttrande was never expedited.
F15: expedierat without svarsadress, the Tidplan said "blir klar när yttrandet expedieras" after it had been."""
from __future__ import annotations

from tests.drafting.test_expediering_mail import expediera
from tests.support.pages import visible_text


def _steps(client, rid: int) -> dict:
    return {m["kind"]: m for m in client.get(f"/api/v1/remisser/{rid}").get_json()["milestones"]}


def _tidplan(client, rid: int) -> str:
    return visible_text(client.get(f"/remisser/{rid}").get_data(as_text=True)).split("Tidplan", 1)[-1]


def test_the_meeting_that_decided_is_not_marked_not_done_by_hand(decided, auth, client):
    rid = decided()  # beslut 24 september 2015, § 142, omedelbart justerad
    steps = _steps(client, rid)
    assert steps["namnd"]["status"] == "done" and steps["justering"]["status"] == "done"
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    for label in ("Nämndsammanträde", "Justering"):
        assert f'Markera som inte klar<span class="visually-hidden">: {label}' not in page
    assert "Nämndsammanträdet kan inte markeras som inte klar: beslutet är registrerat" in visible_text(page)
    for kind in ("namnd", "justering"):
        r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": steps[kind]["id"], "done": "0"},
                      form_url=f"/remisser/{rid}")
        body = visible_text(r.get_data(as_text=True))
        assert r.status_code == 400 and "kan inte markeras som inte klar" in body and "§ 142" in body, body[:3000]
    after = _steps(client, rid)
    assert after["namnd"]["status"] == "done" and after["justering"]["status"] == "done"
    assert after["namnd"]["not_by_hand"].startswith("Nämndsammanträdet kan inte markeras som inte klar")


def test_besvarad_by_hand_does_not_show_an_expediering_that_never_happened(decided, auth, client):
    rid = decided()
    url = f"/remisser/{rid}"
    r = auth.post(f"{url}/status", {"status": "besvarad", "note": "Skickat utanför Remiss", "confirm": "1"},
                  form_url=url)
    assert r.status_code == 302, visible_text(r.get_data(as_text=True))[:3000]
    step = _steps(client, rid)["expediering"]
    assert step["status"] != "done" and step["done_at"] is None, step
    assert step["explanation"].startswith("Yttrandet är inte expedierat i Remiss: status ändrad till Besvarad för hand")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    expediering = visible_text(page.split('id="milstolpe-expediering"', 1)[1].split("</li>", 1)[0])
    assert "Klar" not in expediering and "inte expedierad i Remiss" in expediering, expediering


def test_an_expediering_waiting_to_be_sent_says_what_makes_it_done(decided, auth, client):
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    tidplan = _tidplan(client, rid)
    assert "Expedieringen blir klar när yttrandet registreras som skickat" not in tidplan  # done (walk25b Z5)
    assert "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand." in tidplan
    assert _steps(client, rid)["sista_svarsdag"]["not_by_hand"] == \
        "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand."
    # expedierat, the remiss still open (the finding's SOFÖ 2026/0003): the decided meeting stays done (F20)
    steps = _steps(client, rid)
    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": steps["namnd"]["id"], "done": "0"},
                  form_url=f"/remisser/{rid}")
    assert r.status_code == 400 and _steps(client, rid)["namnd"]["status"] == "done"
