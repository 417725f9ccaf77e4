"""Parse the planning forms (and API bodies) into plain values with Swedish messages per field."""
from __future__ import annotations

import json
from datetime import date, datetime, time

from remiss.calendar import Meeting
from remiss.clock import STOCKHOLM
from remiss.planning.service.meetings import KIND_LABELS, MeetingInput
from remiss.remisser.input import InputErrors, parse_date, parse_time


def _str(raw: dict, key: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    return value.strip()


def optional_date(raw: dict, key: str, errors: dict) -> date | None:
    text = _str(raw, key)
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def required_date(raw: dict, key: str, errors: dict, message: str = "Ange ett datum.") -> date | None:
    if not _str(raw, key):
        errors[key] = message
        return None
    return optional_date(raw, key, errors)


def optional_time(raw: dict, key: str, errors: dict) -> time | None:
    text = _str(raw, key)
    if not text:
        return None
    try:
        return parse_time(text)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def text(raw: dict, key: str, errors: dict, limit: int, *, required: str | None = None) -> str:
    value = _str(raw, key)
    if required and not value:
        errors[key] = required
    elif len(value) > limit:
        errors[key] = f"Skriv högst {limit} tecken."
    return value


def parse_meeting(raw: dict) -> MeetingInput:
    """Parse the meeting form; raise InputErrors naming each bad field."""
    errors: dict[str, str] = {}
    kind = _str(raw, "kind")
    if kind not in KIND_LABELS:
        errors["kind"] = "Välj nämnd eller arbetsutskott."
    day = required_date(raw, "day", errors, "Ange sammanträdets datum.")
    at = optional_time(raw, "time", errors)
    if not _str(raw, "time"):
        errors["time"] = "Ange klockslag, till exempel 17:00."
    place = text(raw, "place", errors, 200)
    handlingar = optional_date(raw, "handlingar_deadline", errors)
    if errors:
        raise InputErrors(errors)
    return MeetingInput(kind, day, at, place, handlingar)


def meetings_to_json(meetings: list[Meeting]) -> str:
    """Carry previewed meetings through the confirm form."""
    return json.dumps([{"kind": m.kind, "starts_at": m.starts_at.isoformat(), "place": m.place,
                        "handlingar": m.handlingar_deadline.isoformat() if m.handlingar_deadline else None}
                       for m in meetings], ensure_ascii=False)


def meetings_from_json(payload: str) -> list[Meeting]:
    """Read the confirm form's meetings back; raise InputErrors when tampered or broken."""
    try:
        rows = json.loads(payload)
        meetings = []
        for row in rows:
            starts_at = datetime.fromisoformat(row["starts_at"])
            if starts_at.tzinfo is None:
                starts_at = starts_at.replace(tzinfo=STOCKHOLM)
            if row["kind"] not in KIND_LABELS:
                raise ValueError(row["kind"])
            handlingar = date.fromisoformat(row["handlingar"]) if row.get("handlingar") else None
            meetings.append(Meeting(row["kind"], starts_at, str(row.get("place") or "")[:200], handlingar))
    except (ValueError, KeyError, TypeError, AttributeError):
        raise InputErrors({"file": "Förhandsgranskningen gick inte att läsa. Ladda upp filen igen."}) from None
    if not meetings:
        raise InputErrors({"file": "Det finns inga sammanträden att importera."})
    return meetings


def parse_override(raw: dict) -> tuple[int, date | None, str]:
    """Parse the override form: milestone id, the date (empty clears) and the reason."""
    errors: dict[str, str] = {}
    milestone_id = _str(raw, "milestone_id")
    if not milestone_id.isdigit():
        errors["milestone_id"] = "Välj en milstolpe."
    day = optional_date(raw, "override_on", errors)
    reason = text(raw, "reason", errors, 500)
    if day is not None and not reason:
        errors["reason"] = "Ange varför datumet ändras för hand."
    if errors:
        raise InputErrors(errors)
    return int(milestone_id), day, reason


def parse_request(raw: dict) -> dict:
    """Parse the extension request form into keyword arguments for request_extension."""
    errors: dict[str, str] = {}
    values = {
        "requested_by": text(raw, "requested_by", errors, 200, required="Ange vem som begärde förlängningen."),
        "requested_on": optional_date(raw, "requested_on", errors),
        "until_on": required_date(raw, "until_on", errors, "Ange vilket datum förlängningen gäller."),
        "until_time": optional_time(raw, "until_time", errors),
        "reason": text(raw, "reason", errors, 5000),
    }
    text(raw, "evidence_text", errors, 50000)
    if errors:
        raise InputErrors(errors)
    return values


def parse_decision(raw: dict) -> dict:
    """Parse the decision form: granted or denied, and the granted date."""
    errors: dict[str, str] = {}
    decision = _str(raw, "decision")
    if decision not in ("granted", "denied"):
        errors["decision"] = "Välj beviljad eller avslagen."
    values = {"granted": decision == "granted",
              "until_on": optional_date(raw, "granted_until_on", errors),
              "until_time": optional_time(raw, "granted_until_time", errors),
              "decided_on": optional_date(raw, "decided_on", errors)}
    text(raw, "evidence_text", errors, 50000)
    if errors:
        raise InputErrors(errors)
    return values


def parse_notice(raw: dict) -> dict:
    """Parse the general notice form (the remittent extends for everyone)."""
    errors: dict[str, str] = {}
    values = {"sender": text(raw, "sender", errors, 200),
              "until_on": required_date(raw, "until_on", errors, "Ange vilket datum remisstiden förlängs till."),
              "until_time": optional_time(raw, "until_time", errors),
              "notice_on": optional_date(raw, "notice_on", errors)}
    text(raw, "evidence_text", errors, 50000)
    if errors:
        raise InputErrors(errors)
    return values


def parse_month(value: str | None, today: date) -> date:
    """Parse ?manad=2026-12 into the first of that month; raise InputErrors otherwise."""
    if not value:
        return today.replace(day=1)
    try:
        year, month = value.strip().split("-")
        if len(year) != 4:
            raise ValueError(value)
        return date(int(year), int(month), 1)
    except ValueError:
        raise InputErrors({"manad": "Ange månaden som ÅÅÅÅ-MM, till exempel 2026-12."}) from None
