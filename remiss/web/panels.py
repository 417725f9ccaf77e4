"""Parts of the remiss page contributed by each capability (tidplan, förlängningar, yttrande, utskick).

The app factory (remiss.create_app) lists them in the order the page shows them. ``context`` returns
display-ready values for the panel's template; a non-empty ``next_step`` among them replaces the status's
"Nästa steg" at the top of the page (the first panel that has one wins).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from flask import current_app


@dataclass(frozen=True)
class Panel:
    key: str  # anchor id on the page, e.g. "tidplan"
    title: str  # Swedish heading
    template: str  # Jinja template rendered with remiss, may_edit and the context as c
    context: Callable  # (session, principal, remiss, now) -> dict


def panels() -> list[Panel]:
    """The remiss page's panels, in order."""
    return current_app.extensions["remiss_panels"]


def incoming_only(context: Callable) -> Callable:
    """The same panel context, giving nothing (no panel) on an outgoing remiss, where we are the remittent."""
    def wrapped(session, principal, remiss, now):
        return None if remiss.direction == "utgaende" else context(session, principal, remiss, now)
    return wrapped
