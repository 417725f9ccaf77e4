"""The register of remissinstanser: import, merge duplicates, saved sändlistor."""
from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import delete, func, or_, update
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Action, Principal
from remiss.outgoing.importer import ImportRow
from remiss.outgoing.models import Organisation, SavedSandlista, SavedSandlistaMember
from remiss.outgoing.repeated import read_angled
from remiss.remisser.input import InputErrors, SandlistaItem
from remiss.remisser.models import SandlistaEntry

FIELDS = ("name", "email", "contact_person", "group_name", "active")


def _require_admin(principal: Principal, doing: str = "administrera registret över remissinstanser") -> None:
    from remiss.auth.access import refused_by_role

    if not principal.may(Action.administer):
        raise refused_by_role(principal, Action.administer, doing)


def organisations(session: Session, *, name_contains: str = "", limit: int = 500) -> list[Organisation]:
    """Remissinstanser in the register by group and name, those whose name contains name_contains (any case)."""
    stmt = select(Organisation).order_by(Organisation.group_name, Organisation.name)
    if name_contains:
        stmt = stmt.where(func.lower(Organisation.name).contains(name_contains.lower(), autoescape=True))
    return list(session.exec(stmt.limit(limit)))


def visible_organisations(session: Session, principal: Principal, *, shared: bool) -> list[Organisation]:
    """Active instanser a user may put on a sändlista: the shared register, and names typed on the sändlistor of
    the user's own nämnder (every name when the register is configured as shared)."""
    stmt = select(Organisation).where(Organisation.active).order_by(Organisation.group_name, Organisation.name)
    visible = principal.visible_namnd_ids()
    if not shared and visible is not None:
        stmt = stmt.where(or_(Organisation.namnd_id.is_(None), Organisation.namnd_id.in_(visible or [-1])))
    return list(session.exec(stmt))


def save_organisation(session: Session, *, now: datetime, principal: Principal, existing: Organisation | None,
                      name: str, email: str = "", contact_person: str = "", group_name: str = "",
                      active: bool = True) -> Organisation:
    """Add a remissinstans to the register, or change one; a name already in the register is refused. A name typed
    as "Namn <e-post>" is Namn, reached at that address unless one is given (repeated.read_angled, as sändlistor)."""
    _require_admin(principal)
    typed = read_angled(SandlistaItem(name.strip(), email.strip()))
    name, email = typed.name, typed.email
    clash = session.exec(select(Organisation).where(func.lower(Organisation.name) == name.lower(),
                                                    Organisation.id != (existing.id if existing else -1))).first()
    if clash:
        raise InputErrors({"name": f"{clash.name} finns redan i registret."})
    org = existing or Organisation(name=name, created_at=now)
    before = _snapshot(org) if existing else {}
    org.name, org.email, org.active = name, email.strip(), bool(active)
    org.contact_person, org.group_name = contact_person.strip(), group_name.strip()
    session.add(org)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="organisation", entity_id=org.id,
                 action="update" if existing else "create", changes=audit.diff(before, _snapshot(org)))
    return org


def _by_name(session: Session, names: list[str]) -> dict[str, Organisation]:
    lowered = [n.lower() for n in names]
    found = session.exec(select(Organisation).where(func.lower(Organisation.name).in_(lowered or [""]))).all()
    return {o.name.lower(): o for o in found}


def mark_existing(session: Session, rows: list[ImportRow]) -> list[ImportRow]:
    """Flag rows whose name is already in the register (they will be updated, not added), and those of them that
    would change nothing, so the preview counts what saving will really do."""
    existing = _by_name(session, [r.name for r in rows if r.name])
    for row in rows:
        org = existing.get(row.name.lower())
        row.exists = org is not None
        row.unchanged = org is not None and not _updates(row, org)
    return rows


def _updates(row: ImportRow, org: Organisation) -> dict:
    """The values the row would change on org: an empty cell keeps what the register has."""
    return {key: getattr(row, key) for key in ("email", "contact_person", "group_name")
            if getattr(row, key) and getattr(row, key) != getattr(org, key)}


def import_organisations(session: Session, *, now: datetime, principal: Principal,
                         rows: list[ImportRow]) -> tuple[int, int]:
    """Save the valid rows: add new instanser, update those already there; return (added, updated)."""
    _require_admin(principal)
    bad = [r for r in rows if r.errors]
    if bad:
        raise InputErrors({"rows": f"Rad {bad[0].line}: {bad[0].errors[0]}"})
    existing = _by_name(session, [r.name for r in rows])
    added = updated = 0
    for row in rows:
        org = existing.get(row.name.lower())
        if org is None:
            org = Organisation(name=row.name, email=row.email, contact_person=row.contact_person,
                               group_name=row.group_name, created_at=now)
            session.add(org)
            session.flush()
            audit.record(session, now=now, user_id=principal.user_id, entity="organisation", entity_id=org.id,
                         action="import", changes=audit.diff({}, _snapshot(org)))
            added += 1
            continue
        before = _snapshot(org)
        for key, value in _updates(row, org).items():
            setattr(org, key, value)
        changes = audit.diff(before, _snapshot(org))
        if changes:
            session.add(org)
            session.flush()
            audit.record(session, now=now, user_id=principal.user_id, entity="organisation", entity_id=org.id,
                         action="import", changes=changes)
            updated += 1
    return added, updated


def _snapshot(org: Organisation) -> dict:
    return {k: getattr(org, k) for k in FIELDS}


def _normal(name: str) -> str:
    return re.sub(r"[^0-9a-zåäöéü]", "", name.casefold())


def duplicate_groups(session: Session) -> list[list[Organisation]]:
    """Groups of instanser that look like the same one: same letters in the name, or same e-mail."""
    orgs = session.exec(select(Organisation).order_by(Organisation.id)).all()
    parent = {o.id: o.id for o in orgs}

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    by_key: dict[str, int] = {}
    for org in orgs:
        for key in (f"n:{_normal(org.name)}", f"e:{org.email.lower()}" if org.email else None):
            if key is None:
                continue
            if key in by_key:
                parent[root(org.id)] = root(by_key[key])
            else:
                by_key[key] = org.id
    groups: dict[int, list[Organisation]] = {}
    for org in orgs:
        groups.setdefault(root(org.id), []).append(org)
    return [g for g in groups.values() if len(g) > 1]


def merge(session: Session, *, now: datetime, principal: Principal, survivor_id: int,
          duplicate_ids: list[int]) -> Organisation:
    """Merge duplicates into the survivor: their sändlista entries and saved lists move to it."""
    _require_admin(principal)
    survivor = session.get(Organisation, survivor_id)
    ids = sorted({i for i in duplicate_ids if i != survivor_id})
    duplicates = [session.get(Organisation, i) for i in ids]
    if survivor is None:
        raise InputErrors({"survivor_id": "Välj vilken instans som ska finnas kvar."})
    if not duplicates or any(d is None for d in duplicates):
        raise InputErrors({"duplicate_ids": "Välj minst en annan befintlig instans att slå ihop med."})
    before = _snapshot(survivor)
    for dup in duplicates:
        for key in ("email", "contact_person", "group_name"):
            if not getattr(survivor, key) and getattr(dup, key):
                setattr(survivor, key, getattr(dup, key))
    moved_entries = session.execute(update(SandlistaEntry).where(SandlistaEntry.organisation_id.in_(ids))
                                     .values(organisation_id=survivor.id)).rowcount
    lists_moved = 0
    for member in session.exec(select(SavedSandlistaMember)
                               .where(SavedSandlistaMember.organisation_id.in_(ids))).all():
        already = session.get(SavedSandlistaMember, (member.saved_sandlista_id, survivor.id))
        session.delete(member)
        session.flush()
        if already is None:
            session.add(SavedSandlistaMember(saved_sandlista_id=member.saved_sandlista_id,
                                             organisation_id=survivor.id, position=member.position))
            lists_moved += 1
        session.flush()
    names = [d.name for d in duplicates]
    for dup in duplicates:
        session.delete(dup)
    session.flush()
    session.add(survivor)
    session.flush()
    changes = audit.diff(before, _snapshot(survivor))
    changes["merged"] = [names, survivor.name]
    audit.record(session, now=now, user_id=principal.user_id, entity="organisation", entity_id=survivor.id,
                 action="merge", changes=changes,
                 note=f"{moved_entries} sändlisteposter och {lists_moved} sparade listor flyttade")
    return survivor


def saved_lists(session: Session) -> list[SavedSandlista]:
    return list(session.exec(select(SavedSandlista).order_by(SavedSandlista.name)))


def members_of(session: Session, list_id: int) -> list[Organisation]:
    stmt = (select(Organisation).join(SavedSandlistaMember,
                                      SavedSandlistaMember.organisation_id == Organisation.id)
            .where(SavedSandlistaMember.saved_sandlista_id == list_id)
            .order_by(SavedSandlistaMember.position, Organisation.name))
    return list(session.exec(stmt))


def save_list(session: Session, *, now: datetime, principal: Principal, name: str, organisation_ids: list[int],
              existing: SavedSandlista | None = None) -> SavedSandlista:
    """Create or change a saved sändlista with its members in the given order."""
    if not principal.may(Action.create):
        from remiss.auth.access import SANDLISTOR_WORDS, refused_by_role

        raise refused_by_role(principal, Action.create, SANDLISTOR_WORDS)
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Ge listan ett namn."
    elif len(name) > 200:
        errors["name"] = "Högst 200 tecken."
    else:
        clash = session.exec(select(SavedSandlista).where(func.lower(SavedSandlista.name) == name.lower(),
                                                          SavedSandlista.id != (existing.id if existing else -1))).first()
        if clash:
            errors["name"] = f"Det finns redan en sparad lista som heter ”{clash.name}”."
    ids = list(dict.fromkeys(organisation_ids))
    found = {o.id for o in session.exec(select(Organisation).where(Organisation.id.in_(ids or [-1])))}
    if not ids:
        errors["organisation_ids"] = "Välj minst en remissinstans."
    elif set(ids) - found:
        errors["organisation_ids"] = "En vald remissinstans finns inte längre i registret."
    if errors:
        raise InputErrors(errors)
    before = {"name": existing.name, "members": [o.id for o in members_of(session, existing.id)]} if existing else {}
    saved = existing or SavedSandlista(name=name, created_at=now)
    saved.name = name
    session.add(saved)
    session.flush()
    session.exec(delete(SavedSandlistaMember).where(SavedSandlistaMember.saved_sandlista_id == saved.id))
    for position, org_id in enumerate(ids, 1):
        session.add(SavedSandlistaMember(saved_sandlista_id=saved.id, organisation_id=org_id, position=position))
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="saved_sandlista", entity_id=saved.id,
                 action="update" if existing else "create",
                 changes=audit.diff(before, {"name": name, "members": ids}))
    return saved


def delete_list(session: Session, *, now: datetime, principal: Principal, saved: SavedSandlista) -> None:
    from remiss.auth.access import SANDLISTOR_DELETE_WORDS

    _require_admin(principal, SANDLISTOR_DELETE_WORDS)
    session.exec(delete(SavedSandlistaMember).where(SavedSandlistaMember.saved_sandlista_id == saved.id))
    session.delete(saved)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="saved_sandlista", entity_id=saved.id,
                 action="delete", changes={"name": [saved.name, None]})
