"""Why a refusal by the role happened, for the person refused: when an administrator lowered the role since, say so
("Din roll är nu Läsare; du kan inte längre godkänna yttranden.") instead of a bare 403 on the page the user still
had open (walk26 W6). Who may do what stays in auth.access; this only words the refusal."""
from __future__ import annotations

import json
from typing import NamedTuple

from sqlmodel import Session, select

from remiss.audit.models import AuditEvent
from remiss.auth.access import ROLE_ACTIONS, AccessDenied
from remiss.auth.models import Role, User
from remiss.calendar.swedish import format_weekday_date
from remiss.clock import local

# account events read back from the newest, to find the latest change of role among other changes (a name, a nämnd)
LOOKED_AT = 50


class RoleChange(NamedTuple):
    old: Role
    new: Role
    when: str  # "söndag 6 december 2026"
    by: str  # the administrator's name; "" for the kommun's directory or the system


def latest_role_change(session: Session, user_id: int) -> RoleChange | None:
    """The latest change of the user's role in the audit log (user_account events, no remiss: the index's
    remiss_id IS NULL part, newest first), or None."""
    rows = session.exec(select(AuditEvent.changes, AuditEvent.at, User.name)
                        .outerjoin(User, User.id == AuditEvent.user_id)
                        .where(AuditEvent.remiss_id.is_(None), AuditEvent.entity == "user_account",
                               AuditEvent.entity_id == user_id)
                        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(LOOKED_AT))
    for changes, at, by in rows:
        role = json.loads(changes or "{}").get("role")
        if isinstance(role, list) and len(role) == 2 and role[0] in Role._value2member_map_:
            return RoleChange(Role(role[0]), Role(role[1]), format_weekday_date(local(at)), by or "")
    return None


def explained(session: Session, exc: AccessDenied) -> str:
    """The refusal's message; when the role was lowered from one that could do it, that the role is new:
    "Din roll är nu Läsare; du kan inte längre godkänna yttranden. Administratören Anna Admin ändrade rollen
    söndag 6 december 2026 (förut Granskare / chef).\""""
    p = exc.principal
    if p is None or p.user_id is None or exc.action is None:
        return str(exc)
    change = latest_role_change(session, p.user_id)
    if change is None or change.new != p.role or exc.action not in ROLE_ACTIONS.get(change.old, ()):
        return str(exc)
    by = f"{change.by} ändrade rollen" if change.by else "Rollen ändrades"
    return (f"Din roll är nu {p.role.label}; du kan inte längre {exc.doing}. {by} {change.when} "
            f"(förut {change.old.label}).")
