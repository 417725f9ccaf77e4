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
from datetime import datetime, timedelta, timezone
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
    """Open pages in fresh browser contexts (one per user), optionally logged in; fail on JavaScript errors."""
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
            login(page, email)
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


def check_axe_once(page) -> None:
    """Check the page with axe unless a page from the same template was checked already."""
    if pattern(page.url) not in CHECKED:
        check_axe(page)


def shoot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def login(page, email: str = "sekreterare@remiss.example") -> None:
    page.goto("/logga-in")
    check_axe_once(page)
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in" not in url)
