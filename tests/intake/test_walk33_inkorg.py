"""walk33 findings in the Inkorg: the same mail forwarded twice was proposed twice; the handled list showed the
parser's title, not the registered one; "Hämtat från" quoted an English header ("Subject: …"); the box to name the
remiss an unmatched extension notice extends was far down its page."""
from __future__ import annotations

import email
import email.policy
import html
import re
from email.message import EmailMessage

import pytest
from sqlmodel import select

from remiss.intake.models import InboxMessage
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.intake import dovecot
from tests.intake.test_paste_seed000 import world
from tests.intake.test_inbox import DONE, imap  # noqa: F401 (imap is a fixture)
from tests.intake.test_walk12_view import POLLED, SOCIALDEP, _value, mail, receive

INNER = SOCIALDEP.split("\n\n", 1)[1]  # the Socialdepartementet's mail as the forwards quote it


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", page))


def _words(page: str) -> str:
    """The page's text without its tags, on one line."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).replace(" ,", ",")


def _register(client, auth, namnd, message_id: int, **typed) -> None:
    url = f"/inkorg/{message_id}"
    page = client.get(url).get_data(as_text=True)
    form = {"namnd_id": str(namnd.id), "deadline_time": "",
            **{name: _value(page, name) for name in ("title", "remittent", "sender_dnr", "received_on",
                                                     "deadline_on")}, **typed}
    response = client.post(f"{url}/registrera", data={**form, "csrf_token": csrf_token(client, url)})
    assert response.status_code == 302, _text(response.get_data(as_text=True))[:3000]


def test_the_same_mail_forwarded_twice_is_a_copy_of_the_first(client, auth, app, db, session, clock):
    """Finding 1: two forwards (two Message-IDs, other notes above) of one mail were two proposals of a new remiss."""
    clock.set(POLLED)
    namnd = world(session)
    first = receive(db, app, mail("VB: Remiss av Ds 2023:23", "Hej, se remissen nedan.\n\n" + INNER,
                                  "<first-forward@walk33>", sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    second = receive(db, app, mail("Fwd: Remiss av Ds 2023:23", "Till registraturen, för kännedom.\n\n" + INNER,
                                   "<second-forward@walk33>", sender="Bo Berg <bo.berg@sofo.example>",
                                   sent="Thu, 03 Dec 2026 10:00:00 +0100"))
    other = receive(db, app, mail("VB: Remiss av Ds 2023:24", "Hej.\n\n" + INNER.replace("2023:23", "2023:24"),
                                  "<other-forward@walk33>", sent="Thu, 03 Dec 2026 11:00:00 +0100"))
    auth.login("sekr@malmo.se")
    listed = _text(client.get("/inkorg").get_data(as_text=True))
    assert listed.count("Ny remiss") == 2, listed  # the first and the other remiss; not the copy
    assert "Samma meddelande som VB: Remiss av Ds 2023:23, som väntar i Inkorgen – en kopia, inte en ny remiss" \
        in _words(client.get("/inkorg").get_data(as_text=True)), listed
    page = client.get(f"/inkorg/{second}").get_data(as_text=True)
    assert f'href="/inkorg/{first}"' in page
    # no second registration offered
    assert f'action="/inkorg/{second}/registrera"' not in page and "Registrera som ny remiss" not in page
    assert "Avvisa kopian" in page
    assert "Samma meddelande" not in client.get(f"/inkorg/{other}").get_data(as_text=True)

    _register(client, auth, namnd, first)
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        our_dnr = remiss.our_dnr
    page = _words(client.get(f"/inkorg/{second}").get_data(as_text=True))
    assert f"Samma meddelande som VB: Remiss av Ds 2023:23, registrerat som {our_dnr} " in page, page
    assert f'href="/remisser/{remiss.id}"' in client.get("/inkorg").get_data(as_text=True)
    # nothing lost: dismissed, the copy is kept with its mail
    response = client.post(f"/inkorg/{second}/avvisa", data={"csrf_token": csrf_token(client, f"/inkorg/{second}")})
    assert response.status_code == 302
    with db.transaction() as s:
        kept = s.get(InboxMessage, second)
        assert kept.status == "dismissed" and kept.files != "[]"


def _forwarded_as_attachment(message_id: str, inner: bytes, subject: str = "VB: Remiss av Ds 2023:23") -> bytes:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = (subject, "Eva Ek <eva@sofo.example>",
                                                          "registrator@sofo.example")
    message["Date"], message["Message-ID"] = "Thu, 03 Dec 2026 09:00:00 +0100", message_id
    message.set_content("Se bifogat.")
    message.add_attachment(email.message_from_bytes(inner, policy=email.policy.default))
    return bytes(message)


def test_a_mail_forwarded_as_an_attachment_is_known_by_its_own_message_id(client, auth, app, db, session, clock):
    clock.set(POLLED)
    world(session)
    original = mail("Remiss av Ds 2023:23", INNER, "<s2023-02208@regeringskansliet.se>",
                    sender="Socialdepartementet <s.registrator@regeringskansliet.se>",
                    sent="Wed, 02 Dec 2026 14:05:00 +0100")
    first = receive(db, app, original)  # came straight to the mailbox
    second = receive(db, app, _forwarded_as_attachment("<attached@walk33>", original))
    auth.login("sekr@malmo.se")
    page = _words(client.get(f"/inkorg/{second}").get_data(as_text=True))
    assert "Samma meddelande som Remiss av Ds 2023:23, som väntar i Inkorgen" in page, page
    assert first != second


def test_a_reply_quoting_the_remiss_is_no_copy(client, auth, app, db, session, clock):
    """A reply (an extension notice, a reminder) quotes the remiss, or attaches its mail, to say something new: it
    is a message of its own."""
    clock.set(POLLED)
    world(session)
    original = mail("Remiss av Ds 2023:23", INNER, "<s2023-02208@regeringskansliet.se>",
                    sender="Socialdepartementet <s.registrator@regeringskansliet.se>")
    receive(db, app, mail("VB: Remiss av Ds 2023:23", "Hej.\n\n" + INNER, "<fwd@walk33>"))
    receive(db, app, original)
    reply = receive(db, app, mail("SV: Remiss av Ds 2023:23", "Svarstiden förlängs till den 29 januari 2027.\n\n"
                                  + INNER, "<reply@walk33>"))
    notice = receive(db, app, _forwarded_as_attachment("<notice@walk33>", original,
                                                       subject="Förlängd svarstid – Remiss av Ds 2023:23"))
    auth.login("sekr@malmo.se")
    for message_id in (reply, notice):
        assert "Samma meddelande" not in client.get(f"/inkorg/{message_id}").get_data(as_text=True)


def test_the_handled_list_shows_the_title_registered(client, auth, app, db, session, clock):
    """Finding 2: "Visa hanterade" showed the parser's title, though the sekreterare corrected it on Registrera."""
    clock.set(POLLED)
    namnd = world(session)
    message_id = receive(db, app, mail("VB: Remiss av Ds 2023:23", SOCIALDEP, "<handled@walk33>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    auth.login("sekr@malmo.se")
    read = _value(client.get(f"/inkorg/{message_id}").get_data(as_text=True), "title")
    corrected = "Ds 2023:23 Ett utvidgat skydd mot könsrelaterad brottslighet"
    assert read and read != corrected
    _register(client, auth, namnd, message_id, title=corrected)
    with db.transaction() as s:
        our_dnr = s.exec(select(Remiss)).one().our_dnr
    listed = _words(client.get("/inkorg?visa=hanterade").get_data(as_text=True))
    assert corrected in listed and our_dnr in listed, listed
    assert html.unescape(read) not in listed.replace(corrected, ""), listed


ENGLISH = """Hi, see below.

From: Socialdepartementet <s.registrator@regeringskansliet.se>
Sent: Wednesday, December 2, 2026 2:05 PM
To: Malmö kommun <malmo.stad@malmo.se>
Subject: Remiss av Ds 2023:23 Ett utvidgat skydd

Hej,
Härmed remitteras promemorian.
Diarienummer S2023/02208
Remissvaren ska ha kommit in till Socialdepartementet senast den 15 januari 2027.
Svaren bör lämnas per e-post till s.remissvar@regeringskansliet.se.
"""


def test_the_evidence_names_an_english_header_in_swedish(client, auth, app, db, session, clock):
    """Finding 3: "Hämtat från: ”Subject: Remiss av …”" in a Swedish interface."""
    clock.set(POLLED)
    world(session)
    message_id = receive(db, app, mail("FW: Remiss av Ds 2023:23", ENGLISH, "<english@walk33>",
                                       sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    auth.login("sekr@malmo.se")
    page = html.unescape(client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert 'id="ev-title">Hämtat från: ”Ämne: Remiss av Ds 2023:23 Ett utvidgat skydd”' in page, \
        page[page.find('id="ev-title"'):][:300]
    assert "Subject:" not in page
    # the registration form opened from it says the same
    url = f"/inkorg/{message_id}"
    opened = auth.post(f"{url}/registrera", {"oppna": "1"}, form_url=url)
    form = html.unescape(client.get(opened.headers["Location"]).get_data(as_text=True))
    assert 'id="ev-title">Hämtat från: ”Ämne: Remiss av Ds 2023:23' in form


ORPHAN = """Hej,

Kommunstyrelsen i Exempelby har förlängt svarstiden för remissen av trafikstrategi 2030. Remissvaren ska i stället \
ha kommit in senast den 30 april 2027.

Med vänlig hälsning
Eva Ek
"""


def test_the_box_for_our_dnr_on_an_unmatched_notice_comes_first(client, auth, app, db, session, clock):
    """Finding 4: the field to name the remiss the notice extends came after the whole registration form."""
    clock.set(POLLED)
    world(session)
    message_id = receive(db, app, mail("Förlängd svarstid – trafikstrategi 2030", ORPHAN, "<orphan@walk33>"))
    auth.login("sekr@malmo.se")
    page = client.get(f"/inkorg/{message_id}").get_data(as_text=True)
    assert "Vilken remiss gäller förlängningen?" in page
    assert "Meddelandet förlänger svarstiden, men ingen registrerad remiss stämmer" in _text(page)
    assert page.count('id="f-our_dnr"') == 1
    assert page.index('id="f-our_dnr"') < page.index('id="decide-heading"') < page.index('id="f-title"')


@pytest.mark.skipif(not dovecot.available(), reason="dovecot-imapd saknas (.ci/run installerar det)")
def test_two_forwards_fetched_from_the_mailbox_are_one_proposal_and_a_copy(app, client, auth, session, db, clock,
                                                                          imap):
    """Finding 1 through the real mailbox (dovecot) and Hämta nu: both mails are fetched and kept, one proposed."""
    world(session)
    app.config.update(IMAP_URL=imap.url, IMAP_DONE_FOLDER=DONE)
    clock.set(POLLED)
    imap.deliver(mail("VB: Remiss av Ds 2023:23", "Hej, se remissen nedan.\n\n" + INNER, "<imap-first@walk33>",
                      sent="Thu, 03 Dec 2026 08:00:00 +0100"))
    imap.deliver(mail("VB: Remiss av Ds 2023:23", "Vidarebefordrar igen.\n\n" + INNER, "<imap-second@walk33>",
                      sender="Bo Berg <bo.berg@sofo.example>", sent="Thu, 03 Dec 2026 09:00:00 +0100"))
    auth.login("sekr@malmo.se")
    page = auth.post("/inkorg/hamta", form_url="/inkorg", follow_redirects=True).get_data(as_text=True)
    assert "2 nya meddelanden." in page
    words = _words(page)
    assert words.count("Ny remiss") == 1 and "– en kopia, inte en ny remiss" in words, words
    with db.transaction() as s:
        assert len(s.exec(select(InboxMessage)).all()) == 2  # nothing lost
