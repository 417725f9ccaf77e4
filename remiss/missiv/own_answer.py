"""Tell a receiver's own answer to a remiss (its yttrande, tjänsteskrivelse or remissvar) from the remittent's letter.

A kommun's nämnd answering another body's remiss writes its own letterhead ("Dnr KS 2024/0123", "Vår beteckning …")
above the remittent's matter; the remittent's number then stands after "Er beteckning" / "Ert dnr" or in the sentence
that tells of the remiss ("Remiss från Region Jönköpings län, dnr RJL 2024/456"). Such a text is read as the missiv is,
but its own numbers are not the sender's (round 21).
"""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies

# The heading of an answer: "Yttrande", "Remissyttrande" alone on their line (a letterhead's document kind), or
# "Yttrande över …", "Remissvar avseende …", "Svar på remiss …" opening a line. A bare "Remissvar" line is a
# regeringen.se page's section of the answers received, and "Remissvar: …" a missiv's label of where answers go.
_HEADING = re.compile(
    r"^[ \t]*(?:(?:remiss)?yttrande[ \t]*:?[ \t]*$|"
    r"(?:(?:remiss)?yttrande|remissvar)[ \t]+(?:över|avseende|gällande|angående|rörande|på)[ \t]+[\wåäöÅÄÖ–-]|"
    r"svar[ \t]+på[ \t]+remiss[ \t]+(?:av|om|från|gällande|angående|avseende|rörande)[ \t]+[\wåäöÅÄÖ–-])",
    re.IGNORECASE | re.MULTILINE)
# a line that tells how to answer is the remittent's ("Svar på remiss om X skickas senast …")
_INSTRUCTION = re.compile(r"\b(?:senast|ska|skall|skickas|lämnas|sänds|mejlas)\b", re.IGNORECASE)
# What the answering body decides or does: "föreslås besluta att anta/avge yttrande", "beslutar att lämna yttrande
# enligt förvaltningens förslag", "godkänna yttrandet", "översända yttrandet till kommunstyrelsen", "har beretts
# tillfälle att yttra sig", "lämnar följande synpunkter" (the answer, not the remittent's "för yttrande").
_ACTION = re.compile(
    # (the writer's "lämnar följande yttrande" first: tried after the general verb it was never reached, round 32)
    r"(?P<gives>\blämnar[ \t\n]+(?:härmed[ \t\n]+)?följande[ \t\n]+(?:synpunkter|yttrande))|"
    r"\b(?:anta|antar|avge|avger|lämna|lämnar|godkänna|godkänner|översända|översänder|överlämna|överlämnar)[ \t\n]+"
    r"(?:(?!för\b)[\wåäö]+[ \t\n]+){0,4}?(?:remiss)?(?:yttrande(?:t|n)?|remissvar(?:et)?)\b"
    r"(?![ \t\n]+(?:senast|till[ \t\n]+(?:oss|departementet|\S+@)))"
    r"|(?P<invited>\bhar[ \t\n]+beretts[ \t\n]+(?:tillfälle|möjlighet)[ \t\n]+att[ \t\n]+(?:yttra|lämna))",
    re.IGNORECASE)
# a decision's words in front of the action, in the same sentence: what the writer's nämnd decides about its answer
_DECIDES = re.compile(r"\b(?:föreslås[ \t\n]+besluta|beslutar|beslutade|besluta)\b[^.]{0,120}\Z", re.IGNORECASE)


# "Kommunstyrelsen beslutade att ge nämnderna möjlighet att lämna yttrande": the remittent's decision to ask
_INVITES = re.compile(r"\b(?:möjlighet|tillfälle|remitter\w*|inbjud\w*|bjuda|ombeds|uppmanas|begära|begär)\b",
                      re.IGNORECASE)


def is_own_answer(text: str) -> bool:
    """Tell whether the text is the writer's own answer to a remiss rather than the remittent's letter."""
    # the heading stands at the top: a page that lists the answers received ("Yttrande över … från Tranås kommun"
    # under regeringen.se's "Remissvar") is the remittent's
    for m in _HEADING.finditer(text, 0, 1000):
        line_end = text.find("\n", m.start()) % (len(text) + 1)
        if _INSTRUCTION.search(text, m.start(), line_end):
            continue
        # a bare "Yttrande" is the document's kind only in its letterhead, not a missiv's section on how to answer
        # ("Yttrande\nYttrandet ska vara Länsstyrelsen tillhanda senast …")
        if text[m.start():line_end].strip(" \t:").casefold().endswith("yttrande") and (
                m.start() > 600 or _INSTRUCTION.search(text, line_end, line_end + 200)):
            continue
        return True
    for m in _ACTION.finditer(text):
        if m.group("invited") or m.group("gives"):
            return True
        decided = _DECIDES.search(text, max(0, m.start() - 120), m.start())
        if decided and not _INVITES.search(decided.group()):
            return True
    return False


_TELLS_OF_REMISS = re.compile(r"\bremi(?:ss|tter)|\bför[ \t\n]+yttrande\b", re.IGNORECASE)


def tells_of_remiss(text: str, cue: int) -> bool:
    """Tell whether a number's cue stands in a sentence about the remiss ("Remiss från Region X, dnr …", "har
    remitterat … (dnr …)"), not as a label opening its line (the writer's letterhead: "Dnr KS 2024/0123") nor in a
    heading ("Yttrande över remiss av X   Dnr KS 2024/12")."""
    near = max(0, cue - 200)  # each look back is bounded: a long line of numbers must not cost a square
    line = text.rfind("\n", near, cue) + 1 or near
    if not text[line:cue].strip() or _HEADING.match(text, line):
        return False
    start = max(text.rfind(". ", near, cue) + 2, text.rfind("\n\n", near, cue) + 2, near)
    return bool(_TELLS_OF_REMISS.search(text, start, cue))


def own_number_warning(numbers: list[str]) -> str:
    """The warning when an answer's own numbers were all that was found."""
    found = list(dict.fromkeys(numbers))
    which = (f"diarienumret {found[0]} kan vara skrivarens eget" if len(found) == 1 else
             f"diarienumren {', '.join(found)} kan vara skrivarens egna")
    return (f"Texten ser ut att vara mottagarens eget yttrande eller tjänsteskrivelse; {which} och togs inte som "
            "remittentens. Fyll i remittentens diarienummer.")


# the body an answer goes to: "översända yttrandet till Region Jönköpings län", "lämnar yttrande till Trafikverket"
_SENT_TO = re.compile(r"\b(?:översänd\w*|skicka\w*|överlämna\w*|lämna\w*|avge\w*|sänd\w*|yttrande(?:t)?|"
                      r"remissvar(?:et)?)\b[^.\n]{0,80}?\btill[ \t]+(?=[A-ZÅÄÖ])", re.IGNORECASE)
# an addressee's line of its own in the letterhead ("Region Jönköpings län" under the writer's "Dnr")
_LINE = re.compile(r"^[ \t]*([A-ZÅÄÖ][^\n]{2,60}?)[ \t]*$", re.MULTILINE)


def answer_addressee(text: str) -> tuple[str, tuple[int, int]] | None:
    """Return the body a receiver's own answer is addressed or sent to, and where it is named: the remittent.
    The writer (the body its first lines name) is never its own addressee."""
    first = find_bodies(text[:200])
    writer = first[0].body.name if first else None
    for m in _SENT_TO.finditer(text):
        named = find_bodies(text[m.end():m.end() + 80])
        if named and named[0].start == 0 and named[0].body.name != writer:
            return named[0].body.name, (m.end(), m.end() + named[0].end)
    head = text[:600]
    for m in _LINE.finditer(head):
        named = find_bodies(m.group(1))
        if len(named) == 1 and named[0].start == 0 and named[0].end == len(m.group(1)) and named[0].body.name != writer:
            return named[0].body.name, (m.start(1), m.end(1))
    return None
