"""Registering a clean letter in Chromium takes a check and one click; a too-big file is refused before sending."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LIVE, check_axe_once, login

pytestmark = pytest.mark.browser

LETTER = """Remiss av promemorian Klickfri registrering av remisser

Remissvaren ska ha kommit in till Finansdepartementet senast den 15 mars 2010. Svaren bör lämnas per e-post till \
fi.remissvar@regeringskansliet.se. Ange diarienummer Fi2010/04711 och remissinstansens namn i ämnesraden.

Remissinstanser
1. Malmö kommun
2. Lunds kommun
"""


def read_and_register(page, letter: str, title: str) -> int:
    """Paste the letter, read it, check it and register it; return the clicks and choices it took."""
    page.goto("/remisser/ny/missiv")
    check_axe_once(page)
    page.get_by_label("Klistra in missivets text").fill(letter)
    clicks = 0

    def click(locator):
        nonlocal clicks
        clicks += 1
        locator.click()

    click(page.get_by_role("button", name="Läs missivet"))
    page.wait_for_url(re.compile(r"/remisser/ny\?missiv="))
    check_axe_once(page)
    # what the registrator checks: the fields as read
    expect(page.get_by_label("Remittentens diarienummer")).to_have_value(re.compile(r"Fi2010/0471\d"))
    expect(page.locator("#f-deadline_on")).to_have_value("2010-03-15")
    if page.locator("#f-namnd_id").input_value() == "":  # a user with several nämnder, registering the first time
        clicks += 1
        page.locator("#f-namnd_id").select_option(label="Stadsområdesnämnd Öster")
    click(page.get_by_role("button", name="Registrera", exact=True))
    page.wait_for_url(re.compile(r"/remisser/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    check_axe_once(page)
    return clicks


def test_a_clean_letter_is_registered_with_a_check_and_one_click_after_reading(open_page):
    page = open_page()
    login(page, "sekreterare@remiss.example")
    check_axe_once(page)
    read_and_register(page, LETTER, "Klickfri registrering")
    # The next letter: the nämnd used last is chosen already, and nothing else is asked.
    second = LETTER.replace("Klickfri registrering", "Andra klickfria registreringen").replace("04711", "04712")
    assert read_and_register(page, second, "Andra klickfria registreringen") == 2  # read, then Registrera


def test_a_file_over_the_limit_is_refused_before_sending_and_the_text_stays(open_page):
    app = LIVE["app"]
    limit = app.config["UPLOAD_MAX_BYTES"]
    app.config["UPLOAD_MAX_BYTES"] = 2 * 1048576
    try:
        page = open_page()
        login(page, "sekreterare@remiss.example")
        page.goto("/remisser/ny/missiv")
        check_axe_once(page)
        page.get_by_label("Klistra in missivets text").fill(LETTER)
        page.locator("#f-intake-files").set_input_files(
            files=[{"name": "stor.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + bytes(3 * 1048576)}])
        page.get_by_role("button", name="Läs missivet").click()
        error = page.locator("#f-intake-files-size")
        expect(error).to_contain_text("stor.pdf är 3,0 MB; högst 2 MB per fil.")
        assert page.url.endswith("/remisser/ny/missiv")  # not sent
        expect(page.get_by_label("Klistra in missivets text")).to_have_value(LETTER)
        expect(page.locator("#f-intake-files")).to_be_focused()
    finally:
        app.config["UPLOAD_MAX_BYTES"] = limit


def test_an_inkorg_proposal_on_a_phone_shows_its_evidence_and_the_menu_counts_it(open_page):
    from email.message import EmailMessage

    from remiss.intake.service import inbox
    from remiss.intake.models import InboxMessage
    from remiss.intake.reading import ReadLimits
    from tests.browser.conftest import reflow_problem, tables_cut_off

    app = LIVE["app"]
    mail = EmailMessage()
    mail["From"], mail["To"] = "Registrator <n.registrator@regeringskansliet.se>", "registrator@kommunen.se"
    mail["Subject"], mail["Message-ID"] = "VB: Remiss av promemorian Telefonvänlig inkorg", "<telefon@example.se>"
    mail.set_content(LETTER.replace("Klickfri registrering", "Telefonvänlig inkorg").replace("04711", "04713"))
    with app.extensions["remiss_db"].transaction() as session:
        message, _ = inbox.receive(session, now=datetime.now(timezone.utc), raw=bytes(mail),
                                    files_dir=app.config["FILES_DIR"],
                                    limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        message_id = message.id
    try:
        page = open_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        login(page, "sekreterare@remiss.example")
        expect(page.get_by_role("link", name=re.compile(r"^Inkorg \(\d+\)$"))).to_be_visible()
        page.goto(f"/inkorg/{message_id}")
        check_axe_once(page)
        evidence = page.locator("#ev-sender_dnr", has_text="Ange diarienummer Fi2010/04713")
        expect(evidence).to_be_visible()
        box = evidence.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # on the screen, not in a sideways scroll
        assert tables_cut_off(page) == []
        assert reflow_problem(page) is None
    finally:
        with app.extensions["remiss_db"].transaction() as session:
            session.get(InboxMessage, message_id).status = "dismissed"


def test_after_reading_an_extension_notice_focus_is_on_the_extension_card(open_page):
    """walk8 finding 16: focus went to "Förifyllt från missivet", below the extension card, so a keyboard user
    skipped the choice that matters (extend the registered remiss, not register it once more)."""
    page = open_page()
    login(page, "sekreterare@remiss.example")
    check_axe_once(page)
    letter = LETTER.replace("Klickfri registrering", "Fokus på förlängningen").replace("04711", "04719")
    read_and_register(page, letter, "Fokus på förlängningen")
    page.goto("/remisser/ny/missiv")
    page.get_by_label("Klistra in missivets text").fill(
        "Förlängd svarstid – Fi2010/04719\n\nFinansdepartementet har beslutat om förlängd svarstid till den "
        "30 april 2010 för remissen av promemorian Fokus på förlängningen (Fi2010/04719).\n")
    page.get_by_role("button", name="Läs missivet").click()
    page.wait_for_url(re.compile(r"/remisser/ny\?missiv="))
    card = page.locator("section.intake-match")
    expect(card).to_contain_text("Brevet förlänger svarstiden för en registrerad remiss")
    expect(card, "app.js should move focus to the extension card").to_be_focused()
    check_axe_once(page)


def test_a_title_alternative_clicked_brings_its_own_hint(open_page):
    """walk26b X4: after a click on "Andra förslag på ärendemening" the hint under Ärendemening still said where the
    first title was read; it now says where the chosen one stands in the letter."""
    from tests.intake.test_walk26b_title_choices import LETTER as LUND

    page = open_page("sekreterare@remiss.example")
    page.goto("/remisser/ny/missiv")
    check_axe_once(page)
    page.get_by_label("Klistra in missivets text").fill(LUND)
    page.get_by_role("button", name="Läs missivet").click()
    page.wait_for_url(re.compile(r"/remisser/ny\?missiv="))
    hint = page.locator("#ev-title")
    expect(hint).to_contain_text("Hämtat från: ”Ämne: Remiss: Översiktsplan för Lunds kommun")
    choices = page.locator("#title-choices a")
    expect(choices).to_have_count(2)  # the labelled line; since round 33 the ranker's "… Lunds kommun 2027" after it
    expect(choices.first).to_have_text("Samråd om översiktsplan 2027")
    choices.first.click()
    expect(page.locator("#f-title")).to_have_value("Samråd om översiktsplan 2027")
    expect(hint).to_have_text("Hämtat från: ”Ärende: Samråd om översiktsplan 2027”")
    check_axe_once(page)
    assert "?missiv=" in page.url and "titel=" not in page.url  # filled in place, not reopened


def test_the_inkorg_form_offers_the_title_alternatives_and_a_click_fills_in_place(open_page):
    """walk26b X20: the Inkorg's own Registrera form showed no "Andra förslag på ärendemening"."""
    from remiss.intake.models import InboxMessage
    from remiss.intake.reading import ReadLimits
    from remiss.intake.service import inbox
    from tests.intake.test_walk26b_title_choices import _mail

    app = LIVE["app"]
    with app.extensions["remiss_db"].transaction() as session:
        message, _ = inbox.receive(session, now=datetime.now(timezone.utc), raw=_mail(),
                                   files_dir=app.config["FILES_DIR"], limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        message_id = message.id
    try:
        page = open_page("sekreterare@remiss.example")
        page.goto(f"/inkorg/{message_id}")
        check_axe_once(page)
        page.locator("#title-choices a", has_text="Samråd om översiktsplan 2027").click()
        expect(page.locator("#f-title")).to_have_value("Samråd om översiktsplan 2027")
        expect(page.locator("#ev-title")).to_have_text("Hämtat från: ”Ärende: Samråd om översiktsplan 2027”")
        assert "titel=" not in page.url  # filled in place
    finally:
        with app.extensions["remiss_db"].transaction() as session:
            session.get(InboxMessage, message_id).status = "dismissed"
