"""The OpenAPI 3.1 document at /api/v1/openapi.json: public, valid, every route in it, the shapes as served."""
import re

import jsonschema
import pytest
from openapi_spec_validator import validate

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from remiss.remisser.input import SandlistaItem
from tests.support.factories import make_namnd, make_remiss, make_user


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")  # no login: it is documentation
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def test_the_document_is_openapi_3_1(document):
    validate(document)
    assert document["openapi"] == "3.1.0"


def test_every_api_route_is_in_the_document_with_what_it_takes_and_returns(app, document):
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            routes.add((path, method.lower()))
            op = document["paths"].get(path, {}).get(method.lower())
            assert op is not None, f"{method} {rule.rule} is missing from the document"
            assert op.get("summary"), f"{method} {rule.rule} has no @operation (remiss.api.openapi)"
            assert [code for code in op["responses"] if code.startswith("2")], (method, rule.rule)
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert documented == routes
    assert len(routes) >= 14


def test_auth_bodies_and_errors_are_described(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["token"]["scheme"] == "bearer" and schemes["csrf"]["name"] == "X-CSRFToken"
    assert document["paths"]["/api/v1/openapi.json"]["get"]["security"] == []
    patch = document["paths"]["/api/v1/remisser/{remiss_id}"]["patch"]
    assert patch["security"] == [{"token": []}, {"session": [], "csrf": []}]
    assert set(patch["responses"]) >= {"200", "400", "401", "403", "404", "409"}
    schemas = document["components"]["schemas"]
    assert set(schemas["Error"]["required"]) == {"error", "status"}
    for path, ops in document["paths"].items():
        for op in ops.values():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:  # every body refuses unknown fields ("Okänt fält.")
                assert schemas[body["schema"]["$ref"].rsplit("/", 1)[1]]["additionalProperties"] is False, path


def _validator(document, name: str):
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_responses_have_the_documented_shapes(client, session, clock, document):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    outgoing = make_remiss(session, namnd=namnd, direction="utgaende", questions=["Fråga?"],
                           sandlista=[SandlistaItem("Kommunal", "k@example.se", "Fack")])
    incoming_id = make_remiss(session, namnd=namnd, questions=["Fråga?"]).id
    headers = {"Authorization": f"Bearer {create_api_token(session, now=clock(), user=user, name='t')}"}
    session.commit()

    detail = client.get(f"/api/v1/remisser/{outgoing.id}", headers=headers).get_json()
    _validator(document, "RemissDetail").validate(detail)
    # every key the view sends is documented (a key the document lacks would be a silent addition)
    assert set(detail) == set(document["components"]["schemas"]["RemissDetail"]["properties"])
    assert detail["sandlista_status"]["total"] == 1
    _validator(document, "RemissList").validate(client.get("/api/v1/remisser", headers=headers).get_json())
    # an utgående remiss has no yttrande of ours: 409, in the documented error shape (walk12b #9)
    refused = client.get(f"/api/v1/remisser/{outgoing.id}/yttrande", headers=headers)
    assert refused.status_code == 409
    _validator(document, "Error").validate(refused.get_json())
    _validator(document, "YttrandeWithVersions").validate(
        client.get(f"/api/v1/remisser/{incoming_id}/yttrande", headers=headers).get_json())
    error = client.post("/api/v1/remisser", json={"title": 5}, headers=headers).get_json()
    _validator(document, "Error").validate(error)
    assert error["errors"]["title"] == "Ska vara text."
