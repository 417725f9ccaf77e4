"""Log in (by password or the kommun's account), log out; the account page, sign-ins and directory groups are in
the modules imported at the end."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import (Blueprint, abort, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_login import current_user, login_user, logout_user

from remiss.auth import service
from remiss.auth.device import describe
from remiss.auth.forms import LoginForm
from remiss.auth.models import User
from remiss.db import get_session
from remiss.web import now

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Accept only local paths for ?next= (no scheme, no host, no '//' or backslashes)."""
    if not target or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def address() -> str:
    return request.remote_addr or "?"


def device() -> str:
    """The browser and system of this request, for the Konto page's list of sessions."""
    return describe(request.headers.get("User-Agent", ""))


def sso_client():
    """The kommun's identity provider (an Authlib client), or None when REMISS_OIDC_ISSUER is not set."""
    return current_app.extensions.get("remiss_oidc")


def local_login() -> service.LocalLogin:
    return service.LocalLogin(current_app.config["LOCAL_LOGIN"])


def sign_in(user: User, sid: str, target: str | None = None):
    """Start the browser's session for user, whose server-side session sid was just committed."""
    session.clear()  # a new session at login
    session["sid"] = sid
    login_user(get_session().get(User, user.id))
    return redirect(safe_next(target) or url_for("remisser.start"))


@bp.route("/logga-in", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("remisser.start"))
    form = LoginForm()
    error = None
    password_form = local_login() != service.LocalLogin.none
    if request.method == "POST" and not password_form:
        abort(403)
    if form.validate_on_submit():
        limits = service.LoginLimits(
            max_failures=current_app.config["LOGIN_MAX_FAILURES"],
            max_failures_per_address=current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
            window=timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"]))
        # The request's own session, the writer of this POST: a browser still carrying the cookie of a session
        # ended elsewhere has already begun it (the cookie's user was looked up), and on SQLite a second writer
        # would wait for that one until the lock timed out (walk11 finding 1: 30 s, then a 500).
        tx = get_session()
        try:
            user = service.authenticate(tx, now=now(), email=form.email.data, password=form.password.data,
                                        address=address(), limits=limits, local_login=local_login())
            sid = service.start_session(tx, now=now(), user=user, method="password", address=address(),
                                        device=device())
        except service.AuthError as exc:
            error = str(exc)
            user = None
        # Failures are counted although the answer is an error page, which commits nothing by itself.
        tx.commit()
        if user is not None:
            return sign_in(user, sid, request.args.get("next"))
    return render_template("auth/login.html", form=form, error=error, password_form=password_form,
                           sso=sso_client() is not None,
                           admins_only=local_login() == service.LocalLogin.admins), (400 if error else 200)


@bp.route("/logga-ut", methods=["POST"])
def logout():
    ended = None
    if session.get("sid"):
        ended = service.end_session(get_session(), session["sid"])
    logout_user()
    session.clear()
    provider_logout = _provider_logout_url(ended) if ended is not None and ended.method == "sso" else None
    if provider_logout:
        return redirect(provider_logout)
    flash("Du är utloggad.", "info")
    return redirect(url_for("auth.login"))


from remiss.auth.views import account, admin, sso  # noqa: E402,F401  (their routes are on bp)
from remiss.auth.views.sso import provider_logout_url as _provider_logout_url  # noqa: E402
