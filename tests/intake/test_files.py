"""Drop a Regeringskansliet PDF or an e-mail with attachments; the files become remisshandlingar."""
import io
import json
import re
from datetime import datetime, timezone
from pathlib import Path

from sqlmodel import select

from remiss.intake.models import IntakeBatch
from remiss.remisser.models import Attachment, Remiss, SandlistaEntry
from tests.intake.letters import RK_SANDLISTA, eml_with_pdf, promemoria_pdf, rk_pdf
from tests.intake.test_paste_seed000 import input_value, world

RECEIVED = datetime(2024, 2, 13, 9, 0, tzinfo=timezone.utc)  # the day after the letter's date


def upload(auth, files, text=""):
    return auth.post("/remisser/ny/missiv", {"text": text, "files": files}, form_url="/remisser/ny/missiv",
                     content_type="multipart/form-data")


def register(auth, page: str, form_url: str, namnd_id: int):
    names = ("title", "remittent", "sender_dnr", "deadline_on", "deadline_time", "letter_date", "contact_person",
             "sandlista", "questions", "answer_email", "copy_emails")
    values = {name: input_value(page, name) for name in names}
    values.update(direction="inkommande", kind="remiss", namnd_id=namnd_id,
                  intake_token=form_url.split("=", 1)[1])
    return auth.post(form_url, values, form_url=form_url)


def assert_rk_prefill(page: str) -> None:
    assert input_value(page, "remittent") == "Finansdepartementet"
    assert input_value(page, "sender_dnr") == "Fi2024/00345"
    assert input_value(page, "deadline_on") == "2024-05-15"
    assert input_value(page, "deadline_time") == ""
    assert input_value(page, "answer_email") == "fi.remissvar@regeringskansliet.se"
    assert input_value(page, "copy_emails") == "anna.lind@regeringskansliet.se"
    assert input_value(page, "sandlista").splitlines() == RK_SANDLISTA
    assert re.search(r'id="ev-deadline_on">Hämtat från: ”[^”]*Finansdepartementet senast den 15 maj 2024”', page)
    assert 'id="ev-remittent">Hämtat från: ”Remissvaren ska ha kommit in till Finansdepartementet”' in page
    assert 'id="ev-sender_dnr">Hämtat från: ”Ange diarienummer Fi2024/00345”' in page


def test_rk_pdf_with_promemoria_prefills_from_the_missiv_and_keeps_both_files(client, auth, session, db, clock):
    clock.set(RECEIVED)
    namnd = world(session)
    auth.login("sekr@malmo.se")
    response = upload(auth, [(io.BytesIO(promemoria_pdf()), "Promemoria.pdf"),
                             (io.BytesIO(rk_pdf()), "Remiss Fi2024-00345.pdf")])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    form_url = response.headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    assert_rk_prefill(page)
    assert "Uppgifterna är hämtade ur Remiss Fi2024-00345.pdf" in page
    assert "Promemoria.pdf" in page and "Blir remisshandlingar" in page

    response = register(auth, page, form_url, namnd.id)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        assert (remiss.remittent, remiss.sender_dnr, str(remiss.deadline_on)) == \
            ("Finansdepartementet", "Fi2024/00345", "2024-05-15")
        files = s.exec(select(Attachment).where(Attachment.remiss_id == remiss.id)).all()
        # the file the missiv was read from comes first, although it was uploaded second
        assert [f.filename for f in sorted(files, key=lambda f: f.id)] == ["Remiss Fi2024-00345.pdf", "Promemoria.pdf"]
        assert all(f.purpose == "remisshandling" for f in files)
        assert len(s.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id)).all()) == 8
    page = client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    assert "Promemoria.pdf" in page
    # The stored file is the uploaded one, byte for byte.
    attachment = next(f for f in files if f.filename == "Promemoria.pdf")
    assert client.get(f"/filer/{attachment.id}").data == promemoria_pdf()


def test_eml_attachments_become_remisshandlingar(client, auth, session, db, app, clock):
    clock.set(RECEIVED)
    namnd = world(session)
    auth.login("sekr@malmo.se")
    response = upload(auth, [(io.BytesIO(eml_with_pdf(rk_pdf())), "VB Remiss.eml")])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    form_url = response.headers["Location"]
    page = client.get(form_url).get_data(as_text=True)
    # round 28: "Hej! Bifogat finns en remiss …" is a cover note; the attached missiv is the letter and is read first
    assert_rk_prefill(page)
    assert "första hand ur bilagan Fi2024-00345 Remiss.pdf" in page
    assert "Bilagan program.exe i VB Remiss.eml sparas inte" in page
    with db.transaction() as s:
        pending = json.loads(s.exec(select(IntakeBatch)).one().files)
    assert [p["filename"] for p in pending] == ["VB Remiss.eml", "Fi2024-00345 Remiss.pdf", "Promemoria.pdf"]

    assert register(auth, page, form_url, namnd.id).status_code == 302
    with db.transaction() as s:
        remiss = s.exec(select(Remiss)).one()
        names = [f.filename for f in s.exec(select(Attachment).where(Attachment.remiss_id == remiss.id)
                                            .order_by(Attachment.id))]
        assert names == ["VB Remiss.eml", "Fi2024-00345 Remiss.pdf", "Promemoria.pdf"]
        assert s.exec(select(IntakeBatch)).all() == []
    # Pending copies are gone; only the three attachments' files remain on disk.
    assert len([p for p in Path(app.config["FILES_DIR"]).rglob("*") if p.is_file()]) == 3


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(rk_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="hemligt", owner_password="hemligt")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_bad_files_give_swedish_messages_and_keep_the_text(client, auth, session, app):
    world(session)
    auth.login("sekr@malmo.se")
    typed = "Remiss om något – texten jag skrev"
    refused = [  # refused whatever else comes with them: the typed text is kept
        (b"hej", "program.exe", "Filtypen .exe tas inte emot"),
        (b"MZ\x90\x00 program", "faktura.exe.pdf", "faktura.exe.pdf är ingen PDF-fil – det verkar vara ett program"),
        (b"", "tom.pdf", "är tom"),
    ]
    unreadable = [  # when nothing else can be read they are the error; else a warning (test_one_bad_file_…)
        (encrypted_pdf(), "skyddad.pdf", "lösenordsskyddad"),
        (b"%PDF-1.4 trasig", "trasig.pdf", "PDF-filen kunde inte läsas (den verkar vara skadad)."),
        (b"\x7fELF" + bytes(100), "virus.docx", "det verkar vara ett program"),
        (b"hej hej", "inget.pdf", "inget.pdf är ingen PDF-fil"),
        (bytes(range(256)) * 40, "skrap.txt", "inte läsbar text"),
    ]
    for data, name, message in refused + unreadable:
        response = upload(auth, [(io.BytesIO(data), name)], text=typed if (data, name, message) in refused else "")
        body = response.get_data(as_text=True)
        assert response.status_code == 400, name
        assert message in body, (name, body[body.find("error-summary"):][:500])
        assert "Stream has ended" not in body and "EOF" not in body  # the library's words stay in the log
        if (data, name, message) in refused:
            assert typed in body
    app.config["UPLOAD_MAX_BYTES"] = 2000
    response = upload(auth, [(io.BytesIO(rk_pdf() * 3), "stor.pdf")], text=typed)
    assert response.status_code == 400
    assert "gränsen är" in response.get_data(as_text=True) and typed in response.get_data(as_text=True)
    assert not [p for p in (Path(app.config["FILES_DIR"]).rglob("*")) if p.is_file()]


def test_one_bad_file_does_not_stop_the_missiv_from_being_read(client, auth, session, db, clock):
    clock.set(RECEIVED)
    world(session)
    auth.login("sekr@malmo.se")
    response = upload(auth, [(io.BytesIO(rk_pdf()), "Remiss Fi2024-00345.pdf"),
                             (io.BytesIO(encrypted_pdf()), "losenord.pdf"),
                             (io.BytesIO(b"%PDF-1.4 trasig"), "trasig.pdf")])
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert_rk_prefill(page)
    assert "losenord.pdf: PDF-filen är lösenordsskyddad och kan inte läsas. Den sparas som remisshandling" in page
    assert "trasig.pdf: PDF-filen kunde inte läsas (den verkar vara skadad). Den sparas inte" in page
    with db.transaction() as s:
        kept = [f["filename"] for f in json.loads(s.exec(select(IntakeBatch)).one().files)]
    assert kept == ["Remiss Fi2024-00345.pdf", "losenord.pdf"]
