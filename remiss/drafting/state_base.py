"""The yttrande editor carries the draft's state it was opened in (base_state, a stale form's base: remiss.stale_form).

A save from an editor opened on the utkast after it was sent to granskning, approved or expedierat is refused
naming who did each and when, saying that nothing was saved and what to do, with the text typed kept in the page
(walk24 V16: it said only "Formuläret innehåller fel – Utkastet har status Godkänd", though nothing in the form was
wrong). An editor opened on a draft already in granskning, or a post without the field, gets the plain refusal."""
from __future__ import annotations

import json

from sqlmodel import Session, select

from remiss import stale_form
from remiss.audit.models import AuditEvent
from remiss.calendar.swedish import join_words
from remiss.drafting.drafts import S, decision_of, find_draft
from remiss.drafting.models import DraftState, YttrandeDraft
from remiss.drafting.states import reopen_refusal
from remiss.remisser.kind_words import it_of
from remiss.remisser.models import Remiss

BASE = stale_form.STATE

# what a move of the draft did, as the refusal tells it ("… skickades till granskning av …")
DONE = {S.granskning: "skickades till granskning", S.godkand: "godkändes", S.expedierad: "expedierades",
        S.utkast: "blev utkast igen"}


def shown(draft: YttrandeDraft | None) -> str:
    """The base an editor form carries: the state of the draft it shows (utkast before one is saved)."""
    return str(draft.state) if draft is not None else S.utkast.value


def _moves(session: Session, remiss: Remiss, draft: YttrandeDraft, base: str) -> list[tuple[AuditEvent, str]]:
    """The draft's moves since it was last in base (all of them when the history has none into base)."""
    rows = session.exec(select(AuditEvent).where(
        AuditEvent.remiss_id == remiss.id, AuditEvent.entity == "yttrande_draft", AuditEvent.entity_id == draft.id,
        AuditEvent.action.in_(("state", "rattelse"))).order_by(AuditEvent.at, AuditEvent.id)).all()
    moves: list[tuple[AuditEvent, str]] = []
    for row in rows:
        try:
            new = (json.loads(row.changes or "{}").get("state") or [None, None])[1]
        except ValueError:
            continue
        moves = [] if new == base else moves + [(row, new)]
    return moves


def refusal(session: Session, remiss: Remiss, base: str | None) -> str:
    """'Yttrandet skickades till granskning av … och godkändes av … efter att du öppnade sidan. …': why an editor
    opened on base cannot save now, when the draft has left that state since ("" when it has not, or no base)."""
    draft = find_draft(session, remiss.id)
    if draft is None or draft.state == S.utkast or not stale_form.stale(base, str(draft.state)):
        return ""
    neuter = not draft.rattelse
    what = "Yttrandet" if neuter else "Rättelsen"
    done = [f"{DONE.get(new, 'ändrades')}{stale_form.event_by(session, row)}"
            for row, new in _moves(session, remiss, draft, base)]
    happened = (f"{what} {join_words(done)}, efter att du öppnade sidan." if done else
                f"{what} har status ”{DraftState(draft.state).label}” sedan du öppnade sidan.")
    kept = f"Det du skrev står kvar nedan men är inte sparat, och {it_of(neuter)} kan inte ändras nu."
    return f"{happened} {kept} {_what_now(session, remiss, draft, neuter)}"


def _what_now(session: Session, remiss: Remiss, draft: YttrandeDraft, neuter: bool) -> str:
    """What has to happen before the text typed can be saved, if it can."""
    it = it_of(neuter)
    if draft.state == S.expedierad and neuter:
        return ("Ett expedierat yttrande ändras inte: börja en rättelse (”Skicka rättelse”) om det ska rättas, och "
                "skriv in ändringen där.")
    if draft.state == S.expedierad:
        return ("En expedierad rättelse ändras inte: behöver den i sin tur rättas, skicka en ny rättelse och skriv in "
                "ändringen där.")
    if draft.state == S.godkand:
        decided = reopen_refusal(decision_of(session, remiss.id, draft.rattelse))
        if decided:
            return decided
        return (f"För att ändra {it} måste en granskare öppna {it} igen som utkast (”Öppna igen som utkast”, med en "
                "kommentar); spara sedan det du skrev härifrån.")
    return (f"För att ändra {it} måste en granskare skicka tillbaka {it} till utkast (”Skicka tillbaka till utkast”, "
            "med en kommentar); spara sedan det du skrev härifrån.")
