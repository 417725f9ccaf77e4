"""Parse the planning forms (and API bodies) into plain values with Swedish messages per field."""
from __future__ import annotations

import json
from datetime import date, datetime, time

from remiss.calendar import Meeting
from remiss.clock import STOCKHOLM
from remiss.planning.service.meetings import KIND_LABELS, MeetingInput
from remiss.remisser.input import InputErrors, parse_date, parse_time, too_long


def _text_of(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    return value.strip()


def _str(raw: dict, key: str) -> str:
    return _text_of(raw.get(key))


# Each kind of field cleaned from its raw value, raising ValueError with the Swedish message: the form parsers
# below and the API's models (remiss.planning.schemas) call the same functions.

def clean_date(value, *, required: str | None = None) -> date | None:
    text = _text_of(value)
    if not text:
        if required:
            raise ValueError(required)
        return None
    return parse_date(text)


def clean_time(value) -> time | None:
    text = _text_of(value)
    return parse_time(text) if text else None


def clean_text(value, limit: int, *, required: str | None = None) -> str:
    value = _text_of(value)
    if required and not value:
        raise ValueError(required)
    if len(value) > limit:
        raise ValueError(too_long(limit, len(value)))  # "Högst 50 000 tecken (texten har 84 800)." (walk24 V3)
    return value


def clean_decision(value) -> str:
    value = _text_of(value)
    if value not in ("granted", "denied"):
        raise ValueError(DECISION_MISSING)
    return value


REQUESTED_BY_MISSING = "Ange vem som begärde förlängningen."
UNTIL_MISSING = "Ange vilket datum förlängningen gäller."
DECISION_MISSING = "Välj beviljad eller avslagen."
LIMITS = {"requested_by": 200, "reason": 5000, "evidence_text": 50000}


def _clean(raw: dict, key: str, errors: dict, clean, **kwargs):
    try:
        return clean(raw.get(key), **kwargs)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def optional_date(raw: dict, key: str, errors: dict) -> date | None:
    return _clean(raw, key, errors, clean_date)


def required_date(raw: dict, key: str, errors: dict, message: str = "Ange ett datum.") -> date | None:
    return _clean(raw, key, errors, clean_date, required=message)


def optional_time(raw: dict, key: str, errors: dict) -> time | None:
    return _clean(raw, key, errors, clean_time)


def text(raw: dict, key: str, errors: dict, limit: int, *, required: str | None = None) -> str:
    value = _clean(raw, key, errors, clean_text, limit=limit, required=required)
    return _str(raw, key) if value is None else value


# the hint above the field says the same example (templates/planning/meetings.html)
MEETING_TIME_MESSAGE = "Ange klockslag, till exempel 17.00."


def meeting_time_refusal(typed: str) -> str:
    """The refusal of a typed Klockslag that is none: what was typed, and what a klockslag is (session 30 B7: "25.00"
    was told "Ange klockslag …", as if nothing had been typed); MEETING_TIME_MESSAGE when nothing was."""
    typed = " ".join(typed.split())
    if not typed:
        return MEETING_TIME_MESSAGE
    shown = typed if len(typed) <= 40 else typed[:39] + "…"
    return f"”{shown}” är inget klockslag – skriv en tid mellan 00.00 och 23.59, till exempel 17.00."


# the meeting form's fields in the order templates/planning/meetings.html shows them: its error summary's order
MEETING_FIELDS = ("kind", "day", "time", "place", "handlingar_deadline", "confirm_past")


def parse_meeting(raw: dict) -> MeetingInput:
    """Parse the meeting form; raise InputErrors naming each bad field."""
    errors: dict[str, str] = {}
    kind = _str(raw, "kind")
    if kind not in KIND_LABELS:
        errors["kind"] = "Välj nämnd eller arbetsutskott."
    day = required_date(raw, "day", errors, "Ange sammanträdets datum.")
    at = None
    try:
        at = parse_time(_str(raw, "time"))  # "17.00", "kl 17", "17" (walk11 #14)
    except ValueError:
        errors["time"] = meeting_time_refusal(_str(raw, "time"))
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


class Unreadable(InputErrors):
    """A form's errors, with what could be read of it (None where a field could not be read): for the checks that
    need the remiss, so that they too are said in the same round (walk24 V2)."""

    def __init__(self, errors: dict[str, str], values: dict):
        super().__init__(errors)
        self.values = values


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
    if errors:  # what could be read, for the date's own checks in the same round (walk29 A6)
        raise Unreadable(errors, {"milestone_id": None if "milestone_id" in errors else int(milestone_id),
                                  "day": day})
    return int(milestone_id), day, reason


def parse_request(raw: dict) -> dict:
    """Parse the extension request form into keyword arguments for request_extension; Unreadable when a field is
    wrong, with what could be read, so that the service's checks are said in the same round (session 25)."""
    errors: dict[str, str] = {}
    values = {
        "requested_by": text(raw, "requested_by", errors, LIMITS["requested_by"], required=REQUESTED_BY_MISSING),
        "requested_on": optional_date(raw, "requested_on", errors),
        "until_on": required_date(raw, "until_on", errors, UNTIL_MISSING),
        "until_time": optional_time(raw, "until_time", errors),
        "reason": text(raw, "reason", errors, LIMITS["reason"]),
    }
    text(raw, "evidence_text", errors, LIMITS["evidence_text"])
    if errors:
        raise Unreadable(errors, values)
    return values


def parse_decision(raw: dict) -> dict:
    """Parse the decision form: granted or denied, and the granted date."""
    errors: dict[str, str] = {}
    decision = _clean(raw, "decision", errors, clean_decision)
    values = {"granted": decision == "granted",
              "until_on": optional_date(raw, "granted_until_on", errors),
              "until_time": optional_time(raw, "granted_until_time", errors),
              "decided_on": optional_date(raw, "decided_on", errors)}
    text(raw, "evidence_text", errors, LIMITS["evidence_text"])
    if errors:
        raise InputErrors(errors)
    return values


def parse_notice(raw: dict) -> dict:
    """Parse the general notice form (the remittent extends for everyone); Unreadable when a field is wrong."""
    errors: dict[str, str] = {}
    values = {"sender": text(raw, "sender", errors, 200),
              "until_on": required_date(raw, "until_on", errors, "Ange vilket datum remisstiden förlängs till."),
              "until_time": optional_time(raw, "until_time", errors),
              "notice_on": optional_date(raw, "notice_on", errors)}
    text(raw, "evidence_text", errors, LIMITS["evidence_text"])
    if errors:
        raise Unreadable(errors, values)
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
