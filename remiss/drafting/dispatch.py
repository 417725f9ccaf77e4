"""Expediera: after the justerat beslut, freeze the approved version, keep its documents, e-mail the yttrande and
mark the remiss besvarad."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from remiss.clock import local_today

from remiss.auth.access import Action, Principal, require
from remiss.drafting import decision as decisions
from remiss.drafting import generate, mailing, service
from remiss.drafting.models import DraftState, GeneratedDocument
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus, TransitionError, check_transition


@dataclass
class Expedierat:
    version_number: int
    documents: list[GeneratedDocument]
    besvarad: bool  # the remiss moved to besvarad
    status_note: str  # why it did not, in Swedish ("" when it did)
    mailed_to: str = ""  # the remittent's answer address the yttrande is e-mailed to ("" when none)
    copies: tuple[str, ...] = ()


def expediera(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str,
              comment: str = "") -> Expedierat:
    """Freeze the approved version with its documents and move the remiss to besvarad if allowed."""
    require(principal, Action.review, remiss.namnd_id)
    draft = service.find_draft(session, remiss.id)
    if draft is None or draft.state != DraftState.godkand:
        raise service.DraftError("Bara ett godkänt yttrande kan expedieras.")
    if not remiss.our_dnr:
        raise service.DraftError("Remissen saknar diarienummer; ge den ett innan yttrandet expedieras.")
    refusal = decisions.expediering_refusal(service.find_decision(session, remiss.id), local_today(now))
    if refusal:
        raise service.DraftError(refusal)
    version = service.latest_version(session, draft)
    documents = [generate.generate(session, now=now, principal=principal, remiss=remiss, kind=kind,
                                   files_dir=files_dir, version=version, frozen=True)
                 for kind in ("tjansteskrivelse", "yttrande")]
    draft.frozen_version_id = version.id
    version.comment = (f"Expedierad med diarienummer {remiss.our_dnr}" + (f": {comment}" if comment else ""))[:500]
    session.add_all([draft, version])
    service.change_state(session, now=now, principal=principal, remiss=remiss, new=DraftState.expedierad,
                         comment=comment)
    yttrande = next(d for d in documents if d.kind == "yttrande")
    mailed_to = mailing.enqueue_yttrande(session, now=now, actor_id=principal.user_id, remiss=remiss,
                                         version=version, document=yttrande)
    copies = tuple(mailing.copies_of(remiss)) if mailed_to else ()
    try:
        check_transition(remiss.status, RemissStatus.besvarad)
    except TransitionError as exc:
        note = (f"Remissen har status ”{RemissStatus(remiss.status).label}” och kan inte bli ”Besvarad” "
                f"förrän nämnden har beslutat (status ”Beslutad”). {exc}")
        return Expedierat(version.number, documents, False, note, mailed_to, copies)
    remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.besvarad,
                           note=f"Yttrandet expedierat (version {version.number})")
    return Expedierat(version.number, documents, True, "", mailed_to, copies)
