"""Register, change, assign and move remisser through their statuses."""
from __future__ import annotations

from dataclasses import asdict
from gettext import ngettext
from datetime import datetime

from sqlalchemy import bindparam, delete, func
from sqlmodel import Session, select

from remiss import events
from remiss.audit import service as audit
from remiss.auth.access import ASSIGNABLE_ROLES, Action, Principal, require, require_field, require_status_move
from remiss.auth.models import NamndMembership, User
from remiss.calendar.swedish import format_date, format_deadline
from remiss.calendar.timeliness import END_OF_DAY
from remiss.clock import local_today
from remiss.namnd.models import Namnd
from remiss.outgoing.models import Organisation
from remiss.planning.models import Extension
from remiss.remisser import dnr as dnr_series
from remiss.remisser import move
from remiss.remisser.input import InputErrors, RemissData, SandlistaItem
from remiss.remisser.models import Direction, Question, Remiss, SandlistaEntry
from remiss.remisser.status import BY_VERB_ONLY, RemissStatus, TransitionError, check_transition

AUDITED = ("title", "remittent", "sender_dnr", "our_dnr", "received_on", "letter_date", "deadline_on",
           "deadline_time", "answer_email", "answer_address", "copy_emails", "contact_person",
           "contact_email", "namnd_id", "handlaggare_id", "notes", "direction", "kind",
           "answer_instructions")


def _snapshot(remiss: Remiss) -> dict:
    return {key: getattr(remiss, key) for key in AUDITED}


def _check_handlaggare(session: Session, namnd_id: int, user_id: int | None) -> None:
    if user_id is None:
        return
    user = session.get(User, user_id)
    member = session.get(NamndMembership, (user_id, namnd_id))
    if user is None or not user.is_active or member is None or user.role not in ASSIGNABLE_ROLES:
        raise InputErrors({"handlaggare_id": "Handläggaren måste vara en aktiv användare i nämnden med rollen "
                                             "handläggare, registrator eller granskare."})


def _check_namnd(session: Session, principal: Principal, namnd_id: int, action: Action) -> Namnd:
    namnd = session.get(Namnd, namnd_id)
    if namnd is None or not principal.may(action, namnd_id):
        raise InputErrors({"namnd_id": "Välj en nämnd som du har behörighet till."})
    return namnd


def ensure_organisation(session: Session, *, now: datetime, name: str, email: str = "",
                        group_name: str = "", namnd_id: int | None = None) -> Organisation:
    """Find a remissinstans in the register by name (case-insensitive) or add it (as namnd_id's own name)."""
    # The database folds both sides: SQLite's lower() leaves Å, Ä and Ö as they are, so Python's lower()
    # on one side would miss "Stadsområdesnämnd Öster" and insert a duplicate of a unique name.
    org = session.exec(select(Organisation).where(func.lower(Organisation.name) == func.lower(name))).first()
    if org is None:
        org = Organisation(name=name, email=email, group_name=group_name, namnd_id=namnd_id, created_at=now)
        session.add(org)
        session.flush()
    return org


def replace_questions(session: Session, remiss: Remiss, questions: list[str]) -> None:
    session.exec(delete(Question).where(Question.remiss_id == remiss.id))
    session.flush()
    for position, text in enumerate(questions, 1):
        session.add(Question(remiss_id=remiss.id, position=position, text=text))
    session.flush()


def replace_sandlista(session: Session, *, now: datetime, remiss: Remiss, items: list[SandlistaItem]) -> None:
    if remiss.direction == "utgaende" and entries(session, remiss.id):
        _merge_sandlista(session, now=now, remiss=remiss, items=items)
        return
    session.exec(delete(SandlistaEntry).where(SandlistaEntry.remiss_id == remiss.id))
    session.flush()
    for position, item in enumerate(items, 1):
        entry = SandlistaEntry(remiss_id=remiss.id, position=position, name=item.name, email=item.email,
                               group_name=item.group_name)
        if remiss.direction == "utgaende":
            _link_to_register(session, now=now, remiss=remiss, entry=entry)
        session.add(entry)
    session.flush()


def _link_to_register(session: Session, *, now: datetime, remiss: Remiss, entry: SandlistaEntry) -> None:
    """Point an outgoing remiss's entry at its remissinstans in the register, adding it there if new.

    Only outgoing remisser do: the register is whom we send remisser to. An incoming remiss's sändlista is
    whom the remittent sent it to ("samtliga nämnder", our own nämnd) and stays on that remiss alone."""
    org = ensure_organisation(session, now=now, name=entry.name, email=entry.email, group_name=entry.group_name,
                              namnd_id=remiss.namnd_id)
    entry.organisation_id = org.id
    entry.email = entry.email or org.email
    entry.group_name = entry.group_name or org.group_name


def _first_status(data: RemissData) -> RemissStatus:
    """An outgoing remiss starts as utkast (its own path); an incoming one as registrerad, or tilldelad."""
    if data.direction == "utgaende":
        return RemissStatus.utkast
    return RemissStatus.tilldelad if data.handlaggare_id else RemissStatus.registrerad


def _merge_sandlista(session: Session, *, now: datetime, remiss: Remiss, items: list[SandlistaItem]) -> None:
    """An outgoing remiss's entries carry what was sent and answered: keep those still named, add the new ones;
    one already sent to cannot be taken off."""
    current = {e.name.casefold(): e for e in entries(session, remiss.id)}
    wanted = {item.name.casefold() for item in items}
    sent = [e.name for key, e in current.items() if key not in wanted and e.sent_at is not None]
    if sent:
        raise InputErrors({"sandlista": "Har redan fått remissen och kan inte tas bort från sändlistan: "
                                        + ", ".join(sent) + "."})
    for key, entry in current.items():
        if key in wanted:
            entry.position = -entry.position  # out of the way of the new order (unique per remiss)
        else:
            session.delete(entry)
    session.flush()
    for position, item in enumerate(items, 1):
        entry = current.get(item.name.casefold())
        if entry is None:
            entry = SandlistaEntry(remiss_id=remiss.id, name=item.name, email=item.email, group_name=item.group_name)
        if entry.organisation_id is None:  # new, or named while the remiss was incoming
            _link_to_register(session, now=now, remiss=remiss, entry=entry)
        entry.position = position
        session.add(entry)
    session.flush()


def _check_received_on(day, *, now: datetime, direction: str) -> None:
    """Inkom (Upprättad for an outgoing remiss) is a day that has been: a later one is a typing mistake."""
    today = local_today(now)
    if day is not None and day > today:
        what = "Upprättad" if direction == Direction.utgaende else "Inkom"
        raise InputErrors({"received_on": f"{what} kan inte vara ett datum efter i dag ({format_date(today)}). "
                                          "Kontrollera datumet."})


def register(session: Session, *, now: datetime, principal: Principal, data: RemissData,
             dnr_format: str = dnr_series.DEFAULT_FORMAT, default_prefix: str = "RS") -> Remiss:
    """Register a remiss, allocating our diarienummer unless one was typed."""
    namnd = _check_namnd(session, principal, data.namnd_id, Action.create)
    _check_handlaggare(session, data.namnd_id, data.handlaggare_id)
    values = asdict(data)
    questions, sandlista = values.pop("questions"), data.sandlista
    values.pop("sandlista")
    values["copy_emails"] = ", ".join(data.copy_emails)
    if data.our_dnr:
        if session.exec(select(Remiss).where(Remiss.our_dnr == data.our_dnr)).first():
            raise InputErrors({"our_dnr": f"Diarienumret {data.our_dnr} är redan använt."})
    else:
        values["our_dnr"] = dnr_series.allocate(
            session, prefix=namnd.dnr_prefix or default_prefix, year=local_today(now).year, fmt=dnr_format)
    _check_received_on(data.received_on, now=now, direction=data.direction)
    if values["received_on"] is None:
        values["received_on"] = local_today(now)
    remiss = Remiss(**values, created_by_id=principal.user_id, created_at=now, updated_at=now,
                    effective_deadline_on=data.deadline_on, effective_deadline_time=data.deadline_time,
                    status=_first_status(data))
    session.add(remiss)
    session.flush()
    replace_questions(session, remiss, questions)
    replace_sandlista(session, now=now, remiss=remiss, items=sandlista)
    audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                 remiss_id=remiss.id, action="create", changes=audit.diff({}, _snapshot(remiss)),
                 note=registration_note(len(questions), len(sandlista)))
    events.remiss_registered.send(remiss, session=session, now=now, actor_id=principal.user_id)
    if remiss.handlaggare_id:
        events.remiss_assigned.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                    handlaggare_id=remiss.handlaggare_id)
    return remiss


def update(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, changes: dict,
           notes: list[str] | None = None, deadline_correction: bool = False) -> Remiss:
    """Apply validated changes (a partial dict from parse_remiss_input) and log them; notes, when given, gets the
    sentences that say what a move to another nämnd did to the handläggare and the yttrande (remisser.move).

    A registered sista svarsdag is moved only as a correction of a typing error (deadline_correction), and not
    at all once the answer has been expedited: see check_deadline_change."""
    require(principal, Action.edit, remiss.namnd_id)
    changes = dict(changes)
    old_namnd_id = remiss.namnd_id
    if "namnd_id" in changes and changes["namnd_id"] != remiss.namnd_id:
        _check_namnd(session, principal, changes["namnd_id"], Action.edit)
    if "handlaggare_id" in changes and changes["handlaggare_id"] != remiss.handlaggare_id:
        require(principal, Action.assign, remiss.namnd_id)
        _check_handlaggare(session, changes.get("namnd_id", remiss.namnd_id), changes["handlaggare_id"])
    if "namnd_id" in changes and changes["namnd_id"] != remiss.namnd_id:
        move.drop_outsider(session, remiss, changes)
    if changes.get("our_dnr") and changes["our_dnr"] != remiss.our_dnr:
        require_field(principal, remiss.namnd_id, "our_dnr")
        taken = session.exec(select(Remiss).where(Remiss.our_dnr == changes["our_dnr"])).first()
        if taken:
            raise InputErrors({"our_dnr": f"Diarienumret {changes['our_dnr']} är redan använt."})
    if "our_dnr" in changes and not changes["our_dnr"]:
        changes.pop("our_dnr")  # a diarienummer once given is kept
    if "title" in changes and not changes["title"]:
        raise InputErrors({"title": "Fältet måste fyllas i."})
    if changes.get("received_on") and changes["received_on"] != remiss.received_on:
        _check_received_on(changes["received_on"], now=now, direction=changes.get("direction", remiss.direction))
    for name in ("deadline_on", "deadline_time"):  # the registrator's (remiss.auth.access.FIELD_ACTIONS)
        if name in changes and changes[name] != getattr(remiss, name):
            require_field(principal, remiss.namnd_id, name)
    _check_sent_deadline(remiss, changes)
    check_deadline_change(remiss, changes, correction=deadline_correction)
    before = _snapshot(remiss)
    questions = changes.pop("questions", None)
    sandlista = changes.pop("sandlista", None)
    if "copy_emails" in changes:
        changes["copy_emails"] = ", ".join(changes["copy_emails"])
    old_handlaggare = remiss.handlaggare_id
    for key, value in changes.items():
        setattr(remiss, key, value)
    remiss.updated_at = now
    session.add(remiss)
    session.flush()
    changed = audit.diff(before, _snapshot(remiss))
    if questions is not None:
        old_q = [q.text for q in session.exec(select(Question).where(Question.remiss_id == remiss.id)
                                                .order_by(Question.position))]
        if old_q != questions:
            replace_questions(session, remiss, questions)
            changed["questions"] = [old_q, questions]
    if sandlista is not None:
        old_s = [e.name for e in entries(session, remiss.id)]
        if old_s != [i.name for i in sandlista]:
            replace_sandlista(session, now=now, remiss=remiss, items=sandlista)
            changed["sandlista"] = [old_s, [i.name for i in sandlista]]
    if "direction" in changed and remiss.direction == "utgaende":  # now we send it: its instanser in the register
        for entry in entries(session, remiss.id):
            if entry.organisation_id is None:
                _link_to_register(session, now=now, remiss=remiss, entry=entry)
                session.add(entry)
        session.flush()
    if changed:
        audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="update", changes=changed)
    if "namnd_id" in changed:
        said = move.moved(session, now=now, principal=principal, remiss=remiss, old_namnd_id=old_namnd_id,
                          old_handlaggare_id=old_handlaggare)
        if notes is not None:
            notes.extend(said)
    if "deadline_on" in changed or "deadline_time" in changed:
        refresh_deadline(session, now=now, remiss=remiss, actor_id=principal.user_id)
    if remiss.handlaggare_id and remiss.handlaggare_id != old_handlaggare:
        _after_assign(session, now=now, principal=principal, remiss=remiss)
    return remiss


def _check_sent_deadline(remiss: Remiss, changes: dict) -> None:
    """An outgoing remiss that has gone out keeps the svarsdag its instanser were told: a later one is given with
    "Förläng remisstiden för alla", which tells those who have not answered (walk9)."""
    if remiss.sent_at is None:
        return
    told = (remiss.deadline_on, remiss.deadline_time)
    if (changes.get("deadline_on", told[0]), changes.get("deadline_time", told[1])) == told:
        return
    raise InputErrors({"deadline_on": (
        f"Remissen skickades {format_date(local_today(remiss.sent_at))}, och remissinstanserna har fått sista "
        f"svarsdag {format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}. Ändra den inte "
        "här: ge mer tid med ”Förläng remisstiden för alla” på remissens sida, så får de som inte har svarat "
        "ett meddelande om den nya dagen.")})


class DeadlineQuestion(InputErrors):
    """A registered sista svarsdag moved without saying it corrects a typing error: asked, not refused."""


def check_deadline_change(remiss: Remiss, changes: dict, *, correction: bool) -> None:
    """The one rule for moving a remiss's sista svarsdag, for the edit form and the API alike (walk11 finding 6).

    The field is the original: what the missiv said. Once the yttrande is expedited (besvarad), the answer was
    measured against the deadline in force, so it stays. Before that, moving a registered deadline of an
    incoming remiss corrects a typing error only when the user says so; more time from the remittent is an
    Allmän förlängning, which keeps the original."""
    told = (remiss.deadline_on, remiss.deadline_time)
    new = (changes.get("deadline_on", told[0]), changes.get("deadline_time", told[1]))
    if new == told:
        return
    if remiss.answered_at is not None or remiss.status == RemissStatus.besvarad:
        when = f" {format_date(local_today(remiss.answered_at))}" if remiss.answered_at else ""
        measured = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time) \
            if remiss.effective_deadline_on else "–"
        raise InputErrors({"deadline_on": (
            f"Yttrandet expedierades{when} och är besvarat mot sista svarsdag {measured}. Sista svarsdagen kan "
            "inte ändras efter expedieringen: då skulle svaret räknas som i tid eller för sent mot en annan dag "
            "än den som gällde.")})
    if remiss.direction != Direction.inkommande or remiss.deadline_on is None or correction:
        return
    raise DeadlineQuestion({"deadline_on": (
        f"Sista svarsdag är registrerad som {format_deadline(*told)}. Ändrar du den här rättas den ursprungliga "
        "sista svarsdagen, den som står i missivet: bekräfta att det var ett skrivfel när remissen registrerades. "
        "Har remittenten gett mer tid, registrera i stället en allmän förlängning under Förlängningar på "
        "remissens sida, så finns den ursprungliga sista svarsdagen kvar.")})


def _after_assign(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> None:
    if remiss.status == RemissStatus.registrerad:
        change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.tilldelad,
                      note="Handläggare tilldelad")
    events.remiss_assigned.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                handlaggare_id=remiss.handlaggare_id)


def assign(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
           handlaggare_id: int) -> Remiss:
    """Make a user the handläggare; a registrerad remiss becomes tilldelad."""
    require(principal, Action.assign, remiss.namnd_id)
    return update(session, now=now, principal=principal, remiss=remiss,
                  changes={"handlaggare_id": handlaggare_id})


def registration_note(questions: int, sandlista: int) -> str:
    """"1 frågeställning, 0 på sändlistan" for the history (Swedish plurals through gettext's ngettext)."""
    asked = ngettext("%(count)d frågeställning", "%(count)d frågeställningar", questions) % {"count": questions}
    return f"{asked}, {sandlista} på sändlistan"


def change_status(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                  new: RemissStatus | str, note: str = "", by_verb: bool = False) -> Remiss:
    """Move the remiss to a new status if the table allows it and the principal may make that move.

    A status of BY_VERB_ONLY (skickad) is reached only by its verb (sending), which says so with by_verb."""
    require(principal, Action.edit, remiss.namnd_id)
    old = RemissStatus(remiss.status)
    new = check_transition(old, new, remiss.direction)
    if new in BY_VERB_ONLY and not by_verb:
        raise TransitionError(f"Status ”{new.label}” sätts när remissen skickas (Skicka remissen), inte för hand.")
    require_status_move(principal, remiss.namnd_id, old, new)
    remiss.status = new.value
    remiss.updated_at = now
    if new == RemissStatus.besvarad:
        remiss.answered_at = now
    elif old == RemissStatus.besvarad:
        remiss.answered_at = None  # corrected: not answered after all
    session.add(remiss)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                 remiss_id=remiss.id, action="status", changes={"status": [old.value, new.value]}, note=note)
    events.status_changed.send(remiss, session=session, now=now, actor_id=principal.user_id, old=old, new=new)
    return remiss


def deadline_moment(day, at) -> datetime:
    """A sista svarsdag as a moment to compare: a day without a clock time runs to its end."""
    return datetime.combine(day, at or END_OF_DAY)


def deadline_in_force(remiss: Remiss, extensions: list[Extension]):
    """Return (date, time) in force: the latest moment of the original and the granted remiss-wide extensions.

    An extension only extends: one recorded before the refusal of shorter ones, or an original deadline corrected
    to a later moment, never pulls the deadline in force earlier."""
    moments = [(e.granted_until_on, e.granted_until_time) for e in extensions
               if e.decision == "granted" and e.sandlista_entry_id is None and e.granted_until_on]
    if remiss.deadline_on is not None:
        moments.append((remiss.deadline_on, remiss.deadline_time))
    if not moments:
        return remiss.deadline_on, remiss.deadline_time
    return max(moments, key=lambda pair: deadline_moment(*pair))


def refresh_deadline(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None) -> bool:
    """Recompute the deadline in force; tell listeners when it moved."""
    extensions = list(session.exec(select(Extension).where(Extension.remiss_id == remiss.id)))
    new = deadline_in_force(remiss, extensions)
    old = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if new == old:
        return False
    remiss.effective_deadline_on, remiss.effective_deadline_time = new
    remiss.updated_at = now  # the API's sync clients read a moved deadline by updated_at
    session.add(remiss)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                 action="deadline", changes={"effective_deadline": [_fmt(old), _fmt(new)]})
    events.deadline_changed.send(remiss, session=session, now=now, actor_id=actor_id, old=old, new=new)
    return True


def _fmt(pair) -> str | None:
    day, at = pair
    if day is None:
        return None
    return f"{day.isoformat()} {at.strftime('%H:%M')}" if at else day.isoformat()


# Built once, run with the remiss id: the remiss page reads both on every view (building a select costs about
# as much as running it on SQLite).
_ENTRIES = (select(SandlistaEntry).where(SandlistaEntry.remiss_id == bindparam("remiss_id"))
            .order_by(SandlistaEntry.position))
_QUESTIONS = select(Question).where(Question.remiss_id == bindparam("remiss_id")).order_by(Question.position)


def entries(session: Session, remiss_id: int) -> list[SandlistaEntry]:
    return list(session.scalars(_ENTRIES, {"remiss_id": remiss_id}))


def questions_of(session: Session, remiss_id: int) -> list[Question]:
    return list(session.scalars(_QUESTIONS, {"remiss_id": remiss_id}))
