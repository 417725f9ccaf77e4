"""JSON API for the yttrande: read, save, change state, download the documents."""
from __future__ import annotations


from flask import Blueprint, current_app, jsonify
from sqlalchemy import func
from sqlmodel import select

from remiss.api.openapi import operation, request_body
from remiss.auth.access import Action, load_remiss
from remiss.clock import local_today
from remiss.db import get_session
from remiss.documents import RenderError
from remiss.drafting import content as sections
from remiss.drafting import mail_state, signatures
from remiss.drafting import decision as decisions
from remiss.drafting import (dispatch, drafts, forms, generate, rattelse, sent_by_hand, sent_title, states,
    versions)
from remiss.drafting.models import DraftState, DraftVersion, GeneratedDocument
from remiss.drafting.schemas import (DecisionRecord, JusteringRecord, MailNow, RattelseStart, SentByHand,
                                     YttrandePublic, YttrandeSave, YttrandeStateChange, YttrandeStateResult,
                                     YttrandeWithVersions)
from remiss.drafting.views import bp
from remiss.drafting.views.documents import document_bytes
from remiss.web.errors import error_response
from remiss.web.extensions import csrf, guard_api
from remiss.web import now, principal
from remiss.web.downloads import download_file

api = Blueprint("yttrande_api", __name__, url_prefix="/api/v1")
csrf.exempt(api)


api.before_request(guard_api)


def decision_summary(session, remiss) -> dict | None:
    """Return the recorded beslut as JSON values (None before it)."""
    d = drafts.find_decision(session, remiss.id)
    if d is None:
        return None
    return {"decided_by": d.decided_by, "delegat": d.delegat or None, "meeting_on": d.meeting_on.isoformat(),
            "paragraf": d.paragraf, "omedelbar_justering": d.omedelbar_justering,
            "justerad_on": d.justerad_on.isoformat() if d.justerad_on else None,
            # justerad: may be expedierat as far as justering goes (a delegationsbeslut at once: not justerat)
            "justerad": d.justerad_by(local_today(now())), "needs_justering": d.needs_justering,
            "reference": decisions.decision_reference(d),
            "protokollsutdrag_attachment_id": d.protokollsutdrag_id, "recorded_by_id": d.recorded_by_id,
            "recorded_at": d.recorded_at.isoformat()}


def sent_summary(session, remiss) -> list[dict]:
    """Each expediering, the first first: which round (0 the yttrande, n the n:th rättelse), version and beslut."""
    rows = session.exec(select(GeneratedDocument.draft_version_id, func.min(GeneratedDocument.created_at),
                               func.min(GeneratedDocument.id))
                        .where(GeneratedDocument.remiss_id == remiss.id, GeneratedDocument.frozen)
                        .group_by(GeneratedDocument.draft_version_id).order_by(func.min(GeneratedDocument.id))).all()
    if not rows:
        return []
    decided = {d.rattelse: d for d in drafts.decisions_of(session, remiss.id)}
    titles = sent_title.titles_sent(session, remiss, [first for _, _, first in rows])
    # each expediering's mail by the version it sends: expedierad is not e-mailed (walk25 Y9)
    mails = {mail_state.version_of(row): row for row in mail_state.mails_of(session, remiss.id)}
    sent = []
    for n, (version_id, at, first) in enumerate(rows):
        version = session.get(DraftVersion, version_id)
        decision = decided.get(n)
        mail = mails.get(version_id)
        sent.append({"rattelse": n, "version": version.number if version else None, "expedierad_at": at.isoformat(),
                     "mail_state": mail_state.state_of(mail) if mail else None,
                     "mailed_at": mail.sent_at.isoformat() if mail and mail.sent_at and
                     mail_state.state_of(mail) == "sent" else None,
                     "decision_reference": decisions.decision_reference(decision) if decision else None,
                     "title": titles[first], "title_changed_since": titles[first] != remiss.title})
    return sent


def draft_summary(session, remiss) -> dict:
    """Return the yttrande's state, version number and sections (for the remiss detail too)."""
    draft, version, content = drafts.current_content(session, remiss)
    return {
        "decision": decision_summary(session, remiss),
        "state": draft.state if draft else DraftState.utkast.value,
        "state_label": DraftState(draft.state).label if draft else DraftState.utkast.label,
        "version": version.number if version else None,
        "frozen_version_id": draft.frozen_version_id if draft else None,
        "rattelse": draft.rattelse if draft else 0,
        "sent": sent_summary(session, remiss) if draft and draft.frozen_version_id else [],
        "review_comment": draft.review_comment if draft else "",
        # the frågeställningar without an answer, which the yttrande leaves out (the page asks before sending)
        # expedierat without an answer address and not yet recorded as sent: the remiss is not besvarad until
        # POST …/yttrande/skickat
        "sent_by_hand_pending": sent_by_hand.pending(remiss, draft.state if draft else None,
                                                     draft.rattelse if draft else 0),
        # a svarsadress added after the expediering: POST …/yttrande/skicka-nu mails it there (walk26b X10)
        "mail_now_to": (remiss.answer_email.strip() or None) if sent_by_hand.mail_question(
            remiss, draft.state if draft else None, draft.rattelse if draft else 0) else None,
        "unanswered_questions": [{"number": n, "fraga": text} for n, text in sections.unanswered(content)],
        # the signers without a name under the yttrande ("ordförande", "förvaltningschef"; walk16 finding 12)
        "missing_signatures": signatures.missing(content, drafts.find_decision(session, remiss.id)),
        "sections": [{"label": label, "text": text} for label, text in sections.labelled_sections(content, remiss.kind)],
        "content": content,
    }



@api.get("/remisser/<int:remiss_id>/yttrande")
@operation("Läs yttrandet", responses={200: YttrandeWithVersions}, errors=(400, 401, 403, 404, 409),
           tag="yttrande")
def read(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    if remiss.direction == "utgaende":  # reading made a receiving-side draft for it (walk12b #9)
        return error_response(409, OUTGOING_NO_YTTRANDE, field="remiss")
    body = draft_summary(session, remiss)
    draft = drafts.find_draft(session, remiss.id)
    body["versions"] = [{"number": v.number, "author_id": v.author_id, "created_at": v.created_at.isoformat(),
                         "comment": v.comment} for v in (drafts.versions_of(session, draft.id) if draft else [])]
    return jsonify(body)


@api.put("/remisser/<int:remiss_id>/yttrande")
@operation("Spara yttrandet", body=YttrandeSave, responses={200: YttrandePublic}, errors=(400, 401, 403, 404, 409),
           tag="yttrande")
def save(remiss_id: int):
    """Save the sections given as a new version (409 while the draft is in review or approved). Based on an older
    base_version, it is refused (400) unless the newer versions changed nothing it would undo; the errors name each
    field changed on both sides. The API contract refuses a stale save as before: the client re-reads and merges."""
    return _draft_step(remiss_id, Action.edit, versions.save, lambda body: {
        "raw": body.sections(), "base_version": body.base_version, "comment": body.comment})


@api.post("/remisser/<int:remiss_id>/yttrande/state")
@operation("Ändra yttrandets läge", body=YttrandeStateChange, responses={200: YttrandeStateResult},
           errors=(400, 401, 403, 404, 409), tag="yttrande")
def change_state(remiss_id: int):
    """Granskning, godkand, back to utkast (with a comment), expedierad, or inga_synpunkter (409 when the
    draft's state does not allow it; the state it is in already: 200, nothing changed, status_note says so)."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    if remiss.direction == "utgaende":  # walk12b #9
        return error_response(409, OUTGOING_NO_YTTRANDE, field="remiss")
    body = request_body()
    new, comment = body.state, body.comment
    result = {}
    try:
        if new == "inga_synpunkter":
            versions.inga_synpunkter(session, now=now(), principal=principal(), remiss=remiss)
        elif new == DraftState.expedierad:
            done = dispatch.expediera(session, now=now(), principal=principal(), remiss=remiss,
                                      files_dir=current_app.config["FILES_DIR"], comment=comment,
                                      archive_pdf=current_app.config.get("ARCHIVE_SENT_PDF", True))
            result = {"remiss_status": remiss.status, "status_note": done.status_note,
                      "documents": [d.id for d in done.documents], "mailed_to": done.mailed_to,
                      "copies": list(done.copies)}
        else:
            states.change_state(session, now=now(), principal=principal(), remiss=remiss, new=new,
                                comment=comment, unanswered=body.unanswered)
    except states.AlreadyInState as exc:  # a repeated request: nothing changes, and it is no error
        session.rollback()
        result = {"status_note": str(exc)}
    except (drafts.DraftError, RenderError) as exc:
        session.rollback()
        return error_response(409, str(exc), field="state")
    return jsonify(dict(draft_summary(session, remiss), **result))


OUTGOING_NO_YTTRANDE = ("Remissen är utgående: vi är remittenten och skriver inget yttrande. Svaren och "
                        "sammanställningen finns i sandlista_status och sammanstallning.")


def _draft_step(remiss_id: int, action: Action | str, verb, values):
    """Do verb on the yttrande with values(body) read from the request's body (409 when the draft's state refuses
    it); answer with the yttrande after. action: an Action, or an act of auth.access.BORROWED_ACTS ("beslut"), so
    that a refusal names that act as the page's does (walk28 Z9: "… kan du inte granska och godkänna yttranden")."""
    session = get_session()
    if isinstance(action, Action):
        remiss = load_remiss(session, principal(), remiss_id, action)
    else:
        remiss = load_remiss(session, principal(), remiss_id, act=action)
    if remiss.direction == "utgaende":  # walk12b #9: we are the remittent; nothing to answer
        return error_response(409, OUTGOING_NO_YTTRANDE, field="remiss")
    body = request_body()
    try:
        verb(session, now=now(), principal=principal(), remiss=remiss, **values(body))
    except drafts.DraftError as exc:
        session.rollback()
        return error_response(409, str(exc), field="state")
    return jsonify(draft_summary(session, remiss))


@api.post("/remisser/<int:remiss_id>/yttrande/rattelse")
@operation("Börja en rättelse av det expedierade yttrandet", body=RattelseStart, responses={200: YttrandePublic},
           errors=(400, 401, 403, 404, 409), tag="yttrande")
def start_rattelse(remiss_id: int):
    """Start a rättelse: {comment} says what is wrong (409 unless the yttrande is expedierat). The sent version,
    documents and beslut stay; the rättelse is saved, reviewed, decided and expedierad on its own."""
    return _draft_step(remiss_id, "rattelse", rattelse.start_rattelse, lambda body: {"comment": body.comment})


@api.post("/remisser/<int:remiss_id>/yttrande/beslut")
@operation("Registrera nämndens beslut om yttrandet", body=DecisionRecord, responses={200: YttrandePublic},
           errors=(400, 401, 403, 404, 409), tag="yttrande")
def record_decision(remiss_id: int):
    """Record the beslut: {decided_by, meeting_on, paragraf, delegat?, omedelbar_justering?, justerad_on?,
    confirm_meeting? (a date without such a meeting in the sammanträdesplan is refused without it)}."""
    return _draft_step(remiss_id, "beslut", decisions.record_decision,
                       lambda body: forms.decision_from(body.model_dump()))


@api.post("/remisser/<int:remiss_id>/yttrande/justering")
@operation("Registrera att protokollet är justerat", body=JusteringRecord, responses={200: YttrandePublic},
           errors=(400, 401, 403, 404, 409), tag="yttrande")
def record_justering(remiss_id: int):
    """Record the day the protokoll was justerat: {justerad_on}."""
    return _draft_step(remiss_id, "justering", decisions.record_justering,
                       lambda body: forms.justering_from(body.model_dump()))


@api.post("/remisser/<int:remiss_id>/yttrande/skickat")
@operation("Registrera att yttrandet är skickat per post eller på annat sätt", body=SentByHand,
           responses={200: YttrandePublic}, errors=(400, 401, 403, 404, 409), tag="yttrande")
def record_sent(remiss_id: int):
    """A remiss without an answer address: its expedierat yttrande was sent {way} on {sent_on}; the remiss becomes
    besvarad (409 unless sent_by_hand_pending)."""
    return _draft_step(remiss_id, "sent", sent_by_hand.record_sent,
                       lambda body: {"sent_on": body.sent_on, "way": body.way})


@api.post("/remisser/<int:remiss_id>/yttrande/skicka-nu")
@operation("E-posta det expedierade yttrandet till svarsadressen som lades till efteråt", body=MailNow,
           responses={200: YttrandePublic}, errors=(400, 401, 403, 404, 409), tag="yttrande")
def mail_now(remiss_id: int):
    """An expedierat yttrande not sent for want of a svarsadress, which was added since: its mail is queued as
    Expediera queues it, and the remiss is besvarad once it has left (409 unless mail_now_to)."""
    return _draft_step(remiss_id, "expediera", sent_by_hand.mail_now, lambda body: {})


@api.get("/remisser/<int:remiss_id>/documents/<kind>.docx")
@operation("Hämta tjänsteskrivelsen eller yttrandet som Word", responses={200: None}, media_type=generate.DOCX,
           path={"kind": {"enum": list(generate.KIND_NAMES)}}, errors=(400, 401, 403, 404, 409, 422), tag="yttrande")
def document(remiss_id: int, kind: str):
    try:
        remiss, data = document_bytes(remiss_id, kind)
    except generate.OutgoingRemiss:  # the web's rule (generate.check_kind), in the API's words
        return error_response(409, OUTGOING_NO_YTTRANDE, field="remiss")
    except drafts.DraftError as exc:
        return error_response(404, str(exc))
    except RenderError as exc:
        return error_response(422, str(exc))
    return download_file(data, generate.filename_of(remiss, kind), generate.DOCX)


bp.register_blueprint(api)
