"""Which part of a mailed missiv is the letter: the mail's own body or an attached file (round 28).

A remittent mails a remiss in two ways. Either the body is the letter (a forwarded missiv text; an attached file is
an appendix, walk27 Y9), or the body is a cover note ("Hej, se bifogad remiss. Mvh …") and an attached file is the
missiv. Each part is scored by the marks of a remiss letter it carries, each mark counted once:

    svarsfrist       2  "sista svarsdag", "svarsdatum", "Sista dag att svara", "senast den 5 mars", "senast fredag
                        den 5 mars", "senast 2027-03-05" (not "senast 2030": a year alone is a report's "at the latest")
    remissord        1  a line opening "Remiss"/"Begäran om yttrande", or "remitterar", "för yttrande", "tillfälle att"
    remissinstanser  1  "remissinstanser", "sändlista", "remissmottagare"
    diarienummer     1  "Dnr", "Diarienummer", "Er beteckning", "Vår beteckning"
    svarsadress      1  "Svaret skickas/lämnas/mejlas …", "Yttrandet ska lämnas …"
    datum            1  a date written with its year ("20 november 2026", "2026-11-20")

The marks are looked for in a part's first READ characters. An attached file is the letter when it scores at least
LETTER and more than the body (the first of equally scored files); on a tie the body stays the letter. The letter's
fields come first; the other part fills only what the letter leaves empty (remiss.missiv.attached.merged).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_WEEKDAY = r"(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?\s+(?:den\s+)?"

# (name, weight, pattern): what makes a text a remiss letter rather than a cover note or an appendix
_MARKS = (
    ("svarsfrist", 2, rf"\bsvarsdag(?:en)?\b|svarsdatum|sista\s+dag(?:en)?\s+(?:för|att)\s+(?:svar|yttr|lämna)"
                      rf"|\bsenast\s+(?:den\s+|{_WEEKDAY})?(?:\d{{1,2}}(?::[ae])?\s+(?:{_MONTHS})|\d{{1,2}}/\d{{1,2}}\b"
                      rf"|(?:19|20)?\d\d-[01]\d-[0-3]\d)"),
    ("remissord", 1, r"^[ \t#]*(?:remiss(?:missiv)?\b|begäran\s+om\s+yttrande)|\bremitter(?:ar|as|ats)\b"
                     r"|\bför\s+yttrande\b|\b(?:bereds?|ges|getts|givits?)\s+(?:\w+\s+)?tillfälle\s+att\b"),
    ("remissinstanser", 1, r"remissinstans|sändlista|remissmottagare"),
    ("diarienummer", 1, r"\b(?:dnr|diarienr|diarienummer|(?:er|ert|vår|vårt)\s+(?:beteckning|dnr))\b"),
    ("svarsadress", 1, r"\b(?:svar(?:et|en)?|yttrande(?:t|na)?|synpunkter(?:na)?)\s+(?:ska\s+|bör\s+|kan\s+)?"
                       r"(?:skickas|lämnas|sänds|sändas|mejlas|mailas|e-postas)\b"),
    ("datum", 1, rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b|\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"),
)
MARKERS = tuple((name, weight, re.compile(pattern, re.I | re.M)) for name, weight, pattern in _MARKS)
READ = 10_000  # a missiv says what it is on its first pages; a long report's later pages say much else
LETTER = 3  # an attachment needs a deadline and one more mark, or three lesser marks, to be taken for the letter


@dataclass(frozen=True)
class Score:
    """How much a part looks like a remiss letter, and by which marks."""

    points: int
    marks: tuple[str, ...]


def letter_score(text: str) -> Score:
    """Score `text` by the marks of a remiss letter its first READ characters carry (MARKERS, each once)."""
    start = (text or "")[:READ]
    found = [(name, weight) for name, weight, pattern in MARKERS if pattern.search(start)]
    return Score(sum(weight for _, weight in found), tuple(name for name, _ in found))


def attachment_is_letter(body: Score, attachment: Score) -> bool:
    """Whether the attached file, not the mail's body, is the missiv."""
    return attachment.points >= LETTER and attachment.points > body.points
