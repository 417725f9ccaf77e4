"""The web layer: what only pages and the API need. Services, the scheduler and the CLI import nothing from here.

This module holds what every view needs: the request's clock, the current principal, and `requires`.
"""
from __future__ import annotations

from datetime import datetime
from functools import wraps

from flask import abort, current_app, g
from flask_login import current_user, login_required

from remiss.auth.access import Action, Principal, require_any
from remiss.db import get_session, utcnow


def now() -> datetime:
    """The request's moment; tests may set app.config['CLOCK'] to a callable."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else utcnow()


def principal() -> Principal:
    if "principal" not in g:
        user = current_user._get_current_object()
        loaded = g.get("login_namnd_ids")  # read with the user at login (remiss.web.extensions)
        namnd_ids = loaded[1] if loaded and loaded[0] == user.id else None
        g.principal = Principal.of(get_session(), user, namnd_ids=namnd_ids)
    return g.principal


def say_here(message: str, category: str = "warning") -> None:
    """Show message at the top of the page this response renders, as a flash shows but never through the session:
    a refusal that renders its form again says it in its own page (remiss.stale_form; a flash in the session
    cookie can be lost, or shown on another page, when two requests race: K4)."""
    g.setdefault("said_here", []).append((category, message))


def requires(action: Action, *, doing: str = ""):
    """Allow the view only to users who may do action in at least one nämnd; others are told their role and what
    the page is for (doing, else the action's words: "Med rollen Läsare kan du inte hantera Inkorgen.")."""
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            require_any(principal(), action, doing=doing)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def get_or_404(model, key, **belongs):
    """The row of model with this primary key, or a 404 page; also a 404 when it does not belong where the
    address says (`namnd_id=namnd.id`: a meeting of another nämnd is not found here)."""
    row = get_session().get(model, key)
    if row is None or any(getattr(row, name) != value for name, value in belongs.items()):
        abort(404)
    return row
