"""Flask-Login and CSRF protection."""
from __future__ import annotations

from dataclasses import fields

from flask import Flask, g
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import bindparam, select

from remiss.auth.models import NamndMembership, SignedIn, User
from remiss.auth.service import user_for_token
from remiss.db import get_session, utcnow

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"
csrf = CSRFProtect()

_U = User.__table__.c
_M = NamndMembership.__table__.c
# The user's columns and nämnder in one query: every page needs both (remiss.web.principal).
_SIGNED_IN = (select(*(_U[f.name] for f in fields(SignedIn)), _M.namnd_id)
              .outerjoin(NamndMembership.__table__, _M.user_id == _U.id)
              .where(_U.id == bindparam("user_id")))


@login_manager.user_loader
def _load_user(user_id: str) -> SignedIn | None:
    try:
        uid = int(user_id)
    except ValueError:
        return None
    rows = get_session().connection().execute(_SIGNED_IN, {"user_id": uid}).all()
    if not rows or not rows[0].is_active:
        return None
    user = SignedIn(*rows[0][:-1])
    g.login_namnd_ids = (user.id, frozenset(row.namnd_id for row in rows if row.namnd_id is not None))
    return user


@login_manager.request_loader
def _load_from_token(request) -> SignedIn | None:
    """Authenticate API calls by a personal token: 'Authorization: Bearer rmt_…'."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    user = user_for_token(get_session(), header[7:].strip(), now=utcnow())
    if user is None:
        return None
    g.token_auth = True
    return SignedIn.of(user)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    csrf.init_app(app)
