"""Registrera on an Inkorg proposal sent twice (a double-click, a resubmit, two app processes at once) registers
one remiss: the message is held while it is registered, and a second sending finds it registered."""
from __future__ import annotations

from sqlmodel import select

from remiss.auth.models import User
from remiss.remisser.models import Remiss
from tests.conftest import Auth
from tests.intake.test_paste_seed000 import world
from tests.intake.test_walk12_view import POLLED, SOCIALDEP, _value, mail, receive
from tests.remisser.test_sent_twice import _second_app, send_at_once


def _proposal(client, auth, app, db, session, clock):
    clock.set(POLLED)
    namnd = world(session)
    message_id = receive(db, app, mail("VB: Remiss av Ds 2023:23", SOCIALDEP, "<socialdep@twice>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message_id}"
    page = client.get(url).get_data(as_text=True)
    form = {"namnd_id": str(namnd.id), "deadline_time": "",
            **{name: _value(page, name) for name in ("title", "remittent", "sender_dnr", "received_on",
                                                      "deadline_on")}}
    return url, form


def _remisser(db) -> list[str]:
    with db.transaction() as s:
        return [r.our_dnr for r in s.exec(select(Remiss))]


def test_registrera_sent_twice_registers_once_and_shows_the_remiss(client, auth, app, db, session, clock):
    url, form = _proposal(client, auth, app, db, session, clock)
    first = auth.post(f"{url}/registrera", form, form_url=url)
    assert first.status_code == 302 and "/remisser/" in first.headers["Location"]
    client.get(first.headers["Location"])  # the first receipt, shown
    second = auth.post(f"{url}/registrera", form, form_url=url)
    assert second.status_code == 302 and second.headers["Location"] == first.headers["Location"]
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "Meddelandet är redan registrerat – av dig, med diarienummer LB 2026/0001." in page
    assert _remisser(db) == ["LB 2026/0001"]


def test_registrera_by_another_registrator_after_it_is_registered_is_refused(client, auth, app, db, session, clock):
    url, form = _proposal(client, auth, app, db, session, clock)
    assert auth.post(f"{url}/registrera", form, form_url=url).status_code == 302
    other = app.test_client()
    Auth(other).login("annan@malmo.se")
    again = Auth(other).post(f"{url}/registrera", form, form_url=url)
    # the message's page itself, 409: a stale form (session 25; it went back to it with a flash)
    assert again.status_code == 409 and "Location" not in again.headers
    with db.transaction() as s:  # who registered it, and as which remiss
        who = s.exec(select(User).where(User.email == "sekr@malmo.se")).one().name
    assert f"Meddelandet är redan registrerat – av {who}, med diarienummer LB 2026/0001." in \
        again.get_data(as_text=True)
    assert _remisser(db) == ["LB 2026/0001"]


def test_registrera_sent_at_once_to_two_app_processes_registers_once(client, auth, app, db, session, clock, tmp_path):
    """Both requests read the message as pending; on PostgreSQL both registered it before the message was held."""
    url, form = _proposal(client, auth, app, db, session, clock)
    other = _second_app(app, tmp_path, files_dir=app.config["FILES_DIR"])  # the mail's files are shared
    try:
        other_client = other.test_client()
        Auth(other_client).login("sekr@malmo.se")
        send_at_once((client, other_client), url, f"{url}/registrera", form)
    finally:
        other.extensions["remiss_db"].dispose()
    assert _remisser(db) == ["LB 2026/0001"]
