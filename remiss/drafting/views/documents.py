"""The tjänsteskrivelse and the yttrande as Word and PDF, rendered once and stored, and the stored (locked) ones."""
from __future__ import annotations

from flask import abort, current_app, flash

from remiss.auth.access import load_remiss
from remiss.db import get_db, get_session
from remiss.documents import PdfUnavailable, RenderError, convert_to_pdf
from remiss.drafting import drafts, generate
from remiss.drafting.models import GeneratedDocument
from remiss.drafting.views import _back, bp
from remiss.remisser.models import Remiss
from remiss.web import get_or_404, now, principal
from remiss.web.downloads import download_file


def document_bytes(remiss_id: int, kind: str) -> tuple[Remiss, bytes]:
    """Return the current document of kind, reusing a stored one or rendering and storing a new one."""
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    generate.check_kind(kind, remiss)
    files_dir = current_app.config["FILES_DIR"]
    stored = generate.reusable(session, now=now(), remiss=remiss, kind=kind)
    if stored is not None:
        return remiss, generate.read(files_dir, stored)
    rendered = generate.render(session, now=now(), principal=principal(), remiss=remiss, kind=kind)
    # A GET reads with the reader session; the new row is written in its own short transaction.
    with get_db().transaction() as writer:
        generate.store(writer, now=now(), principal=principal(), remiss=writer.get(Remiss, remiss_id),
                       rendered=rendered, files_dir=files_dir)
    return remiss, rendered.data


@bp.get("/remisser/<int:remiss_id>/dokument/<kind>.docx")
def document(remiss_id: int, kind: str):
    try:
        remiss, data = document_bytes(remiss_id, kind)
    except generate.OutgoingRemiss as exc:
        abort(404, str(exc))
    except drafts.DraftError:
        abort(404)
    except RenderError as exc:
        flash(str(exc), "error")
        return _back(remiss_id)
    return download_file(data, generate.filename_of(remiss, kind), generate.DOCX)


@bp.get("/remisser/<int:remiss_id>/dokument/<kind>.pdf")
def document_pdf(remiss_id: int, kind: str):
    try:
        remiss, data = document_bytes(remiss_id, kind)
        pdf = convert_to_pdf(data)
    except generate.OutgoingRemiss as exc:
        abort(404, str(exc))
    except drafts.DraftError:
        abort(404)
    except (PdfUnavailable, RenderError) as exc:
        flash(f"{exc} Ladda ner Word-filen i stället.", "error")
        return _back(remiss_id)
    return download_file(pdf, generate.filename_of(remiss, kind, "pdf"), "application/pdf")


@bp.get("/remisser/<int:remiss_id>/dokument/arkiv/<int:document_id>.docx")
def stored_document(remiss_id: int, document_id: int):
    session = get_session()
    remiss = load_remiss(session, principal(), remiss_id)
    row = get_or_404(GeneratedDocument, document_id, remiss_id=remiss.id)
    return download_file(generate.read(current_app.config["FILES_DIR"], row), generate.filename_of(remiss, row.kind),
                 generate.DOCX)
