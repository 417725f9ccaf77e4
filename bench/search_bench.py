"""Time the diarium search (filters, access, count and first page) at 100,000 remisser
against the raw FTS5 MATCH through sqlite3 as a baseline; print median and p95 in ms."""
from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from remiss.auth.access import Principal  # noqa: E402
from remiss.auth.models import Role  # noqa: E402
from remiss.db import Database, migrate  # noqa: E402
from remiss.namnd import service as namnd_service  # noqa: E402
from remiss.remisser.queries import RemissFilter, list_remisser  # noqa: E402
from remiss.search.service import fts5_query  # noqa: E402

N = 100_000
NAMNDER = 300
REPEATS = 30
SUBJECTS = ["Förslag till ny IoF-plan", "Handlingsplan för kulturstrategi", "Riktlinjer för missbruksvården",
            "Kommungemensamt kontaktcenter", "Översiktsplan för Malmö", "Trafikstrategi", "Cykelprogram",
            "Avfallsplan", "Miljöprogram", "Äldreomsorgsplan", "Skolutveckling", "Budget och verksamhetsplan",
            "Tillsyn av serveringstillstånd", "Vattenförsörjningsplan", "Friluftsprogram", "Bostadsförsörjning"]
REMITTENTER = ["Kommunstyrelsen", "Stadskontoret", "Kulturnämnden", "Finansdepartementet", "Länsstyrelsen Skåne",
               "Socialdepartementet", "Trafikverket", "Region Skåne"]
WORDS = "samråd yttrande remisstid beredning nämnden förvaltningen underlag åtgärder tillgänglighet".split()
QUERIES = ["kulturstrategi", "missbruk", "KS-IOF-2010-00015", "Länsstyrelsen", "översiktsplan cykel",
           "tillgänglighet", "STK-2015-1234", "kontaktcenter region", "åtgärder", "avfall"]


def populate(path: Path) -> None:
    """Fill a migrated database with N deterministic remisser (the triggers build the index)."""
    rnd = random.Random(2010)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc).replace(tzinfo=None).isoformat(" ")
    db = Database(f"sqlite:///{path}")
    with db.transaction() as session:
        for i in range(1, NAMNDER + 1):
            namnd_service.create(session, now=datetime(2026, 1, 1, tzinfo=timezone.utc), actor_id=None,
                                 name=f"Nämnd {i}", short_name=f"N{i}", dnr_prefix=f"N{i}")
    db.dispose()
    conn = sqlite3.connect(path)
    rows = []
    for i in range(1, N + 1):
        year = 2010 + i % 16
        subject = rnd.choice(SUBJECTS)
        rows.append((f"{subject} {i}", rnd.choice(REMITTENTER), f"{rnd.choice(['KS', 'STK', 'KN'])}-{year}-{i}",
                     f"RS {year}/{i:05d}", (date(2026, 1, 1) + timedelta(days=i % 400)).isoformat(),
                     1 + i % NAMNDER, " ".join(rnd.choices(WORDS, k=12)), now, now))
    rows[14] = ("Förslag till ny IoF-plan", "Kommunstyrelsen", "KS-IOF-2010-00015", *rows[14][3:])
    conn.executemany("INSERT INTO remiss (title, remittent, sender_dnr, our_dnr, effective_deadline_on, namnd_id, "
                     "notes, created_at, updated_at, direction, kind, status, answer_email, answer_address, "
                     "copy_emails, contact_person, contact_email, missiv_text, answer_instructions) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'inkommande', 'remiss', 'registrerad', '', '', '', '', '', "
                     "'', '')", rows)
    conn.commit()
    conn.close()


def timed(fn) -> list[float]:
    fn()  # warm up
    out = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), sorted(samples)[int(len(samples) * 0.95) - 1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        migrate(f"sqlite:///{path}")
        start = time.perf_counter()
        populate(path)
        print(f"{N} remisser inserted and indexed in {time.perf_counter() - start:.1f} s")
        db = Database(f"sqlite:///{path}")
        raw = sqlite3.connect(path)
        member = Principal(1, Role.handlaggare, frozenset(range(1, 151)))
        print(f"{'query':24} {'hits':>6} {'raw med':>8} {'raw p95':>8} {'app med':>8} {'app p95':>8} {'ratio':>6}")
        worst = 0.0
        for typed in QUERIES:
            match = fts5_query(typed)
            raw_ms = timed(lambda: raw.execute("SELECT rowid FROM remiss_fts WHERE remiss_fts MATCH ? "
                                               "ORDER BY bm25(remiss_fts) LIMIT 50", (match,)).fetchall())
            with db.transaction(write=False) as session:
                page = list_remisser(session, member, RemissFilter(text=typed))
                app_ms = timed(lambda: list_remisser(session, member, RemissFilter(text=typed)))
            (rm, rp), (am, ap) = summary(raw_ms), summary(app_ms)
            worst = max(worst, ap)
            print(f"{typed:24} {page.total:>6} {rm:8.2f} {rp:8.2f} {am:8.2f} {ap:8.2f} {am / rm:6.1f}")
        print(f"worst p95 of the diarium search: {worst:.1f} ms (target < 50 ms)")
        db.dispose()
        raw.close()


if __name__ == "__main__":
    main()
