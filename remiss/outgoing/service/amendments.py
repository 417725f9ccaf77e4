"""Frågeställningar changed after the remiss went out: who has the old missiv, and sending them the new one.

As a general extension goes out as a notice to the whole sändlista (domain.md §4, seed 003), a change to the
questions after sending is told to those already sent to, with the changed missiv; instanser added after sending
simply get the new missiv when the remiss is sent to them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.audit.models import AuditEvent
from remiss.auth.access import Action, Principal, require
from remiss.calendar.swedish import join_words
from remiss.outgoing.service.amendment_words import (  # noqa: F401 – the words, read as amendments.*
    added_names, added_text, added_words, files_words, instanser_words, lacking_words)
from remiss.clock import local_today
from remiss.documents import RenderError
from remiss.namnd.models import Namnd
from remiss.outgoing import held, mails
from remiss.outgoing.service import chasers, lifecycle, missiv_doc, sending
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.outbox import enqueue
from remiss.reminders.queued import HELD_MARK, queued
from remiss.remisser import service as remisser
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Attachment, Remiss, SandlistaEntry

KIND = "outgoing_amendment"  # the outbox row of the changed missiv (remiss.outgoing.mails.KINDS)
ACTION = "send_amendment"  # audit action on the sandlista entry: it was sent the changed missiv (written literally below)


def questions_changed_at(session: Session, remiss_id: int) -> datetime | None:
    """When the frågeställningar were last changed after registration (from the remiss history)."""
    events = session.exec(select(AuditEvent).where(AuditEvent.remiss_id == remiss_id, AuditEvent.entity == "remiss",
                                                   AuditEvent.action == "update")
                          .order_by(AuditEvent.at.desc())).all()
    return next((e.at for e in events if '"questions"' in e.changes), None)


@dataclass(frozen=True)
class News:
    """What an instans that was sent the remiss has not got since: the changed frågeställningar, the remisshandlingar
    added after its missiv (walk24 V6: a file uploaded after the missiv was e-mailed never reached anyone)."""

    entry: SandlistaEntry
    questions: bool  # it has the missiv with the earlier frågeställningar
    handlingar: tuple[Attachment, ...] = ()  # remisshandlingar added after it got the remiss (or the last ändring)


def news(session: Session, remiss: Remiss) -> list[News]:
    """Of each instans sent the remiss that has not answered or avstått, what it has not got: frågeställningar
    changed, or remisshandlingar added, after it was sent the remiss or the last ändring. Not one whose e-mailed
    missiv has not left the Utkorg while the remiss can be sent: that mail is made anew from the remiss as it is
    (requeue), so it goes out with the questions and files in force (h-out23 M5, h-queue24)."""
    if remiss.sent_at is None:
        return []
    changed = questions_changed_at(session, remiss.id)
    handlingar = missiv_doc.remisshandlingar(session, remiss.id)
    if changed is None and not handlingar:
        return []
    told = {e.entity_id: e.at for e in session.exec(select(AuditEvent).where(
        AuditEvent.remiss_id == remiss.id, AuditEvent.entity == "sandlista_entry", AuditEvent.action == ACTION))}
    queued_now = set(_queued_rows(session, remiss.id)) if remiss.status in lifecycle.SENDS else set()
    made = _missiv_made(session, remiss.id)
    found = []
    for entry in lifecycle.unanswered(remisser.entries(session, remiss.id)):
        if entry.id in queued_now:
            continue
        got = max(filter(None, (entry.sent_at, told.get(entry.id), made.get(entry.id))))
        added = tuple(a for a in handlingar if a.uploaded_at > got)
        old = changed is not None and got < changed
        if old or added:
            found.append(News(entry, old, added))
    return found


def outdated(session: Session, remiss: Remiss) -> list[SandlistaEntry]:
    """The instanser that have not got the remiss as it is now (news): the ones *Skicka ändringen* is sent to."""
    return [n.entry for n in news(session, remiss)]


def _missiv_made(session: Session, remiss_id: int) -> dict[int, datetime]:
    """entry id → when the newest missiv its e-mail carries was made. A mail made anew in the Utkorg
    (rebuild_queued) carries a missiv made after the change, so once a sweep has sent it the instans has the questions
    in force, though its sent_at is still the day of the utskick (walk23b X1)."""
    prefix = f"outgoing:missiv:{remiss_id}:"
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                    OutboxMessage.kind == sending.MISSIV_KIND,
                                                    OutboxMessage.status != OutboxStatus.cancelled.value)).all()
    carried = {}  # storage key of the missiv (the mail's first attachment) → entry ids
    for row in rows:
        entry_id, attached = row.key[len(prefix):], json.loads(row.payload).get("attachments") or []
        if row.key.startswith(prefix) and entry_id.isdigit() and attached:
            carried.setdefault(attached[0]["storage_key"], set()).add(int(entry_id))
    if not carried:
        return {}
    made = {}
    for key, uploaded_at in session.exec(select(Attachment.storage_key, Attachment.uploaded_at).where(
            Attachment.remiss_id == remiss_id, Attachment.storage_key.in_(list(carried)))):
        for entry_id in carried[key]:
            made[entry_id] = max(uploaded_at, made.get(entry_id, uploaded_at))
    return made


_NOT_OUT = (OutboxStatus.pending.value, OutboxStatus.failed.value)  # not claimed by a sweep: its payload may change


def _queued_rows(session: Session, remiss_id: int) -> dict[int, OutboxMessage]:
    """entry id → the outbox row of its e-mailed missiv while no sweep has sent or taken it (pending or failed)."""
    prefix = f"outgoing:missiv:{remiss_id}:"
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.remiss_id == remiss_id,
                                                    OutboxMessage.kind == sending.MISSIV_KIND,
                                                    OutboxMessage.status.in_(_NOT_OUT))
                        .order_by(OutboxMessage.id)).all()  # in sändlista order: the names are said in it
    return {int(r.key[len(prefix):]): r for r in rows if r.key.startswith(prefix) and r.key[len(prefix):].isdigit()}


@dataclass(frozen=True)
class Requeued:
    """What making the missiv mails in the Utkorg anew did (requeue)."""

    rebuilt: list[str] = field(default_factory=list)  # the instanser whose queued mail was changed
    current: dict[int, str] = field(default_factory=dict)  # entry id → name: its queued mail carries the remiss now
    held_ids: dict[int, str] = field(default_factory=dict)  # entry id → name: held back, no missiv could be made
    error: str = ""  # why (the template's RenderError, as it says it)

    @property
    def held(self) -> list[str]:
        return list(self.held_ids.values())

    @property
    def waiting(self) -> set[int]:
        """The entries whose missiv has not left the Utkorg: they get the remiss as it is when it goes out."""
        return set(self.current) | set(self.held_ids)


# The outbox row's last_error of a missiv held back because it could not be made anew (a "failed" row the sweep never
# sends: held.is_held). It names the cause and what to do; "Skicka igen" in the Utkorg makes it anew first.
HELD = (HELD_MARK + "missivet kunde inte göras om efter en ändring av remissen, och det gamla skickas inte. {error} "
        "Gör sedan om missivet med ”Skapa missivet på nytt” under Utskick och svar, så skickas det.")


def in_utkorg(session: Session, remiss: Remiss) -> set[int]:
    """The entries whose e-mailed missiv a change would make anew (requeue): not yet taken by a sweep."""
    if remiss.direction != "utgaende" or remiss.sent_at is None or remiss.status not in lifecycle.SENDS:
        return set()
    return set(_queued_rows(session, remiss.id))


def rebuild_queued(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str,
                   base_url: str) -> list[str]:
    """requeue, returning the names of the instanser whose queued mail was made anew."""
    return requeue(session, now=now, principal=principal, remiss=remiss, files_dir=files_dir,
                   base_url=base_url).rebuilt


def requeue(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str,
            base_url: str, note: str = "") -> Requeued:
    """After a change to a sent remiss (Ändra uppgifter, PATCH, a remisshandling added, Förläng remisstid): the
    missiv mails still in the Utkorg are made anew from the remiss as it is now – a new missiv when the one made is
    out of date (missiv_doc.stale_reason), as "Skicka remissen" makes it – so no instans is e-mailed old
    frågeställningar, svarsdag, handlingar or title (h-out23 M5, h-queue24). When the nämnd's template cannot make
    the missiv, the change stays saved and the queued mails are held back (HELD) rather than sent out of date.
    note: what the history says of the mails made anew (default rebuilt_words)."""
    if remiss.direction != "utgaende" or remiss.sent_at is None or remiss.status not in lifecycle.SENDS:
        return Requeued()  # once compiled no missiv is made any more (walk21 J5): one still queued goes out as it was
    rows = _queued_rows(session, remiss.id)
    entries = {e.id: e for e in remisser.entries(session, remiss.id)}
    rows = {entry_id: row for entry_id, row in rows.items() if entry_id in entries}
    if not rows:
        return Requeued()
    missiv = missiv_doc.current_missiv(session, remiss.id)
    if missiv is None or missiv_doc.stale_reason(session, remiss, missiv):
        try:
            missiv = missiv_doc.generate_missiv(session, now=now, principal=principal, remiss=remiss,
                                                files_dir=files_dir)  # renders first: a failure adds nothing
        except RenderError as exc:
            return _hold(session, now=now, principal=principal, remiss=remiss, rows=rows, entries=entries,
                         error=str(exc))
    attachments = [missiv] + missiv_doc.remisshandlingar(session, remiss.id)
    namnd = session.get(Namnd, remiss.namnd_id)
    rebuilt, current, released = [], {}, False
    for entry_id, row in rows.items():
        entry = entries[entry_id]
        payload = mails.missiv_mail(remiss=remiss, namnd=namnd, entry=entry, attachments=attachments,
                                    base_url=base_url)
        text = json.dumps(payload, ensure_ascii=False, default=str)
        was_held = row.last_error.startswith(HELD_MARK)  # held back, or put back in the queue as it was held
        if text == row.payload and not was_held:
            current[entry_id] = entry.name
            continue
        values = dict(payload=text, subject=payload["subject"][:500])
        if was_held:  # made now: it goes out at the next sweep, and waits in the Utkorg since now (walk25b Z8)
            values.update(status=OutboxStatus.pending.value, attempts=0, next_attempt_at=now, last_error="",
                          created_at=now)
        # only while no sweep has taken it: one it is sending goes out as it was, and counts as sent (outdated)
        done = session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id,
                                                           OutboxMessage.status.in_(_NOT_OUT))
                               .values(**values)).rowcount
        if done:
            rebuilt.append(entry.name)
            current[entry_id] = entry.name
            released = released or was_held
    if released:  # it goes out now: its instans's reminders are planned again (chasers skip a failed missiv)
        chasers.schedule(session, now=now, remiss=remiss)
    if rebuilt:
        audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="requeue_missiv", note=note or rebuilt_words(rebuilt))
    session.flush()
    return Requeued(rebuilt, current)


def remake(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str, base_url: str,
           note: str = "") -> Requeued:
    """Skapa missivet på nytt: the missiv made from the nämnd's template as it is now, and the missiv mails waiting in
    the Utkorg made with it (requeue), so one held back goes out. When the template cannot make it, the held-back
    mails stay held with its reason (what the history and the Utkorg say is the template's error now) and
    RenderError is raised; nothing else changes."""
    try:
        missiv_doc.generate_missiv(session, now=now, principal=principal, remiss=remiss,
                                   files_dir=files_dir)  # renders first: a failure adds nothing
    except RenderError as exc:
        rows = {i: r for i, r in _queued_rows(session, remiss.id).items() if held.is_held(r.status, r.last_error)}
        entries = {e.id: e for e in remisser.entries(session, remiss.id)}
        _hold(session, now=now, principal=principal, remiss=remiss, error=str(exc),
              rows={i: r for i, r in rows.items() if i in entries}, entries=entries)
        raise
    return requeue(session, now=now, principal=principal, remiss=remiss, files_dir=files_dir, base_url=base_url,
                   note=note)


def _hold(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, rows: dict[int, OutboxMessage],
          entries: dict, error: str) -> Requeued:
    """Hold back the queued missiv mails that could not be made anew: "failed" with HELD, so no sweep sends the old
    missiv, the Utkorg and the remiss page say why, and no reminder goes to an instans that has not got it."""
    reason = HELD.format(error=error)
    names = {}
    for entry_id, row in rows.items():
        done = session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id,
                                                           OutboxMessage.status.in_(_NOT_OUT))
                               .values(status=OutboxStatus.failed.value, last_error=reason,
                                       claimed_at=now)).rowcount
        if done:
            names[entry_id] = entries[entry_id].name
    if names:
        audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="hold_missiv", note=held_words(list(names.values()), error))
        chasers.schedule(session, now=now, remiss=remiss)
    session.flush()
    return Requeued(held_ids=names, error=error)


def held_words(names: list[str], error: str) -> str:
    """What saving says when the missiv waiting in the Utkorg could not be made anew (_hold)."""
    return (f"Missivet till {join_words(names)} låg i utkorgen men kunde inte göras om från remissen som den är nu, "
            f"så det hålls kvar och skickas inte med de gamla uppgifterna. {error} Gör sedan om missivet med "
            "”Skapa missivet på nytt” under Utskick och svar, så skickas det.")


def requeued_words(done: Requeued) -> str:
    """rebuilt_words or held_words, whichever happened ("" when nothing waited)."""
    if done.held:
        return held_words(done.held, done.error)
    return rebuilt_words(done.rebuilt) if done.rebuilt else ""


def rebuilt_words(names: list[str]) -> str:
    """What saving said when the missiv waiting in the Utkorg was made anew (rebuild_queued)."""
    one = len(names) == 1
    return (f"Missivet till {join_words(names)} låg i utkorgen och var inte skickat: det är gjort om från remissen "
            f"som den är nu, så {'den' if one else 'de'} får de ändrade uppgifterna när det e-postas.")


def _pending(session: Session, remiss: Remiss) -> tuple[list[str], list[str], list[News]]:
    """Of a sent remiss: who has the old frågeställningar, who has not been sent it yet (and has not answered), and
    what each sent it has not got (news)."""
    if remiss.sent_at is None:
        return [], [], []
    unsent = [e.name for e in lifecycle.unsent(remisser.entries(session, remiss.id))]
    found = news(session, remiss)
    return [n.entry.name for n in found if n.questions], unsent, found


def _old_text(names: list[str]) -> str:
    return (f"{join_words(names)} har fått missivet med de tidigare frågeställningarna. Skicka det ändrade missivet "
            f"till {'den' if len(names) == 1 else 'dem'} med ”Skicka ändringen” under Utskick och svar.")


def after_edit_note(session: Session, remiss: Remiss) -> str:
    """What saving a change to a sent remiss means for the instanser: said on saving (walk12b #14)."""
    old, unsent, found = _pending(session, remiss)
    return " ".join(([_old_text(old)] if old else []) + ([added_text(found)] if added_words(found) else [])
                    + ([lifecycle.unsent_words(remiss, unsent)] if unsent else []))


OLD_QUESTIONS = "fragestallningar_ej_meddelade"  # the API's warning codes (docs/api.md)
NOT_SENT_TO = "remissen_ej_skickad_till"
HELD_BACK = "missiv_halls_kvar"
NEW_HANDLINGAR = "remisshandlingar_ej_skickade"


def held_back(session: Session, remiss_id: int) -> tuple[list[str], str]:
    """The instanser whose queued missiv is held back (_hold), and what its row says after HELD_MARK."""
    rows = _queued_rows(session, remiss_id)
    kept = {i: r for i, r in rows.items() if held.is_held(r.status, r.last_error)}
    if not kept:
        return [], ""
    names = {e.id: e.name for e in remisser.entries(session, remiss_id)}
    return ([names[i] for i in kept if i in names],
            next(iter(kept.values())).last_error[len(HELD_MARK):])


def held_text(names: list[str], why: str) -> str:
    """The API's (and the Utkorg's) sentence of a held-back missiv: "Missivet till X hålls kvar: missivet kunde …"."""
    return f"Missivet till {join_words(names)} hålls kvar: {why}"


def warnings_json(session: Session, remiss: Remiss) -> list[dict]:
    """The same sentences as the API's "warnings" of the remiss (walk12b: a PATCH of the frågeställningar of a
    sent remiss said nothing), in the shape of remiss.planning.beslut_link.RemissWarning.as_json."""
    if remiss.direction != "utgaende":
        return []
    old, unsent, news_found = _pending(session, remiss)
    url = f"/remisser/{remiss.id}#utskick"
    found = []
    if old:
        found.append({"code": OLD_QUESTIONS, "message": _old_text(old), "link_text": "Skicka ändringen",
                      "url": url})
    if added_words(news_found):
        found.append({"code": NEW_HANDLINGAR, "message": added_text(news_found), "link_text": "Skicka ändringen",
                      "url": url})
    kept, why = held_back(session, remiss.id)
    if kept:
        found.append({"code": HELD_BACK, "message": held_text(kept, why), "link_text": "Skapa missivet på nytt",
                      "url": url})
    if unsent:
        found.append({"code": NOT_SENT_TO, "message": lifecycle.unsent_words(remiss, unsent),
                      "link_text": "Skicka remissen" if remiss.status in lifecycle.SENDS else "Utskick och svar",
                      "url": url})
    return found


def send_amendment(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, files_dir: str,
                   base_url: str, confirmed: bool = True) -> tuple[list[str], list[str]]:
    """Send the changed missiv to each instans that has the old one: by e-mail, or as a letter to print for those
    with a postal address only. Return the names (mailed, by post).

    confirmed=False (the page's button without the question's yes): refused as always when it cannot be sent, else
    sending.NotConfirmed before anything is made or queued (walk21 J14)."""
    require(principal, Action.edit, remiss.namnd_id)
    found = {n.entry.id: n for n in news(session, remiss)}
    entries = [n.entry for n in found.values()]
    if not entries:
        raise InputErrors({"sandlista": "Alla som har fått remissen har redan de gällande frågeställningarna."})
    problem = sending.deadline_problem(remiss, local_today(now), len(entries)) if remiss.effective_deadline_on else ""
    if problem:
        raise InputErrors({"deadline_on": problem})
    if not confirmed:
        raise sending.NotConfirmed()
    missiv = missiv_doc.current_missiv(session, remiss.id)
    if missiv_doc.made_on_sending(session, remiss, missiv)[0]:  # what questions.amendment_confirmation said
        missiv = missiv_doc.generate_missiv(session, now=now, principal=principal, remiss=remiss, files_dir=files_dir)
    attachments = [missiv] + missiv_doc.remisshandlingar(session, remiss.id)
    namnd = session.get(Namnd, remiss.namnd_id)
    by_mail = [e for e in entries if e.email]
    by_post = [e for e in entries if not e.email]
    for entry in by_mail:
        payload = mails.amendment_mail(remiss=remiss, namnd=namnd, entry=entry, attachments=attachments,
                                       questions=found[entry.id].questions,
                                       added=[a.filename for a in found[entry.id].handlingar])
        enqueue(session, now=now, key=f"outgoing:amendment:{remiss.id}:{entry.id}:{missiv.id}",
                recipient_email=entry.email, kind=KIND, due_at=now, subject=payload["subject"],
                payload=payload, remiss_id=remiss.id)
    if by_post:
        sending.missiv_letters(session, now=now, principal=principal, remiss=remiss, missiv=missiv, entries=by_post,
                               files_dir=files_dir,
                               notes=[mails.anstand_letter_note(remiss, namnd, e) for e in by_post])
    for entry in entries:
        audit.record(session, now=now, user_id=principal.user_id, entity="sandlista_entry", entity_id=entry.id,
                     remiss_id=remiss.id, action="send_amendment",
                     note=(f"Det ändrade missivet lagt i utkorgen för e-post till {entry.name}" if entry.email
                           else f"Det ändrade missivet skickat per post till {entry.name}"))
    session.flush()
    return [e.name for e in by_mail], [e.name for e in by_post]


def sent_message(mailed: list[str], posted: list[str], *, down: datetime | None = None, added: list[str] = (),
                 enclose: list[str] = ()) -> str:
    """What Skicka ändringen says it did; added: the new remisshandlingar the mails carry, enclose: those the letters
    by post need (walk24 V6: a letter lists a file the instans would otherwise not get)."""
    parts = []
    if mailed:
        what = f"det ändrade missivet med {files_words(list(added))}" if added else "det ändrade missivet"
        parts.append(queued(what, join_words(mailed), down=down))
    if posted:
        parts.append(f"{join_words(posted)} ska få det per post: skriv ut breven (”Brev med missivet att skriva ut”)"
                     + (f" och lägg {files_words(list(enclose))} i varje brev" if enclose else ""))
    # not "är skickad" of a mail that waits in the Utkorg, nor of letters still to print (h-out22)
    return "Ändringen skickas: " + "; ".join(parts) + "."
