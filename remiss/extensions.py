"""Flask-Login and CSRF protection."""
from __future__ import annotations

from functools import lru_cache

from flask import Flask, g
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"
csrf = CSRFProtect()


@lru_cache(maxsize=1)
def _user_statement():
    """The user's columns and nämnder in one Core query: every page needs both (remiss.web.principal).
    Built once: building a statement and its cache key each request cost more than running it on SQLite."""
    from sqlalchemy import bindparam, select

    from remiss.auth.models import NamndMembership, SignedIn, User

    user = User.__table__.c
    return (select(*(user[name] for name in SignedIn._fields), NamndMembership.__table__.c.namnd_id)
            .outerjoin(NamndMembership.__table__, NamndMembership.__table__.c.user_id == user.id)
            .where(user.id == bindparam("user_id")))


@login_manager.user_loader
def _load_user(user_id: str):
    from remiss.auth.models import SignedIn
    from remiss.db import get_session

    try:
        uid = int(user_id)
    except ValueError:
        return None
    rows = get_session().connection().execute(_user_statement(), {"user_id": uid}).all()
    if not rows or not rows[0].is_active:
        return None
    user = SignedIn._make(rows[0][:-1])
    g.login_namnd_ids = (user.id, frozenset(row[-1] for row in rows if row[-1] is not None))
    return user


@login_manager.request_loader
def _load_from_token(request):
    """Authenticate API calls by a personal token: 'Authorization: Bearer rmt_…'."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    from remiss.auth.service import user_for_token
    from remiss.db import get_session, utcnow

    user = user_for_token(get_session(), header[7:].strip(), now=utcnow())
    if user is not None:
        g.token_auth = True
    return user


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    csrf.init_app(app)
