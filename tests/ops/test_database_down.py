"""The database goes away after the web app started (walk13, the operator's leftovers): pages answer a Swedish 503,
the API a JSON 503, /halsa 503; the log says it once, without a traceback, and again when the database is back.

A real fault: the app reaches PostgreSQL through a TCP proxy process (tests/support/tcp_proxy.py), which the test
kills with SIGKILL; every connection through it drops and new ones are refused. Then a new proxy on the same port
brings the database back."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy.engine import make_url

from remiss import create_app
from remiss.auth.models import Role
from tests.conftest import PG_URL, Auth, csrf_token
from tests.support.factories import make_user
from tests.support.tcp_proxy import Proxy

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (REMISS_TEST_DATABASE_URL) behind a proxy")


@pytest.fixture
def proxy(database_url):
    target = make_url(database_url)
    running = Proxy(target.host or "localhost", target.port or 5432).start()
    yield running
    running.kill()


@pytest.fixture
def app_via_proxy(proxy, tmp_path):
    # TESTING off: an error takes the production path (no propagation to the test), as under gunicorn
    app = create_app({"TESTING": False, "DATABASE_URL": proxy.url(PG_URL), "INSTANCE_PATH": str(tmp_path),
                      "SECRET_KEY": "x", "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024,
                      "FILES_DIR": str(tmp_path / "files"), "MAIL_DIR": str(tmp_path / "mail")})
    yield app
    app.extensions["remiss_db"].dispose()


def answer(client, method: str, path: str, **kwargs):
    """The response; a request that escapes the app's error handlers (as before this fix: the 500 page itself read
    the user from the database) fails the test with what escaped, as a server would give its bare 500."""
    try:
        return client.open(path, method=method, **kwargs)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{method} {path}: no answer from the app, {type(exc).__name__} escaped: {str(exc)[:200]}")


def test_pages_and_api_answer_503_in_swedish_while_the_database_is_gone(app_via_proxy, proxy, caplog):
    with app_via_proxy.extensions["remiss_db"].transaction() as session:
        email = make_user(session, role=Role.registrator).email
    client = app_via_proxy.test_client()
    Auth(client).login(email)
    assert client.get("/").status_code == 200
    token = csrf_token(client, "/remisser/ny")
    caplog.set_level(logging.INFO)

    proxy.kill()  # the pool's connections drop with it; a new connection is refused

    page = answer(client, "GET", "/")
    text = page.get_data(as_text=True)
    assert page.status_code == 503, text[:300]
    assert "Databasen går inte att nå just nu" in text and "Försök igen om en stund" in text
    assert page.headers["Retry-After"] == "30"
    api = answer(client, "GET", "/api/v1/remisser")
    assert api.status_code == 503 and api.is_json
    assert api.get_json() == {"error": "Databasen går inte att nå just nu. Försök igen om en stund.", "status": 503}
    assert answer(client, "GET", "/halsa").status_code == 503
    posted = answer(client, "POST", "/remisser/ny", data={"csrf_token": token, "title": "Remiss om <kommunal> vattenplan"})
    assert posted.status_code == 503
    posted_text = posted.get_data(as_text=True)
    assert "inte</strong> sparats" in posted_text and "Remiss om &lt;kommunal&gt; vattenplan" in posted_text

    said = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.exc_info for r in said if r.exc_info] == []  # no traceback, from any logger
    assert len(said) == 1, [r.getMessage() for r in said]
    line = said[0].getMessage()
    assert line.startswith("Databasen kunde inte nås (REMISS_DATABASE_URL=postgresql+psycopg://") and ":***@" in line
    assert "503" in line and "\n" not in line

    proxy.start()  # the database is back: the next request is served, and the log says the outage is over
    assert client.get("/").status_code == 200
    back = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Databasen svarar igen")]
    assert len(back) == 1 and "4 förfrågningar fick svaret 503" in back[0], back
