"""Turn audit events into display rows for the remiss page."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.auth.models import User
from remiss.display import sv_datetime
from remiss.remisser.status import RemissStatus

FIELD_LABELS = {
    "title": "Ärendemening", "remittent": "Remittent", "sender_dnr": "Remittentens diarienummer",
    "our_dnr": "Vårt diarienummer", "received_on": "Inkom", "letter_date": "Missivets datum",
    "deadline_on": "Sista svarsdag", "deadline_time": "Klockslag", "answer_email": "Svar till e-post",
    "answer_address": "Svar till adress", "copy_emails": "Kopia till", "contact_person": "Kontaktperson",
    "contact_email": "Kontaktpersonens e-post", "namnd_id": "Nämnd", "handlaggare_id": "Handläggare",
    "notes": "Anteckningar", "direction": "Riktning", "kind": "Ärendetyp", "status": "Status",
    "questions": "Frågeställningar", "sandlista": "Sändlista", "filename": "Fil", "size": "Storlek",
    "effective_deadline": "Gällande svarsdag", "answer_instructions": "Anvisningar för svaret",
}
ACTION_LABELS = {
    "create": "Registrerad", "update": "Ändrad", "status": "Status ändrad", "upload": "Fil uppladdad",
    "deadline": "Svarsdag ändrad", "extension": "Förlängning", "milestone": "Tidplan", "draft": "Yttrande",
    "document": "Dokument", "mail": "E-post",
}


@dataclass(frozen=True)
class HistoryRow:
    at: str
    at_iso: str
    who: str
    action: str
    changes: list[tuple[str, str, str]]
    note: str


def _show(field: str, value, users: dict[int, str]) -> str:
    if value in (None, "", []):
        return "–"
    if field == "status":
        try:
            return RemissStatus(value).label
        except ValueError:
            return str(value)
    if field == "handlaggare_id":
        return users.get(value, f"användare {value}")
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def describe(session: Session, events: list[AuditEvent]) -> list[HistoryRow]:
    ids = {e.user_id for e in events if e.user_id}
    for e in events:
        changes = json.loads(e.changes or "{}")
        if "handlaggare_id" in changes:
            ids.update(v for v in changes["handlaggare_id"] if isinstance(v, int))
    users = dict(session.exec(select(User.id, User.name).where(User.id.in_(ids))).all()) if ids else {}
    rows = []
    for e in events:
        changes = json.loads(e.changes or "{}")
        rows.append(HistoryRow(
            at=sv_datetime(e.at), at_iso=e.at.isoformat(), who=users.get(e.user_id, "Systemet"),
            action=ACTION_LABELS.get(e.action, e.action),
            changes=[(FIELD_LABELS.get(k, k), _show(k, old, users), _show(k, new, users))
                     for k, (old, new) in changes.items()],
            note=e.note))
    return rows
