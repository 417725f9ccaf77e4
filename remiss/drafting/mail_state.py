"""Whether the mail of an expedierat yttrande has left the outbox, as the remiss page says it (walk18 F2).

Expediering puts the mail in the outbox (drafting.mailing); a sweep of `remiss scheduler` or `remiss reminders
run` sends it. Until then the page says the yttrande waits in the Utkorg, not that it was e-mailed; during a known
outage of the mail (reminders.queued.down_since) it says why, in the words of reminders.queued.held. Read only.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, exists, func, select, union
from sqlmodel import Session

from remiss.calendar.swedish import format_date_time
from remiss.drafting.mailing import KIND
from remiss.drafting.models import GeneratedDocument, YttrandeDraft
from remiss.reminders.models import OutboxMessage, OutboxStatus
from remiss.reminders.queued import MailEvent, down_since, held
from remiss.remisser.kind_words import agreeing, it_of
from remiss.remisser.models import Remiss

_O = OutboxMessage.__table__.c
_ROWS = (select(_O.key, _O.status, _O.sent_at, _O.recipient_email, _O.attempts, _O.created_at)
         .where(_O.remiss_id == bindparam("remiss_id"), _O.kind == KIND).order_by(_O.id))
WAITING = (OutboxStatus.pending.value, OutboxStatus.sending.value)
# The history line of the mail's audit event ("yttrande_mail"), written at expediering: what happened then, the
# mail put in the Utkorg (walk22 L7: it said "Yttrandet e-postat" while the mail still waited there), and what
# became of it when it did not go out. The sending itself is a line of its own, at the moment the sweep sent it
# (history_of). {what}: "Yttrandet" or "Rättelsen".
QUEUED = "{what} {lagd} i utkorgen"
HISTORY_LABELS = {OutboxStatus.failed.value: "{what} {lagd} i utkorgen – kunde inte e-postas",
                  OutboxStatus.cancelled.value: "{what} {lagd} i utkorgen – {stoppad} där, inte {e_postad}",
                  OutboxStatus.superseded.value: "{what} {lagd} i utkorgen – {stoppad} där, inte {e_postad}"}
# the words of the sending (remisser.history.ACTION_LABELS: "Yttrandet e-postat", "Rättelsen e-postad")
SENT_ACTIONS = ("yttrande_sent", "rattelse_sent")


def mails_of(session: Session, remiss_id: int) -> list:
    """The outbox rows of the remiss's expedierade yttrande and rättelser, oldest first."""
    return session.connection().execute(_ROWS, {"remiss_id": remiss_id}).all()


def version_of(row) -> int | None:
    """The draft version a row mails (key "yttrande:<remiss>:<version id>")."""
    last = row.key.rpartition(":")[2]
    return int(last) if last.isdigit() else None


def words(row, what: str = "Yttrandet", *, neuter: bool = True, down: datetime | None = None) -> str:
    """What became of the mail: waiting in the Utkorg (down: since when mail cannot be sent, down_since), e-mailed
    when, or not e-mailed and why. neuter: what is an ett-ord ("Yttrandet … det"), not an en-ord ("Rättelsen … den")."""
    if row.status in WAITING and down is not None:
        return held(what, row.recipient_email, row.created_at, down, neuter=neuter)
    if row.status in WAITING:
        retry = " (ett försök har misslyckats och görs om)" if row.attempts else ""
        return (f"{what} väntar i utkorgen sedan {format_date_time(row.created_at)} och e-postas till "
                f"{row.recipient_email} inom några minuter{retry}. "
                f"{it_of(neuter).capitalize()} är inte {agreeing('skickad', neuter)} ännu.")
    if row.status == OutboxStatus.sent.value:
        return f"{what} e-postades till {row.recipient_email} {format_date_time(row.sent_at)}."
    if row.status == OutboxStatus.failed.value:
        return (f"{what} kunde inte e-postas till {row.recipient_email}: en administratör kan skicka {it_of(neuter)} "
                "igen från utkorgen.")
    return f"{what} e-postades inte: meddelandet stoppades i utkorgen."


def waiting_words(session: Session, remiss_id: int) -> str:
    """What the page says of the newest expediering mail still waiting in the Utkorg; "" when none waits."""
    rows = mails_of(session, remiss_id)  # the yttrande's first, then each rättelse's
    for n, row in reversed(list(enumerate(rows))):
        if row.status in WAITING:
            return words(row, "Rättelsen" if n else "Yttrandet", neuter=not n, down=down_since(session))
    return ""


def _what(n: int) -> tuple[str, bool]:
    """The first mail is the yttrande's, each later one a rättelse's: its word and whether it is an ett-ord."""
    return ("Rättelsen", False) if n else ("Yttrandet", True)


def history_of(session: Session, remiss_id: int) -> tuple[dict[datetime, str], list[MailEvent]]:
    """The history's words for each mail event, by its moment (the row is queued in the same moment it is logged),
    and a line for each mail the sweep sent, at the moment it was sent (walk22 L7): the rows read once."""
    labels, sent = {}, []
    for n, row in enumerate(mails_of(session, remiss_id)):
        what, neuter = _what(n)
        labels[row.created_at] = HISTORY_LABELS.get(row.status, QUEUED).format(
            what=what, **{key: agreeing(word, neuter) for key, word in
                          (("lagd", "lagd"), ("stoppad", "stoppad"), ("e_postad", "e-postad"))})
        if row.status == OutboxStatus.sent.value and row.sent_at is not None:
            sent.append(MailEvent(at=row.sent_at, action=SENT_ACTIONS[1 if n else 0],
                                  note=f"{what} e-postades till {row.recipient_email}."))
    return labels, sent


_SENT = OutboxStatus.sent.value
_OTHER = OutboxMessage.__table__.alias("sent_row")
# remisser whose yttrande mail never left: queued, failed or stopped, and no row of theirs sent (a rättelse's mail
# follows a sent yttrande). Few rows: the sweep sends within minutes.
_UNSENT = (select(_O.remiss_id).where(_O.kind == KIND, _O.status != _SENT, ~exists().where(
    _OTHER.c.remiss_id == _O.remiss_id, _OTHER.c.kind == KIND, _OTHER.c.status == _SENT)).distinct())


_R = Remiss.__table__.c
_D = YttrandeDraft.__table__.c
# remisser expedierade without a svarsadress whose sending nobody has registered yet (drafting.sent_by_hand.pending):
# they stay "beslutad" until then, and say "Expedierad, inte skickad" as the e-mail case does (walk25b Z5), also
# when a svarsadress is added afterwards (walk26b X10: expediering with one makes the remiss besvarad at once)
_BY_HAND = (select(_R.id).join(YttrandeDraft.__table__, _D.remiss_id == _R.id)
            .where(_R.status == "beslutad", _D.state == "expedierad", _D.rattelse == 0))


# every remiss unsent names, as a condition of a list query: the filter "Expedierade, inte skickade", and what
# status=beslutad, status=besvarad and "Besvarade för sent" leave out (remisser.queries, walk25b Z5)
UNSENT_IDS = union(_UNSENT, _BY_HAND)


def unsent(session: Session) -> set[int]:
    """The remisser whose expedierat yttrande has not left the house: in the Utkorg (or stopped there) and not yet
    e-mailed, or without a svarsadress and not registered as skickat. Their status word is "Expedierad, inte
    skickad", never "Besvarad" nor "Beslutad" (remisser.status.status_label, walk25 Y9, walk25b Z5)."""
    return {row[0] for row in session.connection().execute(UNSENT_IDS)}


_G = GeneratedDocument.__table__.c
# the moment a remiss's yttrande was expedierat without being e-mailed (its frozen documents made), read whatever the
# remiss's status in the database: Remiss.answered_late's hook reads it while the status it writes is not stored yet
_EXPEDIERAT_AT = (select(func.min(_G.created_at)).join(YttrandeDraft.__table__, _D.remiss_id == _G.remiss_id)
                  .where(_G.remiss_id == bindparam("remiss_id"), _G.frozen, _D.state == "expedierad",
                         _D.rattelse == 0))


def expedierat_unsent_at(connection, remiss_id: int) -> datetime | None:
    """When the remiss's yttrande was expedierat, for a remiss whose sending is not registered (the caller knows it
    is beslutad: _BY_HAND); None when no yttrande of it is expedierat."""
    return connection.execute(_EXPEDIERAT_AT, {"remiss_id": remiss_id}).scalar()


def not_sent_yet(session: Session, remiss) -> bool:
    """Whether a remiss's expedierat yttrande has not left the house (unsent): the one remiss's unsent, for its page,
    its tidplan and its API detail (walk25 Y9, walk25b Z5)."""
    if remiss.status == "beslutad":
        return remiss.id in {row[0] for row in session.connection().execute(_BY_HAND.where(_R.id == remiss.id))}
    return remiss.status == "besvarad" and mail_facts(session, remiss.id)[0] not in (None, "sent")


def mail_facts(session: Session, remiss_id: int) -> tuple[str | None, datetime | None]:
    """The state of the yttrande's own mail (the first; rättelser follow) for the API: "waiting", "sent", "failed",
    "stopped" or None when none was queued, and when it was e-mailed."""
    rows = mails_of(session, remiss_id)
    if not rows:
        return None, None
    return state_of(rows[0]), rows[0].sent_at if rows[0].status == _SENT else None


def state_of(row) -> str:
    """An outbox row's state in the API's words: "waiting", "sent", "failed" or "stopped"."""
    return ("waiting" if row.status in WAITING else "sent" if row.status == _SENT
            else "failed" if row.status == OutboxStatus.failed.value else "stopped")
