"""Draft the yttrande: save versions, 'inga synpunkter', review states and samråd (the beslut: drafting.decision)."""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import bindparam
from sqlmodel import Session, select

from remiss import events
from remiss.db import read_once
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.drafting import content as sections
from remiss.drafting import merge
from remiss.drafting.prefill import beslutsunderlag, deadline_text, signatures_used_before
from remiss.drafting.models import Consultation, Decision, DraftState, DraftVersion, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.remisser import finished, page
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
    # an expedierat yttrande is a record: it is never reopened, it is corrected by a rättelse (start_rattelse)
}


class DraftError(ValueError):
    """A draft action that is refused, with a Swedish message."""


class AlreadyInState(DraftError):
    """The draft is already in the state asked for (a double click): nothing changes, and the message informs."""


# A request for the state the draft is already in: what to say, and who may ask for it.
ALREADY = {S.granskning: ("Yttrandet är redan skickat till granskning.", Action.edit),
           S.godkand: ("Yttrandet är redan godkänt.", Action.review),
           S.utkast: ("Yttrandet är redan tillbaka som utkast.", Action.review)}


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


_N = Namnd.__table__.c
_NAMND_NAME = select(_N.name).where(_N.id == bindparam("namnd_id"))


def defaults_for(session: Session, remiss: Remiss) -> sections.Defaults:
    namnd = read_once(session, ("namnd_name", remiss.namnd_id), lambda: session.connection().execute(
        _NAMND_NAME, {"namnd_id": remiss.namnd_id}).scalar_one())
    handlingar = beslutsunderlag(session, remiss)
    return sections.Defaults(namnd=namnd, remittent=remiss.remittent, title=remiss.title,
                             questions=_questions(session, remiss), handlingar=handlingar,
                             deadline=deadline_text(remiss), instructions=remiss.answer_instructions,
                             missiv=remiss.missiv_text,
                             **signatures_used_before(session, remiss))


def content_of(session: Session, remiss: Remiss, version_content: str | None) -> dict:
    """The sections of the latest version's stored content (None: nothing saved, prefilled)."""
    if version_content is None:
        return sections.with_section_ids(sections.initial_content(defaults_for(session, remiss)))
    return sections.with_section_ids(sections.align_questions(json.loads(version_content), _questions(session, remiss)))


def current_content(session: Session, remiss: Remiss) -> tuple[YttrandeDraft | None, DraftVersion | None, dict]:
    """Return the draft, its latest version and its sections (prefilled when nothing is saved)."""
    draft = find_draft(session, remiss.id)
    version = latest_version(session, draft)
    return draft, version, content_of(session, remiss, version.content if version else None)


def require_open(remiss: Remiss, draft: YttrandeDraft | None) -> None:
    """Refuse work on a finished remiss; a besvarad one still takes its rättelse (and an expedierat draft's own
    refusals, which point to it)."""
    finished.require_open(remiss, correcting=draft is not None and (draft.rattelse > 0 or draft.state == S.expedierad))


def _editable(draft: YttrandeDraft | None) -> None:
    if draft is not None and draft.state == S.expedierad:
        raise DraftError("Yttrandet är expedierat och ändras inte. Börja en rättelse (Skicka rättelse) för att "
                         "rätta det; rättelsen beslutas och expedieras för sig.")
    if draft is not None and draft.state != S.utkast:
        raise DraftError(f"Utkastet har status ”{DraftState(draft.state).label}” och kan inte ändras. "
                         "Det måste först skickas tillbaka till utkast.")


def save(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, raw: dict,
         base_version: int | None = None, comment: str = "", accept_merge: bool = False) -> DraftVersion | None:
    """Save the sections in raw as a new version; None when nothing changed. Sections based on an older version
    are merged with the newer ones (_merged); accept_merge: save a merge without conflicts at once (the API, whose
    answer shows the result) instead of offering it first (the page)."""
    require(principal, Action.edit, remiss.namnd_id)
    draft, latest, content = current_content(session, remiss)
    require_open(remiss, draft)
    _editable(draft)
    if latest is not None and base_version is not None and base_version != latest.number:
        new_content = _merged(session, remiss, draft, latest, content, raw, base_version, accept_merge)
    else:
        new_content = sections.validate(raw, content)
    if latest is not None and new_content == sections.with_section_ids(json.loads(latest.content)):
        return None  # (a version saved before sections had ids reads with the ids the form carried)
    return _add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                        content=new_content, comment=comment)


def _merged(session: Session, remiss: Remiss, draft: YttrandeDraft, latest: DraftVersion, content: dict, raw: dict,
            base_version: int, accept_merge: bool) -> dict:
    """raw, sent by a form opened on base_version, merged with the newer versions saved since (drafting.merge):
    saved at once when nothing of theirs would be lost (they changed nothing, or the same); else refused with the
    merge to offer (DraftConflict). 0: the form was opened before anything was saved."""
    base = version_by_number(session, draft.id, base_version) if base_version else None
    if base_version > latest.number or (base_version and base is None):
        raise InputErrors({"base_version": f"Utkastet har ingen version {base_version}; den senaste är version "
                                           f"{latest.number}. Öppna utkastet på nytt."})
    before = content_of(session, remiss, base.content if base else None)
    merged = merge.three_way(before, content, sections.validate(raw, before))
    if merged.conflicts or (merged.taken and not accept_merge):
        raise merge.DraftConflict(merged, base=base_version, newest=latest.number)
    return merged.content


def _add_version(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 draft: YttrandeDraft | None, content: dict, comment: str) -> DraftVersion:
    if draft is None:
        require_handlaggare(remiss)
        draft = YttrandeDraft(remiss_id=remiss.id, state=S.utkast, updated_at=now)
        session.add(draft)
        session.flush()
    catch_up(session, now=now, principal=principal, remiss=remiss, to=RemissStatus.under_beredning,
             note="Yttrandet påbörjat")
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


NEEDS_HANDLAGGARE = ("Remissen har ingen handläggare ännu. Tilldela den en handläggare (Byt handläggare på remissens "
                     "sida) innan yttrandet påbörjas: remissens status följer sedan yttrandet fram till beslutet.")


def require_handlaggare(remiss: Remiss) -> None:
    """A yttrande is started on an assigned remiss only: the remiss's status follows the yttrande from Tilldelad
    (Under beredning, Klar för beslut), and the beslut needs Klar för beslut."""
    if remiss.handlaggare_id is None:
        raise DraftError(NEEDS_HANDLAGGARE)


# The incoming path the yttrande walks the remiss along (Registrerad → Tilldelad needs a handläggare).
_PATH = (RemissStatus.registrerad, RemissStatus.tilldelad, RemissStatus.under_beredning,
         RemissStatus.klar_for_beslut)


def catch_up(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, to: RemissStatus,
             note: str) -> bool:
    """Move the remiss forward along _PATH to `to` when it is behind its yttrande (a draft written before the
    remiss was assigned, or the handläggare assigned after the approval); return whether it reached `to`. It never
    moves back, and a Registrerad remiss without a handläggare stays where it is."""
    current = RemissStatus(remiss.status)
    if current == to:
        return True
    if current not in _PATH or _PATH.index(current) > _PATH.index(to):
        return False
    if current == RemissStatus.registrerad and remiss.handlaggare_id is None:
        return False
    for step in _PATH[_PATH.index(current) + 1:_PATH.index(to) + 1]:
        remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=step, note=note)
    return True


def inga_synpunkter(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> DraftVersion:
    """Turn the draft into a short yttrande saying the nämnd has no comments."""
    require(principal, Action.edit, remiss.namnd_id)
    draft, _, content = current_content(session, remiss)
    require_open(remiss, draft)
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


# What the page asks before a yttrande with an unanswered frågeställning goes to granskning or is approved.
UNANSWERED_CHOICES = ("utelamna", "inga_synpunkter")


def _check_unanswered(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      draft: YttrandeDraft, new: DraftState, choice: str | None) -> None:
    """Refuse sending or approving a yttrande with an unanswered frågeställning until the user has chosen: leave
    the question out of the yttrande ("utelamna"), or, when sending, answer it with "<nämnd> lämnar inga
    synpunkter på denna fråga." (a new version). None: the caller does not ask (the API, which shows
    unanswered_questions instead)."""
    if choice is None or new not in (S.granskning, S.godkand):
        return
    content = content_of(session, remiss, latest_version(session, draft).content)
    which = sections.unanswered_text(content)
    if not which:
        return
    if choice == "inga_synpunkter" and new == S.granskning:
        namnd = session.get(Namnd, remiss.namnd_id)
        _add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                     content=sections.answer_unanswered(content, namnd.name),
                     comment="Inga synpunkter på obesvarade frågor")
        return
    if choice != "utelamna":
        verb = "skickas till granskning" if new == S.granskning else "godkänns"
        raise InputErrors({"unanswered": f"{which[0].upper()}{which[1:]} saknar svar. Välj vad yttrandet ska säga "
                                         f"om {'den' if which.startswith('fråga ') else 'dem'} innan det {verb}."})


def change_state(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 new: DraftState | str, comment: str = "", unanswered: str | None = None) -> YttrandeDraft:
    """Move the draft between utkast, granskning and godkänd (expediering: see dispatch). unanswered: the user's
    choice for unanswered frågeställningar (_check_unanswered)."""
    new = parse_state(new)
    draft = find_draft(session, remiss.id)
    require_open(remiss, draft)
    if draft is None:
        raise DraftError("Spara utkastet innan det skickas vidare.")
    old = DraftState(draft.state)
    if old == new and new in ALREADY:
        message, needed = ALREADY[new]
        require(principal, needed, remiss.namnd_id)
        raise AlreadyInState(message)
    action = STATE_MOVES.get((old, new))
    if action is None:
        if old == S.expedierad:
            raise DraftError("Yttrandet är expedierat och kan inte öppnas igen. Börja en rättelse (Skicka rättelse) "
                             "om det skickade yttrandet behöver rättas.")
        raise DraftError(f"Yttrandet kan inte gå från ”{old.label}” till ”{new.label}”.")
    require(principal, action, remiss.namnd_id)
    latest = latest_version(session, draft)
    if new == S.granskning and draft.rattelse and latest.id == draft.corrects_version_id:
        raise DraftError("Rättelsen har ingen ändring ännu: spara den rättade texten innan den skickas till "
                         "granskning.")
    if new == S.expedierad and (latest is None or draft.frozen_version_id != latest.id):
        raise DraftError("Yttrandet expedieras med knappen Expediera, som också sparar de skickade handlingarna.")
    comment = comment.strip()[:2000]
    if new == S.utkast and not comment:
        raise InputErrors({"comment": "Skriv en kommentar om vad som ska ändras."})
    _check_unanswered(session, now=now, principal=principal, remiss=remiss, draft=draft, new=new,
                      choice=unanswered)
    latest = latest_version(session, draft)
    answers = draft.review_comment if new == S.granskning else ""  # the comment this version answers
    draft.state = new.value
    draft.review_comment = comment if new == S.utkast else ("" if new == S.granskning else draft.review_comment)
    draft.updated_at = now
    session.add(draft)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="state", changes={"state": [old.value, new.value]}, note=comment)
    events.draft_state_changed.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                    old=old, new=new, comment=comment, rattelse=draft.rattelse,
                                    version=latest.number if latest else None, answers=answers)
    if new == S.granskning and not draft.rattelse:  # a draft started before the remiss was assigned
        catch_up(session, now=now, principal=principal, remiss=remiss, to=RemissStatus.under_beredning,
                 note="Yttrandet skickat till granskning")
    # decided already: stays beslutad; a rättelse leaves the besvarad remiss besvarad (see start_rattelse)
    if new == S.godkand and not draft.rattelse and find_decision(session, remiss.id) is None:
        catch_up(session, now=now, principal=principal, remiss=remiss, to=RemissStatus.klar_for_beslut,
                 note="Yttrandet godkänt")
    return draft


def move_remiss(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
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
    require_open(remiss, find_draft(session, remiss.id))
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
    require_open(remiss, find_draft(session, remiss.id))
    row = session.get(Consultation, consultation_id)
    if row is None or row.remiss_id != remiss.id:
        raise DraftError("Samrådet finns inte.")
    session.delete(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="consultation", entity_id=consultation_id,
                 remiss_id=remiss.id, action="delete", changes={"party": [row.party, None]})


def start_rattelse(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                   comment: str) -> YttrandeDraft:
    """Start a rättelse of the expedierat yttrande: a new version to write, review, decide and expediera.

    The sent version, its documents and its beslut stay as they were. The remiss stays besvarad (it was answered,
    in time or not, when the yttrande went out), so its tidplan and reminders are not opened again; the
    rättelse's own steps show in the Yttrande panel, "Att granska" and the history.
    """
    require(principal, Action.review, remiss.namnd_id)
    finished.require_open(remiss, correcting=True)
    draft = find_draft(session, remiss.id)
    if draft is None or draft.state != S.expedierad:
        raise DraftError("Bara ett expedierat yttrande kan rättas; ändra utkastet i stället.")
    comment = (comment or "").strip()[:2000]
    if not comment:
        raise InputErrors({"comment": "Skriv vad som ska rättas i det expedierade yttrandet."})
    sent = latest_version(session, draft)
    draft.rattelse += 1
    draft.corrects_version_id = sent.id
    draft.state, draft.review_comment, draft.updated_at = S.utkast.value, comment, now
    draft.rattelse_reason = comment  # the review comment changes in granskning; the reason stays
    session.add(draft)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="yttrande_draft", entity_id=draft.id,
                 remiss_id=remiss.id, action="rattelse",
                 changes={"state": [S.expedierad.value, S.utkast.value], "rattelse": [None, draft.rattelse]},
                 note=f"{rattelse_name(draft.rattelse).capitalize()} av yttrandet (version {sent.number}) påbörjad: "
                      f"{comment}")
    events.draft_state_changed.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                    old=S.expedierad, new=S.utkast, comment=comment)
    return draft


def rattelse_name(number: int) -> str:
    """'rättelse' for the first, 'rättelse 2' for the next ones."""
    return "rättelse" if number <= 1 else f"rättelse {number}"


def decision_of(session: Session, remiss_id: int, rattelse: int) -> Decision | None:
    return session.exec(select(Decision).where(Decision.remiss_id == remiss_id,
                                               Decision.rattelse == rattelse)).first()


def find_decision(session: Session, remiss_id: int) -> Decision | None:
    """The beslut on the version now in work: the yttrande's, or the rättelse's once one is started."""
    draft = find_draft(session, remiss_id)
    return decision_of(session, remiss_id, draft.rattelse if draft else 0)


def decisions_of(session: Session, remiss_id: int) -> list[Decision]:
    """Every beslut on the yttrande and its rättelser, the first first."""
    return list(session.exec(select(Decision).where(Decision.remiss_id == remiss_id).order_by(Decision.rattelse)))
