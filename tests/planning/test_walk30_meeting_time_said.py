"""Session 30 B7: a sammanträde typed at "25.00" was refused with "Ange klockslag, till exempel 17.00.", as if
nothing had been typed. The refusal says what was typed is no klockslag and what one looks like, and the form keeps
what was typed."""
from __future__ import annotations

import html
from datetime import time

import pytest

from remiss.clock import local

from tests.planning.test_walk11_meeting_form import _meetings, plan  # noqa: F401 (a fixture)


@pytest.mark.parametrize("typed", ["25.00", "17.75", "kl 24", "sent", "2530"])
def test_a_time_that_is_none_is_named_and_kept(db, auth, plan, typed):
    url = f"/namnder/{plan.id}/sammantraden"
    answer = auth.post(url, {"kind": "namnd", "day": "2027-04-29", "time": typed, "place": "Rådhuset"})
    page = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400
    assert f"”{typed}” är inget klockslag – skriv en tid mellan 00.00 och 23.59, till exempel 17.00." in page
    assert f'name="time" type="text" value="{typed}"' in page and 'value="Rådhuset"' in page
    assert 'value="2027-04-29"' in page
    assert _meetings(db, plan) == []


def test_an_empty_time_is_asked_for(auth, plan):
    answer = auth.post(f"/namnder/{plan.id}/sammantraden", {"kind": "namnd", "day": "2027-04-29", "time": " "})
    assert answer.status_code == 400
    assert "Ange klockslag, till exempel 17.00." in html.unescape(answer.get_data(as_text=True))


def test_four_digits_are_read_as_hours_and_minutes(db, auth, plan):
    """Session 31 #13: "0930" was refused as no klockslag; it is 09.30, as "2530" stays none (above)."""
    answer = auth.post(f"/namnder/{plan.id}/sammantraden", {"kind": "namnd", "day": "2027-04-29", "time": "0930"})
    assert answer.status_code == 302
    assert local(_meetings(db, plan)[0].starts_at).time() == time(9, 30)
