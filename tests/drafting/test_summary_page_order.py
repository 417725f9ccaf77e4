"""walk25b Z9 on the yttrande panel: the Beslut form's summary, every field wrong, in the order of its fields."""
from __future__ import annotations

from tests.accessibility.test_summary_order import assert_in_page_order
from tests.drafting.conftest import ready_to_decide


def test_the_beslut_summary_follows_its_form(session, w, auth, clock):
    rid = ready_to_decide(session, w, auth, clock)
    wrong = {"decided_by": "namnd", "delegat": "d" * 300, "meeting_on": "igår", "paragraf": "p" * 300,
             "justerad_on": "31/2"}
    assert_in_page_order(auth.post(f"/remisser/{rid}/yttrande/beslut", wrong, form_url=f"/remisser/{rid}"), 2)
