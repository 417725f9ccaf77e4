"""Draft the yttrande: save versions, 'inga synpunkter', review states, samråd, and the nämnd's beslut."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import bindparam
from sqlmodel import Session, select

from remiss import events
from remiss.clock import local_today
from remiss.db import read_once
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.documents.fields import svenskt_datum
from remiss.drafting import content as sections
from remiss.drafting.models import Consultation, Decision, DecidedBy, DraftState, DraftVersion, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.remisser import attachments, page
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus, TRANSITIONS

S = DraftState
# (from, to) -> the action needed; going back to utkast always needs a comment.
STATE_MOVES: dict[tuple[DraftState, DraftState], Action] = {
    (S.utkast, S.granskning): Action.edit,
    (S.granskning, S.godkand): Action.review,
    (S.granskning, S.utkast): Action.review,
    (S.godkand, S.utkast): Action.review,
    (S.godkand, S.expedierad): Action.review,
    (S.expedierad, S.utkast): Action.review,
}


class DraftError(ValueError):
    """A draft action that is refused, with a Swedish message."""


def find_draft(session: Session, remiss_id: int) -> YttrandeDraft | None:
    return session.exec(select(YttrandeDraft).where(YttrandeDraft.remiss_id == remiss_id)).first()


def versions_of(session: Session, draft_id: int) -> list[DraftVersion]:
    """Return the versions of a draft, newest first."""
    return list(session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft_id)
                             .order_by(DraftVersion.number.desc())))


def version_by_number(session: Session, draft_id: int, number: int) -> DraftVersion | None:
    return session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft_id,
                                                   DraftVersion.number == number)).first()


def latest_version(session: Session, draft: YttrandeDraft | None) -> DraftVersion | None:
    if draft is None:
        return None
    return session.exec(select(DraftVersion).where(DraftVersion.draft_id == draft.id)
                        .order_by(DraftVersion.number.desc()).limit(1)).first()


def _questions(session: Session, remiss: Remiss) -> list[tuple[int, str]]:
    return [(q.id, q.text) for q in page.questions(session, remiss.id)]


_V = DraftVersion.__table__.c
_D = YttrandeDraft.__table__.c
_R = Remiss.__table__.c
_N = Namnd.__table__.c
# Built once: a remiss without a draft reads them on every view of its page.
_SIGNATURES_BEFORE = (select(_V.content).select_from(DraftVersion.__table__)
                      .join(YttrandeDraft.__table__, _V.draft_id == _D.id).join(Remiss.__table__, _D.remiss_id == _R.id)
                      .where(_R.namnd_id == bindparam("namnd_id"), _R.id != bindparam("remiss_id"))
                      .order_by(_V.id.desc()).limit(1))
_NAMND_NAME = select(_N.name).where(_N.id == bindparam("namnd_id"))


def _signatures_used_before(session: Session, remiss: Remiss) -> dict:
    """Return the signatures of the nämnd's most recent other draft, to prefill a new one."""
    content = session.connection().execute(_SIGNATURES_BEFORE, {"namnd_id": remiss.namnd_id,
                                                                "remiss_id": remiss.id}).scalar()
    if content is None:
        return {}
    old = json.loads(content)
    return {k: old.get(k, "") for k in ("ordforande", "forvaltningschef", "forvaltningschef_titel")}


def deadline_text(remiss: Remiss) -> str:
    day, at = remiss.effective_deadline_on, remiss.effective_deadline_time
    if day is None:
        return ""
    return svenskt_datum(day) + (f" kl. {at.strftime('%H.%M')}" if at else "")


def defaults_for(session: Session, remiss: Remiss) -> sections.Defaults:
    namnd = read_once(session, ("namnd_name", remiss.namnd_id), lambda: session.connection().execute(
        _NAMND_NAME, {"namnd_id": remiss.namnd_id}).scalar_one())
    handlingar = [Path(a.filename).stem for a in page.attachments(session, remiss.id) if a.purpose == "remisshandling"]
    return sections.Defaults(namnd=namnd, remittent=remiss.remittent, title=remiss.title,
                             questions=_questions(session, remiss), handlingar=handlingar,
                             deadline=deadline_text(remiss), instructions=remiss.answer_instructions,
                             missiv=remiss.missiv_text,
                             **_signatures_used_before(session, remiss))


def content_of(session: Session, remiss: Remiss, version_content: str | None) -> dict:
    """The sections of the latest version's stored content (None: nothing saved, prefilled)."""
    if version_content is None:
        return sections.initial_content(defaults_for(session, remiss))
    return sections.align_questions(json.loads(version_content), _questions(session, remiss))


def current_content(session: Session, remiss: Remiss) -> tuple[YttrandeDraft | None, DraftVersion | None, dict]:
    """Return the draft, its latest version and its sections (prefilled when nothing is saved)."""
    draft = find_draft(session, remiss.id)
    version = latest_version(session, draft)
    return draft, version, content_of(session, remiss, version.content if version else None)


def _editable(draft: YttrandeDraft | None) -> None:
    if draft is not None and draft.state != S.utkast:
        raise DraftError(f"Utkastet har status ”{DraftState(draft.state).label}” och kan inte ändras. "
                         "Det måste först skickas tillbaka till utkast.")


def save(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, raw: dict,
         base_version: int | None = None, comment: str = "") -> DraftVersion | None:
    """Save the sections in raw as a new version; None when nothing changed."""
    require(principal, Action.edit, remiss.namnd_id)
    draft, latest, content = current_content(session, remiss)
    _editable(draft)
    if latest is not None and base_version is not None and base_version != latest.number:
        raise InputErrors({"base_version": f"Utkastet har sparats i en nyare version ({latest.number}) sedan du "
                                           f"öppnade det (version {base_version}). Jämför versionerna och gör om ändringen."})
    new_content = sections.validate(raw, content)
    if latest is not None and new_content == json.loads(latest.content):
        return None
    return _add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                        content=new_content, comment=comment)


def _add_version(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 draft: YttrandeDraft | None, content: dict, comment: str) -> DraftVersion:
    if draft is None:
        draft = YttrandeDraft(remiss_id=remiss.id, state=S.utkast, updated_at=now)
        session.add(draft)
        session.flush()
        if remiss.status == RemissStatus.tilldelad:
            remisser.change_status(session, now=now, principal=principal, remiss=remiss,
                                   new=RemissStatus.under_beredning, note="Yttrandet påbörjat")
    latest = latest_version(session, draft)
    version = DraftVersion(draft_id=draft.id, number=(latest.number + 1) if latest else 1,
                           author_id=principal.user_id, created_at=now, comment=comment[:500],
                           content=json.dumps(content, ensure_ascii=False, sort_keys=True))
    draft.updated_at = now
    session.add_all([draft, version])
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="save", changes={"version": [latest.number if latest else None,
                                                                           version.number]}, note=comment)
    return version


def inga_synpunkter(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> DraftVersion:
    """Turn the draft into a short yttrande saying the nämnd has no comments."""
    require(principal, Action.edit, remiss.namnd_id)
    draft, _, content = current_content(session, remiss)
    _editable(draft)
    namnd = session.get(Namnd, remiss.namnd_id)
    return _add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                        content=sections.inga_synpunkter_content(content, namnd.name), comment="Inga synpunkter")


def parse_state(value) -> DraftState:
    """Return value as a draft state, or raise DraftError naming it."""
    try:
        return DraftState(value)
    except (ValueError, TypeError):
        raise DraftError(f"Okänt läge för yttrandet: {value}.") from None


def change_state(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 new: DraftState | str, comment: str = "") -> YttrandeDraft:
    """Move the draft between utkast, granskning and godkänd (expediering: see dispatch)."""
    new = parse_state(new)
    draft = find_draft(session, remiss.id)
    if draft is None:
        raise DraftError("Spara utkastet innan det skickas vidare.")
    old = DraftState(draft.state)
    action = STATE_MOVES.get((old, new))
    if action is None:
        raise DraftError(f"Yttrandet kan inte gå från ”{old.label}” till ”{new.label}”.")
    require(principal, action, remiss.namnd_id)
    latest = latest_version(session, draft)
    if new == S.expedierad and (latest is None or draft.frozen_version_id != latest.id):
        raise DraftError("Yttrandet expedieras med knappen Expediera, som också sparar de skickade handlingarna.")
    comment = comment.strip()[:2000]
    if new == S.utkast and not comment:
        raise InputErrors({"comment": "Skriv en kommentar om vad som ska ändras."})
    draft.state = new.value
    draft.review_comment = comment if new == S.utkast else ("" if new == S.granskning else draft.review_comment)
    draft.updated_at = now
    session.add(draft)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="state", changes={"state": [old.value, new.value]}, note=comment)
    events.draft_state_changed.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                    old=old, new=new, comment=comment)
    if new == S.godkand and find_decision(session, remiss.id) is None:  # decided already: stays beslutad
        _move_remiss(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.klar_for_beslut,
                     note="Yttrandet godkänt")
    return draft


def _move_remiss(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 new: RemissStatus, note: str) -> bool:
    """Move the remiss along when the status table allows it; return whether it moved."""
    if new not in TRANSITIONS[RemissStatus(remiss.status)]:
        return False
    remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=new, note=note)
    return True


def consultations_of(session: Session, remiss_id: int) -> list[Consultation]:
    return list(session.exec(select(Consultation).where(Consultation.remiss_id == remiss_id)
                             .order_by(Consultation.consulted_on, Consultation.id)))


def add_consultation(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, party: str,
                     consulted_on: date | None, note: str = "") -> Consultation:
    """Record that a party (pensionärsråd, ungdomsråd, förvaltning) was consulted."""
    require(principal, Action.edit, remiss.namnd_id)
    party = party.strip()
    if not party:
        raise InputErrors({"party": "Ange vem som har tillfrågats."})
    if len(party) > 200:
        raise InputErrors({"party": "Högst 200 tecken."})
    row = Consultation(remiss_id=remiss.id, party=party, consulted_on=consulted_on, note=note.strip()[:5000])
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="consultation", entity_id=row.id,
                 remiss_id=remiss.id, action="create", changes={"party": [None, party]})
    return row


def remove_consultation(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                        consultation_id: int) -> None:
    require(principal, Action.edit, remiss.namnd_id)
    row = session.get(Consultation, consultation_id)
    if row is None or row.remiss_id != remiss.id:
        raise DraftError("Samrådet finns inte.")
    session.delete(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="consultation", entity_id=consultation_id,
                 remiss_id=remiss.id, action="delete", changes={"party": [row.party, None]})


@dataclass(frozen=True)
class Upload:
    """A file sent with a form or request (the protokollsutdrag), with the limits it is stored under."""

    filename: str
    data: bytes
    files_dir: str
    max_bytes: int


_PARAGRAF = re.compile(r"^(?:§\s*)?(\d{1,5}(?:\s*[a-zA-Z])?)$")


def normal_paragraf(text: str) -> str:
    """'142', '§142' and '§ 142' -> '§ 142'; other text (e.g. 'D 12/2015') as typed."""
    text = " ".join((text or "").split())
    match = _PARAGRAF.match(text)
    return f"§ {match.group(1)}" if match else text


def find_decision(session: Session, remiss_id: int) -> Decision | None:
    return session.exec(select(Decision).where(Decision.remiss_id == remiss_id)).first()


def _check_justering(errors: dict, meeting_on: date | None, justerad_on: date | None, today: date) -> None:
    if justerad_on is None:
        return
    if meeting_on is not None and justerad_on < meeting_on:
        errors["justerad_on"] = "Protokollet kan inte ha justerats före sammanträdet."
    elif justerad_on > today:
        errors["justerad_on"] = "Justeringen registreras när protokollet har justerats; datumet ligger i framtiden."


def _announce(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, decision: Decision,
              first: bool, was_justerad: bool) -> None:
    events.decision_recorded.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                  decision=decision, first=first)
    if decision.justerad_by(local_today(now)) and not was_justerad:
        events.justering_recorded.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                       decision=decision)


def record_decision(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, decided_by: str,
                    meeting_on: date | None, paragraf: str = "", delegat: str = "",
                    omedelbar_justering: bool = False, justerad_on: date | None = None,
                    protokollsutdrag: Upload | None = None) -> Decision:
    """Record (or correct) the beslut on the godkänt yttrande; the remiss becomes beslutad."""
    require(principal, Action.review, remiss.namnd_id)
    draft = find_draft(session, remiss.id)
    if draft is None or draft.state != S.godkand:
        raise DraftError("Beslutet kan registreras först när yttrandet är godkänt"
                         + (" och innan det har expedierats." if draft is not None and draft.state == S.expedierad
                            else "."))
    today = local_today(now)
    errors: dict[str, str] = {}
    try:
        decided_by = DecidedBy(decided_by)
    except ValueError:
        errors["decided_by"] = "Välj vem som beslutade: nämnden, arbetsutskottet eller en delegat."
    delegat = " ".join((delegat or "").split())
    paragraf = normal_paragraf(paragraf)
    if decided_by == DecidedBy.delegat and not delegat:
        errors["delegat"] = "Ange delegatens namn och titel."
    if len(delegat) > 200:
        errors["delegat"] = "Skriv högst 200 tecken."
    if decided_by in (DecidedBy.namnd, DecidedBy.arbetsutskott) and not paragraf:
        errors["paragraf"] = "Ange paragrafen i protokollet, t.ex. § 142."
    if len(paragraf) > 20:
        errors["paragraf"] = "Skriv högst 20 tecken, t.ex. § 142."
    if meeting_on is None:
        errors["meeting_on"] = "Ange datum för sammanträdet (eller delegationsbeslutet)."
    elif meeting_on > today:
        errors["meeting_on"] = "Beslutet registreras efter sammanträdet; datumet ligger i framtiden."
    if omedelbar_justering and justerad_on is not None:
        errors["justerad_on"] = "Ange antingen omedelbar justering eller datum för justeringen, inte båda."
    _check_justering(errors, meeting_on, justerad_on, today)
    if errors:
        raise InputErrors(errors)
    if remiss.status not in (RemissStatus.klar_for_beslut, RemissStatus.beslutad):
        raise DraftError(f"Remissen har status ”{RemissStatus(remiss.status).label}”; beslutet kan registreras "
                         "när den är klar för beslut.")
    decision = find_decision(session, remiss.id)
    first = decision is None
    was_justerad = decision is not None and decision.justerad_by(today)
    old = {} if first else {"decided_by": decision.decided_by, "meeting_on": decision.meeting_on.isoformat(),
                            "paragraf": decision.paragraf, "justering": _justering_text(decision)}
    if first:
        decision = Decision(remiss_id=remiss.id, decided_by=decided_by.value, meeting_on=meeting_on,
                            recorded_by_id=principal.user_id, recorded_at=now, updated_at=now)
    decision.decided_by, decision.delegat = decided_by.value, delegat if decided_by == DecidedBy.delegat else ""
    decision.meeting_on, decision.paragraf = meeting_on, paragraf
    decision.omedelbar_justering, decision.justerad_on = omedelbar_justering, justerad_on
    decision.updated_at = now
    if protokollsutdrag is not None and protokollsutdrag.data:
        stored = attachments.add(session, now=now, principal=principal, remiss=remiss,
                                 filename=protokollsutdrag.filename, data=protokollsutdrag.data,
                                 files_dir=protokollsutdrag.files_dir, max_bytes=protokollsutdrag.max_bytes,
                                 purpose="protokollsutdrag")
        decision.protokollsutdrag_id = stored.id
    session.add(decision)
    session.flush()
    new = {"decided_by": decision.decided_by, "meeting_on": meeting_on.isoformat(), "paragraf": paragraf,
           "justering": _justering_text(decision)}
    audit.record(session, now=now, user_id=principal.user_id, entity="decision", entity_id=decision.id,
                 remiss_id=remiss.id, action="decision",
                 changes={k: [old.get(k), v] for k, v in new.items() if old.get(k) != v},
                 note=decision_reference(decision))
    _move_remiss(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.beslutad,
                 note=f"Beslutat {decision_reference(decision)}")
    _announce(session, now=now, principal=principal, remiss=remiss, decision=decision, first=first,
              was_justerad=was_justerad)
    return decision


def record_justering(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                     justerad_on: date | None) -> Decision:
    """Record the day the protokoll with the beslut was justerat."""
    require(principal, Action.review, remiss.namnd_id)
    decision = find_decision(session, remiss.id)
    if decision is None:
        raise DraftError("Registrera beslutet innan justeringen.")
    today = local_today(now)
    if decision.omedelbar_justering:
        raise DraftError("Paragrafen justerades omedelbart vid sammanträdet.")
    errors: dict[str, str] = {}
    if justerad_on is None:
        errors["justerad_on"] = "Ange datum då protokollet justerades."
    _check_justering(errors, decision.meeting_on, justerad_on, today)
    if errors:
        raise InputErrors(errors)
    was_justerad = decision.justerad_by(today)
    old = decision.justerad_on
    decision.justerad_on, decision.updated_at = justerad_on, now
    session.add(decision)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="decision", entity_id=decision.id,
                 remiss_id=remiss.id, action="justering",
                 changes={"justerad_on": [old.isoformat() if old else None, justerad_on.isoformat()]},
                 note=f"Protokollet justerat den {svenskt_datum(justerad_on)}")
    if not was_justerad:
        events.justering_recorded.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                       decision=decision)
    return decision


def _justering_text(decision: Decision) -> str:
    if decision.omedelbar_justering:
        return "omedelbart justerad"
    return f"justerad {decision.justerad_on.isoformat()}" if decision.justerad_on else "ej justerad"


def decision_reference(decision: Decision) -> str:
    """'vid sammanträde 24 september 2015, § 142' or 'genom delegationsbeslut av … 24 september 2015'."""
    if decision.decided_by == DecidedBy.delegat:
        text = f"genom delegationsbeslut av {decision.delegat} den {svenskt_datum(decision.meeting_on)}"
    else:
        organ = " i arbetsutskottet" if decision.decided_by == DecidedBy.arbetsutskott else ""
        text = f"vid sammanträde{organ} {svenskt_datum(decision.meeting_on)}"
    return text + (f", {decision.paragraf}" if decision.paragraf else "")


def expediering_refusal(decision: Decision | None, today: date) -> str:
    """Why the yttrande may not be expedierat yet ("" when it may)."""
    if decision is None:
        return ("Yttrandet kan expedieras först när nämndens beslut är registrerat. Registrera beslutet "
                "(sammanträde, paragraf och justering) under Beslut.")
    if not decision.justerad_by(today):
        if decision.justerad_on is not None:
            return (f"Protokollet justeras den {svenskt_datum(decision.justerad_on)}; yttrandet kan expedieras "
                    "från den dagen.")
        return ("Protokollet med beslutet är inte justerat. Registrera justeringen (eller att paragrafen "
                "justerades omedelbart) innan yttrandet expedieras.")
    return ""
