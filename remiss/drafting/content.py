"""The sections of a yttrande draft as plain JSON: defaults, validation, pasted text, diff."""
from __future__ import annotations

import copy
import difflib
import re
import secrets
from dataclasses import dataclass, field

from babel.numbers import format_decimal

from remiss.documents.markup import Block, blocks
from remiss.missiv.summary import find_summary_sentences
from remiss.remisser.input import UNKNOWN_FIELD, InputErrors

# Text fields holding paragraphs; one line is one paragraph in the Word document.
TEXT_FIELDS = ("sammanfattning", "ovriga_synpunkter", "forslag_till_beslut", "arendet",
               "beslutsunderlag", "ansvariga", "reservationer", "remiss_sammanfattning")
LINE_FIELDS = ("ordforande", "forvaltningschef", "forvaltningschef_titel")
MAX_TEXT = 100_000
MAX_LINE = 200
MAX_SECTIONS = 50
SECTION_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")  # a free section's id: "p2" (saved before ids), or random hex

LABELS = {
    "sammanfattning": "Sammanfattning",
    "forslag_till_beslut": "Förslag till beslut",
    "beslutsunderlag": "Beslutsunderlag",
    "arendet": "Ärendet",
    "remiss_sammanfattning": "Sammanfattning av remissen (tjänsteskrivelsen)",
    "ovriga_synpunkter": "Övriga synpunkter",
    "ansvariga": "Ansvariga",
    "reservationer": "Reservationer och särskilda yttranden",
    "ordforande": "Ordförande",
    "forvaltningschef": "Förvaltningschef",
    "forvaltningschef_titel": "Förvaltningschefens titel",
    "inga_synpunkter": "Inga synpunkter",
}

def swedish_number(amount: int) -> str:
    """2000000 → "2 000 000" (Swedish digit groups, with non-breaking spaces)."""
    return format_decimal(amount, locale="sv_SE")


def field_label(name: str) -> str:
    """The Swedish name of a draft form field, for messages and error summaries ("svar-2" → "Svar på fråga 2");
    "" for what concerns the whole form (its version, its state)."""
    if name in LABELS:
        return LABELS[name]
    kind, _, rest = name.partition("-")
    if kind == "svar" and rest.isdigit():
        return f"Svar på fråga {rest}"
    if kind == "avsnitt":
        number, _, part = rest.partition("-")
        return f"Avsnitt {number}" + {"rubrik": ", rubrik", "text": ", text"}.get(part, "")
    return {"svar": "Svar på frågeställningarna", "comment": "Kommentar till versionen", "state": "",
            "base_version": "", "content": ""}.get(name, name)


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


def paragraphs(text: str) -> list[str]:
    """Return the non-empty lines of text: the paragraphs the document will show."""
    return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Defaults:
    """What a new draft is prefilled from (plain values of the remiss)."""

    namnd: str
    remittent: str
    title: str
    questions: list[tuple[int, str]]  # (question id, text) in order
    handlingar: list[str] = field(default_factory=list)
    deadline: str = ""  # Swedish, e.g. "28 september 2015 kl. 12.00"
    instructions: str = ""
    ordforande: str = ""
    forvaltningschef: str = ""
    forvaltningschef_titel: str = "Förvaltningschef"
    missiv: str = ""  # the missiv's text, for the tjänsteskrivelse's summary of the remiss


def forslag_till_beslut(namnd: str, remittent: str) -> str:
    return f"{namnd} föreslås besluta att avge yttrande till {remittent or 'remittenten'} i enlighet med upprättat förslag."


def rattelse_content(content: dict, *, namnd: str, remittent: str, replaced: str, sent: str, reason: str) -> dict:
    """The sections of a rättelse's draft as its tjänsteskrivelse proposes them: a rättelse of the yttrande sent on
    sent (replaced: "det yttrande som beslutades … och expedierades …"), and why, not a new answer. The proposal is
    put in place while it does not speak of a rättelse, and the reason leads Ärendet while it does not; what the
    handläggare has written about the rättelse is kept."""
    adapted = dict(content)
    if "rättelse" not in (content.get("forslag_till_beslut") or "").casefold():
        adapted["forslag_till_beslut"] = (
            f"{namnd} föreslås besluta att lämna en rättelse av yttrandet till {remittent or 'remittenten'}"
            + (f" som expedierades den {sent}" if sent else "") + ", i enlighet med upprättat förslag.")
    if "rättelse" not in (content.get("arendet") or "").casefold():
        reason = reason.strip()
        lines = [f"Ärendet gäller en rättelse av {replaced}, inte ett nytt svar på remissen."]
        if reason:
            lines.append(f"Skäl till rättelsen: {reason}" + ("" if reason.endswith((".", "!", "?")) else "."))
        adapted["arendet"] = "\n".join(lines + ([content["arendet"]] if content.get("arendet") else []))
    return adapted


def remiss_summary(missiv: str, remittent: str, title: str, namnd: str) -> str:
    """A first summary of the remiss for the tjänsteskrivelse: who sent what, and the missiv's own sentences about
    the matter when it has any (never its answer instructions or contact lines; the handläggare edits it)."""
    lead = f"{remittent or 'Remittenten'} har skickat remissen ”{title}” till {namnd} för yttrande."
    about, _ = find_summary_sentences(missiv)
    return "\n".join([lead, *about])


def initial_content(d: Defaults) -> dict:
    """Return the prefilled sections of a new draft."""
    arendet = [f"{d.remittent or 'Remittenten'} har skickat remissen ”{d.title}” till {d.namnd} för yttrande."]
    if d.deadline:
        arendet.append(f"Svaret ska vara {d.remittent or 'remittenten'} tillhanda senast den {d.deadline}.")
    if d.questions:
        arendet.append(f"{d.remittent or 'Remittenten'} har särskilt önskat att remissvaret utgår från följande frågeställningar:")
        arendet.extend(f"- {text}" for _, text in d.questions)
    elif d.instructions:
        arendet.append(d.instructions)
    return {
        "sammanfattning": "",
        "svar": [{"question_id": qid, "fraga": text, "text": ""} for qid, text in d.questions],
        "avsnitt": [] if d.questions else [{"rubrik": "Inledande synpunkter", "text": ""}],
        "ovriga_synpunkter": "",
        "forslag_till_beslut": forslag_till_beslut(d.namnd, d.remittent),
        "beslutsunderlag": "\n".join(d.handlingar),
        "arendet": "\n".join(arendet),
        "remiss_sammanfattning": remiss_summary(d.missiv, d.remittent, d.title, d.namnd),
        "ansvariga": "",
        "ordforande": d.ordforande,
        "forvaltningschef": d.forvaltningschef,
        "forvaltningschef_titel": d.forvaltningschef_titel or "Förvaltningschef",
        "reservationer": "",
        "inga_synpunkter": False,
    }


def inga_synpunkter_content(base: dict, namnd: str) -> dict:
    """Return base turned into a short 'inga synpunkter' yttrande."""
    content = copy.deepcopy(base)
    content.update(inga_synpunkter=True, sammanfattning=f"{namnd} har inga synpunkter på remissen.",
                   ovriga_synpunkter="", reservationer="")
    for item in content["svar"]:
        item["text"] = ""
    content["avsnitt"] = []
    return content


def align_questions(content: dict, questions: list[tuple[int, str]]) -> dict:
    """Return content with one answer per current question (kept by id, else by position)."""
    content = copy.deepcopy(content)
    old = content.get("svar", [])
    by_id = {item.get("question_id"): item for item in old}
    svar = []
    for position, (qid, text) in enumerate(questions):
        match = by_id.get(qid) or (old[position] if position < len(old) and old[position].get("fraga") == text else None)
        svar.append({"question_id": qid, "fraga": text, "text": match["text"] if match else ""})
    content["svar"] = svar
    if not questions and not content.get("avsnitt"):
        content["avsnitt"] = [{"rubrik": "Inledande synpunkter", "text": ""}]
    return content


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


def labelled_sections(content: dict) -> list[tuple[str, str]]:
    """Return (label, text) for every section, in document order (for diffs and the API)."""
    out = [("Inga synpunkter", "Ja" if content.get("inga_synpunkter") else "Nej"),
           (LABELS["sammanfattning"], content.get("sammanfattning", ""))]
    for position, item in enumerate(content.get("svar", []), 1):
        out.append((f"Fråga {position}: {item['fraga']}", item.get("text", "")))
    for item in content.get("avsnitt", []):
        out.append((f"Avsnitt: {item['rubrik']}", item.get("text", "")))
    for key in ("ovriga_synpunkter", "forslag_till_beslut", "beslutsunderlag", "remiss_sammanfattning", "arendet", "ansvariga",
                "ordforande", "forvaltningschef", "forvaltningschef_titel", "reservationer"):
        out.append((LABELS[key], content.get(key, "")))
    return out


# Not part of what a reader checks in the page: the yes/no flag and the signature lines.
_NOT_READ = {LABELS[k] for k in ("inga_synpunkter", "ordforande", "forvaltningschef", "forvaltningschef_titel")}


def unanswered(content: dict) -> list[tuple[int, str]]:
    """(number, question) of each frågeställning without an answer; none in an "inga synpunkter" yttrande, which
    answers the whole remiss at once."""
    if content.get("inga_synpunkter"):
        return []
    return [(n, item["fraga"]) for n, item in enumerate(content.get("svar", []), 1)
            if not (item.get("text") or "").strip()]


def unanswered_text(content: dict) -> str:
    """"fråga 2 (”Fråga B”)" or "frågorna 2 och 4" for the questions to confirm; "" when all are answered."""
    missing = unanswered(content)
    if not missing:
        return ""
    if len(missing) == 1:
        n, text = missing[0]
        return f"fråga {n} (”{text}”)"
    numbers = [str(n) for n, _ in missing]
    return f"frågorna {', '.join(numbers[:-1])} och {numbers[-1]}"


NO_COMMENTS_ON_QUESTION = "{namnd} lämnar inga synpunkter på denna fråga."


def answer_unanswered(content: dict, namnd: str) -> dict:
    """content with "<nämnd> lämnar inga synpunkter på denna fråga." as the answer of every unanswered question
    (only when the handläggare chooses it: an unanswered question is otherwise left out of the yttrande)."""
    content = copy.deepcopy(content)
    for item in content.get("svar", []):
        if not (item.get("text") or "").strip():
            item["text"] = NO_COMMENTS_ON_QUESTION.format(namnd=namnd)
    return content


UNANSWERED_MARK = " – inte besvarad"


def readable_sections(content: dict) -> list[tuple[str, str]]:
    """Return (heading, text) of the sections with text, in document order, as a granskare reads the draft:
    each frågeställning is its own heading, and one without an answer is shown too, marked "– inte besvarad"
    with no text, so the granskare sees what the yttrande leaves out (walk11 finding 1)."""
    missing = {n for n, _ in unanswered(content)}
    read = []
    for label, text in labelled_sections(content):
        number = label.removeprefix("Fråga ").partition(":")[0]
        if label.startswith("Fråga ") and number.isdigit() and int(number) in missing:
            read.append((label + UNANSWERED_MARK, ""))
        elif label not in _NOT_READ and text.strip():
            read.append((label.removeprefix("Avsnitt: "), text))
    return read


@dataclass(frozen=True)
class SectionDiff:
    label: str
    changed: bool
    # (kind: "same" | "del" | "add", the paragraph as the document prints it: "p" or a bullet "ul", with its
    # **fet** and *kursiv* as runs, so the page shows what a reader sees, never the markup)
    lines: list[tuple[str, Block]]


def compare(old: dict, new: dict) -> list[SectionDiff]:
    """Return a readable per-section diff of two draft contents, paragraph by paragraph.

    The source lines are compared, so a change of emphasis alone counts as a change; each line is shown parsed by
    the same rules as the .docx and the draft's reading view (remiss.documents.markup.blocks)."""
    before, after = dict(labelled_sections(old)), dict(labelled_sections(new))
    labels = list(after) + [label for label in before if label not in after]
    result = []
    for label in labels:
        a, b = paragraphs(before.get(label, "")), paragraphs(after.get(label, ""))
        lines: list[tuple[str, str]] = []
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op == "equal":
                lines.extend(("same", _read(x)) for x in a[i1:i2])
            else:
                lines.extend(("del", _read(x)) for x in a[i1:i2])
                lines.extend(("add", _read(x)) for x in b[j1:j2])
        result.append(SectionDiff(label, a != b, lines))
    return result


def _read(paragraph: str) -> Block:
    return blocks(paragraph)[0]
