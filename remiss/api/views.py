"""JSON API /api/v1: remisser and missiv parsing. Session or token auth."""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request, url_for
from flask_login import current_user

from remiss.api.serialize import remiss_detail, remiss_summary
from remiss.auth.access import Action, load_remiss
from remiss.db import get_session
from remiss.web.errors import error_response
from remiss.web.extensions import csrf
from remiss.remisser import attachments, service
from remiss.remisser.input import InputErrors, parse_remiss_input, to_remiss_data
from remiss.remisser.queries import RemissFilter, list_remisser
from remiss.remisser.status import TransitionError
from remiss.web import now, principal

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def _authenticate():
    if not current_user.is_authenticated:
        return error_response(401, "Inloggning krävs: använd sessionen eller 'Authorization: Bearer <token>'.")
    # Session-authenticated writes need the CSRF token (header X-CSRFToken); token calls do not.
    if request.method not in ("GET", "HEAD", "OPTIONS") and not g.get("token_auth"):
        csrf.protect()


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InputErrors({"body": "Begäran ska vara ett JSON-objekt."})
    return body


@bp.get("/remisser")
def list_():
    f = RemissFilter.from_args(request.args)
    if f.errors:
        raise InputErrors(f.errors)
    try:
        page = max(1, int(request.args.get("page", 1)))
        per_page = min(200, max(1, int(request.args.get("per_page", 50))))
    except ValueError:
        raise InputErrors({"page": "Sidnummer ska vara ett heltal."}) from None
    result = list_remisser(get_session(), principal(), f, page=page, per_page=per_page)
    return jsonify({"items": [dict(remiss_summary(r), namnd=r.namnd_name, handlaggare=r.handlaggare_name)
                              for r in result.rows],
                    "total": result.total, "more": result.more, "page": result.page, "per_page": result.per_page,
                    "pages": result.pages})


def _detail(remiss) -> dict:
    session = get_session()
    # What other capabilities add to the detail (milestones, yttrande, ...), wired in remiss.create_app.
    extra = {name: fn(session, remiss) for name, fn in current_app.extensions["remiss_detail_extras"].items()}
    return remiss_detail(remiss, questions=service.questions_of(session, remiss.id),
                         sandlista=service.entries(session, remiss.id),
                         attachments=attachments.of_remiss(session, remiss.id), extra=extra)


@bp.post("/remisser")
def create():
    if not principal().may(Action.create):
        return error_response(403, "Du har inte behörighet att registrera remisser.")
    data = to_remiss_data(_json_body())
    remiss = service.register(get_session(), now=now(), principal=principal(), data=data,
                              dnr_format=current_app.config["DNR_FORMAT"],
                              default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
    response = jsonify(_detail(remiss))
    response.status_code = 201
    response.headers["Location"] = url_for("api.read", remiss_id=remiss.id)
    return response


@bp.get("/remisser/<int:remiss_id>")
def read(remiss_id: int):
    return jsonify(_detail(load_remiss(get_session(), principal(), remiss_id)))


@bp.route("/remisser/<int:remiss_id>", methods=["PATCH", "PUT"])
def update(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    body = _json_body()
    status = body.pop("status", None)
    unknown = set(body) - set(service.AUDITED) - {"questions", "sandlista"}
    if unknown:
        raise InputErrors({sorted(unknown)[0]: "Okänt fält."})
    clean, errors = parse_remiss_input(body, partial=True)
    if errors:
        raise InputErrors(errors)
    service.update(session, now=now(), principal=principal(), remiss=remiss, changes=clean)
    if status is not None:
        try:
            service.change_status(session, now=now(), principal=principal(), remiss=remiss, new=str(status))
        except TransitionError as exc:
            session.rollback()
            return error_response(409, str(exc), field="status")
    return jsonify(_detail(remiss))


@bp.post("/missiv/parse")
def parse_missiv():
    from remiss.missiv import parse_missiv as parse

    if request.mimetype == "multipart/form-data":  # a file in the field "file" (remiss.intake reads it)
        from remiss.files import FileRejected
        from remiss.intake.reading import text_of_upload

        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise InputErrors({"file": "Skicka missivet som en fil i fältet 'file'."})
        try:
            text = text_of_upload(upload.filename, upload.read(), max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
        except FileRejected as exc:
            raise InputErrors({"file": str(exc)}) from None
        return jsonify(parse(text).to_json())
    body = _json_body()
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputErrors({"text": "Ange missivets text i fältet 'text'."})
    if len(text) > 2_000_000:
        raise InputErrors({"text": "Texten är för lång (högst 2 miljoner tecken)."})
    return jsonify(parse(text).to_json())
