"""A mail with its attachments' text below it ("--- Bilaga: name ---", remiss.intake.formats): one part is the
letter and gives the fields, the other fills only what the letter leaves empty. Which part is the letter is decided
by its content (remiss.missiv.letter_part): the mail's body when it is the missiv (walk27 Y9: a PDF's first line,
its date, its dnr and "Malmö stad" had won over the mail's subject, Date and Dnr), an attached file when the body is
only a cover note ("Hej, se bifogad remiss") and the file carries the marks of a remiss letter (round 28)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from remiss.calendar.swedish import format_deadline
from remiss.missiv.result import Evidence, MissivResult
from remiss.missiv.title_match import CUT_SHORT
from remiss.missiv.title_offer import distinct_offers

ATTACHED = "\n--- Bilaga: "  # where the mail's own text ends (remiss.intake.formats._mail writes it)
_MARKER = re.compile(r"--- Bilaga: (?P<name>[^\n]*?) ---\n")

# fields filled from the other part one by one; the deadline brings its internal day and extension with it
_SINGLE = ("title", "remittent", "sender_dnr", "answer_email", "contact_person", "contact_email", "answer_address",
           "summary", "received_date")
_LISTS = ("copy_emails", "sandlista", "questions")
_LABELS = {"title": "Ärendemeningen", "remittent": "Remittenten", "sender_dnr": "Remittentens diarienummer",
           "deadline": "Svarsfristen", "answer_email": "Svarsadressen", "contact_person": "Kontaktpersonen",
           "sandlista": "Sändlistan", "questions": "Frågorna", "letter_date": "Missivets datum"}
# what the letter's parse says of a field it left empty: the other part has filled it
_EMPTY = {"title": "Ingen ärendemening (titel) hittades.", "remittent": "Ingen remittent hittades.",
          "deadline": "Ingen svarsfrist hittades i missivet.", "sandlista": "Ingen sändlista hittades.",
          "sender_dnr": "Inget diarienummer från remittenten hittades."}


@dataclass(frozen=True)
class AttachedText:
    """One attached file's text inside the read mail."""

    name: str
    text: str
    start: int  # where `text` starts in the whole read text


def split_attached(text: str) -> tuple[str, list[AttachedText]] | None:
    """The mail's own text and each attached file's text; None when no file's text is attached."""
    cut = text.find(ATTACHED)
    if cut < 0:
        return None
    files: list[AttachedText] = []
    at = cut
    while at >= 0:
        marker = _MARKER.match(text, at + 1)
        following = text.find(ATTACHED, at + 1)
        if marker is not None:
            end = text.find(ATTACHED, marker.end())
            files.append(AttachedText(marker["name"], text[marker.end():end if end >= 0 else None], marker.end()))
        at = following
    return (text[:cut], files) if files else None


def merged(letter: MissivResult, other: MissivResult, *, letter_offset: int = 0, other_offset: int = 0,
           name: str, attachment_first: bool = False) -> MissivResult:
    """The letter's result with what only the other part gives; each part's evidence moved by its offset.

    `attachment_first`: the attached file `name` is the letter and the mail the other part (else the reverse)."""
    taken: list[str] = []
    changes: dict = {}
    for field in _SINGLE:
        if not getattr(letter, field) and getattr(other, field):
            changes[field] = getattr(other, field)
            taken.append(field)
    for field in _LISTS:
        if not getattr(letter, field) and getattr(other, field):
            changes[field] = list(getattr(other, field))
            taken.append(field)
    if letter.deadline is None and other.deadline is not None:
        changes.update(deadline=other.deadline, internal_deadline=other.internal_deadline,
                       extension_to=other.extension_to)
        taken.append("deadline")
    if letter.letter_date is None and other.letter_date is not None:
        changes["letter_date"] = other.letter_date
        taken.append("letter_date")
    title = changes.get("title", letter.title)
    changes["title_alternatives"] = distinct_offers(
        title, [*letter.title_alternatives, *([other.title] if other.title else []), *other.title_alternatives])
    evidence = [*_moved(letter.evidence, letter_offset),
                *_moved([e for e in other.evidence if e.field in taken], other_offset)]
    warnings = [w for w in letter.warnings if not any(f in taken and _EMPTY.get(f) == w for f in _EMPTY) and
                not ("title" in taken and w.startswith(CUT_SHORT))]
    attachment = f"bilagan {name}" if name else "bilagan till e-postmeddelandet"
    if attachment_first:
        warnings.insert(0, f"Uppgifterna hämtades i första hand ur {attachment}: den ser ut att vara själva "
                           "missivet och e-postmeddelandet bara ett följemeddelande till den.")
    if letter.deadline is not None and other.deadline is not None and _day(letter.deadline) != _day(other.deadline):
        # a cover note's "svara gärna senast 1 mars" beside the letter's own day: the letter's stands, the other is told
        told, given = (("E-postmeddelandet", attachment) if attachment_first
                       else ("B" + attachment[1:], "e-postmeddelandet"))
        warnings.append(f"{told} anger en annan svarsfrist ({_moment(other.deadline)}) än {given} "
                        f"({_moment(letter.deadline)}); kontrollera vilken som gäller.")
    named = [_LABELS[f] for f in taken if f in _LABELS]
    if named and attachment_first:
        warnings.append(f"{_join(named)} hämtades ur e-postmeddelandet, eftersom {attachment} inte anger det "
                        "– kontrollera.")
    elif named:
        warnings.append(f"{_join(named)} hämtades ur {attachment}, eftersom e-postmeddelandet inte anger det "
                        "– kontrollera.")
    return replace(letter, evidence=evidence, warnings=warnings, **changes)


def _moved(evidence: list[Evidence], offset: int) -> list[Evidence]:
    return [Evidence(e.field, e.text, e.start + offset, e.end + offset) for e in evidence] if offset else evidence


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _moment(value: date | datetime) -> str:
    return format_deadline(value.date(), value.time()) if isinstance(value, datetime) else format_deadline(value, None)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
