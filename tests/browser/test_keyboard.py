"""Keyboard only: log in, register a remiss from its missiv and change a remiss's status with Tab, typing
and Enter (and the arrow keys in a list); focus is visible at every stop."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import DEMO_PASSWORD, check_axe, check_axe_once

pytestmark = pytest.mark.browser
MISSIV = Path(__file__).resolve().parents[1] / "data" / "missiv" / "seed003-kulturstrategi.txt"


def _focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        // The calendar button inside a date field (focus inside its shadow tree) has Chromium's own ring.
        const picker = el.type === 'date' && !el.matches(':focus');
        return {id: el.id, tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 60),
                href: el.getAttribute('href') || '',
                outline: picker || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)};
    }""")


def _tab_to(page, predicate, limit: int = 120) -> dict:
    """Press Tab until predicate(focused) holds; every stop must show a visible focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["outline"], f"no visible focus on {focused}"
        if predicate(focused):
            return focused
    raise AssertionError("never reached the element by Tab")


def _keyboard_login(page, email: str) -> None:
    page.goto("/logga-in")
    check_axe_once(page)
    first = _tab_to(page, lambda f: True)
    assert first["text"] == "Hoppa till innehållet"
    _tab_to(page, lambda f: f["id"] == "f-email")
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/logga-in" not in url)
    check_axe_once(page)


def test_keyboard_status_change(page):
    _keyboard_login(page, "handlaggare@remiss.example")
    # The skip link moves focus to the main content.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    _tab_to(page, lambda f: f["tag"] == "A" and re.fullmatch(r"/remisser/\d+", f["href"]) is not None)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/remisser/\d+$"))
    _tab_to(page, lambda f: f["tag"] == "SUMMARY" and f["text"] == "Ändra status för hand")
    page.keyboard.press("Enter")  # unfolds the form
    _tab_to(page, lambda f: f["id"] == "new-status")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.getElementById('new-status').selectedOptions[0].text")
    _tab_to(page, lambda f: f["id"] == "status-note")
    page.keyboard.type("Ändrat med tangentbordet")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert f"Status ändrad till ”{chosen}”" in page.locator(".messages").inner_text()
    assert "Ändrat med tangentbordet" in page.locator("#historik").inner_text()
    check_axe(page)


def test_keyboard_registration_from_missiv(page):
    _keyboard_login(page, "sekreterare@remiss.example")
    _tab_to(page, lambda f: f["tag"] == "A" and f["text"] == "Registrera")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/remisser/ny"))
    _tab_to(page, lambda f: f["id"] == "f-text")
    page.keyboard.insert_text(MISSIV.read_text())  # what Ctrl+V does
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Läs missivet")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/remisser/ny\?"))
    title = page.locator("#f-title").input_value()
    assert title, "the missiv did not prefill the title"
    check_axe(page)

    _tab_to(page, lambda f: f["id"] == "f-received_on")
    page.keyboard.type("2010-01-15")  # a text field: a native date field took this as "201001-15-dd"
    assert page.locator("#f-received_on").input_value() == "2010-01-15"  # not after today (the demo's 27 Jan 2010)
    _tab_to(page, lambda f: f["id"] == "f-deadline_on")  # "senast den 28 augusti": the letter gives no year
    page.keyboard.type("28 augusti 2010")
    _tab_to(page, lambda f: f["id"] == "f-namnd_id")
    page.keyboard.type("S")  # type-ahead in the list
    assert page.evaluate("document.getElementById('f-namnd_id').selectedOptions[0].text") == "Stadsområdesnämnd Öster"
    _tab_to(page, lambda f: f["id"] == "f-notes")
    page.keyboard.type("Registrerad med tangentbordet.")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Registrera")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The demo data holds this letter already: the warning takes focus, and registering again is a choice.
    assert "Remissen kan redan vara registrerad" in page.locator("#error-summary").inner_text()
    _tab_to(page, lambda f: f["id"] == "f-confirm_duplicate")
    page.keyboard.press("Space")
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Registrera")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/remisser/\d+(#.*)?$", page.url), page.locator("main").inner_text()[:800]
    assert "registrerad med diarienummer" in page.locator(".messages").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator("#oversikt").get_by_text("15 januari 2010").count() == 1
    assert "28 augusti 2010" in page.locator("main").inner_text()
    check_axe(page)
