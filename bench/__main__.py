"""`make bench`: generate the data set, measure the pages against the budgets of bench/budgets.py, and the rest.

python -m bench [--scale 1.0 | --scale 10 | --scale 1,10] [--database-url URL] [--no-postgres] [--rounds 200]
                [--load-rounds 3] [--load-seconds 3] [--load-client auto|wrk|python] [--no-load] [--no-sweeps]
                [--no-documents] [--no-colleagues] [--no-growth] [--out bench/results.md]

Per scale and database: the data set is generated (bench/generate.py), every page is timed in-process with
its SQL against a raw replay (bench/pages.py), a gunicorn with 4 workers is loaded by 16 logged-in users
(bench/load.py), and the reminder sweeps are timed (bench/suites.py), with the delivery benchmark against
a bare smtplib loop once a run (bench/delivery_bench.py, 3,000 due, one and two processes, its own temporary SQLite file). Yttrande assembly and missiv parsing
(no database) run once, and the capability scripts after them. Each scale's figures go to
bench/results-scale-<S>.json as well; a run at another scale reads the scale-1 file for the growth budget.
With several scales in one run (--scale 1,10) every scale's database is kept (PostgreSQL: <name>_s10 beside
<name>) and the growth budget is measured interleaved across them (bench/growth.py).

Without --database-url both databases are measured, one section each: SQLite in a temporary file always,
then PostgreSQL when a server answers at REMISS_BENCH_DATABASE_URL (default
postgresql+psycopg://remiss:remiss@localhost/remiss_bench, created when missing and the role may).
A URL that was given but does not answer is an error; a default server that is not found is reported as
skipped. Every PostgreSQL database named here has its public schema DROPPED and rebuilt.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import load as load_bench  # noqa: E402
from bench import pages as page_bench  # noqa: E402
from bench import growth, report, suites  # noqa: E402
from bench.generate import generate, rebuild_schema  # noqa: E402

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


class DatabaseLock:
    """Hold a PostgreSQL advisory lock on the bench database for the whole run: the bench drops its schema,
    and two `make bench` on one server (two work trees) destroyed each other's data mid-run. A second run
    waits for the first, saying so."""

    KEY = 0x52454D4953  # "REMIS": the key is per database, so other databases' runs do not wait

    def __init__(self, url: str):
        from sqlalchemy import create_engine, text

        self.engine = create_engine(url, poolclass=__import__("sqlalchemy.pool", fromlist=["NullPool"]).NullPool)
        self.conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        if not self.conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.KEY}).scalar():
            print(f"waiting: another make bench is using {shown(url)} (pg_advisory_lock {self.KEY})", flush=True)
            self.conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": self.KEY})

    def release(self) -> None:
        self.conn.close()  # the session ends, and its lock with it
        self.engine.dispose()


def scale_database(url: str, scale: float) -> str:
    """The PostgreSQL database for another scale of the same run: <name>_s<scale>, created when missing."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    other = u.set(database=f"{u.database}_s{scale:g}".replace(".", "_")).render_as_string(hide_password=False)
    reason = find_postgres(other, create=True)
    if reason is not None:
        sys.exit(f"PostgreSQL-databasen för skala {scale:g} kunde inte skapas: {reason} (--no-growth mäter "
                 "skalorna en i taget i samma databas)")
    return other


def prepare(url: str, scale: float) -> dict:
    """Rebuild the schema, generate the data set and analyse it; return counts and seconds."""
    from sqlalchemy import create_engine, text

    rebuild_schema(url)
    engine = create_engine(url)
    started = time.perf_counter()
    made = generate(engine, scale)
    made["seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    made["analyse"] = time.perf_counter() - started
    return made


def _page_json(r: page_bench.PageResult) -> dict:
    return {"key": r.page.key, "name": r.page.name, "role": r.page.role, "path": r.page.path,
            "median": r.time.median, "p95": r.time.p95, "n": r.time.n, "statements": r.statements,
            "sql_app": r.sql_app.median, "sql_raw": r.sql_raw.median, "sql_ratio": r.sql_ratio,
            "varies": r.statements_vary, "writes": r.writes}


def _row_json(r: suites.Row) -> dict:
    return {"name": r.name, "median": r.time.median, "p95": r.time.p95, "budget": r.budget,
            "floor": r.floor.median if r.floor else None, "floor_is": r.floor_is}


def measure(url: str, label: str, scale: float, args, tmp: Path) -> dict:
    """Generate and measure one database at one scale; return its section of the results."""
    print(f"\n== {label}, scale {scale:g}: {shown(url) if not url.startswith('sqlite') else 'SQLite (temporary file)'}")
    made = prepare(url, scale)
    print(f"data: {made['remiss']:,} remisser, {made['sandlista_entry']:,} sändlista entries, "
          f"{made['user_account']:,} users, {made['namnd']} nämnder; generated in {made['seconds']:.0f} s, "
          f"analysed in {made['analyse']:.0f} s")
    section = {"database": "a temporary file" if url.startswith("sqlite") else f"`{shown(url)}`", "data": made,
               "rounds": args.rounds}
    print(f"pages, {args.rounds} rounds:")
    cast, results = page_bench.measure(url, tmp, scale, args.rounds)
    section["pages"] = [_page_json(r) for r in results]
    if not args.no_load:
        print(f"throughput, {args.load_rounds} rounds of {args.load_seconds:g} s:")
        try:
            driver, loads = load_bench.measure(url, tmp, cast.pages, cast.admins, cast.members,
                                               rounds=args.load_rounds, seconds=args.load_seconds,
                                               client=args.load_client)
            section["load"] = {"driver": driver, "workers": load_bench.WORKERS, "worker_class": "gthread, 4 threads",
                               "rounds": args.load_rounds, "seconds": args.load_seconds, "warmup": 1.0,
                               "pages": [{"key": x.page.key, "name": x.page.name, "rps": x.rps, "rounds": x.rounds,
                                          "p50": _median(x.p50), "p99": _median(x.p99), "bad": x.bad}
                                         for x in loads]}
        except Exception as exc:  # reported in results.md, the other measures still run
            print(f"  throughput not measured: {exc}")
            section["load"] = {"error": _first_line(exc)}
    if not args.no_sweeps:
        print("reminder sweeps:")
        rows = suites.sweeps(url, tmp, args.sweep_repeats)
        for r in rows:
            print(f"  {r.name}: median {r.time.median:.1f} ms, p95 {r.time.p95:.1f} ms {r.verdict}")
        section["other"] = [_row_json(r) for r in rows]
        if url.startswith("sqlite"):  # once a run: its own temporary SQLite file, whichever section this is
            print("reminder delivery to a local aiosmtpd (bench/delivery_bench.py, 3,000 due, 2 rounds):")
            section["delivery"] = suites.delivery()
            for d in section["delivery"]:
                print(f"  workers {d['workers']}: " + (d["error"] if "error" in d else
                      f"ratio {d['sweep_rate'] / d['loop_rate']:.2f}, sweep {d['sweep_cpu_ms']:.2f} ms CPU/mail"))
    return section


def _median(xs: list[float]) -> float:
    import statistics

    return statistics.median(xs) if xs else 0.0


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


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=HERE.parent).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                                ":!bench/results*"],  # earlier results are no change to the code measured
                               capture_output=True, text=True, cwd=HERE.parent).stdout.strip()
        return head + ("+changes" if dirty else "") if head else "unknown"
    except OSError:
        return "unknown"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--scale", default="1.0",
                        help="1.0 = 100,000 remisser (default); 10 = 1,000,000; several comma-separated: 1,10")
    parser.add_argument("--database-url", default="", help="measure this database only")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--rounds", type=int, default=200, help="requests per page for server time and SQL")
    parser.add_argument("--load-rounds", type=int, default=3, help="throughput runs per page")
    parser.add_argument("--load-seconds", type=float, default=3.0, help="seconds of one throughput run")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn throughput measurement")
    parser.add_argument("--load-client", choices=["auto", "wrk", "python"], default="auto",
                        help="the load generator: wrk when installed (auto), or the stdlib client")
    parser.add_argument("--no-sweeps", action="store_true", help="skip the reminder sweeps")
    parser.add_argument("--sweep-repeats", type=int, default=10)
    parser.add_argument("--no-documents", action="store_true", help="skip yttrande assembly and missiv parsing")
    parser.add_argument("--no-colleagues", action="store_true", help="skip the other bench/*.py scripts")
    parser.add_argument("--growth-base", type=float, default=1.0, help="the scale the growth budget compares with")
    parser.add_argument("--no-growth", action="store_true",
                        help="with several scales: no interleaved growth measure (compare the separate runs)")
    parser.add_argument("--out", default=str(HERE / "results.md"))
    args = parser.parse_args(argv)
    scales = sorted({float(s) for s in args.scale.split(",") if s.strip()})

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

    started = time.perf_counter()
    commit, when = _commit(), time.strftime("%Y-%m-%d %H:%M")
    runs: list[dict] = []
    pg_url = ""
    interleave = len(scales) > 1 and not args.no_growth
    kept: dict[str, dict[float, str]] = {}  # label → scale → database kept for the interleaved growth measure
    locks: dict[str, DatabaseLock] = {}  # held until the end: search_bench.py wipes the database last
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as held:
        held.callback(lambda: [lock.release() for lock in locks.values()])
        for scale in scales:
            run = {"scale": scale, "commit": commit, "when": when, "sections": {}}
            for label, url in targets:
                run_dir = Path(tmp) / f"{label.lower()}-{scale:g}"
                run_dir.mkdir()
                if url and interleave and scale != scales[0]:
                    url = scale_database(url, scale)  # each scale its own database, all kept till the end
                url = url or f"sqlite:///{run_dir / 'bench.db'}"
                pg_url = url if label == "PostgreSQL" and not pg_url else pg_url
                if not url.startswith("sqlite") and url not in locks:
                    locks[url] = DatabaseLock(url)
                run["sections"][label] = measure(url, label, scale, args, run_dir)
                if interleave and url not in kept.get(label, {}).values():
                    kept.setdefault(label, {})[scale] = url
                elif url.startswith("sqlite"):
                    Path(url.split("///", 1)[1]).unlink(missing_ok=True)  # a 10× data set is gigabytes
            if skipped:
                run["sections"]["PostgreSQL"] = {"skipped": skipped}
            print(f"\nwritten to {report.save(run)}")
            runs.append(run)
        for label, urls in kept.items():
            if len(urls) < 2:
                continue
            base = args.growth_base if args.growth_base in urls else min(urls)
            print(f"\n== growth, {label}: scales {', '.join(f'{s:g}' for s in urls)} interleaved, {args.rounds} rounds")
            timings = growth.measure(urls, Path(tmp), args.rounds)
            for run in runs:
                if run["scale"] == base or run["scale"] not in timings:
                    continue
                run["sections"][label]["growth"] = {
                    "base_scale": base, "rounds": args.rounds,
                    "pages": {k: {"median": t.median, "p95": t.p95, "base_median": timings[base][k].median,
                                  "base_p95": timings[base][k].p95} for k, t in timings[run["scale"]].items()}}
                report.save(run)
            for url in urls.values():
                if url.startswith("sqlite"):
                    Path(url.split("///", 1)[1]).unlink(missing_ok=True)
        documents = []
        if not args.no_documents:
            print("\nyttrande assembly and missiv parsing:")
            documents = suites.documents(15)
            for r in documents:
                print(f"  {r.name}: median {r.time.median:.1f} ms (floor {r.floor.median:.1f} ms) {r.verdict}")
        extra = ""
        if not args.no_colleagues:
            extra = suites.colleagues()
            if pg_url:
                extra += "\n" + postgres_search(pg_url)

    in_run = {run["scale"]: (run, "measured in this run") for run in runs}

    def base_of(run: dict, label: str) -> tuple[dict | None, float]:
        base_scale = args.growth_base
        found = in_run.get(base_scale)
        if found is None:
            saved = report.load(base_scale)
            found = (saved, f"`bench/{report.results_file(base_scale).name}` (commit {saved['commit']}, "
                            f"{saved['when']})") if saved else None
        if found is None or run["scale"] == base_scale:
            return None, base_scale
        section = found[0]["sections"].get(label)
        if not section or "skipped" in section:
            return None, base_scale
        return {**section, "origin": found[1]}, base_scale

    shown_runs = list(runs)
    saved = report.load(args.growth_base) if args.growth_base not in in_run and runs else None
    if saved:  # `make bench SCALE=10` after `make bench`: the scale-1 sections stay in results.md, from the file
        shown_runs.insert(0, {**saved, "from_file": True})
    sections = []
    for run in shown_runs:
        for label, section in run["sections"].items():
            base, base_scale = base_of(run, label)
            md = report.section_md(label, section, run["scale"], base, base_scale)
            if run.get("from_file"):
                md = md.replace("\n\n", f"\n\nFrom `bench/{report.results_file(run['scale']).name}`: an earlier "
                                        f"run (commit {run['commit']}, {run['when']}).\n\n", 1)
            sections.append(md)
    if documents:
        sections.append("\n".join(["## Yttrande and missiv (no database)", "",
                                   *report._other_md([_row_json(r) for r in documents])[1:], ""]))
    total = time.perf_counter() - started
    text = "\n".join([
        "# Benchmark results", "",
        f"`python -m bench --scale {args.scale}` at commit {commit} on {platform.processor() or platform.machine()} "
        f"({os.cpu_count()} cores, shared), Python {platform.python_version()}, {when}; the whole run took "
        f"{total / 60:.0f} min. Scale 1 = 100,000 remisser; scale 10 = 1,000,000 (see bench/generate.py).", "",
        report.budgets_md(), "",
        report.summary_md(shown_runs, base_of), "",
        *sections, extra,
        # The missiv accuracy log (before/after each tuning round) is kept by hand: a run copies it, never rewrites it.
        (HERE / "results-missiv.md").read_text() if (HERE / "results-missiv.md").exists() else "",
    ])
    Path(args.out).write_text(text + "\n")
    print(f"\nwritten to {args.out} in {total / 60:.1f} min")


if __name__ == "__main__":
    main()
