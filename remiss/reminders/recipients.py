"""Who receives a reminder: the milestone owner's role resolved to people of the nämnd."""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from remiss.auth.models import NamndMembership, Role, User
from remiss.namnd.models import Namnd
from remiss.remisser.models import Remiss


@dataclass(frozen=True)
class Recipient:
    user_id: int | None  # None: a functional mailbox, not a user
    email: str
    name: str
    muted: frozenset[str] = frozenset()


def muted_kinds(user: User) -> frozenset[str]:
    return frozenset(k.strip() for k in (user.muted_kinds or "").split(",") if k.strip())


def of_user(user: User) -> Recipient:
    return Recipient(user.id, user.email, user.name, muted_kinds(user))


def users_in_namnd(session: Session, namnd_id: int, role: Role) -> list[User]:
    """Return the active users with role who are members of the nämnd."""
    stmt = (select(User).join(NamndMembership, NamndMembership.user_id == User.id)
            .where(NamndMembership.namnd_id == namnd_id, User.role == role.value, User.is_active == True)  # noqa: E712
            .order_by(User.email))
    return list(session.exec(stmt))


def registrators(session: Session, namnd_id: int) -> list[Recipient]:
    """Return the nämnd's registratorer, or its functional mailbox when it has none."""
    users = users_in_namnd(session, namnd_id, Role.registrator)
    if users:
        return [of_user(u) for u in users]
    namnd = session.get(Namnd, namnd_id)
    return [Recipient(None, namnd.email, namnd.name)] if namnd and namnd.email else []


def handlaggare(session: Session, remiss: Remiss) -> list[Recipient]:
    """Return the assigned handläggare, or the registratorer while nobody is assigned."""
    user = session.get(User, remiss.handlaggare_id) if remiss.handlaggare_id else None
    if user is not None and user.is_active:
        return [of_user(user)]
    return registrators(session, remiss.namnd_id)


def granskare(session: Session, namnd_id: int) -> list[Recipient]:
    users = users_in_namnd(session, namnd_id, Role.granskare)
    return [of_user(u) for u in users] if users else registrators(session, namnd_id)


def for_role(session: Session, remiss: Remiss, role: str) -> list[Recipient]:
    """Resolve a milestone owner role (or "escalation") to the people who get the mail."""
    if role == "handlaggare":
        found = handlaggare(session, remiss)
    elif role == "granskare":
        found = granskare(session, remiss.namnd_id)
    elif role == "registrator":
        found = registrators(session, remiss.namnd_id)
    elif role == "escalation":
        found = granskare(session, remiss.namnd_id) + registrators(session, remiss.namnd_id)
    else:
        found = []
    unique: dict[str, Recipient] = {}
    for r in found:
        if r.email:
            unique.setdefault(r.email.lower(), r)
    return list(unique.values())
