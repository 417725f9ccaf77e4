"""walk25 Y2: an instans's answer registered with its yttrande as a file, and no answer typed per question, made the
sammanställning say "Inga svar på frågan" under a question the attached yttrande answers. It now says the answer
is in the attached file, by its name (the yttrande, not the covering mail)."""
from __future__ import annotations

import io

from sqlmodel import select

from remiss.remisser.models import Attachment
from tests.outgoing.test_walk9_letters import _sent, _text
from tests.support.documents import one_paragraph_docx

MAIL = (b"From: trafik@example.se\nTo: oster@malmo.se\nSubject: SV: Remiss\nDate: Fri, 04 Dec 2026 10:00:00 +0100\n"
        b"Content-Type: text/plain; charset=utf-8\n\nHar kommer vart yttrande.\n")


def test_a_question_answered_in_a_file_is_not_said_to_have_no_answer(session, client, auth, clock, app):
    rid, page, (trafik, *_) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    answered = auth.post(url, {"action": "answer", "answered_on": "2026-12-04",
                               "summary": "Här kommer Trafiknämndens yttrande över trafikplanen.",
                               "files": [(io.BytesIO(MAIL), "SV- Remiss.eml"),
                                         (io.BytesIO(one_paragraph_docx("1. Ja, cykelbanorna är bra.")), "Yttrande Trafiknämnden.docx")]},
                         form_url=url, content_type="multipart/form-data")
    assert answered.status_code == 302, answered.get_data(as_text=True)[:800]
    shown = " ".join(client.get(url).get_data(as_text=True).split())
    # old code: the per-question fields empty with no word that the answers are only in the file
    assert ("Svaren per fråga är inte ifyllda, och sammanställningen säger under varje fråga: ”Svaret på frågan är "
            "inte registrerat för sig; det finns i den bifogade filen ”Yttrande Trafiknämnden.docx”.”") in shown
    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                 Attachment.purpose == "sammanstallning")).one()
    text = _text(app, kept)
    question = text.split("Vad tycker ni om cykelbanorna?", 1)[1]
    # old code: "Vad tycker ni om cykelbanorna?\nInga svar på frågan"
    assert "Inga svar på frågan" not in text, text
    assert ("Svaret på frågan är inte registrerat för sig; det finns i den bifogade filen "
            "”Yttrande Trafiknämnden.docx”.") in question, question
    # old code: "Svaren i korthet" gave the covering mail's sentence as Trafiknämnden's answer
    short = text.split("Svaren i korthet", 1)[1].split("Vad tycker ni om cykelbanorna?", 1)[0]
    assert "Här kommer Trafiknämndens yttrande" not in short, short
    assert "Svaret finns i den bifogade filen ”Yttrande Trafiknämnden.docx”." in short, short


def test_a_summary_that_says_more_than_the_covering_sentence_stays():
    from remiss.outgoing.compilation import _in_short

    said = "Bifogat finns vårt yttrande. Vi vill ha fler cykelparkeringar vid stationerna."
    assert _in_short(said, ["Yttrande.docx"]) == said
    assert _in_short("Här kommer vårt yttrande.", []) == "Här kommer vårt yttrande."  # no file: nothing to point at
    assert _in_short("Hej! Här kommer vårt yttrande över planen.", ["SV- Remiss.eml", "Yttrande.docx"]) == \
        "Svaret finns i den bifogade filen ”Yttrande.docx”."


def test_a_summary_only_answer_points_to_the_summary_not_no_answer(session, client, auth, clock, app):
    """walk26b X9: registered as a summary only (no file, nothing per question), the answer made every question say
    "Inga svar på frågan", though it may well cover them; the question now points to Svaren i korthet."""
    rid, page, (trafik, *_) = _sent(session, client, auth, clock)
    url = f"{page}/utskick/instanser/{trafik}"
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04",
                           "summary": "Trafiknämnden tillstyrker planen."}, form_url=url).status_code == 302
    shown = " ".join(client.get(url).get_data(as_text=True).split())
    assert ("sammanställningen säger under varje fråga: ”Svaret är inte uppdelat per fråga – se Svaren i "
            "korthet.”") in shown
    assert auth.post(f"{page}/utskick/sammanstall", {"confirm_compile": "1"}, form_url=page).status_code == 302
    kept = session.exec(select(Attachment).where(Attachment.remiss_id == rid,
                                                 Attachment.purpose == "sammanstallning")).one()
    text = _text(app, kept)
    question = text.split("Vad tycker ni om cykelbanorna?", 1)[1]
    assert "Inga svar på frågan" not in text, text  # old code: under every question
    assert "Svaret är inte uppdelat per fråga – se Svaren i korthet." in question, question
    assert "Trafiknämnden tillstyrker planen." in text.split("Svaren i korthet", 1)[1]
