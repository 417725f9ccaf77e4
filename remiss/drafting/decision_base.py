"""The beslut and justering forms opened before another tab or user registered or changed the beslut (walk23 W2).

Both forms carry the beslut as the page showed it (`base_decision`, a stale form's base: remiss.stale_form): a form
opened before the beslut was registered, changed or justerat since is refused, the beslut as it stands named with
who did it and when, and everything typed kept; the form comes back with the beslut now as its base, so saving
again changes it knowingly. A form or client that sends no base (the API) is never stale.
"""
from __future__ import annotations

import hashlib
import json

from sqlmodel import Session

from remiss import stale_form
from remiss.calendar.swedish import format_date
from remiss.drafting.models import DecidedBy, Decision
from remiss.namnd.models import Namnd
from remiss.remisser.models import Attachment, Remiss

BASE = stale_form.DECISION  # the forms' hidden field
NONE = "inget"  # the base of a form opened while no beslut was registered


def token(decision: Decision | None) -> str:
    """A short fingerprint of the beslut as registered (NONE without one)."""
    if decision is None:
        return NONE
    state = [decision.id, decision.rattelse, decision.decided_by, decision.delegat, str(decision.meeting_on),
             decision.paragraf, decision.omedelbar_justering, str(decision.justerad_on),
             decision.protokollsutdrag_id]
    return hashlib.sha256(json.dumps(state, ensure_ascii=False).encode()).hexdigest()[:16]


def described(session: Session, remiss: Remiss, decision: Decision) -> str:
    """ "Kommunstyrelsen vid sammanträde 6 december 2026, § 10, protokollet justerat 8 december 2026": the beslut
    as it stands, decider, date, paragraf, justering and protokollsutdrag."""
    day = format_date(decision.meeting_on)
    if decision.decided_by == DecidedBy.delegat:
        text = f"delegationsbeslut av {decision.delegat} den {day}"
    elif decision.decided_by == DecidedBy.arbetsutskott:
        text = f"arbetsutskottet vid sammanträde {day}"
    else:
        namnd = session.get(Namnd, remiss.namnd_id)
        text = f"{namnd.name if namnd else 'nämnden'} vid sammanträde {day}"
    text += f", {decision.paragraf}" if decision.paragraf else ""
    if decision.needs_justering:
        text += (", omedelbart justerad" if decision.omedelbar_justering else
                 f", protokollet justerat {format_date(decision.justerad_on)}" if decision.justerad_on else
                 ", protokollet inte justerat")
    utdrag = session.get(Attachment, decision.protokollsutdrag_id) if decision.protokollsutdrag_id else None
    return text + (f", protokollsutdrag {utdrag.filename}" if utdrag else "")


def changed_words(session: Session, remiss: Remiss, decision: Decision | None) -> str:
    """What happened to the beslut since the form was opened, who did it and when, and how it stands now."""
    if decision is None:
        return "Beslutet som sidan visade finns inte längre."
    event = stale_form.last_change(session, remiss_id=remiss.id, entity="decision", entity_id=decision.id)
    by = stale_form.event_by(session, event)
    changes = json.loads(event.changes or "{}") if event is not None else {}
    if event is not None and event.action == "justering":
        what = f"Justeringen registrerades{by}"
    elif event is not None and changes and all(old is None for old, _ in changes.values()):
        what = f"Ett beslut registrerades{by}"
    else:
        what = f"Beslutet ändrades{by}"
    return f"{what}, efter att du öppnade sidan. Nu: {described(session, remiss, decision)}."


# what saving the refused form again does, by form
_AGAIN = {"beslut": "spara igen för att ändra beslutet till det.", "justering": "spara igen för att registrera den "
          "dagen ändå."}


def stale_refusal(session: Session, remiss: Remiss, decision: Decision | None, base: str | None, form: str) -> str:
    """The refusal of the form ("beslut" or "justering") opened on base before the beslut changed to decision (""
    when it is not stale)."""
    if not stale_form.stale(base, token(decision)):
        return ""
    again = _AGAIN[form] if decision is not None or form != "beslut" else "spara igen för att registrera det."
    return f"{changed_words(session, remiss, decision)} Det du skrev står kvar nedan: {again}"
