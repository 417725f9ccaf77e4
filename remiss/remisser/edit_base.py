"""Ändra uppgifter from an old tab (walk22 L2): the form carries the values it loaded (the hidden field "base"), so a
save writes only the fields changed in this tab, and a field changed both here and by another save since the page
was opened is refused, naming that change (who, when, the value now), with everything typed kept.

Fields are compared as parsed (remisser.input.parse_remiss_input): "2027-01-11" and "11 januari 2027" are one date,
a title with a blank added is the same title. A field only the other save changed keeps the other save's value; a
field both changed to the same value is no clash. A form without "base" (a script, an older page) saves every field
it sends, as before. The API's PATCH sends only the fields it changes and does not come here.

The base is put in the form, the other change named (who, when) and the refusal shown as for every stale form
(remiss.stale_form). The value now is shown whole, however long (M7: it was cut at 200 characters), and in a field of
lines (frågeställningar, sändlista) the lines the other save added stay in the field that comes back, beside this
tab's, so that saving again does not drop them (and lines it removed, that this tab did not touch, stay removed)."""
from __future__ import annotations

import json

from sqlmodel import Session

from remiss import stale_form
from remiss.auth.models import User
from remiss.calendar.swedish import format_date
from remiss.namnd.models import Namnd
from remiss.remisser.input import CLEANERS, parse_remiss_input
from remiss.remisser.models import Direction, Remiss, RemissKind
from remiss.remisser.service import AUDITED, entries, questions_of

BASE = stale_form.VALUES  # the hidden field: the form's values as loaded, as JSON
LINES = ("questions", "sandlista")  # fields of one item a line: merged line by line after a clash


def form_values(session: Session, remiss: Remiss) -> dict:
    """The edit form's values of the remiss as it is now: text, as the form shows them."""
    values = {k: getattr(remiss, k) for k in AUDITED}
    for k in ("received_on", "letter_date", "deadline_on"):
        values[k] = values[k].isoformat() if values[k] else ""
    values["deadline_time"] = remiss.deadline_time.strftime("%H.%M") if remiss.deadline_time else ""
    values["no_deadline"] = "" if remiss.deadline_on else "1"
    values["questions"] = "\n".join(q.text for q in questions_of(session, remiss.id))
    values["sandlista"] = "\n".join(e.name for e in entries(session, remiss.id))
    return {k: ("" if v is None else v) for k, v in values.items()}


def base_of(values: dict) -> str:
    """The hidden field's value for a form showing values (form_values)."""
    return json.dumps({k: v for k, v in values.items() if k in CLEANERS}, ensure_ascii=False, default=str)


def loaded(form: dict) -> dict | None:
    """The values the posted form was opened with, or None when it carries none (or they are unreadable)."""
    try:
        base = json.loads(form.get(BASE) or "null")
    except ValueError:
        return None
    return base if isinstance(base, dict) else None


def only_changed(session: Session, remiss: Remiss, clean: dict, base: dict | None,
                 typed: dict | None = None) -> tuple[dict, dict[str, str]]:
    """(the changes this tab made, field -> message for each field another save changed too since base).

    clean: the parsed form (partial); base: loaded(form); typed: the form as posted (for the lines of a clash).
    Without a base every field given is a change."""
    typed = typed or {}
    if base is None:
        return clean, {}
    keys = [k for k in clean if k in base]
    was, _ = parse_remiss_input({k: base[k] for k in keys}, partial=True)
    current = form_values(session, remiss)
    now, _ = parse_remiss_input({k: v for k, v in current.items() if k in keys}, partial=True)
    changes, clashes = {}, {}
    for key, mine in clean.items():
        if key in keys and mine == was.get(key):
            continue  # not changed in this tab: the value now stays, whoever set it
        if key in keys and now.get(key) != was.get(key) and now.get(key) != mine:
            added = _added_lines(base[key], current[key], typed.get(key, "")) if key in LINES else []
            clashes[key] = clash_message(session, remiss, key, now.get(key), kept=len(added))
        changes[key] = mine
    return changes, clashes


def title(refused: str | bool, clashed: bool) -> str | None:
    """The heading of the edit form's error summary when it is not "Formuläret innehåller fel"."""
    if refused:
        return "Uppgifterna ändrades inte"
    return "Ändrat av någon annan sedan du öppnade sidan" if clashed else None


def after_clash(session: Session, remiss: Remiss, typed: dict, changes: dict,
                loaded_base: dict | None = None) -> tuple[dict, str]:
    """(the form's values, its new base) after a clash: the remiss as it is now, with what this tab changed (all it
    typed) on top, and the base the remiss now, so that saving again writes this tab's changes and leaves the
    other save's. A field of lines changed in both gets this tab's lines merged with the other save's (_merged_lines):
    saving again keeps what the other tab added."""
    values = form_values(session, remiss)
    base = base_of(values)
    for key, value in typed.items():
        if key in CLEANERS and key not in changes:
            continue
        if key == "handlaggare" and "handlaggare_id" not in changes:
            continue
        if key in LINES and loaded_base and key in loaded_base:
            value = _merged_lines(loaded_base[key], values[key], value)
        values[key] = value
    if "deadline_on" in changes:
        values["no_deadline"] = typed.get("no_deadline", "")
    return values, base


def clash_message(session: Session, remiss: Remiss, key: str, value, kept: int = 0) -> str:
    """"Har ändrats av Sara Sekreterare 6 december 2026 kl. 03.10, efter att du öppnade sidan. Nu: ”…”. …", at the
    field and after its label in the summary (who and when from the history's latest change of the field); kept:
    how many lines the other save added that the field that comes back keeps beside this tab's."""
    by = stale_form.event_by(session, stale_form.last_change(session, remiss_id=remiss.id, entity="remiss", key=key))
    said = f"Har ändrats{by}, efter att du öppnade sidan. Nu: {_shown(session, key, value)}. "
    if kept:
        lines = "raden" if kept == 1 else f"de {kept} raderna"
        return said + (f"I fältet står nu dina ändringar och {lines} som lades till där: spara igen för att spara "
                       "båda, eller ändra fältet.")
    return said + "Det du skrev står kvar i fältet: spara igen för att ersätta ändringen med det, eller ändra fältet."


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _added_lines(was: str, now: str, mine: str) -> list[str]:
    """The lines the other save added (in now, not in was) that this tab's text lacks."""
    was_lines, mine_lines = set(_lines(was)), set(_lines(mine))
    return [line for line in _lines(now) if line not in was_lines and line not in mine_lines]


def _merged_lines(was: str, now: str, mine: str) -> str:
    """This tab's lines with the other save's changes since was: a line it added is put in after the line it
    follows there (first when it is first, else last), a line it removed that this tab kept as it was is left out."""
    was_lines, now_lines = _lines(was), _lines(now)
    result = [line for line in _lines(mine) if not (line in was_lines and line not in now_lines)]
    for position, line in enumerate(now_lines):
        if line in was_lines or line in result:
            continue
        before = next((now_lines[i] for i in range(position - 1, -1, -1) if now_lines[i] in result), None)
        if before is not None:
            result.insert(result.index(before) + 1, line)
        elif position == 0:
            result.insert(0, line)
        else:
            result.append(line)
    return "\n".join(result)


def _shown(session: Session, key: str, value) -> str:
    """The value as a person reads it, quoted; "tomt" when there is none."""
    if value in (None, "", []):
        return "tomt"
    if key == "handlaggare_id":
        user = session.get(User, value)
        text = user.name if user else str(value)
    elif key == "namnd_id":
        namnd = session.get(Namnd, value)
        text = namnd.name if namnd else str(value)
    elif key == "direction":
        text = Direction(value).label
    elif key == "kind":
        text = RemissKind(value).label
    elif key == "deadline_time":
        text = f"kl. {value:%H.%M}"
    elif hasattr(value, "isoformat"):
        text = format_date(value)
    elif key == "sandlista":
        text = "; ".join(item.name for item in value)
    elif isinstance(value, list):
        text = "; ".join(map(str, value))
    else:
        text = str(value)
    return f"”{' '.join(text.split())}”"  # whole: a value cut short hid what saving again replaces (M7)
