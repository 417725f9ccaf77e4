"""Avsluta of an outgoing remiss: what closing now would cut off (an instans's svarstid or anstånd that runs, a notice
waiting in the Utkorg), the question asked before it, the closing itself, and what the message after compiling,
Nästa steg and Att göra say while answers may still come in time ("Vänta på svar från …"). The path before it
(sending, svarstiden ute, sammanställd) is lifecycle.py."""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import NamedTuple

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Principal, require_status_move
from remiss.calendar.swedish import count_words, format_deadline, join_words
from remiss.outgoing.service.lifecycle import (ANSWERED, _check, anstand_running, current_compilation,
                                               deadline_passed, not_answered, time_left, unanswered, unsent)
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Remiss, SandlistaEntry
from remiss.remisser.status import RemissStatus as S


class CloseQuestion(InputErrors):
    """Avsluta refused until confirmed (the page's question, the API's "confirm_close"): said is why it asks;
    stale whether the saved sammanställning is older than an answer (then compiling again is the other way on)."""

    def __init__(self, said: str, ask: str, stale: bool = False):
        super().__init__({"status": f"{said} {ask}"})
        self.said, self.stale = said, stale


def after_compiling(session: Session, remiss: Remiss, now: datetime) -> str:
    """What to do once compiled, as the message says it: publish and close, or, while instanser may still answer
    in time, wait for them first (walk26 W5: the case was not to be closed before their svarstid or anstånd ran
    out), naming those still reminded for their anstånd."""
    from remiss.outgoing.service import compiled

    kept = compiled.chasers_choice(session, remiss.id)[0]
    still = (f" {join_words(kept)} påminns enligt {'sitt anstånd' if len(kept) == 1 else 'sina anstånd'} tills "
             "svaret har kommit in." if kept else "")
    due = answers_still_due(session, remiss, now)
    kept_back = held_back_words(session, remiss)
    if not due:
        return kept_back + "Publicera remissvaren om de ska visas öppet, och avsluta sedan ärendet." + still
    return (f"{due.partition(' Avslutas ärendet nu')[0]}{still} {kept_back}Kommer ett svar in, sammanställ svaren "
            "igen; avsluta ärendet först när svaren har kommit in eller tiden för dem har gått ut.")


def held_back_words(session: Session, remiss: Remiss) -> str:
    """ "Missivet till Konstfrämjandet (info@konst.example) hålls kvar, så den har inte fått remissen. " for the
    instanser not answered whose missiv is held back ("" for none): they are not waited for as if they had it, and
    they are named as the page names them (walk26b X8)."""
    from remiss.outgoing import held

    to = held.held_to(session, remiss.id)
    kept = held.unreached(session, [remiss.id]).get(remiss.id, set()) & set(to)
    names = [f"{e.name} ({to[e.id]})" for e in remisser.entries(session, remiss.id) if e.id in kept]
    if not names:
        return ""
    return (f"Missivet till {join_words(names)} hålls kvar, så {'den' if len(names) == 1 else 'de'} har inte fått "
            "remissen. ")


def answers_still_due(session: Session, remiss: Remiss, now: datetime) -> str:
    """What closing now would cut off (walk19 G13): instanser sent the remiss that have not answered while their
    svarstid (or their own anstånd) runs, whose answers could then not be registered. "" when there are none."""
    from remiss.outgoing.service.chasers import deadline_of, deadline_passed as passed

    from remiss.outgoing import held

    entries = remisser.entries(session, remiss.id)
    never = held.unreached(session, [remiss.id]).get(remiss.id, set())  # their missiv never went out (walk26b X8)
    waiting = [(e, deadline_of(remiss, e)) for e in unanswered(entries) if e.id not in never]
    due = [(e, d) for e, d in waiting if d[0] is not None and not passed(d[0], d[1], now)]
    if not due:
        return ""
    after = f"Avslutas ärendet nu kan {'svaret' if len(due) == 1 else 'svaren'} inte registreras."
    notices = waiting_answer_notices(session, remiss.id)
    if notices:  # closing cancels them (cancel_answer_notices, walk27 Y8)
        after += (f" {notice_words(notices)} väntar i utkorgen och skickas inte när ärendet avslutas.")
    if not deadline_passed(remiss, now):  # counted as the page counts them: "och 1 har inte fått remissen" (J7)
        until = (remiss.effective_deadline_on, remiss.effective_deadline_time)
        running = "".join(f" {e.name} har anstånd till {format_deadline(*d)}."  # as Sammanställ asks (truth17 F13)
                          for e, d in anstand_running(remiss, [e for e, _ in due], now))
        return (f"Svarstiden löper till {format_deadline(*until)} ({time_left(*until, now)}), och "
                f"{not_answered([e for e, _ in due], unsent(entries))}.{running} {after}")
    if len(due) == 1:  # the svarstid is over, but an anstånd runs
        entry, until = due[0]
        return (f"Svarstiden har gått ut, men {entry.name} har anstånd till {format_deadline(*until)} "
                f"({time_left(*until, now)}) och har inte svarat. {after}")
    return (f"Svarstiden har gått ut, men {len(due)} remissinstanser som inte har svarat har anstånd: "
            + join_words([f"{e.name} till {format_deadline(*d)} ({time_left(*d, now)})" for e, d in due])
            + f". {after}")


def close_question(session: Session, remiss: Remiss, now: datetime) -> str:
    """What Avsluta asks before closing (the button's dialog, the box beside it, the API's warning): the answers
    closing would cut off (answers_still_due), or, when none is due any more, the mails to instanser it stops in the
    Utkorg (walk28 Z4: a missiv still waiting went out after the closing, unsaid). "" when neither."""
    due = answers_still_due(session, remiss, now)
    if due:
        return due
    notices = waiting_answer_notices(session, remiss.id, asked_only=True)
    return f"{notice_words(notices)} väntar i utkorgen och skickas inte när ärendet avslutas." if notices else ""


# What a mail to an instans that asks for its answer is called while it waits in the Utkorg: the missiv and the
# changed missiv (walk28 Z4), a besked om anstånd and a notice of förlängd remisstid (walk27 Y8)
ANSWER_NOTICES = {"outgoing:missiv:": "missivet", "outgoing:amendment:": "det ändrade missivet",
                  "outgoing:anstand:": "beskedet om anstånd", "outgoing:extension:": "meddelandet om förlängd remisstid"}
ANSWER_KINDS = ("outgoing_missiv", "outgoing_amendment", "outgoing_extension")
NOTICE_CANCELLED = "Ärendet avslutades innan meddelandet skickades: svar på remissen registreras inte längre."


def _answer_notice_rows(session: Session, remiss_id: int, *, stopped_by_closing: bool = False):
    """The mails asking an instans for its answer that wait in the Utkorg (ANSWER_NOTICES); stopped_by_closing:
    those closing stopped instead, as their payload records (resend.CLOSED under STOPPED_BY)."""
    from remiss.reminders.models import OutboxMessage, OutboxStatus
    from remiss.reminders.resend import CLOSED, stopped_by

    status = OutboxStatus.cancelled if stopped_by_closing else OutboxStatus.pending
    rows = session.exec(select(OutboxMessage).where(
        OutboxMessage.remiss_id == remiss_id, OutboxMessage.kind.in_(ANSWER_KINDS),
        OutboxMessage.status == status.value).order_by(OutboxMessage.id)).all()
    return [row for row in rows if stopped_by(row.payload) == CLOSED] if stopped_by_closing else rows


def _entry_id(key: str) -> int | None:
    """The sändlista entry a notice's key is for: its last part (sending's, anstand.ANSTAND_KEY, remisstid's), the
    fourth of a changed missiv's ("outgoing:amendment:<remiss>:<entry>:<missiv attachment>")."""
    parts = key.split(":")
    tail = parts[3] if key.startswith("outgoing:amendment:") and len(parts) > 3 else parts[-1]
    return int(tail) if tail.isdigit() else None


def waiting_answer_notices(session: Session, remiss_id: int, *, asked_only: bool = False) -> list[tuple[str, str]]:
    """(what, instans) of each missiv, besked om anstånd or notice of förlängd remisstid still waiting in the
    Utkorg; asked_only: only those to instanser that have not answered or avstått (it asks them for something)."""
    rows = _answer_notice_rows(session, remiss_id)
    if asked_only:
        done = {e.id for e in remisser.entries(session, remiss_id) if e.answer_status in ANSWERED}
        rows = [row for row in rows if _entry_id(row.key) not in done]
    return _named(session, remiss_id, rows)


def _named(session: Session, remiss_id: int, rows) -> list[tuple[str, str]]:
    """(what, instans) of each notice row."""
    names = dict(session.execute(select(SandlistaEntry.id, SandlistaEntry.name)
                                 .where(SandlistaEntry.remiss_id == remiss_id)).all())
    found = []
    for row in rows:
        what = next((w for prefix, w in ANSWER_NOTICES.items() if row.key.startswith(prefix)), "meddelandet")
        entry_id = _entry_id(row.key)
        found.append((what, names.get(entry_id, row.recipient_email) if entry_id else row.recipient_email))
    return found


def notice_words(notices: list[tuple[str, str]]) -> str:
    """ "Beskedet om anstånd till Fritidsnämnden": the waiting notices, by what they are and to whom, each instans
    named once (walk29b B2: "missivet till Norr och Söder och beskedet om anstånd till Söder"): by what when each
    instans waits for one kind, all kinds to all named together when they wait for the same, else by instans –
    "Meddelandena till Norr (missivet) och Söder (missivet och beskedet om anstånd)"."""
    by_who: dict[str, list[str]] = {}
    for what, who in notices:
        kinds = by_who.setdefault(who, [])
        if what not in kinds:  # two notices of one kind to one instans (two förlängningar) named once
            kinds.append(what)
    by_kinds: dict[tuple[str, ...], list[str]] = {}
    for who, kinds in by_who.items():
        by_kinds.setdefault(tuple(kinds), []).append(who)
    if len(by_kinds) == 1 or all(len(kinds) == 1 for kinds in by_kinds):
        text = join_words([f"{join_words(list(kinds))} till {join_words(who)}" for kinds, who in by_kinds.items()])
    else:
        text = "meddelandena till " + join_words([f"{who} ({join_words(kinds)})" for who, kinds in by_who.items()])
    return text[:1].upper() + text[1:]


def cancel_answer_notices(session: Session, *, now: datetime, remiss_id: int, actor_id: int | None = None,
                          why: str = "ärendet avslutades") -> int:
    """Stop the mails that ask an instans for its answer (walk27 Y8: by a new day; walk28 Z4: the missiv itself,
    which went out after the case was closed): a closed case takes none. The history says which
    (requeue_answer_notices puts them back when the case is opened again)."""
    from remiss.reminders.models import OutboxStatus
    from remiss.reminders.resend import CLOSED, STOPPED_BY, read_payload

    rows = _answer_notice_rows(session, remiss_id)
    for row in rows:
        row.status, row.last_error = OutboxStatus.cancelled.value, NOTICE_CANCELLED
        row.payload = json.dumps({**read_payload(row.payload), STOPPED_BY: CLOSED}, ensure_ascii=False)  # what requeue reads
    return _moved(session, now=now, remiss_id=remiss_id, actor_id=actor_id, rows=rows, action="notices_stopped",
                  status=[OutboxStatus.pending.value, OutboxStatus.cancelled.value],
                  done=f"stoppades i utkorgen och skickas inte: {why}.")


def requeue_answer_notices(session: Session, *, now: datetime, remiss_id: int, actor_id: int | None = None) -> int:
    """Put back in the Utkorg the mails closing stopped (cancel_answer_notices), when the case is opened again and
    takes answers once more: the same rows, so each keeps its key and Message-ID and is still sent at most once
    (reopened, closed and reopened again, nothing is doubled). Notices stopped by a person or for any other reason
    stay stopped, and so does one that no longer asks for anything: its instans has answered, or the day it names
    has passed while the case was closed. The history says which went back; return how many."""
    from remiss.outgoing.service.chasers import deadline_of, deadline_passed as passed
    from remiss.reminders.models import OutboxStatus
    from remiss.reminders.resend import STOPPED_BY, read_payload

    remiss = session.get(Remiss, remiss_id)
    entries = {e.id: e for e in remisser.entries(session, remiss_id)}

    def still_asks(row) -> bool:
        entry = entries.get(_entry_id(row.key))
        if entry is None or entry.answer_status in ANSWERED:
            return False
        day, at = deadline_of(remiss, entry)
        return day is None or not passed(day, at, now)

    rows = [row for row in _answer_notice_rows(session, remiss_id, stopped_by_closing=True) if still_asks(row)]
    for row in rows:
        row.status, row.last_error, row.next_attempt_at, row.claimed_by = OutboxStatus.pending.value, "", now, ""
        row.payload = json.dumps({k: v for k, v in read_payload(row.payload).items() if k != STOPPED_BY}, ensure_ascii=False)
    return _moved(session, now=now, remiss_id=remiss_id, actor_id=actor_id, rows=rows, action="notices_requeued",
                  status=[OutboxStatus.cancelled.value, OutboxStatus.pending.value],
                  done="lades i utkorgen igen och skickas vid nästa utskick: ärendet öppnades igen.")


def _moved(session: Session, *, now: datetime, remiss_id: int, actor_id: int | None, rows, action: str,
           status: list[str], done: str) -> int:
    """Save the Utkorg rows whose status was just changed and say in the history which mails they are and what
    was done (`done`); return how many."""
    for row in rows:
        session.add(row)
    session.flush()
    if rows:
        audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=None,
                     remiss_id=remiss_id, action=action, changes={"status": status},
                     note=f"{notice_words(_named(session, remiss_id, rows))} {done}")
    return len(rows)


def close(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, note: str = "",
          stale_ok: bool = False, early_ok: bool = False) -> Remiss:
    """Avsluta: the answers are compiled and nothing more will be done (pending chasers stop, answers are read
    only). A sammanställning older than an answer is closed with only when the user confirmed it (walk16 #5);
    so is a case whose instanser may still answer in time (early_ok, walk19 G13)."""
    _check(remiss)
    # who may, before why; a läsare told "avsluta remissen" and who does it (walk28 Z5), not "ändra remisser"
    require_status_move(principal, remiss.namnd_id, remiss.status, S.avslutad, remiss.kind)
    if remiss.status != S.sammanstalld:
        raise InputErrors({"status": "Sammanställ svaren innan ärendet avslutas."})
    from remiss.outgoing.service import compiled

    stale = "" if stale_ok else compiled.staleness(session, remiss.id, current_compilation(session, remiss.id)).text
    due = "" if early_ok else close_question(session, remiss, now)
    if stale or due:  # both said at once, so one confirmation answers both
        raise CloseQuestion(" ".join(filter(None, (stale, due))), (
            "Sammanställ svaren igen först, eller bekräfta att ärendet ska avslutas med den äldre sammanställningen."
            if stale else "Bekräfta att ärendet ska avslutas ändå."), stale=bool(stale))
    return remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=S.avslutad, note=note)


class Awaited(NamedTuple):
    who: str  # whom it waits for: "Lunds kommun", "Lunds kommun och Malmö stad", "4 remissinstanser"
    note: str  # "anstånd till 18 december 2026"
    count: int  # how many instanser are waited for (one answer is "svaret", several "svaren")

    @property
    def todo(self) -> str:
        """What Att göra says instead of "Avsluta ärendet": "Vänta på svar från Lunds kommun"."""
        return f"Vänta på svar från {self.who}"

    def said(self, lead: str = "Vänta på") -> str:
        """ "Vänta på svar från Lunds kommun (anstånd till 18 december 2026)"; lead as the sentence needs it:
        "väntar på" (the Kalender), "Vänta sedan på" (after compiling again, walk29b B5)."""
        return f"{lead} svar från {self.who}" + (f" ({self.note})" if self.note else "")


def awaited(session: Session, remiss_ids: list[int], now: datetime) -> dict[int, Awaited]:
    """Of these sammanställda remisser, those whose instanser may still answer in time (their svarstid or their own
    anstånd runs, answers_still_due): remiss id → whom it waits for, its note and how many, e.g. ("Lunds kommun",
    "anstånd till 18 december 2026", 1), for Att göra's "Vänta på svar från Lunds kommun" instead of "Avsluta
    ärendet" (walk26 W5). Two reads for all."""
    remisser_by_id, waiting = _still_due(session, remiss_ids, now)
    found = {}
    for remiss_id, due in waiting.items():
        remiss = remisser_by_id[remiss_id]
        names = [e.name for e, _ in due]
        who = join_words(names) if len(names) <= 3 else count_words(len(names), "remissinstans", "remissinstanser")
        general = (remiss.effective_deadline_on, remiss.effective_deadline_time)
        own = [(e.name, d) for e, d in due if d != general]
        said = ([] if deadline_passed(remiss, now) or len(own) == len(due)
                else [f"svarstiden går ut {format_deadline(*general)}"])
        said += ([f"anstånd till {format_deadline(*own[0][1])}"] if len(due) == 1 and own
                 else [f"{name} har anstånd till {format_deadline(*d)}" for name, d in own])
        found[remiss_id] = Awaited(who, "; ".join(said), len(due))
    return found


def _still_due(session: Session, remiss_ids: list[int], now: datetime) -> tuple[dict[int, Remiss], dict[int, list]]:
    """The remisser read, and remiss id → [(entry, (day, time))] of the instanser that may still answer in time."""
    from remiss.outgoing import held
    from remiss.outgoing.service.chasers import OPEN, deadline_of, deadline_passed as passed

    if not remiss_ids:
        return {}, {}
    remisser_by_id = {r.id: r for r in session.exec(select(Remiss).where(Remiss.id.in_(remiss_ids)))}
    never = set().union(*held.unreached(session, remiss_ids).values())  # never got it (walk26b X8)
    waiting: dict[int, list] = {}
    for entry in session.exec(select(SandlistaEntry).where(
            SandlistaEntry.remiss_id.in_(remiss_ids), SandlistaEntry.sent_at.is_not(None),
            SandlistaEntry.answer_status.in_(OPEN)).order_by(SandlistaEntry.remiss_id, SandlistaEntry.position)):
        if entry.id in never:
            continue
        remiss = remisser_by_id[entry.remiss_id]
        day, at = deadline_of(remiss, entry)
        if day is not None and not passed(day, at, now):
            waiting.setdefault(remiss.id, []).append((entry, (day, at)))
    return remisser_by_id, waiting


def only_waiting(session: Session, remiss_ids: list[int], now: datetime) -> dict[int, date]:
    """Of these sammanställda remisser, those with nothing to do but wait for answers still due – not compiled
    again first because an answer came in since (as Att göra's "Väntar på svar", walk29b B7): remiss id → the first
    day an answer is due. The start page does not count them among the outgoing remisser to see to (walk31 #5)."""
    from remiss.outgoing.service import compiled

    if not remiss_ids:
        return {}
    stale = compiled.stale_ids(session, remiss_ids)
    _, waiting = _still_due(session, remiss_ids, now)
    return {rid: min(day for _, (day, _) in due) for rid, due in waiting.items()
            if rid not in stale or compiled.svarstid_only(stale[rid])}


def wait_words(wait: Awaited, *, stale: str = "", text: str = "") -> str:
    """Nästa steg of a sammanställd remiss whose instanser may still answer in time (wait: whom, its note and how
    many instanser are waited for); stale: why the sammanställning is out of date (compiled.Staleness.reason) – a
    svarstid extended after it leaves the answers to wait for first, then compiling again (walk29 A1: it said
    "sammanställ igen … och avsluta" at once); text: the sammanställning's Staleness.text when something else made it
    out of date (an answer after it): compile that in now, then wait (walk29b B5: it said "publicera sedan och
    avsluta" while others still had time)."""
    # one instans's answer is "svaret", several's "svaren … dem" (walk31 #6: "kommer svaret in" for two)
    one = wait.count == 1
    came = ("svaret har kommit in eller tiden för svaret har gått ut" if one
            else "svaren har kommit in eller tiden för dem har gått ut")
    comes = "kommer svaret in" if one else "kommer ett svar in"
    if text:
        return (f"{text} {wait.said('Vänta sedan på')}: {comes}, sammanställ svaren igen; avsluta ärendet först när "
                f"{came}.")
    if stale:
        return (f"{stale[0].upper()}{stale[1:]}. {wait.said()}: sammanställ svaren igen när {came}, och avsluta "
                "ärendet först därefter.")
    # after "kommer svaret in, sammanställ svaren igen" one answer is not named a third time: "först därefter"
    until = "därefter eller när tiden för svaret har gått ut" if one else f"när {came}"
    return f"Svaren är sammanställda. {wait.said()}: {comes}, sammanställ svaren igen; avsluta ärendet först {until}."


def wait_cell(stale: str, wait: Awaited, *, svarstid_only: bool = True) -> str:
    """The start page's cell for a sammanställd remiss whose sammanställning is out of date while instanser may
    still answer in time: "svarstiden har ändrats efter sammanställningen – vänta på svar från Norr (svarstiden går
    ut …), sammanställ sedan igen" (walk29 A1); when an answer (or another change) dated it, compile first, then
    wait: "ett svar har kommit in efter sammanställningen – sammanställ igen, vänta sedan på svar från Söder
    (anstånd till …)" (walk29b B5)."""
    if not svarstid_only:
        return f"{stale} – sammanställ igen, {wait.said('vänta sedan på')}"
    return f"{stale} – {wait.said('vänta på')}, sammanställ sedan igen"
