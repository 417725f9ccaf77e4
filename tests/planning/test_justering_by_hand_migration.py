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

from remiss.db import UTCDateTime, migrate
from tests.planning.helpers import at
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import migrated_world, read_rows, step_readers

BEFORE = "z002_outgoing_deadline_words"
THIS = "z003_justering_by_hand"
MOMENT = bindparam("at", type_=UTCDateTime)
TICKED = at(2035, 2, 23, 10)  # "Markera som klar: Justering", the day after the sammanträde
TODAY = date(2035, 2, 26)
# (key, decided_by, omedelbar_justering, justerad_on, status)
BESLUT = (("waits", "namnd", False, None, "beslutad"),
          ("au", "arbetsutskott", False, None, "beslutad"),
          ("justerad", "namnd", False, date(2035, 2, 24), "beslutad"),
          ("omedelbar", "namnd", True, None, "beslutad"),
          ("delegat", "delegat", False, None, "beslutad"),
          ("closed", "namnd", False, None, "besvarad"))
REOPENED = {"waits", "au"}


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
    said = step_readers(url, world, "justering", TODAY)
    return {key: (r.kalender, r.ics, r.reminders, r.api["status"]) for key, r in said.items()}


def test_z003_opens_a_justering_marked_klar_by_hand_while_its_beslut_waits(empty_url):  # noqa: F811
    url = empty_url
    world = migrated_world(url, [key for key, *_ in BESLUT])
    ids = world["ids"]

    command.downgrade(alembic_config(url), BEFORE)
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
    horizon = dict(read_rows(url, "SELECT id, reminders_planned_until FROM remiss"))
    assert {key for key in ids if horizon[ids[key]] is None} == REOPENED
    notes = read_rows(url, "SELECT remiss_id, note FROM audit_event WHERE note LIKE :n", n="%rättat vid uppgradering%")
    assert sorted(r for r, _ in notes) == sorted(ids[k] for k in REOPENED)
    assert all(n.startswith("Justering: inte klar; markerad som klar för hand") for _, n in notes)

    # again: nothing more to change; the downgrade keeps the rows open
    rows = read_rows(url, "SELECT id, done_at, explanation FROM milestone ORDER BY id")
    command.downgrade(alembic_config(url), BEFORE)
    assert read_rows(url, "SELECT id, done_at, explanation FROM milestone ORDER BY id") == rows
    assert migrate(url, THIS) == 1
    assert read_rows(url, "SELECT id, done_at, explanation FROM milestone ORDER BY id") == rows
    assert len(read_rows(url, "SELECT id FROM audit_event WHERE note LIKE :n", n="%rättat vid uppgradering%")) == 2
