"""JSON API: milestones and extensions in the remiss detail; request and decide extensions."""
from __future__ import annotations

from flask import Blueprint, jsonify

from remiss.api.openapi import operation, request_body
from remiss.calendar.milestones import took_place
from remiss.drafting import mail_state
from remiss.auth.access import Action, load_remiss
from remiss.db import get_session
from remiss.web.extensions import csrf, guard_api
from remiss.planning.schemas import ExtensionDecision, ExtensionRequest, ExtensionResult
from remiss.planning.service import extensions, tidplan
from remiss.planning.service.extensions import Evidence
from remiss.planning.service.recorded import (justering_waits, kept_by_record, refusal_said, skipped_by_hand,
                                             waits_to_be_sent)
from remiss.calendar.missed import MISSED, said_as
from remiss.clock import local_today
from remiss.planning.flags import reason_text
from remiss.planning.service.missed import meeting_in_time
from remiss.planning.tidplan_panel import HELD_STEPS, done_on
from remiss.planning.lateness import needs_attention, waiting_kinds
from remiss.calendar.hand_set import said_by_hand
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import reword
from remiss.remisser.status import RemissStatus, called_off
from remiss.web import now, principal
from remiss.web.errors import error_response

api_bp = Blueprint("planning_api", __name__, url_prefix="/api/v1")
csrf.exempt(api_bp)


api_bp.before_request(guard_api)


def _iso(day, at=None) -> str | None:
    if day is None:
        return None
    return f"{day.isoformat()}T{at:%H:%M}" if at else day.isoformat()


def milestones_json(session, remiss) -> list[dict]:
    """Return the stored tidplan of a remiss for the API detail. A milestone ticked off only because the remiss was
    withdrawn or declined never happened: done_at null, cancelled true and the day in cancelled_at."""
    # the Justering of a beslut waiting for its justering is marked klar only by registering it (walk24 V13)
    waits = justering_waits(session, remiss)
    rows = tidplan.milestones_of(session, remiss.id)
    sending = waits_to_be_sent(rows)  # expedierat, its sending not registered yet (walk24 V11)
    waiting, closed = waiting_kinds(rows), RemissStatus(remiss.status).is_closed
    # after a missed sammanträde "ta upp ärendet vid nästa sammanträde" only while one comes in time (as the page)
    in_time = (closed or not any(m.flag_reason == MISSED and m.done_at is None for m in rows)
               or meeting_in_time(session, remiss, local_today(now())))
    kept = kept_by_record(session, remiss)  # done steps the registered beslut keeps done (walk18 F20)
    # the Sista svarsdag of an expedierat yttrande whose mail waits: "Väntar på e-post" on the pages (walk25b Z4)
    unsent = mail_state.not_sent_yet(session, remiss)
    return [_in_kind_words(_milestone_json(m, called_off(remiss.status, m.closed_with_remiss)
                                           or skipped_by_hand(remiss.status, m),  # walk18 F21, walk19 G1
                                           needs_attention(m, waiting=waiting, closed=closed), in_time,
                                           (kept.get(m.kind, "") if m.done_at is not None else "")
                                           or (waits if m.kind == "justering" else ""), sending,
                                           unsent and m.kind == "sista_svarsdag"), remiss.kind)
            for m in rows]


def _in_kind_words(row: dict, kind) -> dict:
    """A milestone's texts in the words of the ärende's kind, as the Tidplan panel says them: "före ärendets
    ankomst" for a medborgarförslag (kind_words.reword, walk18 F7)."""
    return {**row, **{key: reword(row[key], kind) for key in ("explanation", "flag_reason_text", "advice",
                                                               "not_by_hand")}}


def _milestone_json(m, cancelled: bool, flagged: bool, in_time: bool = True, kept: str = "",
                    sending: bool = False, mail_waits: bool = False) -> dict:
    done_at = None if cancelled or m.done_at is None else m.done_at.isoformat()
    return {"id": m.id, "kind": m.kind, "label": m.label,
            "due": _iso(m.due_on, None if m.override_on else m.planned_time),
            "planned": _iso(m.planned_on, m.planned_time), "override": _iso(m.override_on),
            "override_reason": m.override_reason or None, "owner_role": m.owner_role,
            # "Kräver uppmärksamhet" as the remiss page says it (planning.lateness.needs_attention)
            # a date set by hand says so, as the remiss page and the calendar feed (truth17 F14); a missed meeting's
            # ways out as they hold today (said_as)
            "explanation": said_as(m.explanation, in_time) if m.done_at is not None else
            said_by_hand(said_as(m.explanation, in_time), m.override_on, m.planned_on, m.override_reason),
            "flagged": flagged,
            # why, while flagged: the planner's code (calendar.milestones.FLAG_REASONS; null when it stored none)
            # and its Swedish words ("se tidplanen" without a known code)
            "flag_reason": m.flag_reason if flagged else None,
            "flag_reason_text": said_as(reason_text(m.flag_reason, m.kind), in_time) if flagged else None,
            "advice": said_as(m.advice, in_time) if m.done_at is None else "",  # what to do while it is open
            "done_at": done_at,
            "cancelled": cancelled, "cancelled_at": m.done_at.isoformat() if cancelled else None,
            "status": "cancelled" if cancelled else "done" if done_at else "open",
            # done, but the expedierat yttrande that answers it has not left the Utkorg yet: the pages say "Väntar
            # på e-post", not "Klar" (walk25b Z4; status keeps its meaning, the field is added)
            "waiting_for_mail": bool(mail_waits and done_at),
            # why it is not marked done or not done by hand: only the expediering does it (said while the step is
            # open, walk25b), or the registered beslut keeps it done (null: it may be, or a done step only the
            # expediering closes: "blir klar när …" is not said of it)
            "not_by_hand": refusal_said(m, sending=sending) or kept or None,
            # the day a done sammanträde (or its justering) was held (done_at: when it was registered); else null,
            # also for one ticked off by a status set by hand or passed over by the beslut: it was not held
            "held_on": done_on(m).isoformat() if done_at and m.kind in HELD_STEPS and took_place(m.explanation)
            else None}


def extension_json(e, decision: str | None = None) -> dict:
    return {"id": e.id, "general": e.is_general, "requested_by": e.requested_by,
            "requested_on": _iso(e.requested_on), "requested_until": _iso(e.requested_until_on, e.requested_until_time),
            "reason": e.reason, "decision": decision or e.decision,
            "granted_until": _iso(e.granted_until_on, e.granted_until_time), "decided_on": _iso(e.decided_on),
            "evidence_text": e.evidence_text or None, "evidence_attachment_id": e.evidence_attachment_id}


def extensions_json(session, remiss) -> list[dict]:
    """Return the remiss-wide extensions for the API detail."""
    # a request the sista svarsdag in force reaches is superseded, as on the page (walk19 G4)
    return [extension_json(e, extensions.decision_of(remiss, e))
            for e in extensions.extensions_of(session, remiss.id)]


def _result(remiss, extension, status: int):
    session = get_session()
    response = jsonify({"extension": extension_json(extension),
                        "effective_deadline": _iso(remiss.effective_deadline_on, remiss.effective_deadline_time),
                        "milestones": milestones_json(session, remiss)})
    response.status_code = status
    return response


# An utgående remiss: we are the remittent and give the time (walk12b #9); the remittent's förlängning is not ours.
OUTGOING_NO_EXTENSION = ("Remissen är utgående: vi är remittenten och begär ingen förlängd remisstid. Ge en "
                         "remissinstans anstånd med POST /api/v1/remisser/<id>/sandlista/<instansens id>/extension, "
                         "eller förläng remisstiden för alla på remissens sida.")


# the general notice's own field names → the request body's
_GENERAL_FIELDS = {"notice_on": "requested_on", "sender": "requested_by"}


@api_bp.post("/remisser/<int:remiss_id>/extensions")
@operation("Begär förlängd remisstid", body=ExtensionRequest, responses={201: ExtensionResult},
           errors=(400, 401, 403, 404, 409), tag="förlängningar")
def request_extension(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, act="extension_request")
    if remiss.direction == "utgaende":
        return error_response(409, OUTGOING_NO_EXTENSION, field="remiss")
    body = request_body()
    values, evidence = body.values(), Evidence(text=body.evidence_text)
    if body.general:
        try:
            extension = extensions.general_notice(session, now=now(), principal=principal(), remiss=remiss,
                                                  sender=values["requested_by"], until_on=values["until_on"],
                                                  until_time=values["until_time"], notice_on=values["requested_on"],
                                                  evidence=evidence)
        except InputErrors as exc:  # said at the fields the caller sent: the notice's day is its requested_on
            raise InputErrors({_GENERAL_FIELDS.get(k, k): v for k, v in exc.errors.items()}) from None
    else:
        extension = extensions.request_extension(session, now=now(), principal=principal(), remiss=remiss,
                                                 evidence=evidence, **values)
    return _result(remiss, extension, 201)


@api_bp.post("/remisser/<int:remiss_id>/extensions/<int:extension_id>/decision")
@operation("Besluta om en förlängning", body=ExtensionDecision, responses={200: ExtensionResult},
           errors=(400, 401, 403, 404, 409), tag="förlängningar")
def decide_extension(remiss_id: int, extension_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, act="extension_decision")
    if remiss.direction == "utgaende":
        return error_response(409, OUTGOING_NO_EXTENSION, field="remiss")
    body = request_body()
    extension = extensions.decide_extension(session, now=now(), principal=principal(), remiss=remiss,
                                            extension_id=extension_id, evidence=Evidence(text=body.evidence_text),
                                            **body.values())
    return _result(remiss, extension, 200)
