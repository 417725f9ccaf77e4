"""walk20 H12: "Ändra uppgifter" saved a sista svarsdag before Inkom, and long passed, after asking only whether it
corrected a typing error. It asks what Registrera remiss asks (remiss.remisser.date_questions), on one page with the
correction question, when the change moves the sista svarsdag or Inkom; the API's PATCH saves and warns."""
from datetime import date

from sqlmodel import select

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.models import Remiss
from tests.intake.test_walk7 import kommun  # noqa: F401  (a fixture)
from tests.support.factories import make_namnd, make_remiss, make_user

PASSED = "Sista svarsdagen har redan passerat"
BEFORE_INKOM = "kom in efter sista svarsdagen"
CORRECTION = "Rätta den ursprungliga sista svarsdagen?"


def _setup(session, **overrides):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    user = make_user(session, role=Role.registrator, namnder=[namnd], email="sara@kommun.se")
    # the clock is 23 november 2026 (tests.support.factories.T0): Inkom that day
    remiss = make_remiss(session, namnd=namnd, title="Medborgarförslag om parkbänkar",
                         **{"deadline_on": date(2027, 2, 26), "deadline_time": None, **overrides})
    session.commit()
    return user, remiss


def _deadline(db, remiss_id):
    with db.transaction() as s:
        return s.get(Remiss, remiss_id).deadline_on


def _form(**changes):
    return {"title": "Medborgarförslag om parkbänkar", "received_on": "2026-11-23", "deadline_on": "2026-10-01",
            "deadline_time": "", "notes": "ny anteckning", **changes}


def test_a_deadline_before_inkom_and_passed_is_asked_with_the_correction_on_one_page(client, auth, session, db):
    _, remiss = _setup(session, kind="medborgarforslag")
    auth.login("sara@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    r = auth.post(url, _form())
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    # Inkom after the sista svarsdag implies a passed one: asked once, as that (walk28 Z13; old code: both)
    assert PASSED not in page and "som redan har varit" not in page
    assert "Kom ärendet in sent kan det sparas ändå." in page  # a medborgarförslag is "ärendet"
    assert "Ärendet kom in efter sista svarsdagen" in page
    assert "Inkom 23 november 2026 ligger efter sista svarsdag 1 oktober 2026." in page
    assert CORRECTION in page  # together, not on a second page
    assert 'name="confirm_past_deadline"' not in page and 'name="confirm_received_late"' in page
    assert "Datumen stämmer och det var ett skrivfel i den ursprungliga sista svarsdagen." in page
    assert 'value="2026-10-01"' in page and "ny anteckning" in page  # nothing typed is lost
    questions = page.split('id="error-summary"')[1].split('name="missiv_text"')[0]
    assert "remissen " not in questions.lower()  # no "remissen" in the questions of an ärende
    assert _deadline(db, remiss.id) == date(2027, 2, 26)

    r = auth.post(url, _form(confirm_all="1"))  # the one button confirms all: no question after it
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    assert _deadline(db, remiss.id) == date(2026, 10, 1)


def test_each_tick_answers_its_own_question(client, auth, session, db):
    _, remiss = _setup(session)
    auth.login("sara@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    r = auth.post(url, _form(confirm_deadline_correction="1", confirm_past_deadline="1"))
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "Remissen kom in efter sista svarsdagen" in page and "Kom remissen in sent kan den sparas ändå." in page
    assert PASSED not in page and CORRECTION not in page
    r = auth.post(url, _form(confirm_deadline_correction="1", confirm_past_deadline="1",
                             confirm_received_late="1"))
    assert r.status_code == 302
    assert _deadline(db, remiss.id) == date(2026, 10, 1)


def test_a_later_inkom_is_asked_and_an_unrelated_edit_is_not(client, auth, session, db, clock):
    _, remiss = _setup(session)
    auth.login("sara@kommun.se")
    url = f"/remisser/{remiss.id}/andra"
    r = auth.post(url, _form(deadline_on="2027-02-26", received_on="2026-11-20"))  # no date question
    assert r.status_code == 302
    with db.transaction() as s:
        s.get(Remiss, remiss.id).deadline_on = date(2026, 11, 10)  # late already, as registered
    r = auth.post(url, _form(deadline_on="2026-11-10", received_on="2026-11-20", title="Nytt namn"))
    assert r.status_code == 302  # neither the deadline nor Inkom moved: nothing asked again
    r = auth.post(url, _form(deadline_on="2026-11-10", received_on="2026-11-21"))
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and BEFORE_INKOM in page and PASSED not in page and CORRECTION not in page


def test_a_future_deadline_asks_only_the_correction(client, auth, session, db):
    _, remiss = _setup(session)
    auth.login("sara@kommun.se")
    r = auth.post(f"/remisser/{remiss.id}/andra", _form(deadline_on="2027-03-05"))
    page = r.get_data(as_text=True)
    assert r.status_code == 400 and CORRECTION in page and PASSED not in page and BEFORE_INKOM not in page
    assert "Spara som rättelse" in page and 'name="confirm_all"' not in page


def test_registration_asks_in_the_words_of_the_kind(client, auth, session, db):
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    make_user(session, role=Role.registrator, namnder=[namnd], email="sara@kommun.se")
    session.commit()
    auth.login("sara@kommun.se")
    r = auth.post("/remisser/ny", {"title": "Förslag om lekplats", "kind": "medborgarforslag",
                                   "namnd_id": str(namnd.id), "received_on": "2026-11-20",
                                   "deadline_on": "2026-11-01"}, form_url="/remisser/ny")
    page = r.get_data(as_text=True)
    assert r.status_code == 200  # questions: nothing is wrong yet (as test_received_on)
    assert "Kom ärendet in sent kan det registreras ändå." in page
    assert "Har ärendet kommit in sent" not in page  # the same fact, asked once (walk28 Z13)
    assert "Ärendet kom in efter sista svarsdagen" in page and "Datumen stämmer – registrera ändå" in page


def test_the_api_saves_and_warns(client, session, db, clock):
    user, remiss = _setup(session, kind="medborgarforslag")
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/remisser/{remiss.id}"
    r = client.patch(url, json={"deadline_on": "2026-10-01", "deadline_correction": True}, headers=headers)
    assert r.status_code == 200, r.get_json()
    warnings = {w["code"]: w["message"] for w in r.get_json()["warnings"]}
    assert warnings["sista_svarsdag_passerad"].startswith("Sista svarsdag 1 oktober 2026 har redan passerat.")
    assert "har ärendet kommit in sent, begär förlängd svarstid" in warnings["sista_svarsdag_passerad"]
    assert warnings["inkom_efter_sista_svarsdag"] == (
        "Inkom 23 november 2026 ligger efter sista svarsdag 1 oktober 2026: ärendet kom in efter sista "
        "svarsdagen. Kontrollera datumen.")
    assert _deadline(db, remiss.id) == date(2026, 10, 1)
    r = client.patch(url, json={"title": "Nytt namn"}, headers=headers)  # unrelated: no warning
    assert r.status_code == 200
    assert {"sista_svarsdag_passerad", "inkom_efter_sista_svarsdag"}.isdisjoint(
        w["code"] for w in r.get_json().get("warnings", []))


def test_an_original_corrected_to_a_past_day_under_a_later_forlangning_is_not_late(client, auth, session, db, clock):
    """The question is whether the remiss becomes late: a granted förlängning still in force keeps it in time."""
    from remiss.planning.models import Extension

    _, remiss = _setup(session, received_on=date(2026, 10, 20), deadline_on=date(2026, 12, 1))
    session.add(Extension(remiss_id=remiss.id, is_general=True, decision="granted",
                          granted_until_on=date(2027, 1, 15), created_at=clock()))
    session.commit()
    auth.login("sara@kommun.se")
    r = auth.post(f"/remisser/{remiss.id}/andra",
                  _form(received_on="2026-10-20", deadline_on="2026-11-02", confirm_deadline_correction="1"))
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    r = auth.post(f"/remisser/{remiss.id}/andra",
                  _form(received_on="2026-10-20", deadline_on="2026-10-10", confirm_deadline_correction="1"))
    page = r.get_data(as_text=True)  # before Inkom is still asked, the förlängning notwithstanding
    assert r.status_code == 400 and BEFORE_INKOM in page and PASSED not in page


def test_the_inkorg_counts_the_clock_time_as_registrera_remiss_does(client, auth, app, db, kommun, clock):
    """The Inkorg's Registrera asked about a passed deadline by its day only: one of today at 09.00 went in at
    noon without a question. The same rule now (date_questions.passed_deadline, walk16 0b)."""
    from datetime import datetime, timezone

    from tests.intake.test_walk7 import RK_TEXT, mail, page_fields, receive, register_now

    clock.set(datetime(2024, 5, 15, 10, 0, tzinfo=timezone.utc))  # 12.00 in Stockholm, the deadline's day
    message = receive(db, app, mail("VB: Remiss av promemorian Sänkt skatt", RK_TEXT, "<today@x>"))
    auth.login("reg@malmo.se")
    fields = page_fields(client.get(f"/inkorg/{message.id}").get_data(as_text=True))
    response = register_now(auth, message.id, **{**fields, "deadline_time": "09.00"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Sista svarsdagen har redan passerat" in page
    with db.transaction() as s:
        assert s.exec(select(Remiss)).all() == []


def test_a_closed_remiss_is_not_asked_whether_it_is_late(client, auth, session, db):
    _, remiss = _setup(session, received_on=date(2026, 9, 1))
    with db.transaction() as s:
        s.get(Remiss, remiss.id).status = "aterkallad"
    auth.login("sara@kommun.se")
    r = auth.post(f"/remisser/{remiss.id}/andra",
                  _form(received_on="2026-09-01", confirm_deadline_correction="1"))
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    assert _deadline(db, remiss.id) == date(2026, 10, 1)


def test_the_api_registration_warns_of_inkom_after_the_sista_svarsdag_too(client, session, db, clock):
    """The form asks "Ärendet kom in efter sista svarsdagen" and a PATCH warns; POST warned only of the passed
    deadline (h-edit20's leftover). It saves and warns inkom_efter_sista_svarsdag; an outgoing one is not asked."""
    user, remiss = _setup(session)
    token = create_api_token(session, now=clock(), user=user, name="test")
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    body = {"title": "Förslag om lekplats", "kind": "medborgarforslag", "namnd_id": remiss.namnd_id,
            "received_on": "2026-11-20", "deadline_on": "2026-11-01"}
    r = client.post("/api/v1/remisser", json=body, headers=headers)
    assert r.status_code == 201, r.get_json()
    warnings = {w["code"]: w for w in r.get_json()["warnings"]}
    assert warnings["inkom_efter_sista_svarsdag"]["message"] == (
        "Inkom 20 november 2026 ligger efter sista svarsdag 1 november 2026: ärendet kom in efter sista "
        "svarsdagen. Kontrollera datumen.")
    assert warnings["inkom_efter_sista_svarsdag"]["url"].endswith(f"/remisser/{r.get_json()['id']}/andra")
    in_time = client.post("/api/v1/remisser", json={**body, "title": "Annat förslag", "deadline_on": "2027-03-01"},
                          headers=headers)
    assert in_time.status_code == 201
    assert "inkom_efter_sista_svarsdag" not in {w["code"] for w in in_time.get_json().get("warnings", [])}
