"""Walk11 finding 1: an unanswered frågeställning is shown to the granskare ("Fråga 2: … – inte besvarad"); sending
and approving ask first; the yttrande never carries a bare heading: the question is left out, or answered "<nämnd>
lämnar inga synpunkter på denna fråga." when the handläggare chose that."""
from __future__ import annotations

from sqlmodel import select

from remiss.drafting.models import YttrandeDraft
from tests.drafting.conftest import doc_lines, open_docx
from tests.drafting.test_flow import ANSWERS, draft_form
from tests.support.pages import visible_text


def _state(reader, rid: int) -> str:
    reader.rollback()
    return reader.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == rid)).one().state


def _draft_without_answer_2(auth, rid: int):
    form = draft_form(rid)
    form["svar-2"] = ""
    assert auth.post(f"/remisser/{rid}/yttrande", form, form_url=f"/remisser/{rid}").status_code == 302


def test_unanswered_question_is_shown_asked_about_and_left_out_of_the_yttrande(world, auth, client, reader):
    rid, questions = world["remiss"].id, world["questions"]
    url, page = f"/remisser/{rid}/yttrande/lage", f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    _draft_without_answer_2(auth, rid)
    # sending asks first: refused with the question named, the draft stays an utkast
    shown = visible_text(client.get(page).get_data(as_text=True))
    assert f"Fråga 2 (”{questions[1]}”) saknar svar. Vad ska yttrandet säga?" in shown
    response = auth.post(url, {"state": "granskning"}, form_url=page, follow_redirects=True)
    assert "saknar svar. Välj vad yttrandet ska säga om den innan det skickas till granskning" in visible_text(
        response.get_data(as_text=True))
    assert _state(reader, rid) == "utkast"
    assert auth.post(url, {"state": "granskning", "unanswered": "utelamna"}, form_url=page).status_code == 302
    assert _state(reader, rid) == "granskning"

    # the granskare reads it with question 2 marked, and approving asks too
    auth.logout()
    auth.login(world["granskare"].email)
    shown = visible_text(client.get(page).get_data(as_text=True))
    assert f"Fråga 2: {questions[1]} – inte besvarad Frågan saknar svar och tas inte med i yttrandet." in shown
    assert f"Fråga 1: {questions[0]}" in shown
    auth.post(url, {"state": "godkand"}, form_url=page)
    assert _state(reader, rid) == "granskning"
    assert auth.post(url, {"state": "godkand", "unanswered": "utelamna"}, form_url=page).status_code == 302
    assert _state(reader, rid) == "godkand"

    # the Word document: question 2 left out, no bare heading; the other four with their answers
    data = client.get(f"/remisser/{rid}/dokument/yttrande.docx").data
    lines = doc_lines(data)
    texts = [text for _, text in lines]
    assert not any(questions[1] in t for t in texts)
    # each keeps the number the remiss gives it: 1, 3, 4, 5, not 1–4 (walk13b finding 8)
    for n in (0, 2, 3, 4):
        heading = texts.index(f"{n + 1}. {questions[n]}")
        assert texts[heading + 1].startswith(ANSWERS[n].split("\n")[0].strip()[:40])
    assert all(p.text.strip() for p in open_docx(data).paragraphs if p.style.name.startswith("Heading 3"))


def test_the_handlaggare_may_answer_no_comments_on_the_unanswered_question(world, auth, client, reader):
    rid, questions = world["remiss"].id, world["questions"]
    page = f"/remisser/{rid}"
    auth.login(world["handlaggare"].email)
    _draft_without_answer_2(auth, rid)
    assert auth.post(f"{page}/yttrande/lage", {"state": "granskning", "unanswered": "inga_synpunkter"},
                     form_url=page).status_code == 302
    assert _state(reader, rid) == "granskning"
    texts = [text for _, text in doc_lines(client.get(f"{page}/dokument/yttrande.docx").data)]
    heading = texts.index("2. " + questions[1])
    assert texts[heading + 1] == "Stadsområdesnämnd Öster lämnar inga synpunkter på denna fråga."
    # the API names what is unanswered: nothing now
    body = client.get(f"/api/v1/remisser/{rid}/yttrande").get_json()
    assert body["unanswered_questions"] == []


def test_the_api_shows_unanswered_questions_and_takes_the_choice(world, auth, client, reader):
    from tests.conftest import csrf_token

    rid, questions = world["remiss"].id, world["questions"]
    auth.login(world["handlaggare"].email)
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    body = {"svar": ["Svar 1", "", "Svar 3", "Svar 4", "Svar 5"]}
    saved = client.put(f"/api/v1/remisser/{rid}/yttrande", json=body, headers=headers).get_json()
    assert saved["unanswered_questions"] == [{"number": 2, "fraga": questions[1]}]
    refused = client.post(f"/api/v1/remisser/{rid}/yttrande/state", json={"state": "granskning", "unanswered": "x"},
                          headers=headers)
    assert refused.status_code == 400 and "unanswered" in refused.get_json()["errors"]
    assert _state(reader, rid) == "utkast"
    sent = client.post(f"/api/v1/remisser/{rid}/yttrande/state",
                       json={"state": "granskning", "unanswered": "inga_synpunkter"}, headers=headers)
    assert sent.status_code == 200 and sent.get_json()["unanswered_questions"] == []
    assert sent.get_json()["content"]["svar"][1]["text"] == (
        "Stadsområdesnämnd Öster lämnar inga synpunkter på denna fråga.")
