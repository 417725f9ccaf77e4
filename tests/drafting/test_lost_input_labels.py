"""The lost-input page (remiss.web.lost_input) shows each posted text under the label the user saw: the labels a
hand-built form's view declares (@form_labels: the remiss form's FORM_LABELS), those of the WTForms form a view uses,
and the field's name only for a field neither knows."""
from __future__ import annotations

from remiss.auth.models import Role
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_remiss, make_user


def _post_after_logout(client, auth, page: str, data: dict, target: str | None = None) -> str:
    token = csrf_token(client, page)
    auth.logout()
    response = client.post(target or page, data={**data, "csrf_token": token},
                           headers={"Referer": f"http://localhost{page}"})
    assert response.status_code == 400
    return response.get_data(as_text=True)


def test_the_remiss_edit_form_shows_its_labels(client, auth, session):
    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="mia@kommun.se")
    remiss = make_remiss(session, namnd=namnd, title="Miljöprogram")
    session.commit()
    auth.login("mia@kommun.se")
    body = _post_after_logout(client, auth, f"/remisser/{remiss.id}/andra",
                              {"title": "Miljöprogram 2027", "notes": "Ring remittenten", "okant_falt": "Text"})
    assert ">Ärendemening</label>" in body and ">Anteckningar</label>" in body
    assert ">title</label>" not in body and ">notes</label>" not in body
    assert ">okant_falt</label>" in body  # unknown: its name


def test_a_wtforms_form_shows_the_labels_of_its_fields(client, auth, session):
    make_user(session, role=Role.admin, email="admin@kommun.se")
    session.commit()
    auth.login("admin@kommun.se")
    body = _post_after_logout(client, auth, "/admin/anvandare/ny",
                              {"name": "Greta Granskare", "title": "Enhetschef", "email": "greta@kommun.se",
                               "password": "hemligt-lösen-123"})
    assert ">Namn</label>" in body and ">Titel</label>" in body and ">E-postadress</label>" in body
    assert ">name</label>" not in body and "hemligt-lösen-123" not in body


def test_the_inbox_registration_shows_its_labels(client, auth, session, app, db, clock):
    from tests.intake.test_walk7 import POLLED, RK_TEXT, mail, receive

    namnd = make_namnd(session, name="Miljönämnden", dnr_prefix="MN")
    make_user(session, role=Role.registrator, namnder=[namnd], email="reg@malmo.se")
    session.commit()
    clock.set(POLLED)
    message = receive(db, app, mail("VB: Remiss", RK_TEXT, "<lost@x>"))
    auth.login("reg@malmo.se")
    body = _post_after_logout(client, auth, f"/inkorg/{message.id}", {"title": "Sänkt skatt", "remittent": "Fi"},
                              target=f"/inkorg/{message.id}/registrera")
    assert ">Ärendemening</label>" in body and ">Remittent</label>" in body and ">title</label>" not in body
