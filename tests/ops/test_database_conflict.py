"""A request that meets another transaction's lock (PostgreSQL: deadlock, lock not available, serialization failure)
gets a Swedish 503 that says to send again, not a bare English 500: the error page used to read the menu on the
transaction the error had aborted (InFailedSqlTransaction) and failed a second time (h-intake19)."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from remiss.auth.models import Role
from remiss.db import get_session
from tests.conftest import PG_URL
from tests.support.factories import make_namnd, make_user

pytestmark = pytest.mark.skipif(not PG_URL, reason="a real lock held by another PostgreSQL connection")


def _locked_by_another(app):
    """A page and an API route that update the nämnd row another connection holds, waiting at most 200 ms."""
    def touch():
        session = get_session()
        session.execute(text("SET LOCAL lock_timeout = '200ms'"))
        session.execute(text("UPDATE namnd SET name = name WHERE id = (SELECT min(id) FROM namnd)"))
        return "ändrad"
    app.add_url_rule("/_las", "lock_probe", touch)
    app.add_url_rule("/api/v1/_las", "lock_probe_api", touch)


def test_a_lock_held_by_another_transaction_says_send_again_in_swedish(app, client, auth, session):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="reg@kommun.se", name="Rut Registrator")
    session.commit()
    _locked_by_another(app)
    auth.login("reg@kommun.se")
    other = create_engine(PG_URL)
    try:
        with other.connect() as conn:
            conn.execute(text("SELECT id FROM namnd WHERE id = :id FOR UPDATE"), {"id": namnd.id})
            page = client.get("/_las")
            api = client.get("/api/v1/_las")
            conn.rollback()
    finally:
        other.dispose()
    html = page.get_data(as_text=True)
    assert page.status_code == 503, html[:800]
    assert "Någon annan ändrade samma uppgifter i samma stund" in html
    assert "Rut Registrator" in html  # the page's menu, read after the rollback
    assert api.status_code == 503 and api.get_json()["error"].startswith("Någon annan ändrade"), api.get_data()
    # once the other transaction is over, the same request goes through
    assert client.get("/_las").get_data(as_text=True) == "ändrad"
