"""walk27 Y7: an answer uploaded as an .eml whose own text is the answer, with an unrelated PDF attached. The
sammanställning said the answer was "in the attached file" – the PDF, which the app cannot read for it; it now
points to the answer's text. And a mail sent earlier on the day of the utskick, before it left, is asked about as
a day before the utskick is."""
from __future__ import annotations

import io
from email.message import EmailMessage

from sqlmodel import select

from remiss.remisser import service as remisser
from remiss.remisser.models import Attachment
from tests.outgoing.test_walk9_letters import TODAY, _sent, _text
from tests.unit.test_missiv_extract import make_pdf


def _mail(date_header: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Trafiknämnden <trafik@example.se>"
    message["To"] = "oster@malmo.se"
    message["Subject"] = "SV: Remiss"
    message["Date"] = date_header
    message.set_content("Hej,\n\n1. Våra medlemmar får det svårare. 2. Nivåerna är rimliga.\n\nMed vänlig hälsning\n"
                        "Trafiknämnden\n")
    message.add_attachment(make_pdf([["Verksamhetsberättelse 2025"]]), maintype="application", subtype="pdf",
                           filename="Svar Trafiknämnden.pdf")
    return bytes(message)


def test_an_answer_in_the_mails_text_is_not_said_to_be_in_the_attached_file(session, client, auth, clock, app):
    rid, page, (trafik, *_) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    day = TODAY.strftime("%a, %d %b %Y")
    answered = auth.post(url, {"action": "answer", "answered_on": TODAY.date().isoformat(), "date_from_mail": "1",
                               "files": [(io.BytesIO(_mail(f"{day} 23:50:00 +0100")), "SV- Remiss.eml")]},
                         form_url=url, content_type="multipart/form-data")
    assert answered.status_code == 302, answered.get_data(as_text=True)[:800]
    shown = " ".join(client.get(url).get_data(as_text=True).split())
    assert "det finns i den bifogade filen ”Svar Trafiknämnden.pdf”" not in shown
    assert "Svaret är inte uppdelat per fråga – se Svaren i korthet; svaret kom som e-post. Bifogad fil: " \
           "”Svar Trafiknämnden.pdf”." in shown
    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                 Attachment.purpose == "sammanstallning")).one()
    question = _text(app, kept).split("Vad tycker ni om cykelbanorna?", 1)[1]
    assert "det finns i den bifogade filen" not in question, question
    assert "se Svaren i korthet; svaret kom som e-post" in question, question


def test_a_mail_sent_before_the_utskick_the_same_day_is_asked_about(session, client, auth, clock, app):
    rid, page, (trafik, *_) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    day = TODAY.strftime("%a, %d %b %Y")
    asked = auth.post(url, {"action": "answer", "answered_on": TODAY.date().isoformat(), "date_from_mail": "1",
                            "files": [(io.BytesIO(_mail(f"{day} 00:01:00 +0100")), "SV- Remiss.eml")]},
                      form_url=url, content_type="multipart/form-data")
    shown = " ".join(asked.get_data(as_text=True).split())
    assert "E-postmeddelandet med svaret skickades" in shown and "före utskicket" in shown, shown[:3000]
    session.expire_all()
    assert remisser.entries(session, rid)[0].answer_status != "svarat"
