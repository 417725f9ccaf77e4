"""walk11 finding 30: the printed remiss page shows no controls, not even the summary of a disclosure that holds
only a form ("Byt handläggare", "Ändra status för hand")."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.conftest import check_axe, check_axe_once

pytestmark = pytest.mark.browser


def test_the_printed_remiss_page_hides_the_assign_and_status_controls(open_page):
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, where the login lands
    page.goto("/remisser/1")
    check_axe(page)
    controls = page.locator("details summary", has_text="handläggare")
    assert controls.first.is_visible()  # on screen the control is there
    page.emulate_media(media="print")
    assert not controls.first.is_visible()
    assert not page.get_by_text("Ändra status för hand", exact=True).is_visible()
    assert page.locator("h1").is_visible()  # the page itself still prints


def test_the_printed_remiss_page_shows_the_yttrande_behind_a_closed_disclosure(open_page):
    """walk13b finding 5: "Läs yttrandet" is closed on screen for one who may not edit, and printed only its summary."""
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import User
    from remiss.drafting.versions import save
    from remiss.remisser import service as remisser
    from remiss.remisser.input import RemissData
    from tests.browser.conftest import LIVE

    app = LIVE["app"]
    answer = "Nämnden tillstyrker förslaget i sin helhet (utskriftsprov)."
    with app.app_context(), app.extensions["remiss_db"].transaction() as session:
        user = session.exec(select(User).where(User.email == "handlaggare@remiss.example")).one()
        reader = session.exec(select(User).where(User.email == "lasare@remiss.example")).one()
        shared = Principal.of(session, user).namnd_ids & Principal.of(session, reader).namnd_ids
        # a remiss of its own, in a nämnd both may see: the newest of the live app's remisser may be in another
        # test's nämnd (test_meeting_move_asks) or already expedierad
        admin = session.exec(select(User).where(User.email == "admin@remiss.example")).one()
        now = app.config["CLOCK"]()
        remiss = remisser.register(session, now=now, principal=Principal.of(session, admin), data=RemissData(
            title="Remiss för utskriftsprovet", namnd_id=min(shared), remittent="Kulturnämnden",
            deadline_on=(now + timedelta(days=90)).date()))
        remiss.handlaggare_id = user.id
        session.add(remiss)
        save(session, now=app.config["CLOCK"](), principal=Principal.of(session, user), remiss=remiss,
             raw={"sammanfattning": answer})
        rid = remiss.id
    page = open_page("lasare@remiss.example")
    page.goto(f"/remisser/{rid}")
    check_axe(page)
    text = page.get_by_text(answer)
    assert not text.is_visible()  # closed on screen
    page.emulate_media(media="print")
    assert text.is_visible()
    assert page.locator("details.draft-reading").get_by_role("heading", name="Sammanfattning", exact=True).is_visible()
