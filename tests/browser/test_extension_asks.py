"""walk21 J14: "Förläng och meddela" when the dialog did not ask (JavaScript off, app.js not loaded) comes back with
the date as typed and the question beside the button, with the box "Ja, förläng och meddela"; ticked, it extends
(tests/outgoing/test_extension_asks.py for the server). The page that asks passes axe."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, check_axe_once, utgaende_remiss

pytestmark = pytest.mark.browser


def test_extending_when_the_dialog_did_not_ask_asks_on_the_page(open_page):
    remiss_id = utgaende_remiss("Remiss vars remisstid förlängs utan dialog", "Pensionärsrådet", "Ungdomsrådet",
                                sent=True)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto(f"/remisser/{remiss_id}")
    check_axe_once(page)
    form = page.locator("#forlang")
    form.evaluate("form => form.replaceWith(form.cloneNode(true))")  # without app.js's listener: no dialog
    form.get_by_label("Ny sista svarsdag").fill("2099-01-15")
    form.get_by_label("Skäl (valfritt)").fill("Flera har bett om mer tid.")
    form.get_by_role("button", name="Förläng och meddela").click()
    said = page.locator(".messages").inner_text()
    assert "Remisstiden är inte förlängd till 15 januari 2099" in said and "Fel" not in said
    form = page.locator("#forlang")
    assert "Det går inte att ångra." in form.inner_text()
    assert form.get_by_label("Skäl (valfritt)").input_value() == "Flera har bett om mer tid."
    check_axe(page)
    form.get_by_label("Ja, förläng och meddela").check()
    form.get_by_role("button", name="Förläng och meddela").click()
    assert "Remisstiden är förlängd till 15 januari 2099" in page.locator(".messages").inner_text()
