"""Parse the yttrande form into draft sections, and turn sections back into form values."""
from __future__ import annotations


from remiss import stale_form
from remiss.drafting.content import LINE_FIELDS, MAX_SECTIONS, TEXT_FIELDS
from remiss.remisser import question_match
from remiss.remisser.input import InputErrors, parse_date

EXTRA_SECTION_SLOTS = 2  # empty rubrik/text pairs offered for new free sections
BASE = stale_form.VERSION  # the hidden field: the version the form's text builds on



# the draft form's fields after its free sections, in their order on the page (templates/drafting/_form.html)
AFTER_SECTIONS = ("ovriga_synpunkter", "forslag_till_beslut", "beslutsunderlag", "remiss_sammanfattning", "arendet",
                  "ansvariga", "ordforande", "forvaltningschef", "forvaltningschef_titel", "reservationer", "comment")


def draft_fields(n_questions: int) -> tuple[str, ...]:
    """The draft form's fields in their order on the page, for its error summary (remiss.field_order): the
    sammanfattning, an answer per frågeställning, the free sections (each its rubrik, then its text), the rest."""
    return ("sammanfattning", "svar", *(f"svar-{n}" for n in range(1, n_questions + 1)), "avsnitt",
            *(f"avsnitt-{n}{part}" for n in range(1, MAX_SECTIONS + 1) for part in ("", "-rubrik", "-text")),
            *AFTER_SECTIONS)


def values_of(content: dict) -> dict:
    """Return form values (field name -> text) for the sections of a draft."""
    values = {key: content.get(key, "") for key in TEXT_FIELDS + LINE_FIELDS}
    for position, item in enumerate(content.get("svar", []), 1):
        values[f"svar-{position}"] = item.get("text", "")
    for position, item in enumerate(content.get("avsnitt", []), 1):
        values[f"avsnitt-{position}-rubrik"] = item["rubrik"]
        values[f"avsnitt-{position}-text"] = item.get("text", "")
        values[f"avsnitt-{position}-id"] = item.get("id", "")  # carried by the form: the merge matches by it
    return values


def section_slots(values: dict, extra: int = EXTRA_SECTION_SLOTS) -> int:
    """Return how many free-section slots the form shows: the filled ones plus a few empty."""
    filled = [n for n in range(1, MAX_SECTIONS + 1)
              if values.get(f"avsnitt-{n}-rubrik") or values.get(f"avsnitt-{n}-text")]
    return min(MAX_SECTIONS, (max(filled) if filled else 0) + extra)


def raw_from_form(form, n_questions: int, has_sections: bool,
                  questions: list[tuple[int, str]] | None = None) -> tuple[dict, int | None]:
    """Return (raw sections, base version) from a submitted form; InputErrors for a bad version."""
    raw = {key: form[key] for key in TEXT_FIELDS + LINE_FIELDS if key in form}
    if n_questions:
        raw["svar"] = _by_question(form, questions) or [form.get(f"svar-{n}", "") for n in range(1, n_questions + 1)]
    if has_sections and any(key.startswith("avsnitt-") for key in form):  # none sent: the sections stay as they are
        raw["avsnitt"] = [{"rubrik": form.get(f"avsnitt-{n}-rubrik", ""), "text": form.get(f"avsnitt-{n}-text", ""),
                           **({"id": form[f"avsnitt-{n}-id"]} if form.get(f"avsnitt-{n}-id") else {})}
                          for n in range(1, MAX_SECTIONS + 1)
                          if f"avsnitt-{n}-rubrik" in form or f"avsnitt-{n}-text" in form]
    base = stale_form.posted(form, BASE) or ""
    if base and not base.isdigit():
        raise InputErrors({"base_version": "Ogiltigt versionsnummer."})
    return raw, int(base) if base else None


def _by_question(form, questions: list[tuple[int, str]] | None) -> list[str] | None:
    """The answers typed, each for the question the form showed it under (fraga-N-id, fraga-N), in the order of
    questions, matched as the draft is (remisser.question_match): a form opened before the registrator changed the
    questions still answers each question with its own text (walk18 F10). None for a form without them (an older
    page, a client of its own)."""
    shown = [(int(form[f"fraga-{n}-id"]) if str(form[f"fraga-{n}-id"]).isdigit() else None,
              form.get(f"fraga-{n}", ""), form.get(f"svar-{n}", ""))
             for n in range(1, len(form) + 1) if f"fraga-{n}-id" in form]
    if not shown or not questions:
        return None
    found = question_match.match([(qid, text) for qid, text, _ in shown], questions)
    return [shown[index][2] if index is not None else "" for index in found]


def _day(raw, key: str, errors: dict):
    text = str(raw.get(key) or "").strip()
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        errors[key] = str(exc)
        return None


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in ("1", "on", "true", "ja", "yes")


def decision_from(raw) -> dict:
    """Parse the beslut form (or API body) into record_decision's keyword values. A field it cannot read (a bad
    date) is None, its message in "unread": the service says it with its own checks of the rest, in one answer
    (walk27 Y1: a date outside 1900–2199 hid the paragraf and the sammanträdesplan's question)."""
    errors: dict[str, str] = {}
    for key in ("decided_by", "paragraf", "delegat"):
        if raw.get(key) is not None and not isinstance(raw.get(key), str):
            errors[key] = "Ska vara text."
    values = {"decided_by": str(raw.get("decided_by") or "namnd"), "paragraf": str(raw.get("paragraf") or ""),
              "delegat": str(raw.get("delegat") or ""), "meeting_on": _day(raw, "meeting_on", errors),
              "omedelbar_justering": _flag(raw.get("omedelbar_justering")),
              "justerad_on": _day(raw, "justerad_on", errors),
              "confirm_meeting": _flag(raw.get("confirm_meeting")),
              "confirm_before_approval": _flag(raw.get("confirm_before_approval"))}
    if values["decided_by"] == "delegat":
        errors.pop("justerad_on", None)  # a delegationsbeslut is not justerat: what that field held is moot
    return values | {"unread": errors}


# the beslut form's fields in their order on the page (templates/drafting/_panel.html): its error summary lists
# them so (walk26b X17), the service's and the file's errors too (drafting.views.decision); the questions about the
# date follow the date, before Paragraf (walk28 Z10)
DECISION_FIELDS = ("decided_by", "delegat", "meeting_on", "confirm_before_approval", "confirm_meeting", "paragraf",
                   "omedelbar_justering", "justerad_on", "protokollsutdrag")
DELEGAT_MISSING = "Ange delegatens namn och titel."


def justering_from(raw) -> dict:
    """Parse the justering form (or API body) into record_justering's keyword values, as decision_from."""
    errors: dict[str, str] = {}
    return {"justerad_on": _day(raw, "justerad_on", errors), "unread": errors}
