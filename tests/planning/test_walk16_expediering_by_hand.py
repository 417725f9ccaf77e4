"""walk16 #0: "Markera som klar" on Expediering and Sista svarsdag of a remiss nobody answered was accepted; the
Tidplan then said "Expedierat" and the deadline reminders stopped. Only the expediering makes them done: a click is
refused with a Swedish reason (milestones.by_hand_refusal), in the page and the API alike."""
from sqlmodel import select

from remiss.planning.models import Milestone
from tests.planning.helpers import fetch
from tests.planning.test_access_and_input import world  # noqa: F401  (a fixture)


def _rows(db, remiss_id):
    return {m.kind: m for m in fetch(db, select(Milestone).where(Milestone.remiss_id == remiss_id))}


def test_expediering_and_deadline_are_not_marked_by_hand(world, client, auth, db):
    rid = world["remiss"].id
    ids = {k: m.id for k, m in _rows(db, rid).items()}
    auth.login("sekr@oster.se")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'Markera som klar<span class="visually-hidden">: Expediering' not in page
    assert 'Markera som klar<span class="visually-hidden">: Sista svarsdag' not in page
    assert "Expedieringen blir klar när yttrandet expedieras, inte för hand." in page
    for kind, words in (("expediering", "Expedieringen blir klar när yttrandet expedieras"),
                        ("sista_svarsdag", "Sista svarsdag blir klar när yttrandet expedieras")):
        r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": ids[kind], "done": "1"},
                      form_url=f"/remisser/{rid}")
        assert r.status_code == 400 and words in r.get_data(as_text=True)
    assert all(m.done_at is None for m in _rows(db, rid).values())
    body = client.get(f"/api/v1/remisser/{rid}").get_json()
    by_kind = {m["kind"]: m for m in body["milestones"]}
    assert by_kind["expediering"]["status"] == "open"
    assert by_kind["expediering"]["not_by_hand"].startswith("Expedieringen blir klar")
    assert by_kind["tjansteskrivelse"]["not_by_hand"] is None
