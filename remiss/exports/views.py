"""Download the diarium, with the filters in force, as CSV or XLSX."""
from __future__ import annotations

from flask import Blueprint, Response, abort, request, send_file, url_for
from flask_login import login_required

from remiss.clock import local_today
from remiss.db import get_db, get_session
from remiss.exports import service
from remiss.remisser.filters import RemissFilter
from remiss.web import now, principal
from remiss.web.errors import error_response
from remiss.web.downloads import attachment

bp = Blueprint("exports", __name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/remisser/export.<fmt>")
@login_required
def diarium(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    f = RemissFilter.from_args(request.args)
    if f.errors:
        # a filter that was not understood would export the whole diarium as if it were the list asked for
        lines = " ".join(line for _, line in f.error_items())
        return error_response(400, f"Exporten är inte gjord: filtret innehåller fel. {lines} Rätta filtret i "
                                   "listan och exportera igen.")
    who = principal()
    page_url = url_for("remisser.show", remiss_id=0, _external=True)[:-1]
    name = f"diarium-{local_today(now()).isoformat()}.{fmt}"
    if fmt == "xlsx":
        rows = service.rows(get_session(), who, f, lambda remiss_id: f"{page_url}{remiss_id}", now=now())
        response = send_file(service.xlsx_file(rows), mimetype=XLSX_TYPE)
    else:
        response = Response(_csv_stream(get_db(), who, f, page_url, now()), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = attachment(name)
    return response


def _csv_stream(db, who, f, page_url, moment):
    """Stream from a session of its own: the request's session is closed before the body is sent (moment: the
    request's now, read while it is there)."""
    session = db.session(write=False)
    try:
        yield from service.csv_chunks(service.rows(session, who, f, lambda remiss_id: f"{page_url}{remiss_id}",
                                                   now=moment))
    finally:
        session.close()
