"""walk11 finding 4 in a real browser: a form saved after logging out in another tab shows why, and the typed text
to copy, on a page that passes axe; the login link leads back to the form."""
from __future__ import annotations

import pytest

from tests.browser.conftest import DEMO_PASSWORD, check_axe, check_axe_once

pytestmark = pytest.mark.browser

TYPED = "Anteckning som inte får gå förlorad <viktig> & lång."


def test_saving_after_logout_in_another_tab_shows_the_typed_text(open_page):
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto("/remisser/1/andra")
    check_axe_once(page)
    page.locator("#f-notes").fill(TYPED)
    other = page.context.new_page()  # a second tab of the same browser
    other.goto("/")
    other.get_by_role("button", name="Logga ut").click()
    other.wait_for_url("**/logga-in")
    other.close()
    page.locator("form:has(#f-notes) button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Du är inte längre inloggad"
    assert TYPED in [page.locator("textarea").nth(i).input_value() for i in range(page.locator("textarea").count())]
    check_axe(page)
    page.get_by_role("link", name="Logga in igen").click()
    page.wait_for_url(lambda url: "/logga-in" in url)
    assert "next=/remisser/1/andra" in page.url
    page.get_by_label("E-post").fill("sekreterare@remiss.example")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: url.endswith("/remisser/1/andra"))  # back at the form, to paste the text
