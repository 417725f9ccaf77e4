"""Walk 23 W4: the browser's Back brings a form back with everything typed, the date and clock fields too.

Chromium restores typed form values on history navigation, but not those of fields marked autocomplete="off": Inkom,
Sista svarsdag, Klockslag and Missivets datum came back empty while the title and the frågor were restored."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe_once

pytestmark = pytest.mark.browser

TYPED = {"#f-title": "Navigeringstest", "#f-received_on": "2026-12-04", "#f-deadline_on": "1 april 2027",
         "#f-deadline_time": "12.00", "#f-letter_date": "2026-12-01", "#f-questions": "Fråga A?"}


def _away_and_back(page, *, axe: bool = True) -> None:
    page.goto("/kalender")
    if axe:  # axe needs JavaScript
        check_axe_once(page)
    page.go_back()
    page.wait_for_load_state()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_back_restores_the_registration_forms_dates(open_page, javascript):
    page = open_page("sekreterare@remiss.example", java_script_enabled=javascript)
    if javascript:
        check_axe_once(page)  # the start page, where the login leads
    page.goto("/remisser/ny")
    if javascript:
        check_axe_once(page)
    for selector, text in TYPED.items():
        page.locator(selector).fill(text)
    _away_and_back(page, axe=javascript)
    assert page.url.endswith("/remisser/ny")
    assert {selector: page.locator(selector).input_value() for selector in TYPED} == TYPED


def test_back_restores_the_clock_of_a_new_outgoing_remiss(open_page):
    page = open_page("sekreterare@remiss.example")
    page.goto("/remisser/ny-utgaende")
    check_axe_once(page)
    page.locator("#f-title").fill("Bakåt utgående")
    page.locator("#f-deadline_time").fill("15.30")
    _away_and_back(page)
    assert page.locator("#f-title").input_value() == "Bakåt utgående"
    assert page.locator("#f-deadline_time").input_value() == "15.30"
