"""Planning on the remiss page: the Tidplan and Förlängningar panels and their forms."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, request, url_for
from flask_login import login_required

from remiss import files
from remiss.auth.access import Action, load_remiss
from remiss.db import get_session
from remiss.planning import present
from remiss.planning.forms import parse_decision, parse_notice, parse_override, parse_request
from remiss.planning.service import extensions, tidplan
from remiss.planning.service.extensions import Evidence
from remiss.remisser import views as remisser_views
from remiss.remisser.input import InputErrors
from remiss.web import now, principal

bp = Blueprint("planning", __name__)


def _panel_context(builder, form_keys: tuple[str, ...]):
    def context(session, p, remiss, moment):
        ctx = builder(session, p, remiss, moment)
        failed = g.get("planning_failed")
        ctx["failed"] = failed if failed and failed["form"] in form_keys else None
        return ctx
    return context


tidplan_panel = _panel_context(present.tidplan_panel, ("override",))
extensions_panel = _panel_context(present.extensions_panel, ("request", "decide", "notice"))


def _rerender(remiss_id: int, form: str, exc: InputErrors, extension_id: int | None = None):
    """Show the remiss page again with the typed values and the messages next to the fields."""
    get_session().rollback()
    g.planning_failed = {"form": form, "errors": exc.errors, "values": request.form.to_dict(),
                         "extension_id": extension_id}
    return remisser_views.show(remiss_id), 400


def _evidence() -> Evidence:
    upload = request.files.get("evidence_file")
    data = upload.read() if upload and upload.filename else b""
    return Evidence(text=(request.form.get("evidence_text") or "").strip(),
                    filename=upload.filename if upload else "", data=data,
                    files_dir=current_app.config["FILES_DIR"], max_bytes=current_app.config["UPLOAD_MAX_BYTES"])


def _guard(remiss_id: int, form: str):
    remiss = load_remiss(get_session(), principal(), remiss_id, Action.edit)
    return remiss, None


@bp.post("/remisser/<int:remiss_id>/tidplan/andra")
@login_required
def override(remiss_id: int):
    remiss, failed = _guard(remiss_id, "override")
    if failed:
        return failed
    try:
        milestone_id, day, reason = parse_override(request.form)
        row = tidplan.override_milestone(get_session(), now=now(), principal=principal(), remiss=remiss,
                                         milestone_id=milestone_id, day=day, reason=reason)
    except InputErrors as exc:
        return _rerender(remiss_id, "override", exc)
    flash(f"{row.label}: datumet är {'satt för hand' if day else 'återställt till det beräknade'}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#tidplan")


@bp.post("/remisser/<int:remiss_id>/tidplan/klar")
@login_required
def done(remiss_id: int):
    remiss, failed = _guard(remiss_id, "override")
    if failed:
        return failed
    raw = request.form.get("milestone_id", "")
    try:
        row = tidplan.mark_done(get_session(), now=now(), principal=principal(), remiss=remiss,
                                milestone_id=int(raw) if raw.isdigit() else -1,
                                done=request.form.get("done", "1") == "1")
    except InputErrors as exc:
        return _rerender(remiss_id, "override", exc)
    flash(f"{row.label}: {'markerad som klar' if row.done_at else 'inte längre klar'}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#tidplan")


@bp.post("/remisser/<int:remiss_id>/tidplan/berakna")
@login_required
def recompute(remiss_id: int):
    remiss, failed = _guard(remiss_id, "override")
    if failed:
        return failed
    tidplan.replan(get_session(), now=now(), remiss=remiss, actor_id=principal().user_id)
    flash("Tidplanen är beräknad på nytt.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#tidplan")


def _file_error(remiss_id: int, form: str, exc: files.FileRejected, extension_id: int | None = None):
    return _rerender(remiss_id, form, InputErrors({"evidence_file": str(exc)}), extension_id)


@bp.post("/remisser/<int:remiss_id>/forlangningar")
@login_required
def request_extension(remiss_id: int):
    remiss, failed = _guard(remiss_id, "request")
    if failed:
        return failed
    try:
        values = parse_request(request.form)
        extensions.request_extension(get_session(), now=now(), principal=principal(), remiss=remiss,
                                     evidence=_evidence(), **values)
    except InputErrors as exc:
        return _rerender(remiss_id, "request", exc)
    except files.FileRejected as exc:
        return _file_error(remiss_id, "request", exc)
    flash("Begäran om förlängning är registrerad.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#forlangningar")


@bp.post("/remisser/<int:remiss_id>/forlangningar/<int:extension_id>/besked")
@login_required
def decide_extension(remiss_id: int, extension_id: int):
    remiss, failed = _guard(remiss_id, "decide")
    if failed:
        return failed
    try:
        values = parse_decision(request.form)
        ext = extensions.decide_extension(get_session(), now=now(), principal=principal(), remiss=remiss,
                                          extension_id=extension_id, evidence=_evidence(), **values)
    except InputErrors as exc:
        return _rerender(remiss_id, "decide", exc, extension_id)
    except files.FileRejected as exc:
        return _file_error(remiss_id, "decide", exc, extension_id)
    if ext.decision == "granted":
        flash("Förlängningen är beviljad. Sista svarsdag och tidplan är uppdaterade.", "success")
    else:
        flash("Förlängningen är registrerad som avslagen.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#forlangningar")


@bp.post("/remisser/<int:remiss_id>/forlangningar/allman")
@login_required
def general_notice(remiss_id: int):
    remiss, failed = _guard(remiss_id, "notice")
    if failed:
        return failed
    try:
        values = parse_notice(request.form)
        extensions.general_notice(get_session(), now=now(), principal=principal(), remiss=remiss,
                                  evidence=_evidence(), **values)
    except InputErrors as exc:
        return _rerender(remiss_id, "notice", exc)
    except files.FileRejected as exc:
        return _file_error(remiss_id, "notice", exc)
    flash("Remisstiden är förlängd. Sista svarsdag och tidplan är uppdaterade.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#forlangningar")


# The other pages and the API share this blueprint; importing registers their routes.
from remiss.planning import api  # noqa: E402
from remiss.planning.views import calendar, meetings  # noqa: E402,F401

bp.register_blueprint(api.api_bp)
