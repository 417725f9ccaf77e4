"""The open remisser are listed from their own partial index, not by walking the closed history."""
from __future__ import annotations

import importlib.util
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import event, insert, text

from remiss.auth.access import Principal
from remiss.remisser.models import OPEN_PREDICATE, Remiss
from remiss.remisser.queries import RemissFilter, list_remisser
from tests.support.factories import make_namnd

MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "o002_open_order_index.py"


def test_the_index_predicate_names_the_open_statuses_of_today():
    """A new open status needs a migration that rebuilds ix_remiss_open_order, or the lists lose the index."""
    spec = importlib.util.spec_from_file_location("o002", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.OPEN_PREDICATE == OPEN_PREDICATE


def test_the_start_pages_open_list_reads_the_partial_index_past_a_closed_history(db, session):
    namnd = make_namnd(session)
    session.commit()
    now = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
    rows = [dict(title=f"Remiss {n}", namnd_id=namnd.id, created_at=now, updated_at=now,
                 status="besvarad" if n < 1900 else "registrerad",
                 deadline_on=date(2016, 1, 1) + timedelta(days=n), effective_deadline_on=date(2016, 1, 1) + timedelta(days=n))
            for n in range(2000)]
    session.execute(insert(Remiss), rows)
    session.commit()
    with db.transaction() as s:
        s.execute(text("ANALYZE"))  # statistics as a live database has them: the planners then prefer the order walk
    executed = []
    capture = lambda conn, cursor, statement, params, context, many: executed.append((statement, params))
    event.listen(db.write_engine, "before_cursor_execute", capture)
    try:
        page = list_remisser(session, Principal.system(), RemissFilter(status="open"), per_page=20)
    finally:
        event.remove(db.write_engine, "before_cursor_execute", capture)
    assert page.total == 100 and [r.title for r in page.rows][:2] == ["Remiss 1900", "Remiss 1901"]

    statement, params = next((st, pa) for st, pa in executed if "ORDER BY" in st)  # the rows, as sent
    with db.read_engine.connect() as conn:
        if db.dialect == "postgresql":
            plan = "\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, params))
        else:
            plan = " | ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))
    assert "ix_remiss_open_order" in plan, plan
