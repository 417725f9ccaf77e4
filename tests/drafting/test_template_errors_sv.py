"""A nämnd template that cannot render for a remiss says so in Swedish, names itself and what to do (walk16 #1, #5)."""
from __future__ import annotations

from sqlmodel import select

from remiss.documents import check_template, render_document
from remiss.documents import RenderError
from remiss.namnd.models import DocumentTemplate
from tests.drafting.test_templates import build_docx, upload
from tests.support.factories import make_remiss

FIFTH_QUESTION = build_docx("Yttrande {{ titel }} {{ datum }} {{ diarienummer }} {{ remittent_diarienummer }}",
                            "Fråga: {{ fragor[4].fraga }}")
ENGLISH = ("sandbox_markup", "object has no element", "Expected an expression", "ZeroDivisionError", "division by",
           "is undefined", "end of statement block")


def test_the_check_warns_of_a_template_that_indexes_a_question():
    report = check_template("yttrande", FIFTH_QUESTION)
    assert report.ok  # the example data has five questions
    assert any("hänvisar till fråga 5" in w and "{%p for f in fragor %}" in w for w in report.warnings), report.warnings


def test_rendering_for_a_remiss_with_fewer_questions_names_the_template_and_the_way_out():
    context = {"titel": "T", "fragor": [{"fraga": "Ett?", "svar": []}, {"fraga": "Två?", "svar": []}]}
    try:
        render_document("yttrande", context, FIFTH_QUESTION, own=(1, "Öster.docx"))
    except RenderError as exc:
        message = str(exc)
    else:
        raise AssertionError("a template reading question 5 rendered a remiss with two")
    assert message.startswith("Nämndens mall för yttrande, version 1 (Öster.docx), går inte att använda: ")
    assert "hänvisar till fråga 5 ({{ fragor[4] }}), men dokumentet har bara 2 frågor." in message
    assert "Byt mall under Dokumentmallar" in message and "”Använd standardmallen för yttrande”" in message
    assert not any(word in message for word in ENGLISH), message


def test_syntax_and_runtime_errors_are_told_in_swedish():
    loop = check_template("yttrande", build_docx("{% for x in %}", "{% endfor %}"))
    assert not loop.ok
    assert any("ett fältnamn eller uttryck saknas före ”%}”" in e for e in loop.errors), loop.errors
    division = check_template("yttrande", build_docx("{{ diarienummer }} {{ (1/0) }}"))
    assert division.errors and "Mallen delar ett tal med noll." in division.errors[0], division.errors
    for report in (loop, division):
        assert not any(word in e for e in report.errors for word in ENGLISH), report.errors


def test_downloading_the_yttrande_for_a_remiss_with_three_questions_explains_the_template(
        world, auth, client, session, reader):
    nid = world["namnd"].id
    short = make_remiss(session, namnd=world["namnd"], title="Tre frågor", remittent="Kulturnämnden",
                        handlaggare_id=world["handlaggare"].id, questions=world["questions"][:3])
    session.commit()
    auth.login(world["registrator"].email)
    page = upload(auth, nid, "yttrande", FIFTH_QUESTION, filename="Öster yttrande.docx")
    assert page.status_code == 302
    notice = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "hänvisar till fråga 5" in notice  # said before the held-back version is confirmed
    reader.rollback()
    template = reader.exec(select(DocumentTemplate).where(DocumentTemplate.namnd_id == nid)).one()
    if not template.active:  # it lacks avsnitt and fragor-loop: confirm, as the walker did
        auth.post(f"/namnder/{nid}/mallar/{template.id}/anvand", {"bekraftat": "1"})
    auth.logout()
    auth.login(world["handlaggare"].email)
    response = client.get(f"/remisser/{short.id}/dokument/yttrande.docx", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Nämndens mall för yttrande, version 1 (Öster yttrande.docx), går inte att använda" in text
    assert "hänvisar till fråga 5 ({{ fragor[4] }}), men dokumentet har inga frågor." in text  # none answered yet
    assert "Byt mall under Dokumentmallar" in text
    assert "sandbox_markup" not in text and "has no element" not in text
