"""Per-instans status: answers, supplements, avstår, reopening and each instans's own anstånd (the extension for
everyone: outgoing.service.remisstid)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlalchemy import delete
from sqlmodel import Session, select

from remiss import files
from remiss.audit import service as audit
from remiss.calendar.swedish import format_date, format_deadline
from remiss.auth.access import Action, NotFound, Principal, require
from remiss.clock import local, local_today
from remiss.namnd.models import Namnd
from remiss.outgoing import mails
from remiss.outgoing.models import SandlistaAnswer
from remiss.outgoing.reading import read_eml, read_msg
from remiss.outgoing.service import chasers, replacing
from remiss.planning.models import Extension
from remiss.reminders.outbox import enqueue
from remiss.remisser import attachments as remiss_files
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.finished import RemissFinished
from remiss.remisser.models import AnswerStatus, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus

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


def begin(principal: Principal, remiss: Remiss) -> None:
    """Refuse a change to the answers unless the user may edit the outgoing remiss and it is not avslutad."""
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
                    entry: SandlistaEntry, data: AnswerData, files_dir: str, max_bytes: int,
                    base: str | None = None) -> SandlistaEntry:
    """Record an instans's answer: date, files, inga synpunkter, summary, per-question answers. base: the token of
    the answer the form showed (replacing.token); a newer one is not overwritten unasked (walk22 L1)."""
    begin(principal, remiss)
    replacing.check_answer(session, entry, base)
    data = _from_mail_files(data, max_bytes)
    _check_date(entry, data, today=local_today(now))
    questions = {q.id for q in remisser.questions_of(session, remiss.id)}
    unknown = set(data.answers) - questions
    if unknown:
        raise InputErrors({"answers": "Svaret gäller en frågeställning som inte finns på remissen."})
    if not (data.no_comments or data.summary.strip() or data.other_comments.strip() or data.files
            or any(t.strip() for t in data.answers.values())):
        raise InputErrors({"summary": "Ange en kort sammanfattning, svar på frågorna, en fil eller ”inga synpunkter”."})
    _check_no_comments(data)
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
    begin(principal, remiss)
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


def synpunkter_said(answers: list[str], other_comments: str) -> list[str]:
    """What of an answer says synpunkter, in words ("svar på frågorna", "övriga synpunkter"): what "Inga synpunkter"
    cannot go with (walk19 G2). A kort sammanfattning and files (the mail or letter that said "inga synpunkter")
    can. Migration z001 repairs the answers stored with both by it."""
    return [what for what, text in (("svar på frågorna", "".join(answers)),
                                    ("övriga synpunkter", other_comments)) if text.strip()]


def _check_no_comments(data: AnswerData) -> None:
    """Refuse "Inga synpunkter" together with synpunkter (walk19 G2): the sammanställning would say both. Only the
    user knows which is true, so nothing is unticked or dropped."""
    said = synpunkter_said(list(data.answers.values()), data.other_comments)
    if data.no_comments and said:
        raise InputErrors({"no_comments": f"”Inga synpunkter” och {' och '.join(said)} säger emot varandra. Har "
                                          "instansen synpunkter, ta bort krysset i ”Inga synpunkter”; annars ta bort "
                                          "texten."})


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


def future_refusal(answered_on: date | None, today: date) -> str | None:
    """The refusal of an answer dated after today, else None; the form says it with its other errors (walk24 V2)."""
    if answered_on is None or answered_on <= today:
        return None
    return ("Svaret kan inte ha kommit in i framtiden. Ange dagen då svaret kom in "
            f"(senast i dag, {format_date(today)}).")


def _check_date(entry: SandlistaEntry, data: AnswerData, *, today: date) -> None:
    """Refuse an answer dated after today; ask about one dated before the utskick (likely a mistyped date)."""
    if refusal := future_refusal(data.answered_on, today):
        raise InputErrors({"answered_on": refusal})
    sent_on = local(entry.sent_at).date() if entry.sent_at else None
    if sent_on and data.answered_on < sent_on and not data.date_confirmed:
        raise EarlyAnswer({"answered_on": f"Svaret är daterat {format_date(data.answered_on)}, före utskicket "
                                          f"{format_date(sent_on)}. Kontrollera datumet. Stämmer det, kryssa i "
                                          "”Datumet stämmer” och spara igen."})


def answers_of(session: Session, entry_id: int) -> dict[int, str]:
    rows = session.exec(select(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id == entry_id))
    return {a.question_id: a.text for a in rows}


def declines_already(entry: SandlistaEntry, note: str) -> bool:
    """Whether "Instansen avstår" would change nothing: the instans avstår already, with this Kommentar."""
    return entry.answer_status == AnswerStatus.avstar and entry.summary == note.strip()[:5000]


def already_declined_words(entry: SandlistaEntry) -> str:
    """ "Trafiknämnden avstår redan (registrerat 4 december 2026); inget är ändrat." """
    day = f" (registrerat {format_date(entry.answered_on)})" if entry.answered_on else ""
    return f"{entry.name} avstår redan{day}; inget är ändrat."


def decline(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, entry: SandlistaEntry,
            answered_on: date, note: str = "", base: str | None = None, confirmed: bool = True) -> SandlistaEntry:
    """The instans avstår från att yttra sig. Asked first (confirmed=False: replacing.Asks) where it replaces a
    registered answer or the remiss is not sent to the instans yet; base as for register_answer (walk22 L1, L6)."""
    begin(principal, remiss)
    replacing.check_decline(session, entry, base, confirmed, note=note)
    if declines_already(entry, note):  # nothing to register: no history line, no new date (h-out23 M3)
        return entry
    before = _snapshot(entry)
    # an avstår corrected (its Kommentar, walk12b #19) keeps the day it was registered
    entry.answered_on = entry.answered_on if entry.answer_status == AnswerStatus.avstar and entry.answered_on \
        else answered_on
    entry.answer_status = AnswerStatus.avstar.value
    entry.summary = note.strip()[:5000]
    session.add(entry)
    session.flush()
    chasers.cancel_for_entry(session, remiss_id=remiss.id, entry_id=entry.id, reason="Remissinstansen avstår")
    _log(session, now=now, principal=principal, entry=entry, before=before, action="decline")
    return entry


def reopen(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
           entry: SandlistaEntry, base: str | None = None) -> SandlistaEntry:
    """Undo a registered answer or avstår (registered by mistake); chasers resume. base as for register_answer:
    Ångra from a page opened before the answer changed would undo the newer one, and is refused."""
    begin(principal, remiss)
    replacing.check_reopen(session, entry, base)
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
    begin(principal, remiss)
    _check_anstand(remiss, entry)
    if refusal := requested_day_refusal(remiss, entry, requested_until_on, local_today(now)):
        raise InputErrors({"until_on": refusal})
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


def requested_day_refusal(remiss: Remiss, entry: SandlistaEntry, day: date | None, today: date) -> str:
    """Why an instans cannot ask for anstånd until day ("" when it can, or no day is given): the day must lie after
    today and after the instans's deadline in force (by the day, as a grant is). The form says it in the same round
    as a klockslag it could not read (session 25)."""
    if day is None:
        return ""
    if day <= today:
        return f"Den begärda svarsdagen måste ligga efter i dag ({format_date(today)})."
    in_force, at = chasers.deadline_of(remiss, entry)
    if in_force and day <= in_force:
        return (f"Den begärda svarsdagen måste ligga efter den som gäller för {entry.name} nu "
                f"({format_deadline(in_force, at)}).")
    return ""


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
    begin(principal, remiss)
    _check_anstand(remiss, entry)
    if remiss.effective_deadline_on and until_on <= remiss.effective_deadline_on:
        deadline = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
        raise InputErrors({"until_on": f"Anståndet måste gå ut efter remissens sista svarsdag, {deadline}: "
                                       "välj en senare dag."})
    old = chasers.deadline_of(remiss, entry)  # said in the besked: the svarsdag it had
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
    told = _tell_anstand(session, now=now, remiss=remiss, entry=entry, extension=extension, old=old)
    _log(session, now=now, principal=principal, entry=entry, before=before, action="extension_granted",
         note=f"{entry.name}; {anstand_words(entry, told)}")
    chasers.schedule(session, now=now, remiss=remiss)
    return extension


ANSTAND_KEY = "outgoing:anstand:{remiss_id}:{extension_id}:{entry_id}"


def _tell_anstand(session: Session, *, now: datetime, remiss: Remiss, entry: SandlistaEntry, extension: Extension,
                  old: tuple) -> bool:
    """Put the besked om anstånd in the Utkorg for an instans with e-post that has been sent the remiss (walk24
    V14), as the general extension does for everyone (remisstid.EXTENSION_KIND); True when it was queued."""
    from remiss.outgoing.service.remisstid import EXTENSION_KIND  # remisstid imports this module

    if not tells_anstand(entry):
        return False
    payload = mails.anstand_mail(remiss=remiss, namnd=session.get(Namnd, remiss.namnd_id), entry=entry, old=old,
                                 new=(extension.granted_until_on, extension.granted_until_time))
    enqueue(session, now=now, key=ANSTAND_KEY.format(remiss_id=remiss.id, extension_id=extension.id,
                                                     entry_id=entry.id),
            recipient_email=entry.email.strip(), kind=EXTENSION_KIND, due_at=now, subject=payload["subject"],
            payload=payload, remiss_id=remiss.id)
    return True


def tells_anstand(entry: SandlistaEntry) -> bool:
    """Whether a granted anstånd is e-mailed to the instans: it has e-post and has been sent the remiss."""
    return entry.sent_at is not None and bool((entry.email or "").strip())


def anstand_words(entry: SandlistaEntry, told: bool) -> str:
    """Whether the instans is told of its anstånd, for the history (walk24 V14)."""
    if told:
        return f"beskedet om anståndet lades i utkorgen för e-post till {entry.email.strip()}"
    return f"inget besked skickades: {not_told_reason(entry)}"


def not_told_reason(entry: SandlistaEntry) -> str:
    """Why an instans is not e-mailed its anstånd, and what the user does: "Lunds kommun har ingen e-postadress,
    så meddela instansen själv"."""
    if entry.sent_at is None:
        return f"remissen är inte skickad till {entry.name} än, så meddela instansen själv"
    return f"{entry.name} har ingen e-postadress, så meddela instansen själv"
