"""Every request puts back "skickad" on an outgoing remiss whose "svarstiden ute" the clock has not reached
(outgoing.service.lifecycle.not_yet_out): a `remiss outgoing chasers --now` ahead, a catch-up or a skewed host set
it, and the start page, the remiss page and the API would say it until the hourly job ran. A reader looks first, so a
request with nothing to put back takes no write lock."""
from __future__ import annotations

import logging

from flask import request
from sqlalchemy.exc import SQLAlchemyError

from remiss.db import get_db
from remiss.db_errors import locked, unreachable
from remiss.outgoing.service.lifecycle import not_yet_out, sync_deadline
from remiss.outgoing.views import bp
from remiss.web import now

log = logging.getLogger(__name__)


@bp.before_app_request
def put_back_svarstid() -> None:
    if request.endpoint in (None, "static", "favicon", "ops.health"):  # a probe every few seconds writes nothing
        return
    moment = now()
    try:
        with get_db().transaction(write=False) as reader:
            wrong = bool(not_yet_out(reader, now=moment))
        if wrong:
            with get_db().transaction() as session:
                for remiss in not_yet_out(session, now=moment):
                    sync_deadline(session, now=moment, remiss=remiss)
    except SQLAlchemyError as exc:  # the page is still worth showing; the next request tries again
        if unreachable(exc) and not locked(exc):  # no page can be: the 503 of remiss.web.database_down
            raise
        log.exception("Kunde inte sätta tillbaka status Skickad")
