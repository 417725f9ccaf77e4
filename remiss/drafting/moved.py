"""The yttrande of a remiss moved to another nämnd (events.remiss_moved, walk11 finding 3).

An utkast follows the remiss in a new version: the old nämnd's name in its text becomes the new one's, and its
signatures are the new nämnd's own (from its latest yttrande that names any; else empty), never the old nämnd's
people. A draft in granskning or godkänd is not rewritten behind the granskare's back: the message says what to
correct. An expedierat yttrande is a record and stays as it was sent."""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session

from remiss import events
from remiss.auth.access import Principal
from remiss.drafting.drafts import find_draft, latest_version
from remiss.drafting.versions import add_version
from remiss.drafting.models import DraftState
from remiss.drafting.prefill import SIGNATURES, signatures_used_before
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


@events.remiss_moved.connect
def draft_follows(remiss: Remiss, *, session: Session, now: datetime, principal: Principal, old_namnd: str,
                  new_namnd: str, **_) -> str:
    draft = find_draft(session, remiss.id)
    latest = latest_version(session, draft)
    if latest is None:
        return ""
    state = DraftState(draft.state)
    if state == DraftState.expedierad:
        return f"Det expedierade yttrandet skickades från {old_namnd} och ändras inte."
    if state != DraftState.utkast:
        return (f"Yttrandet har läget ”{state.label}” och skrevs för {old_namnd}: skicka tillbaka det till utkast "
                f"och skriv {new_namnd} och nämndens underskrifter i stället innan beslutet.")
    content = renamed(json.loads(latest.content), old_namnd, new_namnd)
    signatures = signatures_used_before(session, remiss)
    content.update({key: signatures.get(key, "") for key in SIGNATURES})
    version = add_version(session, now=now, principal=principal, remiss=remiss, draft=draft,
                           content=content, comment=f"Remissen flyttad från {old_namnd} till {new_namnd}")
    return (f"Utkastet till yttrande följer med. I version {version.number} står {new_namnd} där det stod "
            f"{old_namnd}, och underskrifterna är "
            + ("tagna från nämndens senaste yttrande" if any(signatures.values()) else "tomma")
            + ": läs igenom texten och fyll i det som saknas.")
