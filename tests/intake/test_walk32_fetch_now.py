"""walk32 finding 11: the Inkorg page shows when the mailbox was last fetched, and a registrator can fetch now
("Hämta nu") and is told how many new mails came, in Swedish plurals, or that the mailbox did not answer – never a
500. Real dovecot."""
from __future__ import annotations

import socket
from datetime import datetime, timezone

import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.intake.mailbox import open_mailbox
from remiss.intake.models import InboxMessage
from remiss.intake.scheduled import poll_mailbox
from tests.intake import dovecot
from tests.intake.test_inbox import DONE, UNRELATED, imap, mail  # noqa: F401 (imap is a fixture)
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_user

pytestmark = pytest.mark.skipif(not dovecot.available(), reason="dovecot-imapd saknas (.ci/run installerar det)")


def test_hamta_nu_fetches_and_says_how_many_came_and_when(app, client, auth, session, db, clock, imap):
    world(session)
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER=DONE)
    clock.set(datetime(2026, 12, 7, 13, 5, tzinfo=timezone.utc))  # 14.05 in Stockholm
    auth.login("sekr@malmo.se")
    page = client.get("/inkorg").get_data(as_text=True)
    assert "Hämta nu" in page and "Brevlådan har inte hämtats ännu." in page

    response = auth.post("/inkorg/hamta", form_url="/inkorg", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Inga nya meddelanden." in page
    assert "Senast hämtat: i dag kl. 14.05." in page

    imap.deliver(UNRELATED)
    page = auth.post("/inkorg/hamta", form_url="/inkorg", follow_redirects=True).get_data(as_text=True)
    assert "1 nytt meddelande." in page and "Lunch på fredag?" in page

    imap.deliver(mail("Fråga 1", "Hej", "<fraga-1@malmo.se>"))
    imap.deliver(mail("Fråga 2", "Hej", "<fraga-2@malmo.se>"))
    imap.deliver(UNRELATED)  # sent twice: fetched once
    clock.set(datetime(2026, 12, 8, 7, 30, tzinfo=timezone.utc))
    page = auth.post("/inkorg/hamta", form_url="/inkorg", follow_redirects=True).get_data(as_text=True)
    assert "2 nya meddelanden." in page and "Senast hämtat: i dag kl. 08.30." in page
    clock.set(datetime(2026, 12, 9, 9, 0, tzinfo=timezone.utc))
    assert "Senast hämtat: i går kl. 08.30." in client.get("/inkorg").get_data(as_text=True)
    assert imap.count("INBOX") == 0
    with db.transaction() as s:
        assert len(s.exec(select(InboxMessage)).all()) == 3


def test_hamta_nu_when_the_mailbox_does_not_answer_is_a_swedish_error(app, client, auth, session, imap):
    world(session)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    app.config.update(IMAP_URL=imap.url.replace(str(imap.port), str(closed)), IMAP_DONE_FOLDER=DONE)
    auth.login("sekr@malmo.se")
    response = auth.post("/inkorg/hamta", form_url="/inkorg", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Brevlådan svarade inte, så ingen e-post hämtades: Brevlådan på 127.0.0.1" in page
    assert "Senast hämtat" not in page


def test_hamta_nu_is_for_those_who_register_and_only_with_a_mailbox(app, client, auth, session, imap):
    namnd = world(session)
    make_user(session, role=Role.handlaggare, namnder=[namnd], email="hl@malmo.se")
    session.commit()
    auth.login("sekr@malmo.se")
    assert "Hämta nu" not in client.get("/inkorg").get_data(as_text=True)  # no REMISS_IMAP_URL
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER=DONE)
    assert "Hämta nu" in client.get("/inkorg").get_data(as_text=True)
    assert client.post("/inkorg/hamta").status_code == 400  # no CSRF token
    auth.logout()
    auth.login("hl@malmo.se")
    assert auth.post("/inkorg/hamta", form_url="/").status_code == 403


def test_a_message_moved_by_a_poll_beside_this_one_is_skipped(app, db, session, imap):
    world(session)
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER=DONE)
    imap.deliver(UNRELATED)
    with open_mailbox(imap.url) as box:
        uids = box.uids()
        assert poll_mailbox(db, app.config, now=datetime(2026, 12, 7, tzinfo=timezone.utc)).new == 1  # the other poll
        assert box.fetch(uids[0], max_bytes=10_000_000) is None  # gone: not a crash
