"""What walk 12 left in the Inkorg: an extension notice's page leads to the extension, not to a second registration
(item 1); the list offers an instans's answer its own step (item 2); an answer dated before the utskick can be
confirmed (item 3). Real SQLite, the walk's mails (tests/data/walk12) and real sent mails."""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.models import InboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.intake.test_outgoing_reply import _receive, _reply, _sent_remiss
from tests.intake.test_walk12_inkorg import NOW, raw
from tests.intake.test_walk7 import kommun, page_fields, receive, register_now  # noqa: F401 (kommun: a fixture)
from tests.support.factories import make_remiss, make_user


def _registered_and_notice(session, db, app, miljo):
    values = json.loads(receive(db, app, raw("16-ku-remiss.eml"), NOW).form_values)
    registered = make_remiss(session, namnd=miljo, title=values["title"], remittent=values["remittent"],
                             sender_dnr="", deadline_on=date(2027, 1, 22))
    session.commit()
    return registered, receive(db, app, raw("17-ku-forlangning.eml"), NOW)


def test_an_extension_notices_page_leads_to_the_extension_and_keeps_registering_folded_away(
        client, auth, app, db, session, kommun, clock):
    """Item 1: the notice's page offered "Registrera som ny remiss" as a step of its own beside the extension."""
    miljo, _, _ = kommun
    clock.set(NOW)
    registered, notice = _registered_and_notice(session, db, app, miljo)
    auth.login("reg@malmo.se")
    page = client.get(f"/inkorg/{notice.id}").get_data(as_text=True)
    assert f"Registrera förlängningen på {registered.our_dnr}" in page
    assert '<h3 id="register-heading">Registrera som ny remiss</h3>' not in page
    folded = re.search(r'<details class="card-inner intake-register-other">\s*<summary id="register-heading">(.*?)'
                       r'</summary>(.*?)</details>', page, re.S)
    assert folded, "the registration is not folded away"
    assert unescape(folded.group(1)) == (f"Hör meddelandet inte till {registered.our_dnr}? Registrera det som en "
                                         "ny remiss i stället")
    assert "Registrera som ny remiss</button>" in folded.group(2)
    # the one step: the extension on the matched remiss
    done = auth.post(f"/inkorg/{notice.id}/sammanfor", {"remiss_id": registered.id, "extend": "1",
                                                        "until_on": "2027-02-12", "until_time": ""},
                     form_url=f"/inkorg/{notice.id}")
    assert done.status_code == 302, unescape(done.get_data(as_text=True))[:2000]
    session.expire_all()
    assert session.get(Remiss, registered.id).effective_deadline_on == date(2027, 2, 12)


def test_a_wrong_match_can_still_be_registered_and_the_folded_form_opens_on_its_question(
        client, auth, app, db, session, kommun, clock):
    """Item 1: the secondary path is kept; asked first (a possible duplicate), with the form open."""
    miljo, _, _ = kommun
    clock.set(NOW)
    registered, notice = _registered_and_notice(session, db, app, miljo)
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{notice.id}").get_data(as_text=True))
    fields["namnd_id"] = str(miljo.id)
    asked = register_now(auth, notice.id, **fields)
    text = asked.get_data(as_text=True)
    assert asked.status_code == 400 and "Remissen kan redan vara registrerad" in text
    assert '<details class="card-inner intake-register-other" open>' in text
    done = register_now(auth, notice.id, **fields, confirm_duplicate="1")
    assert done.status_code == 302
    with db.transaction() as s:
        assert len(s.exec(select(Remiss)).all()) == 2


def test_a_notice_whose_remiss_waits_in_the_inkorg_folds_registering_away(client, auth, app, db, kommun, clock):
    clock.set(NOW)
    receive(db, app, raw("16-ku-remiss.eml"), NOW)
    notice = receive(db, app, raw("17-ku-forlangning.eml"), NOW)
    auth.login("reg@malmo.se")
    page = unescape(client.get(f"/inkorg/{notice.id}").get_data(as_text=True))
    assert "Förlängning – remissen väntar i Inkorgen" in page
    assert '<summary id="register-heading">Registrera meddelandet som en ny remiss ändå</summary>' in page


def _answer_world(session, db, app, *, date_header: str = ""):
    """A remiss we sent on 5 December 2026 and Miljönämnden's reply to its missiv mail in the Inkorg."""
    from remiss.reminders.models import OutboxMessage

    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    miljo, _ = remisser.entries(session, remiss.id)
    missiv = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_missiv",
                                                      OutboxMessage.recipient_email == miljo.email)).one()
    mail = _reply(f"SV: {missiv.subject}", in_reply_to=missiv.message_id)
    if date_header:
        mail = mail.replace(b"Mon, 07 Dec 2026 10:00:00 +0100", date_header.encode())
    ids = remiss.id, miljo.id, remiss.our_dnr, user.email
    session.commit()
    return (_receive(db, app, mail), *ids)


def test_the_list_offers_an_answer_its_own_step(client, auth, app, db, session, clock):
    """Item 2: the list said "Finns redan: KS …" with no button; the message's page had "Registrera som svar"."""
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    message_id, remiss_id, miljo_id, dnr, email = _answer_world(session, db, app)
    auth.login(email)
    listing = unescape(client.get("/inkorg").get_data(as_text=True))
    assert f"Svar från Miljönämnden på {dnr}</strong> – ett svar på en remiss vi har skickat ut" in listing
    assert "Finns redan" not in listing
    assert f'action="/inkorg/{message_id}/svar"' in listing
    done = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": remiss_id, "entry_id": miljo_id}, form_url="/inkorg")
    assert done.status_code == 302
    session.expire_all()
    assert remisser.entries(session, remiss_id)[0].answer_status == "svarat"
    assert session.get(InboxMessage, message_id).status == "merged"


def test_an_answer_dated_before_the_utskick_is_asked_about_and_can_be_registered(client, auth, app, db, session,
                                                                                   clock):
    """Item 3: "Registrera som svar" was refused (the date before the utskick) with no way on from the Inkorg."""
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    message_id, remiss_id, miljo_id, dnr, email = _answer_world(session, db, app,
                                                                date_header="Thu, 03 Dec 2026 10:00:00 +0100")
    auth.login(email)
    refused = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": remiss_id, "entry_id": miljo_id},
                        form_url=f"/inkorg/{message_id}")
    assert refused.status_code == 302
    session.expire_all()
    assert remisser.entries(session, remiss_id)[0].answer_status == "ej_svarat"
    session.commit()  # the test's read ends before the next request writes
    page = unescape(client.get(refused.headers["Location"]).get_data(as_text=True))
    assert ("Meddelandet är daterat 3 december 2026, före utskicket till Miljönämnden 5 december 2026."
            in page)
    assert "Datumet stämmer – registrera ändå" in page
    confirm = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">',
                              page[page.index('id="early-answer"'):]))
    assert confirm["confirm_date"] == "1" and confirm["entry_id"] == str(miljo_id)
    done = auth.post(f"/inkorg/{message_id}/svar", {k: v for k, v in confirm.items() if k != "csrf_token"},
                     form_url=f"/inkorg/{message_id}")
    assert done.status_code == 302
    session.expire_all()
    entry = remisser.entries(session, remiss_id)[0]
    assert (entry.answer_status, entry.answered_on) == ("svarat", date(2026, 12, 3))


def test_the_registration_form_takes_the_namnd_of_the_remiss_the_mail_belongs_to(client, auth, app, db, session,
                                                                                  clock):
    """Item 6: through "Öppna i registreringsformuläret" the form had the nämnd registered for last, not that of
    the registered remiss the extension notice belongs to (the Inkorg page had the rule)."""
    from tests.intake.test_walk12_view import _selected, extension_of_a_ks_remiss

    ks, registered, message_id = extension_of_a_ks_remiss(app, db, session, clock, "<forl@left>")
    auth.login("reg@kommun.se")
    opened = auth.post(f"/inkorg/{message_id}/registrera", {"namnd_id": "", "oppna": "1"},
                       form_url=f"/inkorg/{message_id}")
    assert opened.status_code == 302 and "/remisser/ny?missiv=" in opened.headers["Location"]
    form = unescape(client.get(opened.headers["Location"]).get_data(as_text=True))
    assert _selected(form) == str(ks.id)
    assert f"Förvald: samma nämnd som {registered.our_dnr}, den remiss meddelandet hör till – kontrollera." in form


def _rk_msg(*, headers: str = "") -> bytes:
    """The Regeringskansliet remiss forwarded from Outlook as a .msg without a send date (tests.intake.letters.rk_msg),
    with Outlook's transport headers when given."""
    from aspose.email_foss import msg

    from tests.intake.letters import rk_pdf

    message = msg.MapiMessage.create("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster",
                                     "Hej!\nSe bifogad remiss från Finansdepartementet.\n\nMvh Kansliet")
    message.set_property(msg.PropertyId.SENDER_NAME, "Registrator Regeringskansliet")
    message.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, "registrator@regeringskansliet.se")
    if headers:
        message.set_property(msg.PropertyId.TRANSPORT_MESSAGE_HEADERS, headers)
    message.add_attachment("Fi2024-00345 Remiss.pdf", rk_pdf(), mime_type="application/pdf")
    return msg.MsgWriter.to_bytes(message.to_msg_document())


def _import(runner, db, tmp_path, raw_msg: bytes) -> InboxMessage:
    path = tmp_path / "VB Remiss.msg"
    path.write_bytes(raw_msg)
    result = runner.invoke(args=["inbox-import", str(path)])
    assert result.exit_code == 0, result.output
    with db.transaction() as s:
        message = s.exec(select(InboxMessage)).one()
        s.expunge(message)
        return message


def test_a_msg_without_a_send_date_takes_the_date_of_its_transport_headers(app, db, runner, tmp_path, clock):
    """Item 5: a .msg with no send date took the import day as Inkom; Outlook's transport headers have the date."""
    clock.set(datetime(2026, 12, 7, 9, 0, tzinfo=STOCKHOLM))
    message = _import(runner, db, tmp_path, _rk_msg(
        headers="Received: from mx.regeringskansliet.se\r\nDate: Tue, 01 Dec 2026 08:30:00 +0100\r\n"
                "Subject: VB: Remiss\r\n\r\n"))
    assert message.sent_at is not None
    assert json.loads(message.form_values)["received_on"] == "2026-12-01"


def test_a_msg_with_no_date_at_all_leaves_inkom_to_the_person(client, auth, app, db, session, runner, tmp_path,
                                                               kommun, clock):
    """Item 5: no date anywhere: Inkom empty with a warning, and Registrera asks for it (not the import day)."""
    miljo, _, _ = kommun
    clock.set(datetime(2024, 2, 20, 9, 0, tzinfo=STOCKHOLM))  # before the letter's sista svarsdag
    message = _import(runner, db, tmp_path, _rk_msg())
    assert message.sent_at is None
    assert json.loads(message.form_values)["received_on"] == ""
    auth.login("reg@malmo.se")
    page = unescape(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    assert "Meddelandet saknar datum (det har varken ett skickat-datum" in page
    assert "Meddelandet saknar datum: fyll i den dag brevet kom in till er." in page  # the hint under Inkom
    fields = page_fields(page)
    assert fields["received_on"] == ""
    fields["namnd_id"] = str(miljo.id)
    asked = register_now(auth, message.id, **fields)
    assert asked.status_code == 400
    assert "Inkom saknas: meddelandet har inget datum." in unescape(asked.get_data(as_text=True))
    done = register_now(auth, message.id, **dict(fields, received_on="2024-02-19"))
    assert done.status_code == 302, re.findall(r"<li>.*?</li>", unescape(done.get_data(as_text=True)))[-5:]
    with db.transaction() as s:
        assert s.exec(select(Remiss)).one().received_on == date(2024, 2, 19)
