"""GET /halsa (also /healthz): whether this web process can answer, for nginx, systemd and monitoring.

200 {"status": "ok"} only when the database answers; 503 otherwise (walk13 finding 7: /logga-in answered 200
with the database down). No login, no session, no detail an outsider could use.
"""
from __future__ import annotations

import logging

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from remiss.db import get_db
from remiss.db_errors import reason, unreachable

bp = Blueprint("ops", __name__)
log = logging.getLogger(__name__)


@bp.get("/halsa")
@bp.get("/healthz")
def health():
    try:
        with get_db().read_engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        outage = current_app.extensions.get("remiss_outage")  # remiss.web.database_down: one line per outage
        if outage is not None and unreachable(exc):
            outage.down(reason(current_app.config["DATABASE_URL"], exc))
        else:
            log.warning("Hälsokontrollen: databasen svarar inte: %s", str(exc).splitlines()[0])
        response = jsonify(status="fel", orsak="Databasen svarar inte.")
        response.status_code = 503
    else:
        response = jsonify(status="ok")
    response.headers["Cache-Control"] = "no-store"
    return response
