"""A remiss without an answer e-mail: its expedierat yttrande is sent by post or another way, and the remiss is
besvarad only when someone records that (walk11 finding 10): until then it waits on the sekreterare's start page,
and nobody is told it is answered."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from sqlmodel import Session, select

from remiss import stale_form
from remiss.auth.access import Principal, require_act
from remiss.calendar.swedish import format_date
from remiss.clock import STOCKHOLM, local_today
from remiss.drafting.drafts import DraftError, find_draft
from remiss.drafting.mail_state import expedierat_unsent_at
from remiss.drafting.models import DraftState, GeneratedDocument
from remiss.remisser import service as remisser
from remiss.remisser.history import SENT_BY_HAND_NOTE
from remiss.remisser.input import InputErrors, parse_date
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus

# how it went, as the history and the page say it: "Yttrandet skickat per post den 7 december 2026"
WAYS = {"post": "per post", "bud": "med bud", "lamnat": "genom att lämnas över", "annat": "på annat sätt"}


# "Ändra status för hand" → Besvarad on an expedierat, unsent yttrande recorded no sending and said "Beslutad →
# Besvarad" (walk26b X19): the form that asks how and when it left does it
NOT_BY_HAND = ("Yttrandet är expedierat men inte skickat. Registrera hur och när det skickades under ”Skickat per "
               "post eller på annat sätt” i yttrandets del av sidan, så blir remissen besvarad.")
NOTHING_PENDING = "Det finns inget expedierat yttrande som väntar på att registreras som skickat."
SENT_NOTE = SENT_BY_HAND_NOTE  # how the history's line of a recorded sending begins (record_sent)


class AlreadyQueued(DraftError):
    """"Skicka yttrandet nu" pressed again: its mail is in the Utkorg already, nothing more is queued."""


class AlreadySent(DraftError):
    """"Registrera att yttrandet är skickat" pressed again after it was recorded (a double click, a second tab):
    nothing changes. str is the refusal the API has always given (409); said is the page's words for it, with what
    was recorded, by whom and when (remiss.stale_form)."""

    def __init__(self, said: str, by_other: bool = False):
        super().__init__(NOTHING_PENDING)
        self.said = said
        self.by_other = by_other  # recorded by someone else: the page answers 409 (stale_form.twice_status)


def _recorded(session: Session, principal: Principal, remiss: Remiss) -> AlreadySent | None:
    """When the remiss is besvarad because its yttrande was recorded as sent: the answer to recording it again."""
    if remiss.status != RemissStatus.besvarad:
        return None
    event = stale_form.last_change(session, remiss_id=remiss.id, entity="remiss", key="status")
    if event is None or not (event.note or "").startswith(SENT_NOTE):
        return None
    by = stale_form.event_by(session, event, principal.user_id)
    return AlreadySent(f"Yttrandet är redan registrerat som skickat{by}: {event.note.removeprefix(SENT_NOTE)}. "
                       "Inget mer behöver göras.", stale_form.by_other(event.user_id, principal.user_id))


def pending(remiss, draft_state: str | None, rattelse: int = 0) -> bool:
    """The yttrande is expedierat without e-mail (the remiss had no answer e-mail then) and nobody has recorded it as
    sent. An answer e-mail added since does not send it (walk26b X10): the remiss stays "Expedierad, inte skickad"
    until the sending is registered, as expediering with an address makes it besvarad at once."""
    return remiss.status == RemissStatus.beslutad and draft_state == DraftState.expedierad and not rattelse


def waits_to_be_sent(session: Session, remiss) -> bool:
    """pending, the draft read: the remiss is "Expedierad, inte skickad" until its sending is registered."""
    draft = find_draft(session, remiss.id)
    return draft is not None and pending(remiss, draft.state, draft.rattelse)


def expedierad_on(session: Session, remiss_id: int, version_id: int | None) -> date | None:
    """The day the yttrande (its frozen documents) was expedierat."""
    made = session.exec(select(GeneratedDocument.created_at).where(
        GeneratedDocument.remiss_id == remiss_id, GeneratedDocument.frozen,
        GeneratedDocument.draft_version_id == version_id).order_by(GeneratedDocument.id)).first()
    return local_today(made) if made else None


def record_sent(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, sent_on: str,
                way: str) -> Remiss:
    """Record that the expedierat yttrande was sent (way: a key of WAYS) on sent_on (a Swedish or ISO date, not in
    the future, not before the expediering): the remiss becomes besvarad, answered that day."""
    require_act(principal, "sent", remiss.namnd_id)
    draft = find_draft(session, remiss.id)
    if not pending(remiss, draft.state if draft else None, draft.rattelse if draft else 0):
        raise _recorded(session, principal, remiss) or DraftError(NOTHING_PENDING)
    errors = {}
    if way not in WAYS:
        errors["way"] = "Välj hur yttrandet skickades."
    day = None
    try:
        day = parse_date(sent_on.strip()) if sent_on.strip() else None
        if day is None:
            errors["sent_on"] = "Ange dagen yttrandet skickades, till exempel 2027-01-11 eller 11 januari 2027."
    except ValueError as exc:
        errors["sent_on"] = str(exc)
    today = local_today(now)
    if day is not None and day > today:
        errors["sent_on"] = "Dagen ligger i framtiden: registrera att yttrandet är skickat när det är gjort."
    first = expedierad_on(session, remiss.id, draft.frozen_version_id)
    if day is not None and first is not None and day < first:
        errors["sent_on"] = f"Yttrandet expedierades {format_date(first)}; det kan inte ha skickats före det."
    if errors:
        raise InputErrors(errors)
    expedierat = expedierat_unsent_at(session.connection(), remiss.id)
    remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.besvarad,
                           note=f"{SENT_NOTE}{WAYS[way]} den {format_date(day)}", by_verb=True)
    # answered the day it went: that day's moment (now, when it is today) measures "i tid"; never before the
    # expediering, so that one expedierad late is not "i tid" for being sent that day at a noon before it
    remiss.answered_at = now if day == today else datetime.combine(day, time(12), tzinfo=STOCKHOLM).astimezone(timezone.utc)
    if expedierat is not None and remiss.answered_at < expedierat:
        remiss.answered_at = expedierat
    session.add(remiss)
    session.flush()
    return remiss


def mail_question(remiss, draft_state: str | None, rattelse: int = 0) -> str:
    """"Yttrandet är expedierat men inte skickat. Skicka det nu till registrator@skane.example?" when a svarsadress
    was added after an expediering without one (walk26b X10): the remiss page offers to e-mail it; "" otherwise."""
    to = (remiss.answer_email or "").strip()
    if not to or not pending(remiss, draft_state, rattelse):
        return ""
    return f"Yttrandet är expedierat men inte skickat. Skicka det nu till {to}?"


def mail_now(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> str:
    """E-mail the expedierat, unsent yttrande to the svarsadress added since the expediering (walk26b X10): its
    frozen documents, as Expediera queues them (drafting.mailing), and the remiss is besvarad once it has left, as
    after an expediering with an address. Return the address. DraftError when nothing waits or there is no
    address."""
    from remiss.drafting.mailing import enqueue_yttrande, queued_for
    from remiss.drafting.models import DraftVersion
    from remiss.planning.service.milestones import EXPEDITED_NOTE
    from remiss.remisser.models import ArchivedDocument

    require_act(principal, "expediera", remiss.namnd_id)
    draft = find_draft(session, remiss.id)
    if not pending(remiss, draft.state if draft else None, draft.rattelse if draft else 0):
        version = session.get(DraftVersion, draft.frozen_version_id) if draft and draft.frozen_version_id else None
        if version is not None and (to := queued_for(session, remiss, version)[0]):  # a double click: done once
            raise AlreadyQueued(f"Yttrandet är redan lagt i utkorgen för e-post till {to}. Inget mer behöver "
                                "göras.")
        raise _recorded(session, principal, remiss) or DraftError(NOTHING_PENDING)
    if not (remiss.answer_email or "").strip():
        raise DraftError(f"{noun_of(remiss.kind).The} har ingen svarsadress. Lägg till den under Ändra uppgifter, "
                         "eller registrera hur yttrandet skickades under ”Skickat per post eller på annat sätt”.")
    version = session.get(DraftVersion, draft.frozen_version_id)
    document = session.exec(select(GeneratedDocument).where(
        GeneratedDocument.remiss_id == remiss.id, GeneratedDocument.frozen, GeneratedDocument.kind == "yttrande",
        GeneratedDocument.draft_version_id == version.id).order_by(GeneratedDocument.id)).first()
    pdf = session.exec(select(ArchivedDocument).where(  # the PDF archived at the expediering, sent as it is
        ArchivedDocument.remiss_id == remiss.id, ArchivedDocument.source_document_id == document.id)).first()
    to = enqueue_yttrande(session, now=now, actor_id=principal.user_id, remiss=remiss, version=version,
                          document=document, pdf=pdf)
    expedited = expedierad_on(session, remiss.id, version.id)
    # the expediering's note (milestones.expedited_now): "Expedierad, inte skickad än" until the sweep has sent it
    note = EXPEDITED_NOTE.format(number=version.number).replace(
        " och lagt i utkorgen", (f" {format_date(expedited)}" if expedited else "")
        + " och lagt i utkorgen när svarsadressen kom")
    remisser.change_status(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.besvarad,
                           note=note, by_verb=True)
    return to
