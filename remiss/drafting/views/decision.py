"""The beslut and its justering on the remiss page: a refused form comes back with what was typed, and a chosen
protokollsutdrag kept on the server (remiss.documents.held_uploads); a form opened before the beslut changed is
refused, naming the change (drafting.decision_base)."""
from __future__ import annotations

from flask import current_app, flash, g, redirect, request, url_for

from remiss import stale_form
from remiss.auth.access import load_remiss
from remiss.calendar.swedish import format_date
from remiss.db import get_session
from remiss.documents import held_uploads
from remiss.drafting import decision as decisions
from remiss.drafting import decision_base, drafts, forms
from remiss.drafting.views import _back, bp
from remiss.files import FileRejected
from remiss.remisser.input import InputErrors
from remiss.web import now, principal
from remiss.field_order import in_field_order
from remiss.web.lost_input import form_labels

# the labels of the beslut and justering forms (templates/drafting/_panel.html), for the lost-input page
DECISION_LABELS = {"decided_by": "Beslutat av", "delegat": "Delegatens namn och titel",
                   "meeting_on": "Sammanträdets eller delegationsbeslutets datum", "paragraf": "Paragraf",
                   "justerad_on": "Protokollet justerades den", "protokollsutdrag": "Protokollsutdrag (fil)"}

# the error summary's names: the questions about the date are the date's errors, named by its label (walk28 Z10)
SUMMARY_LABELS = DECISION_LABELS | dict.fromkeys(("confirm_before_approval", "confirm_meeting"),
                                                 DECISION_LABELS["meeting_on"])

# the scope of a protokollsutdrag kept between rounds of the beslut form, by remiss id
_BESLUT_SCOPE = "beslut:{}"


def _rerender_decision(remiss_id: int, form: str, errors: dict, held: list | None = None):
    """Show the remiss page again with the typed values next to the messages (400, never a 500); a file chosen
    (the protokollsutdrag) is kept on the server and shown as chosen (remiss.documents.held_uploads)."""
    from remiss.remisser import views as remisser_views

    get_session().rollback()
    values = request.form.to_dict()
    for key in ("csrf_token", held_uploads.TOKEN_FIELD, held_uploads.KEEP_FIELD):
        values.pop(key, None)
    if decision_base.BASE in errors:  # refused as stale: saving again from here changes the beslut now, knowingly
        values[decision_base.BASE] = decision_base.token(drafts.find_decision(get_session(), remiss_id))
    held = list(held or [])
    if form == "beslut":
        upload = request.files.get("protokollsutdrag")
        if upload and upload.filename:  # a new file replaces the one kept before
            kept, refused = held_uploads.hold_uploads(current_app.config["FILES_DIR"], [upload],
                                                      max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
            if kept:
                held_uploads.release(current_app.config["FILES_DIR"], held)
                held = kept
            if refused and "protokollsutdrag" not in errors:
                errors = errors | {"protokollsutdrag": " ".join(refused)}
    token = held_uploads.token_for(current_app.config["SECRET_KEY"], user_id=principal().user_id,
                                   scope=_BESLUT_SCOPE.format(remiss_id), held=held)
    # the summary names each field as /remisser/ny's does: two date errors read alike (walk26b X17)
    g.decision_failed = {"form": form, "errors": in_field_order(errors, forms.DECISION_FIELDS), "values": values,
                         "held": held, "held_token": token,
                         "labels": SUMMARY_LABELS}
    return remisser_views.show(remiss_id), stale_form.status(errors)  # 409 when opened on another beslut


def _upload(name: str, held: list) -> decisions.Upload | None:
    """The file chosen now, else the one kept from the form's earlier round."""
    upload = request.files.get(name)
    files_dir, limit = current_app.config["FILES_DIR"], current_app.config["UPLOAD_MAX_BYTES"]
    if upload and upload.filename:
        return decisions.Upload(upload.filename, upload.read(), files_dir, limit)
    found = held_uploads.contents(files_dir, held)
    return decisions.Upload(found[0][0], found[0][1], files_dir, limit) if found else None


def _decision_step(remiss_id: int, form: str, record, parse, done, *, upload: str | None = None):
    """Record the beslut or its justering with record, from the form as parse reads it (and the file of upload);
    flash done(decision, changed), changed when a beslut was recorded before (Ändra beslutet). A refusal shows the
    remiss page again with what was typed and the messages (400; 409 when stale)."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, act=form)
    changed = drafts.find_decision(session, remiss.id) is not None
    held = held_uploads.from_form(current_app.config["SECRET_KEY"], request.form, user_id=principal().user_id,
                                  scope=_BESLUT_SCOPE.format(remiss.id)) if upload else []
    base = stale_form.posted(request.form, decision_base.BASE)  # the beslut the form showed
    try:
        values = ({upload: _upload(upload, held)} if upload else {}) | parse(request.form)
        decision = record(session, now=now(), principal=principal(), remiss=remiss, base=base, **values)
    except InputErrors as exc:
        errors = exc.errors
        if decision_base.BASE not in errors:  # refused as typed before the service looked: stale too? Say both
            stale = decision_base.stale_refusal(session, remiss, drafts.find_decision(session, remiss.id), base, form)
            errors = ({decision_base.BASE: stale} if stale else {}) | errors
        return _rerender_decision(remiss_id, form, errors, held)
    except FileRejected as exc:
        return _rerender_decision(remiss_id, form, {upload: str(exc)}, held)
    except drafts.DraftError as exc:
        return _rerender_decision(remiss_id, form, {"state": str(exc)}, held)
    held_uploads.release(current_app.config["FILES_DIR"], held)
    flash(done(decision, changed), "success")
    return _back(remiss.id)


@bp.post("/remisser/<int:remiss_id>/yttrande/beslut")
@form_labels(DECISION_LABELS)
def record_decision(remiss_id: int):
    # a delegat named while Nämnden is chosen is a slip said in the form's one answer (walk28 Z10 aside); the API
    # drops it, as it always has (docs/api.md changes only by adding)
    return _decision_step(remiss_id, "beslut", decisions.record_decision,
                          lambda raw: forms.decision_from(raw) | {"lone_delegat_refused": True},
                          # "ändrat" when it was Ändra beslutet (walk20 H5)
                          lambda d, changed: f"Beslutet är {'ändrat' if changed else 'registrerat'}: "
                                             f"{decisions.decision_reference(d)}.",
                          upload="protokollsutdrag")


@bp.post("/remisser/<int:remiss_id>/yttrande/justering")
@form_labels(DECISION_LABELS)
def record_justering(remiss_id: int):
    return _decision_step(remiss_id, "justering", decisions.record_justering, forms.justering_from,
                          lambda d, _: f"Justeringen är registrerad: protokollet justerat "
                                       f"{format_date(d.justerad_on)}.")


@bp.get("/remisser/<int:remiss_id>/yttrande/<any(beslut, justering):step>")
def decision_form_page(remiss_id: int, step: str):
    """The address a refused Registrera beslut/justering leaves in the address bar, opened again (reloaded, copied):
    the remiss page where the form is, not "Metoden är inte tillåten här" (walk25 Y13)."""
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#beslut")
