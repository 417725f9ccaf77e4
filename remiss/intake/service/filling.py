"""What a remittent's notice merged into a registered remiss fills in: the remiss's EMPTY fields the notice gives
(walk32 finding 6), the same for a mail in the Inkorg (remiss.intake.service.inbox.merge) and for a letter pasted
or uploaded on Registrera från missivet (remiss.intake.service.batches.extend)."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session

from remiss.auth.access import Principal
from remiss.remisser.models import Attachment, Remiss

# what a remittent's notice says of the remiss that a registration may have left empty
NOTICE_FIELDS = ("sender_dnr", "answer_email", "answer_address", "contact_person")


class Merged(NamedTuple):
    """What a merge did: the remisshandlingar added, the labels of the remiss's empty fields filled."""

    added: list[Attachment]
    filled: list[str]


def fill_empty_fields(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      given: dict) -> list[str]:
    """Fill the remiss's EMPTY fields of NOTICE_FIELDS from what was read from the notice merged into it (given:
    its form values) – never one with a value – through the same update (and history line) as Ändra uppgifter;
    return the labels of those filled."""
    from remiss.remisser import service as remisser
    from remiss.remisser.input import FORM_LABELS, InputErrors, parse_remiss_input

    raw = {name: given.get(name) or "" for name in NOTICE_FIELDS
           if not getattr(remiss, name) and (given.get(name) or "").strip()}
    clean, errors = parse_remiss_input(raw, partial=True)
    changes = {name: value for name, value in clean.items() if name in raw and name not in errors and value}
    if not changes:
        return []
    try:  # refused before anything is set (remisser.service.change_problems)
        remisser.update(session, now=now, principal=principal, remiss=remiss, changes=changes)
    except InputErrors:  # the notice's words refused as the form would refuse them: left for the person
        return []
    return [FORM_LABELS[name] for name in NOTICE_FIELDS if name in changes]
