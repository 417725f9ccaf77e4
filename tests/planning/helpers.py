"""Shared arrangements: the seed nämnder with their sammanträdesplaner, as the municipality had them."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlmodel import select

from remiss.auth.models import Role
from remiss.namnd.models import Meeting
from remiss.planning.models import Milestone
from tests.support.factories import make_namnd, make_user

STHLM = ZoneInfo("Europe/Stockholm")


def at(year, month, day, hour=9, minute=0) -> datetime:
    """A Stockholm moment as an aware UTC datetime (what the clock holds)."""
    return datetime(year, month, day, hour, minute, tzinfo=STHLM).astimezone(timezone.utc)


def add_meetings(session, namnd, rows):
    for kind, moment, place in rows:
        session.add(Meeting(namnd_id=namnd.id, kind=kind, starts_at=moment, place=place))
    session.flush()


def seed_003_world(session):
    """SON Öster 2015: AU two weeks before each nämnd meeting; a registrator, handläggare and läsare."""
    namnd = make_namnd(session, name="Stadsområdesnämnd Öster", short_name="SON Öster", dnr_prefix="SOFÖ")
    add_meetings(session, namnd, [
        ("namnd", at(2015, 6, 11, 17), ""), ("au", at(2015, 9, 10, 8, 30), ""),
        ("namnd", at(2015, 9, 24, 17), "Stadsområdesförvaltning Öster"), ("au", at(2015, 10, 8, 8, 30), ""),
        ("namnd", at(2015, 10, 22, 17), ""),
    ])
    users = {
        "registrator": make_user(session, role=Role.registrator, namnder=[namnd], email="sekr@oster.se"),
        "handlaggare": make_user(session, role=Role.handlaggare, namnder=[namnd], email="jesper@oster.se",
                                 name="Jesper Lindkvist"),
        "lasare": make_user(session, role=Role.lasare, namnder=[namnd], email="lasare@oster.se"),
    }
    return namnd, users


def due(session, remiss_id) -> dict:
    rows = session.exec(select(Milestone).where(Milestone.remiss_id == remiss_id)).all()
    return {m.kind: m.due_on for m in rows}


def milestones(db, remiss_id) -> dict:
    """Read the stored milestones with a short reading session (never hold the SQLite write lock)."""
    with db.transaction(write=False) as s:
        return {m.kind: m for m in s.exec(select(Milestone).where(Milestone.remiss_id == remiss_id))}


def fetch(db, stmt):
    with db.transaction(write=False) as s:
        return s.exec(stmt).all()
