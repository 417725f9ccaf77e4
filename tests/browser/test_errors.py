"""Every kind of form in its error state, in a real browser: the summary takes focus and is scrolled into view, and
links each field, which is aria-invalid and described by its message (WCAG 3.3.1, 2.4.3, 4.1.2)."""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import check_axe, check_axe_once, check_error_state, login
from tests.browser.test_crawl import PHONE

pytestmark = pytest.mark.browser


def test_login_error_takes_focus(open_page):
    page = open_page()
    page.goto("/logga-in")
    page.get_by_label("E-post").fill("sekreterare@remiss.example")
    page.get_by_label("Lösenord").fill("fel-losenord")
    page.get_by_role("button", name="Logga in").click()
    assert check_error_state(page) == ["f-email"]
    assert page.get_by_label("E-post").input_value() == "sekreterare@remiss.example"
    check_axe(page)


def test_diarium_filter_errors_name_their_fields(open_page):
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, where the login lands
    page.goto("/remisser?deadline_from=32/13 2010&deadline_to=igår")
    assert check_error_state(page) == ["deadline_from", "deadline_to"]
    summary = page.locator("#error-summary").inner_text()
    assert "Svarsdag från:" in summary and "Svarsdag till:" in summary
    check_axe(page)


def test_extension_and_anstand_requests_scroll_to_their_errors(browser, wide_world):
    """At phone width, where the forms are far down the remiss page: the summary is brought into view."""
    context = browser.new_context(base_url=wide_world, viewport=PHONE, locale="sv-SE")
    try:
        page = context.new_page()
        login(page, "sekreterare@remiss.example")
        page.goto("/remisser?q=långa adresser")
        page.get_by_role("link", name="Remiss med långa adresser").click()
        panel = page.locator("#forlangningar")
        panel.get_by_label(re.compile("^Till och med datum")).fill("")
        panel.get_by_label("Skäl").fill("Nämnden sammanträder senare")
        panel.get_by_role("button", name="Registrera begäran").click()
        assert sorted(check_error_state(page)) == ["f-r-requested_by", "f-r-until_on"]
        assert page.locator("#f-r-reason").input_value() == "Nämnden sammanträder senare"
        check_axe(page)

        page.goto("/remisser?q=långa namn")
        page.get_by_role("link", name="Utgående remiss till långa namn").click()
        page.locator("#utskick").get_by_role("link", name="Pensionärsrådet", exact=True).click()
        page.get_by_label("Klockslag").fill("99:99")
        page.get_by_label("Skäl (valfritt)").fill("Styrelsen möts i april")
        page.get_by_role("button", name="Registrera begäran").click()
        assert sorted(check_error_state(page)) == ["f-until_on", "f-until_time"]
        assert page.get_by_label("Skäl (valfritt)").input_value() == "Styrelsen möts i april"
        check_axe(page)
    finally:
        context.close()


def test_tilldela_and_send_back_errors_take_focus_and_mark_their_fields(open_page):
    """walk13b finding 3: Tilldela with "Välj handläggare" left, and "Skicka tillbaka till utkast" without a
    comment, were only a flash: now the summary takes focus and links the marked field."""
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import User
    from remiss.drafting.states import change_state
    from remiss.drafting.versions import save
    from remiss.remisser.models import Remiss
    from tests.browser.conftest import LIVE

    app = LIVE["app"]
    with app.app_context(), app.extensions["remiss_db"].transaction() as session:
        user = session.exec(select(User).where(User.email == "handlaggare@remiss.example")).one()
        remiss = session.exec(select(Remiss).where(Remiss.direction == "inkommande")
                              .order_by(Remiss.id.desc()).offset(1)).first()
        remiss.handlaggare_id = user.id
        session.add(remiss)
        who = Principal.of(session, user)
        save(session, now=app.config["CLOCK"](), principal=who, remiss=remiss, raw={"sammanfattning": "Ja."})
        change_state(session, now=app.config["CLOCK"](), principal=who, remiss=remiss, new="granskning")
        rid = remiss.id
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)
    page.goto(f"/remisser/{rid}")
    check_axe(page)
    page.get_by_text("Byt handläggare").click()
    page.locator("#assign-handlaggare_id").select_option(value="")
    page.get_by_role("button", name="Tilldela").click()
    assert check_error_state(page) == ["assign-handlaggare_id"]
    assert "Välj en handläggare." in page.locator("#error-summary").inner_text()
    check_axe(page)

    page.goto(f"/remisser/{rid}")
    page.get_by_role("button", name="Skicka tillbaka till utkast").click()
    assert check_error_state(page) == ["f-utkast-comment"]
    page.locator("#error-summary a").click()
    assert page.evaluate("document.activeElement.id") == "f-utkast-comment"
    check_axe(page)
