"""Notices of a later svarsdag to one instans (a besked om anstånd, a notice of förlängd remisstid) that a later
förlängning or the instans's answer makes outdated while they still wait in the Utkorg: marked superseded ("Ersatt
av senare", never sent), with why, in the Utkorg and the history (session 30 B3: both went out, so the instans was
told two dates, or of a svarsdag after it had answered). One already sent, or being sent, is history: left as it is."""
from __future__ import annotations

import json
from datetime import date, datetime, time

from sqlalchemy import or_, update
from sqlmodel import Session, select

from remiss.audit import service as audit
from remiss.calendar.swedish import format_deadline, join_words
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.resend import ANSWERED, DECLINED, NOT_NEEDED_LABELS, STOPPED_BY, stopped_by

# the keys of the notices, by what the history calls them (anstand.ANSTAND_KEY, remisstid.general_extension): each
# ends in the sändlista entry it is for
NOTICES = {"outgoing:anstand:": "beskedet om anstånd", "outgoing:extension:": "meddelandet om förlängd remisstid"}
UNSENT = (OutboxStatus.pending.value, OutboxStatus.failed.value)


def supersede(session: Session, *, now: datetime, remiss_id: int, entry_id: int, name: str, why: str,
              actor_id: int | None, keep_key: str = "", because: str = "") -> int:
    """Mark superseded the unsent notices to one instans (all but keep_key, the one just queued); why: the sentence
    the Utkorg shows (by_anstand, by_extension, by_answer); because: ANSWERED or DECLINED where the instans's answer
    or avstår made them unneeded and nothing later replaced them, kept in each row's payload (STOPPED_BY) – the
    history says "Stoppat i utkorgen", the Utkorg "Behövs inte" (walk31 #8). Return how many."""
    rows = [row for row in _unsent(session, remiss_id, entry_id) if row.key != keep_key]
    if not rows:
        return 0
    # only while still unsent: a sweep that took one meanwhile sends it, and it is not marked
    done = session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([r.id for r in rows]),
                                                       OutboxMessage.status.in_(UNSENT))
                           .values(status=OutboxStatus.superseded.value, last_error=why[:500])
                           .execution_options(synchronize_session=False)).rowcount
    for row in rows:
        session.refresh(row)
    marked = [row for row in rows if row.status == OutboxStatus.superseded.value]
    if because:
        for row in marked:
            row.payload = json.dumps({**json.loads(row.payload or "{}"), STOPPED_BY: because})
            session.add(row)
    if marked:
        what = join_words(list(dict.fromkeys(_what(row.key) for row in marked)))
        note = f"{what[:1].upper()}{what[1:]} till {name} låg i utkorgen och skickas inte. {why}"
        changes = {"status": [OutboxStatus.pending.value, OutboxStatus.superseded.value]}
        if because:
            audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=None,
                         remiss_id=remiss_id, action="notices_not_needed", changes=changes, note=note)
        else:
            audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=None,
                         remiss_id=remiss_id, action="notices_superseded", changes=changes, note=note)
    return done


def revive(session: Session, *, now: datetime, remiss, entry, actor_id: int | None) -> str:
    """When the instans's answer or avstår is undone (Ångra) and it is awaited again: put back in the Utkorg the
    notice that answer made unneeded (supersede because=…), the same row, so it keeps its key and Message-ID and is
    sent at most once (session 32, B3 edge: it stayed stopped, and the instans was never told its svarsdag). Only the
    instans's latest notice, and only while the svarsdag it names is the one that holds for it now; otherwise it
    stays stopped and the words say so. Return what the message after Ångra adds ("" when nothing was stopped)."""
    from remiss.outgoing.service.chasers import deadline_of, deadline_passed
    from remiss.planning.models import Extension

    rows = [row for row in session.exec(select(OutboxMessage).where(
        OutboxMessage.remiss_id == remiss.id, or_(*(OutboxMessage.key.startswith(f"{prefix}{remiss.id}:")
                                                    for prefix in NOTICES))).order_by(OutboxMessage.id)).all()
            if _entry_id(row.key, remiss.id) == entry.id]
    row = rows[-1] if rows else None
    if row is None or row.status != OutboxStatus.superseded.value or stopped_by(row.payload) not in NOT_NEEDED_LABELS:
        return ""
    what = _what(row.key)
    what = f"{what[:1].upper()}{what[1:]} till {entry.name}"
    extension_id = row.key.split(":")[3]
    extension = session.get(Extension, int(extension_id)) if extension_id.isdigit() else None
    told = (extension.granted_until_on, extension.granted_until_time) if extension else None
    day, at = deadline_of(remiss, entry)
    if day is None or deadline_passed(day, at, now):
        return ""  # its svarsdag is over: nothing to tell it any more
    if told != (day, at):
        return (f"{what} stoppades i utkorgen när svaret registrerades och skickas inte, eftersom svarsdagen har "
                f"ändrats sedan dess: meddela {entry.name} att svarsdagen nu är {format_deadline(day, at)}.")
    payload = json.loads(row.payload or "{}")
    payload.pop(STOPPED_BY, None)
    row.status, row.last_error, row.payload = OutboxStatus.pending.value, "", json.dumps(payload)
    row.attempts, row.next_attempt_at, row.claimed_by = 0, now, ""
    session.add(row)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="outbox_message", entity_id=None, remiss_id=remiss.id,
                 action="notices_requeued",
                 changes={"status": [OutboxStatus.superseded.value, OutboxStatus.pending.value]},
                 note=f"{what} lades i utkorgen igen och skickas vid nästa utskick: svaret från {entry.name} togs bort.")
    return f"{what} ligger i utkorgen igen och skickas vid nästa utskick."


# the payload's record of the svarsdag a notice tells the instans it had ("Svaret skulle vara … senast …"), so that a
# later notice superseding it unsent names the day the instans was last told, not the one it never heard of
TOLD_FROM = "told_from"


def with_told_from(payload: dict, old: tuple) -> dict:
    day, at = old if old else (None, None)
    return {**payload, TOLD_FROM: [day.isoformat() if day else None, at.strftime("%H:%M") if at else None]}


def told_from(session: Session, *, remiss_id: int, entry_id: int, old: tuple) -> tuple:
    """The svarsdag a new notice to the instans says it had: that of its earliest notice still unsent (about to be
    superseded), where it kept one, else old (the one in force, which the instans was told)."""
    for row in _unsent(session, remiss_id, entry_id):
        kept = json.loads(row.payload or "{}").get(TOLD_FROM)
        if isinstance(kept, list) and len(kept) == 2:
            try:
                return (date.fromisoformat(kept[0]) if kept[0] else None,
                        time.fromisoformat(kept[1]) if kept[1] else None)
            except (TypeError, ValueError):
                return old
        return old
    return old


def by_anstand(day, at) -> str:
    """Why an unsent notice is superseded by a later anstånd of its instans."""
    return f"Ersatt av ett senare beslut om anstånd till {format_deadline(day, at)} innan det skickades."


def by_extension(day, at) -> str:
    """Why an unsent notice is superseded by a later förlängning of the remisstid for everyone."""
    return f"Ersatt av en senare förlängning av remisstiden till {format_deadline(day, at)} innan det skickades."


def by_answer(name: str, because: str = ANSWERED) -> str:
    """Why an unsent notice is superseded by the instans's answer (ANSWERED) or avstår (DECLINED): it asks for
    nothing any more."""
    done = "avstår från att yttra sig" if because == DECLINED else "har svarat innan det skickades"
    return f"{name} {done}, så det behövs inte längre."


def extensions_not_sent(session: Session, remiss_id: int) -> dict[int, list[str]]:
    """The notices of each general extension of the remiss that were superseded in the Utkorg and never sent:
    extension id → ["meddelandet till Lunds kommun skickades inte: Lunds kommun har svarat innan det skickades, så
    det behövs inte längre"], for the panel's line about the förlängning, which says they were queued (walk31 #10)."""
    from remiss.remisser.models import SandlistaEntry

    prefix = f"outgoing:extension:{remiss_id}:"
    rows = session.exec(select(OutboxMessage.key, OutboxMessage.last_error).where(
        OutboxMessage.remiss_id == remiss_id, OutboxMessage.status == OutboxStatus.superseded.value,
        OutboxMessage.key.startswith(prefix)).order_by(OutboxMessage.id)).all()
    entry_ids = {_entry_id(key, remiss_id) for key, _ in rows} - {None}
    names = dict(session.exec(select(SandlistaEntry.id, SandlistaEntry.name).where(
        SandlistaEntry.id.in_(sorted(entry_ids)))).all()) if entry_ids else {}
    found: dict[int, list[str]] = {}
    for key, why in rows:
        extension_id, entry_id = key.split(":")[3], _entry_id(key, remiss_id)
        if not extension_id.isdigit() or entry_id not in names:
            continue
        why = (why or "").strip().rstrip(".")
        if why.startswith("Ersatt"):  # "Ersatt av en senare förlängning …": in the sentence, not after a colon
            why = why[:1].lower() + why[1:]
        found.setdefault(int(extension_id), []).append(
            f"meddelandet till {names[entry_id]} skickades inte" + (f": {why}" if why else ""))
    return found


def _unsent(session: Session, remiss_id: int, entry_id: int) -> list[OutboxMessage]:
    """The instans's notices of a later svarsdag still unsent (waiting or failed), oldest first."""
    rows = session.exec(select(OutboxMessage).where(
        OutboxMessage.remiss_id == remiss_id, OutboxMessage.status.in_(UNSENT),
        or_(*(OutboxMessage.key.startswith(f"{prefix}{remiss_id}:") for prefix in NOTICES)))
        .order_by(OutboxMessage.id)).all()
    return [row for row in rows if _entry_id(row.key, remiss_id) == entry_id]


def _what(key: str) -> str:
    return next(words for prefix, words in NOTICES.items() if key.startswith(prefix))


def _entry_id(key: str, remiss_id: int) -> int | None:
    """The entry a notice of this remiss is for: its key's last part ("outgoing:anstand:<remiss>:<ext>:<entry>")."""
    parts = key.split(":")
    if len(parts) != 5 or parts[2] != str(remiss_id) or not parts[4].isdigit():
        return None
    return int(parts[4])
