"""Round 21: a heading written in capitals ("REMISS AV FÖRSLAG TILL REGIONAL CYKELSTRATEGI FÖR HALLANDS LÄN"), as a
scanned or printed letter often sets it, read as if it were written in ordinary case.

The title rules refuse a shouted line (a letterhead's unit, a section's label); a line in capitals that names a
document or a procedure is the letter's heading all the same. `decapitalised` returns the text with each such line in
sentence case, the same length (every span stays valid): a word keeps the capital the text gives it elsewhere ("Ale",
"Hallands"), a place before "län"/"kommun" and a region's name after "Region" keep theirs, an abbreviation the text
writes in capitals elsewhere ("SOU", "PBL") stays in capitals.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w-]*")
# A line in capitals is taken for a heading only when it names a document or a procedure.
_NAMES_A_MATTER = re.compile(r"förslag|plan|program|strategi|policy|föreskrift|promemoria|betänkande|utredning|riktlinje|"
                             r"taxa|reglemente|översyn|ändring|reservat|skyddsområde|förordning|remiss|samråd|granskning|"
                             r"utställning|yttrande", re.IGNORECASE)
_PLACE_AFTER = {"län", "läns", "kommun", "kommuns", "stad", "stads", "region", "regions"}
_PLACE_BEFORE = {"region", "landstinget"}
_LINES = 40
_DESIGNATED = re.compile(r"[ \t]\d{4}:\d")
# What stands before a word that is capitalised by its place: nothing on the line, or a stop, colon, slash or dash
_OPENERS = ".!?:/|–(”\"-•*#"


def _opens(line: str, at: int) -> bool:
    """Tell whether the word at `at` opens its line or sentence (each run of blanks is walked once: linear)."""
    at -= 1
    while at >= 0 and line[at] in " \t":
        at -= 1
    return at < 0 or line[at] in _OPENERS


def _shouted(line: str) -> bool:
    words = _WORD.findall(line)
    letters = sum(len(w) for w in words)
    return line.isupper() and len([w for w in words if len(w) >= 2]) >= 3 and letters >= 12 and \
        bool(_NAMES_A_MATTER.search(line))


def _forms(text: str, shouted: set[int]) -> tuple[dict[str, str], set[str]]:
    """Return the capitalised form of each word the text writes only with a capital, and its abbreviations."""
    capital: dict[str, str] = {}
    lower: set[str] = set()
    upper: set[str] = set()
    for number, line in enumerate(text.split("\n")):
        if number in shouted:
            continue
        for m in _WORD.finditer(line):
            word, key = m.group(), m.group().casefold()
            if word.isupper() and 2 <= len(word) <= 10:
                upper.add(key)
            elif word[:1].isupper():
                # a capital at a line's or a sentence's start, or after a menu's slash, says nothing of the word
                if not _opens(line, m.start()):
                    capital.setdefault(key, word)
            else:
                lower.add(key)
    return {k: v for k, v in capital.items() if k not in lower}, upper


def _sentence_case(line: str, capital: dict[str, str], upper: set[str]) -> str:
    words = list(_WORD.finditer(line))
    out = list(line)
    for index, m in enumerate(words):
        word, key = m.group(), m.group().casefold()
        before = words[index - 1].group().casefold() if index else ""
        after = words[index + 1].group().casefold() if index + 1 < len(words) else ""
        if key in upper or _DESIGNATED.match(line, m.end()):
            new = word  # "SOU", "HSLF-FS", "PBL" as the text writes them; a series before its number ("XFS 2027:3")
        elif key in _PLACE_AFTER and index:
            new = word.lower()
        elif key in capital:
            new = capital[key]
        elif index == 0 or before in _PLACE_BEFORE or after in _PLACE_AFTER and key not in _PLACE_AFTER:
            new = word[:1] + word[1:].lower()
        else:
            new = word.lower()
        if len(new) == len(word):
            out[m.start():m.end()] = new
    return "".join(out)


def decapitalised(text: str) -> str | None:
    """Return the text with its headings in capitals written in sentence case, or None when it has none."""
    lines = text.split("\n")
    shouted = {i for i, line in enumerate(lines[:_LINES]) if _shouted(line)}
    if not shouted:
        return None
    capital, upper = _forms(text, shouted)
    for i in shouted:
        lines[i] = _sentence_case(lines[i], capital, upper)
    return "\n".join(lines)
