"""The first request of each day flags the sammanträden that passed without their step (planning.service.missed):
the morning after a nämnd met without a beslut, the start page, the remiss page, the calendar and the API say so
before any reminder sweep has run. One source of truth: the stored flag (Milestone.flag_reason
sammantrade_passerat), set by one function, from the sweep, a re-plan and here, each with the moment it was given
(here the request's clock, Europe/Stockholm). Every request also looks whether a stored flag's meeting is not passed
at its clock (a sweep with a later --now wrote it) and takes it back before the page or the API reads it."""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app, request
from sqlalchemy.exc import SQLAlchemyError

from remiss.clock import local_today
from remiss.db import get_db
from remiss.db_errors import locked, unreachable
from remiss.planning.service.missed import any_missed, any_unpassed, flag_missed_meetings
from remiss.planning.views import bp
from remiss.web import now

log = logging.getLogger(__name__)
_CHECKED = "remiss_missed_checked"  # app.extensions: (the local day this process last flagged for, retry after)
RETRY = timedelta(minutes=5)  # after a failure (the database busy or locked): not on every request


@bp.before_app_request
def flag_passed_meetings() -> None:
    """Flag once per day and process, and take back a flag the clock has not reached on every request. A reader
    looks first, so that a day with nothing to flag takes no write lock; what there is, is written in a short
    transaction of its own (a GET's session only reads). A meeting passes at midnight, so a day is the finest step;
    a re-plan flags its own remiss at once."""
    if request.endpoint in (None, "static", "favicon", "ops.health"):  # a probe every few seconds writes nothing
        return
    moment = now()
    today = local_today(moment)
    checked = current_app.extensions.get(_CHECKED)
    looked = checked is not None and (checked[0] == today or (checked[1] is not None and moment < checked[1]))
    try:
        with get_db().transaction(write=False) as reader:
            wrong = any_unpassed(reader, now=moment)  # every request: a flag the clock has not reached is not shown
            needed = wrong or (not looked and any_missed(reader, now=moment))
        if needed:
            with get_db().transaction() as session:
                flag_missed_meetings(session, now=moment)
    except SQLAlchemyError as exc:  # the page is still worth showing; a request some minutes on tries again
        if unreachable(exc) and not locked(exc):  # no page can be: the 503 of remiss.web.database_down, logged once
            raise
        log.exception("Kunde inte markera passerade sammanträden")
        if not looked:
            current_app.extensions[_CHECKED] = (None, moment + RETRY)
        return
    if not looked:
        current_app.extensions[_CHECKED] = (today, None)
