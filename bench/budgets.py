"""The performance budgets of `make bench`: one table, read by the measurements, the verdicts and results.md."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    key: str
    title: str  # what is measured, in a few words
    limit: float
    unit: str  # "ms", "×" or "req/s"
    at_most: bool  # True: the measure must be ≤ limit; False: ≥ limit
    why: str  # one paragraph for the top of results.md

    @property
    def target(self) -> str:
        amount = f"{self.limit:g}" if self.unit == "×" else f"{self.limit:,g}"
        sep = "" if self.unit == "×" else " "
        return f"{'≤' if self.at_most else '≥'} {amount}{sep}{self.unit}"

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "–"
        return "PASS" if (value <= self.limit if self.at_most else value >= self.limit) else "FAIL"


BUDGETS: dict[str, Budget] = {b.key: b for b in [
    Budget("page_p95", "page, p95 server time", 15.0, "ms", True,
           "Every page a user opens (diarium and start page as admin and as handläggare, the remiss page of an "
           "incoming and of an outgoing remiss, the month calendar, two searches) answers within 15 ms of "
           "server time in 95 requests of 100, at 100,000 remisser on this 2-core machine. Server time is the "
           "WSGI call from the request's first byte in to the response's last byte out, measured in-process "
           "through the real routes (Flask test client, a logged-in session), the pages taken in turn, round "
           "after round."),
    Budget("growth", "page median at 10× the data / at 1×", 1.5, "×", True,
           "Cost grows with the rows shown, not with the data: the same pages at 1,000,000 remisser "
           "(`make bench SCALE=10`: ninety more years of closed history before the same newest ten years) take "
           "at most 1.5× their median time at 100,000. Shown when both scales were measured, in one run "
           "(`SCALE=1,10`) or from the scale-1 file a previous run left (bench/results-scale-1.json)."),
    Budget("sql_ratio", "page SQL in the app / the same SQL raw", 2.0, "×", True,
           "A page's SQL costs at most twice what the same statements cost through the raw driver. Each "
           "statement's `cursor.execute` is timed inside the request (SQLAlchemy's before/after_cursor_execute "
           "events) and the statements, with their parameters, are replayed through the raw DB-API connection "
           "(sqlite3 / psycopg) timing the same call; fetching rows is outside both. The replay alternates "
           "with the requests. What it catches: plans the app's statements get and the raw ones do not "
           "(prepared statements, generic plans), and time spent between the driver's execute calls."),
    Budget("throughput", "requests/s, 16 logged-in users, gunicorn 4 workers", 150.0, "req/s", False,
           "Under 16 concurrent logged-in users (16 distinct accounts, session cookies from the login form) a "
           "real gunicorn with 4 workers (deploy/gunicorn.conf.py: gthread, 4 threads) on 127.0.0.1 serves "
           "at least 150 requests per second of every page. Load from wrk (one connection per user, keep-"
           "alive); a bare Flask route on the same workers is shown beside it as a reference, not a target. "
           "Load generator and server share the 2 cores."),
    Budget("sweep_idle", "reminder sweep with nothing due, median", 20.0, "ms", True,
           "The scheduler's sweep when nothing is due (steady state) takes at most 20 ms."),
    Budget("sweep_due", "reminder sweep of 10,000 due reminders", 2000.0, "ms", True,
           "10,000 due reminders are composed and handed to the transport (a null transport) within 2 s."),
    Budget("missiv", "missiv parsing of a 20-page PDF, median", 1000.0, "ms", True,
           "Text extraction and parsing of a 20-page missiv PDF takes under a second."),
]}
