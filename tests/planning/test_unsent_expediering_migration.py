"""Migration z004 (walk25b Z5): an yttrande expedierat without svarsadress before Z5 left its Expediering open with
"Yttrandet är expedierat men inte skickat: …", and every reader of the stored row said the expediering was
"Försenad" until the sending was registered. After the upgrade the step is klar on the day the yttrande was
expedierat, the Sista svarsdag says the sending waits, the history says so and the next reminder sweep plans the
remiss again; in the Kalender, its ICS feed, the start page's rows, the reminders and the API. An Expediering still
to do and every other step stay as they were; a second run changes nothing; the downgrade keeps the rows. On SQLite
and PostgreSQL."""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

from alembic import command
from sqlalchemy import bindparam, create_engine, text

from remiss.db import UTCDateTime, migrate
from remiss.planning.service.recorded import DEADLINE_WHEN_SENT, WAITS_TO_BE_SENT
from tests.conftest import Auth
from tests.planning.helpers import at
from tests.support.migrations import alembic_config, app_on, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import migrated_world, read_rows, step_readers

BEFORE = "z003_justering_by_hand"
THIS = "z004_unsent_expediering"
MOMENT = bindparam("at", type_=UTCDateTime)
EXPEDITED = at(2035, 3, 12, 14, 5)  # "Expediera", without a svarsadress: the frozen documents' moment
TODAY = date(2035, 3, 20)  # past the planned expediering, before the sista svarsdag
# key: (expedierat, frozen documents kept); "kvar": decided, the expediering still to do
CASES = {"waits": (True, True), "no_documents": (True, False), "kvar": (False, False)}
REPAIRED = {"waits", "no_documents"}


def _old_shapes(url: str, ids: dict) -> None:
    """What the code before walk25b Z5 stored: a beslut justerat 24 February; an yttrande expedierat on 12 March
    without a svarsadress, its frozen documents made then (one remiss without them: its yttrande's updated_at
    says when), the steps up to the Justering ticked off and the Expediering open with WAITS_TO_BE_SENT; and a
    remiss decided, its expediering still to do."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for key, (expedited, documents) in CASES.items():
            rid = ids[key]
            conn.execute(text("INSERT INTO decision (remiss_id, rattelse, decided_by, delegat, meeting_on, paragraf, "
                              "omedelbar_justering, justerad_on, recorded_at, updated_at) VALUES (:r, 0, 'namnd', "
                              "'', :m, '§ 7', :o, :j, :at, :at)").bindparams(MOMENT),
                         {"r": rid, "m": date(2035, 2, 22), "o": False, "j": date(2035, 2, 24),
                          "at": at(2035, 2, 24, 10)})
            conn.execute(text("UPDATE remiss SET status = 'beslutad', reminders_planned_until = :u WHERE id = :r"),
                         {"u": date(2035, 4, 10), "r": rid})
            conn.execute(text("UPDATE milestone SET done_at = :at, closed_with_remiss = :c WHERE remiss_id = :r AND "
                              "kind IN ('tjansteskrivelse', 'granskning', 'arbetsutskott', 'namnd', 'justering')")
                         .bindparams(MOMENT), {"at": EXPEDITED if expedited else at(2035, 2, 24, 10), "c": False,
                                               "r": rid})
            # the yttrande: later touched (updated_at) when its documents say when it was expedierat
            touched = EXPEDITED + timedelta(hours=3) if documents else EXPEDITED
            conn.execute(text("INSERT INTO yttrande_draft (remiss_id, state, review_comment, updated_at, rattelse, "
                              "rattelse_reason) VALUES (:r, :s, '', :at, 0, '')").bindparams(MOMENT),
                         {"r": rid, "s": "expedierad" if expedited else "godkand", "at": touched})
            draft = conn.execute(text("SELECT id FROM yttrande_draft WHERE remiss_id = :r"), {"r": rid}).scalar()
            conn.execute(text("INSERT INTO draft_version (draft_id, number, created_at, content, comment) VALUES "
                              "(:d, 1, :at, '{}', '')").bindparams(MOMENT), {"d": draft, "at": at(2035, 2, 10)})
            version = conn.execute(text("SELECT id FROM draft_version WHERE draft_id = :d"), {"d": draft}).scalar()
            if not expedited:
                continue
            conn.execute(text("UPDATE yttrande_draft SET frozen_version_id = :v WHERE id = :d"),
                         {"v": version, "d": draft})
            if documents:
                for kind in ("tjansteskrivelse", "yttrande"):
                    conn.execute(text("INSERT INTO generated_document (remiss_id, kind, draft_version_id, "
                                      "template_sha256, sha256, size, storage_key, frozen, created_at) VALUES "
                                      "(:r, :k, :v, '', '', 1, :s, :f, :at)").bindparams(MOMENT),
                                 {"r": rid, "k": kind, "v": version, "s": f"{rid}-{kind}", "f": True,
                                  "at": EXPEDITED})
            conn.execute(text("UPDATE milestone SET explanation = :e, advice = '' WHERE remiss_id = :r AND "
                              "kind = 'expediering'"), {"e": WAITS_TO_BE_SENT, "r": rid})
    engine.dispose()


def _readers(url: str, world: dict) -> dict:
    """What each reader says of every remiss's Expediering: (Kalender open, start page late, ICS open, reminders
    open, API status, API not_by_hand)."""
    said = step_readers(url, world, "expediering", TODAY)
    return {key: (r.kalender, r.late, r.ics, r.reminders, r.api["status"], r.api["not_by_hand"])
            for key, r in said.items()}


def _steps(url: str) -> list[tuple]:
    """Every milestone row: (remiss, kind, done_at, closed_with_remiss, explanation, advice)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(text(
            "SELECT remiss_id, kind, done_at, closed_with_remiss, explanation, advice FROM milestone ORDER BY id")
            .columns(done_at=UTCDateTime))]
    engine.dispose()
    return rows


def test_z004_closes_an_expediering_left_open_by_an_expediering_without_svarsadress(empty_url):  # noqa: F811
    url = empty_url
    world = migrated_world(url, CASES, answer_email="")
    ids = world["ids"]

    command.downgrade(alembic_config(url), BEFORE)
    _old_shapes(url, ids)
    planned = dict(read_rows(url, "SELECT remiss_id, due_on FROM milestone WHERE kind = 'expediering'"))
    assert all(str(day) < TODAY.isoformat() for day in planned.values()), planned  # the expediering's day has passed
    before = _readers(url, world)
    old = "Expedieringen blir klar när yttrandet registreras som skickat, inte för hand."
    assert before["waits"] == (True, True, True, True, "open", old)  # "Försenad", though expedierat
    steps = _steps(url)

    assert migrate(url, THIS) == 1
    after = _readers(url, world)
    for key in REPAIRED:
        assert after[key] == (False, False, False, False, "done", None), (key, after[key])
    assert after["kvar"] == before["kvar"] and after["kvar"][:2] == (True, True)  # still to do, and late

    # exactly the Expediering and the Sista svarsdag of the two expedierade remisser moved, as Z5 writes them
    changed = {(r[0], r[1]): r for r in _steps(url)}
    was = {(r[0], r[1]): r for r in steps}
    moved = {key for key in was if was[key] != changed[key]}
    assert moved == {(ids[k], kind) for k in REPAIRED for kind in ("expediering", "sista_svarsdag")}
    for key in REPAIRED:
        _, _, done_at, closed, words, advice = changed[(ids[key], "expediering")]
        # when the yttrande was expedierat: its frozen documents say so, else its own updated_at
        assert (done_at, closed, advice) == (EXPEDITED, False, ""), (key, done_at)
        assert words == "Expedierat utan svarsadress: yttrandet skickas till remittenten på annat sätt."
        deadline = changed[(ids[key], "sista_svarsdag")]
        assert deadline[2:] == (None, False, WAITS_TO_BE_SENT, "")
    api = app_on(url)
    client = api.test_client()
    Auth(client).login(world["user"])
    detail = client.get(f"/api/v1/remisser/{ids['waits']}").json
    deadline = next(m for m in detail["milestones"] if m["kind"] == "sista_svarsdag")
    assert (deadline["status"], deadline["not_by_hand"]) == ("open", DEADLINE_WHEN_SENT)  # the sending waits there
    assert detail["status_label"] == "Expedierad, inte skickad"
    page = " ".join(re.sub(r"<[^>]+>", " ", client.get(f"/remisser/{ids['waits']}").get_data(as_text=True)).split())
    tidplan = page.split("Tidplan", 2)[-1]
    expediering = tidplan[tidplan.index("Expediering :"):tidplan.index("Sista svarsdag :")]
    assert "Klar" in expediering and "Expedierat 12 mars 2035" in expediering, expediering
    assert "Väntar på att skickas" in tidplan[tidplan.index("Sista svarsdag :"):]
    assert "Expediering: klar när yttrandet expedierades; det som väntar är sändningen" in page  # the history
    api.extensions["remiss_db"].dispose()

    # the history says it; the sweep plans the repaired remisser again
    horizon = dict(read_rows(url, "SELECT id, reminders_planned_until FROM remiss"))
    assert {key for key in ids if horizon[ids[key]] is None} == REPAIRED
    notes = read_rows(url, "SELECT remiss_id, entity, action, changes, note FROM audit_event WHERE note LIKE :n",
                  n="%rättat vid uppgradering%")
    assert sorted(r[0] for r in notes) == sorted(ids[k] for k in REPAIRED)
    for _, entity, action, changes, note in notes:
        assert (entity, action) == ("remiss", "milestone")
        assert json.loads(changes) == {"done:expediering": [None, EXPEDITED.isoformat()]}
        assert note == ("Expediering: klar när yttrandet expedierades; det som väntar är sändningen, under Sista "
                        "svarsdag (rättat vid uppgradering)")

    # again: nothing more to change; the downgrade keeps the rows
    rows = _steps(url)
    command.downgrade(alembic_config(url), BEFORE)
    assert _steps(url) == rows
    assert migrate(url, THIS) == 1
    assert _steps(url) == rows
    assert len(read_rows(url, "SELECT id FROM audit_event WHERE note LIKE :n", n="%rättat vid uppgradering%")) == 2

