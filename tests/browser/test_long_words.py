"""Long words at a laptop's 1366 px and a phone's 390 px, in real Chromium: the month calendar and the Utkorg break
Swedish compound words only at their hyphenation points, nothing sticks out of its cell, and the menu of an
administrator stays on one line with Administration a disclosure that works by keyboard."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.browser.conftest import LIVE, START, WIDE_EMAIL, check_axe_once, reflow_problem, shoot

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
LONG_TITLE = "Samverkansöverenskommelse om familjeomsorgens arbetsmarknadsinsatser och socialförvaltningens ansvar"
ERROR = (f"550 5.1.1 <{WIDE_EMAIL}>: Recipient address rejected: mottagarorganisationens brevlåda "
         "är överfull (arbetsmarknadsförvaltningen)")
ADMIN = "admin@remiss.example"

# For every text node in the cells: where a line breaks inside a word (between two letters), the character before
# the break must be a soft hyphen; tokens with @, /, : or digits (addresses, diarienummer) are not words. Also every
# element that ends right of its cell.
_CELLS_JS = """(selector) => {
  const letter = /\\p{L}/u, wordy = (t) => !/[@\\/:\\d]/.test(t);
  const bad = [], spill = []; let hyphenated = 0;
  const rect = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                              // the first letter after a break can also get an empty box at the end of the line before
                              const boxes = [...r.getClientRects()].filter((b) => b.width > 0);
                              return boxes.length ? boxes[boxes.length - 1] : null; };
  for (const cell of document.querySelectorAll(selector)) {
    if (!cell.getClientRects().length) continue;
    const right = cell.getBoundingClientRect().right;
    for (const el of cell.querySelectorAll('*')) {
      if (el.getClientRects().length && el.getBoundingClientRect().right > right + 1) spill.push(el.textContent.slice(0, 40));
    }
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      if (!node.parentElement.getClientRects().length || node.parentElement.closest('.visually-hidden')) continue;
      for (const token of text.matchAll(/\\S+/g)) {
        if (!wordy(token[0])) continue;
        let prev = null;
        for (let i = token.index; i < token.index + token[0].length; i++) {
          const ch = text[i];
          if (ch === '\\u00ad') continue;
          if (!letter.test(ch)) { prev = null; continue; }
          const box = rect(node, i);
          if (prev !== null && box && prev.box && box.top > prev.box.top + 2) {
            const soft = text.slice(prev.i + 1, i).includes('\\u00ad');
            if (soft) hyphenated++;
            else bad.push(token[0].replaceAll('\\u00ad', '').slice(0, 60) + ' broken before "' + text.slice(i, i + 6).replaceAll('\\u00ad', '') + '"');
          }
          prev = {i, box};
        }
      }
    }
  }
  return {bad, spill, hyphenated};
}"""


@pytest.fixture(scope="module")
def long_words(wide_world):
    """A remiss whose title is all long compound words, with milestones this month, and failed mail about it."""
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.namnd.models import Namnd
    from remiss.reminders.models import OutboxMessage
    from remiss.remisser import service as remisser
    from remiss.remisser.input import RemissData
    from remiss.remisser.models import Remiss

    app = LIVE["app"]
    with app.extensions["remiss_db"].transaction() as session:
        remiss = session.exec(select(Remiss).where(Remiss.title == LONG_TITLE)).first()
        if remiss is None:
            admin = session.exec(select(User).where(User.role == Role.admin)).first()
            namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
            remiss = remisser.register(session, now=START, principal=Principal(admin.id, Role.admin, frozenset()),
                                       data=RemissData(title=LONG_TITLE, namnd_id=namnd.id, remittent="Kommunstyrelsen",
                                                       received_on=START.date(),
                                                       deadline_on=START.date() + timedelta(days=21)))
            for n, kind in enumerate(("digest", "outgoing_chaser", "escalation")):
                session.add(OutboxMessage(key=f"long-words:{n}", remiss_id=remiss.id, recipient_email=WIDE_EMAIL,
                                          kind=kind, due_at=START, status="failed", attempts=5, next_attempt_at=START,
                                          last_error=ERROR, message_id=f"<long-words-{n}@remiss.example>",
                                          created_at=START))
    return wide_world


def _check_cells(page, selector: str) -> int:
    found = page.evaluate(_CELLS_JS, selector)
    assert not found["spill"], f"text sticks out of its cell: {found['spill']}"
    assert not found["bad"], f"words broken outside a hyphenation point: {found['bad']}"
    return found["hyphenated"]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_calendar_breaks_long_words_where_swedish_does(open_page, long_words, viewport):
    page = open_page(ADMIN, viewport=viewport)
    page.goto("/kalender?manad=2010-02")
    assert LONG_TITLE.split()[0] in page.locator("main").inner_text().replace("\u00ad", "")
    hyphenated = _check_cells(page, "table.month td")
    assert hyphenated, "the long title was expected to break at a hyphenation point somewhere"
    assert reflow_problem(page) is None, reflow_problem(page)
    check_axe_once(page)
    shoot(page, f"kalender-{viewport['width']}")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "390"])
def test_the_utkorg_breaks_long_words_where_swedish_does(open_page, long_words, viewport):
    page = open_page(ADMIN, viewport=viewport)
    page.goto("/admin/utkorg?status=failed")
    assert "Veckosammanställning" in page.locator("main").inner_text().replace("\u00ad", "")
    _check_cells(page, "table.outbox td")
    assert reflow_problem(page) is None, reflow_problem(page)
    if viewport is LAPTOP:  # a laptop shows every column; a phone scrolls the table in its own region
        assert page.evaluate("(() => { const w = document.querySelector('.table-wrap');"
                             " return w.scrollWidth <= w.clientWidth + 1; })()")
    check_axe_once(page)
    shoot(page, f"utkorg-{viewport['width']}")


def test_the_menu_is_one_line_at_1366_px_and_administration_opens_by_keyboard(open_page):
    for email in ("sekreterare@remiss.example", ADMIN):  # the longest menus: a registrator's and an administrator's
        page = open_page(email, viewport=LAPTOP)
        tops = page.eval_on_selector_all("nav[aria-label='Huvudmeny'] .nav:not(.nav-panel) > li",
                                         "items => items.map(li => Math.round(li.getBoundingClientRect().top))")
        assert len(tops) >= 8 and len(set(tops)) == 1, f"{email}: the menu wraps: item tops {tops}"
    panel = page.locator("details.nav-more .nav-panel")
    assert not panel.is_visible()
    summary = page.locator("details.nav-more > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert panel.is_visible() and panel.get_by_role("link", name="Utkorg (e-post)").is_visible()
    assert reflow_problem(page) is None, reflow_problem(page)
    check_axe_once(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Användare"
    page.keyboard.press("Escape")
    assert not panel.is_visible() and page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    panel.get_by_role("link", name="Dokumentmallar").click()
    page.wait_for_url("**/mallar")
    assert page.locator("details.nav-more > summary.current").count() == 1
    check_axe_once(page)


def test_administration_opens_without_javascript(browser, live_server):
    from tests.browser.conftest import login

    context = browser.new_context(base_url=live_server, viewport=PHONE, locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        login(page, ADMIN, axe=False)  # axe needs JavaScript
        page.locator("details.nav-more > summary").click()
        link = page.locator("details.nav-more .nav-panel").get_by_role("link", name="Nämnder")
        assert link.is_visible()
        assert reflow_problem(page) is None, reflow_problem(page)
        link.click()
        page.wait_for_url("**/admin/namnder")
    finally:
        context.close()
