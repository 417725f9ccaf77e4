"""One instans written twice on a sändlista: the rule for the new-remiss form, "Ändra uppgifter" and the API.

Pure: names and SandlistaItems in, names and SandlistaItems out (walk12b #8: "Ungdomsrådet" and "ungdomsrådet"
got two missiv mails and two reminders each)."""
from __future__ import annotations

import re

from remiss.calendar.swedish import join_words
from remiss.remisser.input import InputErrors, SandlistaItem, parse_email

# A whole name that is "Namn <e-post>", as Outlook copies an address (migration u002 splits the old ones)
_ANGLED_NAME = re.compile(r'^\s*"?([^"<>@]*?)"?\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$')


def name_key(name: str) -> str:
    """An instans's name as compared on one sändlista: case (Å, Ä and Ö too: Python folds them, SQLite's lower()
    does not) and runs of spaces do not count; the letters å, ä and ö stay themselves."""
    return " ".join(name.split()).casefold()


def read_angled(item: SandlistaItem) -> SandlistaItem:
    """An instans named "Namn <e-post>" is Namn, reached at that address unless the item gives its own: so a name
    given to the API, or a row of one, never puts angle brackets in the register. Any other name is kept."""
    found = _ANGLED_NAME.match(item.name)
    if not found or not found.group(1).strip():
        return item
    try:
        email = parse_email(found.group(2))
    except ValueError:
        return item
    return SandlistaItem(" ".join(found.group(1).split()), item.email or email, item.group_name)


def merge_repeated(items: list[SandlistaItem], *, field: str = "sandlista", tidy: bool = False
                   ) -> tuple[list[SandlistaItem], list[str]]:
    """Instanser with one name, told apart only by case or spaces, as one: the first spelling, with the e-mail
    given (a name "Namn <e-post>" read as Namn with that address: read_angled). Returns the items and the names
    that were repeated. Two different e-mail addresses for one name are refused (on field): which one is meant?
    tidy: runs of spaces in the names kept become one (typed names); otherwise a name stays as given, as the
    register may hold it so."""
    kept: dict[str, SandlistaItem] = {}
    repeated: list[str] = []
    for item in map(read_angled, items):
        if tidy:
            item = SandlistaItem(" ".join(item.name.split()), item.email, item.group_name)
        key = name_key(item.name)
        first = kept.get(key)
        if first is None:
            kept[key] = item
            continue
        if first.name not in repeated:
            repeated.append(first.name)
        if item.email and first.email and item.email.lower() != first.email.lower():
            raise InputErrors({field: f"{first.name} står flera gånger med olika e-postadresser "
                                      f"({first.email} och {item.email}). Skriv instansen en gång, med "
                                      "den adress som gäller."})
        if (item.email and not first.email) or (item.group_name and not first.group_name):
            kept[key] = SandlistaItem(first.name, first.email or item.email, first.group_name or item.group_name)
    return list(kept.values()), repeated


def repeated_note(names: list[str], *, typed: bool = False) -> str:
    """What merging did, said after saving ("" when nothing was merged); typed: among the new-remiss form's
    typed instanser."""
    if not names:
        return ""
    listed = join_words(names)
    if typed:
        return f"{listed} stod flera gånger bland de inskrivna instanserna och finns en gång på sändlistan."
    return f"{listed} stod flera gånger på sändlistan och finns nu där en gång."
