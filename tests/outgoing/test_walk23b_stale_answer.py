"""walk23b X2, X3: an instans's page from a tab opened before another tab saved.

X2: tab B saved an answer with Övriga synpunkter and answers per frågeställning; tab A, opened before, wrote only a
Sammanfattning and was refused (right), but the form came back with those fields empty, so saving again erased B's
text. Fields this tab sent empty now come back with what is registered; what it typed stays as typed.
X3: tab B registered that the instans avstår; tab A's Instansen avstår was refused with "Tryck Instansen avstår igen
om det ska registreras ändå" although it already avstår. It now says so, and that nothing more needs doing."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from sqlmodel import select

from remiss.auth.models import Role
from remiss.outgoing.models import SandlistaAnswer
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from remiss.remisser.models import SandlistaEntry
from tests.outgoing.test_walk22_answer_replaced import _html, _token
from tests.support.factories import make_namnd, make_remiss, make_user

TODAY = datetime(2026, 12, 4, 15, 40, tzinfo=timezone.utc)  # 16.40 in Stockholm


def _sent_with_questions(session, auth, clock) -> tuple[str, int, list[int]]:
    """An utgående remiss with two frågeställningar, sent to Lunds kommun: its page, the instans, the questions."""
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, direction="utgaende", deadline_on=date(2027, 1, 29),
                         deadline_time=None, questions=["Första frågan?", "Andra frågan?"],
                         sandlista=[SandlistaItem("Lunds kommun", "registrator@lund.example", "")])
    session.commit()
    auth.login(user.email)
    page = f"/remisser/{remiss.id}"
    assert auth.post(f"{page}/utskick/skicka", {"confirm_send": "1"}, form_url=page).status_code == 302
    entry_id = remisser.entries(session, remiss.id)[0].id
    qids = [q.id for q in remisser.questions_of(session, remiss.id)]
    session.rollback()
    return f"{page}/utskick/instanser/{entry_id}", entry_id, qids


def _said(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _stored(session, entry_id) -> tuple[str, str, dict]:
    session.expire_all()
    entry = session.get(SandlistaEntry, entry_id)
    answered = {a.question_id: a.text for a in session.exec(
        select(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id == entry_id))}
    found = (entry.summary, entry.other_comments, answered)
    session.rollback()
    return found


def test_saving_again_after_the_refusal_keeps_what_the_other_tab_wrote_in_fields_left_empty(session, client, auth,
                                                                                           clock):
    url, entry_id, (q1, q2) = _sent_with_questions(session, auth, clock)
    tab_a = _html(client.get(url))
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": _token(tab_a),
                           "summary": "B: Lund tillstyrker.", "other_comments": "B: övrigt från Lund",
                           f"q_{q1}": "B svar fråga 1", f"q_{q2}": "B svar fråga 2"}).status_code == 302  # tab B
    clock.advance(minutes=5)
    # tab A wrote a Sammanfattning and its own answer to question 2, nothing else
    typed = {"action": "answer", "answered_on": "2026-12-04", "base_token": _token(tab_a),
             "summary": "A: Lund tillstyrker med förbehåll.", "other_comments": "", f"q_{q1}": "",
             f"q_{q2}": "A svar fråga 2"}
    refused = auth.post(url, typed)
    html = _html(refused)
    said = _said(html)
    assert refused.status_code == 409
    assert ("Det du skrev står kvar nedan: spara igen om det ska ersätta det som är registrerat nu. Fält som du "
            "lämnade tomma har fått det som är registrerat nu.") in said, said
    assert ">A: Lund tillstyrker med förbehåll.</textarea>" in html  # typed: kept as typed
    assert ">A svar fråga 2</textarea>" in html
    assert ">B: övrigt från Lund</textarea>" in html  # left empty: what is registered now
    assert ">B svar fråga 1</textarea>" in html
    assert _stored(session, entry_id)[0] == "B: Lund tillstyrker."  # nothing saved

    # saving the form that came back keeps B's text where A wrote nothing
    again = {**typed, "base_token": _token(html), "other_comments": "B: övrigt från Lund",
             f"q_{q1}": "B svar fråga 1"}
    assert auth.post(url, again).status_code == 302
    assert _stored(session, entry_id) == ("A: Lund tillstyrker med förbehåll.", "B: övrigt från Lund",
                                          {q1: "B svar fråga 1", q2: "A svar fråga 2"})


def test_a_refusal_with_nothing_to_take_over_does_not_say_so(session, client, auth, clock):
    url, _, _ = _sent_with_questions(session, auth, clock)
    tab_a = _html(client.get(url))
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": _token(tab_a),
                           "summary": "B: Lund tillstyrker."}).status_code == 302
    said = _said(_html(auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": _token(tab_a),
                                       "summary": "A: Lund tillstyrker."})))
    assert "Svaret är inte sparat." in said
    assert "Fält som du lämnade tomma" not in said


def test_avstar_from_a_tab_opened_before_another_tab_registered_it_says_it_already_avstar(session, client, auth,
                                                                                         clock):
    url, entry_id, _ = _sent_with_questions(session, auth, clock)
    tab_a = _html(client.get(url))
    assert auth.post(url, {"action": "decline", "note": "", "base_token": _token(tab_a)}).status_code == 302  # B
    clock.advance(minutes=5)
    said = _said(_html(auth.post(url, {"action": "decline", "note": "", "base_token": _token(tab_a)})))
    assert re.search(r"Observera: Lunds kommun avstår redan: det registrerades av Användare \d+ 4 december 2026 "
                     r"kl\. 16\.40, efter att du öppnade sidan\. Inget mer behöver göras\.", said), said
    assert "registreras ändå" not in said and "Tryck Instansen avstår igen" not in said


def test_avstar_with_another_comment_from_an_old_tab_offers_to_change_the_comment(session, client, auth, clock):
    url, entry_id, _ = _sent_with_questions(session, auth, clock)
    tab_a = _html(client.get(url))
    assert auth.post(url, {"action": "decline", "note": "enligt telefon",
                           "base_token": _token(tab_a)}).status_code == 302  # tab B
    html = _html(auth.post(url, {"action": "decline", "note": "enligt brev", "base_token": _token(tab_a)}))
    said = _said(html)
    assert re.search(r"Observera: Lunds kommun avstår redan \(kommentar: ”enligt telefon”\): det registrerades av "
                     r"Användare \d+ 4 december 2026 kl\. 16\.40, efter att du öppnade sidan\. Tryck Instansen avstår "
                     r"igen om kommentaren ska ändras till den du skrev\.", said), said
    assert 'value="enligt brev"' in html  # typed: kept
    assert _stored(session, entry_id)[0] == "enligt telefon"
