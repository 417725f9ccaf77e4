"""What "Ändra uppgifter" and the API may change on an utgående remiss: one rule for both (remisser.service.update).

- Missivets datum lies before the sista svarsdag (walk12b #7).
- A remiss not yet sent gets a sista svarsdag after today: a passed one would have the missiv ask every instans
  to answer by a day that has been, and the remiss could never be sent (walk12b #11; no "spara ändå").
- One instans written twice on the sändlista is one entry (remiss.outgoing.repeated, as on the new-remiss form).
- A sändlista line is read as on the new-remiss form: "Namn", "Namn; e-post" or "Namn <e-post>" (walk14 #4).
- The sändlista is never emptied, before or after sending (sending.sandlista_problem, the new-remiss form's rule).
- It is a remiss, not a medborgarförslag (sending.kind_problem, as at registration).
"""
from __future__ import annotations

from datetime import date

from remiss.calendar.swedish import format_date, the_counted
from remiss.outgoing.forms import parse_new_instanser
from remiss.outgoing.repeated import merge_repeated, repeated_note
from remiss.outgoing.service.sending import kind_problem, letter_date_problem, missing_for_outgoing, sandlista_problem
from remiss.remisser.input import InputErrors, SandlistaItem
from remiss.remisser.models import Direction, Remiss


def unsent_deadline_problem(day: date | None, today: date, instanser: int = 0) -> str:
    """Why a remiss not yet sent cannot have this sista svarsdag ("" when it can); instanser: how many are on its
    sändlista ("remissinstansen behöver tid" for one; 0: not counted)."""
    if day is None or day > today:
        return ""
    when = "är i dag" if day == today else "har redan passerat"
    return (f"Sista svarsdagen {format_date(day)} {when}. Remissen är inte skickad än, och "
            f"{the_counted(instanser, 'remissinstansen', 'remissinstanserna')} behöver tid att svara: ange ett "
            "datum efter i dag.")


def new_outgoing_problems(raw: dict, today: date) -> dict[str, str]:
    """What an utgående remiss typed in the general "Registrera remiss" form lacks, all at once and by the rules of
    "Ny utgående remiss" and POST /api/v1/remisser (outgoing_checks). A field the form could not read keeps its own
    message (it is not said missing)."""
    from remiss.remisser.input import parse_remiss_input

    clean, unread = parse_remiss_input(raw)
    return outgoing_checks(clean, clean.get("sandlista") or [], today, unread=unread)


def outgoing_checks(clean: dict, sandlista: list[SandlistaItem], today: date, *, unread=()) -> dict[str, str]:
    """What a new utgående remiss lacks, by field (sending.outgoing_problems, unsent_deadline_problem): a sista
    svarsdag after today, a remissinstans on the sändlista, a missiv dated before the svarsdag. Only the fields
    read (not in unread) are checked: the forms say these beside the fields they could not read, in one answer
    (walk16 #11, walk27 Y3)."""
    errors = missing_for_outgoing(clean.get("deadline_on"), sandlista, clean.get("letter_date"), clean.get("kind"))
    problem = unsent_deadline_problem(clean.get("deadline_on"), today, len(sandlista))
    if problem:
        errors["deadline_on"] = problem
    return {field: message for field, message in errors.items() if field not in unread}


def read_typed_lines(items: list[SandlistaItem], *, field: str = "sandlista") -> list[SandlistaItem]:
    """Lines given as text ("Namn", "Namn; e-post", …: no item has an e-mail or a group) read as the form reads
    them (forms.parse_new_instanser); rows with their own fields are kept. The rule of "Ändra uppgifter", PATCH
    and POST /api/v1/remisser for an utgående remiss (truth17 F10: "Namn; e-post" was stored whole as the name)."""
    if items and not any(item.email or item.group_name for item in items):
        return parse_new_instanser("\n".join(item.name for item in items), field=field)
    return items


def _entry_count(remiss: Remiss) -> int:
    """How many instanser are on the stored sändlista (0 for a remiss not stored yet)."""
    from sqlalchemy.orm import object_session

    from remiss.remisser.sandlista import entries

    session = object_session(remiss)
    return 0 if remiss.id is None or session is None else len(entries(session, remiss.id))


def _has_entries(remiss: Remiss) -> bool:
    from sqlalchemy.orm import object_session

    from remiss.remisser.sandlista import entries

    session = object_session(remiss)
    return remiss.id is None or session is None or bool(entries(session, remiss.id))


def check_changes(remiss: Remiss, changes: dict, *, today: date) -> list[str]:
    """Refuse (InputErrors) what an utgående remiss cannot take; merge an instans named twice in
    changes["sandlista"] (changes is changed). Returns the sentences that say what was merged."""
    if changes.get("direction", remiss.direction) != Direction.utgaende:
        return []
    errors: dict[str, str] = {}
    kind = changes.get("kind", remiss.kind)
    if (kind != remiss.kind or changes.get("direction", remiss.direction) != remiss.direction) and kind_problem(kind):
        errors["kind"] = kind_problem(kind)  # an utgående medborgarförslag (one registered before the rule may stay)
    day = changes.get("deadline_on", remiss.deadline_on)
    if any(k in changes and changes[k] != getattr(remiss, k) for k in ("letter_date", "deadline_on")):
        problem = letter_date_problem(changes.get("letter_date", remiss.letter_date), day)
        if problem:
            errors["letter_date"] = problem
    moved = any(k in changes and changes[k] != getattr(remiss, k)
                for k in ("deadline_on", "deadline_time", "direction"))
    repeated: list[str] = []
    listed: dict[str, str] = {}  # the sändlista's errors, said after the svarsdag's as before
    if "sandlista" in changes and sandlista_problem(changes["sandlista"]):
        listed["sandlista"] = sandlista_problem(changes["sandlista"])
    elif "sandlista" not in changes and remiss.direction != Direction.utgaende and not _has_entries(remiss):
        listed["sandlista"] = sandlista_problem([])  # an incoming remiss without a list becomes one we send
    elif changes.get("sandlista") is not None:
        try:
            changes["sandlista"] = read_typed_lines(changes["sandlista"])
            changes["sandlista"], repeated = merge_repeated(changes["sandlista"], field="sandlista")
        except InputErrors as exc:
            listed.update(exc.errors)
    if moved and remiss.sent_at is None:  # the svarsdag said of the instanser the remiss will go to
        instanser = len(changes["sandlista"]) if changes.get("sandlista") is not None else _entry_count(remiss)
        if unsent_deadline_problem(day, today):
            errors["deadline_on"] = unsent_deadline_problem(day, today, instanser)
    errors.update(listed)
    if errors:
        raise InputErrors(errors)
    return [repeated_note(repeated)] if repeated else []
