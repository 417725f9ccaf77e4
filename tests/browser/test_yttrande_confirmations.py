"""Two forms of the yttrande in a real browser, each on a remiss of its own (the demo server is shared, so nothing
here counts what other tests change):

- a yttrande with an unanswered frågeställning asks before it goes to granskning (leave the question out, or answer
  "… lämnar inga synpunkter på denna fråga.") and before it is approved;
- a remiss without svarsadress stays Beslutad after Expediera until "Skickat per post eller på annat sätt" is
  recorded; then it is Besvarad;
- a svarsadress added after such an expediering offers "Skicka yttrandet nu", which puts the mail in the Utkorg.
"""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.conftest import LIVE, check_axe, check_axe_once

pytestmark = pytest.mark.browser

HANDLAGGARE = "handlaggare@remiss.example"
QUESTIONS = ["Är ansvaret rätt fördelat?", "Behöver tidplanen ändras?"]


def _principal(session, email: str):
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import User

    return Principal.of(session, session.exec(select(User).where(User.email == email)).one())


def _remiss(title: str, *, answer_email: str = "kulturnamnden@remiss.example", decided: bool = False) -> int:
    """A remiss of the handläggare's nämnd with two frågeställningar, assigned to the handläggare; decided: its
    yttrande written, approved and decided by delegation, ready for Expediera."""
    from remiss.auth.models import Role
    from remiss.drafting import decision
    from remiss.drafting.states import change_state
    from remiss.drafting.versions import save
    from remiss.remisser import service as remisser
    from remiss.remisser.input import RemissData
    from remiss.remisser.models import Remiss

    app = LIVE["app"]
    now = app.config["CLOCK"]()
    with app.extensions["remiss_db"].transaction() as session:
        writer = _principal(session, HANDLAGGARE)
        admin = _principal(session, "admin@remiss.example")
        assert admin.role == Role.admin
        remiss = remisser.register(session, now=now, principal=admin, data=RemissData(
            title=title, namnd_id=min(writer.namnd_ids), remittent="Kulturnämnden", questions=QUESTIONS,
            deadline_on=(now + timedelta(days=90)).date(), answer_email=answer_email,
            handlaggare_id=writer.user_id))
        rid = remiss.id
        if decided:
            save(session, now=now, principal=writer, remiss=remiss,
                 raw={"sammanfattning": "Nämnden tillstyrker.", "svar": ["Ja.", "Nej."]})
            change_state(session, now=now, principal=writer, remiss=remiss, new="granskning")
            reviewer = _principal(session, "granskare@remiss.example")
            change_state(session, now=now, principal=reviewer, remiss=session.get(Remiss, rid),
                         new="godkand")
            decision.record_decision(session, now=now, principal=reviewer, remiss=session.get(Remiss, rid),
                                     decided_by="delegat", delegat="Britt-Marie Pettersson, stadsområdesdirektör",
                                     meeting_on=now.date())
    return rid


def _status(page) -> str:
    return page.locator(".lead .status").first.inner_text().strip()


def _write_only_the_first_answer(page, rid: int) -> None:
    check_axe_once(page)  # the start page, where the login lands
    page.goto(f"/remisser/{rid}/yttrande")
    check_axe_once(page)
    page.locator("#f-svar-1").fill("Ja, ansvaret är rätt fördelat.")
    page.locator("#f-svar-2").fill("")
    page.get_by_role("button", name="Spara ny version").click()
    page.wait_for_url(lambda url: url.endswith(f"/remisser/{rid}#yttrande") or f"/remisser/{rid}" in url)


def test_sending_with_an_unanswered_question_asks_and_can_answer_it_with_no_comments(open_page):
    rid = _remiss("Remiss om kulturstrategi, obesvarad fråga")
    page = open_page(HANDLAGGARE)
    _write_only_the_first_answer(page, rid)
    question = page.get_by_role("group", name="Fråga 2 (”Behöver tidplanen ändras?”) saknar svar. Vad ska yttrandet säga?")
    assert question.is_visible()
    page.get_by_role("button", name="Skicka till granskning").click()  # nothing chosen: asked, nothing sent
    page.wait_for_load_state()
    assert "Välj vad yttrandet ska säga om den innan det skickas till granskning" in page.content()
    check_axe(page)
    assert page.locator("#yttrande .status").first.inner_text().strip() == "Utkast"

    page.get_by_label("Svara ”", exact=False).check()
    page.get_by_role("button", name="Skicka till granskning").click()
    page.wait_for_load_state()
    assert page.locator("#yttrande .status").first.inner_text().strip() == "Granskning"
    check_axe(page)
    reviewer = open_page("granskare@remiss.example")
    reviewer.goto(f"/remisser/{rid}")
    panel = reviewer.locator("#yttrande")
    assert "lämnar inga synpunkter på denna fråga." in panel.inner_text()  # the answer given, shown to read
    assert "saknar svar" not in panel.inner_text()  # all answered now: approving asks nothing
    reviewer.get_by_role("button", name="Godkänn yttrandet").click()
    reviewer.wait_for_load_state()
    assert reviewer.locator("#yttrande .status").first.inner_text().strip() == "Godkänd"


def test_a_question_left_out_is_asked_about_again_before_approval(open_page):
    rid = _remiss("Remiss om kulturstrategi, fråga utelämnad")
    page = open_page(HANDLAGGARE)
    _write_only_the_first_answer(page, rid)
    page.get_by_label("Skicka ändå – fråga utan svar tas inte med i yttrandet").check()
    page.get_by_role("button", name="Skicka till granskning").click()
    page.wait_for_load_state()
    assert page.locator("#yttrande .status").first.inner_text().strip() == "Granskning"

    reviewer = open_page("granskare@remiss.example")
    reviewer.goto(f"/remisser/{rid}")
    check_axe_once(reviewer)
    assert "Fråga 2 (”Behöver tidplanen ändras?”) saknar svar." in reviewer.locator("#yttrande").inner_text()
    reviewer.get_by_role("button", name="Godkänn yttrandet").click()  # not ticked: asked, not approved
    reviewer.wait_for_load_state()
    assert "Välj vad yttrandet ska säga om den innan det godkänns" in reviewer.content()
    check_axe(reviewer)
    assert reviewer.locator("#yttrande .status").first.inner_text().strip() == "Granskning"
    reviewer.get_by_label("Godkänn ändå – fråga utan svar tas inte med i yttrandet").check()
    reviewer.get_by_role("button", name="Godkänn yttrandet").click()
    reviewer.wait_for_load_state()
    assert reviewer.locator("#yttrande .status").first.inner_text().strip() == "Godkänd"


def _expediera(page) -> None:
    """Press Expediera on the remiss page and accept its "Expediera …?" question."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Expediera", exact=True).click()
    page.wait_for_load_state()


def test_without_svarsadress_it_is_expedierad_not_sent_until_recorded_as_sent(open_page):
    """walk25b Z5: after Expediera the header says it is not sent (not "Beslutad"); Besvarad when sending is recorded."""
    rid = _remiss("Remiss utan svarsadress", answer_email="", decided=True)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto(f"/remisser/{rid}")
    check_axe_once(page)
    assert _status(page) == "Beslutad"
    _expediera(page)
    assert _status(page) == "Expedierad, inte skickad"  # nothing has gone to the remittent yet
    form = page.locator("#skickat")
    assert "Skickat per post eller på annat sätt" in form.inner_text()
    check_axe(page)
    today = LIVE["app"].config["CLOCK"]().date()  # 2010, the server's running clock (UTC morning: same day here)
    form.get_by_label("Skickat den").fill(today.isoformat())
    form.get_by_role("button", name="Registrera att yttrandet är skickat").click()
    page.wait_for_load_state()
    assert _status(page) == "Besvarad"
    assert page.locator("#skickat").count() == 0
    check_axe(page)


def test_expedited_it_says_not_sent_and_the_editor_shows_the_text_read_only(open_page):
    """walk25 Y9, Y10: no sweep runs here, so the yttrande's mail waits in the Utkorg: the header says so, not
    "Besvarad i tid"; the editor (a bookmark) shows the text as sent, with the way to a rättelse, and no save."""
    rid = _remiss("Remiss med expedierat yttrande", decided=True)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto(f"/remisser/{rid}")
    _expediera(page)
    check_axe_once(page)
    lead = page.locator(".lead").first.inner_text()
    assert _status(page) == "Expedierad, inte skickad" and "i tid" not in lead, lead
    page.goto(f"/remisser/{rid}/yttrande")
    assert page.get_by_role("button", name="Spara ny version").count() == 0
    # the text as sent, no editor's boxes (walk25b Z14)
    assert page.locator("#h-sent-text").is_visible() and page.locator("textarea").count() == 0
    assert "Yttrandet är expedierat (version" in page.locator("#locked-note").inner_text()
    check_axe(page)
    page.get_by_role("link", name="Skicka rättelse på remissens sida").click()
    page.wait_for_load_state()
    assert page.locator("#rattelse").get_by_role("button", name="Börja rättelsen").is_visible()


def test_a_svarsadress_added_after_the_expediering_offers_to_send_it_now(open_page):
    """Session 27 (walk26b X10), asked for in a browser: expedierad without a svarsadress, then the remittent's
    address added under Ändra uppgifter; the remiss page offers "Skicka yttrandet nu", and the click puts the
    expedierat yttrande's mail in the Utkorg (tests/drafting/test_walk26b_address_after.py for the server)."""
    address = "registrator@sent-svarsadress.example"
    rid = _remiss("Remiss där svarsadressen kom efter expedieringen", answer_email="", decided=True)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto(f"/remisser/{rid}")
    _expediera(page)
    assert _status(page) == "Expedierad, inte skickad"
    assert page.get_by_role("button", name="Skicka yttrandet nu").count() == 0  # no address: nothing to offer

    page.goto(f"/remisser/{rid}/andra")
    check_axe_once(page)
    page.get_by_label("Svar till e-post").fill(address)
    page.get_by_role("button", name="Spara ändringar").click()
    page.wait_for_load_state()
    said = page.locator(".messages").inner_text()
    assert (f"Yttrandet är expedierat men inte skickat: skicka det nu till {address} med ”Skicka yttrandet nu” "
            "under Yttrande.") in said, said
    offer = page.locator("#skicka-nu")
    assert f"Yttrandet är expedierat men inte skickat. Skicka det nu till {address}?" in offer.inner_text()
    check_axe(page)

    offer.get_by_role("button", name="Skicka yttrandet nu").click()
    page.wait_for_load_state()
    said = page.locator(".messages").inner_text()
    assert f"Klart: Yttrandet läggs i utkorgen och e-postas inom några minuter till {address}." in said, said
    assert page.locator("#skicka-nu").count() == 0  # asked once
    head = page.locator(".page-head").inner_text()  # as after an expediering with an address
    assert _status(page) == "Expedierad, inte skickad" and "Yttrandet väntar i utkorgen sedan" in head, head
    history = page.locator("#historik").inner_text()
    assert "lagt i utkorgen när svarsadressen kom" in history, history
    check_axe_once(page)

    admin = open_page("admin@remiss.example")
    admin.goto(f"/admin/utkorg?email={address}")
    rows = admin.locator("table.outbox tbody tr")
    assert rows.count() == 1, admin.locator("main").inner_text()
    row = rows.first.inner_text()
    row = row.replace("\u00ad", "")  # the table's soft hyphens
    assert address in row and "Remiss där svarsadressen kom efter expedieringen" in row, row
    assert "Yttrandet expedierat till remittenten" in row and "Väntar" in row, row  # queued, not yet sent
    check_axe_once(admin)
