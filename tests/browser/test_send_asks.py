"""walk21 J14: "Skicka remissen" with JavaScript off (or app.js not loaded) sent at once with no question. The page
now asks beside the button, with the box "Ja, skicka remissen nu" (tests/outgoing/test_send_asks.py for the
server; tests/browser/test_close_asks.py for Avsluta ärendet, which the same macro asks)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, check_axe_once, utgaende_remiss

pytestmark = pytest.mark.browser


def test_sending_without_javascript_asks_on_the_page(open_page):
    remiss_id = utgaende_remiss("Remiss om cykelparkering utan JavaScript", "Pensionärsrådet", sent=False)
    page = open_page("sekreterare@remiss.example", java_script_enabled=False)
    page.goto(f"/remisser/{remiss_id}")
    panel = page.locator("#utskick")
    panel.get_by_role("button", name="Skicka remissen").click()
    # Old code: "Klart: Remissen är skickad: missivet läggs i utkorgen …" at once, no question.
    said = page.locator(".messages").inner_text()
    assert "Remissen är inte skickad: att skicka den går inte att ångra." in said and "Fel" not in said
    question = page.locator("#skicka").inner_text()
    assert ("Skicka remissen nu? Den läggs i utkorgen och e-postas inom några minuter till 1 remissinstans: "
            "pensionarsradet@remiss.example. Det går inte att ångra.") in question
    assert "Utkast" in page.locator(".page-head").inner_text()
    panel.get_by_role("button", name="Skicka remissen").click()  # the box not ticked: asked again
    assert "Remissen är inte skickad" in page.locator(".messages").inner_text()
    page.get_by_label("Ja, skicka remissen nu").check()
    panel.get_by_role("button", name="Skicka remissen").click()
    assert "Remissen är skickad" in page.locator(".messages").inner_text()
    assert "Skickad" in page.locator(".page-head").inner_text()


def test_the_question_on_the_page_passes_axe(open_page):
    remiss_id = utgaende_remiss("Remiss om cykelparkering med JavaScript", "Pensionärsrådet", sent=False)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto(f"/remisser/{remiss_id}?skicka=fraga#skicka")  # the page's own question (as without JavaScript)
    assert "Det går inte att ångra." in page.locator("#skicka").inner_text()
    check_axe(page)
