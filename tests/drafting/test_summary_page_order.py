"""walk25b Z9 on the yttrande panel: the Beslut form's summary, every field wrong, in the order of its fields."""
from __future__ import annotations

from tests.accessibility.test_summary_order import assert_in_page_order
from tests.drafting.conftest import ready_to_decide


def test_the_beslut_summary_follows_its_form(session, w, auth, clock):
    rid = ready_to_decide(session, w, auth, clock)
    wrong = {"decided_by": "namnd", "delegat": "d" * 300, "meeting_on": "igår", "paragraf": "p" * 300,
             "justerad_on": "31/2"}
    assert_in_page_order(auth.post(f"/remisser/{rid}/yttrande/beslut", wrong, form_url=f"/remisser/{rid}"), 2)


def test_the_editors_summary_follows_its_form(world, auth):
    """The yttrande editor's summary, in the order of its fields: the answer to a frågeställning and a free
    section come between Sammanfattning and Övriga synpunkter, as on the page, not after every fixed field."""
    from tests.drafting.test_flow import draft_form

    rid = world["remiss"].id
    auth.login(world["handlaggare"].email)
    long = "x" * 100_001
    wrong = draft_form(rid, sammanfattning=long, ovriga_synpunkter=long, ordforande="o" * 300,
                       **{"svar-2": long, "svar-4": long})
    assert_in_page_order(auth.post(f"/remisser/{rid}/yttrande", wrong, form_url=f"/remisser/{rid}"), 5)
