"""Session 24: the page of an instans that avstår showed its Kommentar in the answer form's "Kort sammanfattning" as
well as under Avstår (the comment is kept in the same column as an answer's summary). An avstår has no answer to
summarise, and pressing Spara svaret for an answer that came in after all saved the avstår comment as the answer's
summary. The comment now stands only under Avstår, and the answer form says that the instans avstår."""
from __future__ import annotations

import re
from html import unescape

from remiss.remisser.models import AnswerStatus
from tests.outgoing.test_walk23b_stale_answer import _sent_with_questions, _stored

COMMENT = "Berör inte vår verksamhet."


def _field(page: str, name: str) -> str:
    """The text of the textarea or the value of the input called name."""
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    if found:
        return unescape(found.group(1)).strip()
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', page)
    return unescape(found.group(1)).strip() if found else ""


def test_an_avstar_comment_stands_under_avstar_not_as_the_answers_summary(session, client, auth, clock):
    url, entry_id, (q1, _) = _sent_with_questions(session, auth, clock)
    assert auth.post(url, {"action": "decline", "note": COMMENT}, form_url=url).status_code == 302
    page = client.get(url).get_data(as_text=True)
    # Old code: "Berör inte vår verksamhet." in the answer form's Kort sammanfattning too
    assert _field(page, "summary") == ""
    assert _field(page, "note") == COMMENT  # the Avstår form's Kommentar, to correct
    said = " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Registrerat: Lunds kommun avstår (kommentaren står under Avstår). Ett svar som sparas här ersätter det." \
        in said

    # the answer that came in after all, sent as the page offers it: the avstår comment is not its summary
    answer = {"action": "answer", "answered_on": "2026-12-04", "summary": _field(page, "summary"),
              f"q_{q1}": "Vi har ändå en synpunkt.", "base_token": _field(page, "base_token")}
    assert auth.post(url, answer, form_url=url).status_code == 302
    summary, _, answered = _stored(session, entry_id)
    assert summary == "" and answered == {q1: "Vi har ändå en synpunkt."}
    page = client.get(url).get_data(as_text=True)
    assert "avstar-registrerat" not in page and _field(page, "note") == ""


def test_an_answered_instans_still_shows_its_summary_in_the_answer_form(session, client, auth, clock):
    url, entry_id, _ = _sent_with_questions(session, auth, clock)
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Positiva."},
                     form_url=url).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert _field(page, "summary") == "Positiva." and _field(page, "note") == ""
    assert AnswerStatus.svarat.label in unescape(page)
