"""Ändra uppgifter from an old tab (walk22 L2): the form carries the values it loaded (the hidden field "base"), so a
save writes only the fields changed in this tab, and a field changed both here and by another save since the page
was opened is refused, naming that change (who, when, the value now), with everything typed kept.

Fields are compared as parsed (remisser.input.parse_remiss_input): "2027-01-11" and "11 januari 2027" are one date,
a title with a blank added is the same title. A field only the other save changed keeps the other save's value; a
field both changed to the same value is no clash. A form without "base" (a script, an older page) saves every field
it sends, as before. The API's PATCH sends only the fields it changes and does not come here."""
from __future__ import annotations

import json

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.auth.models import User
from remiss.calendar.swedish import format_date, format_date_time
from remiss.namnd.models import Namnd
from remiss.remisser.input import CLEANERS, parse_remiss_input
from remiss.remisser.models import Direction, Remiss, RemissKind
from remiss.remisser.service import AUDITED, entries, questions_of

BASE = "base"  # the hidden field: the form's values as loaded, as JSON


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


def only_changed(session: Session, remiss: Remiss, clean: dict, base: dict | None) -> tuple[dict, dict[str, str]]:
    """(the changes this tab made, field -> message for each field another save changed too since base).

    clean: the parsed form (partial); base: loaded(form). Without a base every field given is a change."""
    if base is None:
        return clean, {}
    keys = [k for k in clean if k in base]
    was, _ = parse_remiss_input({k: base[k] for k in keys}, partial=True)
    now, _ = parse_remiss_input({k: v for k, v in form_values(session, remiss).items() if k in keys}, partial=True)
    changes, clashes = {}, {}
    for key, mine in clean.items():
        if key in keys and mine == was.get(key):
            continue  # not changed in this tab: the value now stays, whoever set it
        if key in keys and now.get(key) != was.get(key) and now.get(key) != mine:
            clashes[key] = clash_message(session, remiss, key, now.get(key))
        changes[key] = mine
    return changes, clashes


def title(refused: str, clashed: bool) -> str | None:
    """The heading of the edit form's error summary when it is not "Formuläret innehåller fel"."""
    if refused:
        return "Uppgifterna ändrades inte"
    return "Ändrat av någon annan sedan du öppnade sidan" if clashed else None


def after_clash(session: Session, remiss: Remiss, typed: dict, changes: dict) -> tuple[dict, str]:
    """(the form's values, its new base) after a clash: the remiss as it is now, with what this tab changed (all it
    typed) on top, and the base the remiss now, so that saving again writes this tab's changes and leaves the
    other save's."""
    values = form_values(session, remiss)
    base = base_of(values)
    for key, value in typed.items():
        if key in CLEANERS and key not in changes:
            continue
        if key == "handlaggare" and "handlaggare_id" not in changes:
            continue
        values[key] = value
    if "deadline_on" in changes:
        values["no_deadline"] = typed.get("no_deadline", "")
    return values, base


def clash_message(session: Session, remiss: Remiss, key: str, value) -> str:
    """"Har ändrats av Sara Sekreterare 6 december 2026 kl. 03.10, efter att du öppnade sidan. Nu: ”…”. …", at the
    field and after its label in the summary (who and when from the history's latest change of the field)."""
    event = _latest_change(session, remiss.id, key)
    by = ""
    if event is not None:
        who = session.get(User, event.user_id).name if event.user_id and session.get(User, event.user_id) else ""
        by = (f" av {who}" if who else "") + f" {format_date_time(event.at)}"
    return (f"Har ändrats{by}, efter att du öppnade sidan. Nu: {_shown(session, key, value)}. Det du skrev "
            "står kvar i fältet: spara igen för att ersätta ändringen med det, eller ändra fältet.")


def _latest_change(session: Session, remiss_id: int, key: str) -> AuditEvent | None:
    rows = session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "remiss")
                        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(200))
    for row in rows:
        try:
            if key in json.loads(row.changes or "{}"):
                return row
        except ValueError:
            continue
    return None


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
    text = " ".join(text.split())
    return f"”{text[:200]}…”" if len(text) > 200 else f"”{text}”"
