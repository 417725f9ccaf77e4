"""Keyboard only: log in and change a remiss's status with Tab, typing and Enter; focus is always visible."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el);
        return {id: el.id, tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 60),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
    }""")


def _tab_to(page, predicate, limit: int = 60) -> dict:
    """Press Tab until predicate(focused) holds; every stop must show a visible focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["outline"], f"no visible focus on {focused}"
        if predicate(focused):
            return focused
    raise AssertionError("never reached the element by Tab")


def test_keyboard_only(page):
    page.goto("/logga-in")
    first = _tab_to(page, lambda f: True)
    assert first["text"] == "Hoppa till innehållet"
    _tab_to(page, lambda f: f["id"] == "f-email")
    page.keyboard.type("handlaggare@remiss.example")
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/logga-in" not in url)

    # The skip link moves focus to the main content.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    _tab_to(page, lambda f: f["tag"] == "A" and "/remisser/" in (page.evaluate("document.activeElement.href")))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/remisser/\d+$"))
    _tab_to(page, lambda f: f["id"] == "new-status")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.getElementById('new-status').selectedOptions[0].text")
    _tab_to(page, lambda f: f["id"] == "status-note")
    page.keyboard.type("Ändrat med tangentbordet")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert f"Status ändrad till ”{chosen}”" in page.locator(".messages").inner_text()
    assert "Ändrat med tangentbordet" in page.locator("#historik").inner_text()
