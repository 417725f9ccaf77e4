"""Admin pages of the sign-in: the sign-in log and the directory groups that give roles and nämnder."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlmodel import select

from remiss.auth import directory, service
from remiss.auth.access import Action
from remiss.auth.models import ROLE_LABELS, Role, SsoGroup, User
from remiss.auth.views import bp
from remiss.db import get_session
from remiss.namnd import service as namnd_service
from remiss.web import asking, get_or_404, now, principal, requires


@bp.get("/admin/inloggningar")
@requires(Action.administer)
def sign_ins():
    db_session = get_session()
    rows = service.sign_ins(db_session)
    names = dict(db_session.exec(select(User.id, User.name).where(
        User.id.in_({r.user_id for r in rows if r.user_id} or {-1}))).all())
    return render_template("auth/sign_ins.html", rows=rows, names=names, method_labels=service.METHOD_LABELS)


DELETE_PART = "ta-bort-kopplingen"  # the Ta bort form's id; ?ta-bort-kopplingen=fraga asks beside it (web.asking)


def _delete_question(group: SsoGroup | None) -> str:
    """What Ta bort kopplingen asks: what the group's members get at their next sign-in (directory.access_from_groups
    and sign_in_from_directory, which closes an account no mapped group gives access)."""
    if group is None:
        return ""
    return (f"Ta bort kopplingen för gruppen {group.name}? Vid nästa inloggning med kommunens konto får gruppens "
            "medlemmar roll och nämnder bara från sina andra kopplade grupper, och den som inte har någon annan "
            "kopplad grupp kommer inte in och får sitt konto avstängt. Det går inte att ångra.")


def _group_form(group: SsoGroup | None, values: dict, errors: dict, status: int = 200):
    return render_template("auth/sso_group_form.html", group=group, values=values, errors=errors,
                           delete_question=_delete_question(group), delete_asked=asking.asked(DELETE_PART),
                           roles=[(r.value, label) for r, label in ROLE_LABELS.items()],
                           namnder=[(n.id, n.name) for n in namnd_service.namnder(get_session())]), status


@bp.get("/admin/katalogens-grupper")
@requires(Action.administer)
def sso_groups():
    db_session = get_session()
    names = {n.id: n.name for n in namnd_service.namnder(db_session)}
    rows = [(g, [names[i] for i in ids if i in names]) for g, ids in directory.groups(db_session)]
    return render_template("auth/sso_groups.html", rows=rows, role_labels=ROLE_LABELS)


@bp.route("/admin/katalogens-grupper/ny", methods=["GET", "POST"])
@bp.route("/admin/katalogens-grupper/<int:group_id>", methods=["GET", "POST"])
@requires(Action.administer)
def sso_group(group_id: int | None = None):
    db_session = get_session()
    group = get_or_404(SsoGroup, group_id) if group_id else None
    if request.method == "GET":
        ids = next((ids for g, ids in directory.groups(db_session) if group and g.id == group.id), [])
        values = {"name": group.name, "label": group.label, "role": group.role, "namnder": ids} if group else \
            {"name": "", "label": "", "role": Role.handlaggare.value, "namnder": []}
        return _group_form(group, values, {})
    known = {n.id for n in namnd_service.namnder(db_session)}
    values = {"name": request.form.get("name", "").strip(), "label": request.form.get("label", "").strip(),
              "role": request.form.get("role", ""),
              "namnder": [int(v) for v in request.form.getlist("namnder") if v.isdigit() and int(v) in known]}
    errors = {}
    if not values["name"]:
        errors["name"] = "Ange gruppens namn eller id som det står i katalogens gruppanspråk."
    elif len(values["name"]) > 255:
        errors["name"] = "Högst 255 tecken."
    if len(values["label"]) > 200:
        errors["label"] = "Högst 200 tecken."
    if values["role"] not in {r.value for r in Role}:
        errors["role"] = "Välj en roll."
    if not errors:
        try:
            directory.save_group(db_session, now=now(), actor_id=principal().user_id, group=group,
                                 name=values["name"], label=values["label"], role=values["role"],
                                 namnd_ids=values["namnder"])
        except directory.DirectoryRefusal as exc:
            errors["name"] = str(exc)
    if errors:
        return _group_form(group, values, errors, 400)
    flash("Gruppkopplingen är sparad. Den gäller från användarnas nästa inloggning.", "success")
    return redirect(url_for("auth.sso_groups"))


@bp.post("/admin/katalogens-grupper/<int:group_id>/ta-bort")
@requires(Action.administer)
def delete_sso_group(group_id: int):
    db_session = get_session()
    group = get_or_404(SsoGroup, group_id)
    if not asking.confirmed("confirm_delete"):  # without JavaScript the dialog did not ask
        return asking.ask_on("auth.sso_group", DELETE_PART,
                             f"Kopplingen för gruppen {group.name} är inte borttagen. Läs frågan vid knappen och "
                             "kryssa i ”Ja, ta bort kopplingen” om den ska tas bort.", group_id=group.id)
    directory.delete_group(db_session, now=now(), actor_id=principal().user_id, group=group)
    flash(f"Kopplingen för gruppen {group.name} är borttagen.", "success")
    return redirect(url_for("auth.sso_groups"))
