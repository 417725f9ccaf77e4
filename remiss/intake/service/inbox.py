"""The Inkorg: receive a mail from the registrator's mailbox as a pending message, a proposal until a person
decides; list them, and register, merge, accept into the registration form, dismiss or undismiss one."""
from __future__ import annotations

import dataclasses
import email.parser
import email.policy
import email.utils
import hashlib
import json
import re
import secrets
from collections import namedtuple
from datetime import date, datetime, timezone

from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import AccessDenied, Action, Principal
from remiss.calendar.swedish import format_date_time
from remiss.clock import local
from remiss.intake import oversize
from remiss.intake.plausible import proposal_warnings
from remiss.intake.models import InboxMessage, IntakeBatch
from remiss.intake.reading import BATCH_FACTOR, ReadLimits, read_missiv
from remiss.intake.service import batches, kinds, matching
from remiss.intake.service.classify import apply_kinds
from remiss.intake.service.batches import (add_files, decide, extension_moment, extension_value, file_stem,
                                           link_letter, preselect_namnd, take_message)  # noqa: F401 (steps')
from remiss.intake.service.matching import matching_remiss_id
from remiss.remisser import keys
from remiss.remisser.models import Attachment, Remiss


def receive(session: Session, *, now: datetime, raw: bytes, size: int | None = None, files_dir: str,
            limits: ReadLimits, filename: str = "") -> tuple[InboxMessage, bool]:
    """Read a fetched mail into a pending Inkorg message; return it and whether it is new (by Message-ID). An
    Outlook .msg (filename, from inbox-import) is read by remiss.intake.outlook; FileRejected when it cannot be."""
    from remiss.intake import outlook

    msg_reading = outlook.read(raw, filename, limits) if raw and outlook.is_outlook(filename, raw) else None
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
                "", [(name, raw)], limits=dataclasses.replace(limits, max_bytes=BATCH_FACTOR * limits.max_bytes))
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
    values["received_on"] = local(sent_at).date().isoformat() if sent_at else ""
    if sent_at:
        evidence["received_on"] = mail_date_evidence(sent_at)
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
        matching_remiss_id(session, dict(values, extension_to=parsed.get("extension_to"))))
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


MAIL_DATE = "E-postmeddelandets datum: "  # the evidence of Inkom read from a mail's Date header


def mail_date_evidence(sent_at: datetime) -> str:
    """Inkom's evidence: the mail's Date in Swedish on the Stockholm clock ("… 5 december 2026 kl. 07.55"), not the
    header's English RFC 2822 words (walk25 Y5)."""
    return MAIL_DATE + format_date_time(sent_at)


NO_SENDER_DNR = "Inget diarienummer från remittenten hittades."  # the parser's words (remiss.missiv)
NO_DATE = ("Meddelandet saknar datum (det har varken ett skickat-datum eller e-posthuvuden med datum), så Inkom "
           "är inte ifyllt: fyll i den dag brevet kom in till er.")
NEWSLETTER = kinds.NEWSLETTER  # form_values["mail_kind"] of a mail sent to a list


def is_newsletter(message: InboxMessage) -> bool:
    return json.loads(message.form_values).get("mail_kind") == NEWSLETTER


def mail_kind(message: InboxMessage) -> str:
    """kinds.NEWSLETTER, kinds.AUTOREPLY, kinds.REMINDER, or "" for an ordinary letter."""
    return json.loads(message.form_values).get("mail_kind") or ""


def not_remiss_reason(message: InboxMessage) -> str:
    """Why the Inkorg says the message does not look like a remiss, in Swedish ("" when nothing names it): an
    automatic reply or a newsletter, with what gave it away."""
    values = json.loads(message.form_values)
    if values.get("mail_kind") == NEWSLETTER and message.extension_to:
        return ""
    return kinds.reason_text(values.get("mail_kind") or "", values.get("mail_kind_reason") or "")


# Words a remiss, a samråd or an extension notice uses and an ordinary staff mail does not.
REMISS_WORDS = re.compile(r"\b(?:remiss\w*|yttrande\w*|yttra|samråd\w*|synpunkter|svarsfrist\w*|svarstid\w*|"
                          r"remisstid\w*|remissvar\w*|granskning\w*|sändlista\w*|diarienummer|dnr)\b", re.IGNORECASE)


def looks_like_remiss(message: InboxMessage) -> bool:
    """Whether a mail reads as a remiss: remiss wording in its subject or text, a remittent's diarienummer, or an
    extension of a registered remiss. A deadline alone ("anmäl dig senast …") is not enough; an automatic reply
    never is, and a newsletter only when it extends a remisstid."""
    values = json.loads(message.form_values)
    if values.get("mail_kind") == kinds.AUTOREPLY:
        return False
    if values.get("mail_kind") == NEWSLETTER:
        return bool(message.extension_to)  # a newsletter tells of remisser; it is none itself
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


def received_day(message: InboxMessage) -> date:
    """Inkom: the day the mail was sent (its Date header) on the Stockholm clock, else the day it was fetched."""
    return local(message.sent_at or message.fetched_at).date()


def accept(session: Session, *, now: datetime, principal: Principal, message: InboxMessage,
           files_dir: str, typed: dict | None = None) -> IntakeBatch:
    """Start the registration of a pending message: a batch prefilling the form, with copies of its files; typed
    (what was corrected on the proposal page) wins over what was read."""
    _require_pending(principal, message)
    copies = []
    for item in json.loads(message.files):
        data = files.path_of(files_dir, item["key"]).read_bytes()
        copies.append(_store(files_dir, item["filename"], item["content_type"], data))
    values = dict(json.loads(message.form_values),
                  extension_to=extension_value(message.extension_to, message.extension_time))
    values["received_on"] = values.get("received_on") or received_day(message).isoformat()  # fetched before Inkom
    evidence = json.loads(message.evidence)
    if message.sent_at and (evidence.get("received_on") or "").startswith(MAIL_DATE):  # read before walk25 Y5
        evidence["received_on"] = mail_date_evidence(message.sent_at)
    notes = preselect_namnd(session, principal, values)
    values.update({key: value for key, value in (typed or {}).items() if value})
    batch = IntakeBatch(token=secrets.token_urlsafe(24), user_id=principal.user_id, created_at=now,
                        source=(message.source or f"e-post: {message.subject}")[:300],
                        form_values=json.dumps(values, ensure_ascii=False),
                        evidence=json.dumps(evidence, ensure_ascii=False), warnings=json.dumps(json.loads(message.warnings) + notes,
                                                                       ensure_ascii=False),
                        files=json.dumps(copies, ensure_ascii=False), inbox_message_id=message.id)
    session.add(batch)
    session.flush()
    return batch


def merge(session: Session, *, now: datetime, principal: Principal, message: InboxMessage, remiss: Remiss,
          extend: bool, files_dir: str, max_bytes: int, until_on: date | None = None,
          until_time=None) -> list[Attachment]:
    """Add the message's files to an existing remiss and, when asked, record its general extension to until_on
    (the day the parser read when none is given); raise InputErrors when asked with no day."""
    from remiss.planning.service.extensions import Evidence, general_notice

    _require_pending(principal, message)  # the caller took the message first (take_message)
    batches.take_remiss(session, remiss)
    added = add_files(session, now=now, principal=principal, remiss=remiss, items=json.loads(message.files),
                      files_dir=files_dir, max_bytes=BATCH_FACTOR * max_bytes,
                      from_mail=batches.mail_sender(message))
    if extend:
        values = json.loads(message.form_values)
        if until_on is None:  # the day (and time) read from the notice, unless the sekreterare typed another day
            until_on, until_time = message.extension_to, until_time or message.extension_time
        extension = general_notice(session, now=now, principal=principal, remiss=remiss,
                                   sender=values.get("remittent") or message.sender, until_on=until_on,
                                   until_time=until_time,
                                   notice_on=local(message.sent_at).date() if message.sent_at else None,
                                   notice_read=True,
                                   evidence=Evidence(text=values.get("missiv_text", "")[:50000]))
        link_letter(session, extension, remiss, json.loads(message.files), files_dir)  # the mail, by its subject
    decide(message, "merged", now=now, principal=principal, remiss=remiss)
    session.flush()
    return added


def register(session: Session, *, now: datetime, principal: Principal, message: InboxMessage, data,
             files_dir: str, max_bytes: int, dnr_format: str, default_prefix: str) -> Remiss:
    """Register the message as a new remiss in one step (the proposal page's Registrera): the remiss, the mail and
    its attachments as remisshandlingar (each file once), the message decided. The caller took the message first
    (take_message), before the diarienummer series is locked here, as the registration form does."""
    from remiss.remisser import service as remisser

    _require_pending(principal, message)
    remiss = remisser.register(session, now=now, principal=principal, data=data, dnr_format=dnr_format,
                               default_prefix=default_prefix)
    add_files(session, now=now, principal=principal, remiss=remiss, items=json.loads(message.files),
              files_dir=files_dir, max_bytes=BATCH_FACTOR * max_bytes,
              from_mail=batches.mail_sender(message))
    decide(message, "registered", now=now, principal=principal, remiss=remiss)
    session.flush()
    return remiss


def undismiss(session: Session, *, principal: Principal, message: InboxMessage) -> None:
    """Put a dismissed message back among those to handle (Ångra avvisningen). The message's row is taken first
    and read again, as every Inkorg step takes it (batches.take_message): one registered meanwhile stays so."""
    _require_registrar(principal)
    session.refresh(message, with_for_update=True)
    if message.status != "dismissed":
        raise files.FileRejected("Bara ett avvisat meddelande kan tas tillbaka.")
    message.status, message.remiss_id, message.decided_by_id, message.decided_at = "pending", None, None, None
    session.flush()


def existing_remiss(session: Session, message: InboxMessage) -> Remiss | None:
    """The registered remiss a pending message belongs to: the one suggested when it arrived, or one registered
    since (the same remittent's diarienummer, or the same title and remittent). None for an automatic reply or
    a newsletter. An open remiss is preferred to one återkallad or avstådd (a registered duplicate, closed)."""
    if not_remiss_reason(message):
        return None
    values = dict(json.loads(message.form_values),
                  extension_to=extension_value(message.extension_to, message.extension_time))
    found = [i for i in dict.fromkeys((message.match_remiss_id, matching_remiss_id(session, values)))
             if i and not _voided(session, i)]
    chosen = next((i for i in found if not _closed(session, i)), found[0] if found else None)
    return session.get(Remiss, chosen) if chosen else None


def _voided(session: Session, remiss_id: int) -> bool:
    remiss = session.get(Remiss, remiss_id)
    return remiss is not None and remiss.status == matching.VOIDED


def _closed(session: Session, remiss_id: int) -> bool:
    remiss = session.get(Remiss, remiss_id)
    return remiss is None or remiss.status in matching.WITHDRAWN


def match_note(message: InboxMessage, remiss: Remiss | None) -> str:
    """What the Inkorg says beside "Finns redan: …": a reminder brings nothing new; a withdrawn remiss is named so."""
    notes = []
    if remiss is not None and remiss.status in matching.WITHDRAWN:
        notes.append("remissen är återkallad" if remiss.status == "aterkallad" else "remissen har status Avstår")
    if remiss is not None and mail_kind(message) == kinds.REMINDER:
        notes.append("påminnelse, inget nytt")
    elif remiss is not None and is_supplement(message):
        notes.append("en komplettering: för samman den så blir bilagorna remisshandlingar i remissen")
    return ", ".join(notes)


def is_supplement(message: InboxMessage) -> bool:
    """Whether the mail supplements a remiss sent earlier ("Komplettering till remiss …", walk25 Y1)."""
    return matching.mentions_supplement(json.loads(message.form_values), message.subject)


def waiting_original(session: Session, message: InboxMessage) -> InboxMessage | None:
    """For an extension notice whose remiss is not registered: the remiss's own mail when it waits in the Inkorg
    too (read in the same batch): the same remittent's diarienummer, or the same title from the same remittent."""
    values = json.loads(message.form_values)
    if message.status != "pending" or not matching.mentions_extension(
            dict(values, extension_to=batches.extension_value(message.extension_to, message.extension_time)),
            message.subject):
        return None
    others = session.exec(select(InboxMessage).where(InboxMessage.status == "pending", InboxMessage.id != message.id)
                          .order_by(InboxMessage.id).limit(500)).all()
    for other in others:
        theirs = json.loads(other.form_values)
        if other.extension_to or theirs.get("mail_kind") or matching.mentions_extension(theirs, other.subject):
            continue
        if _same_letter(values, theirs):
            return other
    return None


def _same_letter(values: dict, theirs: dict) -> bool:
    """Whether two read letters are about the same remiss: the same remittent's diarienummer, or the same title
    core (one containing the other) from the same remittent."""
    dnr, other_dnr = keys.dnr_key(values.get("sender_dnr") or ""), keys.dnr_key(theirs.get("sender_dnr") or "")
    if dnr and other_dnr:
        return dnr == other_dnr
    core, other = (keys.fold(matching.title_core(v.get("title") or "")) for v in (values, theirs))
    if min(len(core), len(other)) < matching.MIN_TITLE_CORE or (core not in other and other not in core):
        return False
    return matching.same_remittent(values.get("remittent") or "", theirs.get("remittent") or "")


def register_duplicates(session: Session, principal: Principal, message: InboxMessage, *, sender_dnr: str,
                        title: str) -> list:
    """What Registrera asks about first, as the registration form does (remisser.queries.possible_duplicates),
    and the registered remiss the message was matched to, when that one is not among them."""
    from remiss.remisser.queries import possible_duplicates

    rows = [Duplicate(*row) for row in possible_duplicates(session, principal, sender_dnr=sender_dnr, title=title)]
    found = existing_remiss(session, message)
    if found is not None and principal.may(Action.view, found.namnd_id) and found.id not in {r.id for r in rows}:
        rows.insert(0, Duplicate(found.id, found.our_dnr, found.title, found.remittent, found.sender_dnr, found.kind))
    return rows


Duplicate = namedtuple("Duplicate", "id our_dnr title remittent sender_dnr kind")  # a possible_duplicates row


def dismiss(session: Session, *, now: datetime, principal: Principal, message: InboxMessage) -> None:
    """Mark the message as not a remiss; it stays in the Inkorg's history with its files. The caller took the
    message first (take_message)."""
    _require_pending(principal, message)
    decide(message, "dismissed", now=now, principal=principal, remiss=None)
    session.flush()


def _require_registrar(principal: Principal) -> None:
    if principal.user_id is None or not principal.may(Action.create):
        raise AccessDenied("Bara den som registrerar remisser kan se inkorgen.")


def _require_pending(principal: Principal, message: InboxMessage) -> None:
    _require_registrar(principal)
    if message.status != "pending":
        raise files.FileRejected("Meddelandet är redan hanterat.")


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
