"""walk26b X12 in a real browser: moving a sammanträde that remisser are planned on asks first, in the form, as
Ta bort asks (tests/planning/test_walk11_meeting_moved.py and test_walk26_meeting_removed_moved.py for the server);
with "Ja, flytta sammanträdet" ticked it moves, and says which remiss lost it. A nämnd of its own, so no other
test's tidplaner are re-planned."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.browser.conftest import LIVE, check_axe, check_axe_once

pytestmark = pytest.mark.browser


def _plan_with_a_planned_remiss() -> tuple[int, int, str, str]:
    """A nämnd of its own with nämndsammanträden 60 and 100 days on, and a remiss due in 120 days, planned on the
    later one: (nämnd id, the later meeting's id, the remiss's diarienummer, the day a move puts it on)."""
    from remiss.auth.access import Principal
    from remiss.auth.models import User
    from remiss.namnd.models import Meeting
    from remiss.remisser import service as remisser
    from remiss.remisser.input import RemissData
    from tests.support.factories import make_namnd

    app = LIVE["app"]
    now = app.config["CLOCK"]()
    evening = now.replace(hour=16, minute=0, second=0, microsecond=0)  # 17.00 in Stockholm
    with app.extensions["remiss_db"].transaction() as session:
        namnd = make_namnd(session, name="Nämnden för flyttade sammanträden", dnr_prefix="NFS")
        for days in (60, 100):
            session.add(Meeting(namnd_id=namnd.id, kind="namnd", starts_at=evening + timedelta(days=days), place=""))
        session.flush()
        later = session.exec(select(Meeting).where(Meeting.namnd_id == namnd.id)
                             .order_by(Meeting.starts_at.desc())).first()
        admin = session.exec(select(User).where(User.email == "admin@remiss.example")).one()
        remiss = remisser.register(session, now=now, principal=Principal.of(session, admin), data=RemissData(
            title="Remiss på ett sammanträde som flyttas", namnd_id=namnd.id, remittent="Kulturnämnden",
            deadline_on=(now + timedelta(days=120)).date()))
        return namnd.id, later.id, remiss.our_dnr, (evening + timedelta(days=150)).date().isoformat()


def test_moving_a_meeting_remisser_are_planned_on_asks_first_then_moves(open_page):
    namnd_id, meeting_id, dnr, new_day = _plan_with_a_planned_remiss()
    page = open_page("admin@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    plan = f"/namnder/{namnd_id}/sammantraden"
    page.goto(plan)
    table = page.locator("table").first
    before = table.inner_text()
    page.goto(f"{plan}?andra={meeting_id}#meeting-form")
    form = page.locator("#meeting-form")
    form.get_by_label("Datum").fill(new_day)
    form.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()

    # asked, nothing moved: the question names the remiss planned on it, the date typed is kept
    question = page.locator("#q-confirm_move").inner_text()
    assert question.startswith("Flytta sammanträdet ") and dnr in question, question
    assert question.rstrip().endswith("Tidplanerna räknas om."), question
    said = page.locator(".messages").inner_text()
    assert "är inte flyttat" in said and "”Ja, flytta sammanträdet”" in said, said
    assert page.locator("table").first.inner_text() == before  # the plan as it was
    assert form.get_by_label("Datum").input_value() == new_day  # nothing typed is lost
    check_axe(page)

    form.get_by_label("Ja, flytta sammanträdet").check()
    form.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    said = page.locator(".messages").inner_text()
    assert "Klart: Sammanträdet är sparat och tidplanerna är beräknade på nytt." in said, said
    assert "1 remiss förlorade sitt sammanträde" in said and dnr in said, said
    assert page.locator("#q-confirm_move").count() == 0
    assert page.locator("table").first.inner_text() != before  # moved
    check_axe_once(page)
