"""Log in, log out, change password."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from remiss.auth import service
from remiss.auth.forms import LoginForm, PasswordForm
from remiss.auth.models import User
from remiss.db import get_db, get_session
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


@bp.route("/logga-in", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("remisser.start"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        limits = service.LoginLimits(
            max_failures=current_app.config["LOGIN_MAX_FAILURES"],
            max_failures_per_address=current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"],
            window=timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"]))
        # Failures must be counted even though the login is refused: own transaction.
        with get_db().transaction() as tx:
            try:
                user = service.authenticate(tx, now=now(), email=form.email.data, password=form.password.data,
                                            address=request.remote_addr or "?", limits=limits)
            except service.AuthError as exc:
                error = str(exc)
                user = None
        if user is not None:
            session.clear()  # a new session at login
            login_user(get_session().get(type(user), user.id))
            return redirect(safe_next(request.args.get("next")) or url_for("remisser.start"))
    return render_template("auth/login.html", form=form, error=error), (400 if error else 200)


@bp.route("/logga-ut", methods=["POST"])
def logout():
    logout_user()
    session.clear()
    flash("Du är utloggad.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/konto/losenord", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            db_session = get_session()  # current_user is plain values (remiss.auth.models.SignedIn)
            service.change_password(db_session, now=now(), user=db_session.get(User, current_user.id),
                                    current=form.current.data, new=form.new.data)
        except service.AuthError as exc:
            field = form.current if "Nuvarande" in str(exc) else form.new
            field.errors = [*field.errors, str(exc)]
        else:
            flash("Lösenordet är bytt.", "success")
            return redirect(url_for("remisser.start"))
    return render_template("auth/password.html", form=form)
