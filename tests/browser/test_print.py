"""walk11 finding 30: the printed remiss page shows no controls, not even the summary of a disclosure that holds
only a form ("Byt handläggare", "Ändra status för hand")."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, check_axe_once

pytestmark = pytest.mark.browser


def test_the_printed_remiss_page_hides_the_assign_and_status_controls(open_page):
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, where the login lands
    page.goto("/remisser/1")
    check_axe(page)
    controls = page.locator("details summary", has_text="handläggare")
    assert controls.first.is_visible()  # on screen the control is there
    page.emulate_media(media="print")
    assert not controls.first.is_visible()
    assert not page.get_by_text("Ändra status för hand").is_visible()
    assert page.locator("h1").is_visible()  # the page itself still prints
