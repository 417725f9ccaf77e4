"""walk26 W9: an instans's mailed answer "… har inga synpunkter på förslaget" was registered from the Inkorg as
Svarat with the sentence as summary and Inga synpunkter not set, so the sammanställning said under every question
"Svaret på frågan är inte registrerat för sig; det finns i den bifogade filen ….eml". The Inkorg now proposes the
box Inga synpunkter (ticked; the registrator confirms by registering, or unticks it), and the sammanställning
(.docx and the instans's page) says "inga synpunkter" under the questions. A longer answer is not proposed so."""
from __future__ import annotations

import io
from datetime import datetime
from email.message import EmailMessage
from html import unescape

import docx

from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.remisser import service as remisser
from tests.intake.test_outgoing_reply import _receive, _sent_remiss
from tests.support.factories import make_user


def _mail(dnr: str, text: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Miljönämnden <miljo@malmo.example>"
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = f"SV: Remiss: Remiss av förslag till trafikplan 2027 ({dnr})"
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message["Message-ID"] = f"<svar-{abs(hash(text))}@malmo.example>"
    message.set_content(f"Hej,\n\n{text}\n\nMed vänlig hälsning\nAnna Berg\nMiljönämnden\n")
    return bytes(message)


def _inbox_page(session, db, app, auth, clock, text):
    clock.set(datetime(2026, 12, 7, 11, 0, tzinfo=STOCKHOLM))
    namnd, remiss = _sent_remiss(session, app)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    miljo = remisser.entries(session, remiss.id)[0]
    ids = (remiss.id, miljo.id, remiss.our_dnr)
    session.commit()
    message_id = _receive(db, app, _mail(ids[2], text))
    auth.login(user.email)
    page = " ".join(unescape(auth.client.get(f"/inkorg/{message_id}").get_data(as_text=True)).split())
    return page, message_id, ids


def _docx_lines(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text.strip() for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text.strip() for cell in row.cells]
    return [line for line in lines if line]


def test_a_mailed_no_comments_answer_is_proposed_and_compiled_as_inga_synpunkter(session, db, app, auth, clock):
    page, message_id, (rid, entry_id, dnr) = _inbox_page(
        session, db, app, auth, clock, "Miljönämnden har inga synpunkter på förslaget till trafikplan, er beteckning "
        "KS 2026/0001.")
    assert ('<input type="checkbox" id="reply-no-comments" name="no_comments" value="1" checked '
            'aria-describedby="reply-no-comments-why">') in page, page[:5000]
    assert ("Förslag: meddelandet säger bara att Miljönämnden inte har några synpunkter, så svaret registreras som "
            "”Inga synpunkter”. Ta bort krysset om det inte stämmer.") in page
    with db.transaction() as s:  # proposed, nothing registered by itself
        assert remisser.entries(s, rid)[0].answer_status == "ej_svarat"

    done = auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": rid, "entry_id": entry_id, "no_comments": "1"},
                     form_url=f"/inkorg/{message_id}", follow_redirects=True)
    said = " ".join(unescape(done.get_data(as_text=True)).split())
    assert f"Svaret från Miljönämnden är registrerat på {dnr} som ”Inga synpunkter”" in said
    session.expire_all()
    miljo = remisser.entries(session, rid)[0]
    assert (miljo.answer_status, miljo.no_comments) == ("svarat", True)  # Old code: no_comments False
    session.close()

    entry_page = unescape(auth.client.get(f"/remisser/{rid}/utskick/instanser/{entry_id}").get_data(as_text=True))
    assert "inte registrerat för sig" not in entry_page
    lines = _docx_lines(auth.client.get(f"/remisser/{rid}/utskick/sammanstallning.docx").data)
    assert not any("inte registrerat för sig" in line for line in lines), lines
    question = lines.index("Fråga?")
    assert lines[question + 1:question + 3] == ["Miljönämnden", "Inga synpunkter."], lines


def test_a_longer_answer_is_not_proposed_and_unticked_registers_as_before(session, db, app, auth, clock):
    page, message_id, (rid, entry_id, _) = _inbox_page(
        session, db, app, auth, clock, "Miljönämnden har inga synpunkter på avsnitt 3 men vill se fler cykelbanor.")
    assert '<input type="checkbox" id="reply-no-comments" name="no_comments" value="1">' in page
    assert "Förslag: meddelandet säger bara" not in page
    assert auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": rid, "entry_id": entry_id},
                     form_url=f"/inkorg/{message_id}").status_code == 302
    session.expire_all()
    assert remisser.entries(session, rid)[0].no_comments is False


def test_the_inkorg_list_says_inga_synpunkter_on_its_button(session, db, app, auth, clock):
    _, message_id, (rid, entry_id, _) = _inbox_page(session, db, app, auth, clock, "Inga synpunkter.")
    listed = " ".join(unescape(auth.client.get("/inkorg").get_data(as_text=True)).split())
    assert "Registrera som svar från Miljönämnden: inga synpunkter</button>" in listed
    assert auth.post(f"/inkorg/{message_id}/svar", {"remiss_id": rid, "entry_id": entry_id, "no_comments": "1"},
                     form_url="/inkorg").status_code == 302
    with db.transaction() as s:
        assert remisser.entries(s, rid)[0].no_comments is True
