"""Property-based: schemathesis sends what the OpenAPI document allows, and what it does not, to every API
operation (in process, with a token) and checks each answer: never a 5xx, and a documented status, content
type and shape.

Bounded so the suite stays fast: a few examples per operation, derandomized (the same cases on every run, so
CI does not flicker), at most 20 s a request. REMISS_TEST_API_EXAMPLES=200 runs a deeper, random search by hand.
"""
from __future__ import annotations

import os
from datetime import timedelta

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.planning.service import extensions
from remiss.remisser import service as remisser
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user, principal_of

EXAMPLES = int(os.environ.get("REMISS_TEST_API_EXAMPLES", "0")) or None
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MISSING = 999_999


@pytest.fixture
def world(session, clock):
    """An admin's token, an incoming remiss with a pending extension and an outgoing one with its sändlista."""
    namnd = make_namnd(session)
    admin = make_user(session, role=Role.admin, namnder=[namnd])
    incoming = make_remiss(session, namnd=namnd, questions=["Hur ser ni på förslaget?"], sandlista=["Kommunal"])
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                           sandlista=[SandlistaItem("Kommunal", "k@example.se", "Fack"),
                                      SandlistaItem("SACO", "saco@example.se", "Fack")])
    extension = extensions.request_extension(session, now=clock(), principal=principal_of(session, admin),
                                             remiss=incoming, requested_by="Jesper", requested_on=None,
                                             until_on=incoming.deadline_on.replace(year=2027), until_time=None,
                                             reason="")
    token = create_api_token(session, now=clock(), user=admin, name="schemathesis")
    entries = [e.id for e in remisser.entries(session, outgoing.id)]
    # Ids that exist, and one that does not, so that most cases get past "404 not found". A sändlista entry
    # is looked for on the outgoing remiss, an extension on the incoming one.
    ids = {"remiss_id": [incoming.id, outgoing.id, MISSING], "entry_id": entries + [MISSING],
           "extension_id": [extension.id, MISSING], "namnd_id": [namnd.id, MISSING],
           "handlaggare_id": [admin.id, None, MISSING]}
    owners = {"entry_id": outgoing.id, "extension_id": incoming.id}
    session.commit()
    return {"Authorization": f"Bearer {token}"}, ids, owners


def _known_ids(case, data, ids: dict, owners: dict) -> None:
    params = case.path_parameters or {}
    for name in params:
        if name in ids:
            params[name] = data.draw(st.sampled_from(ids[name]), label=name)
    for name, remiss_id in owners.items():
        if name in params and params[name] != MISSING and data.draw(st.booleans(), label=f"{name} on its remiss"):
            params["remiss_id"] = remiss_id
    body = getattr(case, "body", None)
    if isinstance(body, dict):
        for name in ("namnd_id", "handlaggare_id"):
            if isinstance(body.get(name), int) and data.draw(st.booleans(), label=f"known {name}"):
                body[name] = data.draw(st.sampled_from(ids[name]), label=name)


def test_the_api_keeps_to_its_document(app, world):
    headers, ids, owners = world
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    # Changing a remiss (its sändlista, its direction) last, so the other operations find what the world made.
    operations = sorted((result.ok() for result in schema.get_all_operations()),
                        key=lambda op: op.method.upper() in ("PATCH", "PUT") and op.path.endswith("{remiss_id}"))
    assert len(operations) >= 14

    for operation in operations:
        cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                          operation.as_strategy(GenerationMode.NEGATIVE))

        # deadline: a request that takes 20 s is a finding (a year-822 deadline took 20 s, a long missiv minutes)
        @settings(max_examples=EXAMPLES or 6, derandomize=EXAMPLES is None, deadline=timedelta(seconds=20),
                  database=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck), print_blob=True)
        @given(case=cases, data=st.data())
        def keeps_to_the_document(case, data):
            _known_ids(case, data, ids, owners)
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        keeps_to_the_document()
