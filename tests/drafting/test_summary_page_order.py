"""walk25b Z9 on the yttrande panel: the Beslut form's summary, every field wrong, in the order of its fields."""
from __future__ import annotations

from tests.accessibility.test_summary_order import assert_in_page_order
from tests.drafting.test_flow import draft_form


def test_the_beslut_summary_follows_its_form(world, auth):
    rid = world["remiss"].id
    page, url = f"/remisser/{rid}", f"/remisser/{rid}/yttrande"
    auth.login(world["registrator"].email)
    assert auth.post(url, draft_form(rid), form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "granskning"}, form_url=page).status_code == 302
    assert auth.post(f"{url}/lage", {"state": "godkand"}, form_url=page).status_code == 302
    wrong = {"decided_by": "namnd", "delegat": "d" * 300, "meeting_on": "igår", "paragraf": "p" * 300,
             "justerad_on": "31/2"}
    assert_in_page_order(auth.post(f"{url}/beslut", wrong, form_url=page), 2)
