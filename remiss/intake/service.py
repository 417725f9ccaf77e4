"""Intake verbs: read a missiv into a pending batch, load it, attach its files on registration, clean up;
receive a mail from the registrator's mailbox into the Inkorg, and accept, merge or dismiss it there."""
from __future__ import annotations

import dataclasses
import email.parser
import email.policy
import email.utils
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import AccessDenied, Action, Principal
from remiss.intake.models import InboxMessage, IntakeBatch
from remiss.intake.namnd_hint import propose_namnd
from remiss.intake.reading import BATCH_FACTOR, ReadLimits, read_missiv
from remiss.remisser import attachments
from remiss.remisser.models import Attachment, Remiss
from remiss.remisser.queries import namnder_for

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
    extension_to: date | None = None  # the letter extends a remiss's answer time to this day


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
    values = dict(reading.parsed["values"], extension_to=(reading.parsed.get("extension_to") or "")[:10])
    notes = _propose_namnd(session, principal, values)
    batch = IntakeBatch(token=secrets.token_urlsafe(24), user_id=principal.user_id, created_at=now,
                        source=reading.source[:300],
                        form_values=json.dumps(values, ensure_ascii=False),
                        evidence=json.dumps(reading.parsed["evidence"], ensure_ascii=False),
                        warnings=json.dumps(reading.all_warnings + notes, ensure_ascii=False),
                        files=json.dumps(stored, ensure_ascii=False))
    session.add(batch)
    session.flush()
    return batch


def _propose_namnd(session: Session, principal: Principal, values: dict) -> list[str]:
    """Preselect the nämnd the missiv names, among those the principal may register for; return the note to show."""
    proposal = propose_namnd(values.get("missiv_text") or "", (values.get("sandlista") or "").splitlines(),
                             namnder_for(session, principal, Action.create))
    if proposal is None:
        return []
    if proposal.namnd_id is not None:
        values["namnd_id"] = str(proposal.namnd_id)  # the form keeps it over the nämnd this user chose last time
    return [proposal.note]


def load(session: Session, *, principal: Principal, token: str | None) -> Intake | None:
    """Return the principal's own pending batch for token, or None."""
    batch = _own(session, principal, token)
    if batch is None:
        return None
    values = json.loads(batch.form_values)
    extension_to = values.pop("extension_to", "")
    return Intake(batch.token, batch.source, values, json.loads(batch.evidence),
                  json.loads(batch.warnings), [PendingFile(**f) for f in json.loads(batch.files)],
                  date.fromisoformat(extension_to) if extension_to else None)


GONE = "De uppladdade filerna finns inte längre (de sparas i 24 timmar). Läs in missivet igen."


def attach(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, token: str,
           files_dir: str, max_bytes: int) -> list[Attachment]:
    """Make the batch's files remisshandlingar of the newly registered remiss and drop the batch."""
    batch = _own(session, principal, token)
    if batch is None:
        raise files.FileRejected("De uppladdade filerna finns inte längre (de sparas i 24 timmar). "
                                 "Registrera igen och lägg till filerna på remissens sida.")
    return _use_batch(session, batch, "registered", now=now, principal=principal, remiss=remiss,
                      files_dir=files_dir, max_bytes=max_bytes)


def extend(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, token: str,
           record_extension: bool, files_dir: str, max_bytes: int) -> list[Attachment]:
    """Add a read letter to a registered remiss instead of registering it again: its files become
    remisshandlingar and, when asked and the letter extends the answer time, the general extension is recorded
    with the letter's text as its evidence. Raises FileRejected when the batch is gone, InputErrors for a date
    that does not extend the deadline."""
    from remiss.planning.service.extensions import Evidence, general_notice

    batch = _own(session, principal, token)
    if batch is None:
        raise files.FileRejected(GONE)
    values = json.loads(batch.form_values)
    until = values.get("extension_to") or ""
    added = _use_batch(session, batch, "merged", now=now, principal=principal, remiss=remiss, files_dir=files_dir,
                       max_bytes=BATCH_FACTOR * max_bytes, remove=False)
    if record_extension and until:
        general_notice(session, now=now, principal=principal, remiss=remiss,
                       sender=values.get("remittent") or remiss.remittent or "",
                       until_on=date.fromisoformat(until[:10]),
                       notice_on=date.fromisoformat(values["letter_date"]) if values.get("letter_date") else None,
                       evidence=Evidence(text=values.get("missiv_text", "")[:50000]))
    session.flush()
    _remove_files(files_dir, json.loads(batch.files))
    return added


def _use_batch(session: Session, batch: IntakeBatch, decision: str, *, now: datetime, principal: Principal,
               remiss: Remiss, files_dir: str, max_bytes: int, remove: bool = True) -> list[Attachment]:
    """Make the batch's files remisshandlingar of remiss, decide its Inkorg message, drop the batch."""
    added = []
    pending = json.loads(batch.files)
    for item in pending:
        data = files.path_of(files_dir, item["key"]).read_bytes()
        added.append(attachments.add(session, now=now, principal=principal, remiss=remiss,
                                     filename=item["filename"], data=data, files_dir=files_dir,
                                     max_bytes=max_bytes))
    message = session.get(InboxMessage, batch.inbox_message_id) if batch.inbox_message_id is not None else None
    if message is not None and message.status == "pending":  # a second batch from the same mail changes nothing
        _decide(message, decision, now=now, principal=principal, remiss=remiss)
    session.delete(batch)
    session.flush()
    if remove:
        _remove_files(files_dir, pending)
    return added


def matching_remiss_id(session: Session, values: dict) -> int | None:
    """The registered remiss a read letter belongs to: same remittent's diarienummer, else the same title."""
    return _same_sender_dnr(session, values.get("sender_dnr", "")) or _same_title(session, values.get("title", ""))


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


# The Inkorg: mails from the registrator's mailbox, each a proposal until a person decides.

def receive(session: Session, *, now: datetime, raw: bytes, size: int | None = None, files_dir: str,
            limits: ReadLimits) -> tuple[InboxMessage, bool]:
    """Read a fetched mail into a pending Inkorg message; return it and whether it is new (by Message-ID)."""
    headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    message_id = _header(headers, "Message-ID")[:500] or "sha256:" + hashlib.sha256(raw).hexdigest()
    known = session.exec(select(InboxMessage).where(InboxMessage.message_id == message_id)).first()
    if known is not None:
        return known, False
    subject = _header(headers, "Subject")
    warnings: list[str] = []
    parsed = {"values": {}, "evidence": {}, "warnings": [], "extension_to": None}
    stored = []
    if not raw:
        warnings.append(f"Meddelandet är för stort ({(size or 0) // 1048576} MB) för att läsas in här. "
                        "Öppna det i e-postprogrammet och registrera remissen för hand.")
    else:
        name = f"{_file_stem(subject)}.eml"
        stored.append(_store(files_dir, name, "message/rfc822", raw))
        try:
            reading = read_missiv("", [(name, raw)],
                                  limits=dataclasses.replace(limits, max_bytes=BATCH_FACTOR * limits.max_bytes))
        except files.FileRejected as exc:
            warnings.append(f"Meddelandet kunde inte läsas: {exc}")
        else:
            parsed = reading.parsed
            warnings.extend(reading.all_warnings)
            stored.extend(_store(files_dir, u.filename, u.content_type, u.data) for u in reading.keep
                          if u.data is not raw)  # the mail itself is stored first, above
    values = parsed["values"]
    message = InboxMessage(
        message_id=message_id, fetched_at=now, sent_at=_date(headers), sender=_header(headers, "From")[:300],
        subject=subject[:500], source=parsed.get("source") or "", form_values=json.dumps(values, ensure_ascii=False),
        evidence=json.dumps(parsed["evidence"], ensure_ascii=False), warnings=json.dumps(warnings, ensure_ascii=False),
        files=json.dumps(stored, ensure_ascii=False),
        extension_to=date.fromisoformat(parsed["extension_to"][:10]) if parsed.get("extension_to") else None,
        match_remiss_id=matching_remiss_id(session, values))
    session.add(message)
    session.flush()
    return message, True


# Words a remiss, a samråd or an extension notice uses and an ordinary staff mail does not.
REMISS_WORDS = re.compile(r"\b(?:remiss\w*|yttrande\w*|yttra|samråd\w*|synpunkter|svarsfrist\w*|svarstid\w*|"
                          r"remisstid\w*|remissvar\w*|granskning\w*|sändlista\w*|diarienummer|dnr)\b", re.IGNORECASE)


def looks_like_remiss(message: InboxMessage) -> bool:
    """Whether a mail reads as a remiss: remiss wording in its subject or text, a remittent's diarienummer, or an
    extension of a registered remiss. A deadline alone ("anmäl dig senast …") is not enough."""
    values = json.loads(message.form_values)
    if values.get("sender_dnr") or message.extension_to or message.match_remiss_id:
        return True
    return bool(REMISS_WORDS.search(" ".join((message.subject, values.get("title") or "",
                                              (values.get("missiv_text") or "")[:50000]))))


def pending_count(session: Session) -> int:
    """How many Inkorg messages wait for a decision (the menu and Att göra show it)."""
    from sqlalchemy import func

    return session.exec(select(func.count()).select_from(InboxMessage)
                        .where(InboxMessage.status == "pending")).one()


def inbox(session: Session, *, principal: Principal, status: str = "pending") -> list[InboxMessage]:
    """Return the Inkorg's messages of a status, newest first."""
    _require_registrar(principal)
    return list(session.exec(select(InboxMessage).where(InboxMessage.status == status)
                             .order_by(InboxMessage.fetched_at.desc(), InboxMessage.id.desc())).all())


def inbox_message(session: Session, *, principal: Principal, message_id: int) -> InboxMessage | None:
    _require_registrar(principal)
    return session.get(InboxMessage, message_id)


def accept(session: Session, *, now: datetime, principal: Principal, message: InboxMessage,
           files_dir: str) -> IntakeBatch:
    """Start the registration of a pending message: a batch prefilling the form, with copies of its files."""
    _require_pending(principal, message)
    copies = []
    for item in json.loads(message.files):
        data = files.path_of(files_dir, item["key"]).read_bytes()
        copies.append(_store(files_dir, item["filename"], item["content_type"], data))
    values = dict(json.loads(message.form_values),
                  extension_to=message.extension_to.isoformat() if message.extension_to else "")
    notes = _propose_namnd(session, principal, values)
    batch = IntakeBatch(token=secrets.token_urlsafe(24), user_id=principal.user_id, created_at=now,
                        source=(message.source or f"e-post: {message.subject}")[:300],
                        form_values=json.dumps(values, ensure_ascii=False),
                        evidence=message.evidence, warnings=json.dumps(json.loads(message.warnings) + notes,
                                                                       ensure_ascii=False),
                        files=json.dumps(copies, ensure_ascii=False), inbox_message_id=message.id)
    session.add(batch)
    session.flush()
    return batch


def merge(session: Session, *, now: datetime, principal: Principal, message: InboxMessage, remiss: Remiss,
          extend: bool, files_dir: str, max_bytes: int) -> list[Attachment]:
    """Add the message's files to an existing remiss and, when asked, record its general extension."""
    from remiss.planning.service.extensions import Evidence, general_notice

    _require_pending(principal, message)
    added = [attachments.add(session, now=now, principal=principal, remiss=remiss, filename=item["filename"],
                             data=files.path_of(files_dir, item["key"]).read_bytes(), files_dir=files_dir,
                             max_bytes=BATCH_FACTOR * max_bytes)
             for item in json.loads(message.files)]
    if extend and message.extension_to:
        values = json.loads(message.form_values)
        general_notice(session, now=now, principal=principal, remiss=remiss,
                       sender=values.get("remittent") or message.sender, until_on=message.extension_to,
                       notice_on=message.sent_at.date() if message.sent_at else None,
                       evidence=Evidence(text=values.get("missiv_text", "")[:50000]))
    _decide(message, "merged", now=now, principal=principal, remiss=remiss)
    session.flush()
    return added


def remiss_id_by_our_dnr(session: Session, our_dnr: str) -> int | None:
    """Return the id of the remiss with our diarienummer our_dnr (as typed, spaces around ignored)."""
    return session.exec(select(Remiss.id).where(Remiss.our_dnr == our_dnr.strip()[:100])).first()


def dismiss(session: Session, *, now: datetime, principal: Principal, message: InboxMessage) -> None:
    """Mark the message as not a remiss; it stays in the Inkorg's history with its files."""
    _require_pending(principal, message)
    _decide(message, "dismissed", now=now, principal=principal, remiss=None)
    session.flush()


def _require_registrar(principal: Principal) -> None:
    if principal.user_id is None or not principal.may(Action.create):
        raise AccessDenied("Bara den som registrerar remisser kan se inkorgen.")


def _require_pending(principal: Principal, message: InboxMessage) -> None:
    _require_registrar(principal)
    if message.status != "pending":
        raise files.FileRejected("Meddelandet är redan hanterat.")


def _decide(message: InboxMessage, status: str, *, now: datetime, principal: Principal,
            remiss: Remiss | None) -> None:
    message.status = status
    message.remiss_id = remiss.id if remiss is not None else None
    message.decided_by_id = principal.user_id
    message.decided_at = now


def _same_sender_dnr(session: Session, sender_dnr: str) -> int | None:
    """Return the newest remiss registered with this remittent's diarienummer, spaces and case aside."""
    wanted = re.sub(r"\s+", "", sender_dnr or "").lower()
    if not wanted:
        return None
    candidates = session.exec(select(Remiss.id, Remiss.sender_dnr).where(Remiss.sender_dnr != "")
                              .where(Remiss.sender_dnr.ilike(f"%{wanted[-6:]}%")).order_by(Remiss.id.desc())).all()
    return next((rid for rid, dnr in candidates if re.sub(r"\s+", "", dnr).lower() == wanted), None)


# "VB: Remiss av promemorian X" → "X": what a registered remiss's title will contain whatever its wording.
_TITLE_LEAD = re.compile(r"^(?:(?:vb|fw|fwd|sv|re|ang)\s*:\s*)*(?:remiss(?:en)?\s+(?:av|om|avseende|gällande)\s+)?"
                         r"(?:(?:departements)?promemorian|(?:slut)?betänkandet|utkastet|förslaget|rapporten)?\s*",
                         re.IGNORECASE)
MIN_TITLE_CORE = 15  # shorter cores ("Remiss", "Budget 2025") would match too much


def _same_title(session: Session, title: str) -> int | None:
    """Return the newest remiss whose title contains the core of title (extension notices rarely give a dnr)."""
    core = _TITLE_LEAD.sub("", " ".join(title.split()), count=1).strip(" .:–-")
    if len(core) < MIN_TITLE_CORE:
        return None
    escaped = core.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return session.exec(select(Remiss.id).where(Remiss.title.like(f"%{escaped}%", escape="\\"))
                        .order_by(Remiss.id.desc())).first()


def _store(files_dir: str, filename: str, content_type: str, data: bytes) -> dict:
    kept = files.store(files_dir, data, content_type=content_type)
    return {"filename": files.safe_name(filename), "content_type": content_type, "size": kept.size, "key": kept.key}


def _header(headers, name: str) -> str:
    try:
        return re.sub(r"\s+", " ", str(headers[name] or "")).strip()
    except (ValueError, TypeError, IndexError):  # a malformed header: keep the message, lose the header
        return ""


def _date(headers) -> datetime | None:
    try:
        moment = email.utils.parsedate_to_datetime(_header(headers, "Date"))
    except (ValueError, TypeError, IndexError):
        return None
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _file_stem(subject: str) -> str:
    return " ".join(re.sub(r"[^\w .,()-]+", " ", subject).split())[:80] or "meddelande"
