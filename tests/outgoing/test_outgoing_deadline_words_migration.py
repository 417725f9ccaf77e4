"""Migration z002 (walk20 H7): an utgående remiss's sista svarsdag stored before H7 said "Remittentens sista
svarsdag" and, read from it, "blir klar när yttrandet expedieras"; after the upgrade the API says the
remissinstansernas svarstid and that the step closes when the answers are compiled, on SQLite and PostgreSQL, open
or done, with or without a clock time. An incoming remiss keeps the remittent's words; a second run changes nothing."""
from __future__ import annotations

from datetime import date, time

from alembic import command
from sqlalchemy import create_engine, text

from remiss.auth.models import Role
from remiss.db import Database, migrate
from remiss.remisser.input import SandlistaItem
from remiss.subscribers import connect_all
from tests.conftest import Auth
from tests.planning.helpers import at
from tests.support.migrations import alembic_config, app_on, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import make_namnd, make_remiss, make_user

BEFORE = "z001_walk19_repair"
THIS = "z002_outgoing_deadline_words"
OLD_NOT_BY_HAND = "Sista svarsdag blir klar när yttrandet expedieras, inte för hand."


def _world(s) -> dict:
    namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    user = make_user(s, role=Role.registrator, namnder=[namnd], email="sara@oster.se")
    now = at(2025, 12, 1, 10)  # before the upgrade runs (updated_at)
    lists = [SandlistaItem(n, f"{n[:4].lower()}@malmo.example", "") for n in ("Pensionärsrådet", "Ungdomsrådet")]
    timed = make_remiss(s, namnd=namnd, now=now, direction="utgaende", title="Lekplatsprogram",
                        deadline_on=date(2035, 1, 26), deadline_time=time(12, 0), sandlista=lists)
    dated = make_remiss(s, namnd=namnd, now=now, direction="utgaende", title="Parkprogram",
                        deadline_on=date(2035, 2, 23), deadline_time=None, sandlista=lists)
    incoming = make_remiss(s, namnd=namnd, now=now, deadline_on=date(2035, 3, 9), deadline_time=None)
    return {"timed": timed.id, "dated": dated.id, "incoming": incoming.id, "user": user.email}


def _milestones(url: str, email: str, remiss_id: int) -> list[dict]:
    app = app_on(url)
    client = app.test_client()
    Auth(client).login(email)
    body = client.get(f"/api/v1/remisser/{remiss_id}").json
    app.extensions["remiss_db"].dispose()
    return [m for m in body["milestones"] if m["kind"] == "sista_svarsdag"]


def _words(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text("SELECT id, explanation FROM milestone ORDER BY id"))]
    engine.dispose()
    return rows


def test_z002_words_the_stored_sista_svarsdag_of_an_utgaende_remiss_as_h7_does(empty_url):  # noqa: F811
    url = empty_url
    connect_all()  # as create_app: the tidplan follows the events
    migrate(url)
    db = Database(url)
    with db.transaction() as s:
        ids = _world(s)
    db.dispose()

    command.downgrade(alembic_config(url), BEFORE)
    engine = create_engine(url)
    with engine.begin() as conn:  # what the code before H7 stored; the dated one was done (compiled) then
        for key, words in (("timed", "fredag 26 januari 2035 kl. 12.00"), ("dated", "fredag 23 februari 2035")):
            conn.execute(text("UPDATE milestone SET explanation = :e WHERE remiss_id = :r AND kind = 'sista_svarsdag'"),
                         {"e": f"Remittentens sista svarsdag: {words}.", "r": ids[key]})
        conn.execute(text("UPDATE milestone SET done_at = :d WHERE remiss_id = :r"),
                     {"d": at(2035, 2, 24, 10), "r": ids["dated"]})
    engine.dispose()
    old = _milestones(url, ids["user"], ids["timed"])[0]
    assert (old["explanation"], old["not_by_hand"]) == (  # the API before the upgrade
        "Remittentens sista svarsdag: fredag 26 januari 2035 kl. 12.00.", OLD_NOT_BY_HAND)

    assert migrate(url, THIS) == 1
    timed = _milestones(url, ids["user"], ids["timed"])[0]
    assert (timed["explanation"], timed["not_by_hand"], timed["status"]) == (
        "Remissinstansernas svarstid går ut fredag 26 januari 2035 kl. 12.00.",
        "Sista svarsdag blir klar när svaren sammanställs, inte för hand.", "open")
    dated = _milestones(url, ids["user"], ids["dated"])[0]
    assert (dated["explanation"], dated["status"]) == ("Remissinstansernas svarstid går ut fredag 23 februari 2035.",
                                                       "done")
    incoming = _milestones(url, ids["user"], ids["incoming"])[0]
    assert (incoming["explanation"], incoming["not_by_hand"]) == (
        "Remittentens sista svarsdag: fredag 9 mars 2035.", OLD_NOT_BY_HAND)  # right for a remiss we answer
    updated = dict(_read_updated(url))
    assert updated[ids["timed"]] > updated[ids["incoming"]]  # a program syncing by updated_at reads it again

    # again: nothing more to change
    words = _words(url)
    command.downgrade(alembic_config(url), BEFORE)
    assert _words(url) == words  # the downgrade keeps the words
    assert migrate(url, THIS) == 1
    assert _words(url) == words


def _read_updated(url: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text("SELECT id, updated_at FROM remiss"))]
    engine.dispose()
    return rows
