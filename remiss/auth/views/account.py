"""The Konto page: the user's sessions, API tokens and calendar address, and the password change."""
from __future__ import annotations

from functools import wraps

from flask import abort, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlmodel import select

from remiss.auth import service
from remiss.auth.forms import PasswordForm, parse_token_form
from remiss.auth.models import User
from remiss.auth.passwords import verify_password
from remiss.auth.views import address, bp, device, local_login, sign_in
from remiss.db import get_session
from remiss.namnd.models import Namnd
from remiss.web import now, principal


def browser_only(view):
    """Signed in with a browser session, not an API token: a token must not mint tokens that outlive it, nor
    end sessions or change the password."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if g.get("token_auth"):
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def _account_page(*, new_token: str | None = None, token_errors: dict | None = None, token_values=None,
                  status: int = 200):
    db_session = get_session()
    user = db_session.get(User, current_user.id)
    ids = principal().namnd_ids
    stmt = select(Namnd.name).order_by(Namnd.name)
    if not principal().is_admin:
        stmt = stmt.where(Namnd.id.in_(list(ids) or [-1]))
    namnder = list(db_session.exec(stmt))
    current_hash = service.session_hash(session.get("sid", ""))
    return render_template(
        "auth/account.html", user=user, namnder=namnder, new_token=new_token,
        tokens=service.api_tokens(db_session, user.id), token_errors=token_errors or {},
        token_values=token_values or {}, current_hash=current_hash,
        sessions=service.sessions_of(db_session, user.id), method_labels=service.METHOD_LABELS,
        may_change_password=not user.is_sso and service.local_login_refusal(user, local_login()) is None,
    ), status


@bp.get("/konto")
@browser_only
def account():
    return _account_page()


@bp.post("/konto/api-nycklar")
@browser_only
def create_token():
    values, errors, expires_at = parse_token_form(request.form, now=now())
    if errors:
        return _account_page(token_errors=errors, token_values=values, status=400)
    db_session = get_session()
    try:
        token = service.create_api_token(db_session, now=now(), user=db_session.get(User, current_user.id),
                                         name=values["name"], expires_at=expires_at)
    except service.AuthError as exc:
        return _account_page(token_errors={"expires": str(exc)}, token_values=values, status=400)
    # Shown once, on this page only: never put in a flash message (the session cookie) or a URL.
    return _account_page(new_token=token)


@bp.post("/konto/api-nycklar/<int:token_id>/aterkalla")
@browser_only
def revoke_token(token_id: int):
    if not service.revoke_api_token(get_session(), now=now(), user_id=current_user.id, token_id=token_id):
        abort(404)
    flash("API-nyckeln är återkallad och fungerar inte längre.", "success")
    return redirect(url_for("auth.account"))


@bp.post("/konto/sessioner/avsluta")
@browser_only
def end_other_sessions():
    count = service.end_all_sessions(get_session(), current_user.id, keep_sid=session.get("sid"))
    flash("Du är utloggad på alla andra enheter." if count else "Du var inte inloggad någon annanstans.", "success")
    return redirect(url_for("auth.account"))


@bp.post("/konto/kalender/ny-adress")
@browser_only
def rotate_calendar():
    db_session = get_session()
    service.rotate_ics_token(db_session, now=now(), user=db_session.get(User, current_user.id))
    flash("Kalendern har fått nya adresser. De gamla fungerar inte längre: lägg till de nya i ditt "
          "kalenderprogram.", "success")
    return redirect(url_for("planning.subscribe"))


def _current_password_checks(form: PasswordForm, user: User) -> bool:
    if request.method != "POST" or not form.current.data:
        return False
    if verify_password(user.password_hash, form.current.data):
        return True
    form.current.errors = [*form.current.errors, "Nuvarande lösenord stämmer inte."]
    return False


@bp.route("/konto/losenord", methods=["GET", "POST"])
@browser_only
def change_password():
    db_session = get_session()  # current_user is plain values (remiss.auth.models.SignedIn)
    user = db_session.get(User, current_user.id)
    if user.is_sso:
        flash("Du loggar in med kommunens konto; lösenordet byter du där.", "info")
        return redirect(url_for("auth.account"))
    form = PasswordForm()
    # the current password is checked with the form's own rules, so that every error comes in one round
    if form.validate_on_submit() & _current_password_checks(form, user):
        try:
            service.change_password(db_session, now=now(), user=user, current=form.current.data, new=form.new.data)
        except service.AuthError as exc:
            field = form.current if "Nuvarande" in str(exc) else form.new
            field.errors = [*field.errors, str(exc)]
        else:
            # Every session ended with the old password; this browser continues in a new one.
            sid = service.start_session(db_session, now=now(), user=user, method="password", address=address(),
                                        device=device())
            response = sign_in(user, sid, url_for("auth.account"))
            flash("Lösenordet är bytt. Du är utloggad på alla andra enheter och dina API-nycklar är återkallade.",
                  "success")
            return response
    return render_template("auth/password.html", form=form)
