"""The paragraf (§) of a beslut as a protokoll or a delegationsbeslutslista prints it: read, normalised and checked.
Pure: the beslut form checks it in the same round as its dates (drafting.forms), the service before it stores it."""
from __future__ import annotations

import re

# the DecidedBy values whose beslut stands in a protokoll with a paragraf (drafting.models.DecidedBy)
IN_PROTOKOLL = ("namnd", "arbetsutskott")

# A paragraf as protokoll write it: "§ 142", "142", "§ 12 a", "§§ 12–13", with the organ's short name before the
# § when the protokoll numbers per organ ("KS § 142", "AU § 12").
_NUMBER = r"([0-9]{1,5})(?:\s*([a-zA-Z]))?(?![\w§])"
_PARAGRAF = re.compile(r"^(?:((?:[A-Za-zÅÄÖåäö]{1,12} ){1,2})(?=§))?(§{0,2})\s*" + _NUMBER
                       + r"(?:\s*[-–—]\s*" + _NUMBER + r")?$")
# a delegationsbeslut's number in the delegationsbeslutslista, when it has one: "D 12", "DB 2015:12", "§ 12"
_DELEGATIONSNUMMER = re.compile(r"^(?=.*[0-9])[A-Za-zÅÄÖåäö0-9§ /:.,–-]+$")
PARAGRAF_FORM = "Ange paragrafen som i protokollet, t.ex. § 142, § 12 a eller §§ 12–13."
DELEGATIONSNUMMER_FORM = ("Ange delegationsbeslutets nummer med siffror och bokstäver, t.ex. D 12 eller § 12, eller "
                          "lämna fältet tomt.")
# in a delegationsbeslut's number a § comes before a number, as in a protokoll: "§ 12", never "§§§ x" (walk26b X16)
_SIGN_WITHOUT_NUMBER = re.compile(r"§(?!§?\s*[0-9])|§§§")


def normal_paragraf(text: str) -> str:
    """'142', '§142' and '§ 142' -> '§ 142'; '12A' -> '§ 12 a'; '12-13' -> '§§ 12–13'; other text (e.g. a
    delegationsbeslut's 'D 12/2015') as typed, spaces collapsed."""
    text = " ".join((text or "").split())
    match = _PARAGRAF.match(text)
    if not match:
        return text
    organ, _, first, letter, last, last_letter = match.groups()

    def number(digits: str, letter: str | None) -> str:
        return digits + (f" {letter.lower()}" if letter else "")

    numbers = number(first, letter) + (f"–{number(last, last_letter)}" if last else "")
    return f"{organ or ''}{'§§' if last else '§'} {numbers}"


def paragraf_problem(paragraf: str, decided_by: str | None) -> str:
    """Why a normalised paragraf is not one a protokoll (or a delegationsbeslutslista) would print ("" if fine);
    decided_by: a DecidedBy value."""
    if decided_by in IN_PROTOKOLL:
        if not paragraf:
            return "Ange paragrafen i protokollet, t.ex. § 142."
        if not (match := _PARAGRAF.match(paragraf)):
            return PARAGRAF_FORM
        if problem := _numbering_problem(match.group(1), *match.groups()[2:]):
            return problem
    elif paragraf and (not _DELEGATIONSNUMMER.match(paragraf) or _SIGN_WITHOUT_NUMBER.search(paragraf)):
        return DELEGATIONSNUMMER_FORM
    if len(paragraf) > 20:
        return "Skriv högst 20 tecken, t.ex. § 142."
    return ""


def _numbering_problem(organ: str | None, first: str, letter: str | None, last: str | None,
                       last_letter: str | None) -> str:
    """Why a protokoll's paragraf numbers are not ones it prints: § 0, or §§ 13–12 (walk20 H5); "" if fine."""
    if int(first) == 0:
        return "Paragrafens nummer börjar på 1."
    if last is None:
        return ""
    start, end = (int(first), (letter or "").lower()), (int(last), (last_letter or "").lower())
    first, last = first + (letter or ""), last + (last_letter or "")
    if end == start:
        return f"Första och sista paragrafen är samma: skriv {normal_paragraf((organ or '') + '§ ' + first)}."
    if end < start:
        return f"Skriv paragraferna i stigande ordning: {normal_paragraf((organ or '') + f'§§ {last}-{first}')}."
    return ""
