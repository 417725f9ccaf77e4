"""The OpenAPI 3.1 document of /api/v1, generated from the app's routes and the models their views declare.

A view of the JSON API says what it takes and returns with ``@operation(...)``; it reads its body with
``request_body()``, which validates it with the very model the document shows, so the two cannot drift apart.
Paths, methods and path parameters come from ``app.url_map``; schemas from pydantic (``models_json_schema``).

The document is served without login at /api/v1/openapi.json: it is documentation of a published contract,
holds no data, and tools (client generators, schemathesis) need it before they have a token.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from flask import Blueprint, Flask, current_app, jsonify, request
from pydantic import Field, create_model
from pydantic.json_schema import models_json_schema
from sqlmodel import SQLModel

from remiss.remisser.input import InputErrors
from remiss.validation import NOT_JSON, NOT_JSON_TYPE, TOO_DEEP, parse_body

PREFIX = "/api/v1"
JSON = "application/json"
ERROR_STATUSES = {400: "Felaktig begäran: fälten som är fel står i errors (eller CSRF-token saknas)",
                  401: "Inloggning krävs", 403: "Behörighet saknas", 404: "Finns inte (eller är inte din att se)",
                  409: "Går inte i det läge posten har", 422: "Dokumentet kunde inte skapas"}


def _optional_fields(schema: dict) -> None:
    # left out when there is nothing to say, never null
    for prop in schema["properties"].values():
        prop.pop("default", None)


class Error(SQLModel):
    """Every error under /api/: a Swedish message, the status, and the fields that were wrong."""

    model_config = {"json_schema_extra": _optional_fields}

    error: str
    status: int
    field: str = Field(None, description="the first field that was wrong, when a field was")
    errors: dict[str, str] = Field(None, description="field → Swedish message, for every field that was wrong")
    code: str = Field(None, description="a name for the refusal a program may act on, where one is given (e.g. "
                                        "utgaende_medborgarforslag)")


@dataclass(frozen=True)
class Operation:
    summary: str
    responses: Mapping[int, Any]  # status → response model (a class, a type like list[X], or app → model)
    body: type[SQLModel] | None = None  # the JSON body, validated by request_body()
    query: type[SQLModel] | None = None  # documents the query parameters
    upload: str | None = None  # also takes multipart/form-data with a file in this field
    path: Mapping[str, dict] = field(default_factory=dict)  # JSON Schema of a path parameter, beyond its type
    errors: tuple[int, ...] = (400, 401, 403, 404)
    media_type: str = JSON  # of the success response
    tag: str | None = None
    public: bool = False
    location: bool = False  # a 201 says where the new resource is


def operation(summary: str, *, responses: Mapping[int, Any], **kwargs) -> Callable:
    """Declare what an API view takes and returns (the OpenAPI document is built from it)."""
    def decorator(view):
        view.api_operation = Operation(summary, responses, **kwargs)
        return view
    return decorator


def request_body():
    """Return this request's JSON body validated by the model its view declares; InputErrors (400) when wrong."""
    op: Operation = current_app.view_functions[request.endpoint].api_operation
    if not request.is_json:
        raise InputErrors({"body": NOT_JSON_TYPE})
    try:
        raw = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the decoder goes ([[[[…]]]]): not something any route takes
        raise InputErrors({"body": TOO_DEEP}) from None
    if raw is None:
        raise InputErrors({"body": NOT_JSON})
    return parse_body(op.body, raw)


_ARGUMENT = re.compile(r"<(?:(?P<converter>[a-zA-Z_][a-zA-Z0-9_]*)(?:\([^)]*\))?:)?(?P<name>[a-zA-Z_][a-zA-Z0-9_]*)>")
# An id the database cannot hold is answered 400 (remiss.web.errors); the document names the ids that can exist.
_CONVERTED = {"int": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}, "float": {"type": "number"}}


def _not_null(schema: dict) -> dict:
    """A query parameter is left out rather than null: drop the null branch pydantic writes for X | None."""
    schema = {k: v for k, v in schema.items() if not (k == "default" and v is None)}
    branches = [b for b in schema.pop("anyOf", []) if b != {"type": "null"}]
    if len(branches) == 1:
        schema.update(branches[0])
    elif branches:
        schema["anyOf"] = branches
    return schema


def api_rules(app: Flask) -> list:
    return sorted((r for r in app.url_map.iter_rules() if r.rule.startswith(PREFIX + "/")), key=lambda r: r.rule)


def _methods(rule) -> list[str]:
    return sorted(m for m in rule.methods if m not in ("HEAD", "OPTIONS"))


def _security(op: Operation, method: str) -> list[dict]:
    if op.public:
        return []
    # The token alone, or the session; a session's writes also need the CSRF header.
    return [{"token": []}, {"session": []} if method == "GET" else {"session": [], "csrf": []}]


@dataclass(frozen=True)
class FromApp:
    """A response model that depends on the app's wiring (the remiss detail's parts)."""

    build: Callable[[Flask], Any]


def _resolve(model, app: Flask):
    return model.build(app) if isinstance(model, FromApp) else model


def _as_model(name: str, model) -> type[SQLModel]:
    """A class for models_json_schema: models as they are, list[X] or X | None wrapped as the field of one."""
    if isinstance(model, type) and issubclass(model, SQLModel):
        return model
    return create_model(name, value=(model, ...))


def build(app: Flask) -> dict:
    """Build the OpenAPI 3.1 document of the app's /api/v1 routes."""
    rules = api_rules(app)
    ops = [(rule, getattr(app.view_functions[rule.endpoint], "api_operation", None)) for rule in rules]
    wrapped: dict[tuple, tuple] = {}  # (rule's endpoint, status) → (model class, wrapped in "value"?)
    wanted: list[tuple[type, str]] = [(Error, "serialization")]
    for rule, op in ops:
        if op is None:
            continue
        for status, model in op.responses.items():
            model = _resolve(model, app)
            if model is None:
                continue
            cls = _as_model(f"{rule.endpoint.replace('.', '_')}_{status}", model)
            wrapped[(rule.endpoint, status)] = (cls, cls is not model)
            wanted.append((cls, "serialization"))
        for cls in (op.body, op.query):
            if cls is not None:
                wanted.append((cls, "validation"))
    keys, definitions = models_json_schema(list(dict.fromkeys(wanted)), ref_template="#/components/schemas/{model}")
    schemas = definitions.get("$defs", {})
    queries = {op.query for _, op in ops if op is not None and op.query is not None}
    query_schemas = {cls: schemas.pop(keys[(cls, "validation")]["$ref"].rsplit("/", 1)[1]) for cls in queries}

    def ref(cls, mode: str) -> dict:
        return keys[(cls, mode)]

    response_schemas = {}
    for key, (cls, is_wrapped) in wrapped.items():
        schema = ref(cls, "serialization")
        if is_wrapped:  # the wrapper's "value" field is the real shape; the wrapper itself is not shown
            schema = schemas.pop(schema["$ref"].rsplit("/", 1)[1])["properties"]["value"]
            schema.pop("title", None)
        response_schemas[key] = schema

    paths: dict[str, dict] = {}
    for rule, op in ops:
        path = _ARGUMENT.sub(lambda m: "{" + m["name"] + "}", rule.rule)
        converters = {m["name"]: m["converter"] or "string" for m in _ARGUMENT.finditer(rule.rule)}
        parameters = [{"name": name, "in": "path", "required": True,
                       "schema": dict(_CONVERTED.get(conv, {"type": "string"}), **((op.path if op else {}).get(name, {})))}
                      for name, conv in converters.items()]
        methods = _methods(rule)
        for method in methods:
            op_id = rule.endpoint if len(methods) == 1 else f"{rule.endpoint}_{method.lower()}"
            if op is None:  # a route without @operation still shows; a test asks for one
                paths.setdefault(path, {})[method.lower()] = {"operationId": op_id, "parameters": parameters,
                                                              "responses": {"default": {"description": "ej beskrivet"}}}
                continue
            entry: dict[str, Any] = {"operationId": op_id, "summary": op.summary,
                                     "security": _security(op, method), "responses": {}}
            view = app.view_functions[rule.endpoint]
            if view.__doc__:
                entry["description"] = inspect.cleandoc(view.__doc__)
            if op.tag:
                entry["tags"] = [op.tag]
            query = []
            if op.query is not None:
                definition = query_schemas[op.query]
                required = set(definition.get("required", ()))
                query = [{"name": name, "in": "query", "required": name in required, "schema": _not_null(schema)}
                         for name, schema in definition["properties"].items()]
            if parameters or query:
                entry["parameters"] = parameters + query
            if op.body is not None:
                content = {JSON: {"schema": ref(op.body, "validation")}}
                if op.upload:
                    content["multipart/form-data"] = {"schema": {
                        "type": "object", "required": [op.upload],
                        "properties": {op.upload: {"type": "string", "format": "binary"}}}}
                entry["requestBody"] = {"required": True, "content": content}
            for status, model in sorted(op.responses.items()):
                response: dict[str, Any] = {"description": "OK" if status < 300 else ERROR_STATUSES.get(status, "")}
                if (rule.endpoint, status) in wrapped:
                    response["content"] = {op.media_type: {"schema": response_schemas[(rule.endpoint, status)]}}
                elif op.media_type != JSON:
                    response["content"] = {op.media_type: {"schema": {"type": "string", "format": "binary"}}}
                if op.location and status == 201:
                    response["headers"] = {"Location": {"description": "adressen till den nya posten",
                                                        "schema": {"type": "string"}}}
                entry["responses"][str(status)] = response
            for status in op.errors if not op.public else ():
                if status == 404 and not parameters:
                    continue
                entry["responses"].setdefault(str(status), {
                    "description": ERROR_STATUSES[status],
                    "content": {JSON: {"schema": ref(Error, "serialization")}}})
            paths.setdefault(path, {})[method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": "Remiss API", "version": "1",
                 "description": "Remisser, förlängningar, yttranden och utgående remissers sändlistor. "
                                "Fel är JSON: {\"error\", \"status\", \"field\", \"errors\"}; okända fält i en "
                                "begäran ger 400 (\"Okänt fält.\")."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "token": {"type": "http", "scheme": "bearer", "bearerFormat": "rmt_…",
                      "description": "En personlig API-token: skapas under Konto (/konto) eller med "
                                     "`remiss create-token E-POST`, och kan återkallas där."},
            "session": {"type": "apiKey", "in": "cookie", "name": app.config.get("SESSION_COOKIE_NAME", "session"),
                        "description": "Webbläsarens session efter inloggning på /logga-in."},
            "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRFToken",
                     "description": "Med sessionen kräver ändringar CSRF-token från valfri sidas formulär."}}},
    }


bp = Blueprint("api_docs", __name__)


@bp.get(f"{PREFIX}/openapi.json")
@operation("Det här dokumentet (OpenAPI 3.1)", responses={200: dict[str, Any]}, public=True, tag="dokumentation")
def openapi_json():
    """No login: the document describes the API and holds no data."""
    if "remiss_openapi" not in current_app.extensions:
        current_app.extensions["remiss_openapi"] = build(current_app)
    return jsonify(current_app.extensions["remiss_openapi"])
