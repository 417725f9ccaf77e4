"""What migration tests share: an empty database on SQLite and on PostgreSQL, Alembic pointed at it, its rows read
back with plain SQL, the app on it, and (for the repairs of a Tidplan's stored steps) a nämnd whose remisser every
reader of a step is asked about."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

import pytest
from alembic.config import Config
from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from remiss import create_app
from remiss.auth.models import Role
from remiss.clock import local
from remiss.db import MIGRATIONS_DIR, Database, migrate
from remiss.planning import agenda
from remiss.planning.present import due_row
from remiss.reminders import schedule
from remiss.subscribers import connect_all
from tests.conftest import PG_URL, Auth
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user

TOKEN = "kalender-sara-0123456789abcdef"  # the registrator's calendar feed's secret (tidplan_world)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """The URL of an empty database: a file on SQLite, a database of its own on PostgreSQL (skipped without one)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'f001.db'}"
        return
    if not PG_URL:
        pytest.skip("needs PostgreSQL: set REMISS_TEST_DATABASE_URL")
    name = f"remiss_f001_{os.getpid()}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def alembic_config(url: str) -> Config:
    """Alembic's configuration for the database at url, for command.upgrade and command.downgrade."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def read_rows(url: str, sql: str, **params) -> list[tuple]:
    """The rows a plain SQL query returns, on a connection of its own."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql), params)]
    engine.dispose()
    return rows


def app_on(url: str) -> Flask:
    """The app on the database at url, with no mail and fast password hashes; dispose its
    app.extensions["remiss_db"] when done."""
    return create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test", "SMTP_URL": "",
                       "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})


def tidplan_world(s, keys, **remiss_fields) -> dict:
    """A nämnd with an arbetsutskott on 15 February 2035 and a sammanträde on 22 February, a registrator with a
    calendar feed, and a remiss titled "Remiss {key}" for each key, due 30 March: {"ids", "namnd", "user"}."""
    namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(s, namnd, [("au", at(2035, 2, 15, 8, 30), ""), ("namnd", at(2035, 2, 22, 17), "")])
    user = make_user(s, role=Role.registrator, namnder=[namnd], email="sara@oster.se", name="Sara Sekreterare")
    user.ics_token = TOKEN
    s.add(user)
    ids = {key: make_remiss(s, namnd=namnd, now=at(2034, 12, 1, 10), received_on=date(2034, 12, 1),
                            deadline_on=date(2035, 3, 30), title=f"Remiss {key}", **remiss_fields).id
           for key in keys}
    return {"ids": ids, "namnd": namnd.id, "user": user.email}



def migrated_world(url: str, keys, **remiss_fields) -> dict:
    """The database at url migrated to head, with a tidplan_world in it made as the app makes it (its subscribers
    connected, so the tidplan follows the events)."""
    connect_all()
    migrate(url)
    db = Database(url)
    with db.transaction() as s:
        world = tidplan_world(s, keys, **remiss_fields)
    db.dispose()
    return world

@dataclass(frozen=True)
class StepSaid:
    """What every reader of the stored rows says of one remiss's step."""
    kalender: bool  # open in the Kalender and on the start page (agenda.items)
    late: bool  # late on the start page's row
    ics: bool  # open in the registrator's ICS feed
    reminders: bool  # open to the reminders (schedule.milestones_due)
    api: dict  # the API's milestone


def step_readers(url: str, world: dict, kind: str, today: date) -> dict[str, StepSaid]:
    """Ask every reader of a tidplan_world's stored rows what it says of each remiss's step of kind, on today."""
    db = Database(url)
    with db.transaction(write=False) as s:
        items = [i for i in agenda.items(s, namnd_ids=[world["namnd"]], today=today) if i.kind == kind]
        kalender = {i.remiss_id for i in items if not i.done}
        late = {i.remiss_id for i in items if due_row(i, local(at(today.year, today.month, today.day, 9))).overdue}
        reminders = {rid for rid in world["ids"].values()
                     if any(m.kind == kind and not m.done for m in schedule.milestones_due(s, rid))}
    db.dispose()
    app = app_on(url)
    client = app.test_client()
    feed = client.get(f"/ics/anvandare/{TOKEN}/namnd/{world['namnd']}.ics").get_data(as_text=True).replace("\r\n ", "")
    Auth(client).login(world["user"])
    said = {}
    for key, rid in world["ids"].items():
        step = next(m for m in client.get(f"/api/v1/remisser/{rid}").json["milestones"] if m["kind"] == kind)
        in_feed = [line for line in feed.splitlines() if line.startswith("SUMMARY") and f"Remiss {key}" in line
                   and kind.capitalize() in line]
        ics = bool(in_feed) and not any("Klar: " in line for line in in_feed)
        said[key] = StepSaid(rid in kalender, rid in late, ics, rid in reminders, step)
    app.extensions["remiss_db"].dispose()
    return said
