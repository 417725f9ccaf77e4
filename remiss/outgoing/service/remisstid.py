"""Förlängd remisstid for every remissinstans of an outgoing remiss (general_extension): the new svarsdag, a mail to
each instans that has not answered and whose deadline moves, and one Word file of letters for those with only a
postal address (split from outgoing.service.answers, which keeps each instans's own answer and anstånd)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlmodel import Session

from remiss import files, stale_form
from remiss.audit import service as audit
from remiss.calendar.swedish import count_words, format_date, format_deadline, join_words
from remiss.clock import local_today
from remiss.documents.letters import letters, text_letter
from remiss.auth.access import Principal
from remiss.namnd.models import Namnd
from remiss.outgoing import mails
from remiss.outgoing.service import chasers, lifecycle, outdated
from remiss.outgoing.service.amendments import Requeued, requeue
from remiss.outgoing.service.answers import begin
from remiss.outgoing.service.sending import NotConfirmed
from remiss.planning.models import Extension
from remiss.reminders.outbox import enqueue
from remiss.remisser import service as remisser
from remiss.remisser.deadlines import answering_over
from remiss.remisser.input import InputErrors
from remiss.remisser.models import Attachment, Remiss

EXTENSION_KIND = "outgoing_extension"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Extended:
    """What a general extension told whom: mails queued, letters to print for those with only a postal address,
    the instanser not yet sent the remiss (their missiv will carry the new svarsdag), and those not told because
    their own anstånd runs longer than the new date (name, that anstånd as written), or ends at the very moment of it
    (same: their names; walk29b B4 – it was said to be "längre")."""

    mailed: int
    posted: list[str]
    unsent: list[str]
    letters: Attachment | None = None
    longer: list[tuple[str, str]] = field(default_factory=list)
    # those whose e-mailed missiv still waited in the Utkorg: not sent a notice about a remiss they have not received,
    # their missiv made anew with the new svarsdag, or held back when it could not be made (h-queue24)
    requeued: Requeued = field(default_factory=Requeued)
    same: list[str] = field(default_factory=list)

    def note(self) -> str:
        """One line for the history and the panel: who was told, and how."""
        # queued, not yet sent (walk18 F2): the panel says while it waits (reminders.queued.unsent_lines)
        parts = [f"meddelandet lades i utkorgen för e-post till "
                 f"{count_words(self.mailed, 'remissinstans', 'remissinstanser')} som inte hade svarat" if self.mailed
                 else "ingen fick meddelandet med e-post"]
        if self.posted:
            parts.append("brev att skriva ut och skicka per post till " + ", ".join(self.posted))
        if self.unsent:
            parts.append("inte meddelade (har inte fått remissen än): " + ", ".join(self.unsent))
        if self.longer:
            parts.append("inte meddelade (har redan längre anstånd): "
                         + ", ".join(f"{name} (till {until})" for name, until in self.longer))
        if self.same:
            parts.append("inte meddelade (har redan anstånd till samma tid): " + ", ".join(self.same))
        if self.requeued.current:
            parts.append(f"missivet till {join_words(list(self.requeued.current.values()))} låg i utkorgen och var "
                         "inte skickat: det är gjort om med den nya svarsdagen i stället för ett meddelande")
        if self.requeued.held:
            parts.append(f"missivet till {join_words(self.requeued.held)} låg i utkorgen och hålls kvar: det kunde "
                         "inte göras om med den nya svarsdagen")
        return "; ".join(parts)


def general_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      until_on: date, until_time: time | None, files_dir: str, reason: str = "",
                      confirmed: bool = True, base_url: str = "") -> Extended:
    """Extend the remisstid for everyone; e-mail each instans that has not answered and whose deadline moves, and
    make one Word file of letters for those of them with only a postal address. An instans whose own anstånd
    runs past the new date keeps it and is not told (its deadline does not change; walk12b #3).

    confirmed=False (the page's button without the question's yes): refused as always when the date cannot be
    taken, else sending.NotConfirmed before anything is changed or queued (walk21 J14)."""
    begin(principal, remiss)
    if answering_over(remiss):  # withdrawn (avslutad: begin), as on Ändra uppgifter (walk21 J6)
        raise InputErrors({"until_on": answering_over(remiss)})
    if refused := date_refusal(remiss, now, until_on, until_time):
        raise InputErrors({"until_on": refused})
    if not confirmed:
        raise NotConfirmed()
    open_entries = [e for e in remisser.entries(session, remiss.id) if e.answer_status not in lifecycle.ANSWERED]
    before = {e.id: chasers.deadline_of(remiss, e) for e in open_entries}
    extension = Extension(remiss_id=remiss.id, is_general=True, requested_by="", requested_on=local_today(now),
                          reason=reason.strip(), decision="granted", granted_until_on=until_on,
                          granted_until_time=until_time, decided_on=local_today(now), created_by_id=principal.user_id,
                          created_at=now)
    session.add(extension)
    session.flush()
    remisser.refresh_deadline(session, now=now, remiss=remiss, actor_id=principal.user_id)
    # a missiv still in the Utkorg goes out with the new svarsdag: no notice of a change to what nobody has received
    waiting = requeue(session, now=now, principal=principal, remiss=remiss, files_dir=files_dir, base_url=base_url)
    namnd = session.get(Namnd, remiss.namnd_id)
    new = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    queued, by_post, longer, same = 0, [], [], []
    for entry in open_entries:
        if entry.sent_at is None or entry.id in waiting.waiting:
            continue
        if chasers.deadline_of(remiss, entry) == before[entry.id]:  # its own anstånd runs as long or longer
            if before[entry.id] == new:  # to the same moment: not later (walk29b B4)
                same.append(entry.name)
            else:
                longer.append((entry.name, format_deadline(*before[entry.id])))
            continue
        if not entry.email:
            by_post.append(entry)
            continue
        # the svarsdag it was told, where a notice or besked still unsent (superseded next) named another (B3)
        old = outdated.told_from(session, remiss_id=remiss.id, entry_id=entry.id, old=before[entry.id])
        payload = outdated.with_told_from(mails.extension_mail(remiss=remiss, namnd=namnd, entry=entry, old=old,
                                                               new=new, reason=reason), old)
        key = f"outgoing:extension:{remiss.id}:{extension.id}:{entry.id}"
        queued += enqueue(session, now=now, key=key, recipient_email=entry.email, kind=EXTENSION_KIND, due_at=now,
                          subject=payload["subject"], payload=payload, remiss_id=remiss.id)
        # an earlier notice or besked still in the Utkorg names another date: it is not sent (session 30 B3)
        outdated.supersede(session, now=now, remiss_id=remiss.id, entry_id=entry.id, name=entry.name,
                           why=outdated.by_extension(*new), actor_id=principal.user_id, keep_key=key)
    kept = None
    if by_post:
        olds = {before[e.id] for e in by_post}  # one text for every letter: the old date only when all share it
        text = [f"{namnd.name}, {format_date(local_today(now))}"] + mails.extension_text(
            remiss=remiss, namnd=namnd, old=olds.pop() if len(olds) == 1 else None, new=new, reason=reason)
        data = letters(text_letter("Meddelande om förlängd remisstid", text),
                       [[e.name] + [line for line in e.postal_address.splitlines() if line.strip()] for e in by_post])
        kept = _keep_letters(session, now=now, principal=principal, remiss=remiss, data=data, files_dir=files_dir)
    done = Extended(queued, [e.name for e in by_post], [e.name for e in open_entries if e.sent_at is None], kept,
                    longer, waiting, same)
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


def date_refusal(remiss: Remiss, now: datetime, until_on: date, until_time: time | None) -> str:
    """Why until_on cannot be the new svarsdag ("" when it can): a day that has been, or one not after the svarsdag
    in force, named (walk24 V9: "… efter den som gäller nu" named none)."""
    if until_on <= local_today(now):  # the notice would name a day that has been (walk9)
        return f"Den nya svarsdagen måste ligga efter i dag ({format_date(local_today(now))})."
    old = (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if old[0] and (until_on, until_time or time(23, 59)) <= (old[0], old[1] or time(23, 59)):
        return f"Den nya svarsdagen måste ligga efter den som gäller nu, {format_deadline(*old)}."
    return ""


# The general extension's form carries the svarsdag in force it showed (a stale form's base: remiss.stale_form): one
# opened before another tab or user extended the remisstid (or changed the svarsdag) is refused, naming who, to which
# day and when, that nothing was extended or sent from it, with what was typed kept (walk24 V9: it went through, and
# every instans got two contradictory notices in the same minute). A post without the field is never stale.
BASE = stale_form.DEADLINE


def shown_base(remiss: Remiss) -> str:
    """The base the form carries: the svarsdag in force ("2027-03-10", "2027-03-10 12:00"; "" without one)."""
    day, at = remiss.effective_deadline_on, remiss.effective_deadline_time
    return "" if day is None else f"{day.isoformat()} {at:%H:%M}" if at else day.isoformat()


def stale_refusal(session: Session, *, now: datetime, remiss: Remiss, base: str | None, until_on: date | None = None,
                  until_time: time | None = None) -> dict[str, str]:
    """The errors of a form opened on base before the svarsdag in force changed ({} when it did not): what happened
    and that nothing was done, under BASE; a typed day no longer after the one in force, under until_on."""
    if not stale_form.stale(base, shown_base(remiss)):
        return {}
    event = stale_form.last_change(session, remiss_id=remiss.id, entity="remiss", entity_id=remiss.id,
                                   key="effective_deadline")
    day, at = remiss.effective_deadline_on, remiss.effective_deadline_time
    moved = ("Remisstiden förlängdes till" if day is not None and (not base or base < shown_base(remiss))
             else "Sista svarsdagen ändrades till")
    happened = (f"{moved} {format_deadline(day, at)}{stale_form.event_by(session, event)}, efter att du öppnade "
                "sidan." if day is not None else "Sista svarsdagen togs bort efter att du öppnade sidan.")
    refused = date_refusal(remiss, now, until_on, until_time) if until_on is not None else ""
    typed = f" om {format_deadline(until_on, until_time)}" if until_on is not None and not refused else ""
    again = "ändra datumet och förläng igen" if refused else "förläng igen"
    said = (f"{happened} Inget är förlängt härifrån och inget meddelande är skickat. Det du skrev står kvar nedan: "
            f"{again} om instanserna ska få ett nytt meddelande{typed}.")
    return {BASE: said} | ({"until_on": refused} if refused else {})
