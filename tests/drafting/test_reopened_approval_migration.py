"""Migration z009 (walk33, repaired in session 34): before session 33 an approved yttrande opened again as utkast
left its remiss "Klar för beslut". The remisser stored so are Under beredning after the upgrade, with the status
change in their history and their reminders planned again; one whose yttrande went back to granskning since is
too. A remiss set Klar för beslut by hand (before or after the reopening) and an approved yttrande's remiss stay as
they are; a second run changes nothing. On SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import create_engine, text

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.db import Database, migrate
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.remisser import service as remisser
from remiss.subscribers import connect_all
from tests.conftest import Auth
from tests.planning.helpers import at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import app_on, read_rows

BEFORE = "z008_notices_stopped_by_closing"
THIS = "z009_reopened_approval_status"
REOPEN_NOTE = "Yttrandet öppnat igen som utkast"
STUCK = {"reopened", "reopened_granskning"}


def _world(url: str) -> dict[str, int]:
    """The remisser as today's code stores them: approved, reopened (and sent to granskning again), set Klar för
    beslut by hand on an utkast, or set so by hand after the reopening."""
    connect_all()
    migrate(url)
    db = Database(url)
    with db.transaction() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
        h = make_user(s, role=Role.handlaggare, namnder=[namnd], email="h@oster.se")
        g = make_user(s, role=Role.granskare, namnder=[namnd], email="g@oster.se")
        ph, pg = Principal.of(s, h), Principal.of(s, g)
        ids = {}
        for key in ("approved", "reopened", "reopened_granskning", "by_hand", "by_hand_after"):
            now = at(2035, 1, 10, 9)
            remiss = make_remiss(s, namnd=namnd, now=now, handlaggare_id=h.id, received_on=date(2035, 1, 2),
                                 deadline_on=date(2035, 3, 30), deadline_time=None, title=f"Remiss {key}")
            ids[key] = remiss.id
            save(s, now=now, principal=ph, remiss=remiss, raw={"sammanfattning": "Positiva."})
            if key == "by_hand":  # the yttrande written elsewhere: Klar för beslut set by hand on an utkast
                remisser.change_status(s, now=at(2035, 1, 11, 9), principal=pg, remiss=remiss,
                                       new="klar_for_beslut", by_hand=True)
                continue
            change_state(s, now=at(2035, 1, 11, 9), principal=ph, remiss=remiss, new="granskning")
            change_state(s, now=at(2035, 1, 12, 9), principal=pg, remiss=remiss, new="godkand")
            if key == "approved":
                continue
            change_state(s, now=at(2035, 1, 13, 9), principal=pg, remiss=remiss, new="utkast",
                         comment="Fel namn på förvaltningschefen.")
            if key == "reopened_granskning":
                change_state(s, now=at(2035, 1, 14, 9), principal=ph, remiss=remiss, new="granskning")
            if key == "by_hand_after":
                remisser.change_status(s, now=at(2035, 1, 14, 9), principal=pg, remiss=remiss,
                                       new="klar_for_beslut", by_hand=True)
    db.dispose()
    return ids


def _old_shapes(url: str, ids: dict[str, int]) -> None:
    """What the code before session 33 stored for a reopened approval: no status change, Klar för beslut kept."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for key in STUCK:
            conn.execute(text("DELETE FROM audit_event WHERE remiss_id = :r AND action = 'status' AND note = :n"),
                         {"r": ids[key], "n": REOPEN_NOTE})
            conn.execute(text("UPDATE remiss SET status = 'klar_for_beslut', reminders_planned_until = :u "
                              "WHERE id = :r"), {"u": date(2035, 3, 1), "r": ids[key]})
    engine.dispose()


def _said(url: str, ids: dict[str, int]) -> dict[str, tuple]:
    """Each remiss's (status, its yttrande's state, reminder horizon)."""
    rows = read_rows(url, "SELECT r.id, r.status, d.state, r.reminders_planned_until FROM remiss r "
                          "JOIN yttrande_draft d ON d.remiss_id = r.id")
    by_id = {rid: rest for rid, *rest in rows}
    return {key: tuple(by_id[rid]) for key, rid in ids.items()}


def test_z009_puts_a_reopened_approval_back_under_beredning(empty_url):  # noqa: F811
    url = empty_url
    ids = _world(url)
    today = _said(url, ids)
    assert today["reopened"][:2] == ("under_beredning", "utkast")  # as the code since session 33 stores it
    assert today["reopened_granskning"][:2] == ("under_beredning", "granskning")
    assert today["by_hand"][:2] == ("klar_for_beslut", "utkast")
    assert today["by_hand_after"][:2] == ("klar_for_beslut", "utkast")
    assert today["approved"][:2] == ("klar_for_beslut", "godkand")

    command.downgrade(alembic_config(url), BEFORE)
    _old_shapes(url, ids)
    assert {key for key, said in _said(url, ids).items() if said[0] == "klar_for_beslut"} == set(ids)

    assert migrate(url, THIS) == 1
    after = _said(url, ids)
    for key in STUCK:
        assert after[key][0] == "under_beredning" and after[key][2] is None, (key, after[key])
    for key in ids.keys() - STUCK:  # nobody reopened them after their status was set: they keep their rows
        assert after[key] == today[key], (key, after[key])
    history = read_rows(url, "SELECT remiss_id, user_id, changes, note FROM audit_event WHERE note LIKE :n",
                        n="%rättat vid uppgradering%")
    assert sorted(r[0] for r in history) == sorted(ids[k] for k in STUCK)
    assert all(r[1] is None and r[3] == f"{REOPEN_NOTE} (rättat vid uppgradering)"
               and '"klar_for_beslut", "under_beredning"' in r[2] for r in history), history

    app = app_on(url)  # the page says so, and its history tells why
    client = app.test_client()
    Auth(client).login("h@oster.se")
    page = client.get(f"/remisser/{ids['reopened']}").get_data(as_text=True)
    app.extensions["remiss_db"].dispose()
    assert "Yttrandet är godkänt" not in page and "Under beredning" in page
    assert f"{REOPEN_NOTE} (rättat vid uppgradering)" in page

    # again: nothing more to change; the downgrade keeps the status
    command.downgrade(alembic_config(url), BEFORE)
    assert _said(url, ids) == after
    assert migrate(url, THIS) == 1
    assert _said(url, ids) == after
    assert len(read_rows(url, "SELECT id FROM audit_event WHERE note LIKE :n", n="%rättat vid uppgradering%")) == 2
