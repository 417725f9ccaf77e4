"""Flask-Login and CSRF protection."""
from __future__ import annotations

from dataclasses import fields
from datetime import timedelta

from flask import Flask, current_app, g, request, session
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import bindparam, select

from remiss.auth.models import NamndMembership, SignedIn, User, UserSession
from remiss.auth.service import authenticate_token, mark_token_used, session_hash, token_use_is_stale
from remiss.db import UTCDateTime, get_db, get_session
from remiss.web import now

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Logga in för att fortsätta."
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"
csrf = CSRFProtect()

_U = User.__table__.c
_M = NamndMembership.__table__.c
_S = UserSession.__table__.c
# The user's columns and nämnder in one query: every page needs both (remiss.web.principal). The join with the
# server-side session makes a cookie whose session has ended (logout, new password, deactivation) sign in nobody.
_SIGNED_IN = (select(*(_U[f.name] for f in fields(SignedIn)), _M.namnd_id)
              .join(UserSession.__table__, (_S.user_id == _U.id) & (_S.token_hash == bindparam("sid_hash"))
                    # a session begun with the kommun's account lasts REMISS_OIDC_SESSION_HOURS: then the provider
                    # is asked again, and the directory's groups with it
                    & ((_S.method != "sso") | (_S.created_at >= bindparam("sso_since", type_=UTCDateTime))))
              .outerjoin(NamndMembership.__table__, _M.user_id == _U.id)
              .where(_U.id == bindparam("user_id")))


@login_manager.user_loader
def _load_user(user_id: str) -> SignedIn | None:
    sid = session.get("sid")
    try:
        uid = int(user_id)
    except ValueError:
        return None
    if not sid:
        return None
    sso_since = now() - timedelta(hours=current_app.config["OIDC_SESSION_HOURS"])
    rows = get_session().connection().execute(
        _SIGNED_IN, {"user_id": uid, "sid_hash": session_hash(sid), "sso_since": sso_since}).all()
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
    moment = now()
    found = authenticate_token(get_session(), header[7:].strip(), now=moment)
    if found is None:
        return None
    user, token = found
    if token_use_is_stale(token, moment):
        used = dict(now=moment, token_id=token.id, user_id=user.id, address=request.remote_addr or "")
        if request.method in ("GET", "HEAD", "OPTIONS"):
            # The request's session is a reader: a short write of its own (SQLite's WAL lets both run).
            with get_db().transaction() as tx:
                mark_token_used(tx, **used)
        else:
            # The request's session is the writer and holds SQLite's write lock: a second writer would wait for it.
            mark_token_used(get_session(), **used)
    g.token_auth = True
    return SignedIn.of(user)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    csrf.init_app(app)


NOT_SIGNED_IN = "Inloggning krävs: använd sessionen eller 'Authorization: Bearer <token>'."
BAD_TOKEN = ("API-token är ogiltig, har gått ut eller är återkallad. Skapa en ny under Konto "
             "(eller med `remiss create-token`).")
READING = ("GET", "HEAD", "OPTIONS")


def guard_api():
    """Before every /api/ view: a JSON 401 unless signed in by token or session; a session's writes need the
    CSRF token (header X-CSRFToken), a token's do not. None when the request may go on."""
    from remiss.web.errors import error_response

    if not current_user.is_authenticated:
        given = request.headers.get("Authorization", "").startswith("Bearer ")
        return error_response(401, BAD_TOKEN if given else NOT_SIGNED_IN)
    if request.method not in READING and not g.get("token_auth"):
        csrf.protect()
    return None
