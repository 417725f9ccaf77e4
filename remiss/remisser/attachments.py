"""Remisshandlingar: upload and look up stored files."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam
from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.remisser.finished import require_not_voided
from remiss.remisser.models import Attachment, Remiss


def add(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, filename: str,
        data: bytes, files_dir: str, max_bytes: int, purpose: str = "remisshandling",
        sandlista_entry_id: int | None = None, from_mail: str = "") -> Attachment:
    """Store an uploaded file on the remiss after checking its type and size; none on a makulerad remiss. from_mail:
    the sender of the Inkorg mail the file came with, for the history (no one uploaded it, walk25 Y14)."""
    require(principal, Action.edit, remiss.namnd_id)
    require_not_voided(remiss)
    name = files.safe_name(filename)
    content_type = files.check_upload(name, data, max_bytes=max_bytes)
    stored = files.store(files_dir, data, content_type=content_type)
    attachment = Attachment(remiss_id=remiss.id, sandlista_entry_id=sandlista_entry_id, purpose=purpose,
                            filename=name, content_type=content_type, size=stored.size, sha256=stored.sha256,
                            storage_key=stored.key, uploaded_by_id=principal.user_id, uploaded_at=now)
    session.add(attachment)
    session.flush()
    if from_mail:
        audit.record(session, now=now, user_id=principal.user_id, entity="attachment", entity_id=attachment.id,
                     remiss_id=remiss.id, action="from_mail",
                     changes={"filename": [None, name], "size": [None, stored.size], "from_mail": [None, from_mail]})
    else:
        audit.record(session, now=now, user_id=principal.user_id, entity="attachment", entity_id=attachment.id,
                     remiss_id=remiss.id, action="upload",
                     changes={"filename": [None, name], "size": [None, stored.size]})
    return attachment


# The remiss page's statement, built once and run with the remiss id (building costs about as much as running).
_OF_REMISS = (select(Attachment).where(Attachment.remiss_id == bindparam("remiss_id"))
              .order_by(Attachment.uploaded_at, Attachment.id))


def of_remiss(session: Session, remiss_id: int, purpose: str | None = None) -> list[Attachment]:
    if not purpose:
        return list(session.scalars(_OF_REMISS, {"remiss_id": remiss_id}))
    stmt = select(Attachment).where(Attachment.remiss_id == remiss_id, Attachment.purpose == purpose)
    return list(session.exec(stmt.order_by(Attachment.uploaded_at, Attachment.id)))


FILES_LIMIT = 50  # files in one upload


def check_uploads(uploads, *, max_bytes: int) -> list[str]:
    """Check uploaded files (werkzeug FileStorage) before anything is saved: raise FileRejected naming the first
    bad file (too big, a program, a refused type); return notes on files kept but unreadable (protected PDFs).
    The files are rewound, so they can be read again when stored."""
    notes = []
    for upload in uploads:
        if not (upload and upload.filename):
            continue
        data = upload.read()
        upload.stream.seek(0)
        name = files.safe_name(upload.filename)
        files.check_upload(name, data, max_bytes=max_bytes)
        if name.lower().endswith(".pdf") and files.pdf_protected(data):
            notes.append(f"{name} är lösenordsskyddad. Den sparas som remisshandling, men dess text kan inte "
                         "läsas eller sökas. Be remittenten om en fil utan lösenord om ni behöver texten.")
    return notes


def add_uploads(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, uploads,
                config, purpose: str = "remisshandling") -> list[Attachment]:
    """Store every non-empty uploaded file (werkzeug FileStorage) with the configured limits."""
    uploads = [upload for upload in uploads if upload and upload.filename]
    if len(uploads) > FILES_LIMIT:
        raise files.FileRejected(f"Högst {FILES_LIMIT} filer åt gången (du valde {len(uploads)}).")
    return [add(session, now=now, principal=principal, remiss=remiss, filename=upload.filename,
                data=upload.read(), files_dir=config["FILES_DIR"], max_bytes=config["UPLOAD_MAX_BYTES"],
                purpose=purpose)
            for upload in uploads if upload and upload.filename]
