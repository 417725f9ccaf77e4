"""What every change to one instans's row on an utgående remiss does first and last: who may make it (begin) and
its line in the history, with the row before and after (snapshot, log_change). Shared by answers and anstand."""
from __future__ import annotations

from sqlmodel import Session

from remiss.audit import service as audit
from remiss.auth.access import Action, NotFound, Principal, require
from remiss.remisser.finished import RemissFinished
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

SNAPSHOT = ("answer_status", "answered_on", "no_comments", "summary", "other_comments", "extended_until_on",
            "extended_until_time")


def load_entry(session: Session, remiss: Remiss, entry_id: int) -> SandlistaEntry:
    entry = session.get(SandlistaEntry, entry_id)
    if entry is None or entry.remiss_id != remiss.id:
        raise NotFound("Remissinstansen finns inte på den här remissen.")
    return entry


def begin(principal: Principal, remiss: Remiss) -> None:
    """Refuse a change to the answers unless the user may edit the outgoing remiss and it is not avslutad."""
    require(principal, Action.edit, remiss.namnd_id)
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"direction": "Svar registreras bara på utgående remisser."})
    if remiss.status == RemissStatus.avslutad:  # walk16 #5: a closed case's answers are read only (409 in the API)
        raise RemissFinished(remiss)


def snapshot(entry: SandlistaEntry) -> dict:
    """The instans's row as the history compares it (SNAPSHOT's columns)."""
    return {k: getattr(entry, k) for k in SNAPSHOT}


def log_change(session, *, now, principal, entry, before, action, note=""):
    """The history's line for a change of the instans's row since before (a snapshot), under action."""
    audit.record(session, now=now, user_id=principal.user_id, entity="sandlista_entry", entity_id=entry.id,
                 remiss_id=entry.remiss_id, action=action, changes=audit.diff(before, snapshot(entry)),
                 note=note or entry.name)
