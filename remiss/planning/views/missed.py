"""The first request of each day flags the sammanträden that passed without their step (planning.service.missed):
the morning after a nämnd met without a beslut, the start page, the remiss page, the calendar and the API say so
before any reminder sweep has run. One source of truth: the stored flag (Milestone.flag_reason
sammantrade_passerat), set by one function, from the sweep, a re-plan and here, each with the moment it was given
(here the request's clock, Europe/Stockholm)."""
from __future__ import annotations

import logging

from flask import current_app, request
from sqlalchemy.exc import SQLAlchemyError

from remiss.clock import local_today
from remiss.db import get_db
from remiss.planning.service.missed import flag_missed_meetings
from remiss.planning.views import bp
from remiss.web import now

log = logging.getLogger(__name__)
_CHECKED = "remiss_missed_checked"  # app.extensions: the local day this process last flagged for


@bp.before_app_request
def flag_passed_meetings() -> None:
    """Flag once per day and process, in a short transaction of its own (a GET's session only reads). A meeting
    passes at midnight, so a day is the finest step; a re-plan flags its own remiss at once."""
    if request.endpoint in (None, "static", "favicon"):
        return
    moment = now()
    today = local_today(moment)
    if current_app.extensions.get(_CHECKED) == today:
        return
    try:
        with get_db().transaction() as session:
            flag_missed_meetings(session, now=moment)
    except SQLAlchemyError:  # the page is still worth showing; the next request tries again
        log.exception("Kunde inte markera passerade sammanträden")
        return
    current_app.extensions[_CHECKED] = today
