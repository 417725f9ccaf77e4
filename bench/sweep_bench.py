"""Reminder sweep at scale: an idle sweep and one with 10,000 due, beside the raw claim query.

python bench/sweep_bench.py [--database-url URL] [--scale 1.0] [--due 10000] [--repeats 15]
Without --database-url the data set is generated (bench/generate.py) in a temporary SQLite file;
a URL names an already generated database, which is migrated and whose outbox is emptied first.
Every remiss is first planned as the sweep leaves it (horizon set), so the idle sweep is steady state.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import NOW, generate  # noqa: E402
from bench.measure import timed  # noqa: E402
from bench.suites import NullTransport, _app, _due, settle, steady_state  # noqa: E402


def prepare(url: str | None, scale: float, tmp: Path) -> str:
    from sqlalchemy import create_engine

    from remiss.db import migrate

    if url is None:
        url = f"sqlite:///{tmp / 'sweep.db'}"
        migrate(url)
        generate(create_engine(url), scale)
    else:
        migrate(url)
    return url


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    from sqlalchemy import text

    from remiss.reminders.delivery import sweep

    tmp = Path(tempfile.mkdtemp())
    url = prepare(args.database_url, args.scale, tmp)
    app = _app(url, tmp)
    db = app.extensions["remiss_db"]
    steady_state(db)
    with db.transaction(write=False) as s:
        count = s.execute(text("SELECT count(*) FROM remiss")).scalar()
    with app.app_context():
        run = lambda: sweep(db, now=NOW, worker_id="bench", transport=NullTransport())  # noqa: E731
        run()  # the week's digest check and warm caches
        idle = timed(run, args.repeats)
        _due(app, args.due)
        settle(db)
        raw = db.write_engine.raw_connection()
        try:
            cur = raw.cursor()
            started = time.perf_counter()
            cur.execute("SELECT * FROM outbox_message WHERE status = 'pending' AND next_attempt_at <= ? "
                        "ORDER BY due_at, id", ((NOW.replace(tzinfo=None)).isoformat(" "),)) if url.startswith(
                "sqlite") else cur.execute("SELECT * FROM outbox_message WHERE status = 'pending' AND "
                                           "next_attempt_at <= %s ORDER BY due_at, id", (NOW,))
            fetched = len(cur.fetchall())
            floor = (time.perf_counter() - started) * 1000
        finally:
            raw.close()
        started = time.perf_counter()
        result = run()
        due_ms = (time.perf_counter() - started) * 1000
        after = run()
    db.dispose()
    print(f"{count:,} remisser, {args.due:,} due; {url.split('///')[0]}")
    print(f"| reminder sweep, idle | {idle.median:.1f} | {idle.p95:.1f} | – | ≤ 20 ms |")
    print(f"| reminder sweep, {args.due:,} due (one sweep: {result.sent:,} sent, {result.skipped} skipped, "
          f"{result.failed} failed; next sweep {after.sent}) | {due_ms:.0f} | – | raw claim query {floor:.1f} ms "
          f"({fetched:,} rows) | ≤ 2 s |")


if __name__ == "__main__":
    main()
