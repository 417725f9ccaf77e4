"""walk14: answers from the Inkorg – an Outlook .msg answer is registered (#2), and a second mail from an instans
that has already answered is a komplettering that keeps the first answer (#5)."""
from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from html import unescape

from sqlmodel import select

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.intake.models import InboxMessage
from remiss.intake.reading import ReadLimits
from remiss.intake.service import inbox
from remiss.remisser import service as remisser
from remiss.remisser.models import Attachment
from tests.intake.test_outgoing_reply import _sent_remiss
from tests.support.factories import make_user

PDF = b"%PDF-1.4\n%%EOF\n"


def _msg(subject: str) -> bytes:
    from aspose.email_foss import msg

    message = msg.MapiMessage.create(subject, "Hej,\n\nTekniska nämnden tillstyrker förslaget.\n\n"
                                               "Med vänlig hälsning\nBo Åkare\nTekniska nämnden")
    message.set_property(msg.PropertyId.SENDER_NAME, "Bo Åkare")
    message.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, "teknik@malmo.example")
    message.add_recipient("kommunstyrelsen@remiss.example", display_name="Kommunstyrelsen")
    message.add_attachment("Yttrande Tekniska nämnden.pdf", PDF, mime_type="application/pdf")
    return msg.MsgWriter.to_bytes(message.to_msg_document())


def _eml(subject: str, text: str, *, day: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Miljönämnden <miljo@malmo.example>"
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = subject
    message["Date"] = f"{day} +0100"
    message["Message-ID"] = f"<{abs(hash(subject + day))}@malmo.example>"
    message.set_content(f"Hej,\n\n{text}\n\nMed vänlig hälsning\nMiljönämnden\n")
    message.add_attachment(PDF, maintype="application", subtype="pdf", filename=f"Bilaga {day[5:7]}.pdf")
    return bytes(message)


def _receive(db, app, raw: bytes, filename: str = "") -> int:
    with db.transaction() as s:
        message, new = inbox.receive(s, now=datetime(2026, 12, 7, 10, 5, tzinfo=STOCKHOLM), raw=raw,
                                     files_dir=app.config["FILES_DIR"], filename=filename,
                                     limits=ReadLimits(app.config["UPLOAD_MAX_BYTES"]))
        return message.id


def test_an_outlook_msg_answer_is_registered_with_its_text_and_files(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    _, teknik = remisser.entries(session, remiss.id)
    remiss_id, teknik_id, dnr = remiss.id, teknik.id, remiss.our_dnr
    session.commit()
    message_id = _receive(db, app, _msg(f"SV: Remiss: Remiss av förslag till trafikplan 2027 ({dnr})"),
                          "SV Remiss.msg")
    auth.login(user.email)
    page = unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True))
    assert f"Svar från en remissinstans på {dnr}" in page  # Outlook keeps no address here: asked which
    done = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": remiss_id, "entry_id": teknik_id},
                     form_url=f"/inkorg/{message_id}")
    assert done.status_code == 302, unescape(done.get_data(as_text=True))
    after = unescape(auth.client.get(done.headers["Location"]).get_data(as_text=True))
    assert "finns inte sparat" not in after
    session.expire_all()
    teknik = remisser.entries(session, remiss_id)[1]
    assert teknik.answer_status == "svarat"
    assert teknik.summary == "Tekniska nämnden tillstyrker förslaget."
    kept = session.exec(select(Attachment).where(Attachment.sandlista_entry_id == teknik_id)).all()
    assert sorted(a.filename.rsplit(".", 1)[1] for a in kept) == ["msg", "pdf"]
    assert session.get(InboxMessage, message_id).status == "merged"


def test_a_second_mail_from_an_instans_that_answered_is_a_komplettering(session, db, app, auth, clock):
    clock.set(datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    miljo, _ = remisser.entries(session, remiss.id)
    remiss_id, miljo_id, dnr = remiss.id, miljo.id, remiss.our_dnr
    session.commit()
    first = _receive(db, app, _eml(f"Sv: Remiss ({dnr})", "Vi tillstyrker förslaget om bilfria skolgator.",
                                   day="Mon, 07 Dec 2026 10:00:00"))
    second = _receive(db, app, _eml(f"Sv: Remiss ({dnr}) – komplettering", "Vi vill också se fler laddplatser.",
                                    day="Tue, 08 Dec 2026 09:00:00"))
    auth.login(user.email)
    done = auth.post(f"/inkorg/{first}/svar", {"remiss_id": remiss_id, "entry_id": miljo_id},
                     form_url=f"/inkorg/{first}")
    assert done.status_code == 302
    page = unescape(auth.client.get(f"/inkorg/{second}").get_data(as_text=True))
    assert "Miljönämnden har redan svarat (7 december 2026)" in page  # said before registering
    assert "Registrera som komplettering från Miljönämnden" in page
    done = auth.post(f"/inkorg/{second}/svar", {"remiss_id": remiss_id, "entry_id": miljo_id},
                     form_url=f"/inkorg/{second}")
    assert done.status_code == 302
    assert "Kompletteringen från Miljönämnden är registrerad" in unescape(
        auth.client.get(done.headers["Location"]).get_data(as_text=True))
    session.expire_all()
    miljo = remisser.entries(session, remiss_id)[0]
    assert (miljo.answer_status, miljo.answered_on) == ("svarat", date(2026, 12, 7))  # the first answer's date
    assert miljo.summary == ("Vi tillstyrker förslaget om bilfria skolgator.\n\n"
                             "Komplettering 8 december 2026: Vi vill också se fler laddplatser.")
    names = sorted(a.filename for a in session.exec(select(Attachment).where(
        Attachment.sandlista_entry_id == miljo_id)).all())
    assert [n for n in names if n.endswith(".pdf")] == ["Bilaga 07.pdf", "Bilaga 08.pdf"]
    assert len(names) == 4  # both mails and both attachments
    history = unescape(auth.client.get(f"/remisser/{remiss_id}").get_data(as_text=True))
    assert "Komplettering av svar registrerad" in history


def test_file_names_keep_the_en_dash_and_turn_the_slash_into_a_hyphen(session, db, app, auth, clock):
    """walk14 #11: "Sv Remiss Trafikplan för Malmö 2027 2030 (SOFÖ 2026 0006).eml" lost the – and the /."""
    clock.set(datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    message_id = _receive(db, app, _eml("Sv: Remiss: Trafikplan för Malmö 2027–2030 (SOFÖ 2026/0006)",
                                        "Vi tillstyrker.", day="Mon, 07 Dec 2026 10:00:00"))
    name = "Sv Remiss Trafikplan för Malmö 2027–2030 (SOFÖ 2026-0006).eml"
    auth.login(user.email)
    got = auth.client.get(f"/inkorg/{message_id}/filer/0")
    assert got.status_code == 200
    disposition = got.headers["Content-Disposition"]
    assert ("filename*=UTF-8''Sv%20Remiss%20Trafikplan%20f%C3%B6r%20Malm%C3%B6%202027%E2%80%932030%20"
            "%28SOF%C3%96%202026-0006%29.eml") in disposition, disposition
    from remiss.intake.service.batches import file_stem
    assert file_stem("Sv: Remiss: Trafikplan för Malmö 2027–2030 (SOFÖ 2026/0006)") + ".eml" == name
    assert file_stem('Svar: "A*B"?\x07 <x> | y.') == "Svar A B x y"


def test_an_answer_without_a_date_says_which_day_it_gets(session, db, app, auth, clock):
    """walk14 #5, also: a mail with no Date header took the fetch day as svarsdatum without a word."""
    clock.set(datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    dnr = remiss.our_dnr
    session.commit()
    raw = _eml(f"Sv: Remiss ({dnr})", "Vi tillstyrker.", day="Mon, 07 Dec 2026 10:00:00")
    raw = b"\n".join(line for line in raw.split(b"\n") if not line.startswith(b"Date:"))
    message_id = _receive(db, app, raw)
    auth.login(user.email)
    page = " ".join(unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True)).split())
    assert ("Meddelandet saknar datum, så svaret registreras med dagen det hämtades (7 december 2026). Kom det in "
            "en annan dag: rätta svarsdatumet på instansens sida efteråt.") in page


def test_a_msg_uploaded_on_the_instans_page_is_read_like_an_eml(session, app, clock):
    from remiss.auth.access import Principal
    from remiss.outgoing.service import answers
    from remiss.outgoing.service.answers import AnswerData

    clock.set(datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM))
    _, remiss = _sent_remiss(session, app)
    _, teknik = remisser.entries(session, remiss.id)
    answers.register_answer(session, now=datetime(2026, 12, 9, 11, 0, tzinfo=STOCKHOLM),
                            principal=Principal.system(),
                            remiss=remiss, entry=teknik,
                            data=AnswerData(date(2026, 12, 8), files=[("Svar från Tekniska nämnden.msg",
                                                                       _msg("SV: Remiss"))]),
                            files_dir=app.config["FILES_DIR"], max_bytes=10_000_000)
    assert teknik.summary == "Tekniska nämnden tillstyrker förslaget."
    kept = session.exec(select(Attachment).where(Attachment.sandlista_entry_id == teknik.id)).all()
    assert sorted(a.filename for a in kept) == ["Svar från Tekniska nämnden.msg", "Yttrande Tekniska nämnden.pdf"]
