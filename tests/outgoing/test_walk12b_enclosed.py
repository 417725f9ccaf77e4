"""walk12b #13: a missiv sent by post lists the remisshandlingar by name but a letter cannot carry the files –
the letter says they are enclosed, the page and the message after sending offer them to print with it, and the
letters' PDF carries them after the letters."""
from __future__ import annotations

import io
import shutil
from datetime import date, datetime, timezone
from html import unescape

import pytest
from docx import Document
from pypdf import PdfReader
from sqlmodel import select

from remiss import files
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.remisser import attachments
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import Attachment
from tests.support.factories import make_namnd, make_remiss, make_user


def _sent(session, client, auth, clock, *, with_handling: bool):
    clock.set(datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Kommunstyrelsen")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 8), deadline_time=None,
                         title="Trafikplan", questions=["Vad tycker ni?"],
                         sandlista=[SandlistaItem("Miljönämnden", "miljo@example.se", ""),
                                    SandlistaItem("Pensionärsrådet", "", "")])
    entry = remisser.entries(session, remiss.id)[1]
    entry.postal_address, entry.own_address = "Box 1\n205 00 Malmö", True
    session.add(entry)
    handling_id = None
    if with_handling:
        handling_id = attachments.add(session, now=clock.now, principal=Principal.system(), remiss=remiss,
                                      filename="trafikplan.pdf", data=b"%PDF-1.4\n%plan\n",
                                      files_dir=client.application.config["FILES_DIR"], max_bytes=10 ** 6).id
    rid = remiss.id
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{rid}"
    response = auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page, follow_redirects=True)
    letters = session.exec(select(Attachment).where(Attachment.remiss_id == rid, Attachment.purpose == "brev")).one()
    doc = Document(io.BytesIO(files.path_of(client.application.config["FILES_DIR"], letters.storage_key).read_bytes()))
    return unescape(response.get_data(as_text=True)), "\n".join(p.text for p in doc.paragraphs), handling_id


def test_the_letter_says_the_handlingar_are_enclosed_and_the_page_offers_them_to_print(session, client, auth, clock):
    page, letter, handling_id = _sent(session, client, auth, clock, with_handling=True)
    assert "Bilaga: trafikplan.pdf. Remisshandlingarna bifogas detta brev i utskrift." in letter
    assert "skriv ut breven (”Brev med missivet att skriva ut”) och lägg remisshandlingarna i varje brev" in page
    enclose = page.split('id="enclose"', 1)[1].split("</div>", 1)[0]
    assert "Skriv ut remisshandlingarna och lägg dem i varje brev" in enclose
    assert f'href="/filer/{handling_id}">trafikplan.pdf</a>' in enclose


def test_without_handlingar_nothing_is_said_to_be_enclosed(session, client, auth, clock):
    page, letter, _ = _sent(session, client, auth, clock, with_handling=False)
    assert "bifogas" not in letter and 'id="enclose"' not in page
    assert "lägg remisshandlingarna" not in page


@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice saknas")
def test_the_letters_pdf_carries_the_handlingar_after_the_letters(session, client, auth, clock):
    """The PDF to print had the letters only: now each readable remisshandling follows them (a Word file
    converted, a PDF as it is), and one that cannot be put in is named on the next page."""
    clock.set(datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc))
    namnd = make_namnd(session, name="Kommunstyrelsen")
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 8), deadline_time=None,
                         title="Trafikplan", questions=["Vad tycker ni?"],
                         sandlista=[SandlistaItem("Pensionärsrådet", "", "")])
    entry = remisser.entries(session, remiss.id)[0]
    entry.postal_address, entry.own_address = "Box 1\n205 00 Malmö", True
    session.add(entry)
    handling = Document()
    handling.add_paragraph("Trafikplanen i sin helhet: fler cykelbanor.")
    buffer = io.BytesIO()
    handling.save(buffer)
    files_dir = client.application.config["FILES_DIR"]
    for filename, data in (("trafikplan.docx", buffer.getvalue()), ("karta.png", b"\x89PNG\r\n\x1a\n")):
        attachments.add(session, now=clock.now, principal=Principal.system(), remiss=remiss, filename=filename,
                        data=data, files_dir=files_dir, max_bytes=10 ** 6)
    rid = remiss.id
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{rid}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    response = client.get(f"{page}/utskick/brev.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.get_data())).pages]
    letter = next(i for i, t in enumerate(texts) if "Pensionärsrådet" in t)
    assert "Bilagor: trafikplan.docx och karta.png." in " ".join(texts)  # the letter lists them all
    # old code: the PDF ended with the letter
    assert any("Trafikplanen i sin helhet: fler cykelbanor." in t for t in texts[letter + 1:]), texts
    shown = " ".join(unescape(client.get(page).get_data(as_text=True)).split())
    assert ("karta.png kunde inte tas med i PDF-filen med breven: skriv ut den för sig och lägg i varje brev."
            in shown)
