"""The request class of the app: text input arrives without NUL and the other C0 control characters.

One place for every form, query string and JSON body: a NUL pasted into a title, a note or a search would be
stored on SQLite and refused by PostgreSQL ("A string literal cannot contain NUL"). Tab and line breaks stay.
Uploaded files are not touched.
"""
from __future__ import annotations

from typing import Any

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict

from remiss.remisser.input import without_control_characters


def _clean(value):
    return without_control_characters(value) if isinstance(value, str) else value


class CleanMultiDict(ImmutableMultiDict):
    """Form fields and query arguments, their names and values cleaned as they are parsed."""

    def __init__(self, mapping=None):
        super().__init__(mapping)
        if not any(_clean(k) != k or any(_clean(v) != v for v in values) for k, values in dict.items(self)):
            return
        cleaned: dict[str, list] = {}
        for key, values in dict.items(self):
            cleaned.setdefault(_clean(key), []).extend(_clean(v) for v in values)
        dict.clear(self)
        dict.update(self, cleaned)


def clean_json(data: Any) -> Any:
    """Every string in a decoded JSON value (names too), at any depth; a loop, as deep as the decoder goes."""
    if isinstance(data, str):
        return _clean(data)
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key in list(item):
                value = item[key]
                if isinstance(key, str) and _clean(key) != key:
                    del item[key]
                    key = _clean(key)
                item[key] = _clean(value)
                if isinstance(value, (dict, list)):
                    stack.append(value)
        elif isinstance(item, list):
            for i, value in enumerate(item):
                item[i] = _clean(value)
                if isinstance(value, (dict, list)):
                    stack.append(value)
    return data


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True):
        return clean_json(super().get_json(force=force, silent=silent, cache=cache))
