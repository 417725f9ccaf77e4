"""Links for pages that write many of them, without url_for's cost (≈ 7–9 µs a link).

url_for builds each endpoint's URL once per app, script root and argument names, with sample values that
are then replaced by {name}: later links fill in the pattern (≈ 1.5 µs). Only values that need no quoting are
filled in — non-negative ints and plain words (letters, digits, "_", ".", "-") —; anything else, and any
pattern in which the samples cannot be found again, goes to url_for. A test compares them with url_for.
"""
from __future__ import annotations

import re

from flask import current_app, g, request, url_for
from werkzeug.routing import BuildError

_SAMPLE_INT = 987654321  # values no link has: url_for builds with these, the real ones go in their place
_PLAIN = re.compile(r"[A-Za-z0-9_.-]+")


def _plain(value) -> bool:
    return (type(value) is int and value >= 0) or (type(value) is str and _PLAIN.fullmatch(value) is not None)


class Urls:
    """url_for(endpoint, **values) from patterns kept per app; one instance per request (see page_urls)."""

    def __init__(self):
        self._root = request.script_root
        self._patterns = current_app.extensions.setdefault("remiss_url_patterns", {})

    def __call__(self, endpoint: str, **values) -> str:
        for v in values.values():
            if not _plain(v):
                return url_for(endpoint, **values)
        key = (self._root, endpoint, *values, *map(type, values.values()))
        pattern = self._patterns.get(key)
        if pattern is None:
            pattern = self._patterns[key] = self._pattern(endpoint, values)
        return pattern.format_map(values) if pattern else url_for(endpoint, **values)

    def prefix(self, endpoint: str, name: str) -> str:
        """What comes before the value of name when it ends the URL ('/remisser/' for remisser.show), or ""."""
        pattern = self._patterns.get((self._root, endpoint, name, int))
        if pattern is None:
            self(endpoint, **{name: 0})
            pattern = self._patterns[(self._root, endpoint, name, int)]
        end = "{" + name + "}"
        return pattern[:-len(end)] if pattern.endswith(end) and pattern.count("{") == 1 else ""

    @staticmethod
    def _pattern(endpoint: str, values: dict) -> str:
        """The URL with {name} where each value goes, or "" when the samples cannot be found again in it."""
        samples = {k: str(_SAMPLE_INT + n) if type(v) is int else f"zq{n}sample"
                   for n, (k, v) in enumerate(values.items())}
        try:
            pattern = url_for(endpoint, **{k: int(s) if s.isdigit() else s for k, s in samples.items()})
        except BuildError:  # a converter that takes only some values
            return ""
        pattern = pattern.replace("{", "{{").replace("}", "}}")
        for k, sample in samples.items():
            if pattern.count(sample) != 1:
                return ""
            pattern = pattern.replace(sample, "{" + k + "}")
        return pattern


def page_urls() -> Urls:
    """This request's Urls."""
    urls = g.get("_remiss_urls")
    if urls is None:
        urls = g._remiss_urls = Urls()
    return urls


def app_url(endpoint: str, **values) -> str:
    """url_for for templates: the header's and menu's links, and any page's fixed ones."""
    return page_urls()(endpoint, **values)
