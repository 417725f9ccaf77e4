"""Clock fields take 12.00 and 12:00; their hints and their error give the same example, 12.00 (walk8 finding 15).
A whole hour as missiv write it ("kl 12", "12") is taken by every clock field, as the meeting form took it
(walk17 F15: "kl 15" was saved for a sammanträde and refused for a sista svarsdag)."""
from datetime import time

import pytest

from remiss.auth.models import Role
from remiss.remisser.input import parse_time
from tests.support.factories import make_namnd, make_user


@pytest.mark.parametrize("typed", ["12.00", "12:00", "kl. 12.00", "kl 12:00", " 12.00 ", "12", "kl 12", "kl. 12",
                                   "klockan 12", "12,00"])
def test_both_separators_are_taken(typed):
    assert parse_time(typed) == time(12, 0)


@pytest.mark.parametrize("typed, meant", [("0930", time(9, 30)), ("1200", time(12, 0)), ("kl 2359", time(23, 59)),
                                          ("0000", time(0, 0))])
def test_four_digits_are_hours_and_minutes(typed, meant):
    """Session 31 #13: "0930" was refused as a Klockslag; four digits are HHMM, as a time is often typed."""
    assert parse_time(typed) == meant


@pytest.mark.parametrize("typed", ["25.00", "12,5", "tolv", "2530", "1260", "2400", "930", "12300", "24", "kl"])
def test_the_error_gives_the_example_the_hints_give(typed):
    with pytest.raises(ValueError, match=r"^Ange klockslag, till exempel 12\.00\.$"):
        parse_time(typed)


def test_the_form_hint_the_error_and_the_edit_form_say_12_00(client, auth, session):
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    form = {"title": "Promemorian", "direction": "inkommande", "kind": "remiss", "deadline_on": "2027-05-05",
            "deadline_time": "tolv", "namnd_id": namnd.id}
    page = auth.post("/remisser/ny", form).get_data(as_text=True)
    assert "Till exempel 12.00. Tomt om inget klockslag anges." in page
    assert "Ange klockslag, till exempel 12.00." in page and "TT:MM" not in page and "12:00" not in page
    assert auth.post("/remisser/ny", {**form, "title": "Annan", "deadline_time": "kl 15"}).status_code == 302
    response = auth.post("/remisser/ny", {**form, "deadline_time": "15:30"})
    assert response.status_code == 302
    edit_url = response.headers["Location"] + "/andra"
    assert 'value="15.30"' in client.get(edit_url).get_data(as_text=True)


def test_an_impossible_date_with_a_time_says_the_date_is_invalid_and_keeps_it(client, auth, session):
    """walk16 #4: "30 februari 2027" with Klockslag 12.00 said "Ange datum när klockslag är angivet"."""
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    form = {"title": "Promemorian", "direction": "inkommande", "kind": "remiss", "deadline_on": "30 februari 2027",
            "deadline_time": "12:00", "namnd_id": namnd.id}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 or "Ange ett giltigt datum" in page
    assert "Ange ett giltigt datum, till exempel" in page
    assert "Ange datum när klockslag är angivet" not in page
    assert 'value="30 februari 2027"' in page


def test_no_deadline_ticked_with_a_time_asks_to_remove_the_time(client, auth, session):
    """walk17 F17: "Remissen anger inget datum för svaret" ticked and Klockslag 12.00 said "Ange datum när klockslag
    är angivet", against the tick."""
    namnd = make_namnd(session, name="Kommunstyrelsen", dnr_prefix="KS")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@kommun.se")
    session.commit()
    auth.login("sekr@kommun.se")
    form = {"title": "Promemorian", "direction": "inkommande", "kind": "remiss", "deadline_on": "",
            "no_deadline": "1", "deadline_time": "12.00", "namnd_id": namnd.id}
    response = auth.post("/remisser/ny", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Ta bort klockslaget – remissen anger ingen sista svarsdag." in page
    assert "Ange datum när klockslag är angivet" not in page
    assert auth.post("/remisser/ny", {**form, "deadline_time": ""}).status_code == 302
