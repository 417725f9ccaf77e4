"""JSON API /api/v1: remisser and missiv parsing. Session or token auth."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, current_app, jsonify, request, url_for

from remiss.api.openapi import FromApp, operation, request_body
from remiss.api.serialize import remiss_detail, remiss_summary
from remiss.auth.access import Action, load_remiss, require_any, require_edit_or_move
from remiss.clock import local_today
from remiss.db import get_session
from remiss.drafting import mail_state
from remiss.web.errors import error_response
from remiss.web.extensions import csrf, guard_api
from remiss.remisser import attachments, date_questions, service
from remiss.intake.schemas import MissivFields, MissivText
from remiss.namnd import service as namnd_service
from remiss.remisser.input import (InputErrors, letter_after_arrival, letter_after_arrival_change,
                                   letter_after_arrival_error)
from remiss.remisser.filters import RemissFilter
from remiss.remisser.kind_words import counted, noun_of
from remiss.remisser.models import Direction
from remiss.remisser.queries import list_remisser, possible_duplicates, unsent_left_out
from remiss.remisser.schemas import (NOT_CHANGES, DuplicateList, DuplicateQuery, ListQuery, RemissCreate, RemissDetail,
                                     RemissList, RemissUpdate)
from remiss.remisser.present import deadline_passed
from remiss.remisser.status import RemissStatus, TransitionError
from remiss.web import now, principal

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


bp.before_request(guard_api)


def detail_model(app):
    """RemissDetail with the parts the capabilities add (wired in remiss.create_app)."""
    from pydantic import create_model

    parts = app.extensions["remiss_detail_schemas"]
    if set(parts) != set(app.extensions["remiss_detail_extras"]):
        raise RuntimeError("remiss_detail_schemas must document every part of remiss_detail_extras")
    return create_model("RemissDetail", __base__=RemissDetail,
                        **{name: (schema, ...) for name, schema in parts.items()})


DETAIL = FromApp(detail_model)
# The new-remiss form's rule (outgoing.service.sending.sandlista_problem), in the API's words: no list to choose from
NO_SANDLISTA = "En utgående remiss behöver en sändlista: ange minst en remissinstans i ”sandlista”."


# The form's rule for the kind of an utgående remiss (outgoing.service.sending.kind_problem), in the API's words
OUTGOING_KIND = ('Ett utgående ärende är en remiss: det som skickas till remissinstanserna är en remiss, också när '
                 'den gäller ett medborgarförslag. Skicka "kind": "remiss" (ärendemeningen kan säga att det gäller ett '
                 'medborgarförslag), eller "direction": "inkommande" om nämnden ska yttra sig över förslaget.')
OUTGOING_MEDBORGARFORSLAG = "utgaende_medborgarforslag"  # the 400's "code"


def in_api_words(errors: dict[str, str]) -> dict[str, str]:
    """The form's errors as an API caller reads them: an empty sändlista and the kind name the JSON fields."""
    from remiss.outgoing.service.sending import NO_SANDLISTA as FORM_WORDS, OUTGOING_KIND as KIND_WORDS

    said = {("sandlista", FORM_WORDS): NO_SANDLISTA, ("kind", KIND_WORDS): OUTGOING_KIND}
    return {k: said.get((k, v), v) for k, v in errors.items()}


def api_errors(errors: dict[str, str]) -> InputErrors:
    """The 400 of the form's errors in the API's words, with the "code" of a refusal a program may act on."""
    from remiss.outgoing.service.sending import OUTGOING_KIND as KIND_WORDS

    return InputErrors(in_api_words(errors), code=OUTGOING_MEDBORGARFORSLAG if errors.get("kind") in (
        KIND_WORDS, OUTGOING_KIND) else None)


@bp.get("/remisser")
@operation("Lista remisser", query=ListQuery, responses={200: RemissList}, tag="remisser")
def list_():
    """The remisser the caller may see, with the diarium's filters, a page at a time."""
    f = RemissFilter.from_args(request.args)
    if f.errors:
        raise InputErrors(f.errors)
    try:
        page, per_page = int(request.args.get("page", 1)), int(request.args.get("per_page", 50))
    except ValueError:
        raise InputErrors({"page": "Sidnummer och antal per sida ska vara heltal."}) from None
    if page < 1:
        raise InputErrors({"page": "Sidnummer börjar på 1."})
    if not 1 <= per_page <= 200:
        raise InputErrors({"per_page": "Ange 1–200 remisser per sida."})
    result = list_remisser(get_session(), principal(), f, page=page, per_page=per_page)
    unsent = mail_state.unsent(get_session()) if any(r.status in ("besvarad", "beslutad")
                                                    for r in result.rows) else set()
    return jsonify({"items": [dict(remiss_summary(r, now(), unsent=r.id in unsent),
                                   namnd=r.namnd_name,
                                   handlaggare=r.handlaggare_name) for r in result.rows],
                    "total": result.total, "more": result.more, "page": result.page, "per_page": result.per_page,
                    "pages": result.pages,
                    # added (walk29 A10): besvarad/beslutad remisser left out because their yttrande waits to be sent
                    "unsent_left_out": unsent_left_out(get_session(), principal(), f)})


# the code of the warning in a POST's answer when the sista svarsdag has passed already (walk16 0b)
PASSED_AT_REGISTRATION = date_questions.PASSED
POSSIBLE_DUPLICATE = "mojlig_dubblett"
CLOSED_EARLY = "avslutad_fore_svaren"
LETTER_AFTER_ARRIVAL = "missiv_efter_inkom"


def _detail(remiss) -> dict:
    session = get_session()
    # What other capabilities add to the detail (milestones, yttrande, ...), wired in remiss.create_app.
    extra = {name: fn(session, remiss) for name, fn in current_app.extensions["remiss_detail_extras"].items()}
    return remiss_detail(remiss, now(), questions=service.questions_of(session, remiss.id),
                         sandlista=service.entries(session, remiss.id),
                         attachments=attachments.of_remiss(session, remiss.id), extra=extra,
                         unsent=mail_state.not_sent_yet(session, remiss))


@bp.get("/remisser/mojliga-dubbletter")
@operation("Sök remisser som redan är registrerade", query=DuplicateQuery, responses={200: DuplicateList},
           tag="remisser")
def duplicates():
    """For those who register remisser: the visible remisser with this remittent's diarienummer or this title,
    as the registration form warns while it is filled in (static/app.js) and again when it is sent."""
    require_any(principal(), Action.create)  # "Med rollen Läsare kan du inte registrera remisser."
    rows = possible_duplicates(get_session(), principal(), sender_dnr=request.args.get("sender_dnr", "")[:100],
                               title=request.args.get("title", "")[:500])
    return jsonify({"items": [{"id": r.id, "our_dnr": r.our_dnr, "title": r.title, "remittent": r.remittent,
                               "sender_dnr": r.sender_dnr, "url": url_for("remisser.show", remiss_id=r.id)}
                              for r in rows],
                    # "en remiss", "ett ärende", "2 ärenden": what the form's warning says (static/app.js)
                    "said": counted(r.kind for r in rows) if rows else ""})


@bp.post("/remisser")
@operation("Registrera en remiss", body=RemissCreate, responses={201: DETAIL}, tag="remisser", location=True)
def create():
    require_any(principal(), Action.create)  # "Med rollen Läsare kan du inte registrera remisser."
    body = request_body()
    data = body.to_data()
    late = _letter_after_arrival(body, letter_after_arrival(data.letter_date, data.received_on, local_today(now())),
                                 data.direction)
    if data.direction == "utgaende":  # as the form: a svarsdag after today, a sändlista (outgoing_problems)
        from remiss.outgoing.service.edits import read_typed_lines, unsent_deadline_problem
        from remiss.outgoing.service.sending import outgoing_problems

        try:  # "Namn; e-post" lines read as the form reads them
            data, lines = replace(data, sandlista=read_typed_lines(data.sandlista)), {}
        except InputErrors as exc:
            lines = exc.errors
        errors = {**in_api_words(outgoing_problems(data)), **lines}
        problem = unsent_deadline_problem(data.deadline_on, local_today(now()), len(data.sandlista or []))
        if problem:  # first, as before (the "field" of the error)
            errors = {"deadline_on": problem, **errors}
        if errors:
            raise api_errors(errors)
    # as the form warns "Kan redan vara registrerad": asked before registering, so the new one is not among them
    already = possible_duplicates(get_session(), principal(), sender_dnr=data.sender_dnr or "", title=data.title or "")
    remiss = service.register(get_session(), now=now(), principal=principal(), data=data,
                              dnr_format=current_app.config["DNR_FORMAT"],
                              default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
    body = _detail(remiss)
    if late:
        body["warnings"] = [*body.get("warnings", []), {**late, "url": url_for("remisser.edit", remiss_id=remiss.id)}]
    if already:
        # "Makulera det nya ärendet …", "Öppna det ärendet" of a medborgarförslag (kind_words, walk18 F7)
        named, noun, found = ", ".join(row.our_dnr for row in already), noun_of(remiss.kind), noun_of(already[0].kind)
        body["warnings"] = [*body.get("warnings", []), {
            "code": POSSIBLE_DUPLICATE, "url": url_for("remisser.show", remiss_id=already[0].id),
            "message": (f"Kan redan vara registrerad: {named} har samma diarienummer hos remittenten eller samma "
                        f"ärendemening. Makulera {noun.it} nya {noun.the} om {noun.it} är en dubblett."),
            "link_text": "Öppna " + (found.that if len(already) == 1 else f"{found.it} senaste")}]
    if deadline_passed(remiss, now()):  # the form asks "registrera ändå"; the API registers and says so
        body["warnings"] = [*body.get("warnings", []), {
            "code": PASSED_AT_REGISTRATION, "url": f"/remisser/{remiss.id}#tidplan",
            "message": date_questions.passed_warning(remiss.effective_deadline_on, remiss.effective_deadline_time,
                                                     remiss.kind),
            "link_text": "Se tidplanen"}]
    received_late = date_questions.received_after_deadline(remiss.received_on, remiss.deadline_on) \
        if remiss.direction == Direction.inkommande else None
    if received_late:  # as the form asks "… kom in efter sista svarsdagen", and a PATCH warns (walk20 H12)
        body["warnings"] = [*body.get("warnings", []), {
            "code": date_questions.RECEIVED_LATE, "url": url_for("remisser.edit", remiss_id=remiss.id),
            "message": date_questions.received_late_warning(received_late, remiss.kind), "link_text": "Rätta datumen"}]
    response = jsonify(body)
    response.status_code = 201
    response.headers["Location"] = url_for("api.read", remiss_id=remiss.id)
    return response


def _letter_after_arrival(body, late, direction: str) -> dict | None:
    """The warning for a missiv dated after Inkom, which the forms ask about before saving: the API saves (it is
    changed only by adding, and such a pair was taken before) and says so, unless the body confirms the dates."""
    if not late or direction != "inkommande" or body.confirm_letter_date:
        return None
    return {"code": LETTER_AFTER_ARRIVAL, "message": letter_after_arrival_error(late), "link_text": "Rätta datumen"}


def _date_warnings(session, remiss, changes: dict) -> list[dict]:
    """What Ändra uppgifter asks about a moved sista svarsdag (or Inkom): one that has passed, one before Inkom.
    The API saves (it is changed only by adding) and says so (walk20 H12)."""
    past, at, received_late = date_questions.questions_of_change(
        remiss, changes, now=now(), in_force=service.in_force_after(session, remiss, changes))
    kind = changes.get("kind", remiss.kind)
    link = {"url": url_for("remisser.edit", remiss_id=remiss.id), "link_text": "Rätta datumen"}
    return ([{"code": date_questions.PASSED, "message": date_questions.passed_warning(past, at, kind), **link}]
            if past else []) + \
        ([{"code": date_questions.RECEIVED_LATE, "message": date_questions.received_late_warning(received_late, kind),
           **link}] if received_late else [])


@bp.get("/remisser/<int:remiss_id>")
@operation("Läs en remiss", responses={200: DETAIL}, tag="remisser")
def read(remiss_id: int):
    return jsonify(_detail(load_remiss(get_session(), principal(), remiss_id)))


@bp.route("/remisser/<int:remiss_id>", methods=["PATCH", "PUT"])
@operation("Ändra en remiss", body=RemissUpdate, responses={200: DETAIL}, errors=(400, 401, 403, 404, 409),
           tag="remisser")
def update(remiss_id: int):
    """Change the fields given; "status" then moves it through the workflow (409 when the move is not allowed).

    PUT does the same as PATCH. A status the remiss already has is no move and is accepted: also when the
    fields given already moved it there, as a handläggare moves a registrerad remiss to tilldelad."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    require_edit_or_move(principal(), remiss.namnd_id, remiss.status, _status_asked(), remiss.kind)
    body = request_body()
    if refused := _voided_with_fields(remiss, body):
        return refused
    late = _letter_after_arrival(body, letter_after_arrival_change(remiss, body.changes(), local_today(now())),
                                 body.changes().get("direction", remiss.direction))
    dates = _date_warnings(session, remiss, body.changes())  # asked before saving, from the remiss as it was
    try:
        service.update(session, now=now(), principal=principal(), remiss=remiss, changes=body.changes(),
                       deadline_correction=bool(body.deadline_correction),
                       dnr_format=current_app.config["DNR_FORMAT"],
                       default_prefix=current_app.config["DNR_DEFAULT_PREFIX"])
    except service.DeadlineQuestion as exc:  # the form asks; here the body says it with "deadline_correction"
        raise InputErrors({"deadline_on": exc.errors["deadline_on"] + ' Skicka "deadline_correction": true '
                                                                     "för att rätta den."}) from None
    except InputErrors as exc:
        raise api_errors(exc.errors) from None
    if remiss.direction == Direction.utgaende:  # the missiv still in the Utkorg made anew from it (h-out23 M5)
        from remiss.outgoing.service.amendments import requeue  # held back when it cannot be: said in warnings
        requeue(session, now=now(), principal=principal(), remiss=remiss,
                       files_dir=current_app.config["FILES_DIR"], base_url=current_app.config["BASE_URL"])
    cut_off = ""
    if body.status is not None and body.status != remiss.status:
        try:
            cut_off = _closed_outgoing(session, remiss, body)
            if cut_off is None:
                service.change_status(session, now=now(), principal=principal(), remiss=remiss, new=body.status,
                                      by_hand=True)
        except TransitionError as exc:
            session.rollback()
            return error_response(409, str(exc), field="status")
    detail = _detail(remiss)
    if late:
        detail["warnings"] = [*detail.get("warnings", []), {**late, "url": url_for("remisser.edit", remiss_id=remiss.id)}]
    if dates:
        detail["warnings"] = [*detail.get("warnings", []), *dates]
    if cut_off:  # closed as before this question was asked (the API is changed only by adding): said, not refused
        detail["warnings"] = [*detail.get("warnings", []), {
            "code": CLOSED_EARLY, "message": cut_off, "link_text": "Öppna ärendet igen",
            "url": url_for("remisser.show", remiss_id=remiss.id)}]
    return jsonify(detail)


def _status_asked() -> str | None:
    """The status a PATCH asks for when that is all it asks, before the body is read as a whole: so that one who may
    not edit is refused by the move's words (auth.access.require_edit_or_move), and refused before a wrong body is
    pointed out, as before."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # [[[[…]]]]: request_body answers it (400), after the refusal if there is one
        return None
    if not isinstance(body, dict) or set(body) - NOT_CHANGES:
        return None
    status = body.get("status")
    return status if isinstance(status, str) and status in RemissStatus._value2member_map_ else None


def _voided_with_fields(remiss, body: RemissUpdate):
    """The 409 of a PATCH with fields on a makulerad remiss (finished.require_not_voided), or None. The whole body
    is refused, a "status" in it too: a PATCH is done whole or not at all, and a 409 leaves the remiss as it was.
    With "status" the answer says how to undo the makulering first and then send the fields (words23 #5); "field"
    and "fields" name what was refused, "code" is "makulerad"."""
    from remiss.remisser.finished import voided_refusal

    said, fields = voided_refusal(remiss), sorted(body.changes())
    if not said or not fields:
        return None
    if body.status is not None:
        noun, quoted = noun_of(remiss.kind), [f'"{f}"' for f in fields]
        named = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} och {quoted[-1]}"
        said = (f"{noun.The} är {noun.done('makulerad')}, så {noun.it} ändras inte, och inget i anropet sparades – "
                f"inte heller status. {'Fältet' if len(fields) == 1 else 'Fälten'} {named} kan ändras först när "
                'makuleringen är ångrad: skicka {"status": "registrerad"} ensamt, och sedan '
                f"{'fältet' if len(fields) == 1 else 'fälten'} i ett nytt anrop.")
    return jsonify({"error": said, "status": 409, "code": "makulerad", "field": fields[0], "fields": fields}), 409


def _closed_outgoing(session, remiss, body: RemissUpdate) -> str | None:
    """"avslutad" on a sammanställd utgående remiss closes it as its button does (outgoing.service.closing.close).
    What the button would ask first (instanser that may still answer in time, an out-of-date sammanställning;
    walk19 G13) is returned to be said, unless "confirm_close": true; None when the move is another."""
    from remiss.outgoing.service import closing

    if (body.status != RemissStatus.avslutad or remiss.direction != Direction.utgaende
            or remiss.status != RemissStatus.sammanstalld):
        return None
    try:
        closing.close(session, now=now(), principal=principal(), remiss=remiss,
                      stale_ok=bool(body.confirm_close), early_ok=bool(body.confirm_close))
    except closing.CloseQuestion as exc:  # asked before anything changed
        closing.close(session, now=now(), principal=principal(), remiss=remiss, stale_ok=True, early_ok=True)
        return f"{exc.said} Ärendet kan öppnas igen genom att status ändras till Sammanställd."
    return ""


@bp.post("/missiv/parse")
@operation("Läs fälten ur ett missiv", body=MissivText, upload="file", responses={200: MissivFields}, tag="missiv")
def parse_missiv():
    """The missiv's text as JSON, or the file (.txt, .pdf, .docx, .eml, .msg, .html) as multipart/form-data in "file".

    For those who may register remisser. The text is read and parsed in a worker process with a time and
    memory limit; a file or text that exceeds them gets a 400 with a Swedish message."""
    from remiss.files import FileRejected
    from remiss.intake.reading import ReadLimits, parse_text, read_upload

    require_any(principal(), Action.create, doing="läsa in missiv")
    limits = ReadLimits.of(current_app.config)
    own = namnd_service.organisations(get_session())  # a missiv from our own kommun's nämnd names that nämnd
    if request.mimetype == "multipart/form-data":  # a file in the field "file" (remiss.intake reads it)
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise InputErrors({"file": "Skicka missivet som en fil i fältet 'file'."})
        try:
            reading = read_upload(upload.filename, upload.read(), limits=limits, organisations=own)
        except FileRejected as exc:
            raise InputErrors({"file": str(exc)}) from None
        return jsonify(dict(reading.parsed["result"], warnings=reading.all_warnings))
    text = request_body().text
    try:
        return jsonify(parse_text(text, limits=limits, organisations=own)["result"])
    except FileRejected as exc:
        raise InputErrors({"text": str(exc)}) from None
