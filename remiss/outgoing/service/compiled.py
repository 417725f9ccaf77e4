"""Which answers a saved remissammanställning holds, and whether an answer has changed since (walk12b #5).

Saving a sammanställning records an audit event ("Svaren sammanställda") naming the instanser whose answers it
holds. An answer, komplettering, avstår or reopened answer registered after that event makes the saved document
out of date: the panel and Nästa steg say so, it is not pre-selected for publishing, and publishing it is refused
until the answers are compiled again. A change of what else it prints of the remiss makes it out of date the same
way (PARTS): the frågeställningar (it quotes the old questions, walk19 G7), the title, the diarienummer, the nämnd
(its header and template), the sändlista (an instans added, removed or renamed: its lists and counts) and the
svarstid (its introduction), as "Ändra uppgifter" and a förlängning record them in the remiss's history; a change
it does not print (anteckningar, kontaktperson) does not. So does an anstånd requested or granted for an instans
(it prints "(begärt anstånd)", "(anstånd beviljat till …)" after its name) and a sending to instanser it said "(har
inte fått remissen)" of. Events are compared by id, which grows with every event, so a clock moved with --now does
not hide a change.
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
# an anstånd asked for or granted: the document prints it after the name of an instans that has not answered
ANSTAND_ACTIONS = ("extension_request", "extension_granted")
# a list's row: what happened to anstånd since, by the actions seen
_ANSTAND_REASON = {frozenset({"extension_request"}): "ett anstånd har begärts",
                   frozenset({"extension_granted"}): "ett anstånd har beviljats",
                   frozenset(ANSTAND_ACTIONS): "anstånd har begärts och beviljats"}
SENT_REASON = "remissen har skickats till fler remissinstanser"
# What the sammanställning prints of the remiss itself, as the history records a change of it → its name in a
# sentence ("Titeln har ändrats efter sammanställningen"), in the order they are named. The API's changed_parts
# lists the keys.
PARTS = {"namnd": "nämnden", "title": "titeln", "our_dnr": "diarienumret", "deadline": "svarstiden",
         "questions": "frågeställningarna", "sandlista": "sändlistan"}
# an "update" event's changed field → its part; a "deadline" event (the svarstid in force moved: a förlängning, or
# the sista svarsdag changed, remisser.deadlines.refresh_deadline) is the svarstid
_FIELDS = {"namnd_id": "namnd", "title": "title", "our_dnr": "our_dnr", "deadline_on": "deadline",
           "deadline_time": "deadline", "questions": "questions", "sandlista": "sandlista"}


def record(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, attachment: Attachment,
           kept: list[str] = (), stopped: list[str] = ()) -> None:
    """Note on the remiss which answers the saved sammanställning holds, and which instanser with a running anstånd
    are still reminded (kept) or not (stopped, by the user; walk26 W5), by name: chasers_choice reads it back."""
    entries = remisser.entries(session, remiss.id)
    held = [e.name for e in entries if e.answer_status == AnswerStatus.svarat]
    declined = [e.name for e in entries if e.answer_status == AnswerStatus.avstar]
    changes = {"compiled_answers": [None, ", ".join(held)], "compiled_declined": [None, ", ".join(declined)]}
    if kept:
        changes["chasers_kept"] = [None, list(kept)]
    if stopped:
        changes["chasers_stopped"] = [None, list(stopped)]
    audit.record(session, now=now, user_id=principal.user_id, entity="attachment", entity_id=attachment.id,
                 remiss_id=remiss.id, action="sammanstallning", changes=changes, note=attachment.filename)


def chasers_choice(session: Session, remiss_id: int) -> tuple[list[str], list[str]]:
    """(the instanser still reminded after the newest sammanställning, those whose reminders the user stopped then),
    by name; ([], []) before any, or one saved before walk26 W5 (then every reminder stopped)."""
    changes = session.exec(select(AuditEvent.changes).where(
        AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "attachment", AuditEvent.action == ACTION)
        .order_by(AuditEvent.id.desc()).limit(1)).first()
    found = json.loads(changes or "{}")
    return (found.get("chasers_kept") or [None, []])[1], (found.get("chasers_stopped") or [None, []])[1]


def _compiled_event(session: Session, attachment: Attachment) -> AuditEvent | None:
    return session.exec(select(AuditEvent).where(AuditEvent.entity == "attachment", AuditEvent.action == ACTION,
                                                 AuditEvent.entity_id == attachment.id)).first()


def _since(query, session: Session, attachment: Attachment):
    """query limited to the events after the sammanställning was saved (by time if its saving was not recorded)."""
    event = _compiled_event(session, attachment)
    return query.where(AuditEvent.id > event.id) if event else query.where(AuditEvent.at > attachment.uploaded_at)


def _entry_changes(session: Session, remiss_id: int, attachment: Attachment) -> tuple[list[str], list[str], set]:
    """(the instanser whose answer was registered, changed or undone, those whose anstånd was asked for or granted
    but not their answer, the anstånd actions seen) after the sammanställning, in the order they changed."""
    rows = session.exec(_since(select(AuditEvent.entity_id, AuditEvent.action).where(
        AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "sandlista_entry",
        AuditEvent.action.in_(ANSWER_ACTIONS + ANSTAND_ACTIONS)), session, attachment).order_by(AuditEvent.id)).all()
    if not rows:
        return [], [], set()
    ids = {i for i, _ in rows}
    names = {e.id: e.name for e in session.exec(select(SandlistaEntry).where(SandlistaEntry.id.in_(ids)))}
    answered = list(dict.fromkeys(names[i] for i, action in rows if action in ANSWER_ACTIONS and i in names))
    anstand = list(dict.fromkeys(names[i] for i, action in rows if action in ANSTAND_ACTIONS and i in names
                                 and names[i] not in answered))
    return answered, anstand, {action for i, action in rows if action in ANSTAND_ACTIONS and names.get(i) in anstand}


def changed_since(session: Session, remiss_id: int, attachment: Attachment | None) -> list[str]:
    """The instanser whose answer was registered, changed or undone after the sammanställning was saved, in the
    order they changed (a sammanställning saved before this was recorded: compared by the time it was saved)."""
    return _entry_changes(session, remiss_id, attachment)[0] if attachment is not None else []


def _sent_since(session: Session, remiss_id: int, attachment: Attachment) -> list[str]:
    """The instanser the remiss was sent to after the sammanställning (outgoing.service.sending.send names them);
    a sending recorded before it named them is said without names ("")."""
    sent: list[str] = []
    for changes in session.exec(_since(select(AuditEvent.changes).where(
            AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "remiss", AuditEvent.action == "send"),
            session, attachment).order_by(AuditEvent.id)):
        sent += (json.loads(changes or "{}").get("sent_to") or [None, [""]])[1]
    return list(dict.fromkeys(sent))


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


def _and(clauses: list[str]) -> str:
    """Clauses joined as one list; a comma before the last "och" when a clause has an "och" of its own."""
    if len(clauses) < 2:
        return "".join(clauses)
    nested = any(" och " in c for c in clauses)
    return ", ".join(clauses[:-1]) + (", och " if nested else " och ") + clauses[-1]


@dataclass(frozen=True)
class Staleness:
    """Why a saved sammanställning is out of date: the instanser whose answer changed since, the PARTS of the
    remiss it prints that changed since, the instanser whose anstånd was asked for or granted since, and those the
    remiss was sent to since. False when it is up to date."""

    names: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # keys of PARTS, in its order
    anstand: tuple[str, ...] = ()
    anstand_actions: frozenset = frozenset()
    sent: tuple[str, ...] = ()  # "" for a sending that did not record whom

    def __bool__(self) -> bool:
        return bool(self.names or self.parts or self.anstand or self.sent)

    @property
    def questions(self) -> bool:
        return "questions" in self.parts

    @property
    def changed_parts(self) -> list[str]:
        """The API's changed_parts: the PARTS keys, then "anstand" and "sent" when those dated it."""
        return list(self.parts) + ["anstand"] * bool(self.anstand) + ["sent"] * bool(self.sent)

    @property
    def text(self) -> str:
        """ "Sammanställningen är äldre än svaret från Pensionärsrådet – sammanställ igen." ("" when up to date)."""
        older = [f"svaret från {join_words(list(self.names))}"] if self.names else []
        if self.anstand:
            older.append(f"{'anståndet' if len(self.anstand) == 1 else 'anstånden'} för "
                         f"{join_words(list(self.anstand))}")
        happened = [f"{join_words([PARTS[p] for p in self.parts])} har ändrats"] if self.parts else []
        if self.sent:
            named = [n for n in self.sent if n]
            happened.append(f"remissen har skickats till {join_words(named)}" if named else SENT_REASON)
        if older:
            return (f"Sammanställningen är äldre än {_and(older)}"
                    + (f", och {_and(happened)} sedan" if happened else "") + " – sammanställ igen.")
        if happened:
            said = _and(happened)
            return f"{said[0].upper()}{said[1:]} efter sammanställningen – sammanställ igen."
        return ""

    @property
    def reason(self) -> str:
        """ "ett svar har kommit in efter sammanställningen", for a list's row ("" when up to date)."""
        return reason(bool(self.names), self.parts, self.anstand_actions, bool(self.sent))


def svarstid_only(reason_text: str) -> bool:
    """Whether a reason (Staleness.reason, stale_ids) says only that the svarstid changed after the sammanställning
    (a förlängning for all): then the answers still due are waited for before compiling again (walk29 A1); any
    other change (an answer, a title …) is compiled in now, as before."""
    return reason_text == reason(False, ("deadline",))


def reason(answers: bool, parts, anstand_actions=(), sent: bool = False) -> str:
    """ "titeln och sändlistan har ändrats efter sammanställningen", after "ett svar har kommit in" if answers."""
    ordered = [p for p in PARTS if p in parts]
    clauses = [ANSWER_CHANGED.removesuffix(" efter sammanställningen")] if answers else []
    if anstand_actions:
        clauses.append(_ANSTAND_REASON[frozenset(anstand_actions)])
    if ordered:
        clauses.append(f"{join_words([PARTS[p] for p in ordered])} har ändrats")
    if sent:
        clauses.append(SENT_REASON)
    return f"{_and(clauses)} efter sammanställningen" if clauses else ""


def staleness(session: Session, remiss_id: int, attachment: Attachment | None) -> Staleness:
    """Whether the saved sammanställning attachment is out of date, and why (its answers, anstånd and sendings,
    and the PARTS)."""
    if attachment is None:
        return Staleness()
    event = _compiled_event(session, attachment)
    if event is not None:
        parts = _parts_changed(session, [remiss_id], lambda _, event_id, at: event_id > event.id,
                               after_id=event.id)
    else:  # saved before this was recorded: by time, as changed_since
        parts = _parts_changed(session, [remiss_id], lambda _, event_id, at: at > attachment.uploaded_at)
    answered, anstand, actions = _entry_changes(session, remiss_id, attachment)
    return Staleness(tuple(answered), tuple(p for p in PARTS if p in parts.get(remiss_id, ())), tuple(anstand),
                     frozenset(actions), tuple(_sent_since(session, remiss_id, attachment)))


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
    event = aliased(AuditEvent)
    stmt = (select(event.remiss_id, event.entity_id, event.action)
            .join(compiled, compiled.c.remiss_id == event.remiss_id)
            .where(or_(and_(event.entity == "sandlista_entry", event.action.in_(ANSWER_ACTIONS + ANSTAND_ACTIONS)),
                       and_(event.entity == "remiss", event.action == "send")),
                   event.id > compiled.c.after))
    answered: set[int] = set()
    sent: set[int] = set()
    anstand: dict[int, dict[int, set[str]]] = {}  # remiss → entry → anstånd actions
    for rid, entry_id, action in session.exec(stmt).all():
        if action in ANSWER_ACTIONS:
            answered.add(rid)
            anstand.setdefault(rid, {}).setdefault(entry_id, set()).add("answered")
        elif action == "send":
            sent.add(rid)
        else:
            anstand.setdefault(rid, {}).setdefault(entry_id, set()).add(action)
    # an instans that answered since: its answer says it all, as on the remiss page (staleness)
    asked = {rid: set().union(*(a for a in by_entry.values() if "answered" not in a))
             for rid, by_entry in anstand.items()}
    after = dict(session.exec(select(compiled.c.remiss_id, compiled.c.after)).all())
    parts = _parts_changed(session, list(after), lambda rid, event_id, at: event_id > after[rid],
                           after_id=min(after.values(), default=0))
    dated = answered | sent | set(parts) | {rid for rid, actions in asked.items() if actions}
    return {rid: reason(rid in answered, parts.get(rid, ()), asked.get(rid, set()), rid in sent) for rid in dated}

