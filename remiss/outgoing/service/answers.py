"""Per-instans status: answers, avstår, anstånd, and the general extension to everyone."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import delete
from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.calendar.swedish import count_words, format_date, format_deadline
from remiss.documents.letters import letters, text_letter
from remiss.auth.access import Action, NotFound, Principal, require
from remiss.clock import local, local_today
from remiss.namnd.models import Namnd
from remiss.outgoing import mails
from remiss.outgoing.models import SandlistaAnswer
from remiss.outgoing.reading import read_eml, read_msg
from remiss.outgoing.service import chasers
from remiss.planning.models import Extension
from remiss.reminders.outbox import enqueue
from remiss.remisser import attachments as remiss_files
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.finished import RemissFinished
from remiss.remisser.models import AnswerStatus, Attachment, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

EXTENSION_KIND = "outgoing_extension"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SNAPSHOT = ("answer_status", "answered_on", "no_comments", "summary", "other_comments", "extended_until_on",
            "extended_until_time")


@dataclass
class AnswerData:
    answered_on: date
    no_comments: bool = False
    summary: str = ""
    other_comments: str = ""
    answers: dict[int, str] = field(default_factory=dict)  # question id → text
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (filename, data)
    date_from_mail: bool = False  # an uploaded .eml gives the date the answer came (its Date header)
    date_confirmed: bool = False  # the user confirmed a date before the utskick (asked about first)


class EarlyAnswer(InputErrors):
    """An answer dated before the remiss was sent to the instans: asked about, registered when confirmed."""


def before_sending(entry: SandlistaEntry) -> bool:
    """An answer (or avstår) registered as received before the remiss was sent to the instans: likely a mistyped
    date; the answer is kept, and the user is asked to check the date."""
    return bool(entry.answered_on and entry.sent_at and entry.answered_on < local(entry.sent_at).date())


def is_late(remiss: Remiss, entry: SandlistaEntry) -> bool:
    """An answer (or avstår) registered as received after the deadline that applied to the instans."""
    day, _ = chasers.deadline_of(remiss, entry)
    return bool(entry.answered_on and day and entry.answered_on > day)


def _from_mail_files(data: AnswerData, max_bytes: int) -> AnswerData:
    """Files that are e-mails (.eml, or an Outlook .msg read in the sandbox worker): their attached files join the
    answer, their text fills an empty summary, and their date is the answer's when asked for."""
    extra = []
    for filename, content in data.files:
        if filename.lower().endswith(".eml"):
            mail = read_eml(content)
        elif filename.lower().endswith(".msg"):
            mail = read_msg(content, filename, max_bytes=max_bytes)
        else:
            continue
        extra.extend(mail.files)
        if not data.summary.strip() and mail.text:
            data.summary = mail.text
        if data.date_from_mail and mail.sent_on:
            data.answered_on = mail.sent_on
    data.files = data.files + extra
    return data


def load_entry(session: Session, remiss: Remiss, entry_id: int) -> SandlistaEntry:
    entry = session.get(SandlistaEntry, entry_id)
    if entry is None or entry.remiss_id != remiss.id:
        raise NotFound("Remissinstansen finns inte på den här remissen.")
    return entry


def _begin(principal: Principal, remiss: Remiss) -> None:
    require(principal, Action.edit, remiss.namnd_id)
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"direction": "Svar registreras bara på utgående remisser."})
    if remiss.status == RemissStatus.avslutad:  # walk16 #5: a closed case's answers are read only (409 in the API)
        raise RemissFinished(remiss)


def _snapshot(entry: SandlistaEntry) -> dict:
    return {k: getattr(entry, k) for k in SNAPSHOT}


def _log(session, *, now, principal, entry, before, action, note=""):
    audit.record(session, now=now, user_id=principal.user_id, entity="sandlista_entry", entity_id=entry.id,
                 remiss_id=entry.remiss_id, action=action, changes=audit.diff(before, _snapshot(entry)),
                 note=note or entry.name)


def register_answer(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                    entry: SandlistaEntry, data: AnswerData, files_dir: str, max_bytes: int) -> SandlistaEntry:
    """Record an instans's answer: date, files, inga synpunkter, summary, per-question answers."""
    _begin(principal, remiss)
    data = _from_mail_files(data, max_bytes)
    _check_date(entry, data, today=local_today(now))
    questions = {q.id for q in remisser.questions_of(session, remiss.id)}
    unknown = set(data.answers) - questions
    if unknown:
        raise InputErrors({"answers": "Svaret gäller en frågeställning som inte finns på remissen."})
    if not (data.no_comments or data.summary.strip() or data.other_comments.strip() or data.files
            or any(t.strip() for t in data.answers.values())):
        raise InputErrors({"summary": "Ange en kort sammanfattning, svar på frågorna, en fil eller ”inga synpunkter”."})
    _check_sent(remiss, entry)
    before = _snapshot(entry)
    entry.answer_status = AnswerStatus.svarat.value
    entry.answered_on = data.answered_on
    entry.no_comments = data.no_comments
    entry.summary = data.summary.strip()
    entry.other_comments = data.other_comments.strip()
    session.add(entry)
    session.exec(delete(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id == entry.id))
    for question_id, text in sorted(data.answers.items()):
        if text.strip():
            session.add(SandlistaAnswer(sandlista_entry_id=entry.id, question_id=question_id, text=text.strip()))
    session.flush()
    for filename, content in data.files:
        remiss_files.add(session, now=now, principal=principal, remiss=remiss, filename=filename, data=content,
                         files_dir=files_dir, max_bytes=max_bytes, purpose="svar", sandlista_entry_id=entry.id)
    chasers.cancel_for_entry(session, remiss_id=remiss.id, entry_id=entry.id, reason="Remissinstansen har svarat")
    _log(session, now=now, principal=principal, entry=entry, before=before, action="answer",
         note=entry.name + (" (inkom efter svarstiden)" if is_late(remiss, entry) else ""))
    return entry


def add_supplement(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, entry: SandlistaEntry,
                   data: AnswerData, files_dir: str, max_bytes: int) -> SandlistaEntry:
    """A komplettering from an instans that has already answered (walk14 #5): its files join the answer and its
    text is added to the summary under its date; the first answer, its date and its summary are kept."""
    _begin(principal, remiss)
    if entry.answer_status != AnswerStatus.svarat:
        raise InputErrors({"answer_status": f"{entry.name} har inte svarat än, så det finns inget svar att "
                                            "komplettera."})
    data = _from_mail_files(data, max_bytes)
    before = _snapshot(entry)
    if data.summary.strip():
        added = f"Komplettering {format_date(data.answered_on)}: {data.summary.strip()}"
        entry.summary = f"{entry.summary}\n\n{added}" if entry.summary.strip() else added
        session.add(entry)
        session.flush()
    for filename, content in data.files:
        remiss_files.add(session, now=now, principal=principal, remiss=remiss, filename=filename, data=content,
                         files_dir=files_dir, max_bytes=max_bytes, purpose="svar", sandlista_entry_id=entry.id)
    _log(session, now=now, principal=principal, entry=entry, before=before, action="answer_supplement",
         note=f"{entry.name}, {format_date(data.answered_on)}")
    return entry


def _check_sent(remiss: Remiss, entry: SandlistaEntry) -> None:
    """Refuse an answer from an instans the remiss has not been sent to: it cannot have answered a missiv it has
    not had, and sending would then ask it to answer (walk10)."""
    if entry.sent_at is not None:
        return
    if remiss.sent_at is None:
        message = (f"Remissen är inte skickad än, så {entry.name} kan inte ha svarat på den. Skicka remissen "
                   "först och registrera sedan svaret.")
    else:
        message = (f"Remissen är inte skickad än till {entry.name} (instansen kom med på sändlistan efter "
                   "utskicket). Skicka remissen till den först och registrera sedan svaret.")
    raise InputErrors({"answer_status": message})


def _check_date(entry: SandlistaEntry, data: AnswerData, *, today: date) -> None:
    """Refuse an answer dated after today; ask about one dated before the utskick (likely a mistyped date)."""
    if data.answered_on > today:
        raise InputErrors({"answered_on": "Svaret kan inte ha kommit in i framtiden. Ange dagen då svaret kom in "
                                          f"(senast i dag, {format_date(today)})."})
    sent_on = local(entry.sent_at).date() if entry.sent_at else None
    if sent_on and data.answered_on < sent_on and not data.date_confirmed:
        raise EarlyAnswer({"answered_on": f"Svaret är daterat {format_date(data.answered_on)}, före utskicket "
                                          f"{format_date(sent_on)}. Kontrollera datumet. Stämmer det, kryssa i "
                                          "”Datumet stämmer” och spara igen."})


def answers_of(session: Session, entry_id: int) -> dict[int, str]:
    rows = session.exec(select(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id == entry_id))
    return {a.question_id: a.text for a in rows}


def decline(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, entry: SandlistaEntry,
            answered_on: date, note: str = "") -> SandlistaEntry:
    """The instans avstår från att yttra sig."""
    _begin(principal, remiss)
    before = _snapshot(entry)
    entry.answer_status = AnswerStatus.avstar.value
    entry.answered_on = answered_on
    entry.summary = note.strip()[:5000]
    session.add(entry)
    session.flush()
    chasers.cancel_for_entry(session, remiss_id=remiss.id, entry_id=entry.id, reason="Remissinstansen avstår")
    _log(session, now=now, principal=principal, entry=entry, before=before, action="decline")
    return entry


def reopen(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
           entry: SandlistaEntry) -> SandlistaEntry:
    """Undo a registered answer or avstår (registered by mistake); chasers resume."""
    _begin(principal, remiss)
    before = _snapshot(entry)
    entry.answer_status = (AnswerStatus.anstand_beviljat.value if entry.extended_until_on
                           else AnswerStatus.ej_svarat.value)
    entry.answered_on = None
    session.add(entry)
    session.flush()
    _log(session, now=now, principal=principal, entry=entry, before=before, action="reopen")
    chasers.schedule(session, now=now, remiss=remiss)
    return entry


def pending_request(session: Session, entry_id: int) -> Extension | None:
    """The instans's latest request for anstånd not yet decided, if any."""
    return session.exec(select(Extension).where(Extension.sandlista_entry_id == entry_id,
                                                Extension.decision == "pending")
                        .order_by(Extension.id.desc()).limit(1)).first()


def request_text(entry: SandlistaEntry, request: Extension) -> str:
    """ "Miljönämnden begär anstånd till 15 januari 2027 – Nämndmöte 14 januari" (walk12b #10)."""
    text = f"{entry.name} begär anstånd"
    if request.requested_until_on:
        text += f" till {format_deadline(request.requested_until_on, request.requested_until_time)}"
    return text + (f" – {request.reason}" if request.reason else "")


def request_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      entry: SandlistaEntry, requested_until_on: date | None, reason: str = "",
                      requested_until_time: time | None = None) -> Extension:
    """Record that an instans asked for anstånd (begärt anstånd): the day and reason asked for are kept, shown
    and offered when granting; a day that is not after the instans's deadline in force (nor after today) is
    refused, as a grant is (walk12b #10). A new request replaces one not yet decided."""
    _begin(principal, remiss)
    _check_anstand(remiss, entry)
    if requested_until_on is not None:
        today = local_today(now)
        if requested_until_on <= today:
            raise InputErrors({"until_on": "Den begärda svarsdagen måste ligga efter i dag "
                                           f"({format_date(today)})."})
        day, at = chasers.deadline_of(remiss, entry)
        if day and requested_until_on <= day:  # by the day, as a grant is
            raise InputErrors({"until_on": f"Den begärda svarsdagen måste ligga efter den som gäller för "
                                           f"{entry.name} nu ({format_deadline(day, at)})."})
    before = _snapshot(entry)
    extension = pending_request(session, entry.id) or Extension(
        remiss_id=remiss.id, sandlista_entry_id=entry.id, requested_by=entry.name, created_by_id=principal.user_id,
        created_at=now)
    extension.requested_on = local_today(now)
    extension.requested_until_on, extension.requested_until_time = requested_until_on, requested_until_time
    extension.reason = reason.strip()
    session.add(extension)
    entry.answer_status = AnswerStatus.begart_anstand.value
    session.add(entry)
    session.flush()
    _log(session, now=now, principal=principal, entry=entry, before=before, action="extension_request",
         note=request_text(entry, extension))
    return extension


def _check_anstand(remiss: Remiss, entry: SandlistaEntry) -> None:
    """Anstånd only for an instans that has the remiss and has not answered (unsent: truth17 F10, as _check_sent)."""
    if entry.answer_status in (AnswerStatus.svarat, AnswerStatus.avstar):
        raise InputErrors({"answer_status": f"{entry.name} har redan svarat eller avstått."})
    if remiss.sent_at is None:
        raise InputErrors({"answer_status": f"Remissen är inte skickad än, så {entry.name} kan inte få anstånd. "
                                            "Behöver instanserna mer tid, ändra sista svarsdagen under Ändra "
                                            "uppgifter."})


def grant_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                    entry: SandlistaEntry, until_on: date, until_time: time | None = None,
                    reason: str = "") -> Extension:
    """Grant one instans anstånd to a later date; its chasers follow the new date."""
    _begin(principal, remiss)
    _check_anstand(remiss, entry)
    if remiss.effective_deadline_on and until_on <= remiss.effective_deadline_on:
        raise InputErrors({"until_on": "Anståndet måste gå ut efter remissens sista svarsdag."})
    extension = pending_request(session, entry.id)
    if extension is None:
        extension = Extension(remiss_id=remiss.id, sandlista_entry_id=entry.id, requested_by=entry.name,
                              requested_on=local_today(now), reason=reason.strip(), created_by_id=principal.user_id,
                              created_at=now)
    extension.decision, extension.decided_on = "granted", local_today(now)
    extension.granted_until_on, extension.granted_until_time = until_on, until_time
    if reason.strip():
        extension.reason = reason.strip()
    session.add(extension)
    before = _snapshot(entry)
    entry.answer_status = AnswerStatus.anstand_beviljat.value
    entry.extended_until_on, entry.extended_until_time = until_on, until_time
    session.add(entry)
    session.flush()
    _log(session, now=now, principal=principal, entry=entry, before=before, action="extension_granted")
    chasers.schedule(session, now=now, remiss=remiss)
    return extension


@dataclass(frozen=True)
class Extended:
    """What a general extension told whom: mails queued, letters to print for those with only a postal address,
    the instanser not yet sent the remiss (their missiv will carry the new svarsdag), and those not told because
    their own anstånd runs longer than the new date (name, that anstånd as written)."""

    mailed: int
    posted: list[str]
    unsent: list[str]
    letters: Attachment | None = None
    longer: list[tuple[str, str]] = field(default_factory=list)

    def note(self) -> str:
        """One line for the history and the panel: who was told, and how."""
        parts = [f"meddelandet e-postades till {count_words(self.mailed, 'remissinstans', 'remissinstanser')} "
                 "som inte hade svarat" if self.mailed else "ingen fick meddelandet med e-post"]
        if self.posted:
            parts.append("brev att skriva ut och skicka per post till " + ", ".join(self.posted))
        if self.unsent:
            parts.append("inte meddelade (har inte fått remissen än): " + ", ".join(self.unsent))
        if self.longer:
            parts.append("inte meddelade (har redan längre anstånd): "
                         + ", ".join(f"{name} (till {until})" for name, until in self.longer))
        return "; ".join(parts)


def general_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      until_on: date, until_time: time | None, files_dir: str, reason: str = "") -> Extended:
    """Extend the remisstid for everyone; e-mail each instans that has not answered and whose deadline moves, and
    make one Word file of letters for those of them with only a postal address. An instans whose own anstånd
    runs past the new date keeps it and is not told (its deadline does not change; walk12b #3)."""
    _begin(principal, remiss)
    old = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if until_on <= local_today(now):  # the notice would name a day that has been (walk9)
        raise InputErrors({"until_on": f"Den nya svarsdagen måste ligga efter i dag ({format_date(local_today(now))})."})
    if old[0] and (until_on, until_time or time(23, 59)) <= (old[0], old[1] or time(23, 59)):
        raise InputErrors({"until_on": "Den nya svarsdagen måste ligga efter den som gäller nu."})
    open_entries = [e for e in remisser.entries(session, remiss.id)
                    if e.answer_status not in (AnswerStatus.svarat, AnswerStatus.avstar)]
    before = {e.id: chasers.deadline_of(remiss, e) for e in open_entries}
    extension = Extension(remiss_id=remiss.id, is_general=True, requested_by="", requested_on=local_today(now),
                          reason=reason.strip(), decision="granted", granted_until_on=until_on,
                          granted_until_time=until_time, decided_on=local_today(now), created_by_id=principal.user_id,
                          created_at=now)
    session.add(extension)
    session.flush()
    remisser.refresh_deadline(session, now=now, remiss=remiss, actor_id=principal.user_id)
    namnd = session.get(Namnd, remiss.namnd_id)
    new = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    queued, by_post, longer = 0, [], []
    for entry in open_entries:
        if entry.sent_at is None:
            continue
        if chasers.deadline_of(remiss, entry) == before[entry.id]:  # its own anstånd runs as long or longer
            longer.append((entry.name, format_deadline(*before[entry.id])))
            continue
        if not entry.email:
            by_post.append(entry)
            continue
        payload = mails.extension_mail(remiss=remiss, namnd=namnd, entry=entry, old=before[entry.id], new=new,
                                       reason=reason)
        queued += enqueue(session, now=now, key=f"outgoing:extension:{remiss.id}:{extension.id}:{entry.id}",
                          recipient_email=entry.email, kind=EXTENSION_KIND, due_at=now,
                          subject=payload["subject"], payload=payload, remiss_id=remiss.id)
    kept = None
    if by_post:
        olds = {before[e.id] for e in by_post}  # one text for every letter: the old date only when all share it
        text = [f"{namnd.name}, {format_date(local_today(now))}"] + mails.extension_text(
            remiss=remiss, namnd=namnd, old=olds.pop() if len(olds) == 1 else None, new=new, reason=reason)
        data = letters(text_letter("Meddelande om förlängd remisstid", text),
                       [[e.name] + [line for line in e.postal_address.splitlines() if line.strip()] for e in by_post])
        kept = _keep_letters(session, now=now, principal=principal, remiss=remiss, data=data, files_dir=files_dir)
    done = Extended(queued, [e.name for e in by_post], [e.name for e in open_entries if e.sent_at is None], kept,
                    longer)
    audit.record(session, now=now, user_id=principal.user_id, entity="extension", entity_id=extension.id,
                 remiss_id=remiss.id, action="general_extension",
                 changes={"granted_until": [None, f"{until_on} {until_time or ''}".strip()]}, note=done.note())
    chasers.schedule(session, now=now, remiss=remiss)
    return done


LETTERS_PURPOSE = "forlangningsbrev"


def _keep_letters(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, data: bytes,
                  files_dir: str) -> Attachment:
    stored = files.store(files_dir, data, content_type=DOCX)
    attachment = Attachment(remiss_id=remiss.id, purpose=LETTERS_PURPOSE, content_type=DOCX, size=stored.size,
                            filename=files.portable_name(f"Förlängd remisstid per post {remiss.our_dnr or remiss.id}.docx"),
                            sha256=stored.sha256, storage_key=stored.key, uploaded_by_id=principal.user_id,
                            uploaded_at=now)
    session.add(attachment)
    session.flush()
    return attachment
