"""Migration t003: a rättelse started before it gets its reason from the history."""
from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from remiss.db import Database, migrate
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import T0, make_namnd, make_remiss


def test_t003_reads_the_reason_of_a_started_rattelse_from_the_history(empty_url):  # noqa: F811
    migrate(empty_url)
    db = Database(empty_url)
    with db.session() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster")
        remisser = [make_remiss(s, namnd=namnd), make_remiss(s, namnd=namnd)]
        s.commit()
        rids = {0: remisser[0].id, 2: remisser[1].id}
        rid = rids[2]
    db.write_engine.dispose()
    db.read_engine.dispose()

    command.downgrade(alembic_config(empty_url), "t003_rattelse_reason-1")
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        draft = {}
        for rattelse in (0, 2):
            draft[rattelse] = conn.execute(text(
                "INSERT INTO yttrande_draft (remiss_id, state, review_comment, updated_at, rattelse) "
                "VALUES (:r, 'utkast', 'Kortare.', :t, :n) RETURNING id"),
                {"r": rids[rattelse], "t": T0, "n": rattelse}).scalar_one()
        note = "INSERT INTO audit_event (at, entity, entity_id, remiss_id, action, changes, note) " \
               "VALUES (:t, 'yttrande_draft', :d, :r, 'rattelse', '{}', :note)"
        conn.execute(text(note), {"t": T0, "d": draft[2], "r": rid,
                                  "note": "Rättelse av yttrandet (version 1) påbörjad: Fel årtal."})
        conn.execute(text(note), {"t": T0, "d": draft[2], "r": rid,
                                  "note": "Rättelse 2 av yttrandet (version 2) påbörjad: Fel paragraf: § 14."})
    engine.dispose()
    migrate(empty_url)

    engine = create_engine(empty_url)
    with engine.connect() as conn:
        reasons = dict(conn.execute(text("SELECT rattelse, rattelse_reason FROM yttrande_draft")).all())
    engine.dispose()
    assert reasons == {0: "", 2: "Fel paragraf: § 14."}

