"""The work lists of a whole organisation read what is open from their own indexes, not by walking the closed
history: with statistics, the planners otherwise expect open rows to be spread evenly over the old deadlines."""
from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import event, insert, select, text

from remiss.auth.access import Principal
from remiss.drafting.models import YttrandeDraft
from remiss.drafting.review import review_section
from remiss.planning import agenda
from remiss.planning.models import Milestone
from remiss.remisser.models import OPEN_PREDICATE, Remiss
from remiss.remisser.filters import RemissFilter
from remiss.remisser.queries import list_remisser
from tests.support.factories import make_namnd

VERSIONS = Path(__file__).parents[2] / "migrations" / "versions"
MIGRATION = VERSIONS / "o002_worklist_indexes.py"
# The newest revision that rebuilt the open indexes: the outgoing statuses (issue 20).
REBUILT = VERSIONS / "u001_outgoing_life.py"
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def test_the_index_predicate_names_the_open_statuses_of_today():
    """A new open status needs a migration that rebuilds the open indexes, or the lists lose them."""
    def load(path):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    first, rebuilt = load(MIGRATION), load(REBUILT)
    assert rebuilt.down_revision == first.revision and rebuilt.OLD_OPEN == first.OPEN_PREDICATE
    assert rebuilt.NEW_OPEN == OPEN_PREDICATE


def _history(db, session) -> None:
    """2,000 remisser a day apart from 2016, the newest 100 open; three steps each, done on the closed ones."""
    namnd = make_namnd(session)
    session.commit()
    first = date(2016, 1, 1)
    session.execute(insert(Remiss), [
        dict(title=f"Remiss {n}", namnd_id=namnd.id, created_at=NOW, updated_at=NOW,
             status="besvarad" if n < 1900 else "registrerad", deadline_on=first + timedelta(days=n),
             effective_deadline_on=first + timedelta(days=n)) for n in range(2000)])
    ids = session.execute(select(Remiss.id).order_by(Remiss.id)).scalars().all()
    session.execute(insert(Milestone), [
        dict(remiss_id=rid, kind=kind, label=kind, planned_on=first + timedelta(days=n - 10 + k),
             due_on=first + timedelta(days=n - 10 + k), done_at=NOW if n < 1900 else None)
        for n, rid in enumerate(ids) for k, kind in enumerate(("tjansteskrivelse", "namnd", "justering"))])
    session.execute(insert(YttrandeDraft), [
        dict(remiss_id=rid, state="granskning" if n >= 1990 else "expedierad", updated_at=NOW)
        for n, rid in enumerate(ids)])
    session.commit()
    with db.transaction() as s:
        s.execute(text("ANALYZE"))  # statistics as a live database has them


def _plans(db, run) -> tuple[object, str]:
    """run()'s result and the plans of the statements it sent, as sent (SQL text and parameters)."""
    executed = []
    capture = lambda conn, cursor, statement, params, context, many: executed.append((statement, params))
    event.listen(db.write_engine, "before_cursor_execute", capture)
    try:
        result = run()
    finally:
        event.remove(db.write_engine, "before_cursor_execute", capture)
    plans = []
    with db.read_engine.connect() as conn:
        if db.dialect == "postgresql":  # the plan from the data as it is, not from whenever autovacuum last looked
            conn.exec_driver_sql("ANALYZE")
        for statement, params in executed:
            if db.dialect == "postgresql":
                plans.append("\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, params)))
            else:
                plans.append(" | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement,
                                                                                 params)))
    return result, "\n".join(plans)


def test_the_open_remisser_of_all_nammder_come_from_their_partial_index(db, session):
    _history(db, session)
    page, plan = _plans(db, lambda: list_remisser(session, Principal.system(), RemissFilter(status="open"),
                                                  per_page=20))
    assert page.total == 100 and [r.title for r in page.rows][:2] == ["Remiss 1900", "Remiss 1901"]
    assert "ix_remiss_open_order" in plan, plan


def test_what_is_due_and_what_waits_for_review_come_from_their_own_indexes(db, session):
    _history(db, session)
    end = date(2016, 1, 1) + timedelta(days=1950)
    found, plan = _plans(db, lambda: agenda.items(session, namnd_ids=None, end=end, limit=100))
    assert len(found) == 51 + 100 and all(not item.done for item in found)  # 51 deadlines, the first 100 steps
    assert found[0].title == "Remiss 1900" and found[0].day == date(2016, 1, 1) + timedelta(days=1890)
    assert "ix_remiss_open_deadline" in plan and "ix_milestone_open_due" in plan, plan
    section, plan = _plans(db, lambda: review_section(session, Principal.system(), NOW))
    assert len(section.rows) == 10 and "ix_yttrande_draft_state_updated" in plan, plan


def test_the_start_pages_outgoing_remisser_come_from_the_open_index(db, session):
    from remiss.outgoing.present import start_section

    _history(db, session)
    found, plan = _plans(db, lambda: start_section(session, Principal.system(), NOW))
    assert found is None  # no outgoing remiss in this history: the section is left out
    # the section counts what is open (SQLite reads the open statuses from the status index, also open rows only)
    assert ("ix_remiss_open_deadline" in plan or "ix_remiss_open_order" in plan
            or "ix_remiss_status_deadline (status=?)" in plan), plan
    assert "SCAN remiss" not in plan, plan
