"""The sections of a yttrande draft as plain JSON: their fields and limits, pasted text, validation."""
from __future__ import annotations

import copy
import re
import secrets


# Re-exported: callers read the whole draft vocabulary as content.<name> (also as `sections`).
from remiss.drafting.composing import (  # noqa: F401
    NO_COMMENTS_ON_QUESTION, WITHOUT_QUESTION, Defaults, align_questions, answer_unanswered, answers_followed,
    by_delegation, forslag_till_beslut, initial_content,
    inga_synpunkter_content, is_inga_synpunkter, no_comments_summary, rattelse_content, remiss_summary)
from remiss.drafting.reading import (  # noqa: F401
    LABELS, UNANSWERED_MARK, SectionDiff, compare, field_label, labelled_sections, paragraphs, readable_sections,
    unanswered, unanswered_text, without_text)
from remiss.calendar.swedish import swedish_number
from remiss.remisser.input import UNKNOWN_FIELD, InputErrors
from remiss.remisser.kind_words import ARENDE, REMISS

# Text fields holding paragraphs; one line is one paragraph in the Word document.
TEXT_FIELDS = ("sammanfattning", "ovriga_synpunkter", "forslag_till_beslut", "arendet",
               "beslutsunderlag", "ansvariga", "reservationer", "remiss_sammanfattning")
LINE_FIELDS = ("ordforande", "forvaltningschef", "forvaltningschef_titel")
MAX_TEXT = 100_000
MAX_LINE = 200
MAX_SECTIONS = 50
SECTION_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")  # a free section's id: "p2" (saved before ids), or random hex


_BULLET = re.compile(r"^[ \t]*[•·▪◦‣∙–—*][ \t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0c\x0e-\x1f\x7f]")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Keep the paragraphs of text pasted from Word; Word bullets become '- '."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n").replace("\u2028", "\n")
    text = _CONTROL.sub("", text)  # a non-breaking space ("2 000") stays one
    lines = []
    for line in text.split("\n"):
        line = line.rstrip()
        if _BULLET.match(line):
            line = "- " + _BULLET.sub("", line, count=1)
        lines.append(line)
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")


# The messages of the checks below, which the API's models (remiss.drafting.schemas) make too.
ANSWER_SHAPE = "Ange svaret som text eller som {\"question_id\": …, \"text\": …} för en fråga i remissen."
SECTION_SHAPE = "Ett avsnitt ska ha rubrik och text."
SECTION_NEEDS_RUBRIK = "Ett avsnitt med text behöver en rubrik."
NOT_A_FLAG = "Ska vara true eller false."


def clean_text(value, limit: int = MAX_TEXT) -> str:
    """Normalised text of one section (limit MAX_LINE: one line); ValueError with the Swedish message."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("Ska vara text.")
    value = normalize_text(value)
    if limit == MAX_LINE and "\n" in value:
        raise ValueError("Ska vara en rad.")
    if len(value) > limit:
        raise ValueError(f"Texten är för lång ({swedish_number(len(value))} tecken; högst {swedish_number(limit)}).")
    return value


def clean_flag(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError(NOT_A_FLAG)
    return value


def clean_answer(value):
    """One answer: its text, or {"question_id": …, "text": …} (the question is checked against the remiss later)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict) and isinstance(value.get("question_id"), int):
        return {"question_id": value["question_id"], "text": clean_text(value.get("text", ""))}
    raise ValueError(ANSWER_SHAPE)


def _text(value, name: str, errors: dict, limit: int = MAX_TEXT) -> str:
    try:
        return clean_text(value, limit)
    except ValueError as exc:
        errors[name] = str(exc)
        return "" if not isinstance(value, str) else normalize_text(value)


def validate(raw: dict, base: dict) -> dict:
    """Return base updated with the fields of raw, or raise InputErrors with Swedish messages."""
    if not isinstance(raw, dict):
        raise InputErrors({"content": "Utkastet ska vara ett JSON-objekt."})
    errors: dict[str, str] = {}
    content = copy.deepcopy(base)
    known = set(TEXT_FIELDS) | set(LINE_FIELDS) | {"svar", "avsnitt", "inga_synpunkter"}
    for key in raw:
        if key not in known:
            errors[key] = UNKNOWN_FIELD
    for key in TEXT_FIELDS:
        if key in raw:
            content[key] = _text(raw[key], key, errors)
    for key in LINE_FIELDS:
        if key in raw:
            content[key] = _text(raw[key], key, errors, MAX_LINE)
    if "inga_synpunkter" in raw:
        try:
            content["inga_synpunkter"] = clean_flag(raw["inga_synpunkter"])
        except ValueError as exc:
            errors["inga_synpunkter"] = str(exc)
    if "svar" in raw:
        _validate_answers(raw["svar"], content, errors)
    if "avsnitt" in raw:
        _validate_sections(raw["avsnitt"], content, errors)
    if errors:
        raise InputErrors(errors)
    return content


def _validate_answers(value, content: dict, errors: dict) -> None:
    answers = content["svar"]
    if not isinstance(value, list) or len(value) > len(answers):
        errors["svar"] = f"Ange en lista med högst {len(answers)} svar, ett per frågeställning."
        return
    by_id = {item["question_id"]: item for item in answers}
    for position, item in enumerate(value):
        name = f"svar-{position + 1}"
        if isinstance(item, str):
            answers[position]["text"] = _text(item, name, errors)
        elif isinstance(item, dict) and item.get("question_id") in by_id:
            by_id[item["question_id"]]["text"] = _text(item.get("text", ""), name, errors)
        else:
            errors[name] = ANSWER_SHAPE


def with_section_ids(content: dict) -> dict:
    """content with an id on every free section, which the two-tab merge matches sections by (drafting.merge).
    A section saved before sections had ids gets "p<place>": the same in every version saved so, and carried
    from there by the form, so such drafts keep working."""
    for position, item in enumerate(content.get("avsnitt", []), 1):
        if not isinstance(item.get("id"), str) or not SECTION_ID.match(item["id"]):
            item["id"] = f"p{position}"
    return content


def _section_ids(value: list, before: list[dict]) -> list[str]:
    """The id of each section sent: its own when it gives a valid one (once); else the id of an unclaimed section
    of the version it builds on with the same rubrik (an API client that sends no ids); else a new one."""
    ids: list[str | None] = []
    for item in value:
        given = item.get("id") if isinstance(item, dict) else None
        ids.append(given if isinstance(given, str) and SECTION_ID.match(given) and given not in ids else None)
    free = [s for s in before if s.get("id") and s["id"] not in ids]
    for index, item in enumerate(value):
        if ids[index] is None:
            rubrik = str(item.get("rubrik", "") if isinstance(item, dict) else "").strip().casefold()
            match = next((s for s in free if rubrik and s.get("rubrik", "").strip().casefold() == rubrik), None)
            if match is not None:
                free.remove(match)
            ids[index] = match["id"] if match is not None else secrets.token_hex(4)
    return ids


def _validate_sections(value, content: dict, errors: dict) -> None:
    if not isinstance(value, list) or len(value) > MAX_SECTIONS:
        errors["avsnitt"] = f"Ange avsnitten som en lista (högst {MAX_SECTIONS})."
        return
    sections = []
    ids = _section_ids(value, content.get("avsnitt", []))
    for position, item in enumerate(value, 1):
        if not isinstance(item, dict):
            errors[f"avsnitt-{position}"] = SECTION_SHAPE
            continue
        rubrik = _text(item.get("rubrik", ""), f"avsnitt-{position}-rubrik", errors, MAX_LINE)
        text = _text(item.get("text", ""), f"avsnitt-{position}-text", errors)
        if text and not rubrik:
            errors[f"avsnitt-{position}-rubrik"] = SECTION_NEEDS_RUBRIK
        if rubrik or text:  # an emptied section is removed
            sections.append({"id": ids[position - 1], "rubrik": rubrik, "text": text})
    content["avsnitt"] = sections


# Said when a save with own text ends the "inga synpunkter" mode (walk16 finding 2: the text was saved, then ignored).
INGA_SYNPUNKTER_ENDED = ("Yttrandet är inte längre ”Inga synpunkter”: texten du skrev kommer med i yttrandet. "
                         "Läs sammanfattningen – den säger fortfarande att nämnden inte har några synpunkter tills "
                         "du skriver om den.")
INGA_SYNPUNKTER_HINT = ("Yttrandet är nu ”Inga synpunkter”. Skriver du egen text här blir det ett vanligt yttrande "
                        "igen när du sparar, och det du skriver kommer med i yttrandet.")
# the fixed summary of the short yttrande, in the words of any kind ("… på ärendet." of a medborgarförslag, walk18 F7)
_FIXED_SUMMARIES = tuple(no_comments_summary("", noun.the) for noun in (REMISS, ARENDE))


def has_own_text(content: dict) -> bool:
    """Whether content says more than the short 'inga synpunkter' yttrande (composing.inga_synpunkter_content)."""
    summary = (content.get("sammanfattning") or "").strip()
    return (bool(summary and not summary.endswith(_FIXED_SUMMARIES))
            or any((content.get(key) or "").strip() for key in ("ovriga_synpunkter", "reservationer"))
            or any((item.get("text") or "").strip() for item in content.get("svar", []))
            or any((item.get("text") or "").strip() for item in content.get("avsnitt", [])))


def settle_inga_synpunkter(raw: dict, content: dict) -> dict:
    """Never keep typed text that the 'inga synpunkter' yttrande would leave out: own text ends the mode, unless
    the same request asks for the mode (the API), which is refused as a contradiction."""
    if not content.get("inga_synpunkter") or not has_own_text(content):
        return content
    if isinstance(raw, dict) and raw.get("inga_synpunkter") not in (None, False, "", "0", "false"):
        raise InputErrors({"inga_synpunkter": "Ett yttrande med ”Inga synpunkter” har ingen egen text: ta bort "
                                              "texten eller låt inga_synpunkter vara false."})
    return {**content, "inga_synpunkter": False}
