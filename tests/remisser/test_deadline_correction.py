"""walk11 finding 6: a registered sista svarsdag is the missiv's. Moving it under "Ändra uppgifter" or by the API
is asked about (a correction of a typing error, or an Allmän förlängning?), and refused once the yttrande has been
expedited: the answer was measured against it. One rule, in remiss.remisser.service.check_deadline_change."""
from datetime import date, datetime, time, timezone

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.models import Remiss
from tests.support.factories import make_namnd, make_remiss, make_user

QUESTION = "Rätta den ursprungliga sista svarsdagen?"
REFUSED = "Sista svarsdagen kan inte ändras efter expedieringen"


def _setup(session):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Miljöprogram", deadline_on=date(2027, 2, 22),
                         deadline_time=None)
    session.commit()
    return namnd, user, remiss


def _deadline(db, remiss_id):
    with db.transaction() as s:
        r = s.get(Remiss, remiss_id)
        return r.deadline_on, r.effective_deadline_on


def _expedited(db, remiss_id, when):
    with db.transaction() as s:
        r = s.get(Remiss, remiss_id)
        r.status, r.answered_at = "besvarad", when
        s.add(r)


def test_moving_the_deadline_asks_whether_it_corrects_a_typing_error(client, auth, session, db):
    _, _, remiss = _setup(session)
    auth.login("mia@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    form = {"title": "Miljöprogram", "deadline_on": "2027-12-31", "deadline_time": "", "notes": "skrivet"}
    r = auth.post(url, form)
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert QUESTION in page and "Sista svarsdag är registrerad som 22 februari 2027." in page
    assert f'/remisser/{remiss.id}#forlangningar' in page and "allmän förlängning" in page
    assert 'value="2027-12-31"' in page and "skrivet" in page  # nothing typed is lost
    assert _deadline(db, remiss.id) == (date(2027, 2, 22), date(2027, 2, 22))

    r = auth.post(url, {**form, "confirm_deadline_correction": "1"})
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    assert _deadline(db, remiss.id) == (date(2027, 12, 31), date(2027, 12, 31))


def test_other_changes_and_a_first_deadline_are_not_asked_about(client, auth, session, db):
    namnd, _, remiss = _setup(session)
    auth.login("mia@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    r = auth.post(url, {"title": "Nytt namn", "deadline_on": "2027-02-22", "deadline_time": ""})
    assert r.status_code == 302
    bare = make_remiss(session, namnd=namnd, title="Utan svarsdag", deadline_on=None, deadline_time=None)
    session.commit()
    r = auth.post(f"/remisser/{bare.id}/andra", {"title": "Utan svarsdag", "deadline_on": "2027-03-01"})
    assert r.status_code == 302
    assert _deadline(db, bare.id) == (date(2027, 3, 1), date(2027, 3, 1))


def test_after_expediering_the_deadline_is_refused_even_as_a_correction(client, auth, session, db):
    _, _, remiss = _setup(session)
    _expedited(db, remiss.id, datetime(2026, 12, 4, 14, 0, tzinfo=timezone.utc))
    auth.login("mia@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    r = auth.post(url, {"title": "Miljöprogram", "deadline_on": "2026-12-01", "confirm_deadline_correction": "1"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert REFUSED in page and "Yttrandet expedierades 4 december 2026" in page
    assert "besvarat mot sista svarsdag 22 februari 2027" in page
    assert _deadline(db, remiss.id) == (date(2027, 2, 22), date(2027, 2, 22))
    r = auth.post(url, {"title": "Miljöprogram, rättad", "deadline_on": "2027-02-22"})
    assert r.status_code == 302  # the rest of the remiss can still be corrected


def test_the_api_applies_the_same_rule(client, session, db, clock):
    _, user, remiss = _setup(session)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/remisser/{remiss.id}"
    r = client.patch(url, json={"deadline_on": "2027-12-31"}, headers=headers)
    assert r.status_code == 400, r.get_json()
    assert '"deadline_correction": true' in r.get_json()["errors"]["deadline_on"]
    assert _deadline(db, remiss.id) == (date(2027, 2, 22), date(2027, 2, 22))
    r = client.patch(url, json={"deadline_on": "2027-03-01", "deadline_time": "12:00", "deadline_correction": True},
                     headers=headers)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["deadline"] == "2027-03-01T12:00"

    _expedited(db, remiss.id, datetime(2026, 12, 4, 14, 0, tzinfo=timezone.utc))
    r = client.patch(url, json={"deadline_time": "15:00", "deadline_correction": True}, headers=headers)
    assert r.status_code == 400 and REFUSED in r.get_json()["errors"]["deadline_on"]
    with db.transaction() as s:
        assert s.get(Remiss, remiss.id).deadline_time == time(12, 0)
