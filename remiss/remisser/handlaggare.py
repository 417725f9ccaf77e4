"""A handläggare typed by name or e-mail (the text field shown when a nämnd has too many to list)."""
from __future__ import annotations

from sqlalchemy import func, or_
from sqlmodel import Session, select

from remiss.auth.access import ASSIGNABLE_ROLES
from remiss.auth.models import NamndMembership, User
from remiss.remisser.queries import users_matching

# How many of several matches an error message names.
SHOWN = 5


def resolve(session: Session, namnd_id: int, typed: str) -> int:
    """The id of the one active handläggare in the nämnd with this name or e-mail; ValueError (Swedish) if not one.

    An exact name or e-mail wins over partial matches, so "Bo Ek" finds Bo Ek even beside Bo Ekström.
    """
    typed = typed.strip()
    low = typed.lower()
    members = select(NamndMembership.user_id).where(NamndMembership.namnd_id == namnd_id)
    base = (select(User.id, User.name, User.email)
            .where(User.is_active, User.role.in_(sorted(ASSIGNABLE_ROLES)), User.id.in_(members)))
    # SQLite's lower() folds ASCII only: the name as typed and capitalised catch "Åsa Öberg" / "åsa öberg".
    exact = session.exec(base.where(or_(User.email == low, func.lower(User.name) == low,
                                        User.name.in_({typed, typed.title()})))).all()
    if len(exact) == 1:
        return exact[0][0]
    rows = exact or session.exec(base.where(User.id.in_(users_matching(typed)))
                                 .order_by(User.name, User.id).limit(SHOWN + 1)).all()
    if not rows:
        raise ValueError(f"Ingen aktiv handläggare i nämnden har namnet eller e-postadressen ”{typed}”. "
                         "Kontrollera stavningen eller välj en annan nämnd.")
    if len(rows) == 1:
        return rows[0][0]
    names = ", ".join(f"{name} ({email})" for _, name, email in rows[:SHOWN])
    more = " med flera" if len(rows) > SHOWN else ""
    raise ValueError(f"Flera handläggare i nämnden passar in på ”{typed}”: {names}{more}. "
                     "Skriv hela e-postadressen.")
