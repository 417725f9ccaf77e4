"""Makulera: undo a registration made by mistake, most often the same letter registered twice, from the Inkorg
(walk12 item 4) or by hand; offered on the handled Inkorg message's page and on the remiss page, both calling this. The remiss is kept, with its history and files, under the status Makulerad: closed (its reminders
and tidplan stop, remiss.events), off the start page and the diarium's and the API's lists unless Makulerad is
asked for (remiss.remisser.queries), and never proposed as a match for a new mail. Who may: the access rule of the
status move (remiss.auth.access.STATUS_ACTIONS / REOPEN_ACTIONS), the same for making and undoing it."""
from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session, select

from remiss import events, stale_form
from remiss.audit import service as audit
from remiss.audit.models import AuditEvent
from remiss.auth.access import Principal, may_move, require_status_move
from remiss.auth.models import User
from remiss.calendar.swedish import format_date_time, format_time
from remiss.clock import local
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.queries import possible_duplicates
from remiss.remisser.status import RemissStatus, TransitionError, check_transition

VOIDED = RemissStatus.makulerad


def no_reason(kind=None) -> str:
    """The message when no reason is given, in the words of the kind ("ärendet", kind_words, walk18 F7)."""
    return (f"Skriv varför {noun_of(kind).the} makuleras, t.ex. ”Samma brev registrerades två gånger; det gäller "
            "SOFÖ 2026/0008”.")


def no_confirm(kind=None) -> str:
    noun = noun_of(kind)
    return (f"Bekräfta att {noun.the} är {noun.done('registrerad')} av misstag: {noun.it} makuleras och visas inte "
            "längre i listorna eller på startsidan.")


NO_REASON, NO_CONFIRM = no_reason(), no_confirm()  # said of a remiss


class AlreadyVoided(Exception):
    """Makulera sent again (a double-click, the page sent twice): the remiss is makulerad already, nothing changes;
    the message (str) says so, not an error. by_other: makulerad by someone else (the page answers 409, as a stale
    form: remiss.stale_form.twice_status)."""

    def __init__(self, message: str, by_other: bool = False):
        super().__init__(message)
        self.by_other = by_other


def may_void(principal: Principal, remiss: Remiss) -> bool:
    """Whether the principal may makulera this remiss now (an incoming one not yet decided by the nämnd)."""
    try:
        check_transition(RemissStatus(remiss.status), VOIDED, remiss.direction)
    except TransitionError:
        return False
    return may_move(principal, remiss.namnd_id, remiss.status, VOIDED)


def suggested_reason(session: Session, principal: Principal, remiss: Remiss) -> str:
    """"Samma brev registrerades två gånger; det gäller SOFÖ 2026/0008" when another registered remiss has the
    same remittent's diarienummer or title; else empty."""
    others = [row for row in possible_duplicates(session, principal, sender_dnr=remiss.sender_dnr or "",
                                                 title=remiss.title) if row.id != remiss.id]
    if not others:
        return ""
    return f"Samma brev registrerades två gånger; det gäller {others[-1].our_dnr or others[-1].title}."


def makulera(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, reason: str,
             confirmed: bool | None = None) -> Remiss:
    """Makulera the remiss (registered by mistake), with the reason in its history. The remiss page asks for a
    confirmation too (confirmed not None: InputErrors under confirm without it); the Inkorg's page, where the
    registered message stands beside it, does not. AlreadyVoided when it is makulerad already."""
    session.refresh(remiss, with_for_update=True)  # two at once take turns: the second reads it makulerad
    # who may makulera first: one not allowed learns nothing from "redan makulerad" (makulerad → makulerad needs
    # the same action as makulera)
    require_status_move(principal, remiss.namnd_id, remiss.status, VOIDED, remiss.kind)
    if remiss.status == VOIDED.value:
        raise AlreadyVoided(f"{remiss.our_dnr or remiss.title} är redan makulerad"
                            f"{_by_whom(session, principal, remiss, now)}.",
                            stale_form.by_other(_voided_by(session, remiss), principal.user_id))
    reason = " ".join(reason.split())[:500]
    errors = {}
    if not reason:
        errors["reason"] = no_reason(remiss.kind)
    if confirmed is False:
        errors["confirm"] = no_confirm(remiss.kind)
    if errors:
        raise InputErrors(errors)
    old = RemissStatus(remiss.status)
    check_transition(old, VOIDED, remiss.direction)  # TransitionError: e.g. a beslutad or outgoing remiss
    remiss.status, remiss.updated_at = VOIDED.value, now
    session.add(remiss)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="remiss", entity_id=remiss.id,
                 remiss_id=remiss.id, action="makulera", changes={"status": [old.value, VOIDED.value]}, note=reason)
    # closed: reminders cancelled, the tidplan's work called off (the receivers of any closing status)
    events.status_changed.send(remiss, session=session, now=now, actor_id=principal.user_id, old=old, new=VOIDED)
    return remiss


def _voided_by(session: Session, remiss: Remiss) -> int | None:
    """The user who makulerade the remiss, as its history says (None when not known)."""
    return session.exec(select(AuditEvent.user_id).where(AuditEvent.remiss_id == remiss.id,
                                                         AuditEvent.action == "makulera")
                        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).first()


def _by_whom(session: Session, principal: Principal, remiss: Remiss, now: datetime) -> str:
    """" (av dig, kl. 01.23)": who makulerade it and when, as its history says (as Expediera sent twice says it,
    drafting.dispatch.AlreadyExpedierat); "" without that entry."""
    row = session.exec(select(AuditEvent.user_id, AuditEvent.at).where(
        AuditEvent.remiss_id == remiss.id, AuditEvent.action == "makulera")
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).first()
    if row is None:
        return ""
    user_id, at = row
    if user_id is not None and user_id == principal.user_id:
        who = "dig"
    else:
        user = session.get(User, user_id) if user_id is not None else None
        who = user.name if user is not None else "någon annan"
    moment = local(at)
    when = format_time(moment) if moment.date() == local(now).date() else format_date_time(moment)
    return f" (av {who}, {when})"


def status_before(session: Session, remiss: Remiss) -> RemissStatus:
    """The status to undo a makulering to: the one the remiss had when it was makulerad, as its history says
    (walk16 #3, truth16 F10: "Registrerad … Tilldela remissen en handläggare" beside the handläggare it has).
    Without that entry: Tilldelad when a handläggare is set, else Registrerad."""
    row = session.exec(select(AuditEvent.changes).where(AuditEvent.remiss_id == remiss.id,
                                                        AuditEvent.action == "makulera")
                       .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).first()
    try:
        before = RemissStatus(json.loads(row)["status"][0]) if row else None
    except (ValueError, KeyError, IndexError, TypeError):
        before = None
    if before is None or before == VOIDED or before.is_closed:
        before = RemissStatus.tilldelad if remiss.handlaggare_id else RemissStatus.registrerad
    if before != RemissStatus.registrerad and not remiss.handlaggare_id:
        return RemissStatus.registrerad  # the handläggare was taken away meanwhile: someone is to be assigned
    return before
