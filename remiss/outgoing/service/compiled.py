"""Which answers a saved remissammanställning holds, and whether an answer has changed since (walk12b #5).

Saving a sammanställning records an audit event ("Svaren sammanställda") naming the instanser whose answers it
holds. An answer, komplettering, avstår or reopened answer registered after that event makes the saved document
out of date: the panel and Nästa steg say so, it is not pre-selected for publishing, and publishing it is refused
until the answers are compiled again. A change of what else it prints of the remiss makes it out of date the same
way (PARTS): the frågeställningar (it quotes the old questions, walk19 G7), the title, the diarienummer, the nämnd
(its header and template), the sändlista (an instans added, removed or renamed: its lists and counts) and the
svarstid (its introduction), as "Ändra uppgifter" and a förlängning record them in the remiss's history; a change
it does not print (anteckningar, kontaktperson) does not. Events are compared by id, which grows with every event,
so a clock moved with --now does not hide a change.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.audit.models import AuditEvent
from remiss.calendar.swedish import join_words
from remiss.auth.access import Principal
from remiss.remisser import service as remisser
from remiss.remisser.models import AnswerStatus, Attachment, Remiss, SandlistaEntry

ACTION = "sammanstallning"
# an answer, an avstår, one undone, or a komplettering (its text joins the summary, its files the answer's)
ANSWER_ACTIONS = ("answer", "answer_supplement", "decline", "reopen")
ANSWER_CHANGED = "ett svar har kommit in efter sammanställningen"
# What the sammanställning prints of the remiss itself, as the history records a change of it → its name in a
# sentence ("Titeln har ändrats efter sammanställningen"), in the order they are named. The API's changed_parts
# lists the keys.
PARTS = {"namnd": "nämnden", "title": "titeln", "our_dnr": "diarienumret", "deadline": "svarstiden",
         "questions": "frågeställningarna", "sandlista": "sändlistan"}
# an "update" event's changed field → its part; a "deadline" event (the svarstid in force moved: a förlängning, or
# the sista svarsdag changed, remisser.deadlines.refresh_deadline) is the svarstid
_FIELDS = {"namnd_id": "namnd", "title": "title", "our_dnr": "our_dnr", "deadline_on": "deadline",
           "deadline_time": "deadline", "questions": "questions", "sandlista": "sandlista"}


def record(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, attachment: Attachment) -> None:
    """Note on the remiss which answers the saved sammanställning holds."""
    entries = remisser.entries(session, remiss.id)
    held = [e.name for e in entries if e.answer_status == AnswerStatus.svarat]
    declined = [e.name for e in entries if e.answer_status == AnswerStatus.avstar]
    audit.record(session, now=now, user_id=principal.user_id, entity="attachment", entity_id=attachment.id,
                 remiss_id=remiss.id, action="sammanstallning",
                 changes={"compiled_answers": [None, ", ".join(held)],
                          "compiled_declined": [None, ", ".join(declined)]},
                 note=attachment.filename)


def _compiled_event(session: Session, attachment: Attachment) -> AuditEvent | None:
    return session.exec(select(AuditEvent).where(AuditEvent.entity == "attachment", AuditEvent.action == ACTION,
                                                 AuditEvent.entity_id == attachment.id)).first()


def changed_since(session: Session, remiss_id: int, attachment: Attachment | None) -> list[str]:
    """The instanser whose answer was registered, changed or undone after the sammanställning was saved, in the
    order they changed (a sammanställning saved before this was recorded: compared by the time it was saved)."""
    if attachment is None:
        return []
    query = select(AuditEvent.entity_id).where(AuditEvent.remiss_id == remiss_id,
                                               AuditEvent.entity == "sandlista_entry",
                                               AuditEvent.action.in_(ANSWER_ACTIONS))
    event = _compiled_event(session, attachment)
    query = query.where(AuditEvent.id > event.id) if event else query.where(AuditEvent.at > attachment.uploaded_at)
    ids = list(dict.fromkeys(session.exec(query.order_by(AuditEvent.id)).all()))
    if not ids:
        return []
    names = {e.id: e.name for e in session.exec(select(SandlistaEntry).where(SandlistaEntry.id.in_(ids)))}
    return [names[i] for i in ids if i in names]


def _parts_changed(session: Session, remiss_ids: list[int], newer, *, after_id: int = 0) -> dict[int, set[str]]:
    """Of the remisser among remiss_ids, the PARTS changed by an event newer(remiss id, event id, at) says came
    after the sammanställning (and after the event id after_id, read in SQL): an update event with the field among
    its changes, or a moved svarstid (outgoing.service.amendments.questions_changed_at reads the questions so)."""
    rows = session.exec(select(AuditEvent.id, AuditEvent.remiss_id, AuditEvent.at, AuditEvent.action,
                               AuditEvent.changes).where(
        AuditEvent.remiss_id.in_(remiss_ids or [-1]), AuditEvent.entity == "remiss", AuditEvent.id > after_id,
        or_(AuditEvent.action == "deadline",
            and_(AuditEvent.action == "update", or_(*(AuditEvent.changes.contains(f'"{f}"') for f in _FIELDS))))))
    found: dict[int, set[str]] = {}
    for event_id, rid, at, action, changes in rows:
        if newer(rid, event_id, at):
            keys = ["deadline"] if action == "deadline" else json.loads(changes or "{}")
            found.setdefault(rid, set()).update(_FIELDS.get(k, k) for k in keys if _FIELDS.get(k, k) in PARTS)
    return {rid: parts for rid, parts in found.items() if parts}


@dataclass(frozen=True)
class Staleness:
    """Why a saved sammanställning is out of date: the instanser whose answer changed since, and the PARTS of the
    remiss it prints that changed since. False when it is up to date."""

    names: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # keys of PARTS, in its order

    def __bool__(self) -> bool:
        return bool(self.names or self.parts)

    @property
    def questions(self) -> bool:
        return "questions" in self.parts

    @property
    def text(self) -> str:
        """ "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." ("" when up to date)."""
        changed = join_words([PARTS[p] for p in self.parts])
        if self.names and self.parts:
            return (f"Sammanställningen är äldre än svaret från {join_words(list(self.names))}, och "
                    f"{changed} har ändrats sedan – sammanställ igen.")
        if self.parts:
            return f"{changed[0].upper()}{changed[1:]} har ändrats efter sammanställningen – sammanställ igen."
        return stale_text(list(self.names))

    @property
    def reason(self) -> str:
        """ "ett svar har kommit in efter sammanställningen", for a list's row ("" when up to date)."""
        return reason(bool(self.names), self.parts)


def reason(answers: bool, parts) -> str:
    """ "titeln och sändlistan har ändrats efter sammanställningen", after "ett svar har kommit in" if answers."""
    ordered = [p for p in PARTS if p in parts]
    changed = f"{join_words([PARTS[p] for p in ordered])} har ändrats" if ordered else ""
    if answers and changed:  # "… kommit in och titeln och sändlistan …" reads as one list: a comma parts them
        return f"ett svar har kommit in{', och' if len(ordered) > 1 else ' och'} {changed} efter sammanställningen"
    return ANSWER_CHANGED if answers else f"{changed} efter sammanställningen" if changed else ""


def staleness(session: Session, remiss_id: int, attachment: Attachment | None) -> Staleness:
    """Whether the saved sammanställning attachment is out of date, and why (changed_since, and the PARTS)."""
    if attachment is None:
        return Staleness()
    event = _compiled_event(session, attachment)
    if event is not None:
        parts = _parts_changed(session, [remiss_id], lambda _, event_id, at: event_id > event.id,
                               after_id=event.id)
    else:  # saved before this was recorded: by time, as changed_since
        parts = _parts_changed(session, [remiss_id], lambda _, event_id, at: at > attachment.uploaded_at)
    return Staleness(tuple(changed_since(session, remiss_id, attachment)),
                     tuple(p for p in PARTS if p in parts.get(remiss_id, ())))


def stale_ids(session: Session, remiss_ids: list[int]) -> dict[int, str]:
    """The remisser among remiss_ids with an answer registered, changed or undone, or a part it prints changed,
    after their latest saved sammanställning → the reason (Staleness.reason), in two statements for a list (Att
    göra); as staleness, but only for a sammanställning whose saving was recorded (one saved before that is
    compared by time on the remiss page alone)."""
    if not remiss_ids:
        return {}
    compiled = (select(AuditEvent.remiss_id, func.max(AuditEvent.id).label("after"))
                .where(AuditEvent.remiss_id.in_(remiss_ids), AuditEvent.entity == "attachment",
                       AuditEvent.action == ACTION)
                .group_by(AuditEvent.remiss_id).subquery())
    answer = aliased(AuditEvent)
    stmt = (select(answer.remiss_id).distinct().join(compiled, compiled.c.remiss_id == answer.remiss_id)
            .where(answer.entity == "sandlista_entry", answer.action.in_(ANSWER_ACTIONS),
                   answer.id > compiled.c.after))
    answered = set(session.exec(stmt).all())
    after = dict(session.exec(select(compiled.c.remiss_id, compiled.c.after)).all())
    parts = _parts_changed(session, list(after), lambda rid, event_id, at: event_id > after[rid],
                           after_id=min(after.values(), default=0))
    return {rid: reason(rid in answered, parts.get(rid, ())) for rid in answered | set(parts)}


def stale_text(names: list[str]) -> str:
    """ "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." ("" when up to date)."""
    if not names:
        return ""
    return f"Sammanställningen är äldre än svaret från {join_words(names)} – sammanställ igen."
