"""What an outgoing remiss says about itself: its page in outgoing terms, the missiv's contact line and the
sammanställning's summary per remissinstans (reopened with python-docx)."""
from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from docx import Document
from sqlmodel import select

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.clock import STOCKHOLM
from remiss.documents import render_document
from remiss.outgoing.models import Organisation
from remiss.outgoing.service import answers, missiv_doc, sending
from remiss.outgoing.service.answers import AnswerData
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user

SYSTEM = Principal.system()


def at(y, m, d, hh=9, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


@pytest.fixture
def outgoing(session):
    namnd = make_namnd(session, name="Kulturnämnden")
    admin = make_user(session, role=Role.admin)
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", now=at(2026, 11, 2), title="Kulturstrategi",
                         remittent="", deadline_on=date(2026, 12, 4), deadline_time=None, questions=["Fråga ett?"],
                         contact_person="Jesper Lindkvist", contact_email="",
                         sandlista=[SandlistaItem("Förening A", "", "Föreningar"),
                                    SandlistaItem("Förening B", "", "Föreningar"),
                                    SandlistaItem("Nämnd C", "", "Nämnder"),
                                    SandlistaItem("Nämnd D", "", "Nämnder")])
    for org in session.exec(select(Organisation)):
        org.email = f"{org.name.replace(' ', '').lower()}@example.se"
    session.commit()
    return {"remiss": remiss, "admin": admin}


def _send(session, remiss, app):
    with app.app_context():
        sending.send(session, now=at(2026, 11, 3), principal=SYSTEM, remiss=remiss, files_dir=app.config["FILES_DIR"],
                     base_url="")
    session.commit()


def _facts(html: str) -> str:
    return html[html.index('id="h-oversikt"'):html.index("<h3>Frågeställningar</h3>")]


def test_the_page_of_an_outgoing_remiss_speaks_of_sending_not_receiving(session, outgoing, auth, app):
    remiss = outgoing["remiss"]
    auth.login(outgoing["admin"].email)
    facts = _facts(auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert "<dt>Skickad</dt><dd>Inte skickad ännu</dd>" in facts
    assert "<dt>Svarstid</dt><dd>till 4 december 2026</dd>" in facts
    assert "<dt>Remitterande nämnd</dt><dd>Kulturnämnden</dd>" in facts
    for incoming in ("<dt>Remittent</dt>", "<dt>Inkom</dt>", "Remittentens diarienummer"):
        assert incoming not in facts
    _send(session, remiss, app)
    facts = _facts(auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert "<dt>Skickad</dt><dd>3 november 2026</dd>" in facts
    assert "<dt>Svarstid</dt><dd>3 november 2026 – 4 december 2026 (31 dagar)</dd>" in facts


def test_an_incoming_remiss_keeps_remittent_and_inkom(session, auth):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.admin)
    remiss = make_remiss(session, namnd=namnd, received_on=date(2026, 11, 20))
    session.commit()
    auth.login(user.email)
    facts = _facts(auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True))
    assert "<dt>Remittent</dt><dd>Kommunstyrelsen</dd>" in facts and "<dt>Inkom</dt><dd>20 november 2026</dd>" in facts
    assert "<dt>Skickad</dt>" not in facts


@pytest.mark.parametrize("days, words", [(1, "1 dag"), (6, "6 dagar"), (7, "1 vecka"), (42, "6 veckor"),
                                         (43, "43 dagar")])
def test_svarstid_in_swedish(days, words):
    from datetime import timedelta
    from types import SimpleNamespace

    from remiss.remisser.present import outgoing_facts

    remiss = SimpleNamespace(sent_at=at(2026, 11, 3), effective_deadline_on=date(2026, 11, 3) + timedelta(days=days),
                             effective_deadline_time=None, answer_email="")
    assert outgoing_facts(remiss).svarstid.endswith(f"({words})")


def _contact_line(data: bytes) -> str:
    paragraphs = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    return paragraphs[paragraphs.index("Kontaktperson") + 1]


def test_the_missiv_joins_only_the_contact_details_that_exist(session, outgoing, auth, app):
    remiss = outgoing["remiss"]
    context = missiv_doc.missiv_context(session, now=at(2026, 11, 3), remiss=remiss)
    assert _contact_line(render_document("missiv", context)) == "Jesper Lindkvist"
    remiss.contact_email = "jesper.lindkvist@example.se"
    context = missiv_doc.missiv_context(session, now=at(2026, 11, 3), remiss=remiss)
    assert _contact_line(render_document("missiv", context)) == "Jesper Lindkvist, jesper.lindkvist@example.se"
    assert missiv_doc.contact("Ivana Baukart", "", titel="Utvecklingssekreterare", telefon="040-34 10 00")["rad"] == \
        "Ivana Baukart, Utvecklingssekreterare, telefon 040-34 10 00"
    assert missiv_doc.contact("", "")["rad"] == ""
    # the missiv the sending keeps on the remiss, too
    _send(session, remiss, app)
    auth.login(outgoing["admin"].email)
    html = auth.client.get(f"/remisser/{remiss.id}").get_data(as_text=True)
    kept = missiv_doc.current_missiv(session, remiss.id)
    line = _contact_line(auth.client.get(f"/filer/{kept.id}").data) if kept else None
    assert kept is not None and "Jesper Lindkvist" in html and line == "Jesper Lindkvist, jesper.lindkvist@example.se"


def test_the_sammanstallning_gives_each_instans_in_short(session, outgoing, auth, app):
    remiss = outgoing["remiss"]
    _send(session, remiss, app)
    entries = {e.name: e for e in remisser.entries(session, remiss.id)}
    question = remisser.questions_of(session, remiss.id)[0]

    def answer(name, **values):
        answers.register_answer(session, now=at(2026, 11, 20), principal=SYSTEM, remiss=remiss, entry=entries[name],
                                data=AnswerData(answered_on=date(2026, 11, 20), **values),
                                files_dir=app.config["FILES_DIR"], max_bytes=10_000_000)

    answer("Förening A", summary="Tillstyrker **med förbehåll**:\n- en budget\n- en tidplan",
           answers={question.id: "Ja, med en budget."}, other_comments="Tack för möjligheten.")
    answer("Nämnd C", no_comments=True)
    answer("Förening B", answers={question.id: "Nej."})  # no summary registered: not in the short list
    session.commit()
    auth.login(outgoing["admin"].email)
    response = auth.client.get(f"/remisser/{remiss.id}/utskick/sammanstallning.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    lines = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    start = lines.index(("Heading 2", "Svaren i korthet"))
    end = lines.index(("Heading 2", "Fråga ett?"))
    assert lines[start + 1:end] == [
        ("Heading 3", "Förening A (Föreningar)"), ("Normal", "Tillstyrker med förbehåll:"),
        ("List Bullet", "en budget"), ("List Bullet", "en tidplan"),
        ("Heading 3", "Nämnd C (Nämnder)"), ("Normal", "Inga synpunkter."),
    ]
    bold = [r.text for p in document.paragraphs if p.text == "Tillstyrker med förbehåll:" for r in p.runs if r.bold]
    assert bold == ["med förbehåll"]
    # the answers under the question and the övriga synpunkter are still there, the summary not repeated
    text = "\n".join(t for _, t in lines)
    assert "Ja, med en budget." in text and "Nej." in text and text.count("Tack för möjligheten.") == 1
    assert text.count("en tidplan") == 1


@pytest.mark.parametrize("stats, running, said", [
    ({"total": 1, "answered": 1, "declined": 0, "waiting": 0, "percent": 100}, False,
     "Remissen skickades till 1 remissinstans: 1 har svarat (100 procent)."),
    ({"total": 2, "answered": 1, "declined": 0, "waiting": 1, "percent": 50}, True,
     "Remissen skickades till 2 remissinstanser: 1 har svarat (50 procent) och 1 har ännu inte svarat."),
    ({"total": 4, "answered": 1, "declined": 1, "waiting": 2, "percent": 25}, False,
     "Remissen skickades till 4 remissinstanser: 1 har svarat (25 procent), 1 avstår och 2 har inte svarat."),
    ({"total": 3, "answered": 0, "declined": 0, "waiting": 3, "percent": 0}, True,
     "Remissen skickades till 3 remissinstanser: ingen har svarat."),
])
def test_the_sammanstallning_counts_in_swedish(stats, running, said):
    from remiss.documents.fields import sample_context
    from remiss.outgoing.compilation import _counts_text

    from remiss.outgoing.overview import tally

    # counted by the one rule (walk22 L6: those asked, an avstår before the utskick apart)
    counted = tally({"svarat": stats["answered"], "avstar": stats["declined"], "ej_svarat": stats["waiting"]})
    assert (counted["total"], counted["percent"]) == (stats["total"], stats["percent"])
    assert _counts_text(counted, running) == said
    context = sample_context("sammanstallning")
    context["statistik"] = dict(context["statistik"], text=said)
    text = "\n".join(p.text for p in Document(io.BytesIO(render_document("sammanstallning", context))).paragraphs)
    assert said in text
