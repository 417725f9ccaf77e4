"""The words for what instanser sent an utgående remiss have not got: new remisshandlingar by name, grouped by what
each lacks (split from amendments, which decides who that is: amendments.news)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from remiss.calendar.swedish import join_words

if TYPE_CHECKING:
    from remiss.outgoing.service.amendments import News


def added_names(found: list[News]) -> list[str]:
    """The new remisshandlingar some of found have not got, by name, in the order they were added."""
    names = {}
    for n in found:
        for a in n.handlingar:
            names[a.id] = (a.uploaded_at, a.filename)
    return [name for _, name in sorted(names.values(), key=lambda v: v[0])]


def files_words(names: list[str]) -> str:
    """"den nya remisshandlingen ”A.pdf”" / "de 2 nya remisshandlingarna ”A.pdf” och ”B.docx”"."""
    quoted = join_words([f"”{n}”" for n in names])
    if len(names) == 1:
        return f"den nya remisshandlingen {quoted}"
    return f"de {len(names)} nya remisshandlingarna {quoted}"


def instanser_words(names: list[str]) -> str:
    """The instans by name, or how many: "Trafiknämnden", "2 remissinstanser"."""
    return names[0] if len(names) == 1 else f"{len(names)} remissinstanser"


def lacking_words(found: list[News], they: str = "") -> str:
    """"2 remissinstanser har inte fått den nya remisshandlingen ”A.pdf”" ("" when none lacks one); they ("den",
    "de") for the holders when all lack the same files. Instanser that lack different files are said apart: one whose
    missiv was made anew in the Utkorg with the first file lacks only the second (walk 24 at the stop)."""
    lacking: dict[tuple[str, ...], list[str]] = {}
    for n in found:
        if n.handlingar:
            files = tuple(a.filename for a in sorted(n.handlingar, key=lambda a: (a.uploaded_at, a.id)))
            lacking.setdefault(files, []).append(n.entry.name)
    if len(lacking) == 1:
        (files, holders), = lacking.items()
        return f"{they or instanser_words(holders)} har inte fått {files_words(list(files))}"
    return join_words([f"{join_words(holders)} har inte fått {files_words(list(files))}"
                       for files, holders in lacking.items()])


def added_words(found: list[News]) -> str:
    """"2 remissinstanser har inte fått den nya remisshandlingen ”A.pdf”, som har lagts till efter utskicket." ("" when
    none lacks one)."""
    lacking = lacking_words(found)
    return f"{lacking}, som har lagts till efter utskicket." if lacking else ""


def added_text(found: list[News]) -> str:
    """added_words and what to do: the flash after an upload, the edit form's note and the API's warning."""
    said = added_words(found)
    if not said:
        return ""
    one = len(added_names(found)) == 1
    return f"{said} Skicka {'den' if one else 'dem'} med ”Skicka ändringen” under Utskick och svar."
