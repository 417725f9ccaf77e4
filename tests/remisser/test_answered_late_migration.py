"""Migration l001: remiss.answered_late filled for the remisser already besvarade, by the rule the models keep it."""
from __future__ import annotations

from datetime import date, time

from alembic import command
from sqlalchemy import text

from remiss.auth.access import Principal
from remiss.db import Database, migrate
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss
from tests.planning.helpers import at
from tests.support.migrations import alembic_config
from tests.support.factories import make_namnd, make_remiss


def test_l001_marks_the_late_answers_already_there(tmp_path):
    url = f"sqlite:///{tmp_path / 'l001.db'}"
    migrate(url)
    db = Database(url)
    system = Principal.system()
    with db.session() as s:
        namnd = make_namnd(s)
        ids = {}
        for title, answered in (("sent", at(2026, 12, 18, 13)), ("i tid", at(2026, 12, 18, 11)), ("öppen", None)):
            remiss = make_remiss(s, namnd=namnd, title=title, deadline_on=date(2026, 12, 18), deadline_time=time(12))
            if answered is not None:
                for status in ("tilldelad", "under_beredning", "klar_for_beslut", "beslutad", "besvarad"):
                    remisser.change_status(s, now=answered, principal=system, remiss=remiss, new=status)
            ids[title] = remiss.id
        s.commit()
    db.write_engine.dispose()
    db.read_engine.dispose()

    # as before this revision: no column (a merge revision has no single one before it to downgrade to: go to
    # one of the heads it merges, then bring the others back up)
    command.downgrade(alembic_config(url), "t001_title_key_lead")
    engine = Database(url).write_engine
    with engine.connect() as conn:
        assert "answered_late" not in {row[1] for row in conn.execute(text("PRAGMA table_info(remiss)"))}
    engine.dispose()
    migrate(url)

    db = Database(url)
    with db.session() as s:
        assert {t: s.get(Remiss, i).answered_late for t, i in ids.items()} == {"sent": True, "i tid": False,
                                                                               "öppen": False}
    db.write_engine.dispose()
    db.read_engine.dispose()
