"""Turn audit events into display rows for the remiss page."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import bindparam, select
from sqlmodel import Session

from remiss.auth.models import User
from remiss.calendar.planner import LABELS as MILESTONE_LABELS
from remiss.calendar.swedish import format_date, format_date_time
from remiss.namnd.models import Namnd
from remiss.remisser.models import Direction, RemissKind
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
    "rattelse": "Rättelse nr",  # of the expedierat yttrande (drafting.service.start_rattelse)
    # extensions (remiss.planning.service.extensions)
    "requested_until": "Begärd till", "decision": "Besked", "granted_until": "Beviljad till",
    # the tidplan (remiss.planning.service.tidplan): a milestone's date, set by hand, or done
    **MILESTONE_LABELS,
    **{f"override:{kind}": f"{label} (satt för hand)" for kind, label in MILESTONE_LABELS.items()},
    **{f"done:{kind}": f"{label} (klar)" for kind, label in MILESTONE_LABELS.items()},
}
ACTION_LABELS = {
    "create": "Registrerad", "update": "Ändrad", "status": "Status ändrad", "upload": "Fil uppladdad",
    "deadline": "Svarsdag ändrad", "extension": "Förlängning", "milestone": "Tidplan", "draft": "Yttrande",
    "document": "Dokument", "mail": "E-post",
    "rattelse": "Rättelse",  # of an expedierat yttrande (drafting.service.start_rattelse)
}


@dataclass(frozen=True)
class HistoryRow:
    at: str
    at_iso: str
    who: str
    action: str
    changes: list[tuple[str, str, str]]
    note: str


def _show(field: str, value, names: dict[str, dict]) -> str:
    """A changed value as a registrator would write it in the diarium."""
    if value in (None, "", []):
        return "–"
    if field == "status":
        return _label(RemissStatus, value)
    if field == "direction":
        return _label(Direction, value)
    if field == "kind":
        return _label(RemissKind, value)
    if field in ("handlaggare_id", "namnd_id"):
        return names[field].get(value, "okänd" if field == "namnd_id" else f"användare {value}")
    if field == "size" and isinstance(value, int):
        return f"{max(1, round(value / 1024))} kB"
    if field.startswith("done:"):
        return "klar" if value else "inte klar"
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, str) or v is None for v in value) and _is_date(value[0]):
            return " ".join(_moment(v) for v in value if v)  # a deadline: [date, time]
        return "; ".join(_moment(v) if isinstance(v, str) else str(v) for v in value)
    return _moment(value) if isinstance(value, str) else str(value)


def _label(enum, value) -> str:
    try:
        return enum(value).label
    except ValueError:
        return str(value)


def _is_date(text) -> bool:
    try:
        date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


def _moment(text: str) -> str:
    """An ISO date, time or moment in Swedish ("31 mars 2010", "kl. 12.00"); other text as it is."""
    for parse, show in ((date.fromisoformat, format_date), (_clock, lambda t: f"kl. {t:%H.%M}"),
                        (datetime.fromisoformat, format_date_time)):
        try:
            return show(parse(text))
        except ValueError:
            continue
    return text


def _clock(text: str) -> time:
    if len(text) not in (5, 8) or text[2] != ":":
        raise ValueError(text)
    return time.fromisoformat(text)


_U = User.__table__.c
_N = Namnd.__table__.c
_USER_NAMES = select(_U.id, _U.name).where(_U.id.in_(bindparam("ids", expanding=True)))
_NAMND_NAMES = select(_N.id, _N.name).where(_N.id.in_(bindparam("ids", expanding=True)))


def describe(session: Session, events: list) -> list[HistoryRow]:
    """Display rows for events as audit.history_rows reads them (with the actor's user_name)."""
    parsed = [(e, json.loads(e.changes or "{}")) for e in events]
    users = {e.user_id: e.user_name for e in events if e.user_id and e.user_name is not None}
    named = {field: {v for _, changes in parsed for v in changes.get(field, ()) if isinstance(v, int)}
             for field in ("handlaggare_id", "namnd_id")}
    if named["handlaggare_id"] - users.keys():  # handläggare named in changes who did nothing themselves
        users.update(session.connection().execute(_USER_NAMES, {"ids": sorted(named["handlaggare_id"])}).all())
    namnder = dict(session.connection().execute(_NAMND_NAMES, {"ids": sorted(named["namnd_id"])}).all()) \
        if named["namnd_id"] else {}
    names = {"handlaggare_id": users, "namnd_id": namnder}
    rows = []
    for e, changes in parsed:
        shown = [(FIELD_LABELS.get(k, k), _show(k, old, names), _show(k, new, names))
                 for k, (old, new) in changes.items()]
        rows.append(HistoryRow(
            at=format_date_time(e.at), at_iso=e.at.isoformat(), who=users.get(e.user_id, "Systemet"),
            action=ACTION_LABELS.get(e.action, e.action),
            changes=[change for change in shown if change[1] != change[2]], note=e.note))
    return rows
