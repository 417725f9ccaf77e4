"""A mail with its attachments' text below it ("--- Bilaga: name ---", remiss.intake.formats): the mail's own subject
and body are the remittent's word for this remiss; an attached file only fills what the mail leaves empty (walk27 Y9:
a PDF's first line, its date, its dnr and "Malmö stad" had won over the mail's subject, Date and Dnr)."""
from __future__ import annotations

import re
from dataclasses import replace

from remiss.missiv.result import Evidence, MissivResult
from remiss.missiv.title_offer import distinct_offers

ATTACHED = "\n--- Bilaga: "  # where the mail's own text ends (remiss.intake.formats._mail writes it)
_MARKER = re.compile(r"--- Bilaga: (?P<name>[^\n]*?) ---\n")

# fields filled from an attachment one by one; the deadline brings its internal day and extension with it
_SINGLE = ("title", "remittent", "sender_dnr", "answer_email", "contact_person", "contact_email", "answer_address",
           "summary", "received_date")
_LISTS = ("copy_emails", "sandlista", "questions")
_LABELS = {"title": "Ärendemeningen", "remittent": "Remittenten", "sender_dnr": "Remittentens diarienummer",
           "deadline": "Svarsfristen", "answer_email": "Svarsadressen", "contact_person": "Kontaktpersonen",
           "sandlista": "Sändlistan", "questions": "Frågorna", "letter_date": "Missivets datum"}
# what the mail's parse says of a field it left empty: the attachment has filled it
_EMPTY = {"title": "Ingen ärendemening (titel) hittades.", "remittent": "Ingen remittent hittades.",
          "deadline": "Ingen svarsfrist hittades i missivet.", "sandlista": "Ingen sändlista hittades.",
          "sender_dnr": "Inget diarienummer från remittenten hittades."}


def split_attached(text: str) -> tuple[str, str, str, int] | None:
    """The mail's own text, the first attached file's name, that file's text and where that text starts in `text`;
    None when no file's text is attached."""
    cut = text.find(ATTACHED)
    if cut < 0:
        return None
    marker = _MARKER.match(text, cut + 1)
    if marker is None:
        return None
    end = text.find(ATTACHED, marker.end())
    return text[:cut], marker["name"], text[marker.end():end if end >= 0 else None], marker.end()


def merged(mail: MissivResult, attached: MissivResult, *, offset: int, name: str) -> MissivResult:
    """The mail's result with what only the attachment gives; evidence of the attachment moved by `offset`."""
    taken: list[str] = []
    changes: dict = {}
    for field in _SINGLE:
        if not getattr(mail, field) and getattr(attached, field):
            changes[field] = getattr(attached, field)
            taken.append(field)
    for field in _LISTS:
        if not getattr(mail, field) and getattr(attached, field):
            changes[field] = list(getattr(attached, field))
            taken.append(field)
    if mail.deadline is None and attached.deadline is not None:
        changes.update(deadline=attached.deadline, internal_deadline=attached.internal_deadline,
                       extension_to=attached.extension_to)
        taken.append("deadline")
    if mail.letter_date is None and attached.letter_date is not None:
        changes["letter_date"] = attached.letter_date
        taken.append("letter_date")
    title = changes.get("title", mail.title)
    changes["title_alternatives"] = distinct_offers(
        title, [*mail.title_alternatives, *([attached.title] if attached.title else []), *attached.title_alternatives])
    moved = [Evidence(e.field, e.text, e.start + offset, e.end + offset) for e in attached.evidence
             if e.field in taken]
    warnings = [w for w in mail.warnings if not any(f in taken and _EMPTY.get(f) == w for f in _EMPTY)]
    named = [_LABELS[f] for f in taken if f in _LABELS]
    if named:
        warnings.append(f"{_join(named)} hämtades ur bilagan {name or 'till e-postmeddelandet'}, eftersom "
                        "e-postmeddelandet inte anger det – kontrollera.")
    return replace(mail, evidence=[*mail.evidence, *moved], warnings=warnings, **changes)


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
