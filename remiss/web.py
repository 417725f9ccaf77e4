"""What every view needs: the clock, the current principal, and the blueprint list."""
from __future__ import annotations

from datetime import datetime
from functools import wraps

from flask import abort, current_app, g
from flask_login import current_user, login_required

from remiss.auth.access import Action, Principal
from remiss.db import get_session, utcnow


def now() -> datetime:
    """The request's moment; tests may set app.config['CLOCK'] to a callable."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else utcnow()


def principal() -> Principal:
    if "principal" not in g:
        g.principal = Principal.of(get_session(), current_user._get_current_object())
    return g.principal


def requires(action: Action):
    """Allow the view only to users who may do action in at least one nämnd."""
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not principal().may(action):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def _blueprints():
    from remiss.admin.views import bp as admin
    from remiss.api.views import bp as api
    from remiss.auth.views import bp as auth
    from remiss.remisser.views import bp as remisser

    return [auth, remisser, admin, api]


# Other capabilities add their blueprint modules here (each module has a `bp`).
EXTRA_BLUEPRINT_MODULES: list[str] = []


def _extra():
    import importlib

    return [importlib.import_module(name).bp for name in EXTRA_BLUEPRINT_MODULES]


class _Blueprints:
    def __iter__(self):
        return iter(_blueprints() + _extra())


BLUEPRINTS = _Blueprints()
