"""Session 26, the Inkorg.

Y16 (walk25): an HTML-only samråd mail ("Synpunkter mottages i första hand via epost och därefter via brevpost. Se
respektive adress nedan." and the address as lines of a list) had its postal answer address unread, and the proposal's
*Följer med in i remissen* had no *Svar till adress* row, so the registrator could not see it. The address is read, and
the row is always shown ("–" when none was read).

Stale steps on the message's page (remiss.stale_form): Öppna i registreringsformuläret on a message someone else
registered meanwhile, another step of one's own from an older tab, Ångra avvisningen on a message registered
meanwhile: each went back with a flash and a redirect; each now answers 409 in the message's own page, with what was
typed."""
from __future__ import annotations

import html
import json
from datetime import date
from email.message import EmailMessage

from remiss.intake.models import InboxMessage
from remiss.intake.service import inbox
from tests.conftest import Auth
from tests.intake.test_decide_lock_order import _prepare, _world
from tests.intake.test_paste_seed000 import world
from tests.intake.test_walk12_view import POLLED, _row, _value, mail, receive
from tests.support.factories import make_remiss

TIDAHOLM_HTML = """<html><body><p>Hej,</p>
<p>Samhällsbyggnadsförvaltningen skickar härmed förslaget till Bostadsstrategiskt program 2021-2025 på samråd.
Samrådet pågår från den 4 oktober 2021 till och med den 5 december 2021.</p>
<p>Senast den 5 december önskar kommunen att berörda lämnar sina synpunkter.<br>
Synpunkter mottages i första hand via epost och därefter via brevpost.<br>Se respektive adress nedan.</p>
<ul><li>samhallsbyggnad@tidaholm.se</li>
<li>Samhällsbyggnadsförvaltningen<br>Tidaholms kommun<br>522 83 Tidaholm</li></ul>
<p>Märk gärna e-post eller post med ”Yttrande bostadsstrategiskt program 2021-2025”.</p>
<p>Med vänlig hälsning<br>Madeleine Turén Liljedahl<br>Tidaholms kommun</p></body></html>"""


def html_only(subject: str, markup: str, message_id: str) -> bytes:
    """A mail with an HTML body and no text part, as the walk's mail 9."""
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, "Tidaholms kommun <info@tidaholm.se>", \
        "registrator@sofo.example"
    message["Date"], message["Message-ID"] = "Tue, 01 Dec 2026 08:30:00 +0100", message_id
    message.set_content(markup, subtype="html")
    return bytes(message)


def _text(cell: str) -> str:
    return " ".join(html.unescape(cell).replace("<", " <").split())


def test_an_html_only_samrad_mail_gives_its_postal_answer_address_and_the_row_shows_it(client, auth, app, db,
                                                                                       session, clock):
    clock.set(POLLED)
    world(session)
    raw = html_only("Samråd: Bostadsstrategiskt program 2021-2025", TIDAHOLM_HTML, "<tidaholm@y16>")
    assert b"text/plain" not in raw
    message_id = receive(db, app, raw)
    with db.transaction() as s:
        values = json.loads(s.get(InboxMessage, message_id).form_values)
    assert values["answer_address"] == "Samhällsbyggnadsförvaltningen, Tidaholms kommun, 522 83 Tidaholm"
    auth.login("sekr@malmo.se")
    row = _text(_row(client.get(f"/inkorg/{message_id}").get_data(as_text=True), "Svar till adress"))
    value, evidence = row.split("</td>")[:2]
    assert "Samhällsbyggnadsförvaltningen, Tidaholms kommun, 522 83 Tidaholm" in value
    assert "522 83 Tidaholm" in evidence  # the words it was read from, beside it


def test_the_row_says_when_no_postal_address_was_read(client, auth, app, db, session, clock):
    clock.set(POLLED)
    world(session)
    message_id = receive(db, app, mail("Remiss av promemorian Skatt på vadd", "Hej!\n\nRemissvar ska ha kommit in "
                                       "senast den 15 februari 2027 till fi.remissvar@regeringskansliet.se.\n",
                                       "<vadd@y16>"))
    auth.login("sekr@malmo.se")
    row = _text(_row(client.get(f"/inkorg/{message_id}").get_data(as_text=True), "Svar till adress"))
    assert row.startswith("<td") and "–" in row, row


def _page(response) -> str:
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


def test_opening_the_form_on_a_message_someone_else_registered_answers_409_with_what_was_typed(client, auth, app,
                                                                                              db, session, clock):
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    other = app.test_client()
    Auth(other).login("annan@malmo.se")
    from tests.conftest import csrf_token

    token = csrf_token(other, w.url)  # the other's page, opened before the message was registered
    assert _prepare("registrera", client, w)().status_code == 302
    response = other.post(f"{w.url}/registrera", data={"oppna": "1", "title": "Min rättade ärendemening",
                                                      "namnd_id": str(w.namnd_id), "csrf_token": token})
    assert response.status_code == 409, response.get_data(as_text=True)[:2000]
    page = _page(response)
    assert "– Inkorg – Remiss</title>" in page
    assert "Meddelandet är redan registrerat – av" in page
    assert "Det du skrev (sparades inte)" in page and "Min rättade ärendemening</textarea>" in page
    with db.transaction() as s:
        assert s.get(InboxMessage, w.message_id).status == "registered"


def test_another_step_of_ones_own_from_an_older_tab_answers_409_in_the_messages_page(client, auth, app, db, session,
                                                                                    clock):
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    dismiss = _prepare("avvisa", client, w)  # the older tab's Avvisa
    assert _prepare("registrera", client, w)().status_code == 302
    response = dismiss()
    assert response.status_code == 409, response.headers.get("Location")
    page = _page(response)
    assert "– Inkorg – Remiss</title>" in page
    assert "Meddelandet avvisades inte: det är redan registrerat – av dig, med diarienummer" in page
    with db.transaction() as s:
        assert s.get(InboxMessage, w.message_id).status == "registered"


def test_undismissing_a_message_registered_meanwhile_answers_409_and_says_by_whom(client, auth, app, db, session,
                                                                                clock):
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    from tests.conftest import csrf_token

    token = csrf_token(client, w.url)
    with db.transaction() as s:  # dismissed, taken back and registered by the other meanwhile
        from remiss.auth.models import User
        from sqlmodel import select

        message = s.get(InboxMessage, w.message_id)
        message.status, message.remiss_id = "registered", w.remiss_id
        message.decided_by_id = s.exec(select(User.id).where(User.email == "annan@malmo.se")).one()
    response = client.post(f"{w.url}/atervand", data={"csrf_token": token})
    assert response.status_code == 409, response.headers.get("Location")
    assert "Avvisningen ångrades inte: meddelandet är redan registrerat – av" in _page(response)


def test_a_rattelse_is_matched_by_the_remittents_dnr_and_offered_as_a_supplement(client, auth, app, db, session,
                                                                                 clock):
    clock.set(POLLED)
    namnd = world(session)
    registered = make_remiss(session, namnd=namnd, title="Förslag till regional vattenförsörjningsplan",
                             remittent="Länsstyrelsen i Skåne län", sender_dnr="537-1234-2026",
                             deadline_on=date(2027, 2, 26))
    session.commit()
    message_id = receive(db, app, mail(
        "Rättelse: Remiss 537-1234-2026 Förslag till regional vattenförsörjningsplan",
        "Hej,\n\nI det tidigare utskicket var bilaga 4 felaktig. Här kommer en korrigerad version av bilagan, som "
        "ersätter den tidigare skickade. Svarstiden är oförändrad.\n\nMed vänlig hälsning\nLänsstyrelsen Skåne\n",
        "<rattelse@s26>", sender="Länsstyrelsen Skåne <skane@lansstyrelsen.se>"))
    with db.transaction() as s:
        message = s.get(InboxMessage, message_id)
        assert message.match_remiss_id == registered.id
        assert json.loads(message.form_values)["sender_dnr"] == "537-1234-2026"
    auth.login("sekr@malmo.se")
    page = _page(client.get(f"/inkorg/{message_id}"))
    assert "en komplettering: för samman den så blir bilagorna remisshandlingar i remissen" in page


def test_the_word_alone_matches_nothing(client, auth, app, db, session, clock):
    """A "Ny bilaga" whose number and title are no registered remiss's matches none, and a "Tillägg till detaljplan"
    (a plan of its own) citing a registered remiss's number is not offered as its komplettering."""
    clock.set(POLLED)
    namnd = world(session)
    make_remiss(session, namnd=namnd, title="Detaljplan för Kv Björken 3", remittent="Tidaholms kommun",
                sender_dnr="SBN 2019/123")
    session.commit()
    bilaga = receive(db, app, mail("Ny bilaga till remiss 2026/999 Trafikstrategi för Tidaholm",
                                   "Hej! Här kommer en ny bilaga till remissen.\n", "<nybilaga@s26>"))
    tillagg = receive(db, app, mail("Tillägg till detaljplan för Kv Björken 3",
                                    "Samråd om tillägg till detaljplan SBN 2019/123. Synpunkter lämnas senast den "
                                    "20 januari 2027.\n", "<tillagg@s26>"))
    with db.transaction() as s:
        assert s.get(InboxMessage, bilaga).match_remiss_id is None
        told = s.get(InboxMessage, tillagg)
        assert not inbox.is_supplement(told)  # not offered as a komplettering of SBN 2019/123
