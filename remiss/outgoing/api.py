"""JSON API for outgoing remisser: send, register an answer, avstår, grant anstånd."""
from __future__ import annotations

from functools import wraps

from flask import current_app, jsonify

from remiss.api.openapi import operation, request_body
from remiss.auth.access import Action, load_remiss
from remiss.clock import local_today
from remiss.db import get_session
from remiss.web.extensions import csrf, guard_api
from remiss.outgoing import overview
from remiss.outgoing.schemas import (AnswerResult, DeclineResult, ExtensionGranted, InstansAnswer, InstansDecline,
                                     InstansExtension, SendResult)
from remiss.clock import deadline_iso
from remiss.outgoing.service import answers, chasers, sending
from remiss.outgoing.views import bp
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Direction
from remiss.web import now, principal

PREFIX = "/api/v1/remisser/<int:remiss_id>/sandlista"
CLOSED_ERRORS = (400, 401, 403, 404, 409)  # 409: the case is avslutad, its answers read only (walk16 #5)


def api_view(view):
    """Token or session auth (session writes need X-CSRFToken), JSON errors."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        return guard_api() or view(*args, **kwargs)
    return csrf.exempt(wrapped)


def _remiss(remiss_id: int, act: str = ""):
    """The utgående remiss, if the principal may edit it (or do the act of BORROWED_ACTS, named when refused)."""
    remiss = load_remiss(get_session(), principal(), remiss_id, Action.edit, act=act)
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"remiss": f"{noun_of(remiss.kind).The} är inte utgående."})  # "Ärendet" (walk18 F7)
    return remiss


@bp.post(f"{PREFIX}/send")
@api_view
@operation("Skicka remissen till sändlistan", responses={200: SendResult}, tag="utskick")
def api_send(remiss_id: int):
    """Put a missiv e-mail to every remissinstans not yet sent to that has an e-mail address in the outbox, make
    one Word file of letters for those with a postal address only, and plan the reminders. Takes no body."""
    remiss = _remiss(remiss_id, act="outgoing_send")  # refused as the page's Skicka is (truth34 #3)
    sent = sending.send(get_session(), now=now(), principal=principal(), remiss=remiss,
                        files_dir=current_app.config["FILES_DIR"], base_url=current_app.config["BASE_URL"])
    return jsonify({"queued": sent.mailed, "posted": sent.posted,
                    "letters_id": sent.letters.id if sent.letters else None,
                    "missiv_made_from": sent.made_from or None, "missiv_stale": sent.stale or None,
                    "sandlista_status": overview.status_json(get_session(), remiss)})


@bp.post(f"{PREFIX}/<int:entry_id>/answer")
@api_view
@operation("Registrera en remissinstans svar", body=InstansAnswer, responses={200: AnswerResult},
           errors=CLOSED_ERRORS, tag="utskick")
def api_answer(remiss_id: int, entry_id: int):
    session = get_session()
    remiss = _remiss(remiss_id, act="instans_answer")
    entry = answers.load_entry(session, remiss, entry_id)
    data = request_body().data(today=local_today(now()))
    answers.register_answer(session, now=now(), principal=principal(), remiss=remiss, entry=entry, data=data,
                            files_dir=current_app.config["FILES_DIR"],
                            max_bytes=current_app.config["UPLOAD_MAX_BYTES"])
    return jsonify({"entry_id": entry.id, "answer_status": entry.answer_status,
                    "answered_on": entry.answered_on.isoformat(), "answers": answers.answers_of(session, entry.id)})


@bp.post(f"{PREFIX}/<int:entry_id>/decline")
@api_view
@operation("En remissinstans avstår", body=InstansDecline, responses={200: DeclineResult},
           errors=CLOSED_ERRORS, tag="utskick")
def api_decline(remiss_id: int, entry_id: int):
    session = get_session()
    remiss = _remiss(remiss_id, act="instans_decline")
    entry = answers.load_entry(session, remiss, entry_id)
    body = request_body()
    today = local_today(now())
    if refusal := answers.future_refusal(body.declined_on, today, "beskedet"):  # as the form (walk34b)
        raise InputErrors({"declined_on": refusal})
    answers.decline(session, now=now(), principal=principal(), remiss=remiss, entry=entry,
                    answered_on=body.declined_on or today, note=body.note, day_given=body.declined_on is not None)
    return jsonify({"entry_id": entry.id, "answer_status": entry.answer_status,
                    "answered_on": entry.answered_on.isoformat() if entry.answered_on else None})


@bp.post(f"{PREFIX}/<int:entry_id>/extension")
@api_view
@operation("Ge en remissinstans anstånd", body=InstansExtension, responses={200: ExtensionGranted},
           errors=CLOSED_ERRORS, tag="utskick")
def api_extension(remiss_id: int, entry_id: int):
    session = get_session()
    remiss = _remiss(remiss_id, act="instans_grant_extension")
    entry = answers.load_entry(session, remiss, entry_id)
    body = request_body()
    answers.grant_extension(session, now=now(), principal=principal(), remiss=remiss, entry=entry,
                            until_on=body.until_on, until_time=body.until_time, reason=body.reason)
    return jsonify({"entry_id": entry.id, "answer_status": entry.answer_status,
                    "extended_until": entry.extended_until_on.isoformat(),
                    "extended_until_time": entry.extended_until_time.strftime("%H:%M")
                    if entry.extended_until_time else None,
                    "deadline_in_force": deadline_iso(*chasers.deadline_of(remiss, entry))})
