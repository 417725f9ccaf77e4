"""A real server on a free localhost port with demo data, and headless Debian Chromium via Playwright.

One server and one browser serve the whole browser suite (session scope); each test gets a fresh context.
The app's clock starts on 27 January 2010, the day after seed 000 came in, and runs on from there.
"""
from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
VENDOR = Path(__file__).with_name("vendor")
# The README's pictures are rewritten only when asked (`make screenshots`); otherwise they go to a temporary folder.
SCREENSHOTS = (Path(__file__).resolve().parents[2] / "docs" / "screenshots" if os.environ.get("REMISS_SCREENSHOTS")
               else Path(tempfile.gettempdir()) / "remiss-screenshots")
DEMO_PASSWORD = "demo-losenord-2026"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)


START = datetime(2010, 1, 27, 8, 0, tzinfo=timezone.utc)
ORGANISATIONS = [("Pensionärsrådet", "pensionarsradet@remiss.example", "Råd"),
                 ("Funktionshinderrådet", "fhr@remiss.example", "Råd"),
                 ("Ungdomsrådet", "ungdomsradet@remiss.example", "Råd")]


WIDE_NAME = "Nämnden för arbetsmarknad, gymnasieskola, vuxenutbildning och socialtjänstens myndighetsutövning"
WIDE_EMAIL = "registrator.arbetsmarknadsforvaltningen-vuxenutbildning@stadsbyggnadskontoret.remiss.example"
LIVE: dict = {}  # the live server's app and folders, for tests that run its CLI or read its mail files


class RunningClock:
    """START plus the real time elapsed since the server started."""

    def __init__(self, start: datetime):
        self.start, self.origin = start, time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.origin)


def serve_axe(app) -> None:
    """axe-core served like any static script, so Chromium caches it (and its compiled code) between pages."""
    from flask import send_file

    app.add_url_rule("/test-vendor/axe.min.js", "test_axe",
                     lambda: send_file(VENDOR / "axe.min.js", max_age=3600, mimetype="text/javascript"))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Serve the app with a migrated SQLite database and the demo data; yield its base URL."""
    from werkzeug.serving import make_server

    from remiss import create_app
    from remiss.db import migrate
    from remiss.demo.service import load_demo
    from remiss.outgoing.models import Organisation
    from sqlmodel import select

    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'remiss.db'}"
    migrate(url)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "browser-test",
                      "MAIL_DIR": str(tmp / "mail"), "FILES_DIR": str(tmp / "files"), "SMTP_URL": "",
                      "WTF_CSRF_TIME_LIMIT": None, "CLOCK": RunningClock(START),
                      "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
    with app.extensions["remiss_db"].transaction() as session:
        load_demo(session, now=START, password=DEMO_PASSWORD)
        known = set(session.exec(select(Organisation.name)))
        for name, email, group in ORGANISATIONS:
            if name not in known:
                session.add(Organisation(name=name, email=email, group_name=group, created_at=START))
    serve_axe(app)
    LIVE.update(app=app, mail_dir=tmp / "mail")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    app.extensions["remiss_db"].dispose()


@pytest.fixture(scope="session")
def wide_world(live_server):
    """Add to the demo world what makes pages wide or adds forms: long names and addresses, an outgoing remiss
    sent to instanser, a pending extension."""
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.namnd.models import Namnd
    from remiss.outgoing.models import Organisation
    from remiss.outgoing.service import answers, sending
    from remiss.planning.service import extensions
    from remiss.remisser import service as remisser
    from remiss.remisser.input import RemissData, SandlistaItem

    from remiss.remisser.models import Remiss

    app = LIVE["app"]
    with app.extensions["remiss_db"].transaction() as session:
        if session.exec(select(Remiss).where(Remiss.title == "Remiss med långa adresser")).first():
            return live_server
        admin = session.exec(select(User).where(User.role == Role.admin)).first()
        p = Principal(admin.id, Role.admin, frozenset())
        namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
        if not session.exec(select(Organisation).where(Organisation.name == WIDE_NAME)).first():
            session.add(Organisation(name=WIDE_NAME, email=WIDE_EMAIL, group_name="Förvaltningar", created_at=START))
        today = START.date()
        incoming = remisser.register(session, now=START, principal=p, data=RemissData(
            title="Remiss med långa adresser", namnd_id=namnd.id, remittent=WIDE_NAME, sender_dnr="KS-2010-00099",
            received_on=today, deadline_on=today + timedelta(days=40), answer_email=WIDE_EMAIL,
            contact_person="Kontaktperson", contact_email=WIDE_EMAIL,
            sandlista=[SandlistaItem(WIDE_NAME, WIDE_EMAIL, "Förvaltningar")]))
        extensions.request_extension(session, now=START, principal=p, remiss=incoming, requested_by=WIDE_NAME,
                                     until_on=today + timedelta(days=70), reason="Nämnden sammanträder senare.")
        outgoing = sending.create_outgoing(session, now=START, principal=p, dnr_format="{prefix} {year}/{number:04d}",
                                           default_prefix="RS", data=RemissData(
            title="Utgående remiss till långa namn", namnd_id=namnd.id, received_on=today,
            deadline_on=today + timedelta(days=30), questions=["Har ni synpunkter?"],
            sandlista=[SandlistaItem(WIDE_NAME, WIDE_EMAIL, "Förvaltningar"),
                       SandlistaItem("Pensionärsrådet", "pensionarsradet@remiss.example", "Råd")]))
        with app.app_context():  # sent first: an instans of an unsent remiss gets no anstånd (truth17 F10)
            sending.send(session, now=START, principal=p, remiss=outgoing, files_dir=app.config["FILES_DIR"],
                         base_url="")
        entry = remisser.entries(session, outgoing.id)[0]
        answers.request_extension(session, now=START, principal=p, remiss=outgoing, entry=entry,
                                  requested_until_on=date(2010, 3, 31), reason="Behöver mer tid.")
    return live_server


def utgaende_remiss(title: str, *instanser: str, sent: bool) -> int:
    """An utgående remiss of Stadsområdesnämnd Öster to these råd (of ORGANISATIONS), svarstid 60 days from START,
    sent (nobody has answered) or not; its id. Call it after live_server has started."""
    from sqlmodel import select

    from remiss.auth.access import Principal
    from remiss.auth.models import Role, User
    from remiss.namnd.models import Namnd
    from remiss.outgoing.service import sending
    from remiss.remisser.input import RemissData, SandlistaItem

    app, groups = LIVE["app"], {name: (email, group) for name, email, group in ORGANISATIONS}
    with app.extensions["remiss_db"].transaction() as session:
        admin = session.exec(select(User).where(User.role == Role.admin)).first()
        p = Principal(admin.id, Role.admin, frozenset())
        namnd = session.exec(select(Namnd).where(Namnd.name == "Stadsområdesnämnd Öster")).one()
        remiss = sending.create_outgoing(
            session, now=START, principal=p, dnr_format="{prefix} {year}/{number:04d}", default_prefix="RS",
            data=RemissData(title=title, namnd_id=namnd.id, received_on=START.date(),
                            deadline_on=START.date() + timedelta(days=60), questions=["Har ni synpunkter?"],
                            sandlista=[SandlistaItem(name, *groups[name]) for name in instanser]))
        if sent:
            with app.app_context():
                sending.send(session, now=START, principal=p, remiss=remiss, files_dir=app.config["FILES_DIR"],
                             base_url="")
        return remiss.id


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # Swedish UI locale (needs the chromium-l10n package): date fields read ÅÅÅÅ-MM-DD as in Sweden.
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), env={**os.environ, "LANGUAGE": "sv"}, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--lang=sv-SE"])
        yield chromium
        chromium.close()


VISITED: set[str] = set()  # every page shown in the main frame, as a path pattern
CHECKED: set[str] = set()  # the pages axe has checked


def pattern(url: str) -> str:
    """'/remisser/17?q=x#yttrande' -> '/remisser/N': pages that share a template count as one."""
    path = re.sub(r"^https?://[^/]+", "", url).split("#")[0].split("?")[0]
    return re.sub(r"/\d+(?=/|$)", "/N", path) or "/"


@pytest.fixture(scope="session", autouse=True)
def axe_on_every_page():
    """After the suite, every page any test showed must have been checked by axe at least once."""
    yield
    missed = sorted(VISITED - CHECKED - {"about:blank"})
    assert not missed, f"pages shown but never checked with axe: {missed}"


@pytest.fixture
def open_page(browser, live_server):
    """Open pages in fresh browser contexts (one per user), optionally logged in; fail on JavaScript errors.
    open_page(email, java_script_enabled=False) logs in without JavaScript, and so without axe on the login page."""
    contexts, errors = [], []

    def _open(email: str | None = None, **options):
        settings = {"viewport": {"width": 1280, "height": 900}, "locale": "sv-SE"} | options
        context = browser.new_context(base_url=live_server, **settings)
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("framenavigated", lambda frame: frame == page.main_frame and VISITED.add(pattern(frame.url)))
        if email:
            login(page, email, axe=settings.get("java_script_enabled", True))
        return page

    yield _open
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def page(open_page):
    return open_page()


def check_axe(page) -> None:
    """Run axe-core inside the page and fail with a readable list of WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/test-vendor/axe.min.js")
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    problems = [f"{v['id']} ({v['impact']}): {v['help']} – " + ", ".join(json.dumps(n["target"]) for n in v["nodes"][:5])
                for v in result["violations"]]
    assert not problems, f"axe on {page.url}:\n" + "\n".join(problems)
    CHECKED.add(pattern(page.url))


# Elements that end right of the viewport and are not inside something that clips or scrolls them: the
# innermost few name the cause of a sideways scroll.
_REFLOW_JS = """() => {
  const root = document.documentElement, limit = root.clientWidth;
  // A control that sticks out of its box (card, fieldset, filter panel) has lost its layout even if the page fits.
  const spill = [...document.querySelectorAll('main :is(input, select, textarea, button)')].filter((el) => {
    const box = el.closest('.card, .card-inner, fieldset, .filters');
    return box && el.getClientRects().length && el.getBoundingClientRect().right > box.getBoundingClientRect().right + 1;
  });
  // Clipped by a scrolling ancestor; an absolutely positioned element escapes one that is not positioned itself.
  const clipped = (el) => {
    let free = getComputedStyle(el).position;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (free === 'absolute' && style.position !== 'static') free = 'contained';
      if (style.overflowX !== 'visible' && free !== 'absolute' && free !== 'fixed') return true;
    }
    return false; };
  if (root.scrollWidth <= limit && !spill.length) return null;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > limit + 1 && !clipped(el); });
  const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
  const describe = (el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().right) + ' px';
  return {scrollWidth: root.scrollWidth, clientWidth: limit, culprits: innermost.slice(0, 6).map(describe),
          spill: spill.slice(0, 6).map(describe)};
}"""


def reflow_problem(page) -> str | None:
    """Say why the page scrolls sideways (WCAG 1.4.10), or why a form control sticks out of its card or fieldset;
    None when everything fits.

    Measured with documentElement's scrollWidth against clientWidth, which is the viewport only without mobile
    emulation: with is_mobile Chromium widens the layout viewport to the content and the check could never fail.
    """
    found = page.evaluate(_REFLOW_JS)
    if not found:
        return None
    problems = []
    if found["scrollWidth"] > found["clientWidth"]:
        problems.append(f"scrolls sideways at {found['clientWidth']} px: content is {found['scrollWidth']} px wide; "
                        + ", ".join(found["culprits"]))
    if found["spill"]:
        problems.append("controls stick out of their card or fieldset: " + ", ".join(found["spill"]))
    return "; ".join(problems)


def tables_cut_off(page) -> list[str]:
    """Tables whose own scroll region hides columns (at a desktop width every column should show)."""
    return page.eval_on_selector_all(".table-wrap", """wraps => wraps.filter(w => w.scrollWidth > w.clientWidth + 1)
        .map(w => `table cut off: ${w.getAttribute('aria-label') || w.querySelector('caption')?.textContent.trim()}`
                  + ` is ${w.scrollWidth} px in ${w.clientWidth} px`)""")


def check_error_state(page) -> list[str]:
    """An error state as WCAG 3.3.1 and 2.4.3 want it: the summary has focus and is in view, and each of its links
    leads to a field that is aria-invalid and described by a visible error; return the linked ids."""
    from playwright.sync_api import expect

    summary = page.locator("#error-summary")
    expect(summary, "app.js should move focus to the error summary").to_be_focused()
    assert page.evaluate("""() => { const box = document.getElementById('error-summary').getBoundingClientRect();
                                    return box.top >= 0 && box.top < window.innerHeight; }"""), "summary not in view"
    targets = [href.lstrip("#") for href in summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    assert targets, "the summary links no field"
    for target in targets:
        field = page.locator(f"[id='{target}']")
        assert field.count() == 1, f"#{target} is not on the page"
        # a group of checkboxes is linked by its fieldset, which is described by the error (aria-invalid is
        # not allowed on a group); a field itself must say it is invalid
        if field.evaluate("el => el.tagName") != "FIELDSET":
            assert field.get_attribute("aria-invalid") == "true", f"#{target} is not aria-invalid"
        described = (field.get_attribute("aria-describedby") or "").split()
        assert any(page.locator(f"[id='{i}']").inner_text().strip() for i in described), f"#{target} has no error text"
    return targets


def check_axe_once(page) -> None:
    """Check the page with axe unless a page from the same template was checked already."""
    if pattern(page.url) not in CHECKED:
        check_axe(page)


def shoot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def login(page, email: str = "sekreterare@remiss.example", *, axe: bool = True) -> None:
    """Log in on the login page; axe checks it unless told not to (it needs JavaScript)."""
    page.goto("/logga-in")
    if axe:
        check_axe_once(page)
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in" not in url)
