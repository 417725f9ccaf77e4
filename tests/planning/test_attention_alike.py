""""Kräver uppmärksamhet" reads alike on the remiss page and in the API: a granskning dated before the remiss
arrived is flagged by the planner, but while it waits for the open tjänsteskrivelse it is the tjänsteskrivelse that
needs attention (the granskning is late because of it)."""
from __future__ import annotations

from datetime import date

from tests.planning.helpers import at, milestones, seed_003_world
from tests.support.factories import make_remiss


def _attention_on_page(client, remiss_id: int) -> dict:
    page = client.get(f"/remisser/{remiss_id}").get_data(as_text=True)
    found = {}
    for kind in ("tjansteskrivelse", "granskning"):
        start = page.index(f'<li id="milstolpe-{kind}">')
        found[kind] = "Kräver uppmärksamhet" in page[start:page.index("</li>", start)]
    return found


def _attention_in_api(client, remiss_id: int) -> dict:
    rows = client.get(f"/api/v1/remisser/{remiss_id}").get_json()["milestones"]
    return {m["kind"]: m["flagged"] for m in rows if m["kind"] in ("tjansteskrivelse", "granskning")}


def test_a_waiting_granskning_dated_before_the_arrival_is_flagged_alike_on_the_page_and_in_the_api(
        db, session, client, auth, clock):
    namnd, users = seed_003_world(session)
    clock.set(at(2015, 9, 2, 9))  # arrived Wednesday 2 September: both steps (27 Aug, 1 Sep) lay before it
    remiss = make_remiss(session, namnd=namnd, now=clock(), by=users["registrator"], deadline_on=date(2015, 9, 28),
                         deadline_time=None, received_on=date(2015, 9, 2), handlaggare_id=users["handlaggare"].id)
    session.commit()
    rid = remiss.id
    stored = milestones(db, rid)
    assert stored["granskning"].due_on == date(2015, 9, 1) and stored["granskning"].flagged
    written = stored["tjansteskrivelse"].id
    session.rollback()
    auth.login("sekr@oster.se")
    both = {"tjansteskrivelse": True, "granskning": False}
    assert _attention_on_page(client, rid) == both
    assert _attention_in_api(client, rid) == both

    done = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": str(written), "done": "1"},
                     form_url=f"/remisser/{rid}")
    assert done.status_code == 302
    # the granskning is dated anew from the draft, and its flag for the date before the arrival goes
    both = {"tjansteskrivelse": False, "granskning": False}
    assert _attention_on_page(client, rid) == both
    assert _attention_in_api(client, rid) == both
