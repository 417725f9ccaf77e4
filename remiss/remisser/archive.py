"""The archive of what was expedierat: at expediering the PDF of the yttrande is made once, stored and kept as it is.

The mail to the remittent attaches these very bytes (drafting.mailing), and the remiss page and the API offer
them as "Expedierat yttrande (arkiverat)": never made again, so a later template of the nämnd changes nothing here.
Expedierat, not "skickat": the mail may still wait in the Utkorg (walk20 H8), and the words must be true at once.
"""
from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.documents import PdfUnavailable, RenderError, convert_to_pdf
from remiss.remisser.models import ArchivedDocument, Remiss

PDF = "application/pdf"
LABEL = "Expedierat yttrande (arkiverat)"


def archive_sent_pdf(session: Session, *, now: datetime, actor_id: int | None, remiss: Remiss, docx: bytes,
                     source_document_id: int | None, version_number: int, rattelse: int, filename: str,
                     files_dir: str) -> ArchivedDocument | None:
    """Convert the expedierat yttrande's .docx to PDF once and keep it; None (and a note in the history) when no
    PDF can be made: then the Word file that is sent is the whole record."""
    try:
        pdf = convert_to_pdf(docx)
    except (PdfUnavailable, RenderError) as exc:
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                     action="arkiv", note=f"Inget PDF-arkiv av det expedierade yttrandet: {exc}")
        return None
    stored = files.store(files_dir, pdf, content_type=PDF)
    row = ArchivedDocument(remiss_id=remiss.id, kind="yttrande", rattelse=rattelse, version_number=version_number,
                           source_document_id=source_document_id, filename=filename, content_type=PDF,
                           sha256=stored.sha256, size=stored.size, storage_key=stored.key, created_by_id=actor_id,
                           created_at=now)
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                 action="arkiv", note=f"Expedierat yttrande arkiverat som PDF (version {version_number}, "
                                      f"SHA-256 {stored.sha256[:12]}…).")
    return row


def archived_of(session: Session, remiss_id: int) -> list[ArchivedDocument]:
    """The remiss's archived documents, in the order they were sent."""
    return list(session.exec(select(ArchivedDocument).where(ArchivedDocument.remiss_id == remiss_id)
                             .order_by(ArchivedDocument.created_at, ArchivedDocument.id)))


def read(files_dir: str, row: ArchivedDocument) -> bytes:
    return files.path_of(files_dir, row.storage_key).read_bytes()


def label(row: ArchivedDocument) -> str:
    """"Expedierat yttrande (arkiverat)", or "Expedierad rättelse 1 (arkiverad)"."""
    return LABEL if not row.rattelse else f"Expedierad rättelse {row.rattelse} (arkiverad)"


def archive_json(session: Session, remiss) -> list[dict]:
    """The API detail's "archived": what was expedierat, exactly, with where to fetch it."""
    return [{"id": a.id, "kind": a.kind, "label": label(a), "rattelse": a.rattelse, "version": a.version_number,
             "filename": a.filename, "content_type": a.content_type, "sha256": a.sha256, "size": a.size,
             "archived_at": a.created_at.isoformat(), "url": f"/remisser/{remiss.id}/arkiv/{a.id}"}
            for a in archived_of(session, remiss.id)]
