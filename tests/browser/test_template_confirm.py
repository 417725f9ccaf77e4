"""walk11 finding 11 in a real browser: a yttrande template without the required fields is held back with a
confirmation that names what is missing (the page passes axe); confirming puts it in use."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, check_axe_once
from tests.support.documents import one_paragraph_docx

pytestmark = pytest.mark.browser


def test_an_incomplete_template_waits_for_a_confirmation_naming_what_is_missing(open_page):
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto("/mallar")
    check_axe_once(page)
    page.locator("main a[href$='/mallar']").first.click()
    page.wait_for_url("**/mallar")
    page.get_by_label("Handling").select_option("yttrande")
    page.get_by_label("Word-fil (.docx)").set_input_files(
        {"name": "tom.docx", "mimeType": "application/octet-stream", "buffer": one_paragraph_docx("Ingen fält alls här.")})
    page.get_by_role("button", name="Ladda upp och kontrollera").click()
    page.wait_for_url("**bekrafta=*")
    box = page.locator("#error-summary")
    assert "används inte ännu" in box.inner_text() and "diarienumret" in box.inner_text()
    check_axe(page)
    box.get_by_role("button", name="ändå").click()
    page.wait_for_url(lambda url: "bekrafta" not in url)
    assert "används från och med nu" in page.locator("main").inner_text()
    check_axe(page)
    # the live server is shared by the whole browser suite: the nämnd goes back to the standard template
    page.get_by_role("button", name="Använd standardmallen för yttrande").click()
    assert "Standardmallen används nu för yttrande." in page.locator("main").inner_text()


def test_a_refused_template_shows_its_notes_apart_and_passes_axe(open_page):
    """walk25b Z6: the refusal quotes "{{ fragor[0].fraga }}" as written, and the notes that did not stop the upload
    stand under their own heading, apart from the error summary."""
    page = open_page("sekreterare@remiss.example")
    page.goto("/mallar")
    page.locator("main a[href$='/mallar']").first.click()
    page.wait_for_url("**/mallar")
    page.get_by_label("Handling").select_option("missiv")
    page.get_by_label("Word-fil (.docx)").set_input_files(
        {"name": "missiv.docx", "mimeType": "application/octet-stream",
         "buffer": one_paragraph_docx("Missiv {{ titel }} Fråga: {{ fragor[0].fraga }}")})
    page.get_by_role("button", name="Ladda upp och kontrollera").click()
    refusal = page.locator("#error-summary").inner_text()
    assert "Okänd platshållare ”{{ fragor[0].fraga }}”" in refusal and "använder inte fältet" not in refusal
    notes = page.locator("#template-notes")
    assert notes.get_by_role("heading", name="Att tänka på när du rättar mallen (det här stoppade inte "
                                               "uppladdningen)").is_visible()
    assert "Mallen använder inte fältet datum" in notes.inner_text()
    check_axe(page)
