"""walk24 V13, V11: the Tidplan tells one state with the Beslut panel.

V13: with a beslut registered and its protokoll not justerat, "Markera som klar: Justering" was accepted: the Tidplan
and the API said klar while the Beslut panel, Att göra and the expediering still waited for the justering. Once a
beslut is registered, only "Registrera justeringen" makes the Justering klar; one already marked by hand is opened.
V11: expedierat without svarsadress, the Sista svarsdag said "blir klar när yttrandet expedieras" after it had been."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.auth.models import Role
from remiss.planning.models import Milestone
from tests.drafting.conftest import DECIDED_AT, decide
from tests.drafting.test_expediering_mail import expediera
from tests.drafting.test_start_justering import _decided_without_justering, _section
from tests.drafting.test_walk18_recorded_steps import _steps, _tidplan
from tests.support.pages import visible_text
from tests.support.factories import make_user

AFTER_MEETING = datetime(2015, 10, 20, 8, 0, tzinfo=timezone.utc)  # the justering's planned day has passed


def _justering_row(page: str) -> str:
    return visible_text(page.split('id="milstolpe-justering"', 1)[1].split("</li>", 1)[0])


def test_the_justering_of_a_registered_beslut_is_not_marked_klar_by_hand(world, auth, client, clock):
    rid = _decided_without_justering(world, auth, clock)
    clock.set(AFTER_MEETING)
    step = _steps(client, rid)["justering"]
    assert step["status"] == "open"
    assert step["not_by_hand"].startswith("Justeringen kan inte markeras som klar för hand: beslutet är registrerat")
    page = client.get(f"/remisser/{rid}").get_data(as_text=True)
    assert 'Markera som klar<span class="visually-hidden">: Justering' not in page
    assert "Registrera justeringen" in _justering_row(page)

    r = auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": step["id"], "done": "1"},
                  form_url=f"/remisser/{rid}")
    body = visible_text(r.get_data(as_text=True))
    assert r.status_code == 400 and "Justeringen kan inte markeras som klar för hand" in body, body[:3000]
    assert _steps(client, rid)["justering"]["status"] == "open"
    # the justering registered makes it klar, in the Tidplan as in the Beslut panel
    assert auth.post(f"/remisser/{rid}/yttrande/justering", {"justerad_on": "2015-10-19"},
                     form_url=f"/remisser/{rid}").status_code == 302
    assert _steps(client, rid)["justering"]["status"] == "done"


def test_a_justering_marked_klar_before_the_beslut_is_open_until_registered(world, session, auth, client, clock):
    """Marked klar by hand after the sammanträde, before the beslut was registered: the beslut that waits for its
    justering opens it. (Rows marked so before V13 refused it are opened by the migration z003, tested in
    tests/planning/test_justering_by_hand_migration.py: every reader reads the stored row.)"""
    from tests.drafting.test_flow import draft_form

    rid = world["remiss"].id
    day = date(2015, 10, 8)  # the world's tidplan is set by hand: its justering too
    session.add(Milestone(remiss_id=rid, kind="justering", position=5, label="Justering", planned_on=day, due_on=day))
    session.commit()
    url, page = f"/remisser/{rid}/yttrande", f"/remisser/{rid}"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    clock.set(DECIDED_AT)  # the evening of the sammanträde: the Justering may be marked by hand, no beslut yet
    step = _steps(client, rid)["justering"]
    assert auth.post(f"/remisser/{rid}/tidplan/klar", {"milestone_id": step["id"], "done": "1"},
                     form_url=page).status_code == 302
    assert _steps(client, rid)["justering"]["status"] == "done"

    assert decide(auth, rid, clock, omedelbar_justering="").status_code == 302
    clock.set(AFTER_MEETING)
    step = _steps(client, rid)["justering"]
    assert step["status"] == "open" and step["done_at"] is None, step
    page_text = client.get(page).get_data(as_text=True)
    assert "Klar" not in _justering_row(page_text) and "Registrera justeringen" in _justering_row(page_text)
    assert "Registrera justeringen" in _section(auth.client.get("/").get_data(as_text=True))  # Att göra too

    assert auth.post(f"/remisser/{rid}/yttrande/justering", {"justerad_on": "2015-10-19"},
                     form_url=page).status_code == 302
    step = _steps(client, rid)["justering"]
    assert step["status"] == "done" and not step["explanation"].startswith("Markerad som klar för hand"), step


def test_a_remiss_opened_again_opens_a_justering_marked_klar_by_hand_while_its_beslut_waits(world, session, auth,
                                                                                            client, clock):
    """A Justering ticked by hand before V13 (the closing leaves a done step as it is) on a remiss set to Besvarad by
    hand and then opened again: the beslut still waits for its justering, so the Justering is open, in the stored
    row every reader reads."""
    rid = _decided_without_justering(world, auth, clock)
    clock.set(AFTER_MEETING)
    row = session.exec(select(Milestone).where(Milestone.remiss_id == rid, Milestone.kind == "justering")).one()
    row.done_at = AFTER_MEETING  # as "Markera som klar" stored it before V13: the plan's words kept
    session.add(row)
    session.commit()
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/status", {"status": "besvarad", "note": "Skickat utanför Remiss", "confirm": "1"},
                     form_url=page).status_code == 302
    admin = make_user(session, role=Role.admin).email  # only an admin opens a closed remiss again
    session.commit()
    auth.logout()
    auth.login(admin)
    assert auth.post(f"{page}/status", {"status": "beslutad", "note": "Inte skickat ändå"},
                     form_url=page).status_code == 302
    session.expire_all()
    stored = session.exec(select(Milestone).where(Milestone.remiss_id == rid, Milestone.kind == "justering")).one()
    assert stored.done_at is None
    assert _steps(client, rid)["justering"]["status"] == "open"


def test_a_beslut_changed_to_wait_for_its_justering_opens_the_justering(decided, auth, client, clock):
    rid = decided()  # § 142, omedelbart justerad: the Justering is klar
    assert _steps(client, rid)["justering"]["status"] == "done"
    r = decide(auth, rid, None, omedelbar_justering="")  # Ändra beslutet: not justerad omedelbart after all
    assert r.status_code == 302, visible_text(r.get_data(as_text=True))[:3000]
    assert _steps(client, rid)["justering"]["status"] == "open"


def test_the_sista_svarsdag_of_an_yttrande_waiting_to_be_sent_says_so(decided, auth, client):
    rid = decided(answer_email="")
    assert expediera(auth, rid).status_code == 302
    tidplan = _tidplan(client, rid)
    assert "Sista svarsdag blir klar när yttrandet expedieras" not in tidplan
    assert "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand." in tidplan
    assert _steps(client, rid)["sista_svarsdag"]["not_by_hand"] == \
        "Sista svarsdag blir klar när yttrandet registreras som skickat, inte för hand."
