"""Whose remiss it is, for "Mina remisser" and the start page's "Mina pågående remisser": the handläggare's, and on an
utgående remiss the kontaktperson's the missiv names (walk27 Y16: a registrator who sent remisser without a
handläggare found none of them there). Only which remisser are listed: what a user may see is remiss.auth.access's."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session

from remiss.auth.models import User
from remiss.auth.service import users_named
from remiss.db import folded
from remiss.remisser.models import Direction, Remiss


def named_uniquely(session: Session, user_id: int) -> bool:
    """Whether a Kontaktperson named without an e-mail, with the user's name, is the user: no other active user has
    the name, as the missiv's and the reminders' address says (outgoing.service.missiv_doc.contact_address)."""
    user = session.get(User, user_id)
    return user is not None and [u.id for u in users_named(session, user.name)] == [user_id]


def kontaktperson(user_id: int, *, by_name: bool):
    """The utgående remisser whose missiv names the user as Kontaktperson (outgoing.service.missiv_doc.missiv_contact):
    the one named on the remiss, by e-mail or (without one, and by_name: named_uniquely) by name; without a name,
    the handläggare, and before one is assigned the one who registered it."""
    email = select(func.lower(User.email)).where(User.id == user_id).scalar_subquery()
    # spacing and case aside, as users_named and so the missiv's address (contact_address) compare names
    name = select(folded(User.name)).where(User.id == user_id).scalar_subquery()
    named = func.trim(Remiss.contact_person) != ""
    ways = [and_(~named, Remiss.handlaggare_id.is_(None), Remiss.created_by_id == user_id),
            and_(named, Remiss.contact_email != "", func.lower(Remiss.contact_email) == email)]
    if by_name:
        ways.append(and_(named, Remiss.contact_email == "", folded(Remiss.contact_person) == name))
    return and_(Remiss.direction == Direction.utgaende.value, or_(*ways))


def mine(user_id: int, *, by_name: bool):
    """The remisser that are the user's: as handläggare, or as the kontaktperson of an utgående remiss (by_name:
    named_uniquely)."""
    return or_(Remiss.handlaggare_id == user_id, kontaktperson(user_id, by_name=by_name))
