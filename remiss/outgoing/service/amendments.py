"""Frågeställningar changed after the remiss went out: who has the old missiv, and sending them the new one.

As a general extension goes out as a notice to the whole sändlista (domain.md §4, seed 003), a change to the
questions after sending is told to those already sent to, with the changed missiv; instanser added after sending
simply get the new missiv when the remiss is sent to them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.audit.models import AuditEvent
from remiss.auth.access import Action, Principal, require
from remiss.calendar.swedish import join_words
from remiss.outgoing.service.amendment_words import (  # noqa: F401 – the words, read as amendments.*
    added_names, added_text, added_words, files_words, instanser_words, lacking_words)
from remiss.clock import local_today
from remiss.namnd.models import Namnd
from remiss.outgoing import held, mails
from remiss.outgoing.service import lifecycle, missiv_doc, sending
# the missiv mails in the Utkorg made anew or held back (split to requeue.py): read as amendments.* elsewhere too
from remiss.outgoing.service.requeue import (  # noqa: F401
    HELD, Requeued, _queued_rows, held_words, in_utkorg, rebuild_queued, rebuilt_words, remake, requeue,
    requeued_words)
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
    skipped = set(_queued_rows(session, remiss.id)) if remiss.status in lifecycle.SENDS else set()
    # one whose missiv never left (held back, or given up on) has no missiv with "de tidigare frågeställningarna",
    # once compiled too (walk26b X8: beside "Missivet till … hålls kvar, så den har inte fått remissen")
    skipped |= held.unreached(session, [remiss.id]).get(remiss.id, set())
    made = _missiv_made(session, remiss.id)
    found = []
    for entry in lifecycle.unanswered(remisser.entries(session, remiss.id)):
        if entry.id in skipped:
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


def _pending(session: Session, remiss: Remiss) -> tuple[list[str], list[str], list[News]]:
    """Of a sent remiss: who has the old frågeställningar, who has not been sent it yet (and has not answered), and
    what each sent it has not got (news)."""
    if remiss.sent_at is None:
        return [], [], []
    unsent = [e.name for e in lifecycle.unsent(remisser.entries(session, remiss.id))]
    found = news(session, remiss)
    kept = held.held_entry_ids(session, remiss.id)  # never got a missiv, so not "har fått missivet" (walk26b X18)
    return [n.entry.name for n in found if n.questions and n.entry.id not in kept], unsent, found


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
