"""Parse and validate remiss input from forms and the API into plain data, with Swedish messages."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from email_validator import EmailNotValidError, validate_email

from remiss.missiv.dates import find_dates
from remiss.remisser.models import Direction, RemissKind


class InputErrors(ValueError):
    """Field → Swedish message for every field that was wrong."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class SandlistaItem:
    name: str
    email: str = ""
    group_name: str = ""


@dataclass
class RemissData:
    title: str
    namnd_id: int
    direction: str = Direction.inkommande
    kind: str = RemissKind.remiss
    remittent: str = ""
    sender_dnr: str = ""
    our_dnr: str = ""
    received_on: date | None = None
    letter_date: date | None = None
    deadline_on: date | None = None
    deadline_time: time | None = None
    answer_email: str = ""
    answer_address: str = ""
    copy_emails: list[str] = field(default_factory=list)
    contact_person: str = ""
    contact_email: str = ""
    handlaggare_id: int | None = None
    notes: str = ""
    missiv_text: str = ""
    answer_instructions: str = ""
    questions: list[str] = field(default_factory=list)
    sandlista: list[SandlistaItem] = field(default_factory=list)


LIMITS = {"title": 500, "remittent": 300, "sender_dnr": 100, "our_dnr": 100, "contact_person": 200,
          "answer_address": 2000, "notes": 20000, "missiv_text": 200000, "answer_instructions": 5000}

_TIME = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})$", re.IGNORECASE)
_DATE_SV = re.compile(r"^(\d{1,2})/(\d{1,2})[ -](\d{4})$")


def parse_date(text: str) -> date:
    """Parse a date as people type it: 2010-03-31, 20100331, 31/3 2010, 31/3-10, 31 mars 2010, onsdag 31 mars 2010;
    raise ValueError with a Swedish message."""
    text = " ".join(text.split())
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DATE_SV.match(text)
    if match:
        day, month, year = map(int, match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    found = find_dates(text)
    if len(found) == 1 and found[0].year is not None and not text[:found[0].start].strip(" ,") \
            and not text[found[0].end:].strip(" .,"):
        return date(found[0].year, found[0].month, found[0].day)
    raise ValueError("Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2010-03-31.")


def parse_time(text: str) -> time:
    match = _TIME.match(text.strip())
    if match:
        hour, minute = map(int, match.groups())
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError("Ange klockslag som TT:MM, till exempel 12:00.")


def parse_email(text: str) -> str:
    try:
        return validate_email(text.strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise ValueError(f"”{text.strip()}” är inte en giltig e-postadress.") from None


def split_lines(value) -> list[str]:
    """Accept a list or text with one item per line; drop blanks and list numbering."""
    items = value if isinstance(value, list) else str(value or "").splitlines()
    out = []
    for item in items:
        text = re.sub(r"^\s*(?:\d+[.)]|[-•*])\s+", "", str(item)).strip()
        if text:
            out.append(text)
    return out


def _text(raw: dict, key: str, errors: dict, *, required: bool = False) -> str:
    value = raw.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[key] = "Ska vara text."
        return ""
    value = value.strip()
    if required and not value:
        errors[key] = "Fältet måste fyllas i."
    elif key in LIMITS and len(value) > LIMITS[key]:
        errors[key] = f"Högst {LIMITS[key]} tecken."
    return value


def _optional(raw: dict, key: str, parser, errors: dict):
    value = raw.get(key)
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        errors[key] = "Ska vara text."
        return None
    try:
        return parser(value)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def _int(raw: dict, key: str, errors: dict, *, required: bool = False) -> int | None:
    value = raw.get(key)
    if value in (None, ""):
        if required:
            errors[key] = "Fältet måste fyllas i."
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or not 0 < number < 2**31:
        errors[key] = "Ogiltigt val."
        return None
    return number


def _sandlista(value, errors: dict) -> list[SandlistaItem]:
    items = []
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for i, entry in enumerate(value, 1):
            if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
                errors["sandlista"] = f"Rad {i} saknar namn."
                continue
            email = str(entry.get("email") or "").strip()
            if email:
                try:
                    email = parse_email(email)
                except ValueError as exc:
                    errors["sandlista"] = f"Rad {i}: {exc}"
            items.append(SandlistaItem(str(entry["name"]).strip()[:300], email,
                                       str(entry.get("group_name") or entry.get("group") or "").strip()[:200]))
        return items
    if value is not None and not isinstance(value, (list, str)):
        errors["sandlista"] = "Ska vara en lista."
        return []
    return [SandlistaItem(name[:300]) for name in split_lines(value)]


def parse_remiss_input(raw: dict, *, partial: bool = False) -> tuple[dict, dict[str, str]]:
    """Return (clean values, errors) from a form or JSON mapping; partial keeps only given keys."""
    errors: dict[str, str] = {}
    clean: dict = {}

    def given(key: str) -> bool:
        return not partial or key in raw

    for key in ("remittent", "sender_dnr", "our_dnr", "contact_person", "answer_address",
                "notes", "missiv_text", "answer_instructions"):
        if given(key):
            clean[key] = _text(raw, key, errors)
    if given("title"):
        clean["title"] = _text(raw, "title", errors, required=True)
    for key in ("received_on", "letter_date", "deadline_on"):
        if given(key):
            clean[key] = _optional(raw, key, parse_date, errors)
    if given("deadline_time"):
        clean["deadline_time"] = _optional(raw, "deadline_time", parse_time, errors)
        if clean["deadline_time"] and not clean.get("deadline_on") and not partial:
            errors["deadline_on"] = "Ange datum när klockslag är angivet."
    for key in ("answer_email", "contact_email"):
        if given(key):
            clean[key] = _optional(raw, key, parse_email, errors) or ""
    if given("copy_emails"):
        value = raw.get("copy_emails") or []
        parts = value if isinstance(value, list) else re.split(r"[,;\s]+", str(value))
        clean["copy_emails"] = []
        for part in (p for p in parts if str(p).strip()):
            try:
                clean["copy_emails"].append(parse_email(str(part)))
            except ValueError as exc:
                errors["copy_emails"] = str(exc)
    if given("direction"):
        value = raw.get("direction") or Direction.inkommande
        if value not in Direction.__members__:
            errors["direction"] = "Riktning ska vara inkommande eller utgående."
        clean["direction"] = value
    if given("kind"):
        value = raw.get("kind") or RemissKind.remiss
        if value not in RemissKind.__members__:
            errors["kind"] = "Okänd ärendetyp."
        clean["kind"] = value
    if given("namnd_id"):
        clean["namnd_id"] = _int(raw, "namnd_id", errors, required=True)
    if given("handlaggare_id"):
        clean["handlaggare_id"] = _int(raw, "handlaggare_id", errors)
    if given("questions"):
        value = raw.get("questions")
        if value is not None and not isinstance(value, (list, str)):
            errors["questions"] = "Ska vara en lista."
        else:
            clean["questions"] = [q[:5000] for q in split_lines(value)]
    if given("sandlista"):
        clean["sandlista"] = _sandlista(raw.get("sandlista"), errors)
    return clean, errors


def to_remiss_data(raw: dict) -> RemissData:
    """Parse a complete registration or raise InputErrors."""
    clean, errors = parse_remiss_input(raw)
    if errors:
        raise InputErrors(errors)
    return RemissData(**clean)
