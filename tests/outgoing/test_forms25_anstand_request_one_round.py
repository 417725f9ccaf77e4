"""Session 25: *Registrera begäran* (an instans asks us, the remittent, for anstånd) with a wrong klockslag and a day
that is not after today said the klockslag first and the day only in a second round. Both now come in one round,
in Swedish, with everything typed kept; nothing is registered."""
from __future__ import annotations

from remiss.remisser.models import AnswerStatus, SandlistaEntry
from tests.outgoing.test_walk22_answer_replaced import _html
from tests.outgoing.test_walk23b_stale_answer import _said, _sent_with_questions


def _status(session, entry_id) -> str:
    session.expire_all()
    status = session.get(SandlistaEntry, entry_id).answer_status
    session.rollback()
    return status


def test_every_error_of_the_anstand_request_comes_in_one_round_with_everything_typed_kept(session, auth, clock):
    url, entry_id, _ = _sent_with_questions(session, auth, clock)  # today 4 December 2026
    typed = {"action": "request_extension", "until_on": "2026-11-20", "until_time": "25.00",
             "reason": "Nämnden sammanträder först i februari."}
    response = auth.post(url, typed)
    page = _html(response)
    said = _said(page)
    assert response.status_code == 400
    assert "Ange klockslag" in said, said
    # Old code: this came only in a second round, once the klockslag was put right.
    assert "Den begärda svarsdagen måste ligga efter i dag (4 december 2026)." in said
    assert 'value="2026-11-20"' in page and 'value="25.00"' in page and typed["reason"] in page
    assert _status(session, entry_id) != AnswerStatus.begart_anstand.value


def test_a_missing_day_and_a_wrong_klockslag_are_said_together(session, auth, clock):
    url, entry_id, _ = _sent_with_questions(session, auth, clock)
    response = auth.post(url, {"action": "request_extension", "until_on": "", "until_time": "25.00",
                               "reason": "Skäl."})
    said = _said(_html(response))
    assert response.status_code == 400
    assert "Ange klockslag" in said and "Ange ett datum" in said, said
    assert _status(session, entry_id) != AnswerStatus.begart_anstand.value
