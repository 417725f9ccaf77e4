"""Whether the missiv e-mailed to each instans has left the Utkorg (walk21 J3). Read only.

Sending marks an instans sent ("Skickad 6 december 2026 med e-post") the moment its missiv is queued (closing the
case stops it, and the row says "stoppat i utkorgen", walk28 Z4). Until a sweep has sent it, or while mail cannot be
sent at all (reminders.queued.down_since), the instans's row and page, the svarsstatus export, Nästa steg, the
start page, the diarium's export and the API say it waits in the Utkorg instead of that it was sent; the panel's
line says why (reminders.queued.unsent_lines).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlmodel import Session

from remiss.calendar.swedish import count_words, join_words
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.queued import HELD_MARK, WAITING, MailEvent, unsent_lines
from remiss.remisser.models import SandlistaEntry

KIND = "outgoing_missiv"  # sending.MISSIV_KIND, whose key is "outgoing:missiv:<remiss id>:<entry id>"
NOT_SENT = (*WAITING, OutboxStatus.failed.value)
_O = OutboxMessage.__table__.c
# what the lists of remisser add to an utgående one's answers while a missiv of it is due but not e-mailed
# (waiting_ids): the start page's section and the diarium's export ("0 av 2 har svarat; missivet i utkorgen …")
LIST_WORDS = "missivet i utkorgen (inte skickat)"
# … and while the sweep has given up on it (h-out23 M4): not "i utkorgen", as if it were still to go out
FAILED_WORDS = "missivet kunde inte e-postas till {who} (se utkorgen)"
# … and while it is held back (is_held): nothing failed, the nämnd's missiv template cannot make it (walk25b Z2)
HELD_WORDS = "missivet till {who} hålls kvar: mallen för missiv kan inte göra det (se remissen)"
# the pseudo-status of a held-back missiv's row (missiv_status(held_apart=True)); the API says "failed" as always
HELD = "held"
# the instans's row while its missiv is not e-mailed, by the outbox row's status
ROW_WORDS = {OutboxStatus.pending.value: "i utkorgen (inte skickat)",
             OutboxStatus.sending.value: "i utkorgen (inte skickat)",
             OutboxStatus.failed.value: "kunde inte e-postas (se utkorgen)",
             HELD: "hålls kvar (inte skickat)",
             # stopped in the Utkorg: the case was closed before it went (walk28 Z4), or it was makulerad
             OutboxStatus.cancelled.value: "stoppat i utkorgen (inte skickat)"}


def row_words(entry: SandlistaEntry, mail: str | None) -> str:
    """What the instans's row and the svarsstatus export say instead of when and how it was sent while its e-mailed
    missiv has not left the Utkorg (mail: its outbox row's status, missiv_status): "i utkorgen (inte skickat)",
    "kunde inte e-postas (se utkorgen)"; "" once e-mailed, and for a letter by post."""
    return ROW_WORDS.get(mail, "") if entry.sent_at is not None and entry.delivery == "epost" else ""


def is_held(status: str, last_error: str) -> bool:
    """Whether an outbox row is a missiv held back because it could not be made anew (amendments.HELD): failed, so
    no sweep sends it, but not given up on by the SMTP server."""
    return status == OutboxStatus.failed.value and last_error.startswith(HELD_MARK)


def missiv_status(session: Session, remiss_id: int, *, held_apart: bool = False) -> dict[int, str]:
    """entry id → the status of the outbox row of its e-mailed missiv ("pending", "sent", "failed", …); held_apart:
    HELD instead of "failed" for one held back (is_held), as the pages say it."""
    prefix = f"outgoing:missiv:{remiss_id}:"
    rows = session.execute(select(_O.key, _O.status, _O.last_error).where(_O.remiss_id == remiss_id, _O.kind == KIND)
                           .order_by(_O.id)).all()
    return {int(key[len(prefix):]): HELD if held_apart and is_held(status, error) else status
            for key, status, error in rows if key.startswith(prefix) and key[len(prefix):].isdigit()}


def queued_entry_ids(session: Session, remiss_id: int) -> set[int]:
    """The entries whose e-mailed missiv still waits in the Utkorg (not sent yet, walk28 Z4)."""
    return {entry_id for entry_id, status in missiv_status(session, remiss_id).items() if status in WAITING}


def held_entry_ids(session: Session, remiss_id: int) -> set[int]:
    """The entries whose e-mailed missiv is held back (is_held): nobody tried to e-mail it."""
    return {entry_id for entry_id, status in missiv_status(session, remiss_id, held_apart=True).items()
            if status == HELD}


def waiting_ids(now: datetime):
    """The ids of the remisser with a missiv due that waits in the Utkorg or could not be sent, as a subquery (the
    start page lists them, walk21 J3): few rows, read through the claim index on (status, next_attempt_at)."""
    return (select(_O.remiss_id).where(_O.kind == KIND, or_(_O.status == OutboxStatus.failed.value,
                                                            _O.status.in_(WAITING) & (_O.next_attempt_at <= now)))
            .distinct())


def list_words(session: Session, remiss_ids: list[int], *, now: datetime) -> dict[int, str]:
    """remiss id → what the lists of remisser add to its answers while a missiv of it is not e-mailed (waiting_ids):
    "missivet kunde inte e-postas till 1 remissinstans (se utkorgen)" for those the sweep gave up on, LIST_WORDS for
    those still due in the Utkorg, both joined with "; " when it is both (h-out23 M4)."""
    if not remiss_ids:
        return {}
    failed, kept, waiting = {}, {}, set()
    held_back = case((_O.last_error.startswith(HELD_MARK), 1), else_=0)
    for rid, status, is_kept, n in session.execute(
            select(_O.remiss_id, _O.status, held_back, func.count()).where(
                _O.kind == KIND, _O.remiss_id.in_(remiss_ids),
                or_(_O.status == OutboxStatus.failed.value, _O.status.in_(WAITING) & (_O.next_attempt_at <= now)))
            .group_by(_O.remiss_id, _O.status, held_back)):
        if status == OutboxStatus.failed.value:
            (kept if is_kept else failed)[rid] = n
        else:
            waiting.add(rid)

    def who(n: int) -> str:
        return count_words(n, "remissinstans", "remissinstanser")
    return {rid: "; ".join(
        ([HELD_WORDS.format(who=who(kept[rid]))] if rid in kept else [])
        + ([FAILED_WORDS.format(who=who(failed[rid]))] if rid in failed else [])
        + ([LIST_WORDS] if rid in waiting else [])) for rid in set(failed) | set(kept) | waiting}


def unreached(session: Session, remiss_ids: list[int]) -> dict[int, set[int]]:
    """remiss id → its entries that have not answered and whose e-mailed missiv could not be e-mailed (the sweep gave
    up, or it is held back): never asked, so not "inte svarat" but counted apart (overview.tally, h-queue24)."""
    if not remiss_ids:
        return {}
    found: dict[int, int] = {}  # entry id → remiss id
    for rid, key in session.execute(select(_O.remiss_id, _O.key).where(
            _O.kind == KIND, _O.remiss_id.in_(remiss_ids), _O.status == OutboxStatus.failed.value)):
        tail = key[len(f"outgoing:missiv:{rid}:"):]
        if key.startswith(f"outgoing:missiv:{rid}:") and tail.isdigit():
            found[int(tail)] = rid
    if not found:
        return {}
    out: dict[int, set[int]] = {}
    for entry_id, status in session.execute(select(SandlistaEntry.id, SandlistaEntry.answer_status).where(
            SandlistaEntry.id.in_(list(found)))):
        if status not in ("svarat", "avstar"):
            out.setdefault(found[entry_id], set()).add(entry_id)
    return out


UNREACHED_WORDS = "missivet kunde inte e-postas"  # an instans never asked because of it (ROW_WORDS, FAILED_WORDS)
HELD_UNREACHED_WORDS = "missivet hålls kvar"  # … because it is held back (is_held): nothing failed (walk25b Z2)


def failed_entry_ids(session: Session, remiss_id: int) -> set[int]:
    """The entries whose e-mailed missiv the sweep gave up on: they never got the remiss (h-out23 M4)."""
    return {entry_id for entry_id, status in missiv_status(session, remiss_id).items()
            if status == OutboxStatus.failed.value}


def answered_keys(session: Session, remiss_id: int) -> frozenset[str]:
    """The outbox keys of the missiv held back to instanser that have answered or avstått anyway: not named where
    the held missiv is said (unsent_lines), as the panel's count leaves them out (walk26b X8)."""
    return frozenset(f"outgoing:missiv:{remiss_id}:{entry_id}" for entry_id, status in session.execute(
        select(SandlistaEntry.id, SandlistaEntry.answer_status).where(SandlistaEntry.remiss_id == remiss_id))
        if status in ("svarat", "avstar"))


def missiv_names(session: Session, remiss_id: int) -> dict[str, str]:
    """The outbox key of each instans's missiv → its name: the held missiv is said naming them with their address
    (unsent_lines(names=…): "Missivet till Konstfrämjandet (info@konst.example) hålls kvar", walk26b X8)."""
    return {f"outgoing:missiv:{remiss_id}:{entry_id}": name for entry_id, name in session.execute(
        select(SandlistaEntry.id, SandlistaEntry.name).where(SandlistaEntry.remiss_id == remiss_id))}


def held_to(session: Session, remiss_id: int) -> dict[int, str]:
    """entry id → the address its held-back missiv is for (is_held)."""
    prefix = f"outgoing:missiv:{remiss_id}:"
    return {int(key[len(prefix):]): email for key, email, status, error in session.execute(
        select(_O.key, _O.recipient_email, _O.status, _O.last_error).where(_O.remiss_id == remiss_id, _O.kind == KIND))
        if is_held(status, error) and key.startswith(prefix) and key[len(prefix):].isdigit()}


def next_step(session: Session, remiss_id: int, *, now: datetime) -> str:
    """Nästa steg while the missiv is not e-mailed: the panel's line ("Missivet till … väntar i utkorgen sedan …:
    e-posten går inte att skicka just nu (…), så det är inte skickat. …"); "" once every missiv has gone out."""
    lines = unsent_lines(session, remiss_id, {KIND: "Missivet"}, now=now, skip_keys=answered_keys(session, remiss_id),
                         names=missiv_names(session, remiss_id))
    return " ".join(lines)


# The mail to an instans that the history has a line for when the sweep e-mailed it or gave up on it (walk24 V15):
# kind → (the action's stem, how the note names it, the position of the sändlista entry's id in the row's key)
HISTORY_KINDS = {KIND: ("missiv", "Missivet", 3),  # outgoing:missiv:<remiss>:<entry>
                 "outgoing_amendment": ("amendment", "Det ändrade missivet", 3),  # …:<remiss>:<entry>:<missiv>
                 "outgoing_extension": ("extension", "Meddelandet om förlängd remisstid", 4)}  # …:<remiss>:<ext>:<entry>
# the besked of one instans's anstånd has the extension's kind and a key of its own (answers.ANSTAND_KEY)
ANSTAND = ("anstand", "Beskedet om anstånd", 4)


def _what(kind: str, key: str) -> tuple[str, str, int]:
    return ANSTAND if key.startswith("outgoing:anstand:") else HISTORY_KINDS[kind]


def history_of(session: Session, remiss_id: int) -> list[MailEvent]:
    """A line for each sweep that e-mailed missiv, changed missiv, notices of förlängd remisstid or besked om
    anstånd of the remiss ("Missivet e-postades till Trafiknämnden (trafik@example.se) och …"), and one for each
    it gave up on, with the error (walk24 V15: the missiv alone had them)."""
    names = dict(session.execute(select(SandlistaEntry.id, SandlistaEntry.name)
                                 .where(SandlistaEntry.remiss_id == remiss_id)).all())
    by_stem: dict[str, dict[datetime, list[str]]] = {}
    events = []
    for kind, key, status, sent_at, claimed_at, email, error in session.execute(
            select(_O.kind, _O.key, _O.status, _O.sent_at, _O.claimed_at, _O.recipient_email, _O.last_error)
            .where(_O.remiss_id == remiss_id, _O.kind.in_(list(HISTORY_KINDS)),
                   _O.status.in_([OutboxStatus.sent.value, OutboxStatus.failed.value])).order_by(_O.id)):
        stem, what, at = _what(kind, key)
        sent = by_stem.setdefault(stem, {})
        tail = key.split(":")[at] if len(key.split(":")) > at else ""
        who = f"{names[int(tail)]} ({email})" if tail.isdigit() and int(tail) in names else email
        if status == OutboxStatus.sent.value and sent_at is not None:
            sent.setdefault(sent_at, []).append(who)
        elif status == OutboxStatus.failed.value and error.startswith(HELD_MARK):
            continue  # its own line in the history says it was held back (requeue._hold)
        elif status == OutboxStatus.failed.value and claimed_at is not None:
            then = (". Påminnelser planeras inte förrän det har skickats igen från utkorgen." if stem == "missiv"
                    else ". En administratör kan skicka det igen från utkorgen.")  # every what is an ett-ord
            events.append(MailEvent(claimed_at, f"{stem}_failed", f"{what} till {who} kunde inte e-postas"
                                    + (f": {error.strip().rstrip('.')}" if error.strip() else "") + then))
    words = {stem: what for stem, what, _ in (*HISTORY_KINDS.values(), ANSTAND)}
    events += [MailEvent(at, f"{stem}_sent", f"{words[stem]} e-postades till {join_words(who)}.")
               for stem, sent in by_stem.items() for at, who in sent.items()]
    return sorted(events, key=lambda e: e.at)
