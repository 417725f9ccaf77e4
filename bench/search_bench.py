"""Time the diarium search (filters, access, count and first page) at 100,000 remisser against a
baseline that ranks every hit (FTS5 bm25 / PostgreSQL ts_rank, top 50); print median and p95 in ms
(and on PostgreSQL which plan found the hits: GIN then sorted, or a newest-first walk).

    .venv/bin/python bench/search_bench.py                      # SQLite in a temporary file
    .venv/bin/python bench/search_bench.py --postgres URL       # an empty PostgreSQL database (it is wiped)
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from remiss.auth.access import Principal  # noqa: E402
from remiss.auth.models import Role  # noqa: E402
from bench.generate import rebuild_schema  # noqa: E402
from remiss.db import Database  # noqa: E402
from remiss.namnd import service as namnd_service  # noqa: E402
from remiss.remisser.filters import RemissFilter  # noqa: E402
from remiss.remisser.queries import list_remisser  # noqa: E402
from remiss.search.service import fts5_query, pg_tsquery  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

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


def populate(url: str) -> None:
    """Fill a migrated database with N deterministic remisser (the triggers build the index: on PostgreSQL
    the document is a column the insert's BEFORE trigger fills, so pausing it would mean rewriting every row)."""
    rnd = random.Random(2010)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc).replace(tzinfo=None)
    db = Database(url)
    with db.transaction() as session:
        for i in range(1, NAMNDER + 1):
            namnd_service.create(session, now=datetime(2026, 1, 1, tzinfo=timezone.utc), actor_id=None,
                                 name=f"Nämnd {i}", short_name=f"N{i}", dnr_prefix=f"N{i}")
    db.dispose()
    rows = []
    for i in range(1, N + 1):
        year = 2010 + i % 16
        subject = rnd.choice(SUBJECTS)
        rows.append({"title": f"{subject} {i}", "remittent": rnd.choice(REMITTENTER),
                     "sender_dnr": f"{rnd.choice(['KS', 'STK', 'KN'])}-{year}-{i}", "our_dnr": f"RS {year}/{i:05d}",
                     "deadline": date(2026, 1, 1) + timedelta(days=i % 400), "namnd_id": 1 + i % NAMNDER,
                     "notes": " ".join(rnd.choices(WORDS, k=12)), "now": now})
    rows[14].update(title="Förslag till ny IoF-plan", remittent="Kommunstyrelsen", sender_dnr="KS-IOF-2010-00015")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO remiss (title, remittent, sender_dnr, our_dnr, effective_deadline_on, namnd_id, notes, "
            "created_at, updated_at, direction, kind, status, answer_email, answer_address, copy_emails, "
            "contact_person, contact_email, missiv_text, answer_instructions) VALUES (:title, :remittent, "
            ":sender_dnr, :our_dnr, :deadline, :namnd_id, :notes, :now, :now, 'inkommande', 'remiss', "
            "'registrerad', '', '', '', '', '', '', '')"), rows)
    engine.dispose()


def baseline(url: str):
    """Rank every hit and take the top 50, straight through the driver."""
    engine = create_engine(url)
    conn = engine.connect()
    if engine.dialect.name == "sqlite":
        sql = text("SELECT rowid FROM remiss_fts WHERE remiss_fts MATCH :q ORDER BY bm25(remiss_fts) LIMIT 50")
        return conn, lambda typed: conn.execute(sql, {"q": fts5_query(typed)}).fetchall()
    sql = text("SELECT id FROM remiss, to_tsquery('swedish', :q) q WHERE search_document @@ q "
               "ORDER BY ts_rank(search_document, q) DESC LIMIT 50")
    return conn, lambda typed: conn.execute(sql, {"q": pg_tsquery(typed)}).fetchall()


def pg_plan(session, tsquery: str, member: Principal) -> str:
    """Which of remiss.search.postgres's two plans the search chose."""
    from remiss.remisser.models import Remiss
    from remiss.search import postgres

    visible = member.visible_namnd_ids()
    return postgres.plan(session, tsquery, lambda stmt: stmt.where(Remiss.namnd_id.in_(visible)),
                         1001)


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL database to use (wiped)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.postgres or f"sqlite:///{Path(tmp) / 'bench.db'}"
        rebuild_schema(url)
        start = time.perf_counter()
        populate(url)
        print(f"{N} remisser inserted and indexed in {time.perf_counter() - start:.1f} s")
        db = Database(url)
        if args.postgres:
            with db.write_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        raw, ranked = baseline(url)
        member = Principal(1, Role.handlaggare, frozenset(range(1, 151)))
        print(f"{db.dialect}: all hits ranked (baseline) against the diarium search (app)")
        print(f"{'query':24} {'hits':>6} {'all med':>8} {'all p95':>8} {'app med':>8} {'app p95':>8}  plan")
        worst = 0.0
        for typed in QUERIES:
            raw_ms = timed(lambda: ranked(typed))
            with db.transaction(write=False) as session:
                page = list_remisser(session, member, RemissFilter(text=typed))
                app_ms = timed(lambda: list_remisser(session, member, RemissFilter(text=typed)))
                how = "" if db.dialect == "sqlite" else pg_plan(session, pg_tsquery(typed), member)
            (rm, rp), (am, ap) = summary(raw_ms), summary(app_ms)
            worst = max(worst, ap)
            hits = f">{page.total}" if page.more else str(page.total)
            print(f"{typed:24} {hits:>6} {rm:8.2f} {rp:8.2f} {am:8.2f} {ap:8.2f}  {how}")
        print(f"worst p95 of the diarium search: {worst:.1f} ms (target < 50 ms)")
        db.dispose()
        raw.close()


if __name__ == "__main__":
    main()
