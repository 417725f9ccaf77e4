"""Two saves of one yttrande: a three-way merge per field of the version a form was opened on (base), the newest
saved version (theirs) and what the form sent (mine), so that no one's change is lost without a word.

A field only mine changed keeps my text; a field only theirs changed takes theirs; a field both changed to different
texts keeps mine and is a conflict, shown with theirs beside it. Fields are the form's: each text section, each
answer per frågeställning ("svar-2"), each free section's rubrik and text ("avsnitt-1-text")."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from remiss.drafting.content import LINE_FIELDS, TEXT_FIELDS, field_label
from remiss.calendar.swedish import join_words
from remiss.remisser.input import InputErrors

FLAG = "inga_synpunkter"


def flat(content: dict) -> dict:
    """The sections as form fields (field name -> text; the flag as a bool)."""
    values = {key: content.get(key, "") or "" for key in TEXT_FIELDS + LINE_FIELDS}
    for position, item in enumerate(content.get("svar", []), 1):
        values[f"svar-{position}"] = item.get("text", "") or ""
    for position, item in enumerate(content.get("avsnitt", []), 1):
        values[f"avsnitt-{position}-rubrik"] = item.get("rubrik", "") or ""
        values[f"avsnitt-{position}-text"] = item.get("text", "") or ""
    values[FLAG] = bool(content.get(FLAG))
    return values


def _unflat(values: dict, like: dict) -> dict:
    """The sections of like with the fields' values put back (an emptied free section is dropped)."""
    content = copy.deepcopy(like)
    for key in TEXT_FIELDS + LINE_FIELDS:
        content[key] = values.get(key, "")
    for position, item in enumerate(content.get("svar", []), 1):
        item["text"] = values.get(f"svar-{position}", "")
    positions = sorted({int(key.split("-")[1]) for key in values if key.startswith("avsnitt-")})
    sections = [{"rubrik": values.get(f"avsnitt-{n}-rubrik", ""), "text": values.get(f"avsnitt-{n}-text", "")}
                for n in positions]
    content["avsnitt"] = [s for s in sections if s["rubrik"] or s["text"]]
    content[FLAG] = bool(values.get(FLAG))
    return content


@dataclass
class Merged:
    content: dict  # the merged sections
    taken: list[str] = field(default_factory=list)  # fields whose text came from the newer version
    kept: list[str] = field(default_factory=list)  # fields only mine changed
    conflicts: dict[str, str] = field(default_factory=dict)  # field -> the newer version's text, both changed it


def three_way(base: dict, theirs: dict, mine: dict) -> Merged:
    """Merge mine (what a form based on base sent) into theirs (the newest version), field by field."""
    b, t, m = flat(base), flat(theirs), flat(mine)
    merged = Merged(content={})
    values = {}
    for key in list(t) + [k for k in m if k not in t]:
        old, new, own = b.get(key, ""), t.get(key, ""), m.get(key, "")
        if own == new:
            values[key] = own
        elif own == old:
            values[key] = new
            merged.taken.append(key)
        elif new == old:
            values[key] = own
            merged.kept.append(key)
        else:
            values[key] = own
            merged.conflicts[key] = new if isinstance(new, str) else ("Ja" if new else "Nej")
    merged.content = _unflat(values, theirs)
    return merged


def _names(keys) -> str:
    return join_words([field_label(key) if key != FLAG else "Inga synpunkter" for key in keys])


class DraftConflict(InputErrors):
    """A save based on an older version: refused, with the merge to offer (conflicts marked per field)."""

    def __init__(self, merged: Merged, *, base: int, newest: int):
        self.merged, self.base, self.newest = merged, base, newest
        lead = (f"Utkastet har sparats i en nyare version ({newest}) sedan du öppnade det (version {base}), så din "
                "ändring är inte sparad än." if base else
                f"Utkastet har sparats (version {newest}) efter att du öppnade det, så din ändring är inte sparad än.")
        if merged.taken:
            lead += f" Från version {newest} är nu taget: {_names(merged.taken)}."
        if merged.kept:
            lead += f" Dina ändringar står kvar: {_names(merged.kept)}."
        if merged.conflicts:
            lead += (f" Både du och den som sparade version {newest} har ändrat {_names(merged.conflicts)}: "
                     "välj vilken text som ska stå och spara igen.")
        else:
            lead += " Kontrollera texten och spara igen."
        errors = {"base_version": lead}
        for key in merged.conflicts:
            errors[key] = (f"{field_label(key) if key != FLAG else 'Inga synpunkter'} har ändrats både av dig och i "
                           f"version {newest}: din text står kvar i rutan, texten i version {newest} under den. "
                           "Välj vad som ska stå och spara igen.")
        super().__init__(errors)
