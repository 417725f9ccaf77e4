"""Walk11 finding 8 in a real browser: "Ändra status för hand" with Tilldelad on a remiss without handläggare, and
Avstår without a reason, shows the app's Swedish error state (summary focused, fields marked, axe clean) and
changes nothing."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import check_axe, check_axe_once, check_error_state, login

pytestmark = pytest.mark.browser


def test_status_by_hand_asks_for_a_handlaggare_and_a_reason(page):
    login(page)
    check_axe_once(page)
    page.goto("/remisser?status=registrerad")
    check_axe_once(page)
    page.locator("table.data tbody a").first.click()
    page.wait_for_url(re.compile(r"/remisser/\d+"))
    check_axe_once(page)
    assert "Ej tilldelad" in page.locator("#oversikt").inner_text()
    page.get_by_text("Ändra status för hand", exact=True).click()
    page.get_by_label("Ny status").select_option(label="Tilldelad")
    page.get_by_role("button", name="Ändra status").click()
    assert check_error_state(page) == ["new-status"]
    assert "Välj en handläggare under ”Tilldela handläggare”" in page.locator("#error-summary").inner_text()
    check_axe(page)
    page.get_by_label("Ny status").select_option(label="Avstår")
    page.get_by_role("button", name="Ändra status").click()
    assert check_error_state(page) == ["status-note", "status-confirm"]
    assert page.get_by_label("Ny status").input_value() == "avstar"
    check_axe(page)
    assert "Registrerad" in page.locator(".status").first.inner_text()
