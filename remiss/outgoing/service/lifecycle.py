"""An outgoing remiss's own path: utkast → skickad → svarstiden ute → sammanställd → avslutad (or återkallad).

Skickad comes from sending (sending.py); svarstiden ute follows the clock (sync_deadline, run by every verb
here, by `remiss outgoing chasers` and the scheduler's hourly job) and goes back to skickad when the remisstid is
extended, or when the clock is before the deadline after all: a run with a later `--now` (or a skewed host) set it,
and every request takes it back before a page or the API reads it (not_yet_out, outgoing.views.clock_ahead).
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, select

from remiss import files
from remiss.auth.access import Action, Principal, require
from remiss.clock import local_today
from remiss.calendar.swedish import count_words, format_deadline, join_words
from remiss.calendar.timeliness import has_passed
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import AnswerStatus, Attachment, Direction, Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus as S

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WAITING = (S.skickad.value, S.svarstiden_ute.value)


def _check(remiss: Remiss) -> None:
    if remiss.direction != Direction.utgaende:
        raise InputErrors({"direction": "Det här går bara för utgående remisser."})


def deadline_passed(remiss: Remiss, now: datetime) -> bool:
    """Whether the remisstid in force has run out (a date without a time runs to the end of that day)."""
    if remiss.effective_deadline_on is None:
        return False
    return has_passed(remiss.effective_deadline_on, remiss.effective_deadline_time, now)


def sync_deadline(session: Session, *, now: datetime, remiss: Remiss, principal: Principal | None = None) -> bool:
    """Move skickad ↔ svarstiden ute to match the clock; return whether the status changed."""
    if remiss.direction != Direction.utgaende or remiss.status not in WAITING:
        return False
    wanted = S.svarstiden_ute if deadline_passed(remiss, now) else S.skickad
    if remiss.status == wanted:
        return False
    ahead = remiss.updated_at is not None and remiss.updated_at > now  # a run with a later clock wrote it
    note = ("Svarstiden har gått ut" if wanted == S.svarstiden_ute else AHEAD_NOTE if ahead else running_note(remiss))
    remisser.change_status(session, now=now, principal=principal or Principal.system(), remiss=remiss, new=wanted,
                           note=note, by_verb=True)
    return True


AHEAD_NOTE = "Svarstiden har inte gått ut än: statusen sattes av en körning med en senare tidpunkt än klockan"


def running_note(remiss: Remiss) -> str:
    """Why svarstiden ute went back to skickad, true for what happened (truth17 F16: "Remisstiden är förlängd" was
    written when no extension existed): extended past the sista svarsdag, or the svarstid simply runs."""
    until = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    if remiss.deadline_on and remiss.effective_deadline_on and remiss.effective_deadline_on > remiss.deadline_on:
        return f"Remisstiden är förlängd till {until}"
    return f"Svarstiden har inte gått ut: den löper till {until}"


def by_hand_problem(remiss: Remiss, new, now: datetime) -> str:
    """Why an utgående remiss cannot be set to status new by hand ("" when it can): svarstiden ute follows the
    clock, so set while the svarstid runs it would be undone at once (truth17 F16)."""
    if remiss.direction != Direction.utgaende or new != S.svarstiden_ute or deadline_passed(remiss, now) \
            or remiss.effective_deadline_on is None:
        return ""
    return (f"Status ”Svarstiden ute” sätts av sig själv när svarstiden har gått ut, och den löper till "
            f"{format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}. Är sista "
            "svarsdagen fel, ändra den under Ändra uppgifter; vill ni inte vänta på fler svar, sammanställ svaren.")


def not_yet_out(session: Session, *, now: datetime) -> list[Remiss]:
    """The outgoing remisser "svarstiden ute" whose remisstid has not run out at now (deadline_passed, the one rule):
    a run with a later clock set it (`remiss outgoing chasers --now` ahead, a catch-up, a skewed host)."""
    found = session.exec(select(Remiss).where(
        Remiss.direction == Direction.utgaende.value, Remiss.status == S.svarstiden_ute.value,
        or_(Remiss.effective_deadline_on.is_(None), Remiss.effective_deadline_on >= local_today(now)))).all()
    return [remiss for remiss in found if not deadline_passed(remiss, now)]


def sync_all(session: Session, *, now: datetime) -> int:
    """sync_deadline for every outgoing remiss waiting for answers (safe to rerun); return how many moved."""
    waiting = session.exec(select(Remiss).where(Remiss.direction == Direction.utgaende.value,
                                                Remiss.status.in_(WAITING))).all()
    return sum(sync_deadline(session, now=now, remiss=remiss) for remiss in waiting)


def keep_current(db, *, now: datetime) -> tuple[int, int]:
    """Mark the outgoing remisser whose svarstid ran out and plan every sent one's chasers (the scheduler's
    hourly job and `remiss outgoing chasers`; safe to rerun): (remisser that moved, chasers planned)."""
    from remiss.outgoing.service.chasers import schedule_all

    with db.transaction() as session:
        moved = sync_all(session, now=now)
        added = schedule_all(session, now=now)
    return moved, added


def current_compilation(session: Session, remiss_id: int) -> Attachment | None:
    return session.exec(select(Attachment).where(Attachment.remiss_id == remiss_id,
                                                 Attachment.purpose == "sammanstallning")
                        .order_by(Attachment.id.desc()).limit(1)).first()


def compile_answers(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                    files_dir: str, stop_anstand: bool = False) -> Attachment:
    """Keep the remissammanställning as a file on the remiss and mark the remiss sammanställd. The planned
    reminders stop, except those of instanser whose own anstånd still runs (walk26 W5: it was promised to them),
    unless stop_anstand (the box "Stoppa också påminnelserna till …"); the choice is kept with the sammanställning
    (compiled.record) and the chasers follow it (chasers.schedule)."""
    require(principal, Action.edit, remiss.namnd_id)
    _check(remiss)
    if remiss.status == S.utkast:
        raise InputErrors({"status": "Remissen är inte skickad än: det finns inga svar att sammanställa."})
    if remiss.status in (S.avslutad, S.aterkallad):
        raise InputErrors({"status": f"Remissen är {S(remiss.status).label.lower()}."})
    from remiss.outgoing import compilation  # compilation reads the nämnd's template through sending
    from remiss.outgoing.service import compiled

    data = compilation.render(session, now=now, principal=principal, remiss=remiss)
    stored = files.store(files_dir, data, content_type=DOCX)
    attachment = Attachment(remiss_id=remiss.id, purpose="sammanstallning", filename=compilation.file_name(remiss),
                            content_type=DOCX, size=stored.size, sha256=hashlib.sha256(data).hexdigest(),
                            storage_key=stored.key, uploaded_by_id=principal.user_id, uploaded_at=now)
    session.add(attachment)
    session.flush()
    from remiss.outgoing.service import chasers

    running = [e.name for e, _ in still_reminded(session, remiss, now)]
    stopped = sorted(set(compiled.chasers_choice(session, remiss.id)[1]) | (set(running) if stop_anstand else set()))
    compiled.record(session, now=now, principal=principal, remiss=remiss, attachment=attachment,  # which answers
                    kept=[n for n in running if n not in stopped], stopped=stopped)
    sync_deadline(session, now=now, remiss=remiss, principal=principal)
    if remiss.status != S.sammanstalld:
        remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=S.sammanstalld,
                               note="Remissammanställningen är skapad")
    chasers.schedule(session, now=now, remiss=remiss)  # after the status's own stop: those kept are planned again
    return attachment


def stop_label(kept: list[str]) -> str:
    """The box beside Sammanställ svaren that stops the reminders of those with a running anstånd too."""
    return f"Stoppa också påminnelserna till {join_words(kept)}"


def kept_reminded(session: Session, remiss: Remiss, now: datetime) -> list:
    """The instanser whose reminders compiling now would keep (anstand_running, less those stopped before)."""
    from remiss.outgoing.service import compiled

    stopped = set(compiled.chasers_choice(session, remiss.id)[1])
    return [(e, until) for e, until in still_reminded(session, remiss, now) if e.name not in stopped]


def still_reminded(session: Session, remiss: Remiss, now: datetime) -> list:
    """(entry, its deadline) of the instanser compiling now keeps reminding: those whose own anstånd runs
    (anstand_running), and those the last sammanställning kept that have not answered while their svarstid runs –
    a förlängning for all past their anstånd made it the svarstid, and compiling again must not drop the promise
    (walk29 A1)."""
    from remiss.outgoing.service import chasers, compiled

    waiting = unanswered(remisser.entries(session, remiss.id))
    found = anstand_running(remiss, waiting, now)
    kept = set(compiled.chasers_choice(session, remiss.id)[0]) if remiss.status == S.sammanstalld else set()
    named = {e.id for e, _ in found}
    found += [(e, chasers.deadline_of(remiss, e)) for e in waiting if e.name in kept and e.id not in named
              and chasers.deadline_of(remiss, e)[0] is not None
              and not chasers.deadline_passed(*chasers.deadline_of(remiss, e), now)]
    return found


def time_left(day, at, now: datetime) -> str:
    """ "83 dagar kvar", "1 dag kvar", or "sista dagen i dag" for a deadline not passed."""
    delta = (day - local_today(now)).days
    return count_words(delta, "dag", "dagar") + " kvar" if delta > 0 else "sista dagen i dag"


# An instans that has answered or declined (avstår): nothing more is asked of it, neither an answer nor the missiv.
ANSWERED = (AnswerStatus.svarat, AnswerStatus.avstar)


def unanswered(entries) -> list:
    """The instanser sent the remiss that have neither answered nor declined (avstår): those waited for."""
    return [e for e in entries if e.sent_at is not None and e.answer_status not in ANSWERED]


def unsent(entries) -> list:
    """The instanser still to be sent the remiss: not sent it, and neither answered nor declined (one that has is
    never sent the missiv asking it to answer, sending.send). Beside unanswered, the other open instanser."""
    return [e for e in entries if e.sent_at is None and e.answer_status not in ANSWERED]


# The statuses in which the remiss is sent to those on the sändlista not sent it yet (sending.send): once the
# answers are compiled it is not sent to more instanser (walk21 J5), nor once the case is avslutad or återkallad.
SENDS = (S.utkast.value, S.skickad.value, S.svarstiden_ute.value)


def not_sent_reason(remiss: Remiss) -> str:
    """Why the remiss is not sent to anyone now, as a clause ("" in SENDS): "svaren är sammanställda, så remissen
    skickas inte till fler remissinstanser"."""
    if remiss.status in SENDS:
        return ""
    if remiss.status == S.sammanstalld:
        return "svaren är sammanställda, så remissen skickas inte till fler remissinstanser"
    if remiss.status == S.avslutad:
        return "ärendet är avslutat, så remissen skickas inte längre"
    return f"remissen är {S(remiss.status).label.lower()} och skickas inte"


def unsent_words(remiss: Remiss, names: list[str]) -> str:
    """What the edit's message, the panel, Nästa steg and the API's warning say of the instanser on the sändlista not
    sent the remiss (unsent): to send it while it is sent, else that it is not sent to them ("" for none)."""
    if not names:
        return ""
    if remiss.status in SENDS:
        return (f"{join_words(names)} har inte fått remissen än: skicka remissen, så får "
                f"{'den' if len(names) == 1 else 'de'} det nya missivet.")
    return f"{join_words(names)} har inte fått remissen: {not_sent_reason(remiss)}."


COMPILE_QUESTION = " Sammanställa svaren ändå?"
COMPILES = (S.skickad.value, S.svarstiden_ute.value, S.sammanstalld.value)  # the statuses Sammanställ svaren is in
STOPS = " Planerade påminnelser stoppas."  # not when compiled again: the first compilation stopped them (walk21b K8)


def stops_reminders(remiss: Remiss, planned: bool = True) -> bool:
    """Whether compiling now stops planned reminders: not once compiled (Sammanställd: none are planned), nor when
    none is planned (planned, chasers_planned), e.g. the last one went out after the svarsdag (walk34b: the question
    said "Planerade påminnelser stoppas" then too)."""
    return planned and remiss.status != S.sammanstalld


def chasers_planned(session: Session, remiss_id: int) -> bool:
    """Whether a reminder to an instans of the remiss waits in the Utkorg to be sent."""
    from remiss.outgoing.service import chasers
    from remiss.reminders.models import OutboxMessage, OutboxStatus

    return session.exec(select(OutboxMessage.id).where(
        OutboxMessage.remiss_id == remiss_id, OutboxMessage.kind == chasers.KIND,
        OutboxMessage.status == OutboxStatus.pending.value).limit(1)).first() is not None


def not_answered(waiting: list, unsent_too: list, unreached: int = 0, kept: int = 0) -> str:
    """ "2 remissinstanser har inte svarat och 1 har inte fått remissen": the open instanser counted as the page
    counts them ("2 utan svar"), those waited for (unanswered) and those not sent it (unsent; walk21 J7); unreached:
    of the waiting, those whose missiv could not be e-mailed, said apart (held.unreached, h-queue24); kept: of
    those, the ones whose missiv is held back, which nobody tried to e-mail (walk25b Z2)."""
    asked = len(waiting) - unreached
    said = [f"{count_words(asked, 'remissinstans', 'remissinstanser')} har inte svarat"] if asked else []
    if unsent_too:
        said.append(f"{len(unsent_too)} har inte fått remissen" if said else
                    f"{count_words(len(unsent_too), 'remissinstans', 'remissinstanser')} har inte fått remissen")
    if unreached - kept:
        n = unreached - kept
        said.append(f"till {n if said else count_words(n, 'remissinstans', 'remissinstanser')} "
                    "kunde missivet inte e-postas")
    if kept:
        said.append(f"missivet till {count_words(kept, 'remissinstans', 'remissinstanser')} hålls kvar")
    return join_words(said)


def compile_question(remiss: Remiss, now: datetime, entries: list[SandlistaEntry],
                     unreached: frozenset[int] = frozenset(), kept: frozenset[int] = frozenset(),
                     queued: frozenset[int] = frozenset(), planned: bool = True) -> str:
    """The question asked before "Sammanställ svaren" while instanser on the sändlista have not answered ("" when
    all have): whether the svarstid runs and how long, those not sent the remiss (they will not be once compiled),
    an anstånd that runs past it (truth17 F13), a missiv to them still waiting in the Utkorg (queued: their entry
    ids, held.queued_entry_ids; walk28 Z4), and that the planned reminders stop. The button's dialog asks it, and
    the page beside the button when the dialog did not confirm it."""
    waiting, not_sent = unanswered(entries), unsent(entries)
    if remiss.status == S.utkast or not waiting and not not_sent:  # an utkast is refused, not asked about
        return ""
    who = not_answered(waiting, not_sent, sum(1 for e in waiting if e.id in unreached),
                       sum(1 for e in waiting if e.id in unreached and e.id in kept))
    if remiss.effective_deadline_on is not None and not deadline_passed(remiss, now):
        until = (remiss.effective_deadline_on, remiss.effective_deadline_time)
        text = f"Svarstiden löper till {format_deadline(*until)} ({time_left(*until, now)}), och {who}"
    else:
        text = f"{who[0].upper()}{who[1:]}"
    running = anstand_running(remiss, waiting, now)
    text += "".join(f". {e.name} har anstånd till {format_deadline(*until)}" for e, until in running)
    if waiting_missiv := [e.name for e in waiting if e.id in queued]:
        text += f". Missivet till {join_words(waiting_missiv)} väntar i utkorgen och är inte skickat än"
    return text + "." + COMPILE_QUESTION + reminders_after(remiss, [e.name for e, _ in running],
                                                           len(waiting) > len(running), planned)


def anstand_running(remiss: Remiss, waiting: list, now: datetime) -> list:
    """(entry, (day, time)) of the instanser waited for whose own anstånd runs past the remiss's svarstid and has not
    run out: compiling does not take that time from them, so they are still reminded (walk26 W5)."""
    from remiss.outgoing.service import chasers

    return [(e, chasers.deadline_of(remiss, e)) for e in waiting if e.extended_until_on
            and chasers.deadline_of(remiss, e)[0] == e.extended_until_on
            and not chasers.deadline_passed(e.extended_until_on, e.extended_until_time, now)]


def reminders_after(remiss: Remiss, kept: list[str], others: bool, planned: bool = True) -> str:
    """What compiling does to the planned reminders, as the question ends: those with a running anstånd (kept, by
    name) are still reminded unless the box beside the button stops them too (walk26 W5); the rest stop. Nothing
    is said once compiled: compiling again changes no reminder but by that box (walk21b K8)."""
    if not stops_reminders(remiss, planned):
        return ""
    if not kept:
        return STOPS
    said = (f" {join_words(kept)} påminns ändå enligt {'sitt anstånd' if len(kept) == 1 else 'sina anstånd'} "
            f"tills svaret har kommit in, om du inte kryssar i ”{stop_label(kept)}”.")
    return said + (" Andra planerade påminnelser stoppas." if others else "")
