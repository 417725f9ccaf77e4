"""A real server on a free localhost port with demo data, and headless Debian Chromium via Playwright."""
from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
VENDOR = Path(__file__).with_name("vendor")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "demo-losenord-2026"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """Serve the app with a migrated SQLite database and the demo data; yield its base URL."""
    from werkzeug.serving import make_server

    from remiss import create_app
    from remiss.db import migrate
    from remiss.demo import load_demo

    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'remiss.db'}"
    migrate(url)
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "browser-test",
                      "MAIL_DIR": str(tmp / "mail"), "FILES_DIR": str(tmp / "files"), "SMTP_URL": "",
                      "WTF_CSRF_TIME_LIMIT": None})
    with app.extensions["remiss_db"].transaction() as session:
        load_demo(session, now=datetime.now(timezone.utc), password=DEMO_PASSWORD)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    app.extensions["remiss_db"].dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900}, locale="sv-SE")
    context.set_default_timeout(60_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def check_axe(page) -> None:
    """Run axe-core inside the page and fail with a readable list of WCAG 2.1 A/AA violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(VENDOR / "axe.min.js"))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    problems = [f"{v['id']} ({v['impact']}): {v['help']} – " + ", ".join(json.dumps(n["target"]) for n in v["nodes"][:5])
                for v in result["violations"]]
    assert not problems, f"axe on {page.url}:\n" + "\n".join(problems)


def shoot(page, name: str, *, full_page: bool = True) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def login(page, email: str = "sekreterare@remiss.example") -> None:
    page.goto("/logga-in")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/logga-in" not in url)
