"""walk22 L10: a decimal in the nämnd's rules ("1,5", which Chromium sends as 1.5) or its reminder policy got
WTForms' English "Not a valid integer value." before our "Ange 0–20.". Every form's messages are Swedish now: the
workday fields say "Ange ett helt antal arbetsdagar, 0–20." once (remiss.web.forms.WorkdaysField), and WTForms' own
messages come in Swedish (remiss.web.forms.Form), e.g. for a role that is not offered."""
from __future__ import annotations

import pytest

from remiss.auth.models import Role
from tests.support.factories import make_namnd, make_user
from tests.support.pages import visible_text


FORM = {"name": "Kulturnämnden", "granskning_workdays": "3", "justering_workdays_after_meeting": "10",
        "expediering_workdays": "1", "tjansteskrivelse_workdays_before_au": "10"}


@pytest.fixture
def namnd_id(session):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.admin, email="admin@x.se", name="Ada Admin")
    session.commit()
    return namnd.id


def test_a_decimal_in_the_namnds_rules_is_said_in_swedish_once(auth, namnd_id):
    auth.login("admin@x.se")
    r = auth.post(f"/admin/namnder/{namnd_id}", FORM | {"expediering_workdays": "1.5", "granskning_workdays": "tre"})
    page = visible_text(r.get_data(as_text=True))
    assert r.status_code == 400
    assert "Arbetsdagar för expediering: Ange ett helt antal arbetsdagar, 0–20." in page
    assert "Arbetsdagar för granskning: Ange ett helt antal arbetsdagar, 0–30." in page
    assert "Not a valid" not in page and "integer" not in page
    assert page.count("Ange ett helt antal arbetsdagar, 0–20.") == 2  # the summary and the field, not twice at each
    assert 'value="1.5"' in r.get_data(as_text=True)  # what was typed is kept
    out_of_range = visible_text(auth.post(f"/admin/namnder/{namnd_id}", FORM | {"expediering_workdays": "25"})
                         .get_data(as_text=True))
    assert "Arbetsdagar för expediering: Ange ett helt antal arbetsdagar, 0–20." in out_of_range


def test_a_decimal_in_the_reminder_policy_is_said_in_swedish(auth, namnd_id):
    auth.login("admin@x.se")
    r = auth.post(f"/admin/namnder/{namnd_id}/paminnelser", {"remind_workdays_before": "5",
                                                             "overdue_every_workdays": "2.5",
                                                             "escalate_after_workdays": "2,5"})
    page = visible_text(r.get_data(as_text=True))
    assert r.status_code == 400 and "Not a valid" not in page
    assert "Ange ett helt antal arbetsdagar, 0–30." in page and "Ange ett helt antal arbetsdagar, 0–60." in page


def test_wtforms_own_messages_are_swedish_too(auth, namnd_id):
    auth.login("admin@x.se")
    r = auth.post("/admin/anvandare/ny", {"email": "ny@x.se", "name": "Ny", "role": "chef",
                                          "password": "långt-lösenord-1"})
    page = visible_text(r.get_data(as_text=True))
    assert r.status_code == 400 and "Inte ett giltigt val" in page and "Not a valid" not in page
