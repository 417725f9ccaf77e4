"""A double-click on the Förläng card of the registration form (a letter read from an Inkorg mail with its
attachment, or a pasted one) sent it twice: the first merged the letter into the remiss and recorded the
extension, the second was told "De uppladdade filerna finns inte längre … Läs in missivet igen" and "Det inlästa
missivet finns inte längre" on an empty form. The second sending now lands on the remiss the first merged it into,
said so, and nothing is merged or extended twice."""
from __future__ import annotations

import html
from datetime import date
from email.message import EmailMessage

from sqlmodel import func, select

from remiss.planning.models import Extension
from remiss.remisser.models import Attachment
from tests.conftest import Auth, csrf_token
from tests.intake.test_paste_seed000 import world
from tests.intake.test_walk12_view import POLLED, receive
from tests.remisser.test_sent_twice import _second_app, send_at_once
from tests.support.factories import make_remiss

OURS = "LB 2026/0006"
LETTER = """Hej,

Svarstiden för remissen Ds 2023:23 Ett utvidgat skydd (S2023/02208) förlängs till den 12 februari 2027.

Socialdepartementet
"""


def _mail() -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"] = "VB: Förlängd svarstid - Remiss av Ds 2023:23", "Rita <r@sofo.example>"
    message["To"], message["Date"] = "registrator@sofo.example", "Thu, 03 Dec 2026 08:00:00 +0100"
    message["Message-ID"] = "<forlang@twice>"
    message.set_content(LETTER)
    message.add_attachment(b"%PDF-1.4 beslut", maintype="application", subtype="pdf", filename="Beslut.pdf")
    return bytes(message)


def _remiss(session, clock):
    clock.set(POLLED)
    remiss = make_remiss(session, namnd=world(session), title="Ds 2023:23 Ett utvidgat skydd", our_dnr=OURS,
                         remittent="Socialdepartementet", sender_dnr="S2023/02208", deadline_on=date(2027, 1, 15),
                         deadline_time=None)
    session.commit()
    return remiss.id


def _card_twice(client, missiv: str, remiss_id: int, token: str) -> str:
    """The form's card "Förläng" sent twice; the page the second sending leads to."""
    data = {"remiss_id": str(remiss_id), "extend": "1", "csrf_token": token}
    first = client.post(f"/remisser/ny/missiv/{missiv}/forlang", data=data)
    assert first.status_code == 302 and first.headers["Location"] == f"/remisser/{remiss_id}"
    client.get(first.headers["Location"])  # the first receipt, shown
    second = client.post(f"/remisser/ny/missiv/{missiv}/forlang", data=data)
    assert second.status_code == 302 and second.headers["Location"] == f"/remisser/{remiss_id}"
    return " ".join(html.unescape(client.get(second.headers["Location"]).get_data(as_text=True)).split())


def _once(db, remiss_id: int, files: int) -> None:
    with db.transaction() as s:
        assert s.exec(select(func.count()).select_from(Extension).where(Extension.remiss_id == remiss_id)).one() == 1
        assert s.exec(select(func.count()).select_from(Attachment)
                      .where(Attachment.remiss_id == remiss_id)).one() == files


def test_the_card_of_an_inkorg_mail_sent_twice_lands_on_the_remiss(client, auth, app, db, session, clock):
    remiss_id = _remiss(session, clock)
    message_id = receive(db, app, _mail())
    auth.login("sekr@malmo.se")
    url = f"/inkorg/{message_id}"
    token = csrf_token(client, url)
    opened = client.post(f"{url}/registrera", data={"oppna": "1", "csrf_token": token})
    page = _card_twice(client, opened.headers["Location"].split("missiv=", 1)[1], remiss_id, token)
    assert f"Brevet är redan sammanfört med {OURS} – av dig." in page
    assert "finns inte längre" not in page and "Fel:" not in page
    _once(db, remiss_id, files=2)  # the mail and its attachment, once


def test_the_card_of_a_pasted_letter_sent_twice_lands_on_the_remiss(client, auth, app, db, session, clock):
    remiss_id = _remiss(session, clock)
    auth.login("sekr@malmo.se")
    token = csrf_token(client, "/remisser/ny/missiv")
    read = client.post("/remisser/ny/missiv", data={"text": LETTER, "csrf_token": token})
    page = _card_twice(client, read.headers["Location"].split("missiv=", 1)[1], remiss_id, token)
    assert f"Brevet är redan sammanfört med {OURS} – av dig." in page
    assert "finns inte längre" not in page and "Fel:" not in page
    _once(db, remiss_id, files=1)  # the pasted letter


def test_the_card_sent_at_once_to_two_app_processes_merges_once(client, auth, app, db, session, clock, tmp_path):
    """On PostgreSQL both requests found the batch; the claim of the card (remisser.sent_once) makes the second
    wait for the first, then land on its remiss."""
    remiss_id = _remiss(session, clock)
    auth.login("sekr@malmo.se")
    read = client.post("/remisser/ny/missiv",
                       data={"text": LETTER, "csrf_token": csrf_token(client, "/remisser/ny/missiv")})
    missiv = read.headers["Location"].split("missiv=", 1)[1]
    other = _second_app(app, tmp_path, files_dir=app.config["FILES_DIR"])  # the batch's files are shared
    try:
        other_client = other.test_client()
        Auth(other_client).login("sekr@malmo.se")
        send_at_once((client, other_client), "/remisser/ny/missiv", f"/remisser/ny/missiv/{missiv}/forlang",
                     {"remiss_id": str(remiss_id), "extend": "1"})
    finally:
        other.extensions["remiss_db"].dispose()
    _once(db, remiss_id, files=1)
