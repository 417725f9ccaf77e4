"""Session 25: an utgående remiss's form posted from an old tab after someone else changed the thing answers 409
Conflict, as Ändra uppgifter did (an instans's Spara svaret, Instansen avstår and Ångra answered 200; Förläng
remisstiden för alla 400): the page again, the message naming who changed what and when, and the text typed still
in the page (remiss.stale_form). A question asked before an avstår is no conflict: it stays 200."""
from __future__ import annotations

import pytest

from tests.outgoing.test_walk22_answer_replaced import _html, _token
from tests.outgoing.test_walk23b_stale_answer import _said, _sent_with_questions
from tests.outgoing.test_walk24_stale_extension import B_AT, _base, _extend, _sent, _user_name


def _instans(request, session, auth, clock, answered_first: bool = False):
    """The instans page as tab A opened it (its token), after tab B registered an answer; B's name."""
    client = request.getfixturevalue("client")
    url, _, _ = _sent_with_questions(session, auth, clock)
    if answered_first:  # Ångra is offered only for an answer
        assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Först."}).status_code \
            == 302
    tab_a = _token(_html(client.get(url)))
    clock.advance(minutes=5)  # 16.45 in Stockholm
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": tab_a,
                           "summary": "B: Lund tillstyrker."}).status_code == 302
    return url, tab_a, _user_name(session)


def _answer(request, session, auth, clock):
    url, tab_a, name = _instans(request, session, auth, clock)
    typed = "A: Lund tillstyrker med förbehåll."
    return (auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "base_token": tab_a, "summary": typed}),
            f"Svaret är inte sparat. Sedan du öppnade sidan har ett svar från Lunds kommun registrerats av {name} "
            "4 december 2026 kl. 16.45: svaret 4 december 2026 ”B: Lund tillstyrker.”", typed)


def _decline(request, session, auth, clock):
    url, tab_a, name = _instans(request, session, auth, clock)
    typed = "A: Lund avstår, skrivet i den gamla fliken."
    return (auth.post(url, {"action": "decline", "base_token": tab_a, "note": typed}),
            f"Att Lunds kommun avstår är inte registrerat. Sedan du öppnade sidan har ett svar från Lunds kommun "
            f"registrerats av {name} 4 december 2026 kl. 16.45", typed)


def _reopen(request, session, auth, clock):
    url, tab_a, name = _instans(request, session, auth, clock, answered_first=True)
    return (auth.post(url, {"action": "reopen", "base_token": tab_a}),
            f"Ångra är inte gjort. Sedan du öppnade sidan har ett svar från Lunds kommun registrerats av {name} "
            "4 december 2026 kl. 16.45", None)  # Ångra has nothing typed


def _extension(request, session, auth, clock):
    client, runner, smtp = (request.getfixturevalue(name) for name in ("client", "runner", "smtp"))
    _, page, _ = _sent(session, client, auth, clock, runner, smtp)
    name = _user_name(session)
    tab_a = _base(client.get(page).get_data(as_text=True))
    clock.set(B_AT)
    assert _extend(auth, page, tab_a, "2027-02-12", "B igen.").status_code == 302
    typed = "A: skälet skrivet i den gamla fliken."
    return (_extend(auth, page, tab_a, "2027-02-19", typed),
            f"Remisstiden förlängdes till 12 februari 2027 av {name} 4 december 2026 kl. 16.50, efter att du "
            "öppnade sidan. Inget är förlängt härifrån och inget meddelande är skickat.", typed)


@pytest.mark.parametrize("stale", [_answer, _decline, _reopen, _extension], ids=lambda case: case.__name__.strip("_"))
def test_a_stale_outgoing_form_answers_409_naming_the_change_and_keeping_the_text(stale, request, session, auth,
                                                                                  clock):
    refused, said, typed = stale(request, session, auth, clock)
    page = _html(refused)
    assert refused.status_code == 409, f"a stale form answered {refused.status_code}, not 409 Conflict"
    assert said in _said(page), _said(page)
    assert typed is None or typed in page, "what was typed is lost"


def test_the_question_before_an_avstar_is_no_conflict(session, client, auth, clock):
    """Instansen avstår on an instans that has answered, from a page that showed the answer: asked, not refused."""
    url, _, _ = _sent_with_questions(session, auth, clock)
    assert auth.post(url, {"action": "answer", "answered_on": "2026-12-04", "summary": "Svar."}).status_code == 302
    asked = auth.post(url, {"action": "decline", "base_token": _token(_html(client.get(url))), "note": "Avstår."})
    assert asked.status_code == 200
    assert "Registrera ändå att Lunds kommun avstår?" in _said(_html(asked))
