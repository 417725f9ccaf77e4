"""Every page each role can reach, at a 320 CSS px viewport without mobile emulation: no sideways scrolling
(WCAG 1.4.10 Reflow), no axe-core violation, and at 1280 px no table cut off behind its own scroll bar.

The crawl follows the links of every page it shows (same origin, no downloads, no logging out), one page per
template: a path pattern (`/remisser/N`), and for the remiss page also which panels it has (an incoming and an
outgoing remiss differ). Before it runs, the demo world gets what makes pages wide (`wide_world` in conftest.py):
a long instans name, long e-mail addresses, an outgoing remiss with instanser, a pending extension.
With REMISS_CONFORMANCE=1 (`make accessibility`) the result is written to remiss/accessibility/verified.json,
which the tillgänglighetsredogörelse reads.
"""
from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest

from tests.browser.conftest import AXE_TAGS, LIVE, check_axe, check_axe_once, login, pattern, \
    reflow_problem, tables_cut_off

pytestmark = pytest.mark.browser
PHONE = {"width": 320, "height": 900}
DESKTOP = {"width": 1280, "height": 900}
ROLES = {"anonym": None, "administratör": "admin@remiss.example", "registrator": "sekreterare@remiss.example",
         "handläggare": "handlaggare@remiss.example", "granskare": "granskare@remiss.example",
         "läsare": "lasare@remiss.example"}
SKIP = re.compile(r"\.(docx|pdf|csv|xlsx|ics)$|/filer/|^/logga-ut|^/static/|^/test-vendor/|/export\.|/svarsstatus\.")
MAX_PAGES = 80  # per role; the crawl stops there rather than run away on a page that links to ever new pages
VERIFIED = Path(__file__).resolve().parents[2] / "remiss" / "accessibility" / "verified.json"
RESULTS: dict[str, dict] = {}


def _crawl(page, start: list[str]) -> dict[str, list[str]]:
    """Visit every page reachable from start, one per template; return the problems per page."""
    queue, seen, problems, count = list(start), set(), {}, 0
    while queue and count < MAX_PAGES:
        url = queue.pop(0)
        response = page.goto(url)
        if response is None or response.status >= 400 or "text/html" not in response.headers.get("content-type", ""):
            continue
        key = _template_key(page)
        if key in seen:
            continue
        seen.add(key)
        count += 1
        found = _check(page)
        if found:
            problems[page.url] = found
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            path = re.sub(r"^https?://[^/]+", "", href.split("#")[0]) if href.startswith(page.url[:page.url.index("/", 8)]) else None
            if path and not SKIP.search(path.split("?")[0]) and path not in queue:
                queue.append(path)
    return {"pages": count, "problems": problems}


def _template_key(page) -> str:
    """The path pattern; for the remiss page also its panels, so an incoming and an outgoing remiss both count."""
    key = pattern(page.url)
    if key == "/remisser/N":
        key += " " + page.eval_on_selector_all("main section[id]", "s => s.map(e => e.id).join(',')")
    return key


def _check(page) -> list[str]:
    found = []
    wide = reflow_problem(page)
    if wide:
        found.append(wide)
    try:
        check_axe(page)
    except AssertionError as exc:
        found.append(str(exc))
    page.set_viewport_size(DESKTOP)
    found += tables_cut_off(page)
    page.set_viewport_size(PHONE)
    return found


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_reflows_at_320_px_and_passes_axe(browser, wide_world, role):
    context = browser.new_context(base_url=wide_world, viewport=PHONE, locale="sv-SE")
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        if ROLES[role]:
            login(page, ROLES[role])
        result = _crawl(page, ["/logga-in"] if ROLES[role] is None else ["/"])
    finally:
        context.close()
    RESULTS[role] = result
    assert result["pages"] >= (2 if ROLES[role] is None else 8), result
    report = "\n\n".join(f"{url}:\n  " + "\n  ".join(found) for url, found in result["problems"].items())
    assert not result["problems"], f"{role}: {len(result['problems'])} of {result['pages']} pages fail:\n{report}"


def test_write_the_verified_conformance():
    """After a clean crawl for every role, say what was verified; written for the page only when asked."""
    if set(RESULTS) != set(ROLES) or any(r["problems"] for r in RESULTS.values()):
        pytest.skip("the crawl did not pass for every role")
    axe_version = re.search(r"axe v([\d.]+)", (Path(__file__).with_name("vendor") / "axe.min.js").read_text()[:300])
    facts = {"checked_on": date.today().isoformat(), "axe_version": axe_version.group(1) if axe_version else "",
             "axe_tags": AXE_TAGS, "widths": [PHONE["width"], DESKTOP["width"]],
             "pages": {role: r["pages"] for role, r in RESULTS.items()}}
    target = VERIFIED if os.environ.get("REMISS_CONFORMANCE") else Path(LIVE["app"].instance_path) / "verified.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n")
    assert json.loads(target.read_text())["pages"]["administratör"] >= 8


def test_the_reflow_check_bites(open_page):
    """The harness itself: a planted wide element fails the check and is named; inside a scrolling table region
    it does not, until the region is wider than a desktop's table space; a field wider than its fieldset fails."""
    page = open_page("lasare@remiss.example", viewport=PHONE)
    check_axe_once(page)
    assert reflow_problem(page) is None, reflow_problem(page)
    page.evaluate("""() => { const d = document.createElement('div'); d.id = 'planted'; d.style.width = '400px';
                     d.textContent = 'x'; document.querySelector('main').append(d); }""")
    problem = reflow_problem(page)
    assert problem and "div#planted" in problem and "320 px" in problem, problem
    page.evaluate("""() => { const w = document.createElement('div'); w.className = 'table-wrap';
                     w.append(document.getElementById('planted')); document.querySelector('main').append(w); }""")
    assert reflow_problem(page) is None, reflow_problem(page)
    # styles set through the DOM, as the page's CSP refuses style attributes in markup
    page.evaluate("""() => { const f = document.createElement('fieldset'); f.innerHTML = '<legend>x</legend>' +
                     '<input id="spilt">'; document.querySelector('main').append(f);
                     document.getElementById('spilt').style.minWidth = '500px'; }""")
    problem = reflow_problem(page)
    assert problem and "input#spilt" in problem and "stick out" in problem, problem
    page.evaluate("document.getElementById('spilt').closest('fieldset').remove()")
    page.set_viewport_size(DESKTOP)
    assert tables_cut_off(page) == []
    page.evaluate("document.getElementById('planted').style.width = '2000px'")
    assert tables_cut_off(page) and "2000 px" in tables_cut_off(page)[0], tables_cut_off(page)
