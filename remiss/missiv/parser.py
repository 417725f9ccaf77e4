"""Parse the text of a missiv (remiss cover letter) into registration fields."""
from __future__ import annotations

import re
from datetime import date

from remiss.missiv.deadline import find_deadline
from remiss.missiv.dnr import department_from_dnr, find_sender_dnr
from remiss.missiv.fields import find_contact, find_emails, find_remittent, find_title
from remiss.missiv.questions import find_questions
from remiss.missiv.received import find_received
from remiss.missiv.result import Evidence, MissivResult
from remiss.missiv.sandlista import find_sandlista

# Characters replaced one-for-one so that evidence offsets still point into the caller's text.
_NEUTRAL = str.maketrans({"*": " ", "\u00a0": " ", "\u00ad": " ", "\r": " ", "\t": " ", "\\": " ", "\u2007": " "})


def parse_missiv(text: str, *, reference_date: date | None = None) -> MissivResult:
    """Extract registration fields from the text of a missiv."""
    original = text or ""
    work = original.translate(_NEUTRAL)
    evidence: list[Evidence] = []
    warnings: list[str] = []

    def note(field: str, span: tuple[int, int] | None) -> None:
        if span is not None:
            evidence.append(Evidence(field, original[span[0]:span[1]], span[0], span[1]))

    title, span = find_title(work)
    note("title", span)
    if title is None:
        warnings.append("Ingen ärendemening (titel) hittades.")

    dnr = find_sender_dnr(work)
    note("sender_dnr", dnr.span)
    warnings.extend(dnr.warnings)

    remittent, span = find_remittent(work)
    note("remittent", span)
    if remittent is None:
        remittent = department_from_dnr(dnr.value)
        if remittent:
            warnings.append(f"Remittenten ({remittent}) härleddes från diarienumrets prefix.")
        else:
            warnings.append("Ingen remittent hittades.")

    found = find_deadline(work, reference_date)
    note("letter_date", found.letter_span)
    note("deadline", found.deadline_span)
    warnings.extend(found.warnings)

    received = find_received(work, found.letter_date)
    note("received", received.span if received else None)

    answer_email, span, copies = find_emails(work)
    note("answer_email", span)

    contact, span = find_contact(work)
    note("contact_person", span)

    sandlista = find_sandlista(work)
    note("sandlista", sandlista.span)
    warnings.extend(w for w in sandlista.warnings if w != "Ingen sändlista hittades." or _mentions_sandlista(work))

    questions, span = find_questions(work)
    note("questions", span)

    return MissivResult(
        title=title,
        remittent=remittent,
        sender_dnr=dnr.value,
        deadline=found.deadline,
        answer_email=answer_email,
        copy_emails=copies,
        contact_person=contact,
        sandlista=list(sandlista.names),
        questions=questions,
        letter_date=found.letter_date,
        evidence=evidence,
        warnings=warnings,
        internal_deadline=found.internal_deadline,
        received_date=received.day if received else None,
    )


def _mentions_sandlista(text: str) -> bool:
    return bool(re.search(r"sändlista|remissinstanser", text, re.IGNORECASE))
