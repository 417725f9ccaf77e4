"""Förlängd remisstid: request, decide, and the remittent's general notice as one action."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlmodel import Session, select

from remiss import events
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.calendar.swedish import format_date, format_deadline, format_weekday_date
from remiss.clock import local_today
from remiss.planning.models import Extension
from remiss.remisser import attachments
from remiss.remisser.finished import require_open
from remiss.remisser.input import InputErrors, too_long
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus
from remiss.remisser.service import deadline_moment, refresh_deadline

# "superseded": a pending request that a general extension from the remittent reached or passed before any
# answer came; it was neither granted nor denied, and the remittent's answer is no longer awaited.
# a request another granted request (the same mail registered twice, a later one) reached: closed too (walk19 G4);
# stored as "superseded", its history says "superseded_by_grant"
BY_GRANT = "Ersatt av beviljad förlängning"
DECISIONS = {"pending": "Väntar på besked", "granted": "Beviljad", "denied": "Avslagen",
             "superseded": "Ersatt av allmän förlängning", "superseded_by_grant": BY_GRANT}


def reached(remiss: Remiss, e) -> bool:
    """Whether a pending request asks for no more than the sista svarsdag in force already gives (a förlängning
    granted on another request reached it): no besked is awaited, it is shown superseded (walk19 G4)."""
    return (e.decision == "pending" and not e.is_general and e.requested_until_on is not None
            and remiss.effective_deadline_on is not None
            and deadline_moment(e.requested_until_on, e.requested_until_time)
            <= deadline_moment(remiss.effective_deadline_on, remiss.effective_deadline_time))


def covers(grant, request) -> bool:
    """Whether a granted förlängning (general or on a request) reaches a request: it asks for no later moment, so
    it can no longer be granted and is stored "superseded" (walk19 G4; migration z001 repairs older rows by it)."""
    return (request.requested_until_on is not None and grant.granted_until_on is not None
            and deadline_moment(request.requested_until_on, request.requested_until_time)
            <= deadline_moment(grant.granted_until_on, grant.granted_until_time))


def decision_of(remiss: Remiss, e) -> str:
    """The decision to show: "superseded" for a request reached."""
    return "superseded" if reached(remiss, e) else e.decision


def decision_label(remiss: Remiss, e, others) -> str:
    """The Besked column: a superseded request says whether a general förlängning or a granted one replaced it."""
    decision = decision_of(remiss, e)
    if decision == "pending" and RemissStatus(remiss.status).is_closed:  # nothing is awaited any more (walk19 G4)
        noun = noun_of(remiss.kind)
        # a besvarad remiss is answered, not "avslutad" (words23 #1)
        closed = "besvarad" if remiss.status == RemissStatus.besvarad else "avslutad"
        return f"Inget besked: {noun.the} är {noun.done(closed)}"
    if decision != "superseded":
        return DECISIONS.get(decision, decision)
    asked = deadline_moment(e.requested_until_on, e.requested_until_time)
    return DECISIONS["superseded"] if any(
        g.is_general and g.granted_until_on is not None
        and deadline_moment(g.granted_until_on, g.granted_until_time) >= asked for g in others) else BY_GRANT


@dataclass(frozen=True)
class Evidence:
    """What proves the request or decision: pasted e-mail text and/or an uploaded file."""

    text: str = ""
    filename: str = ""
    data: bytes = b""
    files_dir: str = ""
    max_bytes: int = 0


def _moment(day: date, at: time | None) -> str:
    """"2027-03-05 15:00" (or the date alone): the history says the time granted, as "Gällande svarsdag" does (F6)."""
    return f"{day.isoformat()} {at:%H:%M}" if at else day.isoformat()


def not_beyond_in_force(remiss: Remiss, until_on: date, until_time: time | None) -> str | None:
    """The Swedish refusal when a new last moment does not go past the deadline in force, else None.

    An extension extends: one to the deadline in force or earlier would shorten it, or be recorded as granted with
    no effect. A remittent who really moves the date earlier changes the deadline, which is no extension."""
    day, at = remiss.effective_deadline_on, remiss.effective_deadline_time
    if day is None or deadline_moment(until_on, until_time) > deadline_moment(day, at):
        return None
    whole_day = "" if at is not None else " (hela dagen)"  # a date-only deadline already runs to midnight
    in_force = format_deadline(day, at)
    # what the shorter date does to the plan, said plainly (words23 #2): nothing, until the deadline itself moves
    said = (f"Förlängningen måste gå längre än nuvarande sista svarsdag, {in_force}{whole_day}. Inget "
            f"registrerades: tidplanen och påminnelserna räknas fortfarande från {in_force}.")
    if (day, at) != (remiss.deadline_on, remiss.deadline_time):  # a förlängning decides it: editing won't move it
        return (f"{said} Den dagen gäller efter en beviljad förlängning, och en kortare svarstid kan inte "
                "registreras som förlängning.")
    return (f"{said} Har remittenten flyttat sista svarsdagen tidigare är det ingen förlängning: ändra sista "
            "svarsdagen under Ändra uppgifter, så räknas tidplanen och påminnelserna om från den nya dagen.")




def nothing_to_extend(remiss: Remiss) -> str | None:
    """The Swedish refusal when the remiss has no sista svarsdag in force, else None: a förlängning (a request, its
    grant or the remittent's general notice) extends a deadline, and "förlängd från Ingen sista svarsdag" is none
    (walk18 F6). The remittent's first day is set under Ändra uppgifter."""
    if remiss.effective_deadline_on is not None:
        return None
    # "Ärendet har ingen …" for a medborgarförslag (kind_words, walk18 F7), on its page and in the API
    return (f"{noun_of(remiss.kind).The} har ingen sista svarsdag att förlänga – ange sista svarsdagen under Ändra "
            "uppgifter.")


# field: (the refusal of a day after today, the start of the one for a day before an earlier event)
_DAY_WORDS = {
    "requested_on": ("Förlängningen kan inte ha begärts i framtiden. Ange dagen då den begärdes",
                     "Förlängningen kan inte ha begärts"),
    "decided_on": ("Beskedet kan inte ha kommit i framtiden. Ange dagen då beskedet kom",
                   "Beskedet kan inte ha kommit"),
    "notice_on": ("Meddelandet kan inte vara daterat i framtiden. Ange meddelandets datum",
                  "Meddelandet kan inte vara daterat"),
    # a samråd on the yttrande (drafting.consultations): held, not planned (walk18 F17), not before inkom (walk20 H4)
    "consulted_on": ("Samrådet kan inte ha hållits i framtiden. Ange dagen då samrådet hölls",
                     "Samrådet kan inte ha hållits"),
}


def day_refusal(field: str, day: date | None, today: date,
                earlier: tuple[tuple[date | None, str], ...] = ()) -> str | None:
    """The Swedish refusal of the day a request was made, a besked came or a notice was dated when it lies after
    today or before an earlier event (earlier: (its day, "remissen kom in")), else None. A besked not yet received
    cannot have moved the deadline (walk18 F3), as a beslut or an answer cannot be registered ahead of time."""
    if day is None:
        return None
    future, before = _DAY_WORDS[field]
    if day > today:
        return f"{future} (senast i dag, {format_date(today)})."
    for since, what in earlier:
        if since is not None and day < since:
            return f"{before} {format_date(day)}, före {what} {format_date(since)}. Kontrollera datumet."
    return None


EVIDENCE_LIMIT = 50_000  # the pasted mail or letter (forms.LIMITS["evidence_text"])


def _check_text(errors: dict, field: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        errors[field] = too_long(limit, len(value))  # "Högst 200 tecken (texten har 212)." as elsewhere
    return value


def _store_evidence(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                    extension: Extension, evidence: Evidence) -> None:
    if evidence.text:
        extension.evidence_text = (extension.evidence_text + "\n\n" + evidence.text).strip()
    if evidence.data and evidence.filename:
        stored = attachments.add(session, now=now, principal=principal, remiss=remiss, filename=evidence.filename,
                                 data=evidence.data, files_dir=evidence.files_dir, max_bytes=evidence.max_bytes,
                                 purpose="bevis")
        extension.evidence_attachment_id = stored.id
    session.add(extension)


def request_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                      requested_by: str, until_on: date | None, until_time: time | None = None,
                      reason: str = "", requested_on: date | None = None,
                      evidence: Evidence = Evidence()) -> Extension:
    """Record that someone asked the remittent for more time until a date."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss)
    errors = request_errors(session, remiss, today=local_today(now), requested_by=requested_by, until_on=until_on,
                            until_time=until_time, reason=reason, requested_on=requested_on,
                            evidence_text=evidence.text)
    if errors:
        raise InputErrors(errors)
    requested_by, reason = requested_by.strip(), (reason or "").strip()
    extension = Extension(remiss_id=remiss.id, requested_by=requested_by,
                          requested_on=requested_on or local_today(now), requested_until_on=until_on,
                          requested_until_time=until_time, reason=reason, decision="pending",
                          created_by_id=principal.user_id, created_at=now)
    session.add(extension)
    session.flush()
    remiss.updated_at = now  # its extensions are part of the remiss the API shows
    _store_evidence(session, now=now, principal=principal, remiss=remiss, extension=extension, evidence=evidence)
    audit.record(session, now=now, user_id=principal.user_id, entity="extension", entity_id=extension.id,
                 remiss_id=remiss.id, action="extension",
                 changes={"requested_until": [None, until_on.isoformat()]},
                 note=f"Förlängning begärd av {requested_by}" + (f": {reason}" if reason else ""))
    return extension


def request_errors(session: Session, remiss: Remiss, *, today: date, requested_by: str | None, until_on: date | None,
                   until_time: time | None, reason: str | None, requested_on: date | None, evidence_text: str = "",
                   missing_day: bool = True) -> dict[str, str]:
    """Every refusal of a request for förlängning, by field: request_extension's checks, which the form also runs
    on what it could read when other fields could not be read, so that all errors come in one round (session 25,
    as notice_errors). A value that could not be read is None here; missing_day=False: the day was typed but
    unreadable (its own message stands)."""
    errors: dict[str, str] = {}
    requested_by = _check_text(errors, "requested_by", requested_by, 200)
    _check_text(errors, "reason", reason, 5000)
    if not requested_by:
        errors["requested_by"] = "Ange vem som begärde förlängningen."
    if until_on is None:
        if missing_day:
            errors["until_on"] = "Ange vilket datum förlängningen gäller."
    elif refusal := nothing_to_extend(remiss) or not_beyond_in_force(remiss, until_on, until_time):
        errors["until_on"] = refusal
    elif twin := _waiting_for(session, remiss, until_on, until_time):  # the same mail registered twice (walk19 G4)
        asked = format_weekday_date(until_on) + (f" kl. {until_time:%H.%M}" if until_time else "")
        errors["until_on"] = (f"En begäran om förlängning till {asked} finns redan "
                              f"(begärd av {twin.requested_by}) och väntar på besked. Registrera beskedet på den.")
    if len(evidence_text or "") > EVIDENCE_LIMIT:
        errors["evidence_text"] = too_long(EVIDENCE_LIMIT, len(evidence_text))
    # as for an answer (walk10); not before the remiss came in, as the besked and the notice (walk19 G5)
    came_in = ((remiss.received_on, f"{noun_of(remiss.kind).the} kom in"),)
    if refusal := day_refusal("requested_on", requested_on, today, came_in):
        errors["requested_on"] = refusal
    return errors


def _waiting_for(session: Session, remiss: Remiss, until_on: date, until_time: time | None) -> Extension | None:
    """The request to the same moment already waiting for its besked, if any."""
    return next((e for e in extensions_of(session, remiss.id) if decision_of(remiss, e) == "pending"
                 and e.requested_until_on == until_on and e.requested_until_time == until_time), None)


def decide_extension(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                     extension_id: int, granted: bool, until_on: date | None = None,
                     until_time: time | None = None, decided_on: date | None = None,
                     evidence: Evidence = Evidence()) -> Extension:
    """Record the remittent's answer; a grant moves the deadline in force."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss)
    extension = session.get(Extension, extension_id)
    if extension is None or extension.remiss_id != remiss.id:
        raise InputErrors({"extension_id": f"Förlängningen finns inte på {noun_of(remiss.kind).it} här "
                                           f"{noun_of(remiss.kind).the}."})
    if decision_of(remiss, extension) == "superseded":
        raise InputErrors({"decision": "Begäran behöver inget besked: en förlängning som remittenten redan gett "
                                       "gick lika långt eller längre."})
    if extension.decision != "pending":
        raise InputErrors({"decision": "Förlängningen har redan fått besked."})
    if granted:
        until_on = until_on or extension.requested_until_on
        if until_on is None:
            raise InputErrors({"granted_until_on": "Ange vilket datum som beviljades."})
        if until_time is None and until_on == extension.requested_until_on:
            until_time = extension.requested_until_time
        if refusal := nothing_to_extend(remiss) or not_beyond_in_force(remiss, until_on, until_time):
            raise InputErrors({"granted_until_on": refusal})
    if refusal := day_refusal("decided_on", decided_on, local_today(now),
                              ((remiss.received_on, f"{noun_of(remiss.kind).the} kom in"),
                               (extension.requested_on, "förlängningen begärdes"))):
        raise InputErrors({"decided_on": refusal})
    if len(evidence.text) > EVIDENCE_LIMIT:
        raise InputErrors({"evidence_text": too_long(EVIDENCE_LIMIT, len(evidence.text))})
    extension.decision = "granted" if granted else "denied"
    extension.granted_until_on = until_on if granted else None
    extension.granted_until_time = until_time if granted else None
    extension.decided_on = decided_on or local_today(now)
    session.add(extension)
    remiss.updated_at = now  # its extensions are part of the remiss the API shows
    _store_evidence(session, now=now, principal=principal, remiss=remiss, extension=extension, evidence=evidence)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="extension", entity_id=extension.id,
                 remiss_id=remiss.id, action="extension",
                 changes={"decision": ["pending", extension.decision],
                          "granted_until": [None, _moment(until_on, until_time) if granted else None]},
                 note=DECISIONS[extension.decision])
    if granted:  # another request this grant reaches waits for nothing (walk19 G4)
        _supersede_covered_requests(session, now=now, principal=principal, remiss=remiss, general=extension)
    refresh_deadline(session, now=now, remiss=remiss, actor_id=principal.user_id)
    events.extension_decided.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                  extension=extension)
    return extension


def general_notice(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, sender: str,
                   until_on: date | None, until_time: time | None = None, notice_on: date | None = None,
                   evidence: Evidence = Evidence(), notice_read: bool = False) -> Extension:
    """Record the remittent's notice to everyone that remisstiden is extended: request and grant in one.

    A typed notice_on is refused after today or before the remiss came in (walk18 F3); notice_read: the day was read
    from the merged mail or letter (the Inkorg), a fact the sekreterare cannot correct there, so it is kept."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss)
    errors = notice_errors(remiss, today=local_today(now), sender=sender, until_on=until_on, until_time=until_time,
                           notice_on=notice_on, evidence_text=evidence.text, notice_read=notice_read)
    if errors:
        raise InputErrors(errors)
    sender = (sender or "").strip() or remiss.remittent or "Remittenten"
    day = notice_on or local_today(now)
    extension = Extension(remiss_id=remiss.id, is_general=True, requested_by=sender, requested_on=day,
                          requested_until_on=until_on, requested_until_time=until_time,
                          reason=f"Allmän förlängning av {noun_of(remiss.kind).time} från remittenten",
                          decision="granted",
                          granted_until_on=until_on, granted_until_time=until_time, decided_on=day,
                          created_by_id=principal.user_id, created_at=now)
    session.add(extension)
    session.flush()
    remiss.updated_at = now  # its extensions are part of the remiss the API shows
    _store_evidence(session, now=now, principal=principal, remiss=remiss, extension=extension, evidence=evidence)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="extension", entity_id=extension.id,
                 remiss_id=remiss.id, action="extension",
                 changes={"decision": [None, "granted"], "granted_until": [None, _moment(until_on, until_time)]},
                 note=f"Allmän förlängning av {noun_of(remiss.kind).time} från {sender}")
    _supersede_covered_requests(session, now=now, principal=principal, remiss=remiss, general=extension)
    refresh_deadline(session, now=now, remiss=remiss, actor_id=principal.user_id)
    events.extension_decided.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                  extension=extension)
    return extension


def notice_errors(remiss: Remiss, *, today: date, sender: str, until_on: date | None, until_time: time | None,
                  notice_on: date | None, evidence_text: str = "", notice_read: bool = False,
                  missing_day: bool = True) -> dict[str, str]:
    """Every refusal of a general notice, by field: general_notice's checks, which the form also runs on what it
    could read when other fields could not be read, so that all errors come in one round (walk24 V2). A value that
    could not be read is None here; missing_day=False: the day was typed but unreadable (its own message stands)."""
    errors: dict[str, str] = {}
    _check_text(errors, "sender", sender, 200)
    if until_on is None:
        if missing_day:
            errors["until_on"] = f"Ange vilket datum {noun_of(remiss.kind).time} förlängs till."
    elif refusal := nothing_to_extend(remiss) or not_beyond_in_force(remiss, until_on, until_time):
        errors["until_on"] = refusal  # an unreadable time is None, the whole day: refused with it, refused with any
    if len(evidence_text) > EVIDENCE_LIMIT:
        errors["evidence_text"] = too_long(EVIDENCE_LIMIT, len(evidence_text))
    if not notice_read and (refusal := day_refusal("notice_on", notice_on, today,
                                                   ((remiss.received_on, f"{noun_of(remiss.kind).the} kom in"),))):
        errors["notice_on"] = refusal
    return errors


def _supersede_covered_requests(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                                general: Extension) -> None:
    """Close the pending requests that the general extension (or a request granted, walk19 G4) reaches: they can no
    longer be granted (an extension must extend) and were not denied. A request for a later day stays pending."""
    pending = session.exec(select(Extension).where(Extension.remiss_id == remiss.id, Extension.decision == "pending",
                                                   Extension.sandlista_entry_id.is_(None)))
    for request in pending:
        if not covers(general, request):
            continue
        request.decision, request.decided_on = "superseded", general.decided_on
        session.add(request)
        audit.record(session, now=now, user_id=principal.user_id, entity="extension", entity_id=request.id,
                     remiss_id=remiss.id, action="extension",
                     changes={"decision": ["pending", "superseded" if general.is_general else "superseded_by_grant"]},
                     note=DECISIONS["superseded"] if general.is_general else BY_GRANT)
    session.flush()


def extensions_of(session: Session, remiss_id: int) -> list[Extension]:
    """Return the remiss-wide extensions, oldest first."""
    return list(session.exec(select(Extension).where(Extension.remiss_id == remiss_id,
                                                     Extension.sandlista_entry_id.is_(None))
                             .order_by(Extension.created_at, Extension.id)))
