"""Intake verbs: read a missiv into a pending batch, load it, attach its files on registration or to a registered
remiss (an extension notice), clean up. What a read letter is (the remiss it belongs to, whether it extends one) is
in matching.py. The Inkorg's verbs, on mails from the registrator's mailbox, are in inbox.py beside this."""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from remiss import files
from remiss.clock import local
from remiss.auth.access import Action, Principal, refused_by_role
from remiss.intake.models import InboxMessage, IntakeBatch
from remiss.intake import mail_date
from remiss.intake.namnd_hint import propose_namnd
from remiss.intake.plausible import proposal_warnings
from remiss.intake.reading import BATCH_FACTOR, PASTED_FILENAME, ReadLimits, read_missiv
from remiss.intake.service.filling import Merged, fill_empty_fields
from remiss.intake.service.matching import matching_remiss_id
from remiss.namnd import service as namnd_service
from remiss.remisser import attachments
from remiss.remisser.models import Attachment, Remiss
from remiss.remisser.queries import namnder_for

# The parser's advice on an extension notice (remiss.missiv.parser), said without need beside the match card
EXTEND_INSTEAD = "; finns remissen redan ska den förlängas i stället för att registreras igen."
MAX_AGE = timedelta(hours=24)  # a pending batch not registered within this is removed with its files


@dataclass(frozen=True)
class PendingFile:
    filename: str
    content_type: str
    size: int
    key: str
    sha256: str = ""

    @property
    def size_label(self) -> str:
        return files.human_size(self.size)


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
    extension_time: time | None = None  # and to this clock time, when it gives one


def extension_moment(value: str | None) -> tuple[date | None, time | None]:
    """Split the parser's extension_to ("2027-03-15" or "2027-03-15T12:00") into its day and clock time."""
    if not value:
        return None, None
    day, _, clock = value.partition("T")
    return date.fromisoformat(day), time.fromisoformat(clock) if clock else None


def extension_value(day: date | None, clock: time | None) -> str:
    """The inverse of extension_moment: what the form values keep."""
    if day is None:
        return ""
    return f"{day.isoformat()}T{clock:%H:%M}" if clock else day.isoformat()


def start(session: Session, *, now: datetime, principal: Principal, text: str, uploads: list[tuple[str, bytes]],
          files_dir: str, max_bytes: int, reference_date: date | None = None,
          limits: ReadLimits | None = None) -> IntakeBatch:
    """Read the missiv and keep the prefill and the uploaded files until registration; raise FileRejected."""
    if principal.user_id is None or not principal.may(Action.create):
        raise refused_by_role(principal, Action.create)
    reading = read_missiv(text, uploads, limits=limits or ReadLimits(max_bytes), reference_date=reference_date,
                          organisations=namnd_service.organisations(session))
    cleanup(session, now=now, files_dir=files_dir)
    stored = []
    for upload in reading.keep:
        kept = files.store(files_dir, upload.data, content_type=upload.content_type)
        stored.append({"filename": upload.filename, "content_type": upload.content_type, "size": kept.size,
                       "key": kept.key})
    values = dict(reading.parsed["values"], extension_to=reading.parsed.get("extension_to") or "")
    evidence = dict(reading.parsed["evidence"])
    mailed = mail_date.sent_at(reading.header.get("Date"))
    if mailed and not values.get("received_on"):
        # an uploaded .eml or .msg came in the day it was mailed, as the Inkorg reads one (walk28 Z7); a stamp the
        # letter itself carries ("Ank. 2010-01-26") is the nearer word and stays
        mail_date.take_mail_date(values, evidence, mailed)
    notes = proposal_warnings(values, values["extension_to"], sent=local(mailed).date() if mailed else None) + \
        preselect_namnd(session, principal, values)
    batch = IntakeBatch(token=secrets.token_urlsafe(24), user_id=principal.user_id, created_at=now,
                        source=reading.source[:300],
                        form_values=json.dumps(values, ensure_ascii=False),
                        evidence=json.dumps(evidence, ensure_ascii=False),
                        warnings=json.dumps(reading.all_warnings + notes, ensure_ascii=False),
                        files=json.dumps(stored, ensure_ascii=False))
    session.add(batch)
    session.flush()
    return batch


def preselect_namnd(session: Session, principal: Principal, values: dict) -> list[str]:
    """Preselect the nämnd the missiv names, else that of the registered remiss it belongs to (walk12 item 6),
    among those the principal may register for; return the note to show."""
    from remiss.intake.namnd_hint import preselect

    namnder = namnder_for(session, principal, Action.create)
    proposal = propose_namnd(values.get("missiv_text") or "", (values.get("sandlista") or "").splitlines(), namnder)
    found = matching_remiss_id(session, values)
    match = session.get(Remiss, found) if found else None
    if match is not None and not principal.may(Action.view, match.namnd_id):
        match = None
    chosen = preselect(proposal, [nid for nid, _ in namnder], match.namnd_id if match is not None else None,
                       (match.our_dnr or match.title) if match is not None else "")
    if chosen is None:
        return []
    if chosen.namnd_id is not None:
        values["namnd_id"] = str(chosen.namnd_id)  # the form keeps it over the nämnd this user chose last time
    if chosen.ask:  # two of ours named: none is preselected, not even the one this user chose last time
        values["namnd_choice"] = "välj"
    return [chosen.note]


def load(session: Session, *, principal: Principal, token: str | None) -> Intake | None:
    """Return the principal's own pending batch for token, or None."""
    batch = _own(session, principal, token)
    if batch is None:
        return None
    values = json.loads(batch.form_values)
    day, clock = extension_moment(values.pop("extension_to", ""))
    return Intake(batch.token, batch.source, values, json.loads(batch.evidence),
                  json.loads(batch.warnings), [PendingFile(**f) for f in json.loads(batch.files)], day, clock)


GONE = "De uppladdade filerna finns inte längre (de sparas i 24 timmar). Läs in missivet igen."


def once_key(token: str) -> str:
    """The one-time key (remisser.sent_once) of the form's Förläng card for the batch token: claimed by the request
    that merges the letter, it names the remiss after the batch is gone, so a second sending of the card (a
    double-click) lands on that remiss instead of being told the files are gone."""
    return hashlib.sha256(f"forlang:{token}".encode()).hexdigest()[:32]


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
           record_extension: bool, files_dir: str, max_bytes: int, until_on: date | None = None,
           until_time=None) -> Merged:
    """Add a read letter to a registered remiss instead of registering it again: its files become
    remisshandlingar and, when asked and the letter extends the answer time, the general extension is recorded
    with the letter's text as its evidence. An extension notice fills the remiss's empty fields it gives, as the
    Inkorg's merge does (fill_empty_fields). Return the files added and the labels of the fields filled. Raises
    FileRejected when the batch is gone, InputErrors for a date that does not extend the deadline."""
    from remiss.intake.service.matching import mentions_extension
    from remiss.planning.service.extensions import Evidence, general_notice

    batch = _own(session, principal, token)
    if batch is None:
        raise files.FileRejected(GONE)
    take_remiss(session, remiss)  # the caller took the message the batch was read from first (take_message)
    values = json.loads(batch.form_values)
    if until_on is None:  # the day (and time) read from the letter, unless the sekreterare typed another day
        until_on, read_time = extension_moment(values.get("extension_to"))
        until_time = until_time or read_time
    notice_on = date.fromisoformat(values["letter_date"]) if values.get("letter_date") else None
    if record_extension or values.get("extension_to"):
        # the pasted letter is no second "Missiv.txt" on the remiss: it is named as the extension it brings
        name = letter_name(values.get("missiv_text", ""), notice_on or local(now).date())
        batch.files = json.dumps([dict(f, filename=name) if f["filename"] == PASTED_FILENAME else f
                                  for f in json.loads(batch.files)], ensure_ascii=False)
    pending = json.loads(batch.files)
    added = _use_batch(session, batch, "merged", now=now, principal=principal, remiss=remiss, files_dir=files_dir,
                       max_bytes=BATCH_FACTOR * max_bytes, remove=False)
    filled = fill_empty_fields(session, now=now, principal=principal, remiss=remiss, given=values) \
        if record_extension or values.get("extension_to") or mentions_extension(values) else []
    if record_extension:  # with no day, general_notice asks for it (InputErrors) rather than record none
        extension = general_notice(session, now=now, principal=principal, remiss=remiss,
                                   sender=values.get("remittent") or remiss.remittent or "",
                                   until_on=until_on, until_time=until_time, notice_on=notice_on,
                                   notice_read=True,
                                   evidence=Evidence(text=values.get("missiv_text", "")[:50000]))
        link_letter(session, extension, remiss, pending, files_dir)
    session.flush()
    _remove_files(files_dir, json.loads(batch.files))
    return Merged(added, filled)


def take_message(session: Session, message: InboxMessage, *, user_id: int | None) -> str:
    """The first lock of every step that decides an Inkorg message: Registrera (on the proposal page, and the
    registration form opened from it), För samman and Förläng (the Inkorg's list, the proposal page, the form's
    cards), Registrera som svar and Avvisa. The message's row (PostgreSQL: FOR UPDATE; SQLite's writers take turns
    already) comes before any other row the step writes: the diarienummer series that remisser.service.register
    updates, the remiss a message is merged into (take_remiss). One order on every way, so two people deciding the
    same message at once take turns (the second waits here, then reads it handled) instead of each holding the row
    the other waits for (a deadlock), and the second decides nothing again (no second remiss, extension or file).
    Return "" when the message still waits for a decision, else why nothing is done, in Swedish."""
    session.refresh(message, with_for_update=True)
    return "" if message.status == "pending" else handled_text(session, message, user_id=user_id)


def take_remiss(session: Session, remiss: Remiss) -> None:
    """The second lock of a merge, after take_message: the row of the remiss the message is merged into, so two
    messages merged into one remiss take turns and the second reads the first's extension (not beyond it: refused)."""
    session.refresh(remiss, with_for_update=True)


def take_batch_message(session: Session, *, principal: Principal, token: str | None) -> str:
    """take_message for the registration form: the message the principal's batch was read from, if any."""
    message = batch_message(session, principal=principal, token=token)
    return take_message(session, message, user_id=principal.user_id) if message is not None else ""


def batch_message(session: Session, *, principal: Principal, token: str | None) -> InboxMessage | None:
    """The Inkorg message the principal's pending batch was read from; None for a pasted missiv or no batch."""
    batch = _own(session, principal, token)
    return session.get(InboxMessage, batch.inbox_message_id) if batch and batch.inbox_message_id else None


def handled_text(session: Session, message: InboxMessage, *, user_id: int | None) -> str:
    """What became of a handled message, said to one who tries to decide it again: by whom, as or into which remiss."""
    from remiss.auth.models import User

    remiss = session.get(Remiss, message.remiss_id) if message.remiss_id else None
    decider = session.get(User, message.decided_by_id) if message.decided_by_id else None
    who = "dig" if message.decided_by_id == user_id else (decider.name if decider is not None else "någon annan")
    if remiss is None or message.status not in ("registered", "merged"):
        return "Meddelandet är redan hanterat" + (f" – avvisat av {who}." if message.status == "dismissed" else ".")
    if message.status == "merged":
        return f"Meddelandet är redan sammanfört med {remiss.our_dnr or remiss.title} – av {who}."
    return f"Meddelandet är redan registrerat – av {who}, med diarienummer {remiss.our_dnr}."


def _use_batch(session: Session, batch: IntakeBatch, decision: str, *, now: datetime, principal: Principal,
               remiss: Remiss, files_dir: str, max_bytes: int, remove: bool = True) -> list[Attachment]:
    """Make the batch's files remisshandlingar of remiss, decide its Inkorg message, drop the batch."""
    pending = json.loads(batch.files)
    message = session.get(InboxMessage, batch.inbox_message_id) if batch.inbox_message_id is not None else None
    added = add_files(session, now=now, principal=principal, remiss=remiss, items=pending, files_dir=files_dir,
                      max_bytes=max_bytes, from_mail=mail_sender(message))
    if message is not None and message.status == "pending":  # a second batch from the same mail changes nothing
        note_left_out(session, now=now, principal=principal, remiss=remiss, message=message)
        decide(message, decision, now=now, principal=principal, remiss=remiss)
    session.delete(batch)
    session.flush()
    if remove:
        _remove_files(files_dir, pending)
    return added


def add_files(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, items: list[dict],
              files_dir: str, max_bytes: int, from_mail: str = "") -> list[Attachment]:
    """Make stored files remisshandlingar of remiss, each file once: one the remiss holds already (the same bytes,
    by sha256: a mail's attachment also in its forwarded inner message, or a file that arrives again) is skipped.
    from_mail: the sender of the Inkorg mail they came with, said in the history (walk25 Y14)."""
    held = {a.sha256 for a in attachments.of_remiss(session, remiss.id)}
    added = []
    for item in items:
        data = files.path_of(files_dir, item["key"]).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in held:
            continue
        held.add(digest)
        added.append(attachments.add(session, now=now, principal=principal, remiss=remiss,
                                     filename=item["filename"], data=data, files_dir=files_dir,
                                     max_bytes=max_bytes, from_mail=from_mail))
    return added


def note_left_out(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                  message: InboxMessage | None) -> None:
    """Say in the remiss's history each file of the mail that was too large to keep (the Inkorg's warning), so it
    is not forgotten once the mail is registered or merged (walk32 finding 7)."""
    from remiss.audit.service import record
    from remiss.intake.oversize import left_out

    for note in left_out(json.loads(message.warnings)) if message is not None else ():
        record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
               remiss_id=remiss.id, action="file_left_out", note=note)


def mail_sender(message: InboxMessage | None) -> str:
    """Who sent an Inkorg mail, as its history line says it ("" for none: a pasted or uploaded missiv)."""
    if message is None:
        return ""
    return message.sender or "okänd avsändare"


_SUBJECT_LINE = re.compile(r"^[ \t>]*(?:Ämne|Subject)[ \t]*:[ \t]*(\S[^\n]*)$", re.IGNORECASE | re.MULTILINE)
_EXTENSION_WORD = re.compile(r"förläng", re.IGNORECASE)


def letter_name(text: str, day: date) -> str:
    """The file name of a pasted extension letter kept on the remiss: its mail subject ("Förlängd svarstid till den
    15 maj 2027 – Fi2026-01234.txt", "Förlängning Remiss av X.txt"), else the day it was sent ("Förlängning
    2026-12-04.txt"); never a second "Missiv.txt"."""
    subjects = _SUBJECT_LINE.findall(text[:50000])
    subject = file_stem(subjects[-1]) if subjects else ""  # the innermost message of a forward is the letter's
    if subject and subject != "meddelande":
        stem = subject if _EXTENSION_WORD.search(subject) else f"Förlängning {subject}"
    else:
        stem = f"Förlängning {day.isoformat()}"
    return f"{stem[:100].rstrip(' .')}.txt"


def link_letter(session: Session, extension, remiss: Remiss, items: list[dict], files_dir: str) -> None:
    """Make the letter (the first of the read files: the pasted text or the mail) the extension's evidence file."""
    if not items or extension is None or extension.evidence_attachment_id is not None:
        return
    try:
        digest = hashlib.sha256(files.path_of(files_dir, items[0]["key"]).read_bytes()).hexdigest()
    except OSError:
        return
    found = session.exec(select(Attachment.id).where(Attachment.remiss_id == remiss.id, Attachment.sha256 == digest)
                         .order_by(Attachment.id)).first()
    if found is not None:
        extension.evidence_attachment_id = found
        session.add(extension)


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


def decide(message: InboxMessage, status: str, *, now: datetime, principal: Principal,
           remiss: Remiss | None) -> None:
    """Record what became of an Inkorg message: registered or merged (also through a batch read from it), dismissed."""
    message.status = status
    message.remiss_id = remiss.id if remiss is not None else None
    message.decided_by_id = principal.user_id
    message.decided_at = now


def file_stem(subject: str, length: int | None = None) -> str:
    """A mail subject as a file name's stem (the .eml kept, a pasted letter's name), readable as the subject: "/"
    becomes "-" ("SOFÖ 2026/0006" -> "SOFÖ 2026-0006"), en dashes and other letters stay ("2027–2030"), and what
    no file system takes (\\ : * ? " < > |, control characters) goes (walk14 #11)."""
    text = "".join(c if c.isprintable() else " " for c in subject.replace("/", "-").replace("\\", "-"))
    text = " ".join(re.sub(r'[:*?"<>|]+', " ", text).split())
    length = length or STEM_LENGTH
    if len(text) > length:  # at a word's end, with "…" ("… till Skånes…", not "… till Skånes mil", walk25 Y12)
        cut = text[:length - 1]
        if text[length - 1] != " " and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        text = cut.rstrip(" .,;–-") + "…"
    return text.rstrip(". ") or "meddelande"


STEM_LENGTH = 80  # characters of a mail subject kept in a file name
