"""Registering in Chromium: the form says while it is typed in that the remittent's diarienummer is already
registered, with a link to that remiss (static/app.js and GET /api/v1/remisser/mojliga-dubbletter)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import check_axe, check_axe_once, login

pytestmark = pytest.mark.browser


def test_the_duplicate_warning_appears_while_typing(open_page):
    page = open_page()
    login(page, "sekreterare@remiss.example")
    check_axe_once(page)  # the start page (run alone, this test shows it)
    page.goto("/remisser/ny")
    live = page.locator("#duplicate-live")
    expect(live).to_be_empty()
    # The demo's seed 000 (KS-IOF-2010-00015), typed with fewer zeros and in lower case.
    page.get_by_label("Remittentens diarienummer").press_sequentially("ks-iof-2010-15")
    expect(live).to_contain_text(re.compile(r"Kan redan vara registrerad: (en remiss|\d+ remisser) med samma"))
    link = live.get_by_role("link", name=re.compile("Förslag till ny IoF-plan")).first
    check_axe(page)
    page.get_by_label("Remittentens diarienummer").fill("KS-IOF-2010-99999")
    expect(live).to_be_empty()
    page.get_by_label("Remittentens diarienummer").fill("KS-IOF-2010-00015")
    link.click()
    page.wait_for_url(re.compile(r"/remisser/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Förslag till ny IoF-plan")
    check_axe_once(page)


def test_the_sandlista_hint_follows_the_direction(open_page):
    """Only outgoing remisser add new names to the register: the hint changes with Riktning (static/app.js)."""
    page = open_page()
    login(page, "sekreterare@remiss.example")
    page.goto("/remisser/ny")
    hint = page.locator("#h-sandlista")
    expect(hint).to_contain_text("inte i registret över remissinstanser")
    page.locator("#f-direction").select_option("utgaende")
    expect(hint).to_contain_text("Nya namn läggs till i registret över remissinstanser")
    page.locator("#f-direction").select_option("inkommande")
    expect(hint).to_contain_text("inte i registret över remissinstanser")
