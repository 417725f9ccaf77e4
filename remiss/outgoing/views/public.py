"""The public page of a published outgoing remiss: no login, only what was published."""
from __future__ import annotations

from flask import abort, current_app, render_template, send_file

from remiss import files
from remiss.clock import local_today
from remiss.db import get_session
from remiss.outgoing import present
from remiss.outgoing.views import bp
from remiss.web import now


@bp.route("/remissvar/<int:remiss_id>")
def public_page(remiss_id: int):
    context = present.public_page(get_session(), remiss_id, today=local_today(now()))
    if context is None:
        abort(404)
    return render_template("outgoing/public.html", **context)


@bp.route("/remissvar/<int:remiss_id>/filer/<int:attachment_id>")
def public_file(remiss_id: int, attachment_id: int):
    attachment = present.is_published_file(get_session(), remiss_id, attachment_id)
    if attachment is None:
        abort(404)
    path = files.path_of(current_app.config["FILES_DIR"], attachment.storage_key)
    return send_file(path, mimetype=attachment.content_type, as_attachment=True, download_name=attachment.filename)
