"""Whether the dates read from a letter are plausible, as warnings on its proposal (the Inkorg's and the pasted
missiv's): a sista svarsdag or an extension's new day years away from the day the letter was sent, a missiv dated
years from its mail, an extension that moves the day earlier. The dates are still proposed – the person decides –
but not silently: a misread year ("2062") or an old letter forwarded again is said before it is registered.

Pure: no Flask, no database. The parser's own rules (remiss.missiv) are not changed here; this reads its result."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from remiss.calendar.swedish import format_date
from remiss.missiv.dates import find_dates

# A remisstid is weeks or months; a date more than a year from the letter is a misread or mistyped year, or an old
# letter sent again.
FAR = timedelta(days=366)
_FROM = re.compile(r"\bfrån[ \t]+(?:och[ \t]+med[ \t]+)?(?:den[ \t]+)?$", re.IGNORECASE)
_TO = re.compile(r"^(?:[ \t]*(?:kl\.?|klockan)[ \t]*\d{1,2}[.:]\d{2})?[ \t,]*till[ \t]+(?:och[ \t]+med[ \t]+)?"
                 r"(?:den[ \t]+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """The day the letter's dates are weighed against, and what it is, as the warnings name it."""

    day: date
    name: str  # "e-postmeddelandets datum", "missivets datum"


def reference(*, sent: date | None, letter_date: date | None) -> Reference | None:
    """The mail's own date when there is one, else the missiv's; None when neither is known."""
    if sent is not None:
        return Reference(sent, "e-postmeddelandets datum")
    if letter_date is not None:
        return Reference(letter_date, "missivets datum")
    return None


def date_warnings(ref: Reference | None, *, deadline_on: date | None, letter_date: date | None,
                  extension_to: date | None, text: str = "") -> list[str]:
    """Return the warnings, in Swedish, for the dates of a read letter that are not plausible (none: [])."""
    warnings = []
    if ref is not None:
        far = [("Sista svarsdag", deadline_on)] if deadline_on != extension_to else []
        far.append(("Den nya sista svarsdagen", extension_to))
        if ref.name != "missivets datum":
            far.append(("Missivets datum", letter_date))
        for label, day in far:
            if day is not None and abs(day - ref.day) > FAR:
                side = "efter" if day > ref.day else "före"
                warnings.append(f"{label} ({format_date(day)}) ligger mer än ett år {side} {ref.name} "
                                f"({format_date(ref.day)}). Kontrollera årtalet innan remissen registreras.")
        if extension_to is not None and ref.day - FAR <= extension_to < ref.day:
            warnings.append(f"Den nya sista svarsdagen ({format_date(extension_to)}) ligger före {ref.name} "
                            f"({format_date(ref.day)}): en förlängning flyttar svarsdagen framåt. Kontrollera "
                            "datumet innan förlängningen registreras.")
    old = replaced_day(text, extension_to)
    if old is not None and extension_to is not None and extension_to <= old:
        warnings.append(f"Brevet flyttar sista svarsdagen från {format_date(old)} till {format_date(extension_to)}, "
                        "alltså inte till en senare dag. Kontrollera datumen innan förlängningen registreras.")
    return warnings


def replaced_day(text: str, new_day: date | None) -> date | None:
    """The old day a notice names beside its new one ("förlängs från den 15 maj 2027 till den 10 maj 2027"), or
    None. The parser reads only the new day (remiss.missiv.extension); its year, when the old day has none."""
    if new_day is None or not text:
        return None
    found = find_dates(text[:50000])
    for before, after in zip(found, found[1:]):
        if (after.year or new_day.year, after.month, after.day) != (new_day.year, new_day.month, new_day.day):
            continue
        if _FROM.search(text[max(0, before.start - 30):before.start]) and _TO.match(text[before.end:after.start]):
            try:
                return date(before.year or new_day.year, before.month, before.day)
            except ValueError:
                return None
    return None


def proposal_warnings(values: dict, extension_to: str | None, *, sent: date | None) -> list[str]:
    """date_warnings for a proposal's values as the parser gives them (ISO text; extension_to may carry a time)."""
    letter = _day(values.get("letter_date"))
    return date_warnings(reference(sent=sent, letter_date=letter), deadline_on=_day(values.get("deadline_on")),
                         letter_date=letter, extension_to=_day(extension_to), text=values.get("missiv_text") or "")


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10]) if value else None
    except ValueError:
        return None
