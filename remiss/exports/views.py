"""Download the diarium, with the filters in force, as CSV or XLSX."""
from __future__ import annotations

from flask import Blueprint, Response, abort, request, send_file, stream_with_context, url_for
from flask_login import login_required

from remiss import display
from remiss.clock import local_today
from remiss.db import get_session
from remiss.exports import service
from remiss.remisser.queries import RemissFilter
from remiss.web import now, principal

bp = Blueprint("exports", __name__)

display.EXPORT_FORMATS.extend([("csv", "Exportera CSV"), ("xlsx", "Exportera Excel")])
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/remisser/export.<fmt>")
@login_required
def diarium(fmt: str):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    f = RemissFilter.from_args(request.args)
    rows = service.rows(get_session(), principal(), f,
                        lambda remiss_id: url_for("remisser.show", remiss_id=remiss_id, _external=True))
    name = f"diarium-{local_today(now()).isoformat()}.{fmt}"
    if fmt == "csv":
        response = Response(stream_with_context(service.csv_chunks(rows)), mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return send_file(service.xlsx_file(rows), mimetype=XLSX_TYPE, as_attachment=True, download_name=name)
