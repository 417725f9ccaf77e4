"""The Inkorg in a real browser: a fetched mail, its fields with evidence, and the step to the prefilled form."""
from __future__ import annotations

import re

import pytest

from remiss.intake.service import inbox
from remiss.intake.reading import ReadLimits
from tests.browser.conftest import LIVE, START, check_axe, shoot
from tests.intake.letters import eml_with_pdf, rk_pdf

pytestmark = pytest.mark.browser


def test_a_fetched_mail_is_registered_from_the_inkorg(open_page):
    app = LIVE["app"]
    raw = eml_with_pdf(rk_pdf()).replace(b"Subject:", b"Message-ID: <browser-inkorg@regeringskansliet.se>\nSubject:", 1)
    with app.extensions["remiss_db"].transaction() as session:
        inbox.receive(session, now=START, raw=raw, files_dir=app.config["FILES_DIR"],
                       limits=ReadLimits.of(app.config))
    page = open_page("sekreterare@remiss.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Inkorg").click()
    check_axe(page)
    page.get_by_role("link", name=re.compile("Sänkt skatt på arbetsinkomster")).first.click()
    assert "Fi2024/00345" in page.locator("main").inner_text()
    check_axe(page)
    shoot(page, "inkorg-meddelande")
    page.get_by_role("button", name="Öppna i registreringsformuläret i stället").click()
    page.wait_for_url(re.compile(r"/remisser/ny\?missiv="))
    assert page.get_by_label("Remittentens diarienummer").input_value() == "Fi2024/00345"
    assert "Fi2024-00345 Remiss.pdf" in page.locator("main").inner_text()
    check_axe(page)


def test_a_fetched_mail_is_registered_with_one_click(open_page):
    """The fields checked on the proposal page, the nämnd preselected: Registrera registers (walk 7, d)."""
    from email.message import EmailMessage

    app = LIVE["app"]
    mail = EmailMessage()
    mail["From"], mail["To"] = "registrator@regeringskansliet.se", "registrator@kommunen.se"
    mail["Subject"], mail["Message-ID"] = "VB: Remiss av promemorian Ett klick i inkorgen", "<ett-klick@example.se>"
    mail["Date"] = "Tue, 26 Jan 2010 15:20:00 +0100"
    mail.set_content("Remiss av promemorian Ett klick i inkorgen\n\nRemissvaren ska ha kommit in till "
                     "Finansdepartementet senast den 15 maj 2010. Ange diarienummer Fi2010/09999.\n")
    with app.extensions["remiss_db"].transaction() as session:
        message, _ = inbox.receive(session, now=START, raw=bytes(mail), files_dir=app.config["FILES_DIR"],
                                    limits=ReadLimits.of(app.config))
        message_id = message.id
    page = open_page("sekreterare@remiss.example")
    page.goto(f"/inkorg/{message_id}")
    assert "26 januari 2010 kl. 15.20" in page.locator("main").inner_text()
    check_axe(page)
    assert page.get_by_label("Inkom").input_value() == "2010-01-26"
    if not page.get_by_label(re.compile("Ansvarig nämnd")).input_value():
        page.get_by_label(re.compile("Ansvarig nämnd")).select_option(index=1)
    page.get_by_role("button", name="Registrera", exact=True).click()
    page.wait_for_url(re.compile(r"/remisser/\d+$"))
    assert "Remissen är registrerad med diarienummer" in page.locator("main").inner_text()
