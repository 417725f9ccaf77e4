"""The missiv mails still in the Utkorg after a change to a sent remiss: made anew from the remiss as it is now, or
held back when the nämnd's template cannot make the missiv (split from amendments, which still offers these names).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.auth.access import Principal
from remiss.calendar.swedish import join_words
from remiss.documents import RenderError
from remiss.namnd.models import Namnd
from remiss.outgoing import held, mails
from remiss.outgoing.service import chasers, lifecycle, missiv_doc, sending
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.queued import HELD_MARK
from remiss.remisser import service as remisser
from remiss.remisser.models import Remiss


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
