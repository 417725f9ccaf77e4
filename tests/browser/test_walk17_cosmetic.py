"""walk17 F17: the Kalender's "Visa" was a wide grey browser-default bar unlike every other button, and the header's
"Logga ut" broke into "Logga / ut" at 320 px."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe_once, reflow_problem, shoot

SEKRETERARE = "sekreterare@remiss.example"


@pytest.mark.parametrize("width", [1280, 320])
def test_the_calendar_filter_button_looks_like_the_others_and_logga_ut_stays_on_one_line(open_page, width):
    page = open_page(SEKRETERARE, viewport={"width": width, "height": 900})
    check_axe_once(page)
    page.goto("/kalender")
    visa = page.locator("form.filters button", has_text="Visa")
    looks = visa.evaluate("b => ({cls: b.className, w: b.getBoundingClientRect().width,"
                          " form: b.form.getBoundingClientRect().width,"
                          " bg: getComputedStyle(b).backgroundColor, border: getComputedStyle(b).borderTopColor})")
    filtrera = page.evaluate("(() => { const b = document.createElement('button'); b.className = 'button';"
                             " document.querySelector('main').append(b); const s = getComputedStyle(b);"
                             " const r = {bg: s.backgroundColor, border: s.borderTopColor}; b.remove(); return r; })()")
    assert "button" in looks["cls"].split() and (looks["bg"], looks["border"]) == (filtrera["bg"], filtrera["border"])
    assert looks["w"] < looks["form"] / 2, looks  # a button, not a bar across the filter box
    # a longer name than the demo's (the walk's browser set the header wider): the row must wrap between the items
    page.evaluate("document.querySelector('.user-menu .user-name').textContent = 'Karl-Johan Lindqvist-Åberg'")
    logout = page.locator(".user-menu button", has_text="Logga ut")
    lines = logout.evaluate("b => { const r = document.createRange(); r.selectNodeContents(b);"
                            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
    assert lines == 1, f"”Logga ut” on {lines} lines at {width} px"
    assert reflow_problem(page) is None, reflow_problem(page)  # and nothing sticks out of the page instead
    check_axe_once(page)
    shoot(page, f"walk17-kalender-{width}")
