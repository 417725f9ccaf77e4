"""An utgående remiss always names at least one remissinstans (outgoing.service.sending.sandlista_problem): the rule
of the new-remiss form and of POST /api/v1/remisser, now also for "Ändra uppgifter" and PATCH/PUT, before and after
sending. The API answers in its error shape with the field named; nothing is changed."""
from __future__ import annotations

from datetime import date, datetime, timezone
from html import unescape

import pytest
from sqlmodel import select

from remiss.api.views import NO_SANDLISTA
from remiss.auth.models import Role
from remiss.outgoing.service.sending import NO_SANDLISTA as EMPTIED_SANDLISTA
from remiss.remisser.models import SandlistaEntry
from tests.conftest import csrf_token
from tests.outgoing.test_repeated_everywhere import _names, _world
from tests.support.factories import make_namnd, make_remiss, make_user


def _sent(session, rid):
    """Mark Miljönämnden as sent the missiv (what sending writes on the entry)."""
    entry = session.exec(select(SandlistaEntry).where(SandlistaEntry.remiss_id == rid)).one()
    entry.sent_at, entry.delivery = datetime(2026, 12, 4, 23, 50, tzinfo=timezone.utc), "epost"
    session.commit()


@pytest.mark.parametrize("sent", [False, True], ids=["unsent", "sent"])
@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize("empty", [[], None], ids=["empty-list", "null"])
def test_the_api_refuses_to_empty_the_sandlista(session, client, auth, clock, sent, method, empty):
    _, rid = _world(session, clock, auth)
    if sent:
        _sent(session, rid)
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    response = getattr(client, method)(f"/api/v1/remisser/{rid}", headers=headers,
                                       json={"title": "Ny titel", "sandlista": empty})
    said = response.get_json()
    assert response.status_code == 400, said
    assert said == {"error": "Uppgifterna innehåller fel.", "status": 400, "field": "sandlista",
                    "errors": {"sandlista": NO_SANDLISTA}}
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se")]
    assert client.get(f"/api/v1/remisser/{rid}").get_json()["title"] != "Ny titel"


def test_the_edit_form_refuses_an_empty_sandlista_and_keeps_what_was_typed(session, client, auth, clock):
    _, rid = _world(session, clock, auth)
    url = f"/remisser/{rid}/andra"
    refused = auth.post(url, {"title": "Ny titel för trafikplanen", "sandlista": " \n "}, form_url=url)
    page = " ".join(unescape(refused.get_data(as_text=True)).split())
    assert refused.status_code == 400
    assert EMPTIED_SANDLISTA in page and "Ny titel för trafikplanen" in page
    assert _names(session, rid) == [("Miljönämnden", "miljo@example.se")]


def test_a_sandlista_that_is_not_empty_is_still_changed_through_the_api(session, client, auth, clock):
    _, rid = _world(session, clock, auth)
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    response = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"sandlista": [{"name": "Kommunal"}]})
    assert response.status_code == 200, response.get_json()
    assert [n for n, _ in _names(session, rid)] == ["Kommunal"]
    untouched = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"title": "Bara titeln"})
    assert untouched.status_code == 200 and [n for n, _ in _names(session, rid)] == ["Kommunal"]


def test_an_incoming_remiss_without_a_sandlista_does_not_become_utgaende(session, client, auth, clock):
    """The same rule when the direction changes: an utgående remiss is never left without an instans."""
    clock.set(datetime(2026, 12, 4, 23, 40, tzinfo=timezone.utc))
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    remiss = make_remiss(session, namnd=namnd, deadline_on=date(2026, 12, 18))
    session.commit()
    rid = remiss.id
    auth.login(user.email)
    session.rollback()
    headers = {"X-CSRFToken": csrf_token(client, f"/remisser/{rid}")}
    refused = client.patch(f"/api/v1/remisser/{rid}", headers=headers, json={"direction": "utgaende"})
    assert refused.status_code == 400, refused.get_json()
    assert refused.get_json()["errors"] == {"sandlista": NO_SANDLISTA}
    made = client.patch(f"/api/v1/remisser/{rid}", headers=headers,
                        json={"direction": "utgaende", "sandlista": ["Kommunal"]})
    assert made.status_code == 200, made.get_json()
    assert made.get_json()["direction"] == "utgaende" and [n for n, _ in _names(session, rid)] == ["Kommunal"]
