"""Save versions of the yttrande, and walk the remiss's status along with its draft."""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from remiss import stale_form
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.drafting import content as sections
from remiss.drafting import merge
from remiss.drafting.drafts import (S, DraftError, content_of, current_content, latest_version, require_open,
                                    version_by_number)
from remiss.drafting.models import DraftState, DraftVersion, YttrandeDraft
from remiss.namnd.models import Namnd
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss
from remiss.remisser.kind_words import noun_of
from remiss.remisser.status import RemissStatus, TRANSITIONS


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
    if latest is not None and stale_form.stale(base_version, latest.number):  # opened before the latest was saved
        new_content = _merged(session, remiss, draft, latest, content, raw, base_version, accept_merge)
    else:
        new_content = sections.validate(raw, content)
    new_content = sections.settle_inga_synpunkter(raw, new_content)
    if latest is not None and new_content == sections.with_section_ids(json.loads(latest.content)):
        return None  # (a version saved before sections had ids reads with the ids the form carried)
    return add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
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
        raise merge.DraftConflict(merged, base=base_version, newest=latest.number,
                                  by=stale_form.changed_by(session, latest.author_id, latest.created_at))
    return merged.content


def add_version(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
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


def needs_handlaggare(kind="remiss") -> str:
    """Why no yttrande is begun yet, in the words of the ärende's kind ("Ärendet har …", kind_words, walk18 F7)."""
    noun = noun_of(kind)
    return (f"{noun.The} har ingen handläggare ännu. Välj en handläggare under ”Tilldela handläggare” på "
            f"{noun.whose} sida innan yttrandet påbörjas: {noun.whose} status följer sedan yttrandet fram till "
            "beslutet.")


NEEDS_HANDLAGGARE = needs_handlaggare()


def require_handlaggare(remiss: Remiss) -> None:
    """A yttrande is started on an assigned remiss only: the remiss's status follows the yttrande from Tilldelad
    (Under beredning, Klar för beslut), and the beslut needs Klar för beslut."""
    if remiss.handlaggare_id is None:
        raise DraftError(needs_handlaggare(remiss.kind))


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


def check_inga_synpunkter(session: Session, *, principal: Principal, remiss: Remiss) -> None:
    """Refuse (DraftError) "Inga synpunkter" where it cannot be done, before the page asks about it (walk21 J14)."""
    require(principal, Action.edit, remiss.namnd_id)
    draft = current_content(session, remiss)[0]
    require_open(remiss, draft)
    _editable(draft)
    if draft is None:  # the first version starts the draft, which needs a handläggare (add_version)
        require_handlaggare(remiss)


def inga_synpunkter_already(session: Session, *, principal: Principal, remiss: Remiss) -> tuple[str, bool]:
    """When the yttrande already is "inga synpunkter" as the button would make it (sent twice, or from a second
    tab): what the page says, naming the version, who saved it and when (remiss.stale_form), and whether someone
    else did (the page answers 409: stale_form.twice_status); ("", False) otherwise. The page asks this before
    saving; the API saves as it always has."""
    _, latest, content = current_content(session, remiss)
    if latest is None or not content.get("inga_synpunkter"):
        return "", False
    namnd = session.get(Namnd, remiss.namnd_id)
    if not sections.is_inga_synpunkter(content, namnd.name, noun_of(remiss.kind).the):
        return "", False
    by = stale_form.changed_by(session, latest.author_id, latest.created_at, principal.user_id)
    return (f"Yttrandet är redan ”inga synpunkter”: version {latest.number}, sparad{by}. Inget mer behöver göras.",
            stale_form.by_other(latest.author_id, principal.user_id))


def inga_synpunkter(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> DraftVersion:
    """Turn the draft into a short yttrande saying the nämnd has no comments."""
    check_inga_synpunkter(session, principal=principal, remiss=remiss)
    draft, _, content = current_content(session, remiss)
    namnd = session.get(Namnd, remiss.namnd_id)
    return add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                        content=sections.inga_synpunkter_content(content, namnd.name, noun_of(remiss.kind).the),
                       comment="Inga synpunkter")


def move_remiss(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                 new: RemissStatus, note: str) -> bool:
    """Move the remiss along when the status table allows it; return whether it moved."""
    if new not in TRANSITIONS[RemissStatus(remiss.status)]:
        return False
    remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=new, note=note)
    return True
