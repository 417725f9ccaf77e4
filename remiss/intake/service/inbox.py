"""The Inkorg: its pending messages (received by remiss.intake.service.receiving), proposals until a person
decides; list them, and register, merge, accept into the registration form, dismiss or undismiss one."""
from __future__ import annotations

import json
import re
import secrets
from collections import namedtuple
from datetime import date, datetime

from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import INBOX_WORDS, Action, Principal, refused_by_role
from remiss.clock import local
from remiss.intake.mail_date import MAIL_DATE, mail_date_evidence
from remiss.intake.models import InboxMessage, IntakeBatch
from remiss.intake.reading import BATCH_FACTOR
from remiss.intake.service import batches, kinds, matching
from remiss.intake.service.filling import NOTICE_FIELDS, Merged, fill_empty_fields  # noqa: F401
from remiss.intake.service.batches import (add_files, decide, extension_value, link_letter,  # noqa: F401 (steps')
                                           preselect_namnd, take_message)
from remiss.intake.service.matching import matching_remiss_id
# receiving a mail is its own module; its names stay importable from here (the poll, the CLI, the tests)
from remiss.intake.service.receiving import (NO_DATE, NO_SENDER_DNR, _store,  # noqa: F401
                                             receive, same_file_note)
from remiss.remisser import keys
from remiss.remisser.models import Attachment, Remiss


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


def copies_of(session: Session, messages: list[InboxMessage]) -> dict[int, InboxMessage]:
    """For each message that is a copy (the same innermost message as one fetched before, remiss.intake.copies), the
    first message with its key: the one registered, merged or waiting, which the copy is shown beside."""
    keys = {m.copy_key for m in messages if m.copy_key}
    if not keys:
        return {}
    first: dict[str, InboxMessage] = {}
    for other in session.exec(select(InboxMessage).where(InboxMessage.copy_key.in_(keys))
                              .order_by(InboxMessage.id)).all():
        first.setdefault(other.copy_key, other)
    return {m.id: first[m.copy_key] for m in messages
            if m.copy_key in first and first[m.copy_key].id != m.id}


def copy_of(session: Session, message: InboxMessage) -> InboxMessage | None:
    """The first message of which this one is a copy (copies_of), or None."""
    return copies_of(session, [message]).get(message.id)


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
          until_time=None) -> Merged:
    """Add the message's files to an existing remiss and, when asked, record its general extension to until_on
    (the day the parser read when none is given); raise InputErrors when asked with no day. An extension notice
    also fills the remiss's empty fields it gives (fill_empty_fields). Return the files added and the labels of
    the fields filled."""
    filled: list[str] = []
    from remiss.planning.service.extensions import Evidence, general_notice

    _require_pending(principal, message)  # the caller took the message first (take_message)
    batches.take_remiss(session, remiss)
    added = add_files(session, now=now, principal=principal, remiss=remiss, items=json.loads(message.files),
                      files_dir=files_dir, max_bytes=BATCH_FACTOR * max_bytes,
                      from_mail=batches.mail_sender(message))
    batches.note_left_out(session, now=now, principal=principal, remiss=remiss, message=message)
    if extend or message.extension_to is not None or matching.mentions_extension(
            dict(json.loads(message.form_values)), message.subject):
        filled = fill_empty_fields(session, now=now, principal=principal, remiss=remiss,
                                   given=json.loads(message.form_values))
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
    return Merged(added, filled)


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
    batches.note_left_out(session, now=now, principal=principal, remiss=remiss, message=message)
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
        raise refused_by_role(principal, Action.create, INBOX_WORDS)


def _require_pending(principal: Principal, message: InboxMessage) -> None:
    _require_registrar(principal)
    if message.status != "pending":
        raise files.FileRejected("Meddelandet är redan hanterat.")
