"""Migration t002: the advice for a late expediering leaves the explanation stored before it."""
from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from remiss.db import Database, migrate
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import make_namnd, make_remiss

ADVICE = "Det är efter sista svarsdag måndag 28 september 2015: meddela remittenten eller begär förlängd remisstid."


def test_t002_moves_the_advice_out_of_stored_explanations(empty_url):  # noqa: F811
    migrate(empty_url)
    db = Database(empty_url)
    with db.session() as s:
        remiss = make_remiss(s, namnd=make_namnd(s, name="Stadsområdesnämnd Öster"))
        s.commit()
        rid = remiss.id
    db.write_engine.dispose()
    db.read_engine.dispose()

    command.downgrade(alembic_config(empty_url), "t002_milestone_advice-1")  # as before: the advice in the explanation
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM milestone WHERE remiss_id = :r"), {"r": rid})  # planned on registration
        insert = text("INSERT INTO milestone (remiss_id, kind, position, label, owner_role, planned_on, explanation, "
                      "flagged, due_on, override_reason) VALUES (:r, :kind, 0, :kind, 'namnd', '2015-10-09', :e, "
                      ":flagged, '2015-10-09', '')")
        conn.execute(insert, {"r": rid, "kind": "expediering", "flagged": True,
                              "e": f"1 arbetsdag efter justeringen torsdag 8 oktober 2015. {ADVICE}"})
        plain = {"justering": "Protokollet från torsdag 24 september 2015 justeras 10 arbetsdagar efter beslutet.",
                 "granskning": "3 arbetsdagar efter att tjänsteskrivelsen är klar. Datumet har redan passerat."}
        for kind, explanation in plain.items():
            conn.execute(insert, {"r": rid, "kind": kind, "flagged": False, "e": explanation})
    engine.dispose()
    migrate(empty_url)

    engine = create_engine(empty_url)
    with engine.connect() as conn:
        rows = {r.kind: r for r in conn.execute(text("SELECT kind, explanation, advice FROM milestone "
                                                     "WHERE remiss_id = :r"), {"r": rid})}
    engine.dispose()
    assert (rows["expediering"].explanation, rows["expediering"].advice) == (
        "1 arbetsdag efter justeringen torsdag 8 oktober 2015.", ADVICE)
    assert {k: r.explanation for k, r in rows.items() if k != "expediering"} == plain
    assert all(r.advice == "" for k, r in rows.items() if k != "expediering")
