"""Sign-in with the kommun's account: the directory's groups give a role and nämnder (SsoGroup), users are created
at their first sign-in and updated at each, and closed when their groups give no access."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.models import Role, SsoGroup, SsoGroupNamnd, User
from remiss.auth.service import (UNUSABLE_PASSWORD, end_all_sessions, namnd_ids_of, normalize_email,
                                 revoke_all_api_tokens, set_memberships)

# When a person's groups give several roles, the one that may do most wins.
ROLE_RANK = [Role.lasare, Role.handlaggare, Role.granskare, Role.registrator, Role.admin]

NO_ACCESS = ("Ditt konto i kommunens katalog ger ingen behörighet i Remiss: ingen av dina grupper är kopplad till "
             "en roll. Om du behöver Remiss i ditt arbete, be din chef eller IT-avdelningen att lägga till dig i "
             "rätt grupp.")
CLOSED_HERE = "Ditt konto är avstängt i Remiss av en administratör. Kontakta administratören om du behöver det."


class DirectoryRefusal(ValueError):
    """The directory gives this person no access (or an admin closed the account); a Swedish explanation."""


@dataclass(frozen=True)
class Access:
    role: Role
    namnd_ids: frozenset[int]
    groups: tuple[str, ...]  # the mapped groups that gave it


@dataclass(frozen=True)
class Identity:
    """What the identity provider says about the person, from the verified ID token."""

    subject: str
    email: str
    name: str
    groups: tuple[str, ...]
    email_verified: bool | None = None  # None: the provider does not say (Entra ID)


def access_from_groups(session: Session, groups) -> Access | None:
    """The role and nämnder the groups give, or None when no group is mapped."""
    names = sorted({str(g) for g in groups})
    if not names:
        return None
    rows = list(session.exec(select(SsoGroup).where(SsoGroup.name.in_(names))))
    if not rows:
        return None
    role = max((Role(r.role) for r in rows), key=ROLE_RANK.index)
    ids = session.exec(select(SsoGroupNamnd.namnd_id).where(SsoGroupNamnd.sso_group_id.in_([r.id for r in rows])))
    return Access(role, frozenset(ids), tuple(sorted(r.name for r in rows)))


def sign_in_from_directory(session: Session, *, now: datetime, identity: Identity) -> User:
    """Create or update the person's user from the directory, or raise DirectoryRefusal (closing the account when
    their groups no longer give access)."""
    user = session.exec(select(User).where(User.sso_subject == identity.subject)).first()
    email = normalize_email(identity.email)
    if user is None and email:
        # An existing local account with the same address becomes this person's: the kommun's directory vouches
        # for its addresses. One already linked to another subject is someone else.
        user = session.exec(select(User).where(User.email == email)).first()
        if user is not None and (user.sso_subject is not None or identity.email_verified is False):
            # An address the provider has not verified could be anyone's, the admin's too.
            raise DirectoryRefusal(f"E-postadressen {email} används redan av ett annat konto i Remiss. "
                                   "Kontakta administratören.")
        if user is not None and user.role != Role.admin:
            # The directory vouches for them now; only admins keep a password, for break-glass sign-in.
            user.password_hash = UNUSABLE_PASSWORD
    access = access_from_groups(session, identity.groups)
    if access is None:
        if user is not None and user.is_active:
            _close(session, now=now, user=user)
        raise DirectoryRefusal(NO_ACCESS)
    if user is not None and not user.is_active and not user.deactivated_by_directory:
        raise DirectoryRefusal(CLOSED_HERE)
    clash = session.exec(select(User).where(User.email == email, User.id != (user.id if user else -1))).first()
    if clash is not None or not email:
        raise DirectoryRefusal("Kommunens konto saknar en e-postadress som är unik i Remiss. Kontakta "
                               "administratören.")
    if user is None:
        user = User(email=email, name=identity.name or email, role=access.role.value,
                    password_hash=UNUSABLE_PASSWORD, ics_token=secrets.token_urlsafe(24), created_at=now,
                    sso_subject=identity.subject)
        session.add(user)
        session.flush()
        set_memberships(session, user, access.namnd_ids)
        audit.record(session, now=now, user_id=None, entity="user_account", entity_id=user.id, action="create",
                     changes={"email": [None, email], "role": [None, user.role],
                              "namnder": [None, sorted(access.namnd_ids)]},
                     note="Skapad vid första inloggningen med kommunens konto.")
        return user
    before = {"email": user.email, "name": user.name, "role": user.role, "is_active": user.is_active,
              "namnder": sorted(namnd_ids_of(session, user.id))}
    user.email, user.name, user.role = email, identity.name or user.name, access.role.value
    user.sso_subject, user.is_active, user.deactivated_by_directory = identity.subject, True, False
    session.add(user)
    set_memberships(session, user, access.namnd_ids)
    after = {"email": user.email, "name": user.name, "role": user.role, "is_active": True,
             "namnder": sorted(access.namnd_ids)}
    changes = audit.diff(before, after)
    if changes:
        audit.record(session, now=now, user_id=None, entity="user_account", entity_id=user.id, action="update",
                     changes=changes, note="Uppdaterad från kommunens katalog vid inloggning.")
    return user


def _close(session: Session, *, now: datetime, user: User) -> None:
    user.is_active, user.deactivated_by_directory = False, True
    session.add(user)
    end_all_sessions(session, user.id)
    revoke_all_api_tokens(session, user.id)
    audit.record(session, now=now, user_id=None, entity="user_account", entity_id=user.id, action="update",
                 changes={"is_active": [True, False]},
                 note="Avstängd: grupperna i kommunens katalog ger inte längre någon behörighet.")


def groups(session: Session) -> list[tuple[SsoGroup, list[int]]]:
    """Every mapped group with its nämnder, by name."""
    rows = list(session.exec(select(SsoGroup).order_by(SsoGroup.name)))
    links = session.exec(select(SsoGroupNamnd))
    by_group: dict[int, list[int]] = {}
    for link in links:
        by_group.setdefault(link.sso_group_id, []).append(link.namnd_id)
    return [(g, sorted(by_group.get(g.id, []))) for g in rows]


def save_group(session: Session, *, now: datetime, actor_id: int | None, group: SsoGroup | None, name: str,
               label: str, role: Role | str, namnd_ids) -> SsoGroup:
    """Create or change a group mapping; every change is audited."""
    name = name.strip()
    other = session.exec(select(SsoGroup).where(SsoGroup.name == name)).first()
    if other is not None and (group is None or other.id != group.id):
        raise DirectoryRefusal(f"Gruppen {name} är redan kopplad.")
    before = {} if group is None else {"name": group.name, "label": group.label, "role": group.role,
                                       "namnder": sorted(session.exec(select(SsoGroupNamnd.namnd_id).where(
                                           SsoGroupNamnd.sso_group_id == group.id)))}
    group = group or SsoGroup(name=name, role=Role(role).value)
    group.name, group.label, group.role = name, label.strip(), Role(role).value
    session.add(group)
    session.flush()
    session.exec(delete(SsoGroupNamnd).where(SsoGroupNamnd.sso_group_id == group.id))
    for namnd_id in sorted(set(namnd_ids)):
        session.add(SsoGroupNamnd(sso_group_id=group.id, namnd_id=namnd_id))
    session.flush()
    after = {"name": group.name, "label": group.label, "role": group.role, "namnder": sorted(set(namnd_ids))}
    audit.record(session, now=now, user_id=actor_id, entity="sso_group", entity_id=group.id,
                 action="update" if before else "create", changes=audit.diff(before, after))
    return group


def delete_group(session: Session, *, now: datetime, actor_id: int | None, group: SsoGroup) -> None:
    audit.record(session, now=now, user_id=actor_id, entity="sso_group", entity_id=group.id, action="delete",
                 changes={"name": [group.name, None]})
    session.delete(group)
    session.flush()
