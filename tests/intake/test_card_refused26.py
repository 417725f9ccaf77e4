"""Session 26: the *För samman* / *Registrera förlängningen* card on the registration form opened from a missiv
answered a refused step with a flash and a redirect to the form, which lost what was typed in the card (the new
last day, the clock time, vårt diarienummer). As the Inkorg's steps do (remiss.stale_form), it now renders the form
again with the refusal in it: 409 when the card is stale (the message handled meanwhile), 400 for what was typed."""
from __future__ import annotations

import html

from sqlmodel import func, select

from remiss.intake.models import InboxMessage
from remiss.planning.models import Extension
from tests.conftest import Auth, csrf_token
from tests.intake.test_decide_lock_order import OURS, _prepare, _world


def _page(response) -> str:
    return " ".join(html.unescape(response.get_data(as_text=True)).split())


def _opened_form(client, w) -> tuple[str, str]:
    """The form opened from the message's proposal: its missiv token and a CSRF token."""
    token = csrf_token(client, w.url)
    opened = client.post(f"{w.url}/registrera", data={"oppna": "1", "csrf_token": token})
    return opened.headers["Location"].split("missiv=", 1)[1], token


def test_a_card_on_a_message_someone_else_registered_answers_409_in_the_form_with_what_was_typed(
        client, auth, app, db, session, clock):
    w = _world(client, auth, app, db, session, clock)
    other = app.test_client()
    Auth(other).login("annan@malmo.se")
    missiv, token = _opened_form(other, w)
    auth.login("sekr@malmo.se")
    assert _prepare("registrera", client, w)().status_code == 302  # registered meanwhile by sekr
    response = other.post(f"/remisser/ny/missiv/{missiv}/forlang",
                          data={"our_dnr": OURS, "extend": "1", "until_on": "2027-02-19", "until_time": "12.00",
                                "csrf_token": token})
    assert response.status_code == 409, response.headers.get("Location")
    page = _page(response)
    assert "<title>Registrera remiss – Remiss</title>" in page
    assert "Brevet fördes inte samman: meddelandet är redan registrerat – av" in page
    assert "Det du skrev (sparades inte)" in page  # the card now matches the remiss registered meanwhile
    for typed in (f"{OURS}</textarea>", "2027-02-19</textarea>", "12.00</textarea>"):
        assert typed in page, typed
    with db.transaction() as s:
        assert s.get(InboxMessage, w.message_id).status == "registered"
        assert s.exec(select(func.count()).select_from(Extension)).one() == 0


def test_a_card_naming_no_known_remiss_answers_400_in_the_form_and_keeps_the_diarienummer_typed(
        client, auth, app, db, session, clock):
    w = _world(client, auth, app, db, session, clock)
    auth.login("sekr@malmo.se")
    missiv, token = _opened_form(client, w)
    response = client.post(f"/remisser/ny/missiv/{missiv}/forlang",
                           data={"our_dnr": "LB 2026/0999", "extend": "1", "until_on": "2027-02-19",
                                 "csrf_token": token})
    assert response.status_code == 400, response.headers.get("Location")
    page = _page(response)
    assert "Ingen remiss med diarienummer LB 2026/0999 som du får ändra." in page
    assert 'value="2027-02-19"' in page
    with db.transaction() as s:
        assert s.get(InboxMessage, w.message_id).status == "pending"
