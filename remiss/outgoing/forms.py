"""Parse the outgoing forms (and the same JSON) into plain values, with Swedish messages per field."""
from __future__ import annotations

import re
from datetime import date, time

from remiss.outgoing.service.answers import AnswerData
from remiss.remisser.input import SANDLISTA_LIMIT, InputErrors, SandlistaItem, parse_date, parse_email, parse_time, too_long

TEXT_LIMIT = 20000



# Each kind of field cleaned from its raw value, raising ValueError with the Swedish message: the form parsers
# below and the API's models (remiss.outgoing.schemas) call the same functions.

def clean_flag(value) -> bool:
    """A checkbox: checked is "1", "on", "true" or "ja" (or JSON true)."""
    return value in (True, "1", "on", "true", "ja", 1)


def clean_text(value, limit: int = TEXT_LIMIT) -> str:
    value = value or ""
    if not isinstance(value, str):
        raise ValueError("Ska vara text.")
    if len(value) > limit:
        raise ValueError(too_long(limit, len(value)))
    return value.strip()


def clean_note(value, limit: int = 5000) -> str:
    """A note or reason: text, of which the first limit characters are kept (as the form does)."""
    value = value or ""
    if not isinstance(value, str):
        raise ValueError("Ska vara text.")
    return value[:limit]


def clean_date(value, *, required: bool = True) -> date | None:
    if value is None or value == "":
        if required:
            raise ValueError("Ange ett datum.")
        return None
    if not isinstance(value, str):
        raise ValueError("Ange ett giltigt datum som ÅÅÅÅ-MM-DD.")
    return parse_date(value)


def clean_time(value) -> time | None:
    return None if value is None or value == "" else parse_time(str(value))


ANSWERS_SHAPE = "Ska vara ett objekt: frågans id → svar."


def clean_answers(value) -> dict[int, str]:
    """{"<question id>": text} (JSON); each text at most TEXT_LIMIT characters, the rest cut."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(ANSWERS_SHAPE)
    answers = {}
    for key, text in value.items():
        if not str(key).isdigit() or not isinstance(text, str):
            raise ValueError("Ska vara ett objekt: frågans id → svar (text).")
        answers[int(key)] = text[:TEXT_LIMIT]
    return answers


def _clean(raw, key: str, errors: dict, clean, **kwargs):
    try:
        return clean(raw.get(key), **kwargs)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def parse_answer(raw, *, question_ids: list[int], today: date, uploads=()) -> AnswerData:
    """Read an answer from a form (q_<id> fields) or JSON ({"answers": {"<id>": text}})."""
    errors: dict[str, str] = {}
    answered_on = _clean(raw, "answered_on", errors, clean_date, required=False)
    answers = _clean(raw, "answers", errors, clean_answers) if isinstance(raw, dict) else {}
    answers = answers or {}
    for qid in question_ids:
        text = raw.get(f"q_{qid}")
        if isinstance(text, str) and text.strip():
            answers[qid] = text[:TEXT_LIMIT]
    data = AnswerData(answered_on=answered_on or today, no_comments=clean_flag(raw.get("no_comments")),
                      summary=_clean(raw, "summary", errors, clean_text, limit=5000) or "",
                      other_comments=_clean(raw, "other_comments", errors, clean_text) or "",
                      answers=answers, files=[(u.filename, u.read()) for u in uploads if u and u.filename],
                      date_from_mail=clean_flag(raw.get("date_from_mail")),
                      date_confirmed=clean_flag(raw.get("confirm_date")))
    if errors:
        raise InputErrors(errors)
    return data


def parse_until(raw, *, prefix: str = "until") -> tuple[date, object]:
    """A new deadline: <prefix>_on (required) and <prefix>_time (optional)."""
    errors: dict[str, str] = {}
    day = _clean(raw, f"{prefix}_on", errors, clean_date)
    at = _clean(raw, f"{prefix}_time", errors, clean_time)
    if errors:
        raise InputErrors(errors)
    return day, at


def parse_ids(values) -> list[int]:
    """Integer ids from a multi-value form field; anything else is ignored."""
    return [int(v) for v in values if str(v).isdigit()]


NEW_INSTANS_FORMATS = ("Skriv en instans per rad: ”Namn”, ”Namn; e-post”, ”Namn, e-post” eller ”Namn <e-post>”.")
# Trafiknämnden <trafik@example.se>, as Outlook copies
_ANGLED = re.compile(r'^\s*"?([^"<>]*?)"?\s*<([^<>]*)>\s*$')
ROWS_SHOWN = 20  # the bad rows named in one message; the rest are counted


def _new_instans_parts(line: str) -> list[tuple[str, str]]:
    """(name, e-mail) from one line: "Namn", "Namn; e-post", "Namn, e-post" (an address after the last comma) or
    "Namn <e-post>" (several, as Outlook copies them: "A <a@x.se>; B <b@x.se>"). Raises ValueError for a line
    that is none of them, so nothing is read wrong."""
    if "<" in line or ">" in line:
        found = [_ANGLED.match(part) for part in line.split(";") if part.strip()]
        if not found or not all(found):
            raise ValueError("kunde inte läsas")
        return [(m.group(1).strip(), m.group(2).strip()) for m in found]
    name, _, email = (part.strip() for part in line.partition(";"))
    if "@" in name and not email and "," in name:  # "Polisen region Syd, registrator.syd@polisen.se" (walk17 F8)
        name, _, email = (part.strip() for part in name.rpartition(","))
    if "@" in name:  # an address without the name, or in the name's place
        raise ValueError("kunde inte läsas")
    return [(name, email)]


def parse_new_instanser(text, *, field: str = "new_instanser") -> list[SandlistaItem]:
    """Instanser not in the register, one a line: "Namn", "Namn; e-post", "Namn, e-post" or "Namn <e-post>" (added
    to the nämnd's own names). A line that is none of these is refused with the formats, never read as a name;
    every bad line is named at once (walk17 F8). The rule of "Ny utgående remiss", of the sändlista on "Ändra
    uppgifter" (field: where errors go; walk14 #4) and of lines given to the API (edits.read_typed_lines)."""
    items, errors = read_new_instanser(text, field=field)
    if errors:
        raise InputErrors(errors)
    return items


def read_new_instanser(text, *, field: str = "new_instanser") -> tuple[list[SandlistaItem], dict[str, str]]:
    """parse_new_instanser's (the lines that could be read, {field: why the others could not} or {}): a form says
    what the lines read lack too, in the same answer (walk27 Y3)."""
    lines = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    if len(lines) > SANDLISTA_LIMIT:
        return [], {field: f"Högst {SANDLISTA_LIMIT} remissinstanser på en sändlista."}
    items, problems, unreadable = [], [], False
    for number, line in enumerate(lines, 1):
        try:
            parts = _new_instans_parts(line)
        except ValueError:
            problems.append(f"Rad {number} (”{line[:100]}”) kunde inte läsas.")
            unreadable = True
            continue
        for name, email in parts:
            if not name or len(name) > 300:
                problems.append(f"Rad {number}: ange ett namn (högst 300 tecken).")
                unreadable = True
                continue
            if email:
                try:
                    email = parse_email(email)
                except ValueError as exc:
                    problems.append(f"Rad {number}: {exc}")
                    continue
            items.append(SandlistaItem(name, email))
    if not problems:
        return items, ({field: f"Högst {SANDLISTA_LIMIT} remissinstanser på en sändlista."}
                       if len(items) > SANDLISTA_LIMIT else {})
    more = len(problems) - ROWS_SHOWN
    said = problems[:ROWS_SHOWN] + ([f"Ytterligare {more} {'rad' if more == 1 else 'rader'} har fel."]
                                    if more > 0 else [])
    return items, {field: " ".join(said + ([NEW_INSTANS_FORMATS] if unreadable else []))}
