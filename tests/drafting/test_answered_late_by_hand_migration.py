"""Migration z005: a remiss expedierad after the sista svarsdag without a svarsadress, its sending not registered,
is "Expedierad för sent, inte skickad än", and since session 28 Remiss.answered_late says so, so that "Besvarade
för sent" lists it. The model's hook sets the flag only when the remiss is next written: in a database that already
held such remisser they were left out of the filter. After the upgrade exactly those are flagged, with the hook's
rule (the Stockholm wall time of the expediering against the deadline's clock time or the end of its day); a second
run changes nothing and the downgrade keeps the flags. On SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, time, timezone

from alembic import command
from sqlalchemy import Time, bindparam, create_engine, text
from sqlalchemy.orm.attributes import flag_modified

from remiss.db import Database, UTCDateTime, migrate
from remiss.remisser.models import Remiss
from tests.conftest import Auth
from tests.planning.helpers import at
from tests.support.migrations import alembic_config, app_on, empty_url  # noqa: F401 (a fixture)
from tests.support.migrations import migrated_world, read_rows

BEFORE = "z004_unsent_expediering"
THIS = "z005_answered_late_by_hand"
MOMENT = bindparam("at", type_=UTCDateTime)
# key: (the moment the yttrande was expedierat (UTC), or None: decided, not expedierat; the deadline's clock time).
# Every sista svarsdag is 30 March 2035 (Stockholm on summer time, UTC+2, from 25 March).
CASES = {"days_after": (datetime(2035, 4, 2, 10, 0, tzinfo=timezone.utc), None),
         # 00.30 on 31 March in Stockholm: late, though still 30 March in UTC
         "after_midnight": (datetime(2035, 3, 30, 22, 30, tzinfo=timezone.utc), None),
         # 12.30 in Stockholm, due 12.00: late, though 10.30 in UTC
         "after_the_clock": (datetime(2035, 3, 30, 10, 30, tzinfo=timezone.utc), time(12, 0)),
         "in_time": (datetime(2035, 3, 30, 21, 30, tzinfo=timezone.utc), None),  # 23.30 in Stockholm: in time
         "kvar": (None, None)}  # decided, its expediering still to do
LATE = {"days_after", "after_midnight", "after_the_clock"}


def _old_shapes(url: str, ids: dict) -> None:
    """What a database held before the hook: beslutade remisser, yttranden expedierade without a svarsadress (their
    frozen documents made then), answered_late false on all."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for key, (made, clock) in CASES.items():
            rid = ids[key]
            conn.execute(text("UPDATE remiss SET status = 'beslutad', answered_late = :f, "
                              "effective_deadline_time = :t WHERE id = :r").bindparams(bindparam("t", type_=Time)),
                         {"f": False, "t": clock, "r": rid})
            conn.execute(text("INSERT INTO yttrande_draft (remiss_id, state, review_comment, updated_at, rattelse, "
                              "rattelse_reason) VALUES (:r, :s, '', :at, 0, '')").bindparams(MOMENT),
                         {"r": rid, "s": "expedierad" if made else "godkand", "at": made or at(2035, 3, 1)})
            if made is None:
                continue
            draft = conn.execute(text("SELECT id FROM yttrande_draft WHERE remiss_id = :r"), {"r": rid}).scalar()
            conn.execute(text("INSERT INTO draft_version (draft_id, number, created_at, content, comment) VALUES "
                              "(:d, 1, :at, '{}', '')").bindparams(MOMENT), {"d": draft, "at": at(2035, 3, 1)})
            version = conn.execute(text("SELECT id FROM draft_version WHERE draft_id = :d"), {"d": draft}).scalar()
            conn.execute(text("UPDATE yttrande_draft SET frozen_version_id = :v WHERE id = :d"),
                         {"v": version, "d": draft})
            for kind in ("tjansteskrivelse", "yttrande"):
                conn.execute(text("INSERT INTO generated_document (remiss_id, kind, draft_version_id, "
                                  "template_sha256, sha256, size, storage_key, frozen, created_at) VALUES "
                                  "(:r, :k, :v, '', '', 1, :s, :f, :at)").bindparams(MOMENT),
                             {"r": rid, "k": kind, "v": version, "s": f"{rid}-{kind}", "f": True, "at": made})
    engine.dispose()


def _flagged(url: str, ids: dict) -> set[str]:
    late = {rid for rid, flag in read_rows(url, "SELECT id, answered_late FROM remiss") if flag}
    return {key for key, rid in ids.items() if rid in late}


def test_z005_flags_the_remisser_expedierade_late_without_svarsadress(empty_url):  # noqa: F811
    url = empty_url
    world = migrated_world(url, CASES, answer_email="")
    ids = world["ids"]

    command.downgrade(alembic_config(url), BEFORE)
    _old_shapes(url, ids)
    assert _flagged(url, ids) == set()
    api = app_on(url)
    client = api.test_client()
    Auth(client).login(world["user"])
    listed = client.get("/api/v1/remisser?status=for_sent").get_json()["items"]
    assert listed == []  # the old rows: left out of "Besvarade för sent"
    api.extensions["remiss_db"].dispose()

    assert migrate(url, THIS) == 1
    assert _flagged(url, ids) == LATE
    api = app_on(url)
    client = api.test_client()
    Auth(client).login(world["user"])
    listed = {item["id"] for item in client.get("/api/v1/remisser?status=for_sent").get_json()["items"]}
    assert listed == {ids[key] for key in LATE}
    api.extensions["remiss_db"].dispose()

    # the model's hook, run on every remiss, says the same: one rule
    db = Database(url)
    with db.transaction() as s:
        for remiss in [s.get(Remiss, rid) for rid in ids.values()]:
            flag_modified(remiss, "answered_late")
        s.flush()
    db.dispose()
    assert _flagged(url, ids) == LATE

    # again: nothing more; the downgrade keeps the flags
    command.downgrade(alembic_config(url), BEFORE)
    assert _flagged(url, ids) == LATE
    assert migrate(url, THIS) == 1
    assert _flagged(url, ids) == LATE
