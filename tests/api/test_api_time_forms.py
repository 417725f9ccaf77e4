"""The API takes a klockslag in the forms its OpenAPI document names, as the forms do ("kl 13", "13.00", "0930"),
and refuses one that is none with the Swedish message; the document says so."""
from datetime import datetime, timezone

import pytest

from tests.support.factories import registrator_api_headers

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("typed", "said"), [("12:00", "T12:00"), ("13.00", "T13:00"), ("kl 13", "T13:00"),
                                             ("0930", "T09:30")])
def test_a_deadline_time_in_a_documented_form_is_taken(client, session, clock, typed, said):
    namnd, headers = registrator_api_headers(session, clock, now=NOW)
    body = {"title": "Remiss om gatubelysning", "remittent": "Trafikverket", "namnd_id": namnd.id,
            "deadline_on": "2027-02-01", "deadline_time": typed}
    made = client.post("/api/v1/remisser", json=body, headers=headers)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["deadline"].startswith("2027-02-01" + said), made.get_json()


def test_a_time_that_is_none_is_refused_in_swedish(client, session, clock):
    namnd, headers = registrator_api_headers(session, clock, now=NOW)
    body = {"title": "Remiss om gatubelysning", "remittent": "Trafikverket", "namnd_id": namnd.id,
            "deadline_on": "2027-02-01", "deadline_time": "2530"}
    refused = client.post("/api/v1/remisser", json=body, headers=headers)
    assert refused.status_code == 400 and "klockslag" in str(refused.get_json()), refused.get_json()


def test_the_document_names_the_forms_the_api_takes(client):
    document = client.get("/api/v1/openapi.json").get_json()
    described = [s.get("description", "") for s in _schemas(document) if "[:.]" in s.get("pattern", "")]
    assert described and all("kl 13" in d and "0930" in d for d in described), described


def _schemas(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schemas(value)
