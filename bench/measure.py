"""Timing helpers: median and p95, the server time of a WSGI call, the statements a request runs, raw replay."""
from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass

from sqlalchemy import event


@dataclass
class Timing:
    median: float  # ms
    p95: float  # ms
    n: int = 0


def summary(samples: list[float]) -> Timing:
    """Median and p95 (nearest rank) of samples in ms."""
    ordered = sorted(samples)
    return Timing(statistics.median(ordered), ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)], len(ordered))


def timed(fn, repeats: int) -> Timing:
    """Run fn once to warm up, then repeats times; return median and p95 in ms."""
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return summary(samples)


class ServerClock:
    """WSGI middleware: the time from the call until the response iterable is closed (`last`, in ms)."""

    def __init__(self, app):
        self.app = app
        self.last = 0.0

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        body = self.app(environ, start_response)
        clock = self

        class Closing:
            def __iter__(self):
                return iter(body)

            def close(self):
                try:
                    if hasattr(body, "close"):
                        body.close()
                finally:
                    clock.last = (time.perf_counter() - started) * 1000

        return Closing()


class StatementClock:
    """Record each statement sent through the engines with its parameters and the time of its execute call.

    `statements` holds (statement, parameters, executemany, ms) since the last reset()."""

    def __init__(self, engines):
        self.engines = list(dict.fromkeys(engines))
        self.statements: list[tuple[str, object, bool, float]] = []
        self._started = 0.0

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        self._started = time.perf_counter()

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        self.statements.append((statement, parameters, executemany, (time.perf_counter() - self._started) * 1000))

    def reset(self) -> None:
        self.statements = []

    @property
    def total(self) -> float:
        return sum(s[3] for s in self.statements)

    def __enter__(self):
        for engine in self.engines:
            event.listen(engine, "before_cursor_execute", self._before)
            event.listen(engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc):
        for engine in self.engines:
            event.remove(engine, "before_cursor_execute", self._before)
            event.remove(engine, "after_cursor_execute", self._after)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class RawReplay:
    """Run a request's statements on a raw DB-API connection, timing each execute call as the app's cursor
    events do; rows are fetched (untimed) as the app fetches them. A run ends as the request does: a commit,
    or a rollback when the statements write (nothing a replay does is kept).

    All pages' replays share one connection, as all pages' requests share the app's: a connection of its own
    per page kept that page's rows in its SQLite page cache (2 MB per connection) while the app's connection
    had just read another page's, and the raw side looked up to 5× faster for it."""

    def __init__(self, raw, statements):
        self.statements = [(s, p, many) for s, p, many, _ in statements]
        self.writes = any(s.lstrip().upper().startswith(WRITES) for s, _, _ in self.statements)
        self.conn = raw.driver_connection

    def __call__(self) -> float:
        """Run once; return the summed execute time in ms."""
        total = 0.0
        try:
            for statement, parameters, many in self.statements:
                cur = self.conn.cursor()  # a cursor per statement, as SQLAlchemy uses them (made untimed)
                started = time.perf_counter()
                if many:
                    cur.executemany(statement, parameters)
                else:
                    cur.execute(statement, parameters)
                total += time.perf_counter() - started
                if cur.description is not None:
                    cur.fetchall()
                cur.close()
        finally:
            (self.conn.rollback if self.writes else self.conn.commit)()
        return total * 1000
