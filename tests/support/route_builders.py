"""Reuse werkzeug's compiled URL builders across the suite's apps.

Every test builds its own app, and werkzeug compiles two URL-building functions for each of the app's ~280
routes from a fresh Python AST: a third of a test's setup. The function depends only on the rule's text, its
parsed parts and its defaults; it reaches the rule's converters through the `self` it is bound to, so the
function compiled for one app's rule serves the same rule of the next app unchanged.
"""
from __future__ import annotations

from werkzeug.routing.rules import Rule

_compile = Rule._compile_builder
_builders: dict[tuple, object] = {}


def _key(rule: Rule, append_unknown: bool) -> tuple:
    defaults = rule.defaults or {}
    # A default for a variable part is resolved into the function as text by its converter: part of the key.
    resolved = tuple((data, rule._converters[data].to_url(defaults[data]))
                     for is_dynamic, data in rule._trace if is_dynamic and data in defaults)
    return (rule.rule, tuple(rule._trace), bool(append_unknown), tuple(str(k) for k in defaults), resolved)


def _cached_compile_builder(self: Rule, append_unknown: bool = True):
    key = _key(self, append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _compile(self, append_unknown)
    return builder


def install() -> None:
    """Patch werkzeug's Rule once for this test process."""
    if Rule._compile_builder is _compile:
        Rule._compile_builder = _cached_compile_builder
