"""Migration z003 (walk24 V13): a Justering marked klar by hand ("Markera som klar") before V13 refused it, while the
remiss's beslut waits for its justering, is open after the upgrade in every reader of the stored row: the Kalender
and the start page (agenda.items), the ICS feed, the reminders (schedule.milestones_due, the horizon cleared so
the sweep plans them again) and the API. A Justering whose beslut does not wait (justerad, justerad omedelbart, a
delegationsbeslut) and one on a closed remiss stay as they were; a second run changes nothing; the downgrade keeps
the rows open. On SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import bindparam, create_engine, text

from remiss import create_app
from remiss.auth.models import Role
from remiss.db import Database, UTCDateTime, migrate
from remiss.planning import agenda
from remiss.reminders import schedule
from remiss.subscribers import connect_all
from tests.conftest import Auth
from tests.planning.helpers import add_meetings, at
from tests.remisser.test_dnr_migration import _alembic, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import make_namnd, make_remiss, make_user

BEFORE = "z002_outgoing_deadline_words"
THIS = "z003_justering_by_hand"
MOMENT = bindparam("at", type_=UTCDateTime)
TICKED = at(2035, 2, 23, 10)  # "Markera som klar: Justering", the day after the sammanträde
TODAY = date(2035, 2, 26)
TOKEN = "kalender-sara-0123456789abcdef"
# (key, decided_by, omedelbar_justering, justerad_on, status)
BESLUT = (("waits", "namnd", False, None, "beslutad"),
          ("au", "arbetsutskott", False, None, "beslutad"),
          ("justerad", "namnd", False, date(2035, 2, 24), "beslutad"),
          ("omedelbar", "namnd", True, None, "beslutad"),
          ("delegat", "delegat", False, None, "beslutad"),
          ("closed", "namnd", False, None, "besvarad"))
REOPENED = {"waits", "au"}


def _world(s) -> dict:
    namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
    add_meetings(s, namnd, [("au", at(2035, 2, 15, 8, 30), ""), ("namnd", at(2035, 2, 22, 17), "")])
    user = make_user(s, role=Role.registrator, namnder=[namnd], email="sara@oster.se", name="Sara Sekreterare")
    user.ics_token = TOKEN  # her calendar feed's secret
    s.add(user)
    ids = {key: make_remiss(s, namnd=namnd, now=at(2034, 12, 1, 10), received_on=date(2034, 12, 1),
                            deadline_on=date(2035, 3, 30), title=f"Remiss {key}").id for key, *_ in BESLUT}
    return {"ids": ids, "namnd": namnd.id, "user": user.email}


def _old_shapes(url: str, ids: dict) -> None:
    """What the code before walk24 V13 stored: a beslut of 22 February (waiting for its justering, or not) and its
    Justering ticked klar by hand the day after, its plan's words kept (Justering has no words for a tick)."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for key, decided_by, omedelbar, justerad_on, status in BESLUT:
            rid = ids[key]
            conn.execute(text("INSERT INTO decision (remiss_id, rattelse, decided_by, delegat, meeting_on, paragraf, "
                              "omedelbar_justering, justerad_on, recorded_at, updated_at) VALUES (:r, 0, :by, :d, "
                              ":m, :p, :o, :j, :at, :at)").bindparams(MOMENT),
                         {"r": rid, "by": decided_by, "d": "Anna Svensson" if decided_by == "delegat" else "",
                          "m": date(2035, 2, 22), "p": "" if decided_by == "delegat" else "§ 7", "o": omedelbar,
                          "j": justerad_on, "at": TICKED})
            conn.execute(text("UPDATE remiss SET status = :s, reminders_planned_until = :u WHERE id = :r"),
                         {"s": status, "u": date(2035, 3, 20), "r": rid})
            conn.execute(text("UPDATE milestone SET done_at = :at, closed_with_remiss = :c WHERE remiss_id = :r AND "
                              "kind IN ('tjansteskrivelse', 'granskning', 'arbetsutskott', 'namnd', 'justering')")
                         .bindparams(MOMENT), {"at": TICKED, "c": False, "r": rid})
    engine.dispose()


def _readers(url: str, world: dict) -> dict:
    """What each reader says of every remiss's Justering: (Kalender open, ICS open, reminders open, API status)."""
    db = Database(url)
    with db.transaction(write=False) as s:
        items = agenda.items(s, namnd_ids=[world["namnd"]], today=TODAY)
        kalender = {i.remiss_id for i in items if i.kind == "justering" and not i.done}
        reminders = {rid for rid in world["ids"].values()
                     if any(m.kind == "justering" and not m.done for m in schedule.milestones_due(s, rid))}
    db.dispose()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test", "SMTP_URL": "",
                      "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
    client = app.test_client()
    feed = client.get(f"/ics/anvandare/{TOKEN}/namnd/{world['namnd']}.ics").get_data(as_text=True).replace("\r\n ", "")
    Auth(client).login(world["user"])
    said = {}
    for key, rid in world["ids"].items():
        step = next(m for m in client.get(f"/api/v1/remisser/{rid}").json["milestones"] if m["kind"] == "justering")
        in_feed = [line for line in feed.splitlines() if line.startswith("SUMMARY") and f"Remiss {key}" in line
                   and "Justering" in line]
        said[key] = (rid in kalender, bool(in_feed) and not any("Klar: " in line for line in in_feed),
                     rid in reminders, step["status"])
    app.extensions["remiss_db"].dispose()
    return said


def _read(url: str, sql: str, **params) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(sql), params)]
    engine.dispose()
    return rows


def test_z003_opens_a_justering_marked_klar_by_hand_while_its_beslut_waits(empty_url):  # noqa: F811
    url = empty_url
    connect_all()  # as create_app: the tidplan follows the events
    migrate(url)
    db = Database(url)
    with db.transaction() as s:
        world = _world(s)
    db.dispose()
    ids = world["ids"]

    command.downgrade(_alembic(url), BEFORE)
    _old_shapes(url, ids)
    before = _readers(url, world)
    assert before["waits"][:3] == (False, False, False)  # the readers of the stored row said klar

    assert migrate(url, THIS) == 1
    after = _readers(url, world)
    for key in REOPENED:
        assert after[key] == (True, True, True, "open"), (key, after[key])
    for key in ids.keys() - REOPENED:  # a beslut that does not wait, and a closed remiss, keep their rows
        assert after[key][:3] == (False, False, False), (key, after[key])
    assert after["justerad"][3] == after["omedelbar"][3] == "done"

    # the sweep plans the reopened remisser again (the tick had cancelled the Justering's reminders)
    horizon = dict(_read(url, "SELECT id, reminders_planned_until FROM remiss"))
    assert {key for key in ids if horizon[ids[key]] is None} == REOPENED
    notes = _read(url, "SELECT remiss_id, note FROM audit_event WHERE note LIKE :n", n="%rättat vid uppgradering%")
    assert sorted(r for r, _ in notes) == sorted(ids[k] for k in REOPENED)
    assert all(n.startswith("Justering: inte klar; markerad som klar för hand") for _, n in notes)

    # again: nothing more to change; the downgrade keeps the rows open
    rows = _read(url, "SELECT id, done_at, explanation FROM milestone ORDER BY id")
    command.downgrade(_alembic(url), BEFORE)
    assert _read(url, "SELECT id, done_at, explanation FROM milestone ORDER BY id") == rows
    assert migrate(url, THIS) == 1
    assert _read(url, "SELECT id, done_at, explanation FROM milestone ORDER BY id") == rows
    assert len(_read(url, "SELECT id FROM audit_event WHERE note LIKE :n", n="%rättat vid uppgradering%")) == 2
