"""The Inkorg's Registrera form sent with every field wrong: its summary in the order of the fields on the page
(Ansvarig nämnd above Ärendemening), the order made where the errors are (intake.views.message.REGISTER_FIELDS)."""
from __future__ import annotations

from tests.accessibility.test_summary_order import assert_in_page_order
from tests.intake.test_register_lock_order import _two_ways


def test_the_registrera_summary_follows_its_form(client, auth, app, db, session, clock):
    url, inkorg_post, *_ = _two_ways(client, auth, app, db, session, clock)
    wrong = {**inkorg_post, "namnd_id": "", "title": "", "received_on": "igår", "deadline_on": "31/2",
             "deadline_time": "25.70"}
    assert_in_page_order(client.post(f"{url}/registrera", data=wrong), 3)
