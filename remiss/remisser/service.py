"""Register, change, assign and move remisser through their statuses."""
from __future__ import annotations

from dataclasses import asdict
from gettext import ngettext
from datetime import datetime

from sqlmodel import Session, select

from remiss import events, one_round
from remiss.audit import service as audit
from remiss.auth.access import ASSIGNABLE_ROLES, Action, Principal, require, require_field, require_status_move
from remiss.auth.models import NamndMembership, User
from remiss.calendar.swedish import format_date
from remiss.clock import local_today
from remiss.namnd.models import Namnd
from remiss.remisser import direction as direction_rule
from remiss.remisser import dnr as dnr_series
from remiss.remisser import finished, move
# Re-exported: callers read the deadline and sändlista verbs as remisser.service.<name>.
from remiss.remisser.deadlines import (  # noqa: F401
    DeadlineQuestion, check_deadline_change, check_sent_deadline, deadline_in_force, deadline_moment,
    in_force_after, refresh_deadline)
from remiss.remisser.input import InputErrors, RemissData
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Direction, Question, Remiss
from remiss.remisser.sandlista import (  # noqa: F401
    Followed, ensure_organisation, entries, from_instanser, link_to_register, questions_of, regrouped,
    replace_questions, replace_sandlista, with_groups)
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


def received_on_problem(day, *, now: datetime, direction: str | None) -> dict[str, str]:
    """{"received_on": why} when Inkom (Upprättad for an outgoing remiss) is after today, a typing mistake: it is a
    day that has been; {} otherwise (None too: not given, or not read). The forms say it beside the fields they
    could not read (walk27 Y12)."""
    today = local_today(now)
    if day is None or day <= today:
        return {}
    what = "Upprättad" if direction == Direction.utgaende else "Inkom"
    return {"received_on": f"{what} kan inte vara ett datum efter i dag ({format_date(today)}). Kontrollera datumet."}


def taken_dnr(session: Session, typed: str | None, *, remiss: Remiss | None = None,
              dnr_format: str = dnr_series.DEFAULT_FORMAT, default_prefix: str = "RS") -> dict[str, str]:
    """{"our_dnr": why} when the diarienummer typed by hand is another remiss's in any spelling (walk18 F16); {}
    when it is free, not typed, or remiss's own. A field error the forms say beside the others in their first
    answer, before any question about the dates (walk28 Z1); register and update refuse it the same way."""
    typed = (typed or "").strip()
    if not typed or (remiss is not None and typed == remiss.our_dnr):
        return {}
    spelled = dnr_series.canonical(session, typed, fmt=dnr_format, default_prefix=default_prefix)
    if remiss is not None and spelled == remiss.our_dnr:
        return {}
    taken = dnr_series.holder(session, spelled, other_than=remiss.id if remiss is not None else None)
    return {"our_dnr": dnr_series.taken_message(typed, taken)} if taken else {}


def register(session: Session, *, now: datetime, principal: Principal, data: RemissData,
             dnr_format: str = dnr_series.DEFAULT_FORMAT, default_prefix: str = "RS") -> Remiss:
    """Register a remiss, allocating our diarienummer unless one was typed."""
    namnd = _check_namnd(session, principal, data.namnd_id, Action.create)
    _check_handlaggare(session, data.namnd_id, data.handlaggare_id)
    values = asdict(data)
    questions, sandlista = values.pop("questions"), data.sandlista
    values.pop("sandlista")
    values["copy_emails"] = ", ".join(data.copy_emails)
    if data.our_dnr:  # typed by hand: as our series writes it, and not one a remiss has in any spelling (walk18 F16)
        if taken := taken_dnr(session, data.our_dnr, dnr_format=dnr_format, default_prefix=default_prefix):
            raise InputErrors(taken)
        values["our_dnr"] = dnr_series.canonical(session, data.our_dnr, fmt=dnr_format, default_prefix=default_prefix)
    else:
        values["our_dnr"] = dnr_series.allocate(
            session, prefix=namnd.dnr_prefix or default_prefix, year=local_today(now).year, fmt=dnr_format)
    if problem := received_on_problem(data.received_on, now=now, direction=data.direction):
        raise InputErrors(problem)
    if values["received_on"] is None:
        values["received_on"] = local_today(now)
    remiss = Remiss(**values, created_by_id=principal.user_id, created_at=now, updated_at=now,
                    effective_deadline_on=data.deadline_on, effective_deadline_time=data.deadline_time,
                    status=direction_rule.first_status(data.direction, bool(data.handlaggare_id)))
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
           notes: list[str] | None = None, deadline_correction: bool = False,
           dnr_format: str = dnr_series.DEFAULT_FORMAT, default_prefix: str = "RS") -> Remiss:
    """Apply validated changes (a partial dict from parse_remiss_input) and log them; notes, when given, gets the
    sentences that say what a move to another nämnd did to the handläggare and the yttrande (remisser.move).

    A registered sista svarsdag is moved only as a correction of a typing error (deadline_correction), and not
    at all once the answer has been expedited: see check_deadline_change."""
    require(principal, Action.edit, remiss.namnd_id)
    if changes:  # nothing is done in a makulerad remiss; undoing the makulering is a status move (change_status)
        finished.require_not_voided(remiss)
    changes = dict(changes)
    direction_rule.check_change(session, remiss, changes)  # only before any work on either path (walk18 F12)
    old_namnd_id = remiss.namnd_id
    if "namnd_id" in changes and changes["namnd_id"] != remiss.namnd_id:
        _check_namnd(session, principal, changes["namnd_id"], Action.edit)
    if "handlaggare_id" in changes and changes["handlaggare_id"] != remiss.handlaggare_id:
        require(principal, Action.assign, remiss.namnd_id)
        _check_handlaggare(session, changes.get("namnd_id", remiss.namnd_id), changes["handlaggare_id"])
    if "namnd_id" in changes and changes["namnd_id"] != remiss.namnd_id:
        move.drop_outsider(session, remiss, changes)
    if changes.get("our_dnr") and changes["our_dnr"].strip() == remiss.our_dnr:
        changes.pop("our_dnr")  # unchanged as stored: kept, even where an older spelling is not the series' form
    if changes.get("our_dnr"):  # as our series writes it, not one another remiss has in any spelling (walk18 F16)
        typed = changes["our_dnr"]
        changes["our_dnr"] = dnr_series.canonical(session, typed, fmt=dnr_format, default_prefix=default_prefix)
    if changes.get("our_dnr") and changes["our_dnr"] != remiss.our_dnr:
        require_field(principal, remiss.namnd_id, "our_dnr")
        if taken := taken_dnr(session, typed, remiss=remiss, dnr_format=dnr_format, default_prefix=default_prefix):
            raise InputErrors(taken)
    if "our_dnr" in changes and not changes["our_dnr"]:
        changes.pop("our_dnr")  # a diarienummer once given is kept
    if "title" in changes and not changes["title"]:
        raise InputErrors({"title": "Fältet måste fyllas i."})
    for name in ("deadline_on", "deadline_time"):  # the registrator's (remiss.auth.access.FIELD_ACTIONS)
        if name in changes and changes[name] != getattr(remiss, name):
            require_field(principal, remiss.namnd_id, name)
    if problems := change_problems(remiss, changes, now=now):
        raise InputErrors(problems)
    if changes.get("direction", remiss.direction) == Direction.utgaende:
        from remiss.outgoing.service.edits import check_changes  # merges an instans named twice; refusals: above
        said = check_changes(remiss, changes, today=local_today(now))
        if notes is not None:
            notes.extend(said)
    check_deadline_change(remiss, changes, correction=deadline_correction)
    before = _snapshot(remiss)
    questions = changes.pop("questions", None)
    sandlista = changes.pop("sandlista", None)
    if "copy_emails" in changes:
        changes["copy_emails"] = ", ".join(changes["copy_emails"])
    old_handlaggare = remiss.handlaggare_id
    for key, value in changes.items():
        setattr(remiss, key, value)
    session.add(remiss)
    session.flush()
    changed = audit.diff(before, _snapshot(remiss))
    if questions is not None:
        old_q = [q.text for q in session.exec(select(Question).where(Question.remiss_id == remiss.id)
                                                .order_by(Question.position))]
        if old_q != questions:
            followed = replace_questions(session, remiss, questions)
            changed["questions"] = [old_q, questions]
            _answers_followed(session, now=now, principal=principal, remiss=remiss, registered=followed, notes=notes)
    if sandlista is not None:
        current = entries(session, remiss.id)
        old_s = [e.name for e in current]
        if old_s != [i.name for i in sandlista]:
            replace_sandlista(session, now=now, remiss=remiss, items=sandlista)
            changed["sandlista"] = [old_s, [i.name for i in sandlista]]
        elif regrouped(current, sandlista):  # the same instanser, another group: named with their groups
            before_groups = with_groups(current)
            replace_sandlista(session, now=now, remiss=remiss, items=sandlista)
            changed["sandlista"] = [before_groups, with_groups(entries(session, remiss.id))]
    if "direction" in changed and remiss.direction == "utgaende":  # now we send it: its instanser in the register
        for entry in entries(session, remiss.id):
            if entry.organisation_id is None:
                link_to_register(session, now=now, remiss=remiss, entry=entry)
                session.add(entry)
        session.flush()
    if changed:  # a form saved as it was is no change: the API's sync clients and the missiv (stale_reason) see none
        remiss.updated_at = now
        session.add(remiss)
        audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="update", changes=changed)
    if "direction" in changed:  # starts over on the other path: Registrerad/Tilldelad ↔ Utkast, and its tidplan
        direction_rule.start_over(session, now=now, actor_id=principal.user_id, remiss=remiss)
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


def change_problems(remiss: Remiss, changes: dict, *, now: datetime) -> dict[str, str]:
    """Field → why update refuses these changes of the remiss's own fields, all at once (empty when none): Inkom
    after today, a svarsdag moved on a sent utgående remiss, and what an utgående remiss cannot take. Pure of the
    database's writes, so the edit form says them beside the fields it could not read, on the fields it could
    (walk27 Y12: a future Inkom was said only after Ärendemening and Sista svarsdag were right)."""
    from remiss.outgoing.service.edits import check_changes  # missiv date, unsent svarsdag, repeated instanser

    def outgoing() -> None:  # on a copy: what it merges is merged when saving, and said then
        check_changes(remiss, dict(changes), today=local_today(now))

    received = changes.get("received_on")
    return one_round.collect(
        received_on_problem(received, now=now, direction=changes.get("direction", remiss.direction))
        if received != remiss.received_on else None,
        lambda: check_sent_deadline(remiss, changes), outgoing)


def _followed_words(followed: Followed) -> str:
    """"2 registrerade svar från remissinstansen följde med sina frågor." ("" when none did)."""
    count = followed.answers
    if not count:
        return ""
    answers = ngettext("%(count)d registrerat svar", "%(count)d registrerade svar", count) % {"count": count}
    return (f"{answers} {from_instanser(followed.instanser)} följde med "
            f"{ngettext('sin fråga', 'sina frågor', count)}.")


def _answers_followed(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      registered: Followed, notes: list[str] | None) -> None:
    """Say (to the registrator, and in the history) what a change of the frågeställningar did to the answers:
    the instansers' registered answers and the drafted yttrande's answers follow their questions (walk18 F10, F11)."""
    from remiss.drafting.drafts import answers_note  # drafting builds on remisser
    said = " ".join(filter(None, [
        _followed_words(registered),
        answers_note(session, remiss) if remiss.direction == Direction.inkommande else ""]))
    if said:
        audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="update", note=said)
        if notes is not None:
            notes.append(said)


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
                  new: RemissStatus | str, note: str = "", by_verb: bool = False, by_hand: bool = False) -> Remiss:
    """Move the remiss to a new status if the table allows it and the principal may make that move.

    A status of BY_VERB_ONLY (skickad) is reached only by its verb (sending), which says so with by_verb."""
    require(principal, Action.edit, remiss.namnd_id)
    old = RemissStatus(remiss.status)
    new = check_transition(old, new, remiss.direction, remiss.kind)
    if new in BY_VERB_ONLY and not by_verb:
        how = "när remissen skickas (Skicka remissen)" if new == RemissStatus.skickad else (  # skickad: utgående
            f"med Makulera under ”Registrerad av misstag?” på {noun_of(remiss.kind).whose} sida, som frågar efter "
            "skälet")  # makulerad
        raise TransitionError(f"Status ”{new.label}” sätts {how}, inte för hand.")
    if not by_verb and old == RemissStatus.beslutad and new == RemissStatus.besvarad:
        from remiss.drafting.sent_by_hand import NOT_BY_HAND, waits_to_be_sent  # drafting builds on remisser

        if waits_to_be_sent(session, remiss):  # "Expedierad, inte skickad": how and when it left (walk26b X19)
            raise TransitionError(NOT_BY_HAND)
    if not by_verb and remiss.direction == Direction.utgaende:
        from remiss.outgoing.service.lifecycle import by_hand_problem  # svarstiden ute follows the clock

        if by_hand_problem(remiss, new, now):
            raise TransitionError(by_hand_problem(remiss, new, now))
    require_status_move(principal, remiss.namnd_id, old, new, remiss.kind)
    if old == RemissStatus.makulerad:  # undone: back to the status it had, not always Registrerad (walk16 #3)
        from remiss.remisser.voided import status_before

        new = status_before(session, remiss)
        note = note or f"Makuleringen ångrad: åter till {new.label}"
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
    # by_hand: "Ändra status för hand" or the API's PATCH, not the work itself: what it ticks off is said so
    events.status_changed.send(remiss, session=session, now=now, actor_id=principal.user_id, old=old, new=new,
                               by_hand=by_hand, note=note)
    return remiss
