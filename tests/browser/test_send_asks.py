"""walk21 J14: "Skicka remissen" with JavaScript off (or app.js not loaded) sent at once with no question. The page
now asks beside the button, with the box "Ja, skicka remissen nu" (tests/outgoing/test_send_asks.py for the
server; tests/browser/test_close_asks.py for Avsluta ärendet, which the same macro asks)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.browser.conftest import DEMO_PASSWORD, LIVE, START, check_axe

pytestmark = pytest.mark.browser


def _unsent_remiss(title: str) -> int:
    """An utgående remiss of Stadsområdesnämnd Öster to one råd, svarstid 60 days on, not sent."""
    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.namnd.models import Namnd
    from remiss.outgoing.service import sending
    from remiss.remisser.input import RemissData, SandlistaItem

    with LIVE["app"].extensions["remiss_db"].transaction() as session:
        admin = session.exec(select(User).where(User.role == Role.admin)).first()
        namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
        remiss = sending.create_outgoing(
            session, now=START, principal=Principal(admin.id, Role.admin, frozenset()),
            dnr_format="{prefix} {year}/{number:04d}", default_prefix="RS",
            data=RemissData(title=title, namnd_id=namnd.id, received_on=START.date(),
                            deadline_on=START.date() + timedelta(days=60), questions=["Har ni synpunkter?"],
                            sandlista=[SandlistaItem("Pensionärsrådet", "pensionarsradet@remiss.example", "Råd")]))
        return remiss.id


def test_sending_without_javascript_asks_on_the_page(open_page):
    remiss_id = _unsent_remiss("Remiss om cykelparkering utan JavaScript")
    page = open_page(java_script_enabled=False)  # logged in by hand: axe (conftest.login) needs JavaScript
    page.goto("/logga-in")
    page.get_by_label("E-post").fill("sekreterare@remiss.example")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in" not in url)
    page.goto(f"/remisser/{remiss_id}")
    panel = page.locator("#utskick")
    panel.get_by_role("button", name="Skicka remissen").click()
    # Old code: "Klart: Remissen är skickad: missivet läggs i utkorgen …" at once, no question.
    said = page.locator(".messages").inner_text()
    assert "Remissen är inte skickad: att skicka den går inte att ångra." in said and "Fel" not in said
    question = page.locator("#skicka").inner_text()
    assert ("Skicka remissen nu? Den läggs i utkorgen och e-postas inom några minuter till 1 remissinstans: "
            "pensionarsradet@remiss.example. Det går inte att ångra.") in question
    assert "Utkast" in page.locator(".page-head").inner_text()
    panel.get_by_role("button", name="Skicka remissen").click()  # the box not ticked: asked again
    assert "Remissen är inte skickad" in page.locator(".messages").inner_text()
    page.get_by_label("Ja, skicka remissen nu").check()
    panel.get_by_role("button", name="Skicka remissen").click()
    assert "Remissen är skickad" in page.locator(".messages").inner_text()
    assert "Skickad" in page.locator(".page-head").inner_text()


def test_the_question_on_the_page_passes_axe(open_page):
    remiss_id = _unsent_remiss("Remiss om cykelparkering med JavaScript")
    page = open_page("sekreterare@remiss.example")
    page.goto(f"/remisser/{remiss_id}?skicka=fraga#skicka")  # the page's own question (as without JavaScript)
    assert "Det går inte att ångra." in page.locator("#skicka").inner_text()
    check_axe(page)
