"""walk20 H11: "Avsluta ärendet" on an utgående remiss whose instanser may still answer in time asks first – with
JavaScript in the dialog, and without it on the page (the question with the box "Avsluta ärendet ändå"). Before,
the page always sent the confirmation itself, so without JavaScript the case closed with no question at all."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from tests.browser.conftest import DEMO_PASSWORD, LIVE, START, check_axe, check_axe_once

pytestmark = pytest.mark.browser
QUESTION = ("och 2 remissinstanser har inte svarat. Avslutas ärendet nu kan svaren inte registreras. "
            "Avsluta ärendet ändå?")


def _sent_remiss(title: str) -> int:
    """An utgående remiss of Stadsområdesnämnd Öster sent to two råd, svarstid 60 days on, nobody has answered."""
    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.namnd.models import Namnd
    from remiss.outgoing.service import sending
    from remiss.remisser.input import RemissData, SandlistaItem

    app = LIVE["app"]
    with app.extensions["remiss_db"].transaction() as session:
        admin = session.exec(select(User).where(User.role == Role.admin)).first()
        p = Principal(admin.id, Role.admin, frozenset())
        namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
        remiss = sending.create_outgoing(
            session, now=START, principal=p, dnr_format="{prefix} {year}/{number:04d}", default_prefix="RS",
            data=RemissData(title=title, namnd_id=namnd.id, received_on=START.date(),
                            deadline_on=START.date() + timedelta(days=60), questions=["Har ni synpunkter?"],
                            sandlista=[SandlistaItem("Pensionärsrådet", "pensionarsradet@remiss.example", "Råd"),
                                       SandlistaItem("Ungdomsrådet", "ungdomsradet@remiss.example", "Råd")]))
        with app.app_context():
            sending.send(session, now=START, principal=p, remiss=remiss, files_dir=app.config["FILES_DIR"],
                         base_url="")
        return remiss.id


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
    page = open_page(java_script_enabled=False)  # logged in by hand: axe (conftest.login) needs JavaScript
    page.goto("/logga-in")
    page.get_by_label("E-post").fill("sekreterare@remiss.example")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in" not in url)
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
