"""A form opened before someone else changed the same thing (a stale form) is refused, not saved over the change.

One rule for every form that carries what it showed:
- the base: what the form showed, in a hidden field put there by the macro `base_field`
  (templates/macros/stale_form.html): the yttrande's version number (base_version) and its draft's state
  (base_state: drafting.state_base), an instans's answer token
  (base_token: its Spara svaret, Instansen avstår and Ångra), Ändra uppgifter's values (base), the beslut
  (base_decision: drafting.decision_base), the names under the yttrande (base_signatures: drafting.signatures),
  the svarsdag an outgoing remiss's general extension was opened on (base_deadline: outgoing.remisstid);
- compared by `stale`: a form that sends no base (a script, an older page, the API without one) is never stale;
- refused by raising `StaleForm` (or telling the feature's own refusal), with a message that names who changed it
  and when (`changed_by`); the view renders the form again in the same response, with the message and everything
  typed (remiss.web.say_here), never through a flash and a redirect (a flash rides in the session cookie and can
  be lost, or shown on another page, when two requests race: K4), answering 409 Conflict (`status`) on every such
  page: Underskrifter, the yttrande editor, the beslut and justering, an instans's forms, Förläng remisstiden för
  alla and Ändra uppgifter alike (session 25: they answered 400, 200 or 409). The JSON API keeps its own codes.

An action sent twice (a double click, a second tab: Expediera, a lägesbyte, "Registrera att yttrandet är skickat")
is said the same way: the page it was sent from, rendered again with who did it first and when (changed_by, "av dig"
for the one who did), and nothing done twice. Done by someone else, it is a stale form too and answers 409; one's own
repeat (a double click: "av dig") is information, 200 (`twice_status`).
"""
from __future__ import annotations

import json

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.auth.models import User
from remiss.calendar.swedish import format_date_time

# the hidden fields, one per kind of base (the API's yttrande body has base_version too)
VERSION = "base_version"  # the yttrande: the number of the version its text builds on (0: none was saved)
TOKEN = "base_token"  # an instans's page: replacing.token of the answer it shows
VALUES = "base"  # Ändra uppgifter: the values it loaded, as JSON (remisser.edit_base)
DECISION = "base_decision"  # the beslut and justering forms: the beslut they showed (drafting.decision_base)
SIGNATURES = "base_signatures"  # Underskrifter: the names it showed, fingerprinted (drafting.signatures.token)
STATE = "base_state"  # the yttrande's editor: the draft's state it was opened in (drafting.state_base)
DEADLINE = "base_deadline"  # Förläng remisstiden för alla: the svarsdag in force it showed (outgoing.remisstid)
FIELDS = frozenset({VERSION, TOKEN, VALUES, DECISION, SIGNATURES, STATE, DEADLINE})


CONFLICT = 409  # a stale form's page: nothing saved, the thing changed since the form was opened


def status(errors) -> int:
    """The status of a form's page refused with errors: 409 when one of them is a stale form's (its key is a base
    field), else 400 (a field typed wrong)."""
    return CONFLICT if FIELDS & set(errors or ()) else 400


def by_other(user_id: int | None, you: int | None) -> bool:
    """Whether a change was made by a known user other than you (the one the page is for)."""
    return user_id is not None and user_id != you


def twice_status(other: bool) -> int:
    """The status of the page answering an action sent twice: 409 when someone else did it first (a form from an
    old tab, as any stale form), 200 when it was one's own first request (a double click)."""
    return CONFLICT if other else 200


class StaleForm(Exception):
    """Nothing done: the form was opened before the thing changed; said names the change, who and when."""

    def __init__(self, said: str):
        super().__init__(said)
        self.said = said


def posted(form, name: str) -> str | None:
    """The base a posted form carries in its field name, or None when it carries none."""
    value = form.get(name)
    return None if value is None else str(value).strip()


def stale(base, current) -> bool:
    """Whether a form opened on base was opened before the thing changed to current (no base: never stale)."""
    return base is not None and base != current


def last_change(session: Session, *, remiss_id: int, entity: str, entity_id: int | None = None,
                key: str | None = None) -> AuditEvent | None:
    """The history's latest change of the entity (of its field key, when given), as the history shows it."""
    query = select(AuditEvent).where(AuditEvent.remiss_id == remiss_id, AuditEvent.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    for row in session.exec(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(200)):
        if key is None:
            return row
        try:
            if key in json.loads(row.changes or "{}"):
                return row
        except ValueError:
            continue
    return None


def changed_by(session: Session, user_id: int | None, at, you: int | None = None) -> str:
    """" av Sara Sekreterare 6 december 2026 kl. 09.02": who and when, each left out when not known; " av dig …"
    when user_id is you, the one the page is for (an action sent twice: the first request did it)."""
    user = session.get(User, user_id) if user_id else None
    who = " av dig" if user_id is not None and user_id == you else f" av {user.name}" if user and user.name else ""
    return who + (f" {format_date_time(at)}" if at else "")


def event_by(session: Session, event: AuditEvent | None, you: int | None = None) -> str:
    """changed_by for a history event ("" without one)."""
    return changed_by(session, event.user_id, event.at, you) if event is not None else ""
