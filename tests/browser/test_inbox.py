"""The Inkorg in a real browser: a fetched mail, its fields with evidence, and the step to the prefilled form."""
from __future__ import annotations

import re

import pytest

from remiss.intake import service
from remiss.intake.reading import ReadLimits
from tests.browser.conftest import LIVE, START, check_axe, shoot
from tests.intake.letters import eml_with_pdf, rk_pdf

pytestmark = pytest.mark.browser


def test_a_fetched_mail_is_registered_from_the_inkorg(open_page):
    app = LIVE["app"]
    raw = eml_with_pdf(rk_pdf()).replace(b"Subject:", b"Message-ID: <browser-inkorg@regeringskansliet.se>\nSubject:", 1)
    with app.extensions["remiss_db"].transaction() as session:
        service.receive(session, now=START, raw=raw, files_dir=app.config["FILES_DIR"],
                        limits=ReadLimits.of(app.config))
    page = open_page("sekreterare@remiss.example")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Inkorg").click()
    check_axe(page)
    page.get_by_role("link", name=re.compile("Sänkt skatt på arbetsinkomster")).first.click()
    assert "Fi2024/00345" in page.locator("main").inner_text()
    check_axe(page)
    shoot(page, "inkorg-meddelande")
    page.get_by_role("button", name="Registrera som ny remiss").click()
    page.wait_for_url(re.compile(r"/remisser/ny\?missiv="))
    assert page.get_by_label("Remittentens diarienummer").input_value() == "Fi2024/00345"
    assert "Fi2024-00345 Remiss.pdf" in page.locator("main").inner_text()
    check_axe(page)
