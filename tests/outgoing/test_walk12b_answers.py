"""walk12b: the answers of an utgående remiss as the sammanställning holds them – an e-mailed answer without its
greeting and signature (#15), and a saved sammanställning that an answer registered later makes out of date (#5)."""
from __future__ import annotations

import io
from datetime import date, datetime
from email.message import EmailMessage

from docx import Document

from remiss import files
from remiss.auth.access import Principal
from remiss.clock import STOCKHOLM
from remiss.outgoing import reading
from remiss.outgoing.service import answers, lifecycle, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def _sent(session, app):
    namnd = make_namnd(session)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 12, 1),
                         deadline_on=date(2026, 12, 18), deadline_time=None, questions=["Fråga?"],
                         sandlista=[SandlistaItem("Miljönämnden", "miljo@malmo.example", ""),
                                    SandlistaItem("Pensionärsrådet", "pension@malmo.example", "")])
    with app.app_context():
        sending.send(session, now=at(2026, 12, 5), principal=SYSTEM, remiss=remiss,
                     files_dir=app.config["FILES_DIR"], base_url="")
    return remiss


def _reply() -> bytes:
    message = EmailMessage()
    message["From"] = "Miljönämnden <miljo@malmo.example>"
    message["To"] = "kommunstyrelsen@remiss.example"
    message["Subject"] = "SV: Remiss: Remiss av förslag till trafikplan 2027 (KS 2026/0002)"
    message["Date"] = "Mon, 07 Dec 2026 10:00:00 +0100"
    message.set_content("Hej,\n\nMiljönämnden tillstyrker förslaget men\nvill se mer cykelinfrastruktur.\n\n"
                        "Med vänlig hälsning\nMiljönämnden\nTel. 040-34 10 00\n\n"
                        "Den 5 dec. 2026 kl. 10:12 skrev Kommunstyrelsen <kommunstyrelsen@remiss.example>:\n"
                        "> Kommunstyrelsen remitterar härmed …\n")
    return bytes(message)


def _docx_text(app, attachment) -> str:
    data = files.path_of(app.config["FILES_DIR"], attachment.storage_key).read_bytes()
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_an_emailed_answer_is_its_own_words_without_greeting_signature_or_quoted_mail():
    assert reading.read_eml(_reply()).text == ("Miljönämnden tillstyrker förslaget men\n"
                                               "vill se mer cykelinfrastruktur.")
    assert reading.answer_text("Vi tillstyrker.") == "Vi tillstyrker."
    assert reading.answer_text("Hej,\nMed vänlig hälsning") == "Hej,\nMed vänlig hälsning"  # nothing else: kept


def test_the_sammanstallning_quotes_an_emailed_answer_without_hej_and_signature(session, app):
    remiss = _sent(session, app)
    miljo, _ = remisser.entries(session, remiss.id)
    answers.register_answer(session, now=at(2026, 12, 7, 11), principal=SYSTEM, remiss=remiss, entry=miljo,
                            data=AnswerData(date(2026, 12, 7), files=[("reply.eml", _reply())]),
                            files_dir=app.config["FILES_DIR"], max_bytes=10_000_000)
    with app.app_context():
        kept = lifecycle.compile_answers(session, now=at(2026, 12, 7, 12), principal=SYSTEM, remiss=remiss,
                                         files_dir=app.config["FILES_DIR"])
    text = _docx_text(app, kept)
    assert "Miljönämnden tillstyrker förslaget men\nvill se mer cykelinfrastruktur." in text
    assert "Hej," not in text and "Med vänlig hälsning" not in text and "040-34 10 00" not in text
    assert "remitterar härmed" not in text


def test_an_answer_after_the_sammanstallning_makes_it_out_of_date_and_unpublishable(session, app):
    from remiss.outgoing import present
    from remiss.outgoing.service import compiled, publication
    from remiss.remisser.input import InputErrors
    import pytest

    remiss = _sent(session, app)
    miljo, pension = remisser.entries(session, remiss.id)
    files_dir = app.config["FILES_DIR"]
    answers.register_answer(session, now=at(2026, 12, 7, 11), principal=SYSTEM, remiss=remiss, entry=miljo,
                            data=AnswerData(date(2026, 12, 7), summary="Vi tillstyrker."),
                            files_dir=files_dir, max_bytes=1)
    with app.app_context():
        kept = lifecycle.compile_answers(session, now=at(2026, 12, 7, 12), principal=SYSTEM, remiss=remiss,
                                         files_dir=files_dir)
    assert compiled.changed_since(session, remiss.id, kept) == []
    # the saved document holds Miljönämnden only, and the history says so
    text = _docx_text(app, kept)
    assert "Vi tillstyrker." in text and "Pensionärsrådet" in text.split("inte har svarat")[-1]
    # Pensionärsrådet answers by post after the compilation (the clock of that moment even earlier: by id)
    answers.register_answer(session, now=at(2026, 12, 7, 11, 30), principal=SYSTEM, remiss=remiss, entry=pension,
                            data=AnswerData(date(2026, 12, 7), summary="Vi vill ha fler bänkar."),
                            files_dir=files_dir, max_bytes=1)
    assert compiled.changed_since(session, remiss.id, kept) == ["Pensionärsrådet"]
    panel = present.panel(session, SYSTEM, remiss, at(2026, 12, 8))
    assert panel["compiled_stale"] == ("Sammanställningen är äldre än svaret från Pensionärsrådet – "
                                       "sammanställ igen.")
    assert panel["next_step"].startswith("Sammanställningen är äldre än svaret från Pensionärsrådet")
    assert not next(c for c in panel["publish_choices"] if c["id"] == kept.id)["checked"]
    with pytest.raises(InputErrors) as refused:
        publication.publish(session, now=at(2026, 12, 8), principal=SYSTEM, remiss=remiss,
                            attachment_ids=[kept.id])
    assert "äldre än svaret från Pensionärsrådet" in refused.value.errors["attachment_ids"]
    # compiled again: up to date, pre-selected and publishable
    with app.app_context():
        again = lifecycle.compile_answers(session, now=at(2026, 12, 8), principal=SYSTEM, remiss=remiss,
                                          files_dir=files_dir)
    assert "Vi vill ha fler bänkar." in _docx_text(app, again)
    panel = present.panel(session, SYSTEM, remiss, at(2026, 12, 8))
    assert panel["compiled_stale"] == "" and panel["next_step"] == ""
    assert next(c for c in panel["publish_choices"] if c["id"] == again.id)["checked"]
    publication.publish(session, now=at(2026, 12, 8), principal=SYSTEM, remiss=remiss, attachment_ids=[again.id])


def test_the_page_warns_after_an_answer_on_a_compiled_remiss(session, app, auth, client, clock):
    from remiss.auth.models import Role
    from tests.support.factories import make_user

    remiss = _sent(session, app)
    miljo, pension = remisser.entries(session, remiss.id)
    with app.app_context():
        lifecycle.compile_answers(session, now=at(2026, 12, 7, 12), principal=SYSTEM, remiss=remiss,
                                  files_dir=app.config["FILES_DIR"])
    clock.set(at(2026, 12, 8))
    from remiss.namnd.models import Namnd
    user = make_user(session, role=Role.registrator, namnder=[session.get(Namnd, remiss.namnd_id)])
    session.commit()
    auth.login(user.email)
    url = f"/remisser/{remiss.id}/utskick/instanser/{pension.id}"
    answered = auth.post(url, {"action": "answer", "answered_on": "2026-12-08",
                               "summary": "Vi vill ha fler bänkar."}, follow_redirects=True)
    page = answered.get_data(as_text=True)
    assert answered.status_code == 200, page
    assert "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." in page
