"""Where each instans on a sändlista is reached: read from the register until the remiss is sent, then kept.

An address fixed on the remiss page goes to the register too when the user may change it there (registrator,
admin, or the instans was typed on one of the user's own nämnder's sändlistor); otherwise it stays on this
remiss's entry only (own_address) and the register no longer overrides it.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, refused_by_role, require
from remiss.outgoing.models import Organisation
from remiss.remisser.input import InputErrors, parse_email, too_long
from remiss.remisser.models import Direction, Remiss, SandlistaEntry

ADDRESS_LIMIT = 1000


def refresh_unsent(session: Session, entries: list[SandlistaEntry]) -> None:
    """Copy the register's current e-mail and postal address to every entry not yet sent (none set by hand)."""
    waiting = [e for e in entries if e.sent_at is None and e.organisation_id and not e.own_address]
    if not waiting:
        return
    orgs = {o.id: o for o in session.exec(select(Organisation).where(
        Organisation.id.in_({e.organisation_id for e in waiting})))}
    for entry in waiting:
        org = orgs.get(entry.organisation_id)
        if org is not None and (entry.email, entry.postal_address) != (org.email, org.postal_address):
            entry.email, entry.postal_address = org.email, org.postal_address
            session.add(entry)
    session.flush()


def current(session: Session, entries: list[SandlistaEntry]) -> dict[int, tuple[str, str]]:
    """entry id → (e-mail, postal address) as sending would use them now (a read: nothing is written)."""
    waiting = {e.organisation_id for e in entries if e.sent_at is None and e.organisation_id and not e.own_address}
    orgs = {o.id: o for o in session.exec(select(Organisation).where(Organisation.id.in_(waiting)))} if waiting else {}
    found = {}
    for entry in entries:
        org = orgs.get(entry.organisation_id) if entry.sent_at is None and not entry.own_address else None
        found[entry.id] = (org.email, org.postal_address) if org else (entry.email, entry.postal_address)
    return found


def may_change_register(principal: Principal, org: Organisation | None) -> bool:
    """The register is shared: registrator and admin change it; anyone who edits a nämnd, that nämnd's own names."""
    if org is None:
        return False
    return principal.may(Action.register) or (org.namnd_id is not None and principal.may(Action.edit, org.namnd_id))


def set_address(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, entry: SandlistaEntry,
                email: str, postal_address: str, in_register: bool) -> bool:
    """Correct where an instans is reached; return whether the register was changed too."""
    require(principal, Action.edit, remiss.namnd_id)
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"direction": "Adresser ändras bara på utgående remisser."})
    errors = {}
    email = (email or "").strip()
    if email:
        try:
            email = parse_email(email)
        except ValueError as exc:
            errors["email"] = str(exc)
    postal_address = "\n".join(line.strip() for line in (postal_address or "").strip().splitlines() if line.strip())
    if len(postal_address) > ADDRESS_LIMIT:
        errors["postal_address"] = too_long(ADDRESS_LIMIT, len(postal_address))
    if errors:
        raise InputErrors(errors)
    org = session.get(Organisation, entry.organisation_id) if entry.organisation_id else None
    to_register = in_register and may_change_register(principal, org)
    if in_register and org is not None and not to_register:
        refusal = refused_by_role(principal, Action.register)
        raise InputErrors({"in_register": f"{refusal} Adressen kan sparas på den här remissen."})
    before = {"email": entry.email, "postal_address": entry.postal_address}
    entry.email, entry.postal_address = email, postal_address
    entry.own_address = not to_register
    session.add(entry)
    if to_register:
        org_before = {"email": org.email, "postal_address": org.postal_address}
        org.email, org.postal_address = email, postal_address
        session.add(org)
        session.flush()
        audit.record(session, now=now, user_id=principal.user_id, entity="organisation", entity_id=org.id,
                     action="update", changes=audit.diff(org_before, {"email": email, "postal_address": postal_address}),
                     note=f"Rättad från remissen {remiss.our_dnr or remiss.id}")
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="sandlista_entry", entity_id=entry.id,
                 remiss_id=remiss.id, action="address",
                 changes=audit.diff(before, {"email": email, "postal_address": postal_address}),
                 note=entry.name + (" (även i registret)" if to_register else ""))
    return to_register
