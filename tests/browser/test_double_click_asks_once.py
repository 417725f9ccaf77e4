"""walk23 W6: a double-click on a button that asks first (Expediera, Skicka remissen) showed the whole question twice
("… Det går inte att ångra"), though only one sending went. One question per action now (static/app.js): a click
made while the question is open, or while the form is on its way, is ignored; a later click asks again."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe_once, utgaende_remiss
from tests.browser.test_yttrande_confirmations import _remiss, _status

pytestmark = pytest.mark.browser


def _answering(page, answers: list[bool]) -> list[str]:
    """Answer the page's questions in turn from answers (yes/no; no once they run out: a list the test may add
    to); the questions asked."""
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        (dialog.accept if len(asked) <= len(answers) and answers[len(asked) - 1] else dialog.dismiss)()

    page.on("dialog", answer)
    return asked


def test_a_double_click_on_skicka_remissen_asks_once_and_sends_once(open_page):
    remiss_id = utgaende_remiss("Remiss om dubbelklick på Skicka", "Pensionärsrådet", sent=False)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto(f"/remisser/{remiss_id}")
    check_axe_once(page)
    asked = _answering(page, [True])
    button = page.locator("#utskick").get_by_role("button", name="Skicka remissen")
    with page.expect_navigation():  # the second click comes while the first sending is on its way
        button.evaluate("(b) => { b.click(); setTimeout(() => b.click(), 30); }")
    page.wait_for_load_state()
    # Old code: the question "Skicka remissen nu? …" twice in a row
    assert len(asked) == 1 and "Skicka remissen nu?" in asked[0], asked
    assert "remissinstansen får bara missivet" in asked[0], asked  # one instans (walk23 W7d)
    assert "Remissen är skickad" in page.locator(".messages").inner_text()
    assert "Skickad" in page.locator(".page-head").inner_text()


def test_a_double_click_on_expediera_asks_once_and_no_means_no(open_page):
    rid = _remiss("Remiss om dubbelklick på Expediera", decided=True)
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto(f"/remisser/{rid}")
    check_axe_once(page)
    answers = [False]  # Avbryt: the second click of the double-click must not ask again
    asked = _answering(page, answers)
    button = page.get_by_role("button", name="Expediera", exact=True)
    button.dblclick()
    page.wait_for_timeout(500)
    assert len(asked) == 1 and asked[0].startswith("Expediera yttrandet?"), asked
    assert _status(page) == "Beslutad"
    # a click of its own later asks again, and its yes expedierar: the button still works
    answers.append(True)
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state()
    assert len(asked) == 2 and asked[1] == asked[0], asked
    assert "Yttrandet är expedierat" in page.locator(".messages").inner_text()
