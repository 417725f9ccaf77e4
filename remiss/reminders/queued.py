"""What Remiss says of the mail it puts in the outbox (walk18 F2), in one wording.

Nothing is e-mailed the moment a user acts: the mail is queued (reminders.outbox.enqueue) and a sweep of `remiss
scheduler` or `remiss reminders run` sends it. Confirmations and flashes say so with `queued`; the remiss page
lists the mail of that remiss that still waits or could not be sent with `unsent_lines`. Read only.

While the sweeps have recorded an outage (relay.record_down: the SMTP server down, the mail directory not writable;
the Utkorg page says "Avbrott: …"), none of it says "inom några minuter": `down_since` reads that stored state and
`queued` and `held` say the mail waits because e-mail cannot be sent now (walk20 H3).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from remiss.calendar.swedish import count_words, format_date_time
from remiss.reminders import relay
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.remisser.kind_words import agreeing, it_of

QUEUED = "läggs i utkorgen och e-postas inom några minuter"
WAITING = (OutboxStatus.pending.value, OutboxStatus.sending.value)
# How a capability's last_error begins when it holds a row back ("failed", so no sweep sends it) because the mail
# could not be made as it must be (remiss.outgoing: a missiv that could not be made anew, h-queue24): the rest says
# why and what to do, and the remiss pages say it as it is instead of "kunde inte skickas".
HELD_MARK = "Hålls kvar: "
_O = OutboxMessage.__table__.c


@dataclass(frozen=True)
class MailEvent:
    """A moment the sweep e-mailed (or gave up on) something a user put in the outbox, read from its outbox row and
    shown in the history among the audit events (remisser.history.describe): the outbox is what says what was sent.
    The user's own line says it was put in the Utkorg (drafting.mail_state for the yttrande, outgoing.held for the
    missiv)."""

    at: datetime
    action: str  # remisser.history.ACTION_LABELS
    note: str
    id: int = 0
    user_id: int | None = None  # the sweep did it
    user_name: str | None = None
    entity: str = "outbox_message"
    changes: str = "{}"


ADMIN_SEES = "Administratören ser felet under Utkorg."


def down_since(session: Session) -> datetime | None:
    """Since when mail cannot be sent, as the sweeps recorded it (the Utkorg page's "Avbrott"); None while it can."""
    state = relay.get(session)
    return state.down_since if state is not None else None


def cannot_send(down: datetime) -> str:
    """"e-posten går inte att skicka just nu (sedan 5 december 2026 kl. 20.58)"."""
    return f"e-posten går inte att skicka just nu (sedan {format_date_time(down)})"


def queued(what: str, to: str = "", *, down: datetime | None = None) -> str:
    """"Det läggs i utkorgen och e-postas inom några minuter till a@b.se": how every confirmation and flash says that
    mail goes out (no sentence end, so the caller may go on). During an outage (down: down_since) it says the
    mail waits there instead, no promise of minutes."""
    if down is None:
        return f"{what} {QUEUED}" + (f" till {to}" if to else "")
    return (f"{what} läggs i utkorgen och väntar där – {cannot_send(down)} – på att e-postas"
            + (f" till {to}" if to else ""))


def held(what: str, to: str, since: datetime, down: datetime, *, neuter: bool = True) -> str:
    """A mail that waits in the Utkorg during an outage, as the remiss pages say it: "Missivet till a@b.se väntar
    i utkorgen sedan …: e-posten går inte att skicka just nu (sedan …), så det är inte skickat. Administratören …";
    "… så den är inte skickad" of an en-ord (neuter=False: "Rättelsen")."""
    return (f"{what} till {to} väntar i utkorgen sedan {format_date_time(since)}: {cannot_send(down)}, så "
            f"{it_of(neuter)} är inte {agreeing('skickad', neuter)}. {ADMIN_SEES}")


def unsent_lines(session: Session, remiss_id: int, labels: dict[str, str], *, now: datetime,
                 common: frozenset[str] = frozenset(), skip_keys: frozenset[str] = frozenset(),
                 names: dict[str, str] | None = None, key_labels: dict[str, str] | None = None) -> list[str]:
    """The remiss's mail of the kinds in labels (kind -> "Missivet") that is due but not sent, one line per kind
    and outcome: "Missivet till pr@x.se och 2 till väntar i utkorgen sedan 5 december 2026 kl. 14.02." or
    "Missivet till pr@x.se kunde inte skickas: <the error>. …". A row planned for later (a chaser) is not due yet.
    common: the kinds whose label is an en-ord ("Påminnelsen"): "den är inte skickad", "skicka den igen".
    skip_keys: held-back rows left out (a held missiv to an instans that has answered anyway, walk26b X8).
    names: outbox key → the remissinstans a mail is for (an utgående remiss's missiv): a held-back line names them
    with their address and says they have not got the remiss ("Missivet till Konstfrämjandet (info@konst.example)
    hålls kvar, så den har inte fått remissen: …"), the one list of them on the page (walk26b X8).
    key_labels: outbox key prefix → the label of the rows of a kind in labels whose key starts so, said apart from
    the rest of that kind (a besked om anstånd is not the "Meddelandet om förlängd remisstid", walk29 A4)."""
    rows = session.execute(
        select(_O.kind, _O.status, _O.recipient_email, _O.created_at, _O.last_error, _O.attempts, _O.key)
        .where(_O.remiss_id == remiss_id, _O.kind.in_(list(labels)),
               ((_O.status.in_(WAITING)) & (_O.next_attempt_at <= now)) | (_O.status == OutboxStatus.failed.value))
        .order_by(_O.id)).all()
    rows = [r for r in rows if r.key not in skip_keys or not r.last_error.startswith(HELD_MARK)]
    lines, down = [], down_since(session) if rows else None
    key_labels = key_labels or {}
    tag = {r.key: next((prefix for prefix in key_labels if r.key.startswith(prefix)), r.kind) for r in rows}
    for kind, label in {**labels, **key_labels}.items():
        neuter = kind not in common
        waiting = [r for r in rows if tag[r.key] == kind and r.status in WAITING]
        if waiting and down is not None:  # an outage: the attempts do not count up, the stored outage says why
            lines.append(held(label, _to(waiting), min(r.created_at for r in waiting), down, neuter=neuter))
        elif waiting:
            retry = (" (ett försök har misslyckats och görs om)" if any(r.attempts for r in waiting) else "")
            lines.append(f"{label} till {_to(waiting)} väntar i utkorgen sedan "
                         f"{format_date_time(min(r.created_at for r in waiting))}{retry}: "
                         f"{it_of(neuter)} är inte {agreeing('skickad', neuter)} ännu.")
        failed = [r for r in rows if tag[r.key] == kind and r.status == OutboxStatus.failed.value]
        # held back for one reason: one line naming them all, not the same paragraph for each (walk25b Z2)
        kept: dict[str, list] = {}
        for row in (r for r in failed if r.last_error.startswith(HELD_MARK)):
            kept.setdefault(row.last_error[len(HELD_MARK):], []).append(row)
        for why, same in kept.items():
            named = [r for r in same if names and r.key in names]
            got = (f", så {'den' if len(named) == 1 else 'de'} har inte fått remissen" if named
                   and len(named) == len(same) else "")
            lines.append(f"{label} till {_to(same, shown=len(same), names=names)} hålls kvar{got}: {why}")
        for row in (r for r in failed if not r.last_error.startswith(HELD_MARK)):
            lines.append(f"{label} till {row.recipient_email} kunde inte skickas"
                         + (f": {row.last_error.rstrip('.')}" if row.last_error else "")
                         + f". En administratör kan skicka {it_of(neuter)} igen från utkorgen.")
    return lines


def _to(rows, shown: int = 3, names: dict[str, str] | None = None) -> str:
    """"a@x.se, b@y.se och 2 mottagare till": each recipient once, though two mails of a kind wait for one (two
    extensions in a row: walk24 V9 named registrator@lund.example twice); "Konstfrämjandet (info@konst.example)"
    for a row names has."""
    names = names or {}
    emails = list(dict.fromkeys(f"{names[r.key]} ({r.recipient_email})" if r.key in names else r.recipient_email
                                for r in rows))
    if len(emails) <= shown:
        return " och ".join([", ".join(emails[:-1]), emails[-1]]) if len(emails) > 1 else emails[0]
    return f"{', '.join(emails[:shown])} och {count_words(len(emails) - shown, 'mottagare', 'mottagare')} till"
