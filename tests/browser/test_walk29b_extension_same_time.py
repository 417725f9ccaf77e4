"""walk29b B4: the dialog before "Förläng och meddela", for a new svarsdag at exactly the moment an instans's own
anstånd ends, said the anstånd ran "senare än den nya svarsdagen": it says the same time, and the instans is not
told (tests/outgoing/test_walk29b_outgoing.py for the server)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.browser.conftest import check_axe_once, utgaende_remiss
from tests.browser.test_walk29_extension_dialog import _grant

pytestmark = pytest.mark.browser


def test_the_extension_dialog_says_the_same_time_as_the_anstand(open_page):
    remiss_id = utgaende_remiss("Remiss förlängd till anståndets dag", "Pensionärsrådet", "Ungdomsrådet", sent=True)
    _grant(remiss_id, "Pensionärsrådet", date(2010, 4, 15))  # past the svarstid, 28 March 2010
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, shown after the login
    page.goto(f"/remisser/{remiss_id}")
    check_axe_once(page)
    form = page.locator("#forlang")
    asked: list[str] = []
    form.get_by_label("Ny sista svarsdag").fill("2010-04-15")
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    form.get_by_role("button", name="Förläng och meddela").click()
    page.wait_for_timeout(300)
    # old code: "Pensionärsrådet har anstånd till 15 april 2010, senare än den nya svarsdagen, …"
    assert ("Pensionärsrådet har anstånd till 15 april 2010, samma tid som den nya svarsdagen, så dess svarsdag "
            "ändras inte och den får inget meddelande.") in asked[0], asked
    assert "till 1 remissinstans som inte har svarat: ungdomsradet@remiss.example." in asked[0], asked

    form.get_by_label("Klockslag").fill("12.00")  # 15 April at 12.00 is before the anstånd's end of that day
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    form.get_by_role("button", name="Förläng och meddela").click()
    page.wait_for_timeout(300)
    assert "Pensionärsrådet har anstånd till 15 april 2010, senare än den nya svarsdagen" in asked[1], asked
