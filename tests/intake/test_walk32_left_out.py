"""walk32 finding 7: an attachment too large to keep (the Inkorg warns) was forgotten once the mail was registered
or merged; the remiss's history now says it, with the Inkorg's words."""
from __future__ import annotations

import html
import re
from email.message import EmailMessage

from remiss.intake.models import InboxMessage
from tests.conftest import csrf_token
from tests.intake.test_walk12_view import POLLED, SOCIALDEP, _value, receive
from tests.intake.test_paste_seed000 import world
from tests.support.factories import make_remiss

LIMIT = 100_000


def big_mail(message_id: str) -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = "VB: Remiss av Ds 2023:23", "reg@example.se", "ks@malmo.se"
    message["Date"], message["Message-ID"] = "Thu, 03 Dec 2026 08:00:00 +0100", message_id
    message.set_content(SOCIALDEP)
    message.add_attachment(b"%PDF-1.4\n" + b"0" * 150_000, maintype="application", subtype="pdf",
                           filename="konsekvensanalys.pdf")
    return bytes(message)


def history(client, remiss_id: int) -> str:
    return html.unescape(re.sub(r"\s+", " ", client.get(f"/remisser/{remiss_id}").get_data(as_text=True)))


def test_a_registered_remiss_says_the_attachment_that_was_too_large(client, auth, app, db, session, clock):
    clock.set(POLLED)
    app.config["UPLOAD_MAX_BYTES"] = LIMIT
    namnd = world(session)
    message_id = receive(db, app, big_mail("<big@walk32>"))
    url = f"/inkorg/{message_id}"
    auth.login("sekr@malmo.se")
    page = client.get(url).get_data(as_text=True)
    assert "Bilagan konsekvensanalys.pdf" in html.unescape(page)
    form = {"namnd_id": str(namnd.id), "deadline_time": "", "csrf_token": csrf_token(client, url),
            **{name: _value(page, name) for name in ("title", "remittent", "sender_dnr", "received_on", "deadline_on")}}
    assert client.post(f"{url}/registrera", data=form).status_code == 302
    with db.transaction() as s:
        remiss_id = s.get(InboxMessage, message_id).remiss_id
    said = history(client, remiss_id)
    assert "Fil i e-posten inte sparad – för stor" in said
    assert "Bilagan konsekvensanalys.pdf är" in said and "för stor för att tas över som remisshandling" in said


def test_a_merged_mail_says_it_on_the_remiss_too(client, auth, app, db, session, clock):
    clock.set(POLLED)
    app.config["UPLOAD_MAX_BYTES"] = LIMIT
    namnd = world(session)
    remiss = make_remiss(session, namnd=namnd, title="Remiss av Ds 2023:23")
    session.commit()
    message_id = receive(db, app, big_mail("<big-merge@walk32>"))
    url = f"/inkorg/{message_id}"
    auth.login("sekr@malmo.se")
    assert auth.post(f"{url}/sammanfor", {"remiss_id": remiss.id}, form_url=url).status_code == 302
    said = history(client, remiss.id)
    assert "Fil i e-posten inte sparad – för stor" in said and "Bilagan konsekvensanalys.pdf är" in said
