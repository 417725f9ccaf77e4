"""Intake verbs: read a missiv into a pending batch, load it, attach its files on registration, clean up."""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import AccessDenied, Action, Principal
from remiss.intake.models import IntakeBatch
from remiss.intake.reading import ReadLimits, read_missiv
from remiss.remisser import attachments
from remiss.remisser.models import Attachment, Remiss

MAX_AGE = timedelta(hours=24)  # a pending batch not registered within this is removed with its files


@dataclass(frozen=True)
class PendingFile:
    filename: str
    content_type: str
    size: int
    key: str

    @property
    def size_label(self) -> str:
        return f"{max(1, round(self.size / 1024))} kB" if self.size < 1048576 else f"{self.size / 1048576:.1f} MB"


@dataclass(frozen=True)
class Intake:
    """A pending batch as the registration form shows it."""

    token: str
    source: str
    values: dict
    evidence: dict
    warnings: list
    files: list[PendingFile]


def start(session: Session, *, now: datetime, principal: Principal, text: str, uploads: list[tuple[str, bytes]],
          files_dir: str, max_bytes: int, reference_date: date | None = None,
          limits: ReadLimits | None = None) -> IntakeBatch:
    """Read the missiv and keep the prefill and the uploaded files until registration; raise FileRejected."""
    if principal.user_id is None or not principal.may(Action.create):
        raise AccessDenied("Du har inte behörighet att registrera remisser.")
    reading = read_missiv(text, uploads, limits=limits or ReadLimits(max_bytes), reference_date=reference_date)
    cleanup(session, now=now, files_dir=files_dir)
    stored = []
    for upload in reading.keep:
        kept = files.store(files_dir, upload.data, content_type=upload.content_type)
        stored.append({"filename": upload.filename, "content_type": upload.content_type, "size": kept.size,
                       "key": kept.key})
    batch = IntakeBatch(token=secrets.token_urlsafe(24), user_id=principal.user_id, created_at=now,
                        source=reading.source[:300],
                        form_values=json.dumps(reading.parsed["values"], ensure_ascii=False),
                        evidence=json.dumps(reading.parsed["evidence"], ensure_ascii=False),
                        warnings=json.dumps(reading.all_warnings, ensure_ascii=False),
                        files=json.dumps(stored, ensure_ascii=False))
    session.add(batch)
    session.flush()
    return batch


def load(session: Session, *, principal: Principal, token: str | None) -> Intake | None:
    """Return the principal's own pending batch for token, or None."""
    batch = _own(session, principal, token)
    if batch is None:
        return None
    return Intake(batch.token, batch.source, json.loads(batch.form_values), json.loads(batch.evidence),
                  json.loads(batch.warnings), [PendingFile(**f) for f in json.loads(batch.files)])


def attach(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, token: str,
           files_dir: str, max_bytes: int) -> list[Attachment]:
    """Make the batch's files remisshandlingar of the newly registered remiss and drop the batch."""
    batch = _own(session, principal, token)
    if batch is None:
        raise files.FileRejected("De uppladdade filerna finns inte längre (de sparas i 24 timmar). "
                                 "Registrera igen och lägg till filerna på remissens sida.")
    added = []
    pending = json.loads(batch.files)
    for item in pending:
        data = files.path_of(files_dir, item["key"]).read_bytes()
        added.append(attachments.add(session, now=now, principal=principal, remiss=remiss,
                                     filename=item["filename"], data=data, files_dir=files_dir,
                                     max_bytes=max_bytes))
    session.delete(batch)
    session.flush()
    _remove_files(files_dir, pending)
    return added


def discard(session: Session, *, principal: Principal, token: str, files_dir: str) -> bool:
    """Forget the principal's pending batch and its files."""
    batch = _own(session, principal, token)
    if batch is None:
        return False
    _remove_files(files_dir, json.loads(batch.files))
    session.delete(batch)
    session.flush()
    return True


def cleanup(session: Session, *, now: datetime, files_dir: str, max_age: timedelta = MAX_AGE) -> int:
    """Remove pending batches older than max_age, and their files; return how many."""
    old = session.exec(select(IntakeBatch).where(IntakeBatch.created_at < now - max_age)).all()
    for batch in old:
        _remove_files(files_dir, json.loads(batch.files))
        session.delete(batch)
    session.flush()
    return len(old)


def _own(session: Session, principal: Principal, token: str | None) -> IntakeBatch | None:
    if not token or principal.user_id is None:
        return None
    batch = session.exec(select(IntakeBatch).where(IntakeBatch.token == token[:64])).first()
    return batch if batch is not None and batch.user_id == principal.user_id else None


def _remove_files(files_dir: str, pending: list[dict]) -> None:
    for item in pending:
        try:
            files.path_of(files_dir, item["key"]).unlink(missing_ok=True)
        except (files.FileRejected, OSError):
            pass
