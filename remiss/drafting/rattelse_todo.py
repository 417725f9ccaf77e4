"""The steps of an approved rättelse that wait on the nämndsekreterare: its beslut, the beslut's justering and its
expediering. The remiss stays Besvarad while a rättelse is made, so the status-driven list on the start page
("Att registrera och avsluta", planning.sekreterare) never saw them (walk16 finding 11)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_
from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local
from remiss.drafting.models import Decision, DraftState, YttrandeDraft, justering_pending
from remiss.drafting.rattelse import rattelse_definite
from remiss.remisser.models import Remiss
from remiss.remisser.queries import diarium_rows
from remiss.remisser.status import RemissStatus

SHOWN = 100


def rattelse_todo(session: Session, principal: Principal, now: datetime) -> list[tuple]:
    """(remiss_id, dnr, title, status label, todo, anchor, note) for each godkänd rättelse in the nämnder where the
    user keeps the diarium, oldest approval first: what the remiss page's Nästa steg asks for it."""
    stmt = (select(Remiss.id, Remiss.our_dnr, Remiss.title, Remiss.namnd_id, YttrandeDraft.rattelse,
                   YttrandeDraft.updated_at, Decision.id.label("decision_id"), Decision.decided_by,
                   Decision.omedelbar_justering, Decision.justerad_on, Decision.meeting_on)
            .join(YttrandeDraft, YttrandeDraft.remiss_id == Remiss.id)
            .outerjoin(Decision, and_(Decision.remiss_id == Remiss.id, Decision.rattelse == YttrandeDraft.rattelse))
            .where(YttrandeDraft.rattelse > 0, YttrandeDraft.state == DraftState.godkand.value,
                   Remiss.status == RemissStatus.besvarad.value)
            .order_by(YttrandeDraft.updated_at, Remiss.id).limit(SHOWN))
    today = local(now).date()
    rows = []
    for r in diarium_rows(session, principal, stmt):
        name = rattelse_definite(r.rattelse)  # "rättelsen", "rättelse 2"
        if r.decision_id is None:
            todo, anchor = f"Registrera beslutet om {name}", "beslut"
            note = f"{name} av det expedierade yttrandet är godkänd {format_weekday_date(local(r.updated_at).date())}"
        elif justering_pending(r.decided_by, r.omedelbar_justering, r.justerad_on, today):
            todo, anchor = f"Registrera justeringen av beslutet om {name}", "justering-form"
            note = f"beslutet om {name} fattades {format_weekday_date(r.meeting_on)}"
        else:
            todo, anchor = f"Expediera {name}", "yttrande"
            note = f"beslutet om {name} fattades {format_weekday_date(r.meeting_on)}"
        rows.append((r.id, r.our_dnr or "", r.title, RemissStatus.besvarad.label, todo, anchor, note))
    return rows
