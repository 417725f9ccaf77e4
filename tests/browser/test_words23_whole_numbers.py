"""words23 #6 (M6): "1,5" typed in a workday field of <input type="number"> reached the server as the browser's
locale read it (15 in some Chromium versions, 1.5 in others), never as typed. The workday fields are text inputs
with inputmode="numeric" now (remiss.web.forms.WorkdaysField): Chromium sends "1,5", the page answers in Swedish
that the field takes whole arbetsdagar, and keeps "1,5" in the box."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe_once, check_error_state

pytestmark = pytest.mark.browser


def test_a_decimal_comma_in_a_workday_field_is_kept_and_refused_in_swedish(open_page):
    page = open_page("admin@remiss.example")
    check_axe_once(page)  # the start page, where the login lands
    page.goto("/admin/namnder")
    check_axe_once(page)
    page.locator("main a[href^='/admin/namnder/']:not([href$='/ny'])").first.click()
    check_axe_once(page)
    field = page.get_by_label("Arbetsdagar för expediering")
    field.fill("")
    field.press_sequentially("1,5")
    page.get_by_role("button", name="Spara").first.click()
    assert "f-expediering_workdays" in check_error_state(page)
    said = " ".join(page.locator("#e-expediering_workdays").inner_text().split())
    assert said == "Fel: Ange ett helt antal arbetsdagar, 0–20."
    field = page.get_by_label("Arbetsdagar för expediering")
    assert field.input_value() == "1,5"  # as typed, not 15 or 1.5
    assert field.get_attribute("inputmode") == "numeric"  # digits on a phone's keyboard still
