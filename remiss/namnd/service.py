"""Create and change nämnder."""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlmodel import Session, select

from remiss import events
from remiss.audit import service as audit
from remiss.namnd.models import Namnd

EDITABLE = ("name", "short_name", "organisation", "forvaltning", "email", "dnr_prefix",
            "tjansteskrivelse_workdays_before_au", "granskning_workdays", "omedelbar_justering_usual",
            "justering_workdays_after_meeting", "expediering_workdays", "remind_workdays_before",
            "overdue_every_workdays", "escalate_after_workdays", "weekly_digest", "chase_workdays_before",
            "chase_workdays_after", "postal_address", "phone", "org_number", "website", "iso_dates")


class NamndError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def namnder(session: Session) -> list[Namnd]:
    """Every nämnd, by name."""
    return list(session.exec(select(Namnd).order_by(Namnd.name)))


def organisations(session: Session) -> tuple[str, ...]:
    """The organisations the nämnder belong to ("Malmö stad"): the reader's own kommun when a missiv is read."""
    names = session.exec(select(Namnd.organisation).where(Namnd.organisation != "").distinct()).all()
    return tuple(sorted(n for n in names if n.strip()))


def sharing_series(session: Session, prefix: str, namnd_id: int | None = None) -> list[Namnd]:
    """Other nämnder whose diarienummer share the series of this prefix (the same prefix, e.g. one diarium for
    the whole kommun); NamndError when a prefix differs from another's only in case ("mn" and "MN" would give
    two remisser the same diarienummer to the eye, walk11 finding 5)."""
    prefix = (prefix or "").strip()
    if not prefix:
        return []
    # compared in Python: SQLite's lower() leaves Å, Ä and Ö as they are ("SOFÖ" and "sofö")
    others = [n for n in session.exec(select(Namnd).where(Namnd.dnr_prefix != "", Namnd.id != (namnd_id or 0)))
              if n.dnr_prefix.casefold() == prefix.casefold()]
    for other in others:
        if other.dnr_prefix != prefix:
            raise NamndError("dnr_prefix", f"Prefixet ”{prefix}” skiljer sig från {other.name}s ”{other.dnr_prefix}” "
                                           f"bara i stora och små bokstäver. Skriv ”{other.dnr_prefix}” om nämnderna "
                                           "ska dela nummerserie, annars ett annat prefix.")
    return sorted(others, key=lambda n: n.name)


def create(session: Session, *, now: datetime, actor_id: int | None, **values) -> Namnd:
    if session.exec(select(Namnd).where(Namnd.name == values["name"])).first():
        raise NamndError("name", f"Det finns redan en nämnd som heter {values['name']}.")
    sharing_series(session, values.get("dnr_prefix", ""))
    namnd = Namnd(**{k: v for k, v in values.items() if k in EDITABLE}, ics_token=secrets.token_urlsafe(24),
                  created_at=now)
    session.add(namnd)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="namnd", entity_id=namnd.id, action="create",
                 changes={"name": [None, namnd.name]})
    return namnd


def update(session: Session, *, now: datetime, actor_id: int | None, namnd: Namnd, **values) -> Namnd:
    """Change the nämnd's settings; others replan what depends on them (events.namnd_changed)."""
    clash = session.exec(select(Namnd).where(Namnd.name == values.get("name", namnd.name),
                                             Namnd.id != namnd.id)).first()
    if clash:
        raise NamndError("name", f"Det finns redan en nämnd som heter {clash.name}.")
    sharing_series(session, values.get("dnr_prefix", namnd.dnr_prefix), namnd.id)
    before = {k: getattr(namnd, k) for k in EDITABLE}
    for key, value in values.items():
        if key in EDITABLE:
            setattr(namnd, key, value)
    session.add(namnd)
    session.flush()
    changes = audit.diff(before, {k: getattr(namnd, k) for k in EDITABLE})
    if changes:
        audit.record(session, now=now, user_id=actor_id, entity="namnd", entity_id=namnd.id, action="update",
                     changes=changes)
        events.namnd_changed.send(namnd, session=session, now=now, actor_id=actor_id, changes=changes)
    return namnd
