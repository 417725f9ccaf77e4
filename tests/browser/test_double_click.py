"""A double-click in Chromium on the registration form's card "Registrera förlängningen på den remissen" sent it twice: the
first merged the letter and recorded the extension, the second showed "De uppladdade filerna finns inte längre …
Läs in missivet igen." on an empty form. Now the page lands on the remiss with the first's result (app.js sends a
form once; the server answers a second sending with the remiss, tests/intake/test_card_sent_twice.py)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LIVE, START, check_axe_once

pytestmark = pytest.mark.browser

LETTER = """Hej,

Svarstiden för remissen Promemorian Dubbelklick på kortet (Fi2010/05555) förlängs till den 30 april 2010.

Finansdepartementet
"""


def test_a_double_click_on_the_extension_card_lands_on_the_remiss(open_page):
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.namnd.models import Namnd
    from remiss.remisser import service as remisser
    from remiss.remisser.input import RemissData

    app = LIVE["app"]
    with app.extensions["remiss_db"].transaction() as session:
        admin = session.exec(select(User).where(User.role == Role.admin)).first()
        namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
        remiss = remisser.register(session, now=START, principal=Principal(admin.id, Role.admin, frozenset()),
                                   data=RemissData(title="Promemorian Dubbelklick på kortet", namnd_id=namnd.id,
                                                   remittent="Finansdepartementet", sender_dnr="Fi2010/05555",
                                                   received_on=START.date(),
                                                   deadline_on=START.date() + timedelta(days=40)))
        remiss_id, our_dnr = remiss.id, remiss.our_dnr
    page = open_page("sekreterare@remiss.example")
    check_axe_once(page)  # the start page, after logging in
    page.goto("/remisser/ny/missiv")
    check_axe_once(page)
    page.get_by_label("Klistra in missivets text").fill(LETTER)
    page.get_by_role("button", name="Läs missivet").click()
    page.wait_for_url(re.compile(r"/remisser/ny\?missiv="))
    check_axe_once(page)
    assert page.locator("#messages").count() == 0  # nothing said yet
    page.locator("#f-extend-our_dnr").fill(our_dnr)  # the card of a letter no registered remiss matched
    button = page.get_by_role("button", name="Registrera förlängningen på den remissen")
    # a person's double-click: the second click comes while the first sending is on its way
    button.evaluate("(b) => { b.click(); setTimeout(() => b.click(), 30); }")
    expect(page.locator("#messages")).to_be_visible()  # the page a sending led to (the first was abandoned)
    assert page.url.endswith(f"/remisser/{remiss_id}"), page.locator("#messages").inner_text()
    check_axe_once(page)
    said = page.locator("#messages").inner_text()
    assert "finns inte längre" not in said and "Fel:" not in said
    # the first sending names the förlängning it registered; a second that won the race says it was done already
    assert re.search(rf"Förlängningen till 30 april 2010 är registrerad på {re.escape(our_dnr)}, och brevet är "
                     rf"sammanfört med den|Brevet är redan sammanfört med {re.escape(our_dnr)}", said), said
    assert page.locator("#forlangningar").inner_text().count("30 april 2010") >= 1
