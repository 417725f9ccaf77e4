"""`make bench`: generate the data set, time pages, search, sweeps and documents against their floors.

python -m bench [--scale 1.0] [--database-url URL] [--no-postgres] [--repeats 30] [--out bench/results.md]

Without --database-url both databases are measured, one section each: SQLite in a temporary file
always, then PostgreSQL when a server answers at REMISS_BENCH_DATABASE_URL (default
postgresql+psycopg://remiss:remiss@localhost/remiss_bench, created when missing and the role may).
A URL that was given but does not answer is an error; a default server that is not found is
reported as skipped. Every PostgreSQL database named here has its public schema DROPPED and rebuilt.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import suites  # noqa: E402
from bench.generate import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_PG_URL = "postgresql+psycopg://remiss:remiss@localhost/remiss_bench"


def shown(url: str) -> str:
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def find_postgres(url: str, *, create: bool) -> str | None:
    """Return None when url answers, else why not; with create, make a missing database first."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    def answers(candidate: str) -> str | None:
        engine = create_engine(candidate, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return None
        except Exception as exc:  # the first line says enough: refused, no such database, password
            return _first_line(exc)
        finally:
            engine.dispose()

    reason = answers(url)
    if reason is None or not create or "does not exist" not in reason:
        return reason
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        print(f"created the database {name}")
    except Exception as exc:
        return f"{reason}; creating it failed: {_first_line(exc)}"
    finally:
        admin.dispose()
    return answers(url)


def prepare(url: str, scale: float) -> dict:
    from sqlalchemy import create_engine, text

    from remiss.db import migrate

    if not url.startswith("sqlite"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
    migrate(url)
    engine = create_engine(url)
    started = time.perf_counter()
    made = generate(engine, scale)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    made["seconds"] = time.perf_counter() - started
    return made


def table(rows: list[suites.Row]) -> str:
    out = ["| measure | median ms | p95 ms | floor median ms | ratio | target | floor is |",
           "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for r in rows:
        floor = f"{r.floor.median:.1f}" if r.floor else "–"
        ratio = f"{r.time.median / r.floor.median:.1f}×" if r.floor and r.floor.median else "–"
        out.append(f"| {r.name} | {r.time.median:.1f} | {r.time.p95:.1f} | {floor} | {ratio} | {r.target} | {r.floor_is} |")
    return "\n".join(out)


def measure(url: str, label: str, args, tmp: Path) -> str:
    """Generate, measure and return one database's section of results.md."""
    print(f"\n== {label}: {shown(url) if not url.startswith('sqlite') else 'sqlite (temporary file)'}")
    made = prepare(url, args.scale)
    print(f"data: {made['remiss']:,} remisser, {made['sandlista_entry']:,} sändlista entries, "
          f"{made['user_account']:,} users, {made['namnd']} nämnder in {made['seconds']:.0f} s")
    rows = suites.run_all(url, tmp, args.repeats)
    print(table(rows))
    where = "a temporary file" if url.startswith("sqlite") else f"`{shown(url)}`"
    return "\n".join([
        f"## {label}", "",
        f"Database: {where}. Data: {made['remiss']:,} remisser, {made['sandlista_entry']:,} sändlista entries, "
        f"{made['user_account']:,} users, {made['namnd']} nämnder (generated and analysed in "
        f"{made['seconds']:.0f} s). {args.repeats} runs each after a warm-up.", "",
        table(rows), ""])


def postgres_search(url: str, timeout: int = 900) -> str:
    """bench/search_bench.py on PostgreSQL (it rebuilds the database with its own data)."""
    command = [sys.executable, str(HERE / "search_bench.py"), "--postgres", url]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=HERE.parent)
        output = (done.stdout + (done.stderr[-2000:] if done.returncode else "")).strip()
    except subprocess.TimeoutExpired:
        output = f"(timed out after {timeout} s)"
    print(f"\n$ python bench/search_bench.py --postgres {shown(url)}\n{output}")
    return "\n".join([f"### bench/search_bench.py --postgres {shown(url)}", "", "```", output, "```", ""])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 remisser (default)")
    parser.add_argument("--database-url", default="", help="measure this database only")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--no-colleagues", action="store_true", help="skip the other bench/*.py scripts")
    args = parser.parse_args(argv)

    targets: list[tuple[str, str]] = []  # (label, url)
    skipped = ""
    if args.database_url:
        targets.append(("SQLite" if args.database_url.startswith("sqlite") else "PostgreSQL", args.database_url))
    else:
        targets.append(("SQLite", ""))
        given = os.environ.get("REMISS_BENCH_DATABASE_URL", "")
        pg_url = given or DEFAULT_PG_URL
        reason = "--no-postgres" if args.no_postgres else find_postgres(pg_url, create=not given)
        if reason is None:
            targets.append(("PostgreSQL", pg_url))
        elif given and not args.no_postgres:
            sys.exit(f"PostgreSQL-mätningen kunde inte starta: {shown(pg_url)} svarar inte: {reason}")
        else:
            skipped = (f"PostgreSQL HOPPAS ÖVER: {shown(pg_url)} svarar inte ({reason}). Starta PostgreSQL "
                       "och skapa rollen som .ci/run gör, eller sätt REMISS_BENCH_DATABASE_URL=postgresql+psycopg://…"
                       if reason != "--no-postgres" else "PostgreSQL hoppades över (--no-postgres).")
            print("=" * 64 + "\n" + skipped + "\n" + "=" * 64)

    sections = []
    pg_url = ""
    with tempfile.TemporaryDirectory() as tmp:
        for label, url in targets:
            url = url or f"sqlite:///{Path(tmp) / 'bench.db'}"
            pg_url = url if label == "PostgreSQL" else pg_url
            run_dir = Path(tmp) / label.lower()
            run_dir.mkdir()
            sections.append(measure(url, label, args, run_dir))
        if skipped:
            sections.append("\n".join(["## PostgreSQL", "", skipped, ""]))
        extra = ""
        if not args.no_colleagues:
            extra = suites.colleagues()
            if pg_url:
                extra += "\n" + postgres_search(pg_url)
    text = "\n".join([
        "# Benchmark results", "",
        f"`python -m bench --scale {args.scale}` on {platform.processor() or platform.machine()} "
        f"({os.cpu_count()} cores), Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}.", "",
        "Floors: *bare+raw* = the same HTML from a bare Flask route plus the page's SQL replayed through the "
        "raw driver; *raw SQL* = the query alone; *docxtpl* = plain docxtpl render; *pypdf* = text extraction "
        "alone. Ratio = median / floor median.", "",
        *sections, extra,
    ])
    Path(args.out).write_text(text + "\n")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
