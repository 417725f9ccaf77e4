"""walk11 finding 14: a meeting dated in the past is asked about before it is saved (likely a typo for a later
year); "kl 17", "17" and "17:00" are read as 17.00, and the hint and the error message give the same example."""
from __future__ import annotations

from datetime import time

import pytest
from sqlmodel import select

from remiss.auth.models import Role
from remiss.clock import local
from remiss.namnd.models import Meeting
from tests.planning.helpers import at, fetch
from tests.support.factories import make_namnd, make_user


@pytest.fixture
def plan(session, clock, auth):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    clock.set(at(2026, 12, 4))
    session.commit()
    auth.login("mia@kommun.se")
    return namnd


def _meetings(db, namnd):
    return fetch(db, select(Meeting).where(Meeting.namnd_id == namnd.id).order_by(Meeting.starts_at))


def test_a_meeting_in_the_past_is_asked_about_first(db, auth, plan):
    url = f"/namnder/{plan.id}/sammantraden"
    asked = auth.post(url, {"kind": "namnd", "day": "2025-04-29", "time": "17.00", "place": "Rådhuset"})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 400
    assert "Sammanträdet tisdag 29 april 2025 är i det förflutna." in page
    assert 'name="confirm_past"' in page and 'href="#f-confirm_past"' in page
    assert 'value="2025-04-29"' in page and 'value="Rådhuset"' in page  # nothing typed is lost
    assert _meetings(db, plan) == []

    saved = auth.post(url, {"kind": "namnd", "day": "2025-04-29", "time": "17.00", "confirm_past": "1"})
    assert saved.status_code == 302 and len(_meetings(db, plan)) == 1
    # a meeting later than today needs no question
    assert auth.post(url, {"kind": "namnd", "day": "2027-04-29", "time": "17.00"}).status_code == 302


@pytest.mark.parametrize("typed", ["kl 17", "17", "17:00", "kl. 17", "Klockan 17"])
def test_a_whole_hour_is_read_as_that_hour(db, auth, plan, typed):
    r = auth.post(f"/namnder/{plan.id}/sammantraden", {"kind": "namnd", "day": "2027-04-29", "time": typed})
    assert r.status_code == 302, typed
    assert local(_meetings(db, plan)[0].starts_at).time() == time(17, 0)


def test_the_hint_and_the_error_give_the_same_example(auth, plan):
    r = auth.post(f"/namnder/{plan.id}/sammantraden", {"kind": "namnd", "day": "2027-04-29", "time": "sent"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "”sent” är inget klockslag – skriv en tid mellan 00.00 och 23.59, till exempel 17.00." in page  # session 30 B7
    assert "Till exempel 17.00." in page
    assert "12.00" not in page


def test_a_meeting_earlier_today_is_asked_about_and_a_later_one_is_not(db, auth, plan, clock):
    """truth17 F15: the question looked at the day only, so a meeting at 08.00 typed at 11.15 the same day was
    saved without it; the clock time decides."""
    clock.set(at(2026, 12, 4, 11, 15))
    url = f"/namnder/{plan.id}/sammantraden"
    asked = auth.post(url, {"kind": "namnd", "day": "2026-12-04", "time": "08.00"})
    assert asked.status_code == 400
    assert "Sammanträdet i dag kl. 08.00 är i det förflutna." in asked.get_data(as_text=True)
    assert _meetings(db, plan) == []
    assert auth.post(url, {"kind": "namnd", "day": "2026-12-04", "time": "17.00"}).status_code == 302
    assert auth.post(url, {"kind": "au", "day": "2026-12-04", "time": "08.00", "confirm_past": "1"}).status_code == 302
    assert len(_meetings(db, plan)) == 2
