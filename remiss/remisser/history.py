"""Turn audit events into display rows for the remiss page."""
from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.auth.models import User
from remiss.calendar.swedish import format_date_time
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


_U = User.__table__.c
_NAMES = select(_U.id, _U.name).where(_U.id.in_(bindparam("ids", expanding=True)))


def describe(session: Session, events: list) -> list[HistoryRow]:
    """Display rows for events as audit.history_rows reads them (with the actor's user_name)."""
    parsed = [(e, json.loads(e.changes or "{}")) for e in events]
    users = {e.user_id: e.user_name for e in events if e.user_id and e.user_name is not None}
    ids = {v for _, changes in parsed for v in changes.get("handlaggare_id", ()) if isinstance(v, int)} - users.keys()
    if ids:  # handläggare named in changes who did nothing themselves
        users.update(session.connection().execute(_NAMES, {"ids": sorted(ids)}).all())
    rows = []
    for e, changes in parsed:
        rows.append(HistoryRow(
            at=format_date_time(e.at), at_iso=e.at.isoformat(), who=users.get(e.user_id, "Systemet"),
            action=ACTION_LABELS.get(e.action, e.action),
            changes=[(FIELD_LABELS.get(k, k), _show(k, old, users), _show(k, new, users))
                     for k, (old, new) in changes.items()],
            note=e.note))
    return rows
