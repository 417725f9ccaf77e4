"""Migration y001: tidplan_state.extension_step and extension_holds_until, the förlängning a stored tidplan proposes
while a step is late, filled from the proposals already stored as the planner now stores them, and indexed; down
again, on SQLite and PostgreSQL."""
from __future__ import annotations

import json
from datetime import date, time

from alembic import command
from sqlalchemy import create_engine, inspect, text

from remiss.db import Database, migrate
from remiss.planning.service import tidplan
from tests.planning.helpers import at
from tests.planning.test_truth17_extension_minimum import _meetings
from tests.support.migrations import alembic_config, empty_url  # noqa: F401 (a fixture)
from tests.support.factories import make_namnd, make_remiss

BEFORE = "y001_tidplan_extension_step-1"
# proposals as stored before: a plain text, the omedelbar headline, and a late step's proposal naming no meeting
OLD = [["Kalla till ett extra sammanträde senast fredag 11 december 2026."],
       [{"text": "Tidplanen bygger på omedelbar justering vid sammanträdet torsdag 17 december 2026.",
         "headline": True}],
       [{"text": "Tjänsteskrivelsen skulle ha varit klar måndag 16 november 2026, före remissens ankomst onsdag 25 "
                 "november 2026: tidplanen gick inte att hålla. Begär förlängd remisstid hos remittenten.",
         "until_done": "tjansteskrivelse"}]]


def _planned(session, namnd, now, **values) -> int:
    """A remiss registered at now and its tidplan planned (the app does it on the registration's event)."""
    remiss = make_remiss(session, namnd=namnd, now=now, **values)
    tidplan.replan(session, now=now, remiss=remiss)
    return remiss.id


def _columns(url: str) -> dict[int, tuple]:
    engine = create_engine(url)
    with engine.connect() as conn:
        # the day as ISO text: SQLite gives it as text to a plain statement, PostgreSQL as a date
        got = {r.remiss_id: (r.extension_step, r.extension_holds_until and str(r.extension_holds_until))
               for r in conn.execute(
            text("SELECT remiss_id, extension_step, extension_holds_until FROM tidplan_state"))}
    engine.dispose()
    return got


def _indexes(url: str) -> set[str]:
    engine = create_engine(url)
    names = {i["name"] for i in inspect(engine).get_indexes("tidplan_state")}
    engine.dispose()
    return names


def test_y001_fills_the_proposed_forlangning_of_the_tidplaner_already_stored(empty_url):  # noqa: F811
    migrate(empty_url)
    db = Database(empty_url)
    with db.transaction() as s:
        namnd = make_namnd(s, name="Stadsområdesnämnd Öster", dnr_prefix="SOFÖ")
        _meetings(s, namnd)
        now = at(2026, 12, 5, 11)
        # planned by the planner: a förlängning for the sammanträde of 28 January while the tjänsteskrivelse is
        # late, and a tidplan that holds
        late = _planned(s, namnd, now, received_on=date(2026, 11, 25), deadline_on=date(2026, 12, 18),
                        deadline_time=time(16, 0))
        holding = _planned(s, namnd, now, received_on=date(2026, 12, 1), deadline_on=date(2027, 2, 26))
        old = [_planned(s, namnd, now, deadline_on=date(2027, 2, 26)) for _ in OLD]
    db.dispose()
    planned = _columns(empty_url)
    assert planned[late] == ("tjansteskrivelse", "2027-01-28") and planned[holding] == (None, None)

    command.downgrade(alembic_config(empty_url), BEFORE)
    assert "ix_tidplan_state_extension_step" not in _indexes(empty_url)
    engine = create_engine(empty_url)
    with engine.begin() as conn:
        for rid, proposals in zip(old, OLD):
            conn.execute(text("UPDATE tidplan_state SET proposals = :p WHERE remiss_id = :r"),
                         {"p": json.dumps(proposals, ensure_ascii=False), "r": rid})
    engine.dispose()
    assert migrate(empty_url, "y001_tidplan_extension_step") == 1

    assert _columns(empty_url) == {late: ("tjansteskrivelse", "2027-01-28"), holding: (None, None),
                                   old[0]: (None, None), old[1]: (None, None), old[2]: ("tjansteskrivelse", None)}
    assert "ix_tidplan_state_extension_step" in _indexes(empty_url)
    command.downgrade(alembic_config(empty_url), BEFORE)
    engine = create_engine(empty_url)
    assert {"extension_step", "extension_holds_until"}.isdisjoint(
        c["name"] for c in inspect(engine).get_columns("tidplan_state"))
    engine.dispose()
