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
    """The user and their nämnder in one query: every page needs both (remiss.web.principal). Built once:
    building a statement and its cache key each request cost more than running it on SQLite."""
    from sqlalchemy import bindparam
    from sqlmodel import select

    from remiss.auth.models import NamndMembership, User

    return (select(User, NamndMembership.namnd_id)
            .outerjoin(NamndMembership, NamndMembership.user_id == User.id)
            .where(User.id == bindparam("user_id")))


@login_manager.user_loader
def _load_user(user_id: str):
    from remiss.db import get_session

    try:
        uid = int(user_id)
    except ValueError:
        return None
    rows = get_session().execute(_user_statement(), {"user_id": uid}).all()
    if not rows or not rows[0][0].is_active:
        return None
    user = rows[0][0]
    g.login_namnd_ids = (user.id, frozenset(namnd_id for _, namnd_id in rows if namnd_id is not None))
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
