"""Migration p002: the milestones flagged before the planner stored a reason get the one their wording gave, so no
flag already shown with a reason loses it."""
from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from remiss.db import Database, migrate
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import make_namnd, make_remiss

# (kind, flagged, explanation, advice) as the planner wrote them before, and the code each should get
OLD_ROWS = {
    "justering": (True, "Omedelbar justering vid sammanträdet krävs: ordinarie justering torsdag 8 oktober 2015 är "
                        "efter sista svarsdag onsdag 30 september 2015. Datumet har redan passerat.", "",
                  "omedelbar_justering"),  # the first wording that matches wins, as on the pages before
    "namnd": (True, "Inget nämndsammanträde i sammanträdesplanen hinner före sista svarsdag fredag 28 augusti "
                    "2015. Senaste dag för beslut, så att svaret hinner expedieras: torsdag 27 augusti 2015.",
              "Lägg till ett sammanträde i sammanträdesplanen.", "inget_sammantrade"),
    "tjansteskrivelse": (True, "10 arbetsdagar före arbetsutskottet torsdag 10 september 2015. Datumet låg före "
                               "remissens ankomst måndag 31 augusti 2015.",
                         "Begär förlängd remisstid hos remittenten.", "fore_ankomst"),
    "expediering": (True, "1 arbetsdag efter justeringen torsdag 8 oktober 2015.",
                    "Det är efter sista svarsdag måndag 28 september 2015: meddela remittenten eller begär "
                    "förlängd remisstid.", "efter_svarsdag"),  # the words are in the advice
    "arbetsutskott": (True, "Ingår inte längre i den beräknade tidplanen; datumet är satt för hand.", "",
                      "utanfor_tidplan"),
    "granskning": (True, "3 arbetsdagar efter att tjänsteskrivelsen är klar. Datumet har redan passerat.", "",
                   "redan_passerat"),
    "sista_svarsdag": (True, "Remittentens sista svarsdag: lördag 24 december 2022.", "", "ej_arbetsdag"),
}
# rows of a second remiss: a flag whose words say nothing known keeps no code (still "se tidplanen"); a justering
# flagged with its late expediering said so by its kind; a step not flagged gets none, whatever its words
OTHER_ROWS = {
    "tjansteskrivelse": (True, "Satt av ett äldre verktyg.", "", None),
    "justering": (True, "Protokollet från torsdag 24 september 2015 justeras 10 arbetsdagar efter beslutet.", "",
                  "efter_svarsdag"),
    "granskning": (False, "Granskning. Datumet har redan passerat.", "", None),
}


def test_p002_gives_every_flag_already_stored_the_reason_its_wording_gave(empty_url):  # noqa: F811
    migrate(empty_url)
    db = Database(empty_url)
    with db.session() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster")
        ids = [make_remiss(s, namnd=namnd).id, make_remiss(s, namnd=namnd).id]
        s.commit()
    db.write_engine.dispose()
    db.read_engine.dispose()

    command.downgrade(alembic_config(empty_url), "p002_flag_reason-1")  # as before: no reason stored
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM milestone"))  # planned on registration
        insert = text("INSERT INTO milestone (remiss_id, kind, position, label, owner_role, planned_on, explanation, "
                      "advice, flagged, due_on, override_reason) VALUES (:r, :kind, 0, :kind, 'namnd', '2015-10-09', "
                      ":e, :a, :flagged, '2015-10-09', '')")
        for rid, rows in zip(ids, (OLD_ROWS, OTHER_ROWS)):
            for kind, (flagged, explanation, advice, _) in rows.items():
                conn.execute(insert, {"r": rid, "kind": kind, "flagged": flagged, "e": explanation, "a": advice})
    engine.dispose()
    migrate(empty_url)

    engine = create_engine(empty_url)
    with engine.connect() as conn:
        got = [{r.kind: r.flag_reason for r in conn.execute(
            text("SELECT kind, flag_reason FROM milestone WHERE remiss_id = :r"), {"r": rid})} for rid in ids]
    engine.dispose()
    assert got == [{kind: row[3] for kind, row in rows.items()} for rows in (OLD_ROWS, OTHER_ROWS)]
