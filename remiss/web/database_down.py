"""The database goes away while the web app runs: every page answers a Swedish 503, the API a JSON 503, and the
log says so once per outage (and once when the database answers again), not a traceback per request.

A page POST shows what was typed, to copy (as remiss.web.lost_input does): nothing was saved. The page is drawn
as for a visitor who is not signed in, since the signed-in user is read from the database.
"""
from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app, g, jsonify, render_template, request
from sqlalchemy import event

from remiss.db_errors import locked, reason

log = logging.getLogger("remiss.web.database")

MESSAGE = "Databasen går inte att nå just nu. Försök igen om en stund."
BUSY = "Databasen är upptagen just nu. Försök igen om en stund."
RETRY_AFTER_SECONDS = 30


class Outage:
    """Whether this process has found the database gone, since when, and how many answers were 503 since."""

    def __init__(self):
        self._lock = threading.Lock()
        self.since: float | None = None
        self.refused = 0

    def down(self, why: str) -> None:
        with self._lock:
            self.refused += 1
            if self.since is not None:
                return
            self.since, self.refused = time.monotonic(), 1
        log.warning("%s Sidorna och API:t svarar 503 tills den svarar igen.", why)

    def up(self) -> None:
        if self.since is None:  # the usual case, without the lock: one check per connection taken from the pool
            return
        with self._lock:
            if self.since is None:
                return
            seconds, refused = time.monotonic() - self.since, self.refused
            self.since, self.refused = None, 0
        log.warning("Databasen svarar igen efter %s; %d %s fick svaret 503 under tiden.", _duration(seconds),
                    refused, "förfrågan" if refused == 1 else "förfrågningar")


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"


def outage(app: Flask) -> Outage:
    return app.extensions["remiss_outage"]


def init_app(app: Flask) -> None:
    """Watch the engines: a connection handed out (after its ping on PostgreSQL) ends an outage."""
    app.extensions["remiss_outage"] = state = Outage()
    # Flask's handler on the "remiss" logger: under gunicorn these lines then carry a time and a level, as the
    # workers' own lines do, instead of Python's bare last-resort output
    app.logger  # noqa: B018
    db = app.extensions["remiss_db"]
    for engine in {db.read_engine, db.write_engine}:
        event.listen(engine, "checkout", lambda *_: state.up())


def answer(exc: Exception):
    """The 503 for a request the database could not serve."""
    from remiss.web.extensions import login_manager
    from remiss.web.lost_input import is_page_post, posted_text

    session = g.pop("db_session", None)
    if session is not None:
        try:
            session.close()  # hands its connection back, or drops it when the connection is broken
        except Exception:  # noqa: BLE001 - the database is gone; there is nothing to close cleanly
            pass
    g._login_user = login_manager.anonymous_user()  # the page's menu and name would read the user from the database
    why = reason(current_app.config["DATABASE_URL"], exc)
    if locked(exc):  # SQLite, busy past its timeout: the database is there, the next request may well get in
        message = BUSY
        log.warning("%s Svaret blev 503 (%s).", why, BUSY)
    else:
        message = MESSAGE
        outage(current_app).down(why)
    if request.path.startswith("/api/"):
        response = jsonify(error=message, status=503)
        response.status_code = 503
    else:
        fields, cut = posted_text() if is_page_post() else ([], False)
        try:
            body = render_template("database_down.html", message=message, fields=fields, cut=cut,
                                   posted=is_page_post())
        except Exception:  # noqa: BLE001 - the page must come whatever else is down with the database
            log.exception("Sidan om databasen kunde inte visas")
            body = f"<!doctype html><html lang=sv><title>Fel 503 – Remiss</title><h1>{message}</h1>"
        response = current_app.response_class(body, status=503, mimetype="text/html")
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response
