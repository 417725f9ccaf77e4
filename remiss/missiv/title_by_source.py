"""The titles each of a missiv's sources gives on its own (the innermost mail's subject, the text's rules, the file's
structure, the remiss an extension notice names), for title_candidates.weigh to rank, and the salutations and
closings that are never a title."""
from __future__ import annotations

import re
from collections.abc import Sequence

from remiss.missiv.email import dnr_only
from remiss.missiv.extension import named_remiss
from remiss.missiv.heading_lines import plausible_heading
from remiss.missiv.hints import Hint, title_from_hints
from remiss.missiv.title import clean_subject, title_sources

# A salutation, an address line or a closing: how a letter or a mail opens and ends, never what it is about.
_GREETING = re.compile(
    r"(?:(?:hej|hejsan|hallå|god (?:morgon|dag|eftermiddag)|hi|hello|dear|kära)(?:\s+[\wåäöÅÄÖ-]+){0,3}|"
    r"till (?:remissinstanserna|remissinstanser|berörda|samtliga|mottagarna|sändlistan)(?:\s+[\wåäöÅÄÖ-]+){0,4}|"
    r"(?:med )?(?:vänlig(?:a|en)?|bästa|varma|hjärtliga) hälsning(?:ar)?|hälsningar|mvh|"
    r"kind regards|best regards)",
    re.IGNORECASE)


def titles_by_source(envelope, work: str, hints: Sequence[Hint], extends: bool) -> list[tuple[str, str]]:
    """The titles each source gives on its own: the innermost mail's subject, the text's rules, the file's
    structure and, for an extension notice, the remiss it names (title_candidates.weigh ranks them)."""
    found: list[tuple[str, str]] = []
    if envelope and envelope.subject:
        subject = clean_subject(envelope.subject, envelope.subject_span)[0]
        if subject and not dnr_only(subject) and not is_greeting(subject):
            found.append(("forward-subject" if envelope.subject_outer else "subject", subject))
    found += [(source, value) for source, value in title_sources(work) if not is_greeting(value)]
    if extends:
        named = named_remiss(work)[0]
        if named:
            found.append(("extension", named))
    for weight, source in ((2, "file-heading"), (0, "file")):
        chosen = title_from_hints(list(hints), clean_hint_title, plausible_heading, min_weight=weight)
        if chosen and not is_greeting(chosen.value):
            found.append((source, chosen.value))
    return found


def subject_title(envelope) -> str | None:
    """The innermost mail's subject as a title candidate (title_ranker.letter_body reads it the same way)."""
    if not envelope or not envelope.subject:
        return None
    return clean_subject(envelope.subject, envelope.subject_span or (0, 0))[0]


def is_greeting(title: str) -> bool:
    """Tell whether a title candidate is a salutation or address line ("Hej alla,", "Till remissinstanserna",
    "Med vänliga hälsningar"): a greeting is never the title."""
    words = " ".join(title.split()).strip(" .,:;!–-")
    return bool(_GREETING.fullmatch(words)) and len(words.split()) <= 7


def clean_hint_title(value: str) -> str | None:
    """Tidy a title a hint gives as a subject line is tidied ("Remiss: X, dnr 2019/12" → "X")."""
    return clean_subject(value, (0, len(value)))[0]
