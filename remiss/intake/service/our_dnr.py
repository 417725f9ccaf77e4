"""Our own diarienummer in a read letter: a remittent's extension notice often quotes it ("Ert dnr: SOFÖ 2026/1").
When no registered remiss the user may change matches the letter, the number found is what the no-match card
prefills as "Vårt diarienummer" (walk10 finding 1), written as our series writes it."""
from __future__ import annotations

import re

from sqlmodel import Session

from remiss.remisser.dnr import format_pattern, our_prefixes

SCAN = 20000  # characters of each text searched
_LABEL = r"(?:dnr|diarienummer|diarienr|beteckning|referens|ref|ärende)\b\.?[ \t]*:?[ \t]*$"
# "Ert dnr", "Er beteckning", "för ert ärende": the recipient's number, ours
_YOURS = re.compile(r"\b(?:ert|er)[ \t]+" + _LABEL, re.IGNORECASE)
# "Vårt dnr", "Dnr KS 2027/212" under the letter: the remittent's own, which a kommun may write as we do
_THEIRS = re.compile(r"\b(?:vår|vårt)[ \t]+" + _LABEL +
                     r"|(?<![\w])(?:dnr|diarienummer|diarienr)\b\.?[ \t]*:?[ \t]*$",
                     re.IGNORECASE)


def candidate(session: Session, texts: list[str], *, dnr_format: str, default_prefix: str) -> str:
    """Return the first number in our diarienummer format (one of our nämnder's prefixes, or the default one) that
    the texts hold, as our series writes it ("SOFÖ 2026/1" → "SOFÖ 2026/0001"): one labelled as the recipient's
    ("Ert dnr …") first, never one labelled as the remittent's own ("Vårt dnr", "Dnr"). "" when there is none."""
    prefixes = our_prefixes(session, default_prefix)
    pattern = format_pattern(dnr_format, prefixes)
    if pattern is None:
        return ""
    spelled = {p.casefold(): p for p in prefixes}
    found: list[tuple[bool, str]] = []
    for text in texts:
        text = (text or "")[:SCAN]
        for m in pattern.finditer(text):
            try:
                dnr = dnr_format.format(prefix=spelled[m.group("prefix").casefold()], year=int(m.group("year")),
                                        number=int(m.group("number")))
            except (KeyError, ValueError, IndexError):
                continue
            before = text[max(0, m.start() - 40):m.start()]
            if _YOURS.search(before):
                found.append((False, dnr))
            elif not _THEIRS.search(before):
                found.append((True, dnr))
    return min(found, key=lambda item: item[0])[1] if found else ""
