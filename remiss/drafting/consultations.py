"""Record and remove the samråd held on a remiss's yttrande (pensionärsråd, ungdomsråd, förvaltning)."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.clock import local_today
from remiss.drafting.drafts import DraftError, find_draft, require_open
from remiss.drafting.models import Consultation
from remiss.planning.service.extensions import day_refusal
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss


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
    # "har tillfrågats": a samråd held, not planned (walk18 F17), and not before the ärende came in (walk20 H4)
    came_in = ((remiss.received_on, f"{noun_of(remiss.kind).the} kom in"),)
    if refusal := day_refusal("consulted_on", consulted_on, local_today(now), came_in):
        raise InputErrors({"consulted_on": refusal})
    row = Consultation(remiss_id=remiss.id, party=party, consulted_on=consulted_on, note=note.strip()[:5000])
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="consultation", entity_id=row.id,
                 remiss_id=remiss.id, action="create", changes={"party": [None, party]})
    return row


def removable(session: Session, *, principal: Principal, remiss: Remiss, consultation_id: int) -> Consultation:
    """The samråd that may be removed now; DraftError (or AccessDenied) says why not – refused before the page
    asks whether to remove it."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss, find_draft(session, remiss.id))
    row = session.get(Consultation, consultation_id)
    if row is None or row.remiss_id != remiss.id:
        raise DraftError("Samrådet finns inte.")
    return row


def removal_question(party: str, on: str) -> str:
    """What Ta bort asks (on: the day as the panel shows it, or ""): the yttrande made from now on no longer says
    the party was consulted (drafting.context._samrad)."""
    when = f" {on}" if on else ""
    return (f"Ta bort samrådet med {party}{when}? Yttrandet säger då inte längre att {party} har beretts tillfälle "
            "att yttra sig när det skapas på nytt, och anteckningen om samrådet försvinner. Det går inte att ångra.")


def remove_consultation(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                        consultation_id: int) -> None:
    row = removable(session, principal=principal, remiss=remiss, consultation_id=consultation_id)
    session.delete(row)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="consultation", entity_id=consultation_id,
                 remiss_id=remiss.id, action="delete", changes={"party": [row.party, None]})
