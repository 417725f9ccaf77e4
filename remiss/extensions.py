"""Flask-Login and CSRF protection."""
from __future__ import annotations

from flask import Flask, g
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"
csrf = CSRFProtect()


@login_manager.user_loader
def _load_user(user_id: str):
    from remiss.auth.models import User
    from remiss.db import get_session

    try:
        user = get_session().get(User, int(user_id))
    except ValueError:
        return None
    return user if user and user.is_active else None


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
