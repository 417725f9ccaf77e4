"""Time agenda.items, the statement behind the start page's Att göra and the month calendar, with and without the
column that tells a waiting step (planner.WAITS_FOR), on N open remisser with seven milestones each.

    python -m bench.agenda_bench [N] [DATABASE_URL]

Without a URL it builds a SQLite file in a temporary folder. A PostgreSQL URL must name a scratch database:
its public schema is dropped and rebuilt.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, false, insert, text
from sqlmodel import Session

import remiss.models  # noqa: F401
from bench.generate import rebuild_schema
from remiss.namnd.models import Namnd
from remiss.planning import agenda
from remiss.planning.models import Milestone
from remiss.remisser.models import Remiss

NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
KINDS = ("tjansteskrivelse", "granskning", "arbetsutskott", "namnd", "justering", "expediering", "sista_svarsdag")


def fill(url: str, n: int) -> None:
    """20 nämnder; n remisser under beredning, deadlines over four months; a quarter with the tjänsteskrivelse
    done; milestones five days apart from 40 days before the deadline's offset."""
    rebuild_schema(url)
    today = NOW.date()
    with Session(create_engine(url)) as s:
        s.add_all([Namnd(name=f"N{i}", ics_token=f"bench-token-{i:04d}-xxxxxxxx", created_at=NOW) for i in range(20)])
        s.commit()
        s.execute(insert(Remiss), [
            dict(title=f"R{i}", namnd_id=1 + i % 20, remittent="KS", our_dnr=f"N 2026/{i:05d}",
                 status="under_beredning", direction="inkommande", kind="remiss", received_on=today,
                 deadline_on=today + timedelta(days=i % 120), effective_deadline_on=today + timedelta(days=i % 120),
                 created_at=NOW, updated_at=NOW) for i in range(n)])
        s.execute(insert(Milestone), [
            dict(remiss_id=i + 1, kind=kind, position=pos, label=kind, owner_role="handlaggare",
                 planned_on=today + timedelta(days=i % 120 - 40 + pos * 5),
                 due_on=today + timedelta(days=i % 120 - 40 + pos * 5), explanation="", flagged=False,
                 done_at=NOW if kind == "tjansteskrivelse" and i % 4 == 0 else None)
            for i in range(n) for pos, kind in enumerate(KINDS)])
        s.commit()
        if url.startswith("postgresql"):
            s.execute(text("ANALYZE"))
            s.commit()


def timed(url: str) -> tuple[float, float]:
    """Median ms of the start page's call (10 nämnder, three weeks, 100 rows) and of a month for everyone."""
    today = NOW.date()
    with Session(create_engine(url)) as s:
        start_page, month = [], []
        for run in range(23):
            t = time.perf_counter()
            agenda.items(s, namnd_ids=list(range(1, 11)), end=today + timedelta(days=21), limit=100)
            middle = time.perf_counter()
            agenda.items(s, start=date(2026, 11, 30), end=date(2027, 1, 3), open_only=False, include_done=True)
            if run >= 3:  # warmed up
                start_page.append((middle - t) * 1000)
                month.append((time.perf_counter() - middle) * 1000)
    return statistics.median(start_page), statistics.median(month)


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 10_000
    url = argv[1] if len(argv) > 1 else f"sqlite:///{Path(tempfile.mkdtemp()) / 'agenda.db'}"
    fill(url, n)
    real = agenda.WAITING, agenda.with_waiting
    for _ in range(3):
        agenda.WAITING, agenda.with_waiting = real
        with_column = timed(url)
        agenda.WAITING, agenda.with_waiting = false().label("waiting"), (lambda stmt: stmt)
        without = timed(url)
        print(f"start page {with_column[0]:.1f} ms (without the column {without[0]:.1f}); "
              f"month {with_column[1]:.0f} ms (without {without[1]:.0f})")
    agenda.WAITING, agenda.with_waiting = real


if __name__ == "__main__":
    main(sys.argv[1:])
