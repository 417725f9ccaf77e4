"""Whose remiss it is, for "Mina remisser" and the start page's "Mina pågående remisser": the handläggare's, and on an
utgående remiss the kontaktperson's the missiv names (walk27 Y16: a registrator who sent remisser without a
handläggare found none of them there). Only which remisser are listed: what a user may see is remiss.auth.access's."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from remiss.auth.models import User
from remiss.remisser.models import Direction, Remiss


def kontaktperson(user_id: int):
    """The utgående remisser whose missiv names the user as Kontaktperson (outgoing.service.missiv_doc.missiv_contact):
    the one named on the remiss, by e-mail or (without one) by name; without a name, the handläggare, and before one
    is assigned the one who registered it."""
    email = select(func.lower(User.email)).where(User.id == user_id).scalar_subquery()
    name = select(func.lower(func.trim(User.name))).where(User.id == user_id).scalar_subquery()
    named = func.trim(Remiss.contact_person) != ""
    return and_(Remiss.direction == Direction.utgaende.value, or_(
        and_(~named, Remiss.handlaggare_id.is_(None), Remiss.created_by_id == user_id),
        and_(named, Remiss.contact_email != "", func.lower(Remiss.contact_email) == email),
        and_(named, Remiss.contact_email == "", func.lower(func.trim(Remiss.contact_person)) == name)))


def mine(user_id: int):
    """The remisser that are the user's: as handläggare, or as the kontaktperson of an utgående remiss."""
    return or_(Remiss.handlaggare_id == user_id, kontaktperson(user_id))
