"""Two saves of one yttrande: a three-way merge per field of the version a form was opened on (base), the newest
saved version (theirs) and what the form sent (mine), so that no one's change is lost without a word.

A field only mine changed keeps my text; a field only theirs changed takes theirs; a field both changed to different
texts keeps mine and is a conflict, shown with theirs beside it. Fields are the form's: each text section and each
answer per frågeställning ("svar-2"). Free sections (avsnitt) are matched by their id, never by their place in the
list: a section inserted, removed or moved in one tab leaves the others to be merged with themselves. Within a
section its rubrik and text merge as fields; a section removed in one tab and changed in the other is a conflict.
The result names the free sections' fields by their place in the merged list ("avsnitt-2-text"), as the form does."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from remiss.drafting.content import LINE_FIELDS, TEXT_FIELDS, field_label, with_section_ids
from remiss.calendar.swedish import join_words
from remiss.remisser.input import InputErrors

FLAG = "inga_synpunkter"
PARTS = ("rubrik", "text")
ORDER = "avsnitt-ordning"  # the order of the free sections, taken from the newer version


def flat(content: dict) -> dict:
    """The fields merged one by one (field name -> text; the flag as a bool): all but the free sections."""
    values = {key: content.get(key, "") or "" for key in TEXT_FIELDS + LINE_FIELDS}
    for position, item in enumerate(content.get("svar", []), 1):
        values[f"svar-{position}"] = item.get("text", "") or ""
    values[FLAG] = bool(content.get(FLAG))
    return values


@dataclass
class Merged:
    content: dict  # the merged sections
    taken: list[str] = field(default_factory=list)  # fields whose text came from the newer version
    kept: list[str] = field(default_factory=list)  # fields only mine changed
    conflicts: dict[str, str] = field(default_factory=dict)  # field -> the newer version's text, both changed it
    labels: dict[str, str] = field(default_factory=dict)  # names for what is no field of the form (a removed section)
    notes: dict[str, str] = field(default_factory=dict)  # field -> what happened, for a conflict that is no edit

    def name(self, key: str) -> str:
        return self.labels.get(key) or (field_label(key) if key != FLAG else "Inga synpunkter")


def _pick(old, new, own, key: str, merged: Merged):
    """Three-way choice of one value; records what was taken, kept or in conflict under key."""
    if own == new:
        return own
    if own == old:
        merged.taken.append(key)
        return new
    if new == old:
        merged.kept.append(key)
        return own
    merged.conflicts[key] = new if isinstance(new, str) else ("Ja" if new else "Nej")
    return own


def _section(item: dict | None) -> tuple[str, str] | None:
    """A free section's text as compared: None when it is not there or emptied (the form's way to remove it)."""
    if item is None or not (item.get("rubrik") or item.get("text")):
        return None
    return item.get("rubrik", "") or "", item.get("text", "") or ""


def _by_id(content: dict) -> dict[str, dict]:
    return {item["id"]: item for item in content.get("avsnitt", []) if item.get("id")}


def _order(base: list[str], theirs: list[str], mine: list[str], present: set[str]) -> tuple[list[str], bool]:
    """The merged order of the sections present: mine when only mine moved sections, else theirs; a section only
    one side has goes after the one it follows there (and after what the other side added at that place). Also whether theirs' order was taken over a move of mine."""
    common = [i for i in base if i in theirs and i in mine]
    mine_moved = [i for i in mine if i in common] != common
    theirs_moved = [i for i in theirs if i in common] != common
    primary, other = (mine, theirs) if mine_moved and not theirs_moved else (theirs, mine)
    order = [i for i in primary if i in present]
    for index, item in enumerate(other):
        if item in present and item not in order:
            before = next((other[j] for j in range(index - 1, -1, -1) if other[j] in order), None)
            place = order.index(before) + 1 if before else 0
            while place < len(order) and order[place] not in other:  # after what the other side added there
                place += 1
            order.insert(place, item)
    return order, theirs_moved and not mine_moved


def _one_side(sid: str, old, side, label: str, merged: Merged, result: dict, marks: list) -> None:
    """Section sid changed on one side only: take that side's rubrik and text, or its removal (side None).
    label says whose: "taken" (theirs, into merged.taken) or "kept" (mine, into merged.kept)."""
    if side is None:
        {"taken": merged.taken, "kept": merged.kept}[label].append(f"avsnitt:{sid}")
        merged.labels[f"avsnitt:{sid}"] = f"borttaget avsnitt ”{old[0] or old[1][:40]}”"
    else:
        result[sid] = {"id": sid, "rubrik": side[0], "text": side[1]}
        marks.extend((sid, part, label) for part, o, n in zip(PARTS, old or ("", ""), side) if o != n)


def _merge_sections(base: dict, theirs: dict, mine: dict, merged: Merged) -> list[dict]:
    b, t, m = _by_id(base), _by_id(theirs), _by_id(mine)
    result: dict[str, dict] = {}
    marks: list[tuple[str, str, str]] = []  # (section id, part, what: taken | kept | conflict)
    conflict_text: dict[tuple[str, str], str] = {}
    notes: dict[str, str] = {}
    for sid in list(t) + [i for i in m if i not in t] + [i for i in b if i not in t and i not in m]:
        old, new, own = _section(b.get(sid)), _section(t.get(sid)), _section(m.get(sid))
        if own == new:
            if own is not None:
                result[sid] = {"id": sid, "rubrik": own[0], "text": own[1]}
        elif own == old:  # only theirs changed it, or removed it
            _one_side(sid, old, new, "taken", merged, result, marks)
        elif new == old:  # only mine changed it, or removed it
            _one_side(sid, old, own, "kept", merged, result, marks)
        elif own is not None and new is not None:  # both changed it: rubrik and text each as a field
            values = {}
            for index, part in enumerate(PARTS):
                o, n, w = (old or ("", ""))[index], new[index], own[index]
                if w == n:
                    values[part] = w
                elif w == o:
                    values[part] = n
                    marks.append((sid, part, "taken"))
                elif n == o:
                    values[part] = w
                    marks.append((sid, part, "kept"))
                else:
                    values[part] = w
                    marks.append((sid, part, "conflict"))
                    conflict_text[(sid, part)] = n
            result[sid] = {"id": sid, **values}
        elif new is None:  # removed in theirs, changed in mine: my text stays, to be kept or emptied
            result[sid] = {"id": sid, "rubrik": own[0], "text": own[1]}
            marks.append((sid, "text", "conflict"))
            conflict_text[(sid, "text")] = ""
            notes[sid] = "removed_there"
        else:  # removed in mine, changed in theirs: my empty fields stay, theirs shown under them
            result[sid] = {"id": sid, "rubrik": "", "text": ""}
            marks += [(sid, "rubrik", "conflict"), (sid, "text", "conflict")]
            conflict_text[(sid, "rubrik")], conflict_text[(sid, "text")] = new
            notes[sid] = "removed_here"
    order, reordered = _order(list(b), list(t), list(m), set(result))
    if reordered:
        merged.taken.append(ORDER)
        merged.labels[ORDER] = "avsnittens ordning"
    position = {sid: n for n, sid in enumerate(order, 1)}
    for sid, part, what in marks:
        key = f"avsnitt-{position[sid]}-{part}"
        if what == "taken":
            merged.taken.append(key)
        elif what == "kept":
            merged.kept.append(key)
        else:
            merged.conflicts[key] = conflict_text[(sid, part)]
            if sid in notes:
                merged.notes[key] = notes[sid]
    return [result[sid] for sid in order]


def three_way(base: dict, theirs: dict, mine: dict) -> Merged:
    """Merge mine (what a form based on base sent) into theirs (the newest version), field by field and free
    section by free section (matched by id)."""
    # sections without ids (content saved before they had them) are matched by place, as before
    base, theirs, mine = (with_section_ids(copy.deepcopy(c)) for c in (base, theirs, mine))
    b, t, m = flat(base), flat(theirs), flat(mine)
    merged = Merged(content={})
    values = {key: _pick(b.get(key, ""), t.get(key, ""), m.get(key, ""), key, merged)
              for key in list(t) + [k for k in m if k not in t]}
    content = theirs
    for key in TEXT_FIELDS + LINE_FIELDS:
        content[key] = values.get(key, "")
    for position, item in enumerate(content.get("svar", []), 1):
        item["text"] = values.get(f"svar-{position}", "")
    content[FLAG] = bool(values.get(FLAG))
    content["avsnitt"] = _merge_sections(base, theirs, mine, merged)
    merged.content = content
    return merged


class DraftConflict(InputErrors):
    """A save based on an older version: refused, with the merge to offer (conflicts marked per field)."""

    def __init__(self, merged: Merged, *, base: int, newest: int, by: str = ""):
        """by: who saved the newest version and when (remiss.stale_form.changed_by), "" when not known."""
        self.merged, self.base, self.newest = merged, base, newest
        names = lambda keys: join_words([merged.name(key) for key in keys])  # noqa: E731
        lead = (f"Utkastet har sparats i en nyare version ({newest}) sedan du öppnade det (version {base}), så din "
                "ändring är inte sparad än." if base else
                f"Utkastet har sparats (version {newest}) efter att du öppnade det, så din ändring är inte sparad än.")
        if by:
            lead += f" Version {newest} sparades{by}."
        if merged.taken:
            lead += f" Från version {newest} är nu taget: {names(merged.taken)}."
        if merged.kept:
            lead += f" Dina ändringar står kvar: {names(merged.kept)}."
        if merged.conflicts:
            lead += (f" Både du och den som sparade version {newest} har ändrat {names(merged.conflicts)}: "
                     "välj vilken text som ska stå och spara igen.")
        else:
            lead += " Kontrollera texten och spara igen."
        errors = {"base_version": lead}
        for key in merged.conflicts:
            errors[key] = self.message(key)
        super().__init__(errors)

    def message(self, key: str) -> str:
        name, newest = self.merged.name(key), self.newest
        note = self.merged.notes.get(key)
        if note == "removed_there":
            return (f"{name}: avsnittet är borttaget i version {newest} men ändrat av dig. Din text står kvar i rutan; "
                    "töm rubrik och text om avsnittet ska bort, och spara igen.")
        if note == "removed_here":
            return (f"{name}: du har tagit bort avsnittet, men det har ändrats i version {newest}. Rutan är tom som "
                    f"du lämnade den, texten i version {newest} står under den. Skriv in den om avsnittet ska stå kvar, "
                    "och spara igen.")
        return (f"{name} har ändrats både av dig och i version {newest}: din text står kvar i rutan, texten i "
                f"version {newest} under den. Välj vad som ska stå och spara igen.")
