"""A kommun's own unit as the sender of a remiss to its nämnder: the one unit ("Kommunstyrelsen",
"Kulturförvaltningen") the letter names outside its sändlista, or the unit that heads the letter (round 34). Split out
of remittent.py, which asks it when the answer address is the reader's own kommun."""
from __future__ import annotations

import re

_OWN_UNIT = re.compile(r"(?<![\wåäö-])[A-ZÅÄÖ][a-zåäö]{1,40}(?:nämnden|styrelsen|förvaltningen|kontoret)(?![\wåäö])")


def own_unit(text: str, skip: tuple[int, int] | None):
    """Return the one unit of a kommun the letter names outside its sändlista, or its letterhead's unit; None when it
    names none, or two and none heads the letter."""
    found = [m for m in _OWN_UNIT.finditer(text) if not (skip and skip[0] <= m.start() < skip[1])]
    if found and len({m.group() for m in found}) == 1:
        return found[0]
    # "Kommunstyrelsen" heading a letter that also names Stadskontoret, which drafted the proposal: the letterhead
    # says whose letter it is (round 34)
    return unit_letterhead(text) if found else None


def unit_letterhead(text: str):
    """Return the unit ("Kommunstyrelsen", "Kulturförvaltningen") that alone makes one of the text's first two
    lines, as a kommun's letterhead writes it, or None. A line under "Till" is the addressee, not the letterhead."""
    lines, previous = 0, ""
    for line in re.finditer(r"[^\n]+", text[:600]):
        stripped = line.group().strip(" \t#*")
        if not stripped:
            continue
        lines += 1
        if lines > 2 or re.fullmatch(r"(?:till|mottagare|adressat)[ \t:]*", previous, re.IGNORECASE):
            return None
        previous = stripped
        unit = _OWN_UNIT.match(text, line.start() + len(line.group()) - len(line.group().lstrip(" \t#*")))
        if unit and unit.group() == stripped:
            return unit
    return None
