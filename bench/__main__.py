"""`make bench`: generate the data set, time pages, search, sweeps and documents against their floors.

python -m bench [--scale 1.0] [--database-url URL] [--repeats 30] [--out bench/results.md]
Without --database-url a fresh SQLite file in a temporary directory is used; a PostgreSQL URL
names a database whose public schema is DROPPED and rebuilt.
"""
from __future__ import annotations

import argparse
import platform
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import suites  # noqa: E402
from bench.generate import generate  # noqa: E402

HERE = Path(__file__).resolve().parent


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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 remisser (default)")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--no-colleagues", action="store_true", help="skip the other bench/*.py scripts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        made = prepare(url, args.scale)
        print(f"data: {made['remiss']:,} remisser, {made['sandlista_entry']:,} sändlista entries, "
              f"{made['user_account']:,} users, {made['namnd']} nämnder in {made['seconds']:.0f} s")
        rows = suites.run_all(url, Path(tmp), args.repeats)
        extra = "" if args.no_colleagues else suites.colleagues()
    dialect = "SQLite" if url.startswith("sqlite") else "PostgreSQL"
    shown = re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url) if dialect != "SQLite" else "sqlite (temporary file)"
    text = "\n".join([
        "# Benchmark results", "",
        f"`python -m bench --scale {args.scale}` on {dialect} ({shown}), {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}.", "",
        f"Data: {made['remiss']:,} remisser, {made['sandlista_entry']:,} sändlista entries, {made['user_account']:,} "
        f"users, {made['namnd']} nämnder (generated in {made['seconds']:.0f} s). {args.repeats} runs each after a warm-up.",
        "", "Floors: *bare+raw* = the same HTML from a bare Flask route plus the page's SQL replayed through the "
        "raw driver; *raw SQL* = the query alone; *docxtpl* = plain docxtpl render; *pypdf* = text extraction "
        "alone. Ratio = median / floor median.", "",
        table(rows), "", extra,
    ])
    Path(args.out).write_text(text + "\n")
    print(table(rows))
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
