"""An instans's answer form sent with Svaret inkom in the future and a Kort sammanfattning too long: the summary
names Svaret inkom first, as the form shows it. Its order is now the view's declared field order
(outgoing.views.answering), no longer the page filter's; this guards it."""
from __future__ import annotations

from tests.accessibility.test_summary_order import assert_in_page_order
from tests.outgoing.test_walk24_anstand_told import _world


def test_the_answer_summary_follows_its_form(app, session, clock, auth):
    remiss_id, ids = _world(app, session, clock, auth)  # today 5 December 2026
    url = f"/remisser/{remiss_id}/utskick/instanser/{ids['Lunds kommun']}"
    response = auth.post(url, {"action": "answer", "answered_on": "2027-05-01", "summary": "Vi tillstyrker. " * 400},
                         form_url=url)
    assert_in_page_order(response, 2)
