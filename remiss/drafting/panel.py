"""Display-ready values for the Yttrande panel of the remiss page and the edit page."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.auth.access import Action, Principal, may_take_rattelse_step, rattelse_step_doers
from remiss.auth.models import User
from remiss.calendar.milestones import NO_MEETING_LABEL
from remiss.calendar.swedish import format_date, format_date_time, format_weekday_date
from remiss.clock import local_today
from remiss.documents.pdf import soffice_path
from remiss.documents.markup import blocks
from remiss.drafting import decision as decisions
from remiss.drafting import decision_base
from remiss.drafting import content as sections
from remiss.drafting import (context, forms, generate, mail_state, mailing, sent_by_hand, sent_title,
    signatures)
from remiss.drafting.states import reopen_refusal, without_question_refusal
from remiss.drafting.drafts import content_of, decision_of, decisions_of
from remiss.drafting.rattelse import rattelse_name
from remiss.drafting.versions import needs_handlaggare as needs_handlaggare_text
from remiss.drafting.next_step import delegated_words, next_step
from remiss.drafting.models import (Consultation, DecidedBy, Decision, DraftState, DraftVersion, GeneratedDocument,
                                    YttrandeDraft)
from remiss.planning.models import Milestone
from remiss.reminders.queued import down_since
from remiss.remisser import finished
from remiss.remisser.models import Attachment, Remiss
from remiss.namnd.models import DocumentTemplate, Namnd
from remiss.drafting.namnd_templates import KINDS
from remiss.remisser.models import Direction
from remiss.remisser.kind_words import noun_of

# The documents an incoming remiss's yttrande has (the missiv and the sammanställning are an utgående remiss's).
INCOMING_KINDS = ("tjansteskrivelse", "yttrande")

_D = YttrandeDraft.__table__.c
_V = DraftVersion.__table__.c
_U = User.__table__.c
_G = GeneratedDocument.__table__.c
_T = DocumentTemplate.__table__.c
_C = Consultation.__table__.c
_REMISS_ID = bindparam("remiss_id")
# Built once and read as rows (the panel only shows them): the draft with its newest version's content,
_DRAFT = (select(_D.id, _D.state, _D.review_comment, _D.frozen_version_id, _D.rattelse, _D.corrects_version_id,
                 _V.id.label("version_id"), _V.number, _V.content)
          .outerjoin(DraftVersion.__table__, _V.draft_id == _D.id).where(_D.remiss_id == _REMISS_ID)
          .order_by(_V.number.desc()).limit(1))
# every version with its author's name but without its content,
_VERSIONS = (select(_V.id, _V.number, _V.created_at, _V.comment, _U.name.label("author"), _V.author_id)
             .outerjoin(User.__table__, _U.id == _V.author_id).where(_V.draft_id == bindparam("draft_id"))
             .order_by(_V.number.desc()))
# the documents stored when the yttrande (and each rättelse) was expedierat (newest first),
_FROZEN = (select(_G.id, _G.kind, _G.created_at, _G.size, _G.draft_version_id, _G.template_id, _V.number,
                  _G.created_by_id)
           .outerjoin(DraftVersion.__table__, _V.id == _G.draft_version_id)
           .where(_G.remiss_id == _REMISS_ID, _G.frozen).order_by(_G.id.desc()))
# (filename, version) of the nämnd's active templates of each kind, without the files: the newest wins,
_TEMPLATES = (select(_T.kind, _T.filename, _T.version).where(_T.namnd_id == bindparam("namnd_id"), _T.active)
              .order_by(_T.version))
# and the samråd.
# a template by id, for the documents that were sent in it,
_TEMPLATE_BY_ID = select(_T.filename, _T.version).where(_T.id == bindparam("template_id"))
_CONSULTATIONS = (select(_C.id, _C.party, _C.consulted_on, _C.note).where(_C.remiss_id == _REMISS_ID)
                  .order_by(_C.consulted_on, _C.id))


RATTELSE_LEAD = "Rättelsen av det expedierade yttrandet"
# Each step of a rättelse in work (auth.access.RATTELSE_STEP_ACTIONS) for one who takes it,
_RATTELSE_STEPS = {
    "utkast": "skriv den rättade texten och skicka den till granskning.",
    "granskning": "granska och godkänn rättelsen.",
    "beslut": "registrera beslutet om rättelsen (nämnden eller delegationsbeslut), sedan expediera den.",
    "justering": "registrera justeringen av beslutet om rättelsen, sedan expediera den.",
    "expediera": "expediera den.",
}
# and what waits, for one whose role cannot take it (truth35 #1), followed by who does it.
_RATTELSE_WAITS = {
    "utkast": "väntar på att den rättade texten skrivs och skickas till granskning",
    "granskning": "är skickad till granskning och väntar på att godkännas",
    "beslut": "är godkänd och väntar på att beslutet om den registreras och att den expedieras",
    "justering": "är beslutad och väntar på att justeringen av beslutet registreras och att rättelsen expedieras",
    "expediera": "är beslutad och väntar på att expedieras",
}


def _rattelse_doers(principal: Principal, remiss, state: DraftState, decision: Decision | None, today) -> str:
    """Who takes the rättelse's step, when the principal's role cannot (auth.access); "" when it can."""
    step = rattelse_step_key(state, decision=decision, today=today)
    return "" if may_take_rattelse_step(principal, remiss.namnd_id, step) else rattelse_step_doers(step)


def rattelse_step_key(state: DraftState, *, decision: Decision | None, today) -> str:
    """The step left of a rättelse in work: write it, review it, register its beslut or the beslut's justering, or
    expediera it (the keys of auth.access.RATTELSE_STEP_ACTIONS)."""
    if state == DraftState.granskning:
        return "granskning"
    if state == DraftState.godkand:
        if decision is None:
            return "beslut"
        return "justering" if decision.needs_justering and not decision.justerad_by(today) else "expediera"
    return "utkast"


def rattelse_step(state: DraftState, *, decision: Decision | None, today, who: str = "") -> str:
    """Nästa steg of a rättelse in work: the step to take; who (those who take it, auth.access.rattelse_step_doers):
    for one whose role cannot take it, what waits and who does it."""
    step = rattelse_step_key(state, decision=decision, today=today)
    if who:
        return f"{RATTELSE_LEAD} {_RATTELSE_WAITS[step]}: det gör {who}."
    return f"{RATTELSE_LEAD}: {_RATTELSE_STEPS[step]}"


def form_context(session: Session, remiss, content: dict, values: dict | None = None) -> dict:
    """Return what the draft form shows: one textarea per question or free sections; a rättelse's tjänsteskrivelse
    fields as they propose the rättelse (context.as_proposed)."""
    values = forms.values_of(context.as_proposed(session, remiss, content)) if values is None else values
    questions = [item["fraga"] for item in content.get("svar", [])]
    # beside the questions, only the sections there are: an answer whose question is gone ("Svar utan fråga")
    slots = forms.section_slots(values, extra=0 if questions else forms.EXTRA_SECTION_SLOTS)
    return {"values": values, "questions": questions, "has_sections": not questions or slots > 0,
            "question_ids": [item.get("question_id") for item in content.get("svar", [])],
            "section_slots": range(1, slots + 1)}


def _decision_display(session: Session, decision: Decision | None, today) -> dict | None:
    if decision is None:
        return None
    by = DecidedBy(decision.decided_by).label + (f": {decision.delegat}" if decision.delegat else "")
    if not decision.needs_justering:
        justering = "Justeras inte: delegationsbeslutet anmäls till nämnden"
    elif decision.omedelbar_justering:
        justering = "Omedelbart justerad"
    elif decision.justerad_on:
        justering = f"Justerad {format_weekday_date(decision.justerad_on)}"
    else:
        justering = "Inte justerad ännu"
    utdrag = session.get(Attachment, decision.protokollsutdrag_id) if decision.protokollsutdrag_id else None
    recorder = session.get(User, decision.recorded_by_id) if decision.recorded_by_id else None
    return {"by": by, "meeting": format_weekday_date(decision.meeting_on), "paragraf": decision.paragraf,
            # a delegationsbeslut has a date and perhaps a number, but no sammanträde
            "meeting_label": "Sammanträde" if decision.needs_justering else "Beslutsdatum",
            "justering": justering, "justerad": decision.justerad_by(today),
            "utdrag": {"id": utdrag.id, "filename": utdrag.filename} if utdrag else None,
            "recorded": f"{recorder.name if recorder else 'systemet'}, {format_date_time(decision.recorded_at)}"}


def _sent(frozen_rows, decided: list[Decision], mails: list = (), down: datetime | None = None) -> list[dict]:
    """Each expediering, the first first: the yttrande, then each rättelse, with its version, its beslut and what
    became of its mail (mail_state: waiting in the Utkorg until a sweep sends it, walk18 F2).

    Each round is expedierat once, so the versions with frozen documents, in the order they were frozen, are
    the yttrande and its rättelser in turn."""
    rounds: dict[int, dict] = {}
    for row in sorted(frozen_rows, key=lambda r: r.id):
        if row.draft_version_id in rounds:
            continue
        n = len(rounds)
        decision = next((d for d in decided if d.rattelse == n), None)
        what = rattelse_name(n).capitalize() if n else "Yttrandet"
        mail = next((m for m in mails if mail_state.version_of(m) == row.draft_version_id), None)
        rounds[row.draft_version_id] = {
            # agreeing with what: "Yttrandet … expedierat", "Rättelse 2 … expedierad" (walk21 J9)
            "what": what, "expedierad": "expedierad" if n else "expedierat", "version": row.number,
            "mail": mail_state.words(mail, what, neuter=not n, down=down) if mail else "",
            "waiting": mail is not None and mail.status in mail_state.WAITING,
            "at": format_date_time(row.created_at),
            "beslut": decisions.decision_reference(decision) if decision else "inget beslut registrerat"}
    return list(rounds.values())


SENT_IN = "{template}; låst som det expedierades"


def template_labels(run, templates: dict, frozen_rows, sent_version_id: int | None) -> dict[str, str]:
    """The template each kind's link names: the nämnd's active one, or the Standardmall; but once expedierat, the
    template the sent document was made in, since that document is what the link serves (walk13b finding 1)."""
    labels = {kind: f"{templates[kind][0]} (version {templates[kind][1]})" if kind in templates else "Standardmall"
              for kind in KINDS}
    done = set()
    for row in frozen_rows:  # newest first: the document generate.reusable serves
        if (sent_version_id is None or row.draft_version_id != sent_version_id or row.kind in done
                or row.kind not in labels):
            continue
        done.add(row.kind)
        used = run(_TEMPLATE_BY_ID, {"template_id": row.template_id}).first() if row.template_id else None
        labels[row.kind] = SENT_IN.format(template=f"{used.filename} (version {used.version})" if used
                                          else "Standardmall")
    return labels


def decision_form_values(session: Session, remiss, decision: Decision | None, rattelse: int = 0,
                         today=None) -> dict:
    """What the beslut form shows before anything is typed: the decision so far, else the planned nämnd meeting
    once it has been held (a meeting still ahead is only named in the hint: the form refuses a future date). When
    the tidplan plans omedelbar justering the hint of "justerades omedelbart" says so; the box is not ticked, so a
    justering date typed in is not refused over a choice the user never made (walk9 finding 7). For a rättelse
    nothing: its beslut is a new one, not the yttrande's meeting again."""
    if decision is None and rattelse:
        return {"decided_by": "namnd", "meeting_on": ""}
    if decision is not None:
        return {"decided_by": decision.decided_by, "delegat": decision.delegat, "paragraf": decision.paragraf,
                "meeting_on": decision.meeting_on.isoformat(),
                "omedelbar_justering": "1" if decision.omedelbar_justering else "",
                "justerad_on": decision.justerad_on.isoformat() if decision.justerad_on else ""}
    rows = session.execute(select(Milestone.kind, Milestone.due_on, Milestone.label).where(
        Milestone.remiss_id == remiss.id, Milestone.kind.in_(("namnd", "justering")))).all()
    planned = {kind: due for kind, due, label in rows
               # "Beslut (inget sammanträde)" is the latest day for a beslut, no meeting to prefill (walk26b X2)
               if not (kind == "namnd" and label == NO_MEETING_LABEL)}
    meeting = planned.get("namnd")
    values = {"decided_by": "namnd", "meeting_on": "", "omedelbar_justering": ""}
    if meeting is not None and planned.get("justering") == meeting:
        values["justering_hint"] = (f"Tidplanen planerar omedelbar justering vid sammanträdet "
                                    f"{format_weekday_date(meeting)}. Kryssa i rutan om paragrafen justerades "
                                    "omedelbart; annars ange dagen protokollet justerades, eller registrera "
                                    "justeringen senare.")
    if meeting is None:
        return values | {"no_meeting": "1"}
    if today is None or meeting <= today:
        # tidplan_meeting_on: the hint says "Förifyllt" only while the box holds this date (walk10 finding 9)
        values["meeting_on"] = values["tidplan_meeting_on"] = meeting.isoformat()
    else:
        values["meeting_hint"] = (f"Tidplanen planerar beslutet vid sammanträdet {format_weekday_date(meeting)}. "
                                  "Fyll i datumet när nämnden har beslutat.")
    return values


def self_approved(session: Session, draft_id: int, versions) -> str:
    """"Godkänt av samma person som skrev det" when the approved version's author approved it (walk11 finding 5):
    allowed to a registrator or granskare who writes, but the reader should see it was not reviewed by another."""
    from remiss.audit.models import AuditEvent
    from remiss.planning.approval import _TO_GODKAND

    approver = session.connection().execute(select(AuditEvent.user_id).where(
        AuditEvent.entity == "yttrande_draft", AuditEvent.entity_id == draft_id, AuditEvent.action == "state",
        AuditEvent.changes.like(_TO_GODKAND)).order_by(AuditEvent.id.desc()).limit(1)).scalar()
    # names filled in after the approval (signatures.fill) are not the text that was approved
    written = next((v for v in versions if v.comment != signatures.COMMENT), None)
    if written is None or approver is None or written.author_id != approver:
        return ""
    return f"Godkänt av samma person som skrev det ({written.author or 'okänd'})."


def panel_context(session: Session, principal: Principal, remiss, now) -> dict:
    """Return the Yttrande panel: state, form, versions, samråd, documents and allowed actions."""
    if remiss.direction == Direction.utgaende:
        return None  # we send outgoing remisser; others write the yttrande
    run = session.connection().execute
    # The draft's columns with number and content of its newest version (both None before the first save).
    draft = run(_DRAFT, {"remiss_id": remiss.id}).first()
    content = content_of(session, remiss, draft.content if draft else None)
    state = DraftState(draft.state) if draft else DraftState.utkast
    # a finished remiss takes no more work, bar the rättelse of its expedierat yttrande (remisser.finished)
    open_work = not finished.is_finished(remiss, correcting=bool(draft and (draft.rattelse
                                                                            or state == DraftState.expedierad)))
    may_edit = principal.may(Action.edit, remiss.namnd_id) and open_work
    # a yttrande is started on an assigned remiss only (drafting.versions.require_handlaggare)
    needs_handlaggare = may_edit and draft is None and remiss.handlaggare_id is None
    may_edit = may_edit and not needs_handlaggare
    may_review = principal.may(Action.review, remiss.namnd_id) and open_work
    versions = run(_VERSIONS, {"draft_id": draft.id}).all() if draft else []
    templates = {kind: (filename, version) for kind, filename, version
                 in run(_TEMPLATES, {"namnd_id": remiss.namnd_id})}
    rattelse = draft.rattelse if draft else 0
    decision = decision_of(session, remiss.id, rattelse) if draft else None
    today = local_today(now)
    frozen = run(_FROZEN, {"remiss_id": remiss.id}).all()
    unanswered = sections.unanswered_text(content) if draft is not None else ""
    unsigned = signatures.missing(content, decision) if state == DraftState.godkand else []
    signed_by = (signatures.signed_by(content, decision, "Rättelsen" if rattelse else "Yttrandet")
                 if state == DraftState.godkand else "")
    send_pending = sent_by_hand.pending(remiss, state, rattelse)
    down = down_since(session)  # mail cannot be sent now (an outage the sweeps recorded): said, not "inom minuter"
    sent = (_sent(frozen, decisions_of(session, remiss.id), mail_state.mails_of(session, remiss.id), down)
            if frozen else [])
    waiting = next((e["mail"] for e in sent if e["waiting"]), "")
    sent_ids = {row.draft_version_id for row in frozen}
    # the main links serve what was sent while the yttrande stays expedierat (generate.reusable)
    labels = template_labels(run, templates, frozen, draft.frozen_version_id
                             if draft and state == DraftState.expedierad else None)
    return {
        "rattelse": rattelse, "rattelse_name": rattelse_name(rattelse),
        # the sent version a rättelse corrects; until the rättelse is saved the newest version is that one, so the
        # panel says a new version is being written, not "version 1" (walk17 F17)
        "corrected_version": next((v.number for v in versions if rattelse and v.id == draft.corrects_version_id),
                                  None),
        "rattelse_unsaved": bool(rattelse and draft.version_id == draft.corrects_version_id),
        # a rättelse in work is the next step of a besvarad remiss (remisser.views shows a panel's next_step);
        # otherwise the yttrande's state may say more than the remiss's status (in granskning, sent back)
        "next_step": (rattelse_step(state, decision=decision, today=today,
                                    who=_rattelse_doers(principal, remiss, state, decision, today))
                      if rattelse and state != DraftState.expedierad else
                      next_step(remiss.status, state, returned=bool(draft and draft.review_comment),
                                may_review=may_review, justerad=decision is not None and decision.justerad_by(today),
                                by_hand_to=None if remiss.answer_email else " ".join(remiss.answer_address.split()),
                                delegated=delegated_words(decision), decided=decision is not None,
                                kind=remiss.kind, answer_email=remiss.answer_email.strip())) or waiting,
        "sent": sent,
        # the ärendemening changed after the newest expediering: the documents keep the old one (sent_title)
        "sent_title_note": sent_title.latest_note(session, remiss, frozen, sent[-1]["what"]) if sent else "",
        # a rättelse corrects what the remittent has: not before the yttrande is sent (sent_by_hand)
        "may_rattelse": may_review and state == DraftState.expedierad and not send_pending,
        "send_pending": send_pending,
        "may_record_sent": may_review and send_pending,
        # a svarsadress added since the expediering: e-mail it now (walk26b X10)
        "mail_question": sent_by_hand.mail_question(remiss, state, rattelse) if may_review else "",
        "sent_ways": list(sent_by_hand.WAYS.items()),
        "sent_values": {"sent_on": today.isoformat(), "way": "post"},
        "decision": _decision_display(session, decision, today),
        "decided_by_choices": [(d.value, d.label) for d in DecidedBy],
        "decision_values": decision_form_values(session, remiss, decision, rattelse, today),
        "decision_base": decision_base.token(decision),  # the beslut the forms show (a stale form's base)
        "may_decide": may_review and state == DraftState.godkand,
        "may_justera": (may_review and state == DraftState.godkand and decision is not None
                        and not decision.justerad_by(today)),
        "expediera_refusal": decisions.expediering_refusal(decision, today),
        "state": state.value, "state_label": state.label, "saved": draft is not None,
        "self_approved": self_approved(session, draft.id, versions) if state == DraftState.godkand else "",
        "review_comment": draft.review_comment if draft else "",
        "version": draft.number if draft else None,
        "inga_synpunkter": bool(content.get("inga_synpunkter")),
        # the draft already is what the button makes: not offered again (walk33)
        "inga_synpunkter_made": draft is not None and sections.is_inga_synpunkter(
            content, session.get(Namnd, remiss.namnd_id).name, noun_of(remiss.kind).the),
        # own text ends the mode when saved (content.settle_inga_synpunkter): the form says so first
        "inga_synpunkter_hint": sections.INGA_SYNPUNKTER_HINT if content.get("inga_synpunkter") else "",
        # frågeställningar without an answer: sending and approving ask first (states.check_unanswered)
        "unanswered": unanswered,
        "no_comments_answer": sections.NO_COMMENTS_ON_QUESTION.format(
            namnd=session.get(Namnd, remiss.namnd_id).name) if unanswered else "",
        # the draft as it reads now, for those who review it or may no longer change it: no Word needed
        # in blocks of paragraphs and lists with **fet** and *kursiv*, by the rules the .docx follows
        "reading": [(heading, blocks(text)) for heading, text in sections.readable_sections(content, remiss.kind)]
        if draft is not None else [],
        "may_edit": may_edit and state == DraftState.utkast,
        "needs_handlaggare": needs_handlaggare_text(remiss.kind) if needs_handlaggare else "",
        # a rättelse goes to granskning once it changes the sent text
        "may_submit": (may_edit and state == DraftState.utkast and draft is not None
                       and not (rattelse and draft.version_id == draft.corrects_version_id)),
        # an answer whose question was removed ("Svar utan fråga") stops the draft until moved (walk18 F10)
        "without_question": without_question_refusal(content, DraftState.granskning if state == DraftState.utkast
                                                     else DraftState.godkand) if draft is not None else "",
        # a rubrik without text: refused at granskning (states.change_state), said before (walk20 H10)
        "without_text": sections.without_text(content) if draft is not None else "",
        "may_review": may_review and state == DraftState.granskning,
        # expedierat: a rättelse instead; decided: the text is the beslut's (states.reopen_refusal)
        "may_reopen": may_review and state == DraftState.godkand and decision is None,
        "reopen_refusal": reopen_refusal(decision) if may_review and state == DraftState.godkand else "",
        "may_expediera": may_review and state == DraftState.godkand,
        "expediera_confirm": " ".join(filter(None, (mailing.expediera_confirmation(remiss, rattelse, down=down),
                                                    signatures.warning(unsigned)))),
        # the names under the yttrande, missing: warned and filled in before expediering (walk16 finding 12); set,
        # shown and still changeable until expediering (walk20 H9); a delegationsbeslut is signed by its delegat
        "unsigned_warning": signatures.warning(unsigned),
        "signed_by": signed_by,  # in the Expediera question too (templates/drafting/_panel.html)
        "may_sign": decision is None or decision.decided_by != DecidedBy.delegat,
        "signature_values": {key: content.get(key, "") for key in signatures.FIELDS},
        "signatures_base": signatures.token(content),  # the names the form shows (a stale form's base)
        "versions": [{"number": v.number, "author": v.author or "okänd", "at": format_date_time(v.created_at),
                      "comment": v.comment, "frozen": v.id in sent_ids,
                      "sent": _sent_by(session, frozen, v.id, remiss)} for v in versions],
        "consultations": [{"id": c.id, "party": c.party, "on": format_date(c.consulted_on) if c.consulted_on else "", "note": c.note}
                          for c in run(_CONSULTATIONS, {"remiss_id": remiss.id})],
        "frozen_documents": [{"id": d.id, "kind": f"{generate.KIND_NAMES[d.kind]}, version {d.number}",
                              "at": format_date_time(d.created_at),
                              "size": d.size}
                             for d in frozen if d.kind in KINDS],
        # an incoming remiss's own documents: the missiv and the sammanställning are an utgående remiss's (walk16 #7)
        "kinds": [(kind, label, labels[kind]) for kind, label in KINDS.items()
                  if remiss.direction != Direction.inkommande or kind in INCOMING_KINDS],
        "pdf_available": soffice_path() is not None,
        **form_context(session, remiss, content),
    }


def _sent_by(session: Session, frozen, version_id: int, remiss: Remiss) -> str:
    """"Expedierad 25 september 2015 kl. 11.00 av Nina Registrator, diarienummer …" for a sent version, beside
    its author's own comment (walk16 #8: the comment was replaced and the row read as the author's doing)."""
    row = next((d for d in frozen if d.draft_version_id == version_id and d.kind == "yttrande"), None)
    if row is None:
        return ""
    who = session.get(User, row.created_by_id) if row.created_by_id else None
    return (f"Expedierad {format_date_time(row.created_at)}" + (f" av {who.name}" if who else "")
            + (f", diarienummer {remiss.our_dnr}" if remiss.our_dnr else ""))
