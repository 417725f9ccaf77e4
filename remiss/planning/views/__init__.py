"""Planning on the remiss page: the Tidplan and Förlängningar panels and their forms."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, request, url_for
from flask_login import login_required

from remiss import files, one_round
from remiss.auth.access import Action, load_remiss
from remiss.clock import local_today
from remiss.db import get_session
from remiss.documents import held_uploads
from remiss.planning import extension_needed, present, tidplan_panel as panel
from remiss.planning.forms import Unreadable, parse_decision, parse_notice, parse_override, parse_request
from remiss.planning.service import extensions, milestones, tidplan
from remiss.planning.service.extensions import Evidence
from remiss.remisser import views as remisser_views
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of, reword
from remiss.remisser.models import Remiss
from remiss.web import now, principal
from remiss.field_order import in_field_order
from remiss.web.lost_input import form_labels

bp = Blueprint("planning", __name__)

# The labels of the Tidplan and Förlängningar forms as the page shows them (templates/planning/_tidplan.html,
# _extensions.html): a form posted after the session ended is shown again under them (remiss.web.lost_input).
OVERRIDE_LABELS = {"override_on": "Nytt datum", "reason": "Motivering"}
_EVIDENCE = {"evidence_file": "Underlag (fil)"}
REQUEST_LABELS = {"requested_by": "Vem begärde", "until_on": "Till och med datum", "until_time": "Klockslag",
                  "requested_on": "Begärd den", "reason": "Skäl",
                  "evidence_text": "Underlag: klistra in e-postmeddelandet", **_EVIDENCE}
DECIDE_LABELS = {"decision": "Besked", "granted_until_on": "Beviljat datum", "granted_until_time": "Klockslag",
                 "decided_on": "Beskedets datum", "evidence_text": "Underlag: klistra in e-postsvaret", **_EVIDENCE}
NOTICE_LABELS = {"sender": "Avsändare", "until_on": "Ny sista svarsdag", "until_time": "Klockslag",
                 "notice_on": "Meddelandets datum", "evidence_text": "Meddelandets text", **_EVIDENCE}
# each form's fields in the order its panel shows them, the order of its error summary (remiss.web.forms)
FIELDS = {"override": ("milestone_id", "override_on", "reason", "confirm_late", "confirm_order", "confirm_past"),
          "request": tuple(REQUEST_LABELS), "decide": tuple(DECIDE_LABELS), "notice": tuple(NOTICE_LABELS)}
# the error summary names each field as its own form does: "Ny sista svarsdag", not the request form's "Till och med
# datum" (walk29 A5)
SUMMARY_LABELS = {"request": REQUEST_LABELS, "decide": DECIDE_LABELS, "notice": NOTICE_LABELS}


def _panel_context(builder, form_keys: tuple[str, ...]):
    def context(session, p, remiss, moment):
        ctx = builder(session, p, remiss, moment)
        failed = g.get("planning_failed")
        ctx["failed"] = failed if failed and failed["form"] in form_keys else None
        return ctx
    return context


tidplan_panel = _panel_context(panel.tidplan_panel, ("override",))
extensions_panel = _panel_context(present.extensions_panel, ("request", "decide", "notice"))


def _rerender(remiss_id: int, form: str, exc: InputErrors, extension_id: int | None = None, held=()):
    """Show the remiss page again with the typed values and the messages next to the fields; the evidence file
    chosen is kept on the server and shown as chosen (remiss.documents.held_uploads), not lost. The messages are in
    the words of the ärende's kind: "Begär förlängd svarstid" of a medborgarförslag (kind_words, walk21)."""
    kind = get_session().get(Remiss, remiss_id).kind  # loaded by _editable: no read
    get_session().rollback()
    errors, held = {name: reword(message, kind) for name, message in exc.errors.items()}, list(held)
    upload = request.files.get("evidence_file")
    if upload and upload.filename:  # a new file replaces the one kept before
        kept, refused = held_uploads.hold_uploads(current_app.config["FILES_DIR"], [upload],
                                                  max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
        if kept:
            held = kept
        if refused:
            errors.setdefault("evidence_file", " ".join(refused))
    values = {k: v for k, v in request.form.to_dict().items()
              if k not in (held_uploads.TOKEN_FIELD, held_uploads.KEEP_FIELD)}
    g.planning_failed = {"form": form, "errors": in_field_order(errors, FIELDS[form]), "values": values,
                         "labels": SUMMARY_LABELS.get(form, {}),
                         "extension_id": extension_id,
                         "held": held, "held_token": held_uploads.token_for(
                             current_app.config["SECRET_KEY"], user_id=principal().user_id,
                             scope=_scope(remiss_id, form, extension_id), held=held)}
    return remisser_views.show(remiss_id), 400


def _scope(remiss_id: int, form: str, extension_id: int | None) -> str:
    return f"extension:{remiss_id}:{form}:{extension_id or ''}"


def _evidence(held=()) -> Evidence:
    """The evidence typed and the file chosen now, else the file kept from the form's earlier round."""
    upload = request.files.get("evidence_file")
    filename, data = (upload.filename, upload.read()) if upload and upload.filename else ("", b"")
    if not data and held:
        filename, data = next(iter(held_uploads.contents(current_app.config["FILES_DIR"], list(held))), ("", b""))
    return Evidence(text=(request.form.get("evidence_text") or "").strip(), filename=filename, data=data,
                    files_dir=current_app.config["FILES_DIR"], max_bytes=current_app.config["UPLOAD_MAX_BYTES"])


def _editable(remiss_id: int):
    return load_remiss(get_session(), principal(), remiss_id, Action.edit)


@bp.post("/remisser/<int:remiss_id>/tidplan/andra")
@form_labels(OVERRIDE_LABELS)
@login_required
def override(remiss_id: int):
    remiss = _editable(remiss_id)
    confirmed = {key: request.form.get(key) == "1" for key in ("confirm_late", "confirm_order", "confirm_past")}
    try:
        try:
            milestone_id, day, reason = parse_override(request.form)
        except Unreadable as exc:  # the date's checks too, when the day and the milestone were read (walk29 A6)
            read = exc.values
            raise InputErrors(one_round.collect(exc.errors, (lambda: milestones.date_problems(
                get_session(), now=now(), remiss=remiss, milestone_id=read["milestone_id"], day=read["day"],
                **confirmed)) if read["milestone_id"] is not None and read["day"] is not None else None)) from None
        row = milestones.override_milestone(get_session(), now=now(), principal=principal(), remiss=remiss,
                                            milestone_id=milestone_id, day=day, reason=reason, **confirmed)
    except InputErrors as exc:
        return _rerender(remiss_id, "override", exc)
    flash(f"{row.label}: datumet är {'satt för hand' if day else 'återställt till det beräknade'}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#tidplan")


@bp.post("/remisser/<int:remiss_id>/tidplan/klar")
@login_required
def done(remiss_id: int):
    remiss = _editable(remiss_id)
    raw = request.form.get("milestone_id", "")
    try:
        row = milestones.mark_done(get_session(), now=now(), principal=principal(), remiss=remiss,
                                   milestone_id=int(raw) if raw.isdigit() else -1,
                                   done=request.form.get("done", "1") == "1")
    except InputErrors as exc:
        return _rerender(remiss_id, "override", exc)
    flash(f"{row.label}: {'markerad som klar' if row.done_at else 'inte längre klar'}.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#tidplan")


@bp.post("/remisser/<int:remiss_id>/tidplan/berakna")
@login_required
def recompute(remiss_id: int):
    remiss = _editable(remiss_id)
    tidplan.recompute(get_session(), now=now(), principal=principal(), remiss=remiss)
    flash("Tidplanen är beräknad på nytt.", "success")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#tidplan")


def _file_error(remiss_id: int, form: str, exc: files.FileRejected, extension_id: int | None = None, held=()):
    return _rerender(remiss_id, form, InputErrors({"evidence_file": str(exc)}), extension_id, held)


# each förlängning form's act, as a refusal names it (auth.access.BORROWED_ACTS)
_EXTENSION_ACTS = {"request": "extension_request", "decide": "extension_decision", "notice": "extension_notice"}


def _extension_form(remiss_id: int, form: str, verb, parse, *, extension_id: int | None = None):
    """Parse the form, call the verb with its values and the evidence; on bad input the page again with what was
    typed and the messages at the fields. Returns (the verb's result, None) or (None, that page)."""
    remiss = load_remiss(get_session(), principal(), remiss_id, act=_EXTENSION_ACTS[form])
    held = held_uploads.from_form(current_app.config["SECRET_KEY"], request.form, user_id=principal().user_id,
                                  scope=_scope(remiss_id, form, extension_id))
    try:
        extra = {"extension_id": extension_id} if extension_id is not None else {}
        result = verb(get_session(), now=now(), principal=principal(), remiss=remiss, evidence=_evidence(held),
                      **extra, **parse(request.form))
    except InputErrors as exc:
        return None, _rerender(remiss_id, form, exc, extension_id, held)
    except files.FileRejected as exc:
        return None, _file_error(remiss_id, form, exc, extension_id, held)
    held_uploads.release(current_app.config["FILES_DIR"], held)
    return result, None


def _to_extensions(remiss_id: int, message: str, *, still_needed: bool = False):
    """Back to the Förlängningar; still_needed: a förlängning granted, so say when the tidplan still cannot be held
    with it, in the Tidplan's words ("Begär förlängd remisstid till minst …", walk22 L12f)."""
    flash(message, "success")
    short = extension_needed.still_needed(get_session(), remiss_id, local_today(now())) if still_needed else ""
    if short:
        flash(reword(short, get_session().get(Remiss, remiss_id).kind), "warning")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#forlangningar")


def _request_parser(remiss_id: int):
    """parse_request, and when a field cannot be read, the service's checks on the rest too: a day not after the one
    in force, or a request dated in the future, is said in the same round as a wrong klockslag (session 25)."""
    def parse(raw) -> dict:
        try:
            return parse_request(raw)
        except Unreadable as exc:
            more = extensions.request_errors(get_session(), _editable(remiss_id), today=local_today(now()),
                                             missing_day="until_on" not in exc.errors,
                                             evidence_text=str(raw.get("evidence_text") or "").strip(), **exc.values)
            raise InputErrors({**more, **exc.errors}) from None
    return parse


@bp.post("/remisser/<int:remiss_id>/forlangningar")
@form_labels(REQUEST_LABELS)
@login_required
def request_extension(remiss_id: int):
    _, failed = _extension_form(remiss_id, "request", extensions.request_extension, _request_parser(remiss_id))
    return failed or _to_extensions(remiss_id, "Begäran om förlängning är registrerad.")


@bp.post("/remisser/<int:remiss_id>/forlangningar/<int:extension_id>/besked")
@form_labels(DECIDE_LABELS)
@login_required
def decide_extension(remiss_id: int, extension_id: int):
    ext, failed = _extension_form(remiss_id, "decide", extensions.decide_extension, parse_decision,
                                  extension_id=extension_id)
    if failed:
        return failed
    return _to_extensions(remiss_id, "Förlängningen är beviljad. Sista svarsdag och tidplan är uppdaterade."
                          if ext.decision == "granted" else "Förlängningen är registrerad som avslagen.",
                          still_needed=ext.decision == "granted")


def _notice_parser(remiss_id: int):
    """parse_notice, and when a field cannot be read, the service's checks on the rest too: a day before the one in
    force is said in the same round as a wrong klockslag or a text too long (walk24 V2)."""
    def parse(raw) -> dict:
        try:
            return parse_notice(raw)
        except Unreadable as exc:
            more = extensions.notice_errors(_editable(remiss_id), today=local_today(now()),
                                            missing_day="until_on" not in exc.errors, **exc.values)
            raise InputErrors({**more, **exc.errors}) from None
    return parse


@bp.post("/remisser/<int:remiss_id>/forlangningar/allman")
@form_labels(NOTICE_LABELS)
@login_required
def general_notice(remiss_id: int):
    _, failed = _extension_form(remiss_id, "notice", extensions.general_notice, _notice_parser(remiss_id))
    if failed:
        return failed
    time = noun_of(get_session().get(Remiss, remiss_id).kind).time  # "Svarstiden …" of a medborgarförslag (walk21)
    return _to_extensions(remiss_id, f"{time.capitalize()} är förlängd. Sista svarsdag och tidplan är uppdaterade.",
                          still_needed=True)


# The other pages and the API share this blueprint; importing registers their routes.
from remiss.planning import api  # noqa: E402
from remiss.planning.views import calendar, meetings, missed, overview  # noqa: E402,F401

bp.register_blueprint(api.api_bp)
