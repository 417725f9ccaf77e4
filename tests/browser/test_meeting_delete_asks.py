"""walk21 J14 on the sammanträdesplan: "Ta bort" a meeting asks in the dialog with JavaScript (its yes sends
confirm_delete, static/app.js), and without it in the meeting's row (tests/planning/test_meeting_delete_asks.py for
the server). A nämnd of its own, so no other test's tidplaner are re-planned."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.browser.conftest import LIVE, START, check_axe, check_axe_once

pytestmark = pytest.mark.browser


def _plan_with_one_meeting() -> tuple[int, int]:
    """A nämnd of its own with one nämndsammanträde 200 days on: (nämnd id, meeting id)."""
    from remiss.namnd.models import Meeting
    from tests.support.factories import make_namnd

    with LIVE["app"].extensions["remiss_db"].transaction() as session:
        namnd = make_namnd(session, name="Nämnden för borttagna sammanträden", dnr_prefix="NBS")
        session.add(Meeting(namnd_id=namnd.id, kind="namnd", starts_at=START + timedelta(days=200), place=""))
        session.flush()
        meeting = session.exec(select(Meeting).where(Meeting.namnd_id == namnd.id)).one()
        return namnd.id, meeting.id


def test_removing_a_meeting_asks_in_the_dialog_and_on_the_page(open_page):
    namnd_id, meeting_id = _plan_with_one_meeting()
    page = open_page("admin@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto(f"/namnder/{namnd_id}/sammantraden?ta-bort-{meeting_id}=fraga#ta-bort-{meeting_id}")  # as without JS
    row = page.locator(f"#ta-bort-{meeting_id}")
    assert "Nämndens tidplaner räknas om utan det. Det går inte att ångra." in row.inner_text()
    assert row.get_by_label("Ja, ta bort sammanträdet").count() == 1
    check_axe(page)
    page.goto(f"/namnder/{namnd_id}/sammantraden")
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator(f"#ta-bort-{meeting_id}").get_by_role("button").click()
    said = page.locator(".messages").inner_text()
    assert said.startswith("Klart: Sammanträdet ") and said.rstrip().endswith("är borttaget."), said  # names the meeting
    assert len(asked) == 1 and asked[0].endswith("Det går inte att ångra.")
    assert "Inga sammanträden inlagda." in page.locator("table").inner_text()
