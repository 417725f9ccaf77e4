"""Validate JSON request bodies with pydantic models; errors carry the forms' Swedish messages.

A field of a body model is validated by the same cleaning function the HTML form's parser calls (for example
``remiss.remisser.input.clean_text``), wrapped by ``checked``, so a mistake gets one message wherever it is
made. What pydantic itself refuses (a number where text belongs, an unknown field) is put in Swedish here.

Unknown fields are refused (400, "Okänt fält.") in every body: a misspelt field would otherwise be dropped
without a word, e.g. a deadline that was never saved.
"""
from __future__ import annotations

import re
from typing import Any, Annotated, Callable, TypeVar

from pydantic import ConfigDict, PlainValidator, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError
from sqlmodel import SQLModel

from remiss.remisser.input import INVALID_CHOICE, NOT_A_LIST, REQUIRED, TEXT, UNKNOWN_FIELD, InputErrors, too_long

NOT_AN_OBJECT = "Begäran ska vara ett JSON-objekt."
NOT_JSON_TYPE = "Skicka innehållet som JSON med rubriken Content-Type: application/json."
NOT_JSON = "Innehållet är inte giltig JSON."
TOO_DEEP = "JSON-innehållet är för djupt nästlat."
NOT_TEXT = "Innehåller ett tecken som inte är giltig text (ett ensamt surrogattecken som \\ud800)."
# A lone surrogate (JSON's "\ud800" escape decodes to one) is no character: no database can store it.
_SURROGATE = re.compile("[\ud800-\udfff]")

# pydantic's own refusals, by error type
MESSAGES = {
    "string_type": TEXT, "string_unicode": TEXT,
    "int_type": "Ska vara ett heltal.", "int_parsing": "Ska vara ett heltal.", "int_from_float": "Ska vara ett heltal.",
    "bool_type": "Ska vara true eller false.", "bool_parsing": "Ska vara true eller false.",
    "list_type": NOT_A_LIST,
    "dict_type": "Ska vara ett JSON-objekt.", "model_type": "Ska vara ett JSON-objekt.",
    "model_attributes_type": "Ska vara ett JSON-objekt.",
    "extra_forbidden": UNKNOWN_FIELD,
    "missing": REQUIRED,
    "literal_error": INVALID_CHOICE, "enum": INVALID_CHOICE,
}


class Body(SQLModel):
    """Base of every API request body (validating, not a table): unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


def no_defaults(schema: dict) -> None:
    """json_schema_extra of a body whose fields, left out, leave things as they are (a PATCH)."""
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


def checked(clean: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Turn a cleaner that raises ValueError with a Swedish message into a validator giving that message."""
    def validate(value):
        try:
            return clean(value)
        except ValueError as exc:
            raise PydanticCustomError("invalid", str(exc)) from None
    validate.clean = clean
    return validate


def cleaned(clean: Callable[[Any], Any], schema: dict, python_type: Any = Any):
    """A field type validated by clean, documented by schema (what a client may send)."""
    return Annotated[python_type, PlainValidator(checked(clean)), WithJsonSchema(schema)]


def field_error(field: str, message: str) -> PydanticCustomError:
    """An error about one field, raised from a validator of the whole model (e.g. a time without a date)."""
    return PydanticCustomError("invalid", message, {"field": field})


def _missing_message(model: type[SQLModel], name: str) -> str:
    """A missing required field says what its cleaner says about null, e.g. "Ange vem som begärde förlängningen."."""
    info = model.model_fields.get(name)
    for meta in info.metadata if info else ():
        clean = getattr(getattr(meta, "func", None), "clean", None)
        if clean is not None:
            try:
                clean(None)
            except ValueError as exc:
                return str(exc)
    return REQUIRED


def _key(loc: tuple, dropped: frozenset[str]) -> str:
    """("svar", 0) → "svar-1", ("avsnitt", 2, "rubrik") → "avsnitt-3-rubrik": the keys the forms use."""
    parts = [str(p + 1) if isinstance(p, int) else p for p in loc if p not in dropped]
    return "-".join(parts) or "body"


def errors_of(model: type[SQLModel], exc: ValidationError, dropped: frozenset[str] = frozenset()) -> dict[str, str]:
    """Field → Swedish message, the first error of each field."""
    errors: dict[str, str] = {}
    for error in exc.errors(include_url=False):
        ctx = error.get("ctx") or {}
        key = ctx.get("field") or _key(error["loc"], dropped)
        if error["type"] == "invalid":
            message = error["msg"]
        elif error["type"] == "missing" and len(error["loc"]) == 1:
            message = _missing_message(model, error["loc"][0])
        elif error["type"] in ("string_too_long", "too_long") and "max_length" in ctx:
            given = error.get("input")
            message = too_long(ctx["max_length"], len(given)) if isinstance(given, str) \
                else f"Högst {ctx['max_length']} tecken."
        else:
            message = MESSAGES.get(error["type"], "Ogiltigt värde.")
        errors.setdefault(key, message)
    return errors


M = TypeVar("M", bound=SQLModel)


def parse_body(model: type[M], raw: Any) -> M:
    """Validate a decoded JSON body as model or raise InputErrors (answered 400 with per-field messages)."""
    if not isinstance(raw, dict):
        raise InputErrors({"body": NOT_AN_OBJECT})
    broken = _fields_with_lone_surrogates(raw)
    if broken:
        raise InputErrors(dict.fromkeys(broken, NOT_TEXT))
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InputErrors(errors_of(model, exc, getattr(model, "error_prefixes_dropped", frozenset()))) from None


def _fields_with_lone_surrogates(raw: dict) -> list[str]:
    """The fields of a body whose value, at any depth (or whose name), holds a lone surrogate."""
    broken = []
    for key, value in raw.items():
        stack = [key, value]
        while stack:  # a loop, not recursion: the body may be nested as deep as the JSON decoder allows
            item = stack.pop()
            if isinstance(item, str):
                if _SURROGATE.search(item):
                    broken.append(key.encode("utf-8", "backslashreplace").decode())
                    break
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    return broken


# JSON Schema of the common kinds of field, for the OpenAPI document (remiss.api.openapi)

def text_schema(limit: int | None = None, *, nullable: bool = True, description: str | None = None) -> dict:
    schema: dict = {"type": ["string", "null"] if nullable else "string"}
    if limit is not None:
        schema["maxLength"] = limit
    if description:
        schema["description"] = description
    return schema


DATE_SCHEMA = {"type": ["string", "null"], "format": "date",
               "pattern": "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
               "description": "ÅÅÅÅ-MM-DD, år 1900–2199 (formulärens 31/3 2010 går också)"}
TIME_SCHEMA = {"type": ["string", "null"], "pattern": r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$",
               "description": "TT:MM, till exempel 12:00 (formulärens kl 13, 13.00 och 0930 går också)"}
EMAIL_SCHEMA = {"type": ["string", "null"], "anyOf": [{"format": "email"}, {"maxLength": 0}],
                "description": "en e-postadress; tom eller null: ingen"}
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
