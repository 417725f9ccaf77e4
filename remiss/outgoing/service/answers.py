"""Per-instans status: answers, supplements, avstår and reopening. Each instans's own anstånd is in anstand, and
what every change of an instans's row does first and last (begin, its history line) in entry_change; both are
re-exported here, so callers keep answers.grant_extension, answers.begin (the extension for everyone:
outgoing.service.remisstid)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete
from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import Principal
from remiss.calendar.swedish import format_date, format_date_time
from remiss.clock import local, local_today
from remiss.outgoing.models import SandlistaAnswer
from remiss.outgoing.reading import read_eml, read_msg
from remiss.outgoing.service import chasers, outdated, replacing
from remiss.outgoing.service.anstand import (  # noqa: F401 (re-exported: callers keep answers.grant_extension)
    ANSTAND_KEY, anstand_words, grant_extension, granted_day_refusal, not_told_reason, pending_request,
    request_extension, request_text, requested_day_refusal, tells_anstand)
from remiss.outgoing.service.entry_change import (  # noqa: F401 (SNAPSHOT, load_entry: re-exported)
    SNAPSHOT, begin, load_entry, log_change, snapshot)
from remiss.remisser import attachments as remiss_files
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import AnswerStatus, Remiss, SandlistaEntry


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
    mail_sent_at: datetime | None = None  # the moment the answer's mail was sent, read with date_from_mail


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
            data.mail_sent_at = mail.sent_at
    data.files = data.files + extra
    return data


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
    before = snapshot(entry)
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
    outdated.supersede(session, now=now, remiss_id=remiss.id, entry_id=entry.id, name=entry.name,  # session 30 B3
                       why=outdated.by_answer(entry.name), actor_id=principal.user_id, because=outdated.ANSWERED)
    log_change(session, now=now, principal=principal, entry=entry, before=before, action="answer",
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
    before = snapshot(entry)
    if data.summary.strip():
        added = f"Komplettering {format_date(data.answered_on)}: {data.summary.strip()}"
        entry.summary = f"{entry.summary}\n\n{added}" if entry.summary.strip() else added
        session.add(entry)
        session.flush()
    for filename, content in data.files:
        remiss_files.add(session, now=now, principal=principal, remiss=remiss, filename=filename, data=content,
                         files_dir=files_dir, max_bytes=max_bytes, purpose="svar", sandlista_entry_id=entry.id)
    log_change(session, now=now, principal=principal, entry=entry, before=before, action="answer_supplement",
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


def future_refusal(answered_on: date | None, today: date, what: str = "svaret") -> str | None:
    """The refusal of an answer (what: "beskedet" for an avstår) dated after today, else None; the form says it with
    its other errors (walk24 V2)."""
    if answered_on is None or answered_on <= today:
        return None
    return (f"{what.capitalize()} kan inte ha kommit in i framtiden. Ange dagen då {what} kom in "
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
    sent = local(entry.sent_at) if entry.sent_at else None
    if sent and data.mail_sent_at and data.answered_on == sent.date() and data.mail_sent_at < sent \
            and not data.date_confirmed:  # the same day, but before the utskick (walk27 Y7)
        raise EarlyAnswer({"answered_on": f"E-postmeddelandet med svaret skickades {format_date_time(data.mail_sent_at)}, "
                                          f"före utskicket {format_date_time(sent)}. Kontrollera att det är ett svar "
                                          "på remissen. Stämmer det, kryssa i ”Datumet stämmer” och spara igen."})


def answers_of(session: Session, entry_id: int) -> dict[int, str]:
    rows = session.exec(select(SandlistaAnswer).where(SandlistaAnswer.sandlista_entry_id == entry_id))
    return {a.question_id: a.text for a in rows}


def declines_already(entry: SandlistaEntry, note: str, day: date | None = None) -> bool:
    """Whether "Instansen avstår" would change nothing: the instans avstår already, with this Kommentar (and, when
    given, registered as received this day)."""
    return entry.answer_status == AnswerStatus.avstar and entry.summary == note.strip()[:5000] \
        and (day is None or entry.answered_on == day)


def already_declined_words(entry: SandlistaEntry) -> str:
    """ "Trafiknämnden avstår redan (registrerat 4 december 2026); inget är ändrat." """
    day = f" (registrerat {format_date(entry.answered_on)})" if entry.answered_on else ""
    return f"{entry.name} avstår redan{day}; inget är ändrat."


def decline(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, entry: SandlistaEntry,
            answered_on: date, note: str = "", base: str | None = None, confirmed: bool = True,
            day_given: bool = False) -> SandlistaEntry:
    """The instans avstår från att yttra sig. Asked first (confirmed=False: replacing.Asks) where it replaces a
    registered answer or the remiss is not sent to the instans yet; base as for register_answer (walk22 L1, L6).
    day_given: answered_on is the day the besked came in, as the user typed it (the form's Beskedet inkom); else it is
    today, and an avstår corrected keeps the day it was registered."""
    begin(principal, remiss)
    replacing.check_decline(session, entry, base, confirmed, note=note)
    if declines_already(entry, note, answered_on if day_given else None):  # no history line, no new date (h-out23 M3)
        return entry
    before = snapshot(entry)
    # an avstår corrected (its Kommentar, walk12b #19) keeps the day it was registered, unless a day is given: a
    # besked that came in before the svarsdag and was registered after it was marked late (walk34b)
    entry.answered_on = entry.answered_on if not day_given and entry.answer_status == AnswerStatus.avstar \
        and entry.answered_on else answered_on
    entry.answer_status = AnswerStatus.avstar.value
    entry.summary = note.strip()[:5000]
    session.add(entry)
    session.flush()
    chasers.cancel_for_entry(session, remiss_id=remiss.id, entry_id=entry.id, reason="Remissinstansen avstår")
    outdated.supersede(session, now=now, remiss_id=remiss.id, entry_id=entry.id, name=entry.name,  # session 30 B3
                       why=outdated.by_answer(entry.name, outdated.DECLINED), actor_id=principal.user_id,
                       because=outdated.DECLINED)
    log_change(session, now=now, principal=principal, entry=entry, before=before, action="decline")
    return entry


def reopen(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
           entry: SandlistaEntry, base: str | None = None) -> str:
    """Undo a registered answer or avstår (registered by mistake); chasers resume, and a notice of a later
    svarsdag the answer stopped in the Utkorg goes back there (outdated.revive). base as for register_answer:
    Ångra from a page opened before the answer changed would undo the newer one, and is refused. Return what
    the message after it adds about that notice ("" for none)."""
    begin(principal, remiss)
    replacing.check_reopen(session, entry, base)
    before = snapshot(entry)
    entry.answer_status = (AnswerStatus.anstand_beviljat.value if entry.extended_until_on
                           else AnswerStatus.ej_svarat.value)
    entry.answered_on = None
    session.add(entry)
    session.flush()
    log_change(session, now=now, principal=principal, entry=entry, before=before, action="reopen")
    notice = outdated.revive(session, now=now, remiss=remiss, entry=entry, actor_id=principal.user_id)
    chasers.schedule(session, now=now, remiss=remiss)
    return notice
