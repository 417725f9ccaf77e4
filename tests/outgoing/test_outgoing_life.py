"""The services of an outgoing remiss's own life, on a real database: addresses read from the register until
sending, mixed delivery (mail and printed letters), the status path, answers from .eml files, publication."""
from __future__ import annotations

import io
from datetime import date, datetime
from email.message import EmailMessage

import pytest
from docx import Document
from sqlmodel import select

from remiss import files
from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.outgoing import reading
from remiss.outgoing.models import Organisation
from remiss.outgoing.service import addresses, answers, closing, lifecycle, missiv_doc, publication, remisstid, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.reminders.models import OutboxMessage
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors, SandlistaItem
from remiss.remisser.models import Attachment
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


@pytest.fixture
def outgoing(session):
    namnd = make_namnd(session, chase_workdays_before="5", chase_workdays_after="2")
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 11, 2),
                         deadline_on=date(2026, 12, 4), deadline_time=None, questions=["Fråga?"],
                         sandlista=[SandlistaItem("Förening Mejl", "", "Föreningar"),
                                    SandlistaItem("Förening Post", "", "Föreningar"),
                                    SandlistaItem("Förening Okänd", "", "Föreningar")])
    session.commit()
    return remiss


def _org(session, name) -> Organisation:
    return session.exec(select(Organisation).where(Organisation.name == name)).one()


def _send(session, outgoing, app) -> sending.Sent:
    """One instans by e-mail, two by post, sent on 3 November 2026."""
    _org(session, "Förening Mejl").email = "mejl@forening.example"
    for name in ("Förening Post", "Förening Okänd"):
        _org(session, name).postal_address = "Box 1\n211 00 Malmö"
    with app.app_context():
        return sending.send(session, now=at(2026, 11, 3), principal=SYSTEM, remiss=outgoing,
                            files_dir=app.config["FILES_DIR"], base_url="")


def test_an_outgoing_remiss_starts_as_utkast_and_cannot_be_sent_without_addresses(session, outgoing, app):
    assert outgoing.status == "utkast"
    with app.app_context(), pytest.raises(InputErrors) as exc:
        sending.send(session, now=at(2026, 11, 3), principal=SYSTEM, remiss=outgoing, files_dir=app.config["FILES_DIR"],
                     base_url="")
    assert "Adress saknas för Förening Mejl, Förening Post, Förening Okänd" in exc.value.errors["sandlista"]


def test_the_register_is_read_until_sending_then_what_was_sent_is_kept(session, outgoing, app):
    # The register gets addresses after the remiss was made (an import): the sändlista follows it.
    _org(session, "Förening Mejl").email = "mejl@forening.example"
    _org(session, "Förening Post").postal_address = "Box 1\n211 00 Malmö"
    entries = remisser.entries(session, outgoing.id)
    assert [addresses.current(session, entries)[e.id] for e in entries] == [
        ("mejl@forening.example", ""), ("", "Box 1\n211 00 Malmö"), ("", "")]
    okand = entries[2]
    changed = addresses.set_address(session, now=at(2026, 11, 3), principal=SYSTEM, remiss=outgoing, entry=okand,
                                    email="", postal_address="  Storgatan 1 \n\n 211 22 Malmö ", in_register=True)
    assert changed and _org(session, "Förening Okänd").postal_address == "Storgatan 1\n211 22 Malmö"
    with app.app_context():
        sent = sending.send(session, now=at(2026, 11, 3), principal=SYSTEM, remiss=outgoing,
                            files_dir=app.config["FILES_DIR"], base_url="")
    assert (sent.mailed, sent.posted) == (1, 2) and outgoing.status == "skickad"
    entries = remisser.entries(session, outgoing.id)
    assert [(e.email, e.delivery) for e in entries] == [("mejl@forening.example", "epost"), ("", "post"), ("", "post")]
    mails = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == outgoing.id,
                                                     OutboxMessage.kind == sending.MISSIV_KIND)).all()
    assert [m.recipient_email for m in mails] == ["mejl@forening.example"]
    # The letters: one Word file, the missiv under each address block, each letter a section of its own (walk17 F17).
    letters = Document(io.BytesIO(files.path_of(app.config["FILES_DIR"], sent.letters.storage_key).read_bytes()))
    text = [p.text for p in letters.paragraphs]
    assert text[:3] == ["Förening Post", "Box 1", "211 00 Malmö"]
    assert "Förening Okänd" in text and "Storgatan 1" in text
    assert len(letters.sections) == 2
    # After sending, the register no longer changes what was sent.
    _org(session, "Förening Mejl").email = "ny@forening.example"
    session.flush()
    entries = remisser.entries(session, outgoing.id)
    assert addresses.current(session, entries)[entries[0].id] == ("mejl@forening.example", "")


def test_an_address_fixed_without_register_rights_stays_on_the_remiss(session, outgoing):
    handlaggare = make_user(session, role=Role.handlaggare, namnder=[])
    from remiss.auth.models import NamndMembership
    session.add(NamndMembership(user_id=handlaggare.id, namnd_id=outgoing.namnd_id))
    session.flush()
    who = Principal.of(session, handlaggare)
    entry = remisser.entries(session, outgoing.id)[0]
    org = _org(session, "Förening Mejl")
    org.namnd_id = None  # in the shared register: only a registrator or admin changes it
    with pytest.raises(InputErrors) as exc:
        addresses.set_address(session, now=at(2026, 11, 3), principal=who, remiss=outgoing, entry=entry,
                              email="hand@forening.example", postal_address="", in_register=True)
    assert exc.value.errors["in_register"] == ("Med rollen Handläggare kan du inte ändra registret över remissinstanser: "
                                               "det gör registratorer. Adressen kan sparas på den här remissen.")
    assert not addresses.set_address(session, now=at(2026, 11, 3), principal=who, remiss=outgoing, entry=entry,
                                     email="hand@forening.example", postal_address="", in_register=False)
    org.email = "register@forening.example"
    addresses.refresh_unsent(session, [entry])
    assert entry.email == "hand@forening.example" and entry.own_address  # the hand-set one is not overwritten
    with pytest.raises(InputErrors) as exc:
        addresses.set_address(session, now=at(2026, 11, 3), principal=who, remiss=outgoing, entry=entry,
                              email="inte en adress", postal_address="", in_register=False)
    assert "giltig e-postadress" in exc.value.errors["email"]


def _mail_answer() -> bytes:
    message = EmailMessage()
    message["From"] = "mejl@forening.example"
    message["Subject"] = "Svar"
    message["Date"] = "Mon, 07 Dec 2026 23:30:00 +0000"  # 8 December in Stockholm: after the deadline
    message.set_content("Vi tillstyrker.")
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="Yttrande.pdf")
    return bytes(message)


def test_reading_an_eml_and_a_broken_one():
    mail = reading.read_eml(_mail_answer())
    assert (mail.sent_on, mail.text, [n for n, _ in mail.files]) == (date(2026, 12, 8), "Vi tillstyrker.",
                                                                     ["Yttrande.pdf"])
    broken = reading.read_eml(b"\xff\xfe inte ett mejl\nDate: i morgon")  # never an exception
    assert (broken.sent_on, broken.files) == (None, [])


def test_the_status_path_with_a_late_answer_from_an_eml(session, outgoing, app):
    _send(session, outgoing, app)
    files_dir = app.config["FILES_DIR"]
    assert not lifecycle.sync_deadline(session, now=at(2026, 12, 4, 23, 0), remiss=outgoing)  # the last day
    assert lifecycle.sync_deadline(session, now=at(2026, 12, 5, 0, 1), remiss=outgoing)
    assert outgoing.status == "svarstiden_ute"
    entries = remisser.entries(session, outgoing.id)
    answers.register_answer(session, now=at(2026, 12, 9), principal=SYSTEM, remiss=outgoing, entry=entries[0],
                            data=AnswerData(answered_on=date(2026, 12, 9), date_from_mail=True,
                                            files=[("svar.eml", _mail_answer())]),
                            files_dir=files_dir, max_bytes=10_000_000)
    assert entries[0].answered_on == date(2026, 12, 8) and entries[0].summary == "Vi tillstyrker."
    assert answers.is_late(outgoing, entries[0])  # flagged, not refused
    saved = session.exec(select(Attachment.filename).where(Attachment.sandlista_entry_id == entries[0].id)).all()
    assert sorted(saved) == ["Yttrande.pdf", "svar.eml"]
    # A general extension moves the remiss back to skickad; then compile, publish and close.
    remisstid.general_extension(session, now=at(2026, 12, 9), principal=SYSTEM, remiss=outgoing,
                              until_on=date(2026, 12, 18), until_time=None, files_dir=files_dir)
    assert outgoing.status == "skickad"
    with pytest.raises(InputErrors):
        closing.close(session, now=at(2026, 12, 10), principal=SYSTEM, remiss=outgoing)
    with app.app_context():
        kept = lifecycle.compile_answers(session, now=at(2026, 12, 21), principal=SYSTEM, remiss=outgoing,
                                         files_dir=files_dir)
    assert outgoing.status == "sammanstalld" and kept.filename.startswith("Remissammanställning ")
    pending = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == outgoing.id,
                                                       OutboxMessage.kind == "outgoing_chaser",
                                                       OutboxMessage.status == "pending")).all()
    assert pending == []  # no chasers once the answers are compiled
    missiv = missiv_doc.current_missiv(session, outgoing.id)
    shown = publication.publish(session, now=at(2026, 12, 21), principal=SYSTEM, remiss=outgoing,
                                attachment_ids=[kept.id, 999_999], intro="Inkomna remissvar.")
    assert [f.attachment_id for f in publication.files_of(session, outgoing.id)] == [kept.id]
    assert shown.intro == "Inkomna remissvar."
    from remiss.outgoing import present
    assert present.is_published_file(session, outgoing.id, kept.id) is not None
    assert present.is_published_file(session, outgoing.id, missiv.id) is None
    closing.close(session, now=at(2026, 12, 22), principal=SYSTEM, remiss=outgoing)
    assert outgoing.status == "avslutad"


def test_compilation_file_name_keeps_the_prefix_without_line_breaks():
    from remiss.outgoing.compilation import file_name
    from remiss.remisser.models import Remiss

    assert file_name(Remiss(id=8, our_dnr="SOFÖ 2026-0008", title="x", namnd_id=1)) == \
        "Remissammanställning SOFÖ 2026-0008.docx"
    assert file_name(Remiss(id=8, our_dnr="KS\r\n2026/8", title="x", namnd_id=1)) == "Remissammanställning KS 2026-8.docx"


def test_the_officer_is_told_the_morning_after_the_svarstid_ran_out(session, outgoing, app, runner, smtp):
    """A reminder speaking of outgoing work: built when sent, it says who has and has not answered."""
    from tests.outgoing.conftest import run_sweep

    officer = make_user(session, role=Role.registrator, namnder=[], email="sekr@malmo.se")
    outgoing.handlaggare_id = officer.id
    _send(session, outgoing, app)
    notices = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "outgoing_deadline")).all()
    assert [(n.recipient_email, n.recipient_user_id, n.due_at.astimezone(STOCKHOLM)) for n in notices] == [
        ("sekr@malmo.se", officer.id, at(2026, 12, 7, 8, 0))]  # Friday 4 December ran out: Monday 08.00
    entries = remisser.entries(session, outgoing.id)
    answers.decline(session, now=at(2026, 11, 20), principal=SYSTEM, remiss=outgoing, entry=entries[1],
                    answered_on=date(2026, 11, 20))
    session.commit()
    sent = run_sweep(runner, smtp, at(2026, 12, 7, 8, 5))
    told = [m for rcpts, m in sent if m["X-Remiss-Kind"] == "outgoing_deadline"]
    assert len(told) == 1 and told[0]["To"] == "sekr@malmo.se"
    assert "0 av 3 har svarat" in told[0]["Subject"]
    body = told[0].get_body(("plain",)).get_content()
    assert "Inte svarat än: Förening Mejl, Förening Okänd." in body and "och 1 avstår" in body


def test_changing_the_sandlista_after_sending_keeps_what_was_sent(session, outgoing, app):
    """The edit form's sändlista on an outgoing remiss adds and removes entries; it never re-creates them (which
    would lose answers and send the missiv twice), and one already sent to stays."""
    _send(session, outgoing, app)
    before = {e.name: (e.id, e.sent_at) for e in remisser.entries(session, outgoing.id)}
    names = ["Ny förening", "Förening Mejl", "Förening Post", "Förening Okänd"]
    remisser.update(session, now=at(2026, 11, 4), principal=SYSTEM, remiss=outgoing,
                    changes={"sandlista": [SandlistaItem(n) for n in names]})
    after = remisser.entries(session, outgoing.id)
    assert [e.name for e in after] == names
    assert {e.name: (e.id, e.sent_at) for e in after if e.name in before} == before
    assert after[0].sent_at is None and _org(session, "Ny förening").namnd_id == outgoing.namnd_id
    with pytest.raises(InputErrors) as exc:
        remisser.update(session, now=at(2026, 11, 4), principal=SYSTEM, remiss=outgoing,
                        changes={"sandlista": [SandlistaItem("Ny förening")]})
    assert "Förening Mejl" in exc.value.errors["sandlista"]


def test_instanser_not_in_the_register_are_typed_on_the_new_form(session, client, auth):
    namnd = make_namnd(session)
    make_user(session, role=Role.registrator, namnder=[namnd], email="reg@malmo.se")
    session.commit()
    auth.login("reg@malmo.se")
    form = {"title": "Riktlinjer", "namnd_id": str(namnd.id), "deadline_on": "2026-12-18",
            "new_instanser": "Scoutkåren Tallen\nPRO Öster; inte-en-adress"}
    response = auth.post("/remisser/ny-utgaende", form, form_url="/remisser/ny-utgaende")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Rad 2:" in page and "PRO Öster; inte-en-adress" in page  # what was typed is kept
    form["new_instanser"] = "Scoutkåren Tallen\nPRO Öster; pro@example.se"
    response = auth.post("/remisser/ny-utgaende", form, form_url="/remisser/ny-utgaende")
    assert response.status_code == 302
    remiss_id = int(response.headers["Location"].split("/remisser/")[1].split("#")[0])
    entries = remisser.entries(session, remiss_id)
    assert [(e.name, e.email) for e in entries] == [("Scoutkåren Tallen", ""), ("PRO Öster", "pro@example.se")]


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_the_letters_as_pdf(session, outgoing, app, client, auth):
    from pypdf import PdfReader

    make_user(session, role=Role.registrator, namnder=[], email="pdf@malmo.se", name="Pia")
    from remiss.auth.models import NamndMembership, User
    user = session.exec(select(User).where(User.email == "pdf@malmo.se")).one()
    session.add(NamndMembership(user_id=user.id, namnd_id=outgoing.namnd_id))
    for name in ("Förening Mejl", "Förening Post", "Förening Okänd"):
        _org(session, name).postal_address = "Box 1\n211 00 Malmö"
    session.commit()
    auth.login("pdf@malmo.se")
    assert client.get(f"/remisser/{outgoing.id}/utskick/brev.pdf").status_code == 404  # nothing sent yet
    assert auth.post(f"/remisser/{outgoing.id}/utskick/skicka", {"confirm_send": "1"},
                     form_url=f"/remisser/{outgoing.id}").status_code == 302
    response = client.get(f"/remisser/{outgoing.id}/utskick/brev.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.get_data())).pages
    assert len(pages) >= 3 and "Förening Okänd" in pages[-1].extract_text()


def test_the_daily_command_marks_the_svarstid_as_run_out(session, outgoing, app, runner, db):
    _send(session, outgoing, app)
    session.commit()
    result = runner.invoke(args=["outgoing", "chasers", "--now", "2026-12-05T06:00"])
    assert result.exit_code == 0 and "1 remiss bytte status" in result.output, result.output
    reader = db.session(write=False)
    from remiss.remisser.models import Remiss
    assert reader.get(Remiss, outgoing.id).status == "svarstiden_ute"
    reader.close()
    assert "0 remisser bytte status" in runner.invoke(args=["outgoing", "chasers", "--now", "2026-12-06"]).output


def test_skickad_is_reached_only_by_sending(session, outgoing, app):
    """Choosing "Skickad" (a PATCH, or a form) would tell the sekreterare the instanser have the remiss."""
    from remiss.remisser.status import TransitionError

    with pytest.raises(TransitionError, match="sätts när remissen skickas"):
        remisser.change_status(session, now=at(2026, 11, 3), principal=SYSTEM, remiss=outgoing, new="skickad")
    assert outgoing.status == "utkast"
    _send(session, outgoing, app)
    assert outgoing.status == "skickad"
