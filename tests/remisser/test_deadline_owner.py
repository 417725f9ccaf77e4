"""walk11 finding 6, who: the registered sista svarsdag is corrected by the registrator (or an admin), who
registers the remiss and keeps the diarium; a granskare or handläggare sees it read-only under "Ändra uppgifter"
and asks for an extension instead. One rule (remiss.auth.access.FIELD_ACTIONS) for the page and the API."""
from datetime import date, time
from html import unescape

import pytest

from remiss.auth.access import Principal, may_change_field
from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

REFUSED = "Med rollen Granskare / chef kan du inte ändra sista svarsdagen: det gör registratorer."


def _setup(session, role):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    user = make_user(session, role=role, namnder=[namnd], email="greta@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Miljöprogram", deadline_on=date(2027, 2, 22),
                         deadline_time=time(12, 0))
    session.commit()
    return namnd, user, remiss


def _deadline(db, remiss_id):
    with db.transaction() as s:
        r = s.get(Remiss, remiss_id)
        return r.deadline_on, r.deadline_time


@pytest.mark.parametrize("role", [Role.granskare, Role.handlaggare])
def test_the_edit_form_shows_the_deadline_read_only_and_keeps_it(client, auth, session, db, role):
    _, _, remiss = _setup(session, role)
    auth.login("greta@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    page = client.get(url).get_data(as_text=True)
    assert 'name="deadline_on"' in page and "Sista svarsdagen rättas av registratorn." in page
    assert 'id="f-no_deadline"' not in page
    # a changed deadline (a stale or crafted form) is refused, as the API refuses it, and nothing is saved: not
    # dropped under "Ändringarna är sparade" (walk28 Z2)
    form = {"title": "Miljöprogram, rättad", "deadline_on": "2027-12-31", "deadline_time": "15.00",
            "confirm_deadline_correction": "1"}
    r = auth.post(url, form)
    said = unescape(r.get_data(as_text=True))
    assert r.status_code == 403, said[:2000]
    assert f"{role.label} kan du inte ändra sista svarsdagen: det gör registratorer." in said
    assert f"{role.label} kan du inte ändra sista svarsdagens klockslag: det gör registratorer." in said
    assert 'value="Miljöprogram, rättad"' in said
    assert _deadline(db, remiss.id) == (date(2027, 2, 22), time(12, 0))
    with db.transaction() as s:
        assert s.get(Remiss, remiss.id).title == "Miljöprogram"
    # the deadline as the page gives it back: the title is saved
    r = auth.post(url, {**form, "deadline_on": "2027-02-22", "deadline_time": "12.00"})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    assert _deadline(db, remiss.id) == (date(2027, 2, 22), time(12, 0))
    with db.transaction() as s:
        assert s.get(Remiss, remiss.id).title == "Miljöprogram, rättad"


def test_the_api_refuses_a_granskare_the_same_way(client, session, db, clock):
    _, user, remiss = _setup(session, Role.granskare)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/remisser/{remiss.id}"
    r = client.patch(url, json={"deadline_on": "2027-12-31", "deadline_correction": True}, headers=headers)
    assert r.status_code == 403, r.get_json()
    assert REFUSED in r.get_json()["error"]
    assert _deadline(db, remiss.id) == (date(2027, 2, 22), time(12, 0))
    r = client.patch(url, json={"notes": "Läst", "deadline_on": "2027-02-22", "deadline_time": "12:00"}, headers=headers)
    assert r.status_code == 200, r.get_json()  # the same deadline sent back is no change


def test_the_registrator_may_correct_it(session):
    namnd, _, _ = _setup(session, Role.granskare)
    assert not may_change_field(Principal(1, Role.granskare, frozenset({namnd.id})), namnd.id, "deadline_on")
    assert may_change_field(Principal(1, Role.registrator, frozenset({namnd.id})), namnd.id, "deadline_on")
    assert not may_change_field(Principal(1, Role.registrator, frozenset()), namnd.id, "deadline_on")
