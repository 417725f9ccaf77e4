"""The slowest statements of one page on a bench database, with their plans: where a page's SQL time goes.

    python -m bench.page_statements sqlite:////tmp/bench1.db / admin
    python -m bench.page_statements postgresql+psycopg://remiss:remiss@localhost/remiss_bench /kalender handlaggare

The database is one `make bench` (or bench.generate.generate(engine, 1.0) and ANALYZE) filled; the page is
requested once to warm up, then once with every statement timed (SQLAlchemy's cursor events) and the four
slowest printed with their parameters and the database's plan for them as sent.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

from bench.pages import app_for, cast, login


def main(url: str, path: str, role: str = "admin", shown: int = 4) -> None:
    app = app_for(url, Path(tempfile.mkdtemp()))
    db = app.extensions["remiss_db"]
    who = cast(db, 1.0)
    client = app.test_client()
    login(client, who.admins[0] if role == "admin" else who.members[0])
    client.get(path)
    timed = []

    def before(conn, cursor, statement, params, context, many):
        context.started = time.perf_counter()

    def after(conn, cursor, statement, params, context, many):
        timed.append(((time.perf_counter() - context.started) * 1000, statement, params))

    for engine in {db.read_engine, db.write_engine}:
        event.listen(engine, "before_cursor_execute", before)
        event.listen(engine, "after_cursor_execute", after)
    status = client.get(path).status_code
    print(f"{path} as {role}: {status}, {len(timed)} statements, {sum(t[0] for t in timed):.1f} ms in all")
    explain = "EXPLAIN QUERY PLAN " if db.dialect == "sqlite" else "EXPLAIN "
    with db.read_engine.connect() as conn:
        for ms, statement, params in sorted(timed, key=lambda t: -t[0])[:shown]:
            print(f"\n{ms:.1f} ms  {' '.join(statement.split())}\n  {params}")
            plan = conn.exec_driver_sql(explain + statement, params)
            print("  plan: " + " | ".join(str(row[-1] if db.dialect == "sqlite" else row[0]) for row in plan))


if __name__ == "__main__":
    main(*sys.argv[1:4])
