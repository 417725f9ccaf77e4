"""Parts of the remiss page contributed by each capability (tidplan, yttrande, ...).

A capability calls ``register(Panel(...))`` when its views module is imported; the remiss
page renders the panels in ``order``. ``context`` returns display-ready values.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Panel:
    key: str  # anchor id on the page, e.g. "tidplan"
    title: str  # Swedish heading
    template: str  # Jinja template rendered with remiss, may_edit and the context
    context: Callable  # (session, principal, remiss, now) -> dict
    order: int = 50


PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> None:
    PANELS[panel.key] = panel


def ordered() -> list[Panel]:
    return sorted(PANELS.values(), key=lambda p: (p.order, p.key))


_SHARED = "remiss_page_shared"


@contextmanager
def sharing(session):
    """While the remiss page collects its panels, let them share rows that several of them show."""
    session.info[_SHARED] = {}
    try:
        yield
    finally:
        session.info.pop(_SHARED, None)


def shared(session, key: tuple, load: Callable):
    """load() once per remiss page for key (e.g. ("questions", remiss_id)); elsewhere simply load()."""
    cache = session.info.get(_SHARED)
    if cache is None:
        return load()
    if key not in cache:
        cache[key] = load()
    return cache[key]
