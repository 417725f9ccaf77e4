"""Ångra avvisningen read the message once, unlocked, like the other Inkorg steps before h-lock20: a message someone
registered between that read and the write was put back among those to handle (status pending on a registered
message). It now takes the message's row first and reads it again, as batches.take_message does, so it sees the
registration and says the message cannot be taken back.

PostgreSQL: a second connection holds the message's row while the request waits, then registers the message (its
status) and commits; the request must read that. Without the lock it had read "dismissed" and wrote "pending" over
the registration once the row was free."""
from __future__ import annotations

import html
import threading

from sqlalchemy import create_engine, text
from sqlmodel import select

from remiss.intake.models import InboxMessage
from tests.conftest import PG_URL, csrf_token
from tests.intake.test_decide_lock_order import _world
from tests.intake.test_register_lock_order import PG_ONLY, _wait_for_waiters


def _status(db, message_id: int) -> str:
    with db.transaction() as s:
        return s.exec(select(InboxMessage.status).where(InboxMessage.id == message_id)).one()


def _dismissed(client, auth, app, db, session, clock):
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    assert auth.post(f"{w.url}/avvisa", {}, form_url=w.url).status_code == 302
    assert _status(db, w.message_id) == "dismissed"
    return w


def test_undismiss_of_a_message_no_longer_dismissed_is_refused(client, auth, app, db, session, clock):
    w = _dismissed(client, auth, app, db, session, clock)
    assert auth.post(f"{w.url}/atervand", {}, form_url=w.url).status_code == 302
    assert _status(db, w.message_id) == "pending"
    again = auth.post(f"{w.url}/atervand", {}, form_url=w.url, follow_redirects=True)
    # waiting already (a double-click): said so, not as an error (tests/intake/test_steps_sent_twice.py)
    assert "Meddelandet ligger redan bland de som ska hanteras." in html.unescape(again.get_data(as_text=True))
    assert _status(db, w.message_id) == "pending"


@PG_ONLY
def test_undismiss_waits_for_the_message_and_reads_a_registration_made_meanwhile(client, auth, app, db, session,
                                                                                 clock):
    w = _dismissed(client, auth, app, db, session, clock)
    token = csrf_token(client, w.url)
    results = {}
    request = threading.Thread(target=lambda: results.setdefault(
        "ångra", client.post(f"{w.url}/atervand", data={"csrf_token": token}, follow_redirects=True)))
    engine = create_engine(PG_URL)
    try:
        with engine.connect() as holder, engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
            holder.execute(text("SELECT id FROM inbox_message WHERE id = :id FOR UPDATE"), {"id": w.message_id})
            request.start()
            _wait_for_waiters(watcher, 1, request, results, "ångra")
            # someone else's registration of the message commits while Ångra avvisningen waits
            holder.execute(text("UPDATE inbox_message SET status = 'registered', remiss_id = :r WHERE id = :id"),
                           {"r": w.remiss_id, "id": w.message_id})
            holder.commit()
        request.join(60)
        assert not request.is_alive(), "Ångra avvisningen still waits"
    finally:
        engine.dispose()
    page = " ".join(html.unescape(results["ångra"].get_data(as_text=True)).split())
    # Old code: "Avvisningen är ångrad", and the registered message pending again; session 25: "Bara ett avvisat
    # meddelande kan tas tillbaka." in a flash after a redirect. Now the message's page, 409, says what became of it
    assert results["ångra"].status_code == 409
    # (by whom: the raw UPDATE above leaves the dismissal's decided_by, this user's)
    assert "Avvisningen ångrades inte: meddelandet är redan registrerat – av " in page, page[:3000]
    assert "med diarienummer LB 2026/0006." in page
    assert _status(db, w.message_id) == "registered"
