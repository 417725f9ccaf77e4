"""The yttrande of a remiss moved to another nämnd (events.remiss_moved, walk11 finding 3).

An utkast follows the remiss in a new version: the old nämnd's name in its text becomes the new one's, and its
signatures are the new nämnd's own (from its latest yttrande that names any; else empty), never the old nämnd's
people. A draft in granskning or godkänd is not rewritten behind the granskare's back: the message says what to
correct. An expedierat yttrande is a record and stays as it was sent."""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from remiss import events
from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal
from remiss.calendar.swedish import join_words
from remiss.drafting.drafts import find_draft, latest_version
from remiss.drafting.versions import add_version
from remiss.drafting.models import DraftState
from remiss.drafting.prefill import SIGNATURES, signatures_used_before
from remiss.namnd.models import Namnd
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss


def renamed(value, old: str, new: str):
    """value with every old name in its text (sections, answers) written as the new one; the questions as asked."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [renamed(item, old, new) for item in value]
    if isinstance(value, dict):
        return {k: v if k == "fraga" else renamed(v, old, new) for k, v in value.items()}
    return value


def sent_from(session: Session, remiss: Remiss) -> list[str]:
    """The name of the nämnd each expediering (the yttrande, then each rättelse) went out from, in order: the
    remiss's nämnd at that moment, read back from the history – the old nämnd of the first move after it, else the
    nämnd it has now (walk18 F13: after a move there and back the previous nämnd was named, not the sender)."""
    rows = session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss.id,
                                                 AuditEvent.action.in_(("state", "update")))
                        .order_by(AuditEvent.id))
    senders: list[int] = []
    waiting = 0  # expedieringar whose nämnd the next move tells
    for row in rows:
        changes = json.loads(row.changes or "{}")
        if row.entity == "yttrande_draft" and (changes.get("state") or [None, None])[1] == DraftState.expedierad:
            waiting += 1
        elif row.entity == "remiss" and "namnd_id" in changes and waiting:
            senders += [changes["namnd_id"][0]] * waiting
            waiting = 0
    senders += [remiss.namnd_id] * waiting
    names = {namnd_id: getattr(session.get(Namnd, namnd_id), "name", "") for namnd_id in set(senders)}
    return [names[namnd_id] for namnd_id in senders if names[namnd_id]]


def _sent_note(names: list[str]) -> str:
    distinct = list(dict.fromkeys(names))
    if len(distinct) == 1:
        return f"Det expedierade yttrandet skickades från {distinct[0]} och ändras inte."
    if len(names) == 2:
        return f"Det expedierade yttrandet skickades från {names[0]} och rättelsen från {names[1]}; de ändras inte."
    return f"Det expedierade yttrandet och dess rättelser skickades från {join_words(distinct)} och ändras inte."


@events.remiss_moved.connect
def draft_follows(remiss: Remiss, *, session: Session, now: datetime, principal: Principal, old_namnd: str,
                  new_namnd: str, **_) -> str:
    draft = find_draft(session, remiss.id)
    latest = latest_version(session, draft)
    if latest is None:
        return ""
    state = DraftState(draft.state)
    if state == DraftState.expedierad:
        return _sent_note(sent_from(session, remiss) or [old_namnd])
    if state != DraftState.utkast:
        return (f"Yttrandet har läget ”{state.label}” och skrevs för {old_namnd}: skicka tillbaka det till utkast "
                f"och skriv {new_namnd} och nämndens underskrifter i stället innan beslutet.")
    content = renamed(json.loads(latest.content), old_namnd, new_namnd)
    noun = noun_of(remiss.kind)  # "Ärendet flyttat från …" of a medborgarförslag (kind_words, walk18 F7)
    signatures = signatures_used_before(session, remiss)
    content.update({key: signatures.get(key, "") for key in SIGNATURES})
    version = add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                           content=content,
                           comment=f"{noun.The} {noun.done('flyttad')} från {old_namnd} till {new_namnd}")
    return (f"Utkastet till yttrande följer med. I version {version.number} står {new_namnd} där det stod "
            f"{old_namnd}, och underskrifterna är "
            + ("tagna från nämndens senaste yttrande" if any(signatures.values()) else "tomma")
            + ": läs igenom texten och fyll i det som saknas.")
