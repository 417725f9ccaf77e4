"""Who may do what, per nämnd and per remiss: checked here for pages, API and downloads."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session

from remiss.auth.models import Role, User


class Action(StrEnum):
    view = "view"  # read the remiss, its files and history
    edit = "edit"  # change fields, upload files, draft, record extensions, move status
    create = "create"  # register a new remiss in a nämnd: parse missiv and uploads for it, keep the Inkorg
    assign = "assign"  # choose the handläggare
    review = "review"  # approve or return a draft
    administer = "administer"  # users, nämnder, register, templates


# Which roles may perform each action within their own nämnder (admin may do all, everywhere).
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.admin: frozenset(Action),
    Role.registrator: frozenset({Action.view, Action.edit, Action.create, Action.assign, Action.review}),
    Role.granskare: frozenset({Action.view, Action.edit, Action.review}),
    Role.handlaggare: frozenset({Action.view, Action.edit}),
    Role.lasare: frozenset({Action.view}),
}


class AccessDenied(Exception):
    """The user may not do this; `hide` means answer as if the record did not exist."""

    def __init__(self, message: str, *, hide: bool = False):
        super().__init__(message)
        self.hide = hide


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    user_id: int | None  # None: the system itself (CLI, demo data, jobs)
    role: Role
    namnd_ids: frozenset[int]

    @classmethod
    def of(cls, session: Session, user: User, *, namnd_ids=None) -> "Principal":
        """The user's principal; namnd_ids, when the caller has just read the user's memberships."""
        from remiss.auth.service import namnd_ids_of

        if namnd_ids is None:
            namnd_ids = namnd_ids_of(session, user.id)
        return cls(user.id, Role(user.role), frozenset(namnd_ids))

    @classmethod
    def system(cls) -> "Principal":
        return cls(None, Role.admin, frozenset())

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    def may(self, action: Action, namnd_id: int | None = None) -> bool:
        """Return whether the principal may do action in namnd_id (None: in any of its nämnder)."""
        if self.is_admin:
            return True
        if action not in ROLE_ACTIONS[self.role]:
            return False
        return namnd_id is None or namnd_id in self.namnd_ids

    def visible_namnd_ids(self) -> frozenset[int] | None:
        """Nämnder whose remisser this principal may see; None means all."""
        return None if self.is_admin else self.namnd_ids


def require(principal: Principal, action: Action, namnd_id: int) -> None:
    """Raise AccessDenied unless the principal may do action in the nämnd."""
    if principal.may(action, namnd_id):
        return
    if not principal.may(Action.view, namnd_id):
        raise AccessDenied("Remissen finns inte eller du saknar behörighet.", hide=True)
    raise AccessDenied("Du har inte behörighet att göra detta.")


def load_remiss(session: Session, principal: Principal, remiss_id: int, action: Action = Action.view):
    """Return the remiss if the principal may do action on it; else NotFound / AccessDenied."""
    from remiss.remisser.models import Remiss

    remiss = session.get(Remiss, remiss_id)
    if remiss is None:
        raise NotFound("Remissen finns inte.")
    require(principal, action, remiss.namnd_id)
    return remiss
