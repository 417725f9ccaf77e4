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
