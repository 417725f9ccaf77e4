"""The other measurements of `make bench`: reminder sweeps, yttrande assembly, missiv parsing, the capability
scripts. The pages are in bench/pages.py (server time, SQL) and bench/load.py (throughput)."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench.budgets import BUDGETS
from bench.generate import NOW
from bench.measure import Timing, timed
from bench.pages import app_for

HERE = Path(__file__).resolve().parent


@dataclass
class Row:
    name: str
    time: Timing
    floor: Timing | None  # the least the same work takes, measured in the same run
    budget: str  # a key of BUDGETS, or ""
    floor_is: str

    @property
    def target(self) -> str:
        return BUDGETS[self.budget].target if self.budget else "–"

    @property
    def verdict(self) -> str:
        return BUDGETS[self.budget].verdict(self.time.median) if self.budget else "–"


class NullTransport:
    """Accept every mail and drop it: the sweep is measured without SMTP."""

    def send(self, message, *, name: str = "") -> None:
        bytes(message)  # serialise, as a real transport would


_app = app_for  # bench/sweep_bench.py's name for it


def _due(app, count: int) -> None:
    from sqlalchemy import insert

    from remiss.reminders import policy
    from remiss.reminders.models import OutboxMessage
    from remiss.reminders.outbox import message_id_for

    from sqlalchemy import text

    db = app.extensions["remiss_db"]
    with db.transaction(write=False) as s:  # the newest 1,000 remisser: most of them open, as due ones are
        newest = s.execute(text("SELECT max(id) FROM remiss")).scalar() - 999
    due = NOW - timedelta(hours=1)
    rows = [dict(key=f"bench:{n}", remiss_id=max(1, newest + n % 1000), recipient_user_id=None, kind=policy.ASSIGNED,
                 recipient_email=f"mottagare{n}@example.se", due_at=due, status="pending", attempts=0,
                 next_attempt_at=due, claimed_by="", last_error="", message_id=message_id_for(f"bench:{n}"),
                 subject=f"Påminnelse {n}", payload="{}", created_at=NOW) for n in range(count)]
    with db.transaction() as s:
        s.execute(insert(OutboxMessage.__table__), rows)


def steady_state(db) -> None:
    """Leave the outbox empty and every remiss planned as the sweep leaves it: open ones planned well
    ahead, closed ones never (what sync_remiss does), so an idle sweep measures the steady state."""
    from sqlalchemy import text

    from remiss.reminders.schedule import NEVER

    with db.transaction() as s:
        s.execute(text("DELETE FROM outbox_message"))
        s.execute(text("DELETE FROM reminder_marker"))
        s.execute(text("UPDATE remiss SET reminders_planned_until = CASE WHEN status IN "
                       "('besvarad', 'avstar', 'aterkallad') THEN :never ELSE :ahead END"),
                  {"never": NEVER, "ahead": (NOW + timedelta(days=20)).date()})
        s.execute(text("ANALYZE remiss"))  # statistics as a live database has them, not all-NULL horizons


def settle(db) -> None:
    """Let the database finish the set-up's mass writes before a sweep is timed: steady_state rewrites
    every remiss (100,000 rows), and the sweep after it paid for that — SQLite checkpointing the
    write-ahead log at its first commit, PostgreSQL's autovacuum starting mid-sweep (one sweep
    measured 1.6 or 2.1 s, 1.8 or 3.1 s, by chance). A live database spreads such work out."""
    from sqlalchemy import text

    if db.dialect == "sqlite":
        raw = db.write_engine.raw_connection()  # outside a transaction (the engine's begins one)
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    else:
        with db.write_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM (ANALYZE) remiss, outbox_message"))


def sweeps(url: str, tmp: Path, repeats: int, due: int = 10_000, rounds: int = 3,
           drain_seconds: float = 60) -> list[Row]:
    """An idle sweep, then `rounds` times: `due` reminders put in the outbox and swept until done."""
    import time

    from remiss.reminders.delivery import sweep

    app = _app(url, tmp)
    db = app.extensions["remiss_db"]
    steady_state(db)
    firsts, totals, sweeps_run, first = [], [], 1, None
    with app.app_context():
        run = lambda: sweep(db, now=NOW, worker_id="bench", transport=NullTransport())  # noqa: E731
        run()  # the week's digest check
        rows = [Row("reminder sweep, idle", timed(run, repeats), None, "sweep_idle", "–")]
        for _ in range(rounds):
            steady_state(db)
            run()
            _due(app, due)
            settle(db)
            started = time.perf_counter()
            first = run()
            firsts.append((time.perf_counter() - started) * 1000)
            done, sweeps_run = first.sent + first.skipped, 1
            while done < due and time.perf_counter() - started < drain_seconds:
                result = run()
                done, sweeps_run = done + result.sent + result.skipped, sweeps_run + 1
            totals.append((time.perf_counter() - started) * 1000 * due / max(done, 1))
    db.dispose()
    what = f"{first.sent:,} sent, {first.skipped:,} cancelled as their remiss is closed; {rounds} rounds"
    if sweeps_run == 1:
        return rows + [Row(f"reminder sweep, {due:,} due, one sweep ({what})", _timing(firsts), None, "sweep_due", "–")]
    return rows + [Row(f"reminder sweep, {due:,} due: first sweep ({what})", _timing(firsts), None, "", "–"),
                   Row(f"reminder sweeps until {due:,} due are done (projected)", _timing(totals), None,
                       "sweep_due", "–")]


def delivery(workers: tuple[int, ...] = (1, 2), due: int = 3000, rounds: int = 2, timeout: int = 600) -> list[dict]:
    """bench/delivery_bench.py, once per worker count, each in a process of its own on a temporary SQLite file
    (no database of anyone's is touched): sweep to a local aiosmtpd against a bare smtplib loop, and the
    processor time per mail of each. A run that fails is reported with its last lines."""
    found = []
    for n in workers:
        command = [sys.executable, str(HERE / "delivery_bench.py"), "--due", str(due), "--rounds", str(rounds),
                   "--workers", str(n), "--json"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=HERE.parent)
            lines = done.stdout.strip().splitlines()
            found.append(json.loads(lines[-1]) if done.returncode == 0 and lines else
                         {"workers": n, "error": (done.stdout + done.stderr).strip()[-500:]})
        except subprocess.TimeoutExpired:
            found.append({"workers": n, "error": f"timed out after {timeout} s"})
    return found


def _timing(samples: list[float]) -> Timing:
    import statistics

    return Timing(statistics.median(samples), max(samples))


def documents(repeats: int) -> list[Row]:
    from pypdf import PdfReader
    import io

    from bench.missiv_speed import PAGES, make_pdf, page_lines
    from remiss.documents import render_document, sample_context
    from remiss.documents.render import render_in_process
    from remiss.missiv import extract_text, parse_missiv

    ctx = sample_context("yttrande")
    plain = timed(lambda: render_in_process("yttrande", ctx, sandboxed=False), repeats)
    full = timed(lambda: render_document("yttrande", ctx), repeats)
    data = make_pdf([page_lines(p) for p in range(PAGES)])
    pypdf = timed(lambda: [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages], max(5, repeats // 3))
    missiv = timed(lambda: parse_missiv(extract_text(data, "missiv.pdf").text), max(5, repeats // 3))
    return [Row("yttrande assembly (render_document, 5 frågor)", full, plain, "", "docxtpl"),
            Row(f"missiv parsing ({PAGES}-page PDF)", missiv, pypdf, "missiv", "pypdf")]


def colleagues(timeout: int = 900) -> str:
    """Run the other bench/*.py scripts that exist and return their output as Markdown."""
    parts = ["## Capability benchmarks (their own scripts, their own data)", ""]
    for script in ("docx_bench.py", "missiv_speed.py", "search_bench.py", "letters_pdf_bench.py"):
        path = HERE / script
        if not path.exists():
            continue
        try:
            done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=timeout,
                                  cwd=HERE.parent)
            output = (done.stdout + (done.stderr[-2000:] if done.returncode else "")).strip()
        except subprocess.TimeoutExpired:
            output = f"(timed out after {timeout} s)"
        print(f"\n$ python bench/{script}\n{output}")
        parts += [f"### bench/{script}", "", "```", output, "```", ""]
    return "\n".join(parts)
