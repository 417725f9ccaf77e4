"""The remiss's files: upload remisshandlingar, download a stored file, and a document exactly as it was
expedierat (the archive). Routes on the remisser blueprint (remiss.remisser.views)."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_login import login_required

from remiss import files
from remiss.auth.access import Action, load_remiss
from remiss.db import get_session
from remiss.remisser import attachments
from remiss.remisser.models import ArchivedDocument, Attachment, Direction
from remiss.remisser.views import bp
from remiss.web import get_or_404, now, principal


@bp.route("/remisser/<int:remiss_id>/filer", methods=["POST"])
@login_required
def upload(remiss_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id, Action.edit)
    uploads = [u for u in request.files.getlist("files") if u and u.filename]
    if not uploads:
        flash("Välj minst en fil.", "error")
    try:
        attachments.add_uploads(session, now=now(), principal=principal(), remiss=remiss, uploads=uploads,
                                config=current_app.config)
    except files.FileRejected as exc:
        session.rollback()
        flash(str(exc), "error")
    else:
        if uploads:
            done = _requeue_outgoing(session, remiss)
            saved = "Filen är sparad." if len(uploads) == 1 else f"{len(uploads)} filer är sparade."
            if done is not None and done.held:
                flash(saved, "success")
                flash(_requeued_words(done), "warning")
            else:
                flash(" ".join(filter(None, [saved, _requeued_words(done) if done is not None else ""])), "success")
            added = _not_got(session, remiss)
            if added:
                flash(added, "warning")
    return redirect(url_for("remisser.show", remiss_id=remiss_id) + "#handlingar")


def _requeue_outgoing(session, remiss):
    """A remisshandling added to a sent utgående remiss: the missiv still in the Utkorg is made anew, so it goes out
    with the new handling and lists it (h-queue24); None for any other remiss."""
    if remiss.direction != Direction.utgaende:
        return None
    from remiss.outgoing.service.amendments import requeue
    return requeue(session, now=now(), principal=principal(), remiss=remiss,
                   files_dir=current_app.config["FILES_DIR"], base_url=current_app.config["BASE_URL"])


def _not_got(session, remiss) -> str:
    """Which instanser, sent this utgående remiss already, have not got the file just added, and how to send it
    (walk24 V6: only "Filen är sparad." was said); "" for any other remiss."""
    if remiss.direction != Direction.utgaende:
        return ""
    from remiss.outgoing.service.amendments import added_text, news
    return added_text(news(session, remiss))


def _requeued_words(done) -> str:
    from remiss.outgoing.service.amendments import requeued_words
    return requeued_words(done)


@bp.route("/filer/<int:attachment_id>")
@login_required
def download(attachment_id: int):
    session = get_session()
    attachment = get_or_404(Attachment, attachment_id)
    load_remiss(session, principal(), attachment.remiss_id)
    path = files.path_of(current_app.config["FILES_DIR"], attachment.storage_key)
    return send_file(path, mimetype=attachment.content_type, as_attachment=True,
                     download_name=attachment.filename)


@bp.route("/remisser/<int:remiss_id>/arkiv/<int:archive_id>")
@login_required
def archived_document(remiss_id: int, archive_id: int):
    """A document exactly as it was expedierat ("Expedierat yttrande (arkiverat)"): the stored bytes, never made again."""
    session = get_session()
    load_remiss(session, principal(), remiss_id)
    row = session.get(ArchivedDocument, archive_id)
    if row is None or row.remiss_id != remiss_id:
        abort(404)
    return send_file(files.path_of(current_app.config["FILES_DIR"], row.storage_key), mimetype=row.content_type,
                     as_attachment=True, download_name=row.filename)
