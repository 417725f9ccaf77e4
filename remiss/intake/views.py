"""Pages: the missiv step before registration, and the hooks that prefill the registration form."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from remiss import files
from remiss.auth.access import Action
from remiss.db import get_session
from remiss.intake import service
from remiss.intake.reading import BATCH_FACTOR, ReadLimits
from remiss.web import now, principal, requires

bp = Blueprint("intake", __name__)
TEXT_LIMIT = 2_000_000  # characters of pasted text, as in POST /api/v1/missiv/parse


def _token(req) -> str | None:
    return req.args.get("missiv") or req.form.get("intake_token") or None


class RegistrationHooks:
    """What remiss.remisser.views.new asks of this capability (via app.extensions)."""

    def prefill(self, req) -> dict:
        """Return the prefilled form values of the user's pending batch named in ?missiv=."""
        intake = service.load(get_session(), principal=principal(), token=_token(req))
        return dict(intake.values, intake_token=intake.token) if intake else {}

    def context(self, req) -> dict:
        """Return what templates/remisser/form.html shows: the missiv step or the evidence of the prefill."""
        intake = service.load(get_session(), principal=principal(), token=_token(req))
        return {"intake_template": "intake/_panel.html", "intake": intake,
                "intake_evidence": intake.evidence if intake else {}}

    def attach(self, session, *, now, principal, remiss, req) -> None:
        """Attach the pending files named by the form to the newly registered remiss."""
        token = _token(req)
        if token:
            service.attach(session, now=now, principal=principal, remiss=remiss, token=token,
                           files_dir=current_app.config["FILES_DIR"],
                           max_bytes=current_app.config["UPLOAD_MAX_BYTES"])


HOOKS = RegistrationHooks()


@bp.route("/remisser/ny/missiv", methods=["GET", "POST"])
@requires(Action.create)
def start():
    max_bytes = current_app.config["UPLOAD_MAX_BYTES"]
    text, errors = "", {}
    if request.method == "POST":
        # Room for several files in one step; each file is still held to UPLOAD_MAX_BYTES below.
        request.max_content_length = BATCH_FACTOR * max_bytes + 1048576
        request.max_form_memory_size = 3 * TEXT_LIMIT
        text = request.form.get("text", "")
        if len(text) > TEXT_LIMIT:
            errors = {"text": "Texten är för lång (högst 2 miljoner tecken)."}
        else:
            uploads = [(u.filename, u.read()) for u in request.files.getlist("files") if u and u.filename]
            try:
                batch = service.start(get_session(), now=now(), principal=principal(), text=text, uploads=uploads,
                                      files_dir=current_app.config["FILES_DIR"], max_bytes=max_bytes,
                                      limits=ReadLimits.of(current_app.config))
            except files.FileRejected as exc:
                errors = {"files" if uploads else "text": str(exc)}
            else:
                return redirect(url_for("remisser.new", missiv=batch.token))
    return render_template("intake/start.html", text=text, errors=errors,
                           max_mb=max_bytes // 1048576), (400 if errors else 200)


@bp.route("/remisser/ny/missiv/<token>/kasta", methods=["POST"])
@requires(Action.create)
def discard(token: str):
    service.discard(get_session(), principal=principal(), token=token, files_dir=current_app.config["FILES_DIR"])
    flash("De inlästa uppgifterna och filerna är borttagna.", "success")
    return redirect(url_for("remisser.new"))
