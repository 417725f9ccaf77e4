"""The tillgänglighetsredogörelse: public (also before login), its organisation part edited by the admin."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from remiss.accessibility import conformance, service
from remiss.accessibility.forms import parse_statement
from remiss.auth.access import Action
from remiss.db import get_session
from remiss.remisser.input import InputErrors
from remiss.web import now, principal, requires

bp = Blueprint("accessibility", __name__)
FIELDS = ("organisation_name", "contact_email", "contact_phone", "contact_note", "known_issues", "reviewed_on")


@bp.route("/tillganglighet")
def statement():
    return render_template("accessibility/statement.html", statement=service.statement(get_session()),
                           verified=conformance.verified())


@bp.route("/admin/tillganglighet", methods=["GET", "POST"])
@requires(Action.administer)
def edit():
    session, errors = get_session(), {}
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            service.save_statement(session, now=now(), principal=principal(), data=parse_statement(request.form))
        except InputErrors as exc:
            errors = exc.errors
        else:
            flash("Tillgänglighetsredogörelsen är sparad.", "success")
            return redirect(url_for("accessibility.statement"))
    else:
        row = service.statement(session)
        values = {key: (getattr(row, key) or "") for key in FIELDS} if row else {}
        if row and row.reviewed_on:
            values["reviewed_on"] = row.reviewed_on.isoformat()
    return render_template("accessibility/form.html", values=values, errors=errors,
                           verified=conformance.verified()), (400 if errors else 200)
