"""Timing helpers and floors: median and p95, a bare Flask route, the page's SQL replayed raw."""
from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask
from sqlalchemy import event


@dataclass
class Timing:
    median: float  # ms
    p95: float  # ms


def timed(fn, repeats: int) -> Timing:
    """Run fn once to warm up, then repeats times; return median and p95 in ms."""
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return Timing(statistics.median(samples), samples[max(0, int(round(len(samples) * 0.95)) - 1)])


@contextmanager
def captured_sql(engines):
    """Record (statement, parameters) of everything sent through the engines."""
    seen: list[tuple[str, object]] = []

    def _capture(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    for engine in engines:
        event.listen(engine, "before_cursor_execute", _capture)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", _capture)


def raw_replay(engine, statements):
    """Return a function that runs the statements on one raw DBAPI connection and fetches all rows.

    Each run ends in a rollback, and psycopg forgets its prepared statements on rollback: on PostgreSQL
    the floor's statements are always planned for their values. The app's pooled connections commit, so
    psycopg prepares a statement at its 5th use and PostgreSQL may switch to a generic plan after 5 more:
    a page that is slower than its floor from the 11th request on has a statement whose generic plan is
    bad (as the start page had: 0.3 → 90 ms), a cost a running server pays too, not a bench artefact."""
    raw = engine.raw_connection()
    conn = raw.driver_connection

    def run():
        cur = conn.cursor()
        for statement, parameters in statements:
            cur.execute(statement, parameters)
            if cur.description is not None:
                cur.fetchall()
        cur.close()
        conn.rollback()

    run.close = raw.close
    return run


def bare_route(html: str):
    """Return a function that fetches the same HTML from a bare Flask route."""
    app = Flask("floor")
    app.add_url_rule("/", "page", lambda: html)
    client = app.test_client()
    return lambda: client.get("/").get_data()
