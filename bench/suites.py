"""The measurements of `make bench`: pages, search, sweeps, yttrande and missiv, each with its floor."""
from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bench.generate import BENCH_PASSWORD, NOW
from bench.measure import Timing, bare_route, captured_sql, raw_replay, timed

HERE = Path(__file__).resolve().parent
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


@dataclass
class Row:
    name: str
    time: Timing
    floor: Timing | None
    target: str
    floor_is: str


class NullTransport:
    """Accept every mail and drop it: the sweep is measured without SMTP."""

    def send(self, message, *, name: str = "") -> None:
        bytes(message)  # serialise, as a real transport would


def _app(url: str, tmp: Path):
    from remiss import create_app

    return create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "bench",
                       "MAIL_DIR": str(tmp / "mail"), "FILES_DIR": str(tmp / "files"), "SMTP_URL": "",
                       "CLOCK": lambda: NOW, "BASE_URL": "http://remiss.bench"})


def _login(client, email: str) -> None:
    match = CSRF.search(client.get("/logga-in").get_data(as_text=True))
    token = match.group(1) or match.group(2)
    response = client.post("/logga-in", data={"csrf_token": token, "email": email, "password": BENCH_PASSWORD})
    assert response.status_code in (302, 303), f"login failed for {email}"


def page(app, client, name: str, url: str, repeats: int, target: str = "≤ 3× floor") -> Row:
    """Time GET url against the same HTML from a bare route plus its SQL replayed raw."""
    db = app.extensions["remiss_db"]
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with captured_sql({db.read_engine, db.write_engine}) as statements:
        html = client.get(url).get_data(as_text=True)
    replay = raw_replay(db.read_engine, statements)
    bare = bare_route(html)
    try:
        sql_floor = timed(replay, repeats)
        html_floor = timed(bare, repeats)
    finally:
        replay.close()
    measured = timed(lambda: client.get(url), repeats)
    floor = Timing(sql_floor.median + html_floor.median, sql_floor.p95 + html_floor.p95)
    return Row(f"{name} ({len(statements)} SQL)", measured, floor, target, "bare+raw")


def pages(url: str, tmp: Path, repeats: int) -> list[Row]:
    app = _app(url, tmp)
    admin, member = app.test_client(), app.test_client()
    _login(admin, "user1@example.se")
    _login(member, "user2@example.se")
    from sqlalchemy import text
    with app.extensions["remiss_db"].transaction(write=False) as s:
        middle = s.execute(text("SELECT max(id) / 2 FROM remiss")).scalar()
    rows = [
        page(app, admin, "diarium, admin (all remisser)", "/remisser", repeats),
        page(app, member, "diarium, handläggare (2 nämnder)", "/remisser", repeats),
        page(app, admin, "start page, admin", "/", repeats),
        page(app, member, "start page, handläggare", "/", repeats),
        page(app, admin, "remiss page", f"/remisser/{middle}", repeats),
        page(app, admin, "search: diarium ?q=kulturstrategi", "/remisser?q=kulturstrategi", repeats, "< 50 ms"),
        page(app, admin, "search: diarium ?q=KS-2020", "/remisser?q=KS-2020", repeats, "< 50 ms"),
    ]
    app.extensions["remiss_db"].dispose()
    return rows


def _due(app, count: int) -> None:
    from sqlalchemy import insert

    from remiss.reminders import policy
    from remiss.reminders.models import OutboxMessage
    from remiss.reminders.outbox import message_id_for

    due = NOW - timedelta(hours=1)
    rows = [dict(key=f"bench:{n}", remiss_id=1 + n % 1000, recipient_user_id=None, kind=policy.ASSIGNED,
                 recipient_email=f"mottagare{n}@example.se", due_at=due, status="pending", attempts=0,
                 next_attempt_at=due, claimed_by="", last_error="", message_id=message_id_for(f"bench:{n}"),
                 subject=f"Påminnelse {n}", payload="{}", created_at=NOW) for n in range(count)]
    with app.extensions["remiss_db"].transaction() as s:
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
        rows = [Row("reminder sweep, idle", timed(run, repeats), None, "≤ 20 ms", "–")]
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
        return rows + [Row(f"reminder sweep, {due:,} due, one sweep ({what})", _timing(firsts), None, "≤ 2 s", "–")]
    return rows + [Row(f"reminder sweep, {due:,} due: first sweep ({what})", _timing(firsts), None, "–", "–"),
                   Row(f"reminder sweeps until {due:,} due are done (projected)", _timing(totals), None, "≤ 2 s",
                       "–")]


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
    return [Row("yttrande assembly (render_document, 5 frågor)", full, plain, "–", "docxtpl"),
            Row(f"missiv parsing ({PAGES}-page PDF)", missiv, pypdf, "< 1 s", "pypdf")]


def run_all(url: str, tmp: Path, repeats: int) -> list[Row]:
    rows = pages(url, tmp, repeats)
    rows += sweeps(url, tmp, max(5, repeats // 3))
    rows += documents(max(5, repeats // 2))
    return rows


def colleagues(timeout: int = 900) -> str:
    """Run the other bench/*.py scripts that exist and return their output as Markdown."""
    parts = ["## Capability benchmarks (their own scripts, their own data)", ""]
    for script in ("docx_bench.py", "missiv_speed.py", "search_bench.py"):
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
