"""The main flow in a real browser: log in, register seed 000, assign, move status, search, export, print.

Every page visited is checked with axe-core (WCAG 2.1 A and AA); screenshots go to docs/screenshots/.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import check_axe, login, shoot

pytestmark = pytest.mark.browser
SEED_000 = Path(__file__).resolve().parents[1] / "data" / "missiv" / "seed000-iof-2010.txt"


def _register_seed_000(page) -> None:
    """Paste the missiv when the intake step exists, else type the fields."""
    response = page.goto("/remisser/ny/missiv")
    if response.status == 200:
        check_axe(page)
        page.get_by_label("Klistra in missivets text").fill(SEED_000.read_text())
        page.get_by_role("button", name="Läs missivet").click()
        page.wait_for_url(re.compile(r"/remisser/ny\?"))
        assert page.get_by_label("Ärendemening").input_value() == "Förslag till ny IoF-plan"
    else:
        page.goto("/remisser/ny")
        page.get_by_label("Ärendemening").fill("Förslag till ny IoF-plan")
        page.get_by_label("Remittent", exact=True).fill("Kommunstyrelsen")
        page.get_by_label("Remittentens diarienummer").fill("KS-IOF-2010-00015")
        page.get_by_label("Sista svarsdag").fill("2010-03-31")
    page.get_by_label("Inkom").fill("2010-01-26")
    page.get_by_label("Ansvarig nämnd").select_option(label="Stadsområdesnämnd Öster")
    page.get_by_label("Anteckningar").fill("SDF 30/3-10. Svar till kansliet senast 11/3-10.")
    check_axe(page)
    shoot(page, "registrera")
    page.get_by_role("button", name=re.compile("^Registrera")).click()
    page.wait_for_load_state()
    assert re.search(r"/remisser/\d+$", page.url), page.locator("main").inner_text()[:1500]


def test_main_flow(page):
    page.goto("/logga-in")
    check_axe(page)
    shoot(page, "logga-in", full_page=False)
    login(page)
    check_axe(page)
    shoot(page, "att-gora", full_page=False)

    _register_seed_000(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Förslag till ny IoF-plan"
    assert "registrerad med diarienummer" in page.locator(".messages").inner_text()
    check_axe(page)
    remiss_url = page.url

    page.get_by_label("Tilldela handläggare").select_option(label="Jesper Lindkvist")
    page.get_by_role("button", name="Tilldela").click()
    assert "Handläggaren är tilldelad" in page.locator(".messages").inner_text()
    page.get_by_label("Ändra status").select_option(label="Under beredning")
    page.get_by_label("Kommentar (valfri)").fill("Förvaltningen påbörjar tjänsteskrivelsen.")
    page.get_by_role("button", name="Ändra status").click()
    assert "Under beredning" in page.locator(".messages").inner_text()
    history = page.locator("#historik").inner_text()
    assert "Förvaltningen påbörjar tjänsteskrivelsen." in history
    check_axe(page)
    page.set_viewport_size({"width": 1280, "height": 1400})
    shoot(page, "remiss", full_page=False)

    page.emulate_media(media="print")
    shoot(page, "remiss-utskrift", full_page=False)
    assert not page.get_by_role("button", name="Ändra status").is_visible()
    page.emulate_media(media="screen")

    page.goto("/remisser?q=KS-IOF-2010-00015")
    rows = page.locator("table.data tbody tr")
    assert rows.count() >= 1 and "Förslag till ny IoF-plan" in rows.first.inner_text()
    check_axe(page)
    shoot(page, "diarium")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exportera CSV").click()
    assert download.value.suggested_filename.endswith(".csv")

    page.goto(remiss_url)
    assert page.url == remiss_url


def test_form_errors_are_summarised_and_linked(page):
    login(page)
    page.goto("/remisser/ny")
    page.get_by_role("button", name=re.compile("^Registrera")).click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    link = summary.get_by_role("link").first
    target = link.get_attribute("href")
    field = page.locator(target)
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby") or ""
    assert any(page.locator(f"#{i}").inner_text().strip() for i in described.split() if i.startswith("e-"))
    check_axe(page)
    shoot(page, "registrera-fel")


def test_every_menu_page_passes_axe(page):
    login(page, "admin@remiss.example")
    links = page.locator("nav[aria-label='Huvudmeny'] a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(hrefs) >= 4
    for href in hrefs:
        page.goto(href)
        check_axe(page)
    for href in ("/konto/losenord",):
        if page.goto(href).status == 200:
            check_axe(page)


def test_phone_width(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844}, locale="sv-SE",
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    login(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    check_axe(page)
    shoot(page, "att-gora-mobil", full_page=False)
    page.goto("/remisser")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
