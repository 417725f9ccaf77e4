"""Each remissinstans's own anstånd on an utgående remiss: its request (the day and reason asked for), the grant and
the besked e-mailed to it (split from answers, which registers answers and avstår; the extension for everyone:
outgoing.service.remisstid)."""
from __future__ import annotations

from datetime import date, datetime, time

from sqlmodel import Session, select

from remiss.auth.access import Principal
from remiss.calendar.swedish import format_date, format_deadline
from remiss.clock import local_today
from remiss.namnd.models import Namnd
from remiss.outgoing import held, mails
from remiss.outgoing.service import chasers, outdated
from remiss.outgoing.service.entry_change import begin, log_change, snapshot
from remiss.planning.models import Extension
from remiss.reminders.outbox import enqueue
from remiss.remisser.input import InputErrors
from remiss.remisser.models import AnswerStatus, Remiss, SandlistaEntry


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
    _check_anstand(session, remiss, entry)
    if refusal := requested_day_refusal(remiss, entry, requested_until_on, local_today(now)):
        raise InputErrors({"until_on": refusal})
    before = snapshot(entry)
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
    log_change(session, now=now, principal=principal, entry=entry, before=before, action="extension_request",
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


def granted_day_refusal(remiss: Remiss, day: date | None) -> str:
    """Why an instans cannot be granted anstånd until day ("" when it can, or no day is given): the day must lie
    after the remiss's sista svarsdag in force, by the day alone, so the form says it in the same round as a
    klockslag it could not read (walk28 Z11)."""
    if day is None or not remiss.effective_deadline_on or day > remiss.effective_deadline_on:
        return ""
    deadline = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    return f"Anståndet måste gå ut efter remissens sista svarsdag, {deadline}: välj en senare dag."


def _check_anstand(session: Session, remiss: Remiss, entry: SandlistaEntry) -> None:
    """Anstånd only for an instans that has the remiss and has not answered (unsent: truth17 F10, as _check_sent;
    its missiv held back: it never got the remiss, so no besked about more time to answer it, walk26b X18)."""
    if entry.answer_status in (AnswerStatus.svarat, AnswerStatus.avstar):
        raise InputErrors({"answer_status": f"{entry.name} har redan svarat eller avstått."})
    if remiss.sent_at is None:
        raise InputErrors({"answer_status": f"Remissen är inte skickad än, så {entry.name} kan inte få anstånd. "
                                            "Behöver instanserna mer tid, ändra sista svarsdagen under Ändra "
                                            "uppgifter."})
    if entry.id in held.held_entry_ids(session, remiss.id):
        raise InputErrors({"answer_status": f"Missivet till {entry.name} hålls kvar och är inte skickat, så "
                                            f"{entry.name} har inte fått remissen och kan inte få anstånd än. "
                                            "Anstånd kan ges när missivet har skickats."})


def grant_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                    entry: SandlistaEntry, until_on: date, until_time: time | None = None,
                    reason: str = "") -> Extension:
    """Grant one instans anstånd to a later date; its chasers follow the new date."""
    begin(principal, remiss)
    _check_anstand(session, remiss, entry)
    if refusal := granted_day_refusal(remiss, until_on):
        raise InputErrors({"until_on": refusal})
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
    before = snapshot(entry)
    entry.answer_status = AnswerStatus.anstand_beviljat.value
    entry.extended_until_on, entry.extended_until_time = until_on, until_time
    session.add(entry)
    session.flush()
    told = _tell_anstand(session, now=now, remiss=remiss, entry=entry, extension=extension, old=old)
    # an earlier besked or notice still in the Utkorg names another date: it is not sent (session 30 B3)
    outdated.supersede(session, now=now, remiss_id=remiss.id, entry_id=entry.id, name=entry.name,
                       why=outdated.by_anstand(until_on, until_time), actor_id=principal.user_id,
                       keep_key=anstand_key(remiss, extension, entry) if told else "")
    log_change(session, now=now, principal=principal, entry=entry, before=before, action="extension_granted",
         note=f"{entry.name}; {anstand_words(entry, told)}")
    chasers.schedule(session, now=now, remiss=remiss)
    return extension


ANSTAND_KEY = "outgoing:anstand:{remiss_id}:{extension_id}:{entry_id}"


def anstand_key(remiss: Remiss, extension: Extension, entry: SandlistaEntry) -> str:
    return ANSTAND_KEY.format(remiss_id=remiss.id, extension_id=extension.id, entry_id=entry.id)


def _tell_anstand(session: Session, *, now: datetime, remiss: Remiss, entry: SandlistaEntry, extension: Extension,
                  old: tuple) -> bool:
    """Put the besked om anstånd in the Utkorg for an instans with e-post that has been sent the remiss (walk24
    V14), as the general extension does for everyone (remisstid.EXTENSION_KIND); True when it was queued."""
    from remiss.outgoing.service.remisstid import EXTENSION_KIND  # remisstid imports answers, which imports this

    if not tells_anstand(entry):
        return False
    # the svarsdag it was told, where a besked or notice still unsent (superseded next) named another (session 30 B3)
    old = outdated.told_from(session, remiss_id=remiss.id, entry_id=entry.id, old=old)
    payload = outdated.with_told_from(
        mails.anstand_mail(remiss=remiss, namnd=session.get(Namnd, remiss.namnd_id), entry=entry, old=old,
                           new=(extension.granted_until_on, extension.granted_until_time)), old)
    enqueue(session, now=now, key=anstand_key(remiss, extension, entry),
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
