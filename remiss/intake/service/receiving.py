"""Receive a mail from the registrator's mailbox into the Inkorg: read it as a missiv, keep its files (each once,
within the size limit), say what was not read, and suggest the registered remiss it belongs to. A pending message
is a proposal until a person decides (remiss.intake.service.inbox)."""
from __future__ import annotations

import dataclasses
import email.parser
import email.policy
import hashlib
import json
import re
from datetime import datetime

from sqlmodel import Session, select

from remiss import files
from remiss.clock import local
from remiss.intake import oversize
from remiss.intake.copies import copy_key
from remiss.intake.models import InboxMessage
from remiss.intake.mail_date import take_mail_date
from remiss.intake.mail_date import sent_at as mail_sent_at
from remiss.intake.plausible import proposal_warnings
from remiss.intake.reading import BATCH_FACTOR, ReadLimits, read_missiv
from remiss.intake.service import kinds, matching
from remiss.intake.service.batches import extension_moment, file_stem
from remiss.intake.service.classify import apply_kinds
from remiss.intake.service.matching import matching_remiss_id
from remiss.namnd import service as namnd_service

def receive(session: Session, *, now: datetime, raw: bytes, size: int | None = None, files_dir: str,
            limits: ReadLimits, filename: str = "") -> tuple[InboxMessage, bool]:
    """Read a fetched mail into a pending Inkorg message; return it and whether it is new (by Message-ID). An
    Outlook .msg (filename, from inbox-import) is read by remiss.intake.outlook; FileRejected when it cannot be."""
    from remiss.intake import outlook

    organisations = namnd_service.organisations(session)
    msg_reading = outlook.read(raw, filename, limits, organisations) if raw and outlook.is_outlook(filename, raw) else None
    headers = outlook.headers(msg_reading) if msg_reading else \
        email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw)
    message_id = _header(headers, "Message-ID")[:500] or "sha256:" + hashlib.sha256(raw).hexdigest()
    known = session.exec(select(InboxMessage).where(InboxMessage.message_id == message_id)).first()
    if known is not None:
        return known, False
    subject = _header(headers, "Subject")
    sent_at = _date(headers)
    warnings: list[str] = []
    parsed = {"values": {}, "evidence": {}, "warnings": [], "extension_to": None}
    stored = []
    if not raw:
        warnings.append(f"Meddelandet är för stort ({(size or 0) // 1048576} MB) för att läsas in här. "
                        "Öppna det i e-postprogrammet och registrera remissen för hand.")
    else:
        name = f"{file_stem(subject)}{'.msg' if msg_reading else '.eml'}"
        # one limit per file for every way in (walk16 #26): a larger mail is kept without its attachments
        kept, notes = oversize.mail_to_store(raw, max_bytes=limits.max_bytes, outlook=bool(msg_reading))
        warnings.extend(notes)
        if kept is not None:
            stored.append(_store(files_dir, name, outlook.CONTENT_TYPE if msg_reading else "message/rfc822", kept))
        try:
            reading = msg_reading or read_missiv(
                "", [(name, raw)], limits=dataclasses.replace(limits, max_bytes=BATCH_FACTOR * limits.max_bytes),
                organisations=organisations)
        except files.FileRejected as exc:
            warnings.append(f"Meddelandet kunde inte läsas: {exc}")
        else:
            parsed = reading.parsed
            warnings.extend(reading.all_warnings)
            seen = {hashlib.sha256(raw).hexdigest(): name}
            for upload in reading.keep:  # the mail itself is stored first, above; each file once (by sha256)
                digest = hashlib.sha256(upload.data).hexdigest()
                if digest in seen:
                    if upload.filename != seen[digest]:  # said, not silently gone (walk25 Y15)
                        warnings.append(same_file_note(upload.filename, seen[digest]))
                    continue
                seen[digest] = upload.filename
                if len(upload.data) > limits.max_bytes:  # named by the mail's note, or here (walk16 #26)
                    if upload.filename not in " ".join(warnings):
                        warnings.append(f"{files.too_large(len(upload.data), limits.max_bytes, name=upload.filename)}"
                                        f" Den togs inte över som remisshandling. {oversize.FETCH_AGAIN}")
                else:
                    stored.append(_store(files_dir, upload.filename, upload.content_type, upload.data))
    values = dict(parsed["values"])
    evidence = dict(parsed["evidence"])
    # Inkom: the day the mail was sent to the mailbox (its Date header, on the Stockholm clock), not the poll's
    # no date at all (an Outlook .msg saved unsent, or without headers): Inkom is left to the person, never the
    # import day (walk12 item 5); a forward's inner date is proposed on the page (remiss.intake.arrival)
    values["received_on"] = ""
    if sent_at:
        take_mail_date(values, evidence, sent_at)
    elif raw:
        warnings.append(NO_DATE)
    warnings.extend(apply_kinds(values, evidence, headers, subject, parsed.get("extension_to")))
    _read_supplement_dnr(session, values, evidence, warnings, subject)
    # dates years from the mail's, or an extension to an earlier day: proposed, but said (remiss.intake.plausible)
    warnings.extend(proposal_warnings(values, parsed.get("extension_to"),
                                      sent=local(sent_at).date() if sent_at else None))
    message = InboxMessage(
        message_id=message_id, fetched_at=now, sent_at=sent_at, sender=_header(headers, "From")[:300],
        subject=subject[:500], source=parsed.get("source") or "", form_values=json.dumps(values, ensure_ascii=False),
        evidence=json.dumps(evidence, ensure_ascii=False), warnings=json.dumps(warnings, ensure_ascii=False),
        files=json.dumps(stored, ensure_ascii=False),
        extension_to=extension_moment(parsed.get("extension_to"))[0],
        extension_time=extension_moment(parsed.get("extension_to"))[1],
        # the parser's new day tells the matcher the mail is an extension notice
        match_remiss_id=None if values.get("mail_kind") in (kinds.AUTOREPLY, kinds.NEWSLETTER) else
        matching_remiss_id(session, dict(values, extension_to=parsed.get("extension_to"))),
        # the message it carries: the same mail forwarded once more is a copy of the first (walk33 finding 1)
        copy_key=copy_key(raw, message_id=_header(headers, "Message-ID")[:500], subject=subject,
                          read_text=values.get("missiv_text") or "", outlook=bool(msg_reading)))
    session.add(message)
    session.flush()
    return message, True


def _read_supplement_dnr(session: Session, values: dict, evidence: dict, warnings: list[str], subject: str) -> None:
    """A komplettering names the remittent's diarienummer of the remiss it supplements without "Dnr" before it
    ("Komplettering till remiss 501-8426-2026 …"): that number is the letter's, not "none found" (walk25 Y1)."""
    if values.get("sender_dnr") or values.get("mail_kind") in (kinds.AUTOREPLY, kinds.NEWSLETTER):
        return
    _, written = matching.supplement_of(session, values, subject)
    if written:
        values["sender_dnr"] = written
        lines = [subject, values.get("title") or ""] + (values.get("missiv_text") or "").splitlines()
        evidence["sender_dnr"] = next((line.strip() for line in lines if written in line), written)[:300]
        warnings[:] = [w for w in warnings if w != NO_SENDER_DNR]


def same_file_note(name: str, kept: str) -> str:
    """What the proposal says of an attachment whose bytes another file of the mail has under another name."""
    return (f"Bilagan ”{name}” är samma fil som ”{kept}” (samma innehåll, ett annat namn) och sparas bara en gång, "
            f"som ”{kept}”.")


NO_SENDER_DNR = "Inget diarienummer från remittenten hittades."  # the parser's words (remiss.missiv)
NO_DATE = ("Meddelandet saknar datum (det har varken ett skickat-datum eller e-posthuvuden med datum), så Inkom "
           "är inte ifyllt: fyll i den dag brevet kom in till er.")


def _store(files_dir: str, filename: str, content_type: str, data: bytes) -> dict:
    kept = files.store(files_dir, data, content_type=content_type)
    return {"filename": files.safe_name(filename), "content_type": content_type, "size": kept.size, "key": kept.key}


def _header(headers, name: str) -> str:
    try:
        return re.sub(r"\s+", " ", str(headers[name] or "")).strip()
    except (ValueError, TypeError, IndexError):  # a malformed header: keep the message, lose the header
        return ""


def _date(headers) -> datetime | None:
    return mail_sent_at(_header(headers, "Date"))
