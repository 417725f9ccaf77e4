"""POST /api/v1/remisser with direction utgående asks for a sändlista as the new-remiss form does
(outgoing.service.sending.outgoing_problems): a 400 in the API's error shape, with the field named; nothing saved.
An incoming remiss is registered without one, as before."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import select

from remiss.api.views import NO_SANDLISTA
from remiss.auth.models import Role
from remiss.remisser.models import Remiss
from tests.conftest import csrf_token
from tests.support.factories import make_namnd, make_user

TODAY = datetime(2026, 12, 4, 9, tzinfo=timezone.utc)


def _post(session, client, auth, clock, **body):
    clock.set(TODAY)
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    session.commit()
    namnd_id = namnd.id
    auth.login(user.email)
    session.rollback()  # SQLite has one writer
    headers = {"X-CSRFToken": csrf_token(client, "/")}
    return client.post("/api/v1/remisser", headers=headers,
                       json={"title": "Trafikplan 2027", "namnd_id": namnd_id, "deadline_on": "2027-01-29", **body})


def _saved(session) -> list[str]:
    session.expire_all()
    titles = [r.title for r in session.exec(select(Remiss))]
    session.rollback()
    return titles


@pytest.mark.parametrize("sandlista", [{}, {"sandlista": []}, {"sandlista": "  "}, {"sandlista": None}],
                         ids=["left-out", "empty-list", "blank-text", "null"])
def test_an_outgoing_remiss_without_a_sandlista_is_refused(session, client, auth, clock, sandlista):
    response = _post(session, client, auth, clock, direction="utgaende", **sandlista)
    said = response.get_json()
    assert response.status_code == 400, said
    assert said == {"error": "Uppgifterna innehåller fel.", "status": 400, "field": "sandlista",
                    "errors": {"sandlista": NO_SANDLISTA}}
    assert _saved(session) == []


def test_every_missing_part_is_named_at_once(session, client, auth, clock):
    response = _post(session, client, auth, clock, direction="utgaende", deadline_on="2026-12-04", sandlista="")
    said = response.get_json()
    assert response.status_code == 400 and said["field"] == "deadline_on"
    assert "är i dag" in said["errors"]["deadline_on"] and said["errors"]["sandlista"] == NO_SANDLISTA
    assert _saved(session) == []


def test_with_a_sandlista_it_is_registered_and_an_incoming_remiss_needs_none(session, client, auth, clock):
    made = _post(session, client, auth, clock, direction="utgaende", sandlista=["Kommunal"])
    assert made.status_code == 201, made.get_json()
    assert [e["name"] for e in made.get_json()["sandlista"]] == ["Kommunal"]
    headers = {"X-CSRFToken": csrf_token(client, "/")}
    incoming = client.post("/api/v1/remisser", headers=headers, json={
        "title": "Inkommen", "namnd_id": made.get_json()["namnd_id"], "deadline_on": "2027-01-29"})
    assert incoming.status_code == 201, incoming.get_json()
    assert sorted(_saved(session)) == ["Inkommen", "Trafikplan 2027"]
