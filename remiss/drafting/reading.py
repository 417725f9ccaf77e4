"""Name and read a draft's sections: Swedish labels, unanswered questions, the granskare's view, the diff."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from remiss.documents.markup import Block, blocks
from remiss.drafting.composing import FIRST_SECTION
from remiss.remisser.kind_words import noun_of


def summary_label(kind=None) -> str:
    """The tjänsteskrivelse's summary of what was sent for yttrande, by the kind's noun: "Sammanfattning av ärendet
    (tjänsteskrivelsen)" of a medborgarförslag (kind_words, walk18 F7)."""
    return f"Sammanfattning av {noun_of(kind).the} (tjänsteskrivelsen)"


LABELS = {
    "sammanfattning": "Sammanfattning",
    "forslag_till_beslut": "Förslag till beslut",
    "beslutsunderlag": "Beslutsunderlag",
    "arendet": "Ärendet",
    "remiss_sammanfattning": summary_label(),  # of a remiss; labelled_sections names it by the kind
    "ovriga_synpunkter": "Övriga synpunkter",
    "ansvariga": "Ansvariga",
    "reservationer": "Reservationer och särskilda yttranden",
    "ordforande": "Ordförande",
    "forvaltningschef": "Förvaltningschef",
    "forvaltningschef_titel": "Förvaltningschefens titel",
    "inga_synpunkter": "Inga synpunkter",
}


def field_label(name: str, kind=None) -> str:
    """The Swedish name of a draft form field, for messages and error summaries ("svar-2" → "Svar på fråga 2");
    "" for what concerns the whole form (its version, its state). kind: the RemissKind, for summary_label."""
    if name == "remiss_sammanfattning":
        return summary_label(kind)
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


def paragraphs(text: str) -> list[str]:
    """Return the non-empty lines of text: the paragraphs the document will show."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def labelled_sections(content: dict, kind=None) -> list[tuple[str, str]]:
    """Return (label, text) for every section, in document order (for diffs and the API); kind: the RemissKind."""
    out = [("Inga synpunkter", "Ja" if content.get("inga_synpunkter") else "Nej"),
           (LABELS["sammanfattning"], content.get("sammanfattning", ""))]
    for position, item in enumerate(content.get("svar", []), 1):
        out.append((f"Fråga {position}: {item['fraga']}", item.get("text", "")))
    for item in content.get("avsnitt", []):
        out.append((f"Avsnitt: {item['rubrik']}", item.get("text", "")))
    for key in ("ovriga_synpunkter", "forslag_till_beslut", "beslutsunderlag", "remiss_sammanfattning", "arendet", "ansvariga",
                "ordforande", "forvaltningschef", "forvaltningschef_titel", "reservationer"):
        out.append((summary_label(kind) if key == "remiss_sammanfattning" else LABELS[key], content.get(key, "")))
    return out


# Not part of what a reader checks in the page: the yes/no flag and the signature lines.
_NOT_READ = {LABELS[k] for k in ("inga_synpunkter", "ordforande", "forvaltningschef", "forvaltningschef_titel")}


def signed_by(content: dict) -> list[tuple[str, str]]:
    """(Ordförande/Förvaltningschef, the name, with the förvaltningschef's title) of the signatures that have a name,
    for the expedierat yttrande shown as text (walk25b Z14)."""
    chief = ", ".join(v for v in (content.get("forvaltningschef", ""), content.get("forvaltningschef_titel", ""))
                      if v.strip()) if (content.get("forvaltningschef") or "").strip() else ""
    return [(LABELS[key], name.strip()) for key, name in (("ordforande", content.get("ordforande") or ""),
                                                          ("forvaltningschef", chief)) if name.strip()]


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


def without_text(content: dict) -> str:
    """"Avsnittet ”Rubrik” saknar text – skriv texten eller ta bort rubriken." for the free sections with a rubrik
    someone wrote and no text: a text forgotten, which the yttrande would leave out (walk20 H10); "" when there
    are none (or the "inga synpunkter" yttrande, which prints no sections). The prefilled suggestion left empty
    (composing.FIRST_SECTION) is no one's section and is not asked about."""
    if content.get("inga_synpunkter"):
        return ""
    bare = [f"”{item['rubrik'].strip()}”" for item in content.get("avsnitt", [])
            if (item.get("rubrik") or "").strip() not in ("", FIRST_SECTION) and not (item.get("text") or "").strip()]
    if not bare:
        return ""
    if len(bare) == 1:
        return f"Avsnittet {bare[0]} saknar text – skriv texten eller ta bort rubriken."
    return (f"Avsnitten {', '.join(bare[:-1])} och {bare[-1]} saknar text – skriv texten eller ta bort "
            "rubrikerna.")


UNANSWERED_MARK = " – inte besvarad"


def readable_sections(content: dict, kind=None) -> list[tuple[str, str]]:
    """Return (heading, text) of the sections with text, in document order, as a granskare reads the draft:
    each frågeställning is its own heading, and one without an answer is shown too, marked "– inte besvarad"
    with no text, so the granskare sees what the yttrande leaves out (walk11 finding 1)."""
    missing = {n for n, _ in unanswered(content)}
    read = []
    for label, text in labelled_sections(content, kind):
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


def compare(old: dict, new: dict, kind=None) -> list[SectionDiff]:
    """Return a readable per-section diff of two draft contents, paragraph by paragraph.

    The source lines are compared, so a change of emphasis alone counts as a change; each line is shown parsed by
    the same rules as the .docx and the draft's reading view (remiss.documents.markup.blocks)."""
    before, after = dict(labelled_sections(old, kind)), dict(labelled_sections(new, kind))
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
