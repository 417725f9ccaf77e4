"""Admin pages: users, nämnder and the register of remissinstanser."""
from __future__ import annotations

from babel.lists import format_list
from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlmodel import select
from wtforms import StringField

from remiss.admin.forms import NamndForm, OrganisationForm, UserForm
from remiss.admin.waiting import review_warnings
from remiss.auth import service as auth_service
from remiss.auth.access import ASSIGNABLE_ROLES, Action
from remiss.auth.models import Role, User
from remiss.auth.passwords import password_problem
from remiss.db import get_session
from remiss.namnd import service as namnd_service
from remiss.namnd.models import Namnd
from remiss.outgoing.models import Organisation
from remiss.outgoing.service import register
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss
from remiss.remisser.status import CLOSED
from remiss.web import get_or_404, now, principal, requires

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _namnd_choices():
    return [(n.id, n.name) for n in namnd_service.namnder(get_session())]


@bp.route("/")
@requires(Action.administer)
def index():
    return redirect(url_for("admin.users"))


@bp.route("/anvandare")
@requires(Action.administer)
def users():
    session = get_session()
    return render_template("admin/users.html", users=auth_service.users(session),
                           namnder_of=auth_service.namnd_names_by_user(session))


@bp.route("/anvandare/ny", methods=["GET", "POST"])
@bp.route("/anvandare/<int:user_id>", methods=["GET", "POST"])
@requires(Action.administer)
def user(user_id: int | None = None):
    session = get_session()
    existing = get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=existing if request.method == "GET" else None)
    if existing is None:  # a new user: no role until the administrator picks one (never Administratör by default)
        form.role.choices = [("", "Välj roll"), *form.role.choices]
    form.password.label.text = ("Lösenord (minst 10 tecken; lämna tomt för att behålla)" if existing
                                else "Lösenord (minst 10 tecken)")
    form.namnder.choices = _namnd_choices()
    if request.method == "GET" and existing:
        form.namnder.data = sorted(auth_service.namnd_ids_of(session, existing.id))
    if form.validate_on_submit() & _field_checks(session, form, existing):  # both run: every error at once
        values = {"email": form.email.data, "name": form.name.data, "password": form.password.data or "",
                  "role": form.role.data, "title": form.title.data or "", "namnd_ids": form.namnder.data}
        try:
            warnings = []
            if existing is not None:
                _keep_remisser_reachable(session, existing, role=form.role.data, is_active=form.is_active.data,
                                         namnd_ids=form.namnder.data)
                # yttranden in granskning the person can no longer review: a warning, not a refusal (walk26 W6)
                warnings = review_warnings(session, existing, role=form.role.data, is_active=form.is_active.data,
                                           namnd_ids=form.namnder.data)
            if existing is None:
                auth_service.create_user(session, now=now(), actor_id=principal().user_id, **values)
            else:
                auth_service.update_user(session, now=now(), actor_id=principal().user_id, user=existing,
                                         is_active=form.is_active.data, **values)
        except auth_service.AuthError as exc:
            message = str(exc)
            field = exc.field or ("role" if "katalog" in message else "password" if "ösenord" in message
                                  else "email")
            form[field].errors = [message]
        else:
            flash("Användaren är sparad.", "success")
            for warning in warnings:
                flash(warning, "warning")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, existing=existing), (400 if form.errors else 200)


@bp.route("/namnder")
@requires(Action.administer)
def namnder():
    return render_template("admin/namnder.html", namnder=namnd_service.namnder(get_session()))


@bp.route("/namnder/ny", methods=["GET", "POST"])
@bp.route("/namnder/<int:namnd_id>", methods=["GET", "POST"])
@requires(Action.administer)
def namnd(namnd_id: int | None = None):
    session = get_session()
    existing = get_or_404(Namnd, namnd_id) if namnd_id else None
    form = NamndForm(obj=existing if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k != "csrf_token"}
        # a text field left out of the POST is empty, not NULL (a hand-made POST gave a 500)
        values = {k: (v.strip() if isinstance(v, str) else "" if v is None and isinstance(form[k], StringField)
                      else v) for k, v in values.items()}
        try:
            if existing is None:
                saved = namnd_service.create(session, now=now(), actor_id=principal().user_id, **values)
            else:
                saved = namnd_service.update(session, now=now(), actor_id=principal().user_id, namnd=existing,
                                             **values)
        except namnd_service.NamndError as exc:
            getattr(form, exc.field).errors = [str(exc)]
        else:
            flash("Nämnden är sparad.", "success")
            sharing = namnd_service.sharing_series(session, saved.dnr_prefix, saved.id)
            if sharing:
                names = format_list([n.name for n in sharing], locale="sv_SE")
                flash(f"Prefixet ”{saved.dnr_prefix}” används också av {names}: nämnderna delar nummerserie för "
                      "diarienummer.", "info")
            return redirect(url_for("admin.namnder"))
    return render_template("admin/namnd_form.html", form=form, existing=existing), (400 if form.errors else 200)


def _field_checks(session, form: UserForm, existing: User | None) -> bool:
    """The account's checks that concern one field each, added to the form's own so that all are shown in one
    round (walk11 finding 25); False when one failed. The service checks them again."""
    if request.method != "POST":
        return False
    errors = {}
    email = auth_service.normalize_email(form.email.data or "")
    if email and not form.email.errors and session.exec(select(User.id).where(
            User.email == email, User.id != (existing.id if existing else 0))).first():
        errors["email"] = f"Det finns redan en användare med e-postadressen {email}."
    if form.password.data and not form.password.errors:
        if problem := password_problem(form.password.data):
            errors["password"] = problem
    elif existing is None and not form.password.data:
        errors["password"] = "Ange ett lösenord för den nya användaren (minst 10 tecken)."
    sso = existing is not None and existing.is_sso
    if form.role.data and form.role.data != Role.admin.value and form.is_active.data and not sso \
            and not form.namnder.data and not form.namnder.errors:
        errors["namnder"] = "Välj minst en nämnd: utan nämnd ser användaren inga remisser."
    for name, message in errors.items():
        form[name].errors = [*form[name].errors, message]
    return not errors


def _keep_remisser_reachable(session, user: User, *, role: str, is_active: bool, namnd_ids: list[int]) -> None:
    """Raise AuthError when the change would leave the user handläggare of ongoing remisser they can no longer
    open: taken out of the nämnd, closed, or given a role that does not handle remisser (walk11 finding 4)."""
    if is_active and role == Role.admin.value:
        return
    reachable = set(namnd_ids) if is_active and Role(role) in ASSIGNABLE_ROLES else set()
    stranded = session.exec(
        select(Remiss.our_dnr, Namnd.name).join(Namnd, Namnd.id == Remiss.namnd_id)
        .where(Remiss.handlaggare_id == user.id, Remiss.status.not_in([s.value for s in CLOSED]),
               Remiss.namnd_id.not_in(reachable)).order_by(Remiss.our_dnr)).all()
    if not stranded:
        return
    count = len(stranded)
    them = "den" if count == 1 else "dem"
    field = "is_active" if not is_active else "namnder" if Role(role) in ASSIGNABLE_ROLES else "role"
    raise auth_service.AuthError(
        f"{user.name} är handläggare för {count} pågående {'remiss' if count == 1 else 'remisser'} i "
        f"{format_list(sorted({name for _, name in stranded}), locale='sv_SE')} "
        f"({format_list([dnr or 'utan diarienummer' for dnr, _ in stranded], locale='sv_SE')}) och kunde inte "
        f"längre öppna {them} efter ändringen. Tilldela {them} en ny handläggare först, eller behåll nämnden, "
        "rollen och kontot.", field)


@bp.route("/instanser")
@requires(Action.administer)
def organisations():
    q = (request.args.get("q") or "").strip()[:100]
    rows = register.organisations(get_session(), name_contains=q)
    return render_template("admin/organisations.html", organisations=rows, q=q)


@bp.route("/instanser/ny", methods=["GET", "POST"])
@bp.route("/instanser/<int:org_id>", methods=["GET", "POST"])
@requires(Action.administer)
def organisation(org_id: int | None = None):
    session = get_session()
    existing = get_or_404(Organisation, org_id) if org_id else None
    form = OrganisationForm(obj=existing if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            register.save_organisation(session, now=now(), principal=principal(), existing=existing,
                                       name=form.name.data, email=form.email.data or "",
                                       contact_person=form.contact_person.data or "",
                                       group_name=form.group_name.data or "", active=form.active.data)
        except InputErrors as exc:
            form.name.errors = [exc.errors["name"]]
        else:
            flash("Remissinstansen är sparad.", "success")
            return redirect(url_for("admin.organisations"))
    return render_template("admin/organisation_form.html", form=form, existing=existing), (400 if form.errors else 200)
