"""The database connection is cut while a request is in the middle of its transaction: the PostgreSQL backend process
that serves the request is terminated (pg_terminate_backend sends it SIGTERM) while the request waits on a row lock.

The registration answers the Swedish 503 with what was typed, to copy; nothing is half saved; the next request gets
a new connection from the pool and registers. Between requests the outage is tested in test_database_down.py."""
from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine, func, select, text

from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.conftest import PG_URL
from tests.support.factories import make_namnd, make_user

pytestmark = pytest.mark.skipif(not PG_URL, reason="terminates a real PostgreSQL backend")

FORM = {"title": "Promemorian om ändrade regler för färdtjänst", "direction": "inkommande", "kind": "remiss",
        "deadline_on": "2027-05-05", "remittent": "Socialdepartementet"}


def _waiting_backend(conn, holder_pid: int, seconds: float = 10.0) -> int:
    """The pid of the backend that waits on a lock behind holder_pid (the request's), once it waits."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pid = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))"),
                           {"holder": holder_pid}).scalar()
        if pid:
            return pid
        time.sleep(0.05)
    pytest.fail("the registration never waited on the held diarie_series row")


def test_a_registration_whose_connection_is_cut_answers_503_keeps_the_text_and_saves_nothing(
        app, client, auth, session, db):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="reg@kommun.se")
    session.commit()
    auth.login("reg@kommun.se")
    form = {**FORM, "namnd_id": namnd.id}
    assert auth.post("/remisser/ny", {**form, "title": "Den första"}).status_code == 302  # the series row exists
    answers = {}
    other = create_engine(PG_URL)
    try:
        with other.connect() as holder, other.connect() as watcher:
            holder.execute(text("SELECT * FROM diarie_series FOR UPDATE"))
            holder_pid = holder.execute(text("SELECT pg_backend_pid()")).scalar()
            request = threading.Thread(target=lambda: answers.setdefault("cut", auth.post("/remisser/ny", form)))
            request.start()
            victim = _waiting_backend(watcher, holder_pid)
            assert watcher.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": victim}).scalar()
            request.join(30)
            assert not request.is_alive(), "the request hung after its connection was cut"
            holder.rollback()
    finally:
        other.dispose()
    cut = answers["cut"]
    html = cut.get_data(as_text=True)
    assert cut.status_code == 503, html[:800]
    assert "Databasen går inte att nå just nu" in html
    assert FORM["title"] in html  # what was typed, to copy
    with db.transaction() as s:
        assert s.exec(select(func.count()).select_from(Remiss)).one()[0] == 1  # nothing of the cut one
    again = auth.post("/remisser/ny", form)  # a new connection from the pool: the same form goes through
    assert again.status_code == 302, again.get_data(as_text=True)[:800]
    with db.transaction() as s:
        assert s.exec(select(func.count()).select_from(Remiss)).one()[0] == 2
