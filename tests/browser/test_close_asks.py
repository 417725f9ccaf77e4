"""walk20 H11: "Avsluta ärendet" on an utgående remiss whose instanser may still answer in time asks first – with
JavaScript in the dialog, and without it on the page (the question with the box "Avsluta ärendet ändå"). Before,
the page always sent the confirmation itself, so without JavaScript the case closed with no question at all."""
from __future__ import annotations

import pytest

from tests.browser.conftest import check_axe, check_axe_once, utgaende_remiss

pytestmark = pytest.mark.browser
# no sweep runs here, so the missiv still waits in the Utkorg, and closing would stop it (walk28 Z4)
QUESTION = ("och 2 remissinstanser har inte svarat. Avslutas ärendet nu kan svaren inte registreras. Missivet till "
            "Pensionärsrådet och Ungdomsrådet väntar i utkorgen och skickas inte när ärendet avslutas. "
            "Avsluta ärendet ändå?")


def _sent_remiss(title: str) -> int:
    """An utgående remiss sent to two råd, svarstid 60 days on, nobody has answered."""
    return utgaende_remiss(title, "Pensionärsrådet", "Ungdomsrådet", sent=True)


def _compiled(page, remiss_id: int, *, javascript: bool = True) -> None:
    page.goto(f"/remisser/{remiss_id}")
    page.once("dialog", lambda dialog: dialog.accept())  # "Sammanställa svaren ändå?" when JavaScript runs
    page.locator("#utskick").get_by_role("button", name="Sammanställ svaren").click()
    if not javascript:  # the page asks beside the button (tests/outgoing/test_compile_asks.py)
        assert "Svaren sammanställdes inte" in page.locator(".messages").inner_text()
        page.get_by_label("Sammanställ svaren ändå").check()
        page.locator("#utskick").get_by_role("button", name="Sammanställ svaren").click()
    assert "Svaren är sammanställda" in page.locator(".messages").inner_text()


def _status(page) -> str:
    return page.locator(".page-head").inner_text()


def test_closing_without_javascript_asks_on_the_page(open_page):
    remiss_id = _sent_remiss("Remiss som avslutas utan JavaScript")
    page = open_page("sekreterare@remiss.example", java_script_enabled=False)
    _compiled(page, remiss_id, javascript=False)
    panel = page.locator("#utskick")
    panel.get_by_role("button", name="Avsluta ärendet").click()
    # Old code: "Ärendet är avslutat" at once, no question.
    assert "Ärendet avslutades inte: Svarstiden löper till" in page.locator(".messages").inner_text()
    assert QUESTION in page.locator("#avsluta").inner_text()
    assert "Avslutad" not in _status(page)
    panel.get_by_role("button", name="Avsluta ärendet").click()  # the box not ticked: asked again
    assert "Ärendet avslutades inte" in page.locator(".messages").inner_text() and "Avslutad" not in _status(page)
    page.get_by_label("Avsluta ärendet ändå").check()
    panel.get_by_role("button", name="Avsluta ärendet").click()
    assert "Ärendet är avslutat" in page.locator(".messages").inner_text()
    assert "Avslutad" in _status(page)


def test_closing_with_javascript_asks_in_the_dialog(open_page):
    remiss_id = _sent_remiss("Remiss som avslutas med JavaScript")
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    _compiled(page, remiss_id)
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#utskick").get_by_role("button", name="Avsluta ärendet").click()
    page.wait_for_timeout(300)  # a dismissed dialog sends nothing: the page stays as it was
    assert len(asked) == 1 and asked[0].endswith(QUESTION) and "Avslutad" not in _status(page)
    page.goto(f"/remisser/{remiss_id}?avsluta=fraga#avsluta")  # the page's own question (as without JavaScript)
    assert QUESTION in page.locator("#avsluta").inner_text()
    check_axe(page)
    page.goto(f"/remisser/{remiss_id}")
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator("#utskick").get_by_role("button", name="Avsluta ärendet").click()
    assert "Ärendet är avslutat" in page.locator(".messages").inner_text()
    assert len(asked) == 2 and "Avslutad" in _status(page)
