"""When the yttrande was approved (godkänt), from the history: a beslut dated before that day cannot be about the
approved version, and no arbetsutskott that met before it can have treated it."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local

# how drafting.states.change_state records the move to godkänd: {"state": [old, "godkand"]}
_TO_GODKAND = '%"godkand"]}'


def approved_at(session: Session, draft_id: int | None, *, by: datetime | None = None) -> datetime | None:
    """The moment the draft was last approved (at or before by, when given); None when it never was."""
    if draft_id is None:
        return None
    stmt = select(AuditEvent.at).where(AuditEvent.entity == "yttrande_draft", AuditEvent.entity_id == draft_id,
                                       AuditEvent.action == "state", AuditEvent.changes.like(_TO_GODKAND))
    if by is not None:
        stmt = stmt.where(AuditEvent.at <= by)
    return session.exec(stmt.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(1)).first()


def approved_on(session: Session, draft_id: int | None, *, by: datetime | None = None) -> date | None:
    """The Stockholm day of approved_at."""
    moment = approved_at(session, draft_id, by=by)
    return local(moment).date() if moment is not None else None


def early_beslut(approved: date | None, meeting_on: date | None, planned: date | None = None) -> str:
    """Why a beslut on meeting_on looks wrong when the yttrande was approved later ("" when it does not): the nämnd
    cannot have decided on a version that did not exist yet. planned: the meeting the tidplan plans, named as the
    likely intended date."""
    if approved is None or meeting_on is None or meeting_on >= approved:
        return ""
    hint = (f" Det planerade sammanträdet är {format_weekday_date(planned)}." if planned and planned >= approved
            else "")
    return (f"Yttrandet godkändes {format_weekday_date(approved)}, efter beslutsdatumet "
            f"{format_weekday_date(meeting_on)}: beslutet kan inte gälla det godkända yttrandet.{hint} Rätta "
            "datumet, eller kryssa i att beslutet fattades den dagen (t.ex. om yttrandet godkändes i Remiss i "
            "efterhand).")
