"""The handläggare field of the forms: the handläggare to choose from when they are few, and one typed by name or
e-mail (the text field shown when a nämnd has too many to list)."""
from __future__ import annotations

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from remiss.auth.access import ASSIGNABLE_ROLES
from remiss.auth.models import NamndMembership, User

# How many of several matches an error message names.
SHOWN = 5

# A longer list is no help to pick from: a form then asks for the name or e-mail instead.
HANDLAGGARE_CHOICES = 60


def handlaggare_choices(session: Session, namnd_ids: list[int] | None) -> list[tuple[int, str]] | None:
    """(id, name) of the active users who can handle remisser in these nämnder (None: in any nämnd), by name;
    None when there are more than HANDLAGGARE_CHOICES."""
    stmt = select(User.id, User.name).where(User.is_active, User.role.in_(sorted(ASSIGNABLE_ROLES)))
    if namnd_ids is None:
        # EXISTS per user stops at the limit; IN over every membership would read them all first.
        stmt = stmt.where(exists().where(NamndMembership.user_id == User.id))
    else:
        stmt = stmt.where(User.id.in_(select(NamndMembership.user_id)
                                      .where(NamndMembership.namnd_id.in_(list(namnd_ids) or [-1]))))
    # No ORDER BY: the LIMIT stops the scan early when the list is too long; a short list is sorted here.
    rows = session.execute(stmt.limit(HANDLAGGARE_CHOICES + 1)).all()
    if len(rows) > HANDLAGGARE_CHOICES:
        return None
    return sorted(((row.id, row.name) for row in rows), key=lambda pair: (pair[1], pair[0]))


def email_of(session: Session, user_id: int) -> str:
    return session.execute(select(User.email).where(User.id == user_id)).scalar() or ""


def name_of(session: Session, user_id: int) -> str | None:
    return session.execute(select(User.name).where(User.id == user_id)).scalar()


def users_matching(typed: str):
    """The ids of users whose e-mail starts with typed (when it has an @) or whose name or e-mail contains it."""
    low = typed.lower()
    if "@" in low:  # e-mail addresses are stored lower-case
        return select(User.id).where(User.email.startswith(low, autoescape=True))
    # SQLite's lower() and LIKE fold ASCII only: also try the typed text as a capitalised name ("åsa" → "Åsa").
    names = {low, typed, typed.title()}
    return select(User.id).where(or_(func.lower(User.name).contains(low, autoescape=True),
                                     User.email.contains(low, autoescape=True),
                                     *(User.name.contains(n, autoescape=True) for n in names)))


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
