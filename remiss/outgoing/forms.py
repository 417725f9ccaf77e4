"""Parse the outgoing forms (and the same JSON) into plain values, with Swedish messages per field."""
from __future__ import annotations

from datetime import date


from remiss.outgoing.service.answers import AnswerData
from remiss.remisser.input import InputErrors, parse_date, parse_time

TEXT_LIMIT = 20000



def _truthy(value) -> bool:
    return value in (True, "1", "on", "true", "ja", 1)


def _text(raw, key: str, errors: dict, limit: int = TEXT_LIMIT) -> str:
    value = raw.get(key) or ""
    if not isinstance(value, str):
        errors[key] = "Ska vara text."
        return ""
    if len(value) > limit:
        errors[key] = f"Högst {limit} tecken."
    return value.strip()


def _date(raw, key: str, errors: dict, *, required: bool = True, default: date | None = None) -> date | None:
    value = raw.get(key)
    if value in (None, ""):
        if required and default is None:
            errors[key] = "Ange ett datum."
        return default
    if not isinstance(value, str):
        errors[key] = "Ange ett giltigt datum som ÅÅÅÅ-MM-DD."
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def parse_answer(raw, *, question_ids: list[int], today: date, uploads=()) -> AnswerData:
    """Read an answer from a form (q_<id> fields) or JSON ({"answers": {"<id>": text}})."""
    errors: dict[str, str] = {}
    answered_on = _date(raw, "answered_on", errors, default=today)
    answers: dict[int, str] = {}
    given = raw.get("answers") if isinstance(raw, dict) else None
    if given is not None:
        if not isinstance(given, dict):
            errors["answers"] = "Ska vara ett objekt: frågans id → svar."
        else:
            for key, text in given.items():
                if not str(key).isdigit() or not isinstance(text, str):
                    errors["answers"] = "Ska vara ett objekt: frågans id → svar (text)."
                    break
                answers[int(key)] = text[:TEXT_LIMIT]
    for qid in question_ids:
        text = raw.get(f"q_{qid}")
        if isinstance(text, str) and text.strip():
            answers[qid] = text[:TEXT_LIMIT]
    data = AnswerData(answered_on=answered_on or today, no_comments=_truthy(raw.get("no_comments")),
                      summary=_text(raw, "summary", errors, 5000), other_comments=_text(raw, "other_comments", errors),
                      answers=answers, files=[(u.filename, u.read()) for u in uploads if u and u.filename])
    if errors:
        raise InputErrors(errors)
    return data


def parse_until(raw, *, prefix: str = "until") -> tuple[date, object]:
    """A new deadline: <prefix>_on (required) and <prefix>_time (optional)."""
    errors: dict[str, str] = {}
    day = _date(raw, f"{prefix}_on", errors)
    at = None
    value = raw.get(f"{prefix}_time")
    if value not in (None, ""):
        try:
            at = parse_time(str(value))
        except ValueError as exc:
            errors[f"{prefix}_time"] = str(exc)
    if errors:
        raise InputErrors(errors)
    return day, at


def parse_ids(values) -> list[int]:
    """Integer ids from a multi-value form field; anything else is ignored."""
    return [int(v) for v in values if str(v).isdigit()]
