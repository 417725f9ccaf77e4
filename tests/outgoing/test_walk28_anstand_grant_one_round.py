"""walk28 Z11: *Bevilja anstånd* for an instans with a day before the remiss's sista svarsdag and a klockslag it
could not read said the klockslag only; the day, wrong by itself, came in a second round. Both now come in one
answer, in the order of the fields, with what was typed kept; nothing is granted."""
from __future__ import annotations

from remiss.remisser.models import AnswerStatus, SandlistaEntry
from tests.outgoing.test_walk22_answer_replaced import _html
from tests.outgoing.test_walk23b_stale_answer import _sent_with_questions
from tests.support.pages import summary_items

BEFORE = ("Ny svarsdag: Anståndet måste gå ut efter remissens sista svarsdag, 29 januari 2027: välj en senare "
          "dag.")


def _status(session, entry_id) -> str:
    session.expire_all()
    status = session.get(SandlistaEntry, entry_id).answer_status
    session.rollback()
    return status


def test_a_day_before_the_svarsdag_is_said_with_a_klockslag_not_read(session, auth, clock):
    url, entry_id, _ = _sent_with_questions(session, auth, clock)  # svarsdag 29 January 2027
    typed = {"action": "grant_extension", "until_on": "2027-01-10", "until_time": "25.00",
             "reason": "Nämnden sammanträder först i februari."}
    response = auth.post(url, typed)
    page = _html(response)
    assert response.status_code == 400
    items = summary_items(page)
    # old code: the klockslag only; the day in the next round, once the klockslag was put right
    assert items[0] == BEFORE, items
    assert items[1].startswith("Klockslag: Ange klockslag"), items
    assert len(items) == 2, items
    assert 'value="2027-01-10"' in page and 'value="25.00"' in page and typed["reason"] in page
    assert _status(session, entry_id) != AnswerStatus.anstand_beviljat.value


def test_the_day_alone_is_refused_as_before(session, auth, clock):
    """With a klockslag that reads, the service's own refusal: the same words, once (no 500)."""
    url, entry_id, _ = _sent_with_questions(session, auth, clock)
    response = auth.post(url, {"action": "grant_extension", "until_on": "2027-01-29", "until_time": "12.00"})
    assert response.status_code == 400
    assert summary_items(_html(response)) == [BEFORE]
    assert _status(session, entry_id) != AnswerStatus.anstand_beviljat.value
