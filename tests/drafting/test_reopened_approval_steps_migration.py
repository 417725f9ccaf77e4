"""Migration z010 (truth35 #2): z009 put the remisser left "Klar för beslut" by an approval opened again before
session 33 back Under beredning, but their Tjänsteskrivelse and Granskning stayed done: the receiver that opens them
(planning.receivers._sent_back) came on 3 December 2026, after many such reopenings. After the upgrade those steps
are as the code of today leaves them (open while the yttrande is an utkast, the Granskning while it is in granskning,
what was done after the reopening kept) in every reader of the stored rows, with a history line each; a remiss z009
did not move, and one closed since, keep theirs; a second run changes nothing. On SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import bindparam, create_engine, text

from remiss.auth.access import Principal
from remiss.auth.models import Role
from remiss.db import Database, UTCDateTime, migrate
from remiss.drafting.states import change_state
from remiss.drafting.versions import save
from remiss.planning.service import milestones
from remiss.remisser import service as remisser
from remiss.subscribers import connect_all
from tests.conftest import Auth
from tests.planning.helpers import add_meetings, at
from tests.support.factories import make_namnd, make_remiss, make_user
from tests.support.migrations import TOKEN, alembic_config, app_on, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import read_rows, step_readers

BEFORE = "z008_notices_stopped_by_closing"
Z009 = "z009_reopened_approval_status"
THIS = "z010_reopened_approval_steps"
MOMENT = bindparam("at", type_=UTCDateTime)
SENT, APPROVED, REOPENED = at(2035, 1, 11), at(2035, 1, 12), at(2035, 1, 13)
TODAY = date(2035, 1, 20)
# reopened and then: nothing; sent to granskning; sent to granskning and back; the Tjänsteskrivelse ticked klar by
# hand; closed after z009 ran; nothing, its Tjänsteskrivelse's words those of a tick by hand before the reopening
STUCK = ("only_reopened", "reopened_granskning", "reopened_returned", "ticked_after", "closed_after", "ticked_before")
OPENED = {"only_reopened": {"tjansteskrivelse", "granskning"}, "reopened_granskning": {"granskning"},
          "reopened_returned": {"tjansteskrivelse", "granskning"}, "ticked_after": {"granskning"},
          "ticked_before": {"tjansteskrivelse", "granskning"}}
TICKED_WORDS = "Markerad som klar för hand 9 januari 2035 av Sara Sekreterare."
STEPS = ("tjansteskrivelse", "granskning")


def _world(url: str) -> dict:
    """A nämnd with an arbetsutskott on 15 February 2035 and a sammanträde on 22 February, its registrator (with a
    calendar feed) handling a remiss for each key, as the code of today stores them: approved, reopened and what
    follows, or set Klar för beslut by hand after the reopening."""
    connect_all()
    migrate(url)
    db = Database(url)
    with db.transaction() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
        add_meetings(s, namnd, [("au", at(2035, 2, 15, 8, 30), ""), ("namnd", at(2035, 2, 22, 17), "")])
        user = make_user(s, role=Role.registrator, namnder=[namnd], email="sara@oster.se", name="Sara Sekreterare")
        user.ics_token = TOKEN
        s.add(user)
        p = Principal.of(s, user)
        ids = {}
        for key in ("approved", "by_hand_after", *STUCK):
            remiss = make_remiss(s, namnd=namnd, now=at(2034, 12, 1, 10), received_on=date(2034, 12, 1),
                                 deadline_on=date(2035, 3, 30), handlaggare_id=user.id, title=f"Remiss {key}")
            ids[key] = remiss.id
            save(s, now=at(2035, 1, 10), principal=p, remiss=remiss, raw={"sammanfattning": "Positiva."})
            change_state(s, now=SENT, principal=p, remiss=remiss, new="granskning")
            change_state(s, now=APPROVED, principal=p, remiss=remiss, new="godkand")
            if key == "approved":
                continue
            change_state(s, now=REOPENED, principal=p, remiss=remiss, new="utkast", comment="Fel namn.")
            if key in ("reopened_granskning", "reopened_returned"):
                change_state(s, now=at(2035, 1, 14), principal=p, remiss=remiss, new="granskning")
            if key == "reopened_returned":
                change_state(s, now=at(2035, 1, 15), principal=p, remiss=remiss, new="utkast", comment="Igen.")
            if key == "ticked_after":
                row = next(m for m in milestones.milestones_of(s, remiss.id) if m.kind == "tjansteskrivelse")
                milestones.mark_done(s, now=at(2035, 1, 16), principal=p, remiss=remiss, milestone_id=row.id)
            if key == "by_hand_after":
                remisser.change_status(s, now=at(2035, 1, 14), principal=p, remiss=remiss, new="klar_for_beslut",
                                       by_hand=True)
    db.dispose()
    return {"ids": ids, "namnd": namnd.id, "user": user.email}


def _old_shapes(url: str, ids: dict) -> None:
    """What the code before 3 December 2026 stored: the reopening opened no step (no history line of it), so the
    Tjänsteskrivelse and Granskning stayed done from the approval (a tick by hand after it is a tick all the same),
    and the remiss stayed Klar för beslut, as z009's test has it."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for key in STUCK:
            rid = ids[key]
            conn.execute(text("DELETE FROM audit_event WHERE remiss_id = :r AND ((action = 'status' AND note = "
                              "'Yttrandet öppnat igen som utkast') OR (action = 'milestone' AND at >= :at))")
                         .bindparams(MOMENT), {"r": rid, "at": REOPENED})
            conn.execute(text("UPDATE remiss SET status = 'klar_for_beslut', reminders_planned_until = :u "
                              "WHERE id = :r"), {"u": date(2035, 3, 1), "r": rid})
            for kind, done in (("tjansteskrivelse", SENT), ("granskning", APPROVED)):
                if key == "ticked_after" and kind == "tjansteskrivelse":
                    continue
                conn.execute(text("UPDATE milestone SET done_at = :at WHERE remiss_id = :r AND kind = :k")
                             .bindparams(MOMENT), {"at": done, "r": rid, "k": kind})
            if key == "ticked_before":  # ticked by hand and not told as the yttrande's step since (before walk22 L3)
                conn.execute(text("UPDATE milestone SET explanation = :w WHERE remiss_id = :r AND kind = "
                                  "'tjansteskrivelse'"), {"w": TICKED_WORDS, "r": rid})
    engine.dispose()


def _rows(url: str, ids: dict) -> dict[str, dict[str, tuple]]:
    """Each remiss's steps: kind -> (done, closed with the remiss, explanation)."""
    rows = read_rows(url, "SELECT remiss_id, kind, done_at, closed_with_remiss, explanation FROM milestone")
    by_id = {rid: key for key, rid in ids.items()}
    said: dict[str, dict[str, tuple]] = {key: {} for key in ids}
    for rid, kind, done_at, closed, explanation in rows:
        said[by_id[rid]][kind] = (done_at is not None, bool(closed), explanation)
    return said


def _open_to_readers(url: str, world: dict) -> dict[str, set[str]]:
    """The steps of STEPS every reader (Kalender, ICS, reminders, API) says are open, per remiss; a step some readers
    say open and others done fails."""
    said: dict[str, set[str]] = {key: set() for key in world["ids"]}
    for kind in STEPS:
        for key, r in step_readers(url, world, kind, TODAY).items():
            # the feed is searched by kind.capitalize(): "Tjansteskrivelse" is not the summary's "Tjänsteskrivelse"
            views = (r.kalender, r.reminders, r.api["status"] != "done") + ((r.ics,) if kind == "granskning" else ())
            assert len(set(views)) == 1, (key, kind, r)
            if views[0]:
                said[key].add(kind)
    return said


def test_z010_opens_the_steps_of_a_reopened_approval_as_the_code_of_today_does(empty_url):  # noqa: F811
    url = empty_url
    world = _world(url)
    ids = world["ids"]
    today = _rows(url, ids)
    for key, kinds in OPENED.items():  # what the code since 3 December 2026 stores
        assert {k for k in STEPS if not today[key][k][0]} == kinds, (key, today[key])

    [(runtime_note,)] = read_rows(url, "SELECT note FROM audit_event WHERE remiss_id = :r AND action = 'milestone' "
                                       "AND note LIKE :n", r=ids["only_reopened"], n="%skickat tillbaka till utkast%")
    command.downgrade(alembic_config(url), BEFORE)
    _old_shapes(url, ids)
    assert not any(_open_to_readers(url, world).values())  # every reader said both steps were done
    assert migrate(url, Z009) == 1
    engine = create_engine(url)
    with engine.begin() as conn:  # closed after z009 ran: a finished remiss's steps are left as they are
        conn.execute(text("UPDATE remiss SET status = 'avstar' WHERE id = :r"), {"r": ids["closed_after"]})
        # z009 and z010 stamp updated_at with the wall clock in whole seconds: run within one second, z010's touch
        # would not show (a flaky failure in CI). A stamp from before both makes it visible.
        conn.execute(text("UPDATE remiss SET updated_at = :at").bindparams(MOMENT), {"at": at(2034, 12, 2, 9)})
    engine.dispose()
    before = _rows(url, ids)
    remisser_before = {rid: rest for rid, *rest in read_rows(url, "SELECT id, reminders_planned_until, updated_at "
                                                                  "FROM remiss")}

    assert migrate(url, THIS) == 1
    after = _rows(url, ids)
    for key in OPENED.keys() - {"ticked_before"}:  # the rows as the code of today leaves them
        assert after[key] == {k: (v if k in STEPS else before[key][k]) for k, v in today[key].items()}, key
    # undo replans a step whose words say it was ticked by hand; not run here, its words are cleared for the next
    # replanning to write, not left saying an open step is klar
    assert after["ticked_before"]["tjansteskrivelse"] == (False, False, "")
    assert after["ticked_before"]["granskning"] == today["ticked_before"]["granskning"]
    for key in ids.keys() - OPENED.keys():  # not moved by z009, or closed since: their rows as they were
        assert after[key] == before[key], key
    assert _open_to_readers(url, world) == {key: OPENED.get(key, set()) for key in ids}

    # the sweep plans the opened remisser's reminders again, and their history says why
    remisser_after = {rid: rest for rid, *rest in read_rows(url, "SELECT id, reminders_planned_until, updated_at "
                                                                 "FROM remiss")}
    assert all(remisser_after[ids[key]][0] is None for key in OPENED)
    assert {key for key, rid in ids.items() if remisser_after[rid] != remisser_before[rid]} == set(OPENED)
    notes = dict(read_rows(url, "SELECT remiss_id, note FROM audit_event WHERE action = 'milestone' AND note LIKE :n",
                           n="%rättat vid uppgradering%"))
    both, review = "Tjänsteskrivelse klar, Granskning klar", "Granskning klar"
    assert runtime_note == f"{both}: inte klar (yttrandet skickat tillbaka till utkast)"  # the line undo writes
    assert notes == {ids[key]: f"{both if len(kinds) == 2 else review}: inte klar (yttrandet skickat tillbaka till "
                               "utkast, rättat vid uppgradering)" for key, kinds in OPENED.items()}

    app = app_on(url)  # the page's history says it
    client = app.test_client()
    Auth(client).login(world["user"])
    page = client.get(f"/remisser/{ids['only_reopened']}").get_data(as_text=True)
    app.extensions["remiss_db"].dispose()
    assert f"{both}: inte klar (yttrandet skickat tillbaka till utkast, rättat vid uppgradering)" in page

    # again: nothing more to change; the downgrade keeps the rows open
    command.downgrade(alembic_config(url), Z009)
    assert _rows(url, ids) == after
    assert migrate(url, THIS) == 1
    assert _rows(url, ids) == after
    assert len(read_rows(url, "SELECT id FROM audit_event WHERE action = 'milestone' AND note LIKE :n",
                         n="%rättat vid uppgradering%")) == len(OPENED)
