"""Admin pages: users, nämnder and the register of remissinstanser."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func
from sqlmodel import select

from remiss.admin.forms import NamndForm, OrganisationForm, UserForm
from remiss.audit import service as audit
from remiss.auth import service as auth_service
from remiss.auth.access import Action
from remiss.auth.models import Role, User
from remiss.auth.passwords import hash_password
from remiss.db import get_session
from remiss.namnd import service as namnd_service
from remiss.namnd.models import Namnd
from remiss.outgoing.models import Organisation
from remiss.web import now, principal, requires

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _namnd_choices():
    return [(n.id, n.name) for n in get_session().exec(select(Namnd).order_by(Namnd.name))]


@bp.route("/")
@requires(Action.administer)
def index():
    return redirect(url_for("admin.users"))


@bp.route("/anvandare")
@requires(Action.administer)
def users():
    rows = get_session().exec(select(User).order_by(User.name)).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/anvandare/ny", methods=["GET", "POST"])
@bp.route("/anvandare/<int:user_id>", methods=["GET", "POST"])
@requires(Action.administer)
def user(user_id: int | None = None):
    session = get_session()
    existing = session.get(User, user_id) if user_id else None
    if user_id and existing is None:
        abort(404)
    form = UserForm(obj=existing if request.method == "GET" else None)
    form.namnder.choices = _namnd_choices()
    if request.method == "GET" and existing:
        form.namnder.data = sorted(auth_service.namnd_ids_of(session, existing.id))
    if form.validate_on_submit():
        if existing is None and not form.password.data:
            form.password.errors = ["Ange ett lösenord för den nya användaren."]
        else:
            try:
                if existing is None:
                    auth_service.create_user(session, now=now(), email=form.email.data, name=form.name.data,
                                             password=form.password.data, role=form.role.data,
                                             title=form.title.data or "", namnd_ids=form.namnder.data,
                                             actor_id=principal().user_id)
                else:
                    _update_user(session, existing, form)
            except auth_service.AuthError as exc:
                target = form.password if "ösenord" in str(exc) else form.email
                target.errors = [str(exc)]
            else:
                flash("Användaren är sparad.", "success")
                return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, existing=existing), (400 if form.errors else 200)


def _update_user(session, user: User, form: UserForm) -> None:
    email = auth_service.normalize_email(form.email.data)
    clash = session.exec(select(User).where(User.email == email, User.id != user.id)).first()
    if clash:
        raise auth_service.AuthError(f"Det finns redan en användare med e-postadressen {email}.")
    before = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
              "namnder": sorted(auth_service.namnd_ids_of(session, user.id))}
    user.email, user.name, user.title = email, form.name.data.strip(), (form.title.data or "").strip()
    user.role, user.is_active = Role(form.role.data).value, bool(form.is_active.data)
    if form.password.data:
        user.password_hash = hash_password(form.password.data)
    session.add(user)
    auth_service.set_memberships(session, user, form.namnder.data)
    after = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
             "namnder": sorted(form.namnder.data)}
    audit.record(session, now=now(), user_id=principal().user_id, entity="user_account", entity_id=user.id,
                 action="update", changes=audit.diff(before, after))


@bp.route("/namnder")
@requires(Action.administer)
def namnder():
    rows = get_session().exec(select(Namnd).order_by(Namnd.name)).all()
    return render_template("admin/namnder.html", namnder=rows)


@bp.route("/namnder/ny", methods=["GET", "POST"])
@bp.route("/namnder/<int:namnd_id>", methods=["GET", "POST"])
@requires(Action.administer)
def namnd(namnd_id: int | None = None):
    session = get_session()
    existing = session.get(Namnd, namnd_id) if namnd_id else None
    if namnd_id and existing is None:
        abort(404)
    form = NamndForm(obj=existing if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {k: v for k, v in form.data.items() if k != "csrf_token"}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        try:
            if existing is None:
                namnd_service.create(session, now=now(), actor_id=principal().user_id, **values)
            else:
                namnd_service.update(session, now=now(), actor_id=principal().user_id, namnd=existing, **values)
        except namnd_service.NamndError as exc:
            getattr(form, exc.field).errors = [str(exc)]
        else:
            flash("Nämnden är sparad.", "success")
            return redirect(url_for("admin.namnder"))
    return render_template("admin/namnd_form.html", form=form, existing=existing), (400 if form.errors else 200)


@bp.route("/instanser")
@requires(Action.administer)
def organisations():
    q = (request.args.get("q") or "").strip()[:100]
    stmt = select(Organisation).order_by(Organisation.group_name, Organisation.name)
    if q:
        stmt = stmt.where(func.lower(Organisation.name).like(f"%{q.lower()}%"))
    rows = get_session().exec(stmt.limit(500)).all()
    return render_template("admin/organisations.html", organisations=rows, q=q)


@bp.route("/instanser/ny", methods=["GET", "POST"])
@bp.route("/instanser/<int:org_id>", methods=["GET", "POST"])
@requires(Action.administer)
def organisation(org_id: int | None = None):
    session = get_session()
    existing = session.get(Organisation, org_id) if org_id else None
    if org_id and existing is None:
        abort(404)
    form = OrganisationForm(obj=existing if request.method == "GET" else None)
    if form.validate_on_submit():
        name = form.name.data.strip()
        clash = session.exec(select(Organisation).where(func.lower(Organisation.name) == name.lower(),
                                                        Organisation.id != (org_id or -1))).first()
        if clash:
            form.name.errors = [f"{clash.name} finns redan i registret."]
        else:
            org = existing or Organisation(name=name, created_at=now())
            before = {k: getattr(org, k) for k in ("name", "email", "contact_person", "group_name", "active")}
            org.name, org.email = name, (form.email.data or "").strip()
            org.contact_person, org.group_name = (form.contact_person.data or "").strip(), (form.group_name.data or "").strip()
            org.active = bool(form.active.data)
            session.add(org)
            session.flush()
            audit.record(session, now=now(), user_id=principal().user_id, entity="organisation", entity_id=org.id,
                         action="update" if existing else "create", changes=audit.diff(
                             before if existing else {}, {k: getattr(org, k) for k in before}))
            flash("Remissinstansen är sparad.", "success")
            return redirect(url_for("admin.organisations"))
    return render_template("admin/organisation_form.html", form=form, existing=existing), (400 if form.errors else 200)
