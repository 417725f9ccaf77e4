"""The nämnd's beslut on the yttrande and the justering of its protokoll: record and correct them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from remiss import events, one_round
from remiss.audit import service as audit
from remiss.auth.access import Principal, require_act
from remiss.calendar.swedish import format_date, format_weekday_date
from remiss.clock import local, local_today
from remiss.documents.fields import svenskt_datum
from remiss.drafting import decision_base
from remiss.drafting.models import Decision, DecidedBy, DraftState
from remiss.drafting.drafts import DraftError, find_decision, find_draft, require_open
from remiss.drafting.forms import DELEGAT_MISSING
from remiss.drafting.paragraf import normal_paragraf, paragraf_problem
from remiss.drafting.rattelse import rattelse_name
from remiss.drafting.versions import catch_up, move_remiss
from remiss.namnd.models import Meeting, Namnd
from remiss.planning import approval
from remiss.planning.models import Milestone
from remiss.remisser import attachments
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of
from remiss.remisser.models import Remiss
from remiss.remisser.status import RemissStatus

@dataclass(frozen=True)
class Upload:
    """A file sent with a form or request (the protokollsutdrag), with the limits it is stored under."""

    filename: str
    data: bytes
    files_dir: str
    max_bytes: int


def _check_justering(errors: dict, meeting_on: date | None, justerad_on: date | None, today: date) -> None:
    if justerad_on is None:
        return
    if meeting_on is not None and justerad_on < meeting_on:
        errors["justerad_on"] = "Protokollet kan inte ha justerats före sammanträdet."
    elif justerad_on > today:
        errors["justerad_on"] = "Justeringen registreras när protokollet har justerats; datumet ligger i framtiden."


# The meeting kind of the sammanträdesplan a beslut by the nämnd or its arbetsutskott is taken at.
_MEETING_KIND = {DecidedBy.namnd: "namnd", DecidedBy.arbetsutskott: "au"}


def meeting_mismatch(session: Session, remiss: Remiss, decided_by: DecidedBy, day: date) -> str:
    """Why day looks wrong for a beslut by the nämnd or its arbetsutskott: the sammanträdesplan has meetings of
    that kind, none of them that day ("" when one is, or when the plan has none to compare with)."""
    kind = _MEETING_KIND.get(decided_by)
    if kind is None:
        return ""
    days = sorted({local(m).date() for m in session.exec(
        select(Meeting.starts_at).where(Meeting.namnd_id == remiss.namnd_id, Meeting.kind == kind))})
    if not days or day in days:
        return ""
    namnd = session.get(Namnd, remiss.namnd_id)
    who = (namnd.name if namnd else "Nämnden") if kind == "namnd" else "Arbetsutskottet"
    before = [d for d in days if d < day][-1:]
    after = [d for d in days if d > day][:1]
    near = " och ".join(format_weekday_date(d) for d in before + after)
    # the tidplan follows the beslut: an arbetsutskott planned after it leaves the tidplan, and that is said here
    au = session.exec(select(Milestone.due_on).where(Milestone.remiss_id == remiss.id,
                                                    Milestone.kind == "arbetsutskott")).first()
    dropped = (f" Arbetsutskottet som är planerat {format_weekday_date(au)} tas då bort ur tidplanen."
               if decided_by == DecidedBy.namnd and au is not None and au >= day else "")
    return (f"{who} har inget sammanträde {format_weekday_date(day)} i sammanträdesplanen (närmast: {near}). "
            "Rätta datumet, registrera beslutet som delegationsbeslut, eller kryssa i att beslutet fattades den "
            f"dagen (t.ex. vid ett extra sammanträde).{dropped}")


def _announce(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, decision: Decision,
              first: bool, was_justerad: bool) -> None:
    events.decision_recorded.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                  decision=decision, first=first)
    if decision.needs_justering and decision.justerad_by(local_today(now)) and not was_justerad:
        events.justering_recorded.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                       decision=decision)


def record_decision(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, decided_by: str,
                    meeting_on: date | None, paragraf: str = "", delegat: str = "",
                    omedelbar_justering: bool = False, justerad_on: date | None = None,
                    protokollsutdrag: Upload | None = None, confirm_meeting: bool = False,
                    confirm_before_approval: bool = False, base: str | None = None,
                    unread: dict[str, str] | None = None, lone_delegat_refused: bool = False) -> Decision:
    """Record (or correct) the beslut on the godkänt yttrande; the remiss becomes beslutad. A beslut of the nämnd
    or its arbetsutskott on a day without such a meeting in the sammanträdesplan is refused with a warning until
    confirm_meeting says it was taken that day (an extra sammanträde); a beslut dated before the yttrande was
    approved, until confirm_before_approval says so (a typo for the planned meeting is the likelier story). A form
    opened on base before the beslut was registered or changed is refused, naming it (drafting.decision_base).
    unread: the parser's messages for the fields it could not read (given as None), refused with the rest.
    lone_delegat_refused: a delegat named on a beslut of the nämnd or its arbetsutskott is refused (the form: a
    delegationsbeslut whose Beslutat av was left at Nämnden), not dropped as the API has always done."""
    require_act(principal, "beslut", remiss.namnd_id)
    draft = find_draft(session, remiss.id)
    require_open(remiss, draft)
    if draft is None or draft.state != DraftState.godkand:
        raise DraftError("Beslutet kan registreras först när yttrandet är godkänt"
                         + (" och innan det har expedierats." if draft is not None and draft.state == DraftState.expedierad
                            else "."))
    today = local_today(now)
    recorded = find_decision(session, remiss.id)
    errors: dict[str, str] = {}
    if stale := decision_base.stale_refusal(session, remiss, recorded, base, "beslut"):
        errors[decision_base.BASE] = stale
    try:
        decided_by = DecidedBy(decided_by)
    except ValueError:
        errors["decided_by"] = "Välj vem som beslutade: nämnden, arbetsutskottet eller en delegat."
    delegat = " ".join((delegat or "").split())
    paragraf = normal_paragraf(paragraf)
    if decided_by == DecidedBy.delegat:
        if not delegat:
            errors["delegat"] = DELEGAT_MISSING
        # a delegationsbeslut has no sammanträde and no protokoll to justera: what the form held for one is moot
        omedelbar_justering, justerad_on = False, None
    elif delegat and lone_delegat_refused and "decided_by" not in errors and not (
            recorded is not None and recorded.decided_by == DecidedBy.delegat and recorded.delegat == delegat):
        # the name the form filled in from the recorded delegationsbeslut is no slip: Ändra beslutet to the nämnd's
        errors["delegat"] = ("Ange delegat bara för ett delegationsbeslut: välj ”Delegat” under Beslutat av, eller "
                             f"töm fältet om {decided_by.label.lower()} beslutade.")
    if len(delegat) > 200:
        errors["delegat"] = "Skriv högst 200 tecken."
    if "decided_by" not in errors and (problem := paragraf_problem(paragraf, decided_by)):
        errors["paragraf"] = problem
    # the beslut is corrected (e.g. its paragraf) with the date and organ it was recorded with: what was confirmed
    # about that day then (an extra sammanträde, a beslut before the approval) stays confirmed (walk19 G9)
    kept = (recorded is not None and recorded.meeting_on == meeting_on
            and recorded.decided_by == getattr(decided_by, "value", decided_by))
    if meeting_on is None:
        errors["meeting_on"] = "Ange datum för sammanträdet (eller delegationsbeslutet)."
    elif meeting_on > today:
        errors["meeting_on"] = "Beslutet registreras efter sammanträdet; datumet ligger i framtiden."
    elif remiss.received_on is not None and meeting_on < remiss.received_on:  # truth17 F11
        errors["meeting_on"] = (f"Beslutet kan inte vara fattat {format_date(meeting_on)}, före "
                                f"{noun_of(remiss.kind).the} kom in "
                                f"{format_date(remiss.received_on)}. Kontrollera datumet.")
    elif decided_by in _MEETING_KIND and not confirm_meeting and "decided_by" not in errors and not kept:
        mismatch = meeting_mismatch(session, remiss, decided_by, meeting_on)
        if mismatch:
            errors["confirm_meeting"] = mismatch
    if meeting_on is not None and not confirm_before_approval and "meeting_on" not in errors and not kept:
        early = approval.early_beslut(approval.approved_on(session, draft.id), meeting_on, session.exec(
            select(Milestone.due_on).where(Milestone.remiss_id == remiss.id, Milestone.kind == "namnd")).first())
        if early:
            errors["confirm_before_approval"] = early
    if omedelbar_justering and justerad_on is not None:
        errors["justerad_on"] = ("Kryssa antingen i ”Paragrafen justerades omedelbart” eller ange dagen protokollet "
                                 "justerades, inte båda: ta bort krysset eller datumet.")
    _check_justering(errors, meeting_on, justerad_on, today)
    if errors := one_round.collect(unread, errors):
        raise InputErrors(errors)
    # a rättelse is decided while the remiss stays besvarad (drafting.rattelse.start_rattelse)
    decidable = (RemissStatus.besvarad,) if draft.rattelse else (RemissStatus.klar_for_beslut, RemissStatus.beslutad)
    if not draft.rattelse and remiss.status == RemissStatus.registrerad and remiss.handlaggare_id is None:
        raise DraftError(f"{noun_of(remiss.kind).The} har ingen handläggare. Välj en handläggare under ”Tilldela "
                         "handläggare” först; sedan kan beslutet registreras på det godkända yttrandet.")
    if not draft.rattelse:  # approved before the remiss was assigned: it is ready for beslut all the same
        catch_up(session, now=now, principal=principal, remiss=remiss, to=RemissStatus.klar_for_beslut,
                 note="Yttrandet godkänt")
    if remiss.status not in decidable:
        noun = noun_of(remiss.kind)  # "Ärendet … när det är klart för beslut" (kind_words, walk18 F7)
        raise DraftError(f"{noun.The} har status ”{RemissStatus(remiss.status).label}”; beslutet kan registreras "
                         f"när {noun.it} är {noun.done('klar')} för beslut.")
    decision = recorded
    first = decision is None
    was_justerad = decision is not None and decision.justerad_by(today)
    old = {} if first else {"decided_by": decision.decided_by, "meeting_on": decision.meeting_on.isoformat(),
                            "paragraf": decision.paragraf, "justering": _justering_text(decision)}
    if first:
        decision = Decision(remiss_id=remiss.id, rattelse=draft.rattelse, decided_by=decided_by.value,
                            meeting_on=meeting_on, recorded_by_id=principal.user_id, recorded_at=now, updated_at=now)
    decision.decided_by, decision.delegat = decided_by.value, delegat if decided_by == DecidedBy.delegat else ""
    decision.meeting_on, decision.paragraf = meeting_on, paragraf
    decision.omedelbar_justering, decision.justerad_on = omedelbar_justering, justerad_on
    decision.updated_at = now
    if protokollsutdrag is not None and protokollsutdrag.data:
        stored = attachments.add(session, now=now, principal=principal, remiss=remiss,
                                 filename=protokollsutdrag.filename, data=protokollsutdrag.data,
                                 files_dir=protokollsutdrag.files_dir, max_bytes=protokollsutdrag.max_bytes,
                                 purpose="protokollsutdrag")
        decision.protokollsutdrag_id = stored.id
    session.add(decision)
    session.flush()
    new = {"decided_by": decision.decided_by, "meeting_on": meeting_on.isoformat(), "paragraf": paragraf,
           "justering": _justering_text(decision)}
    audit.record(session, now=now, user_id=principal.user_id, entity="decision", entity_id=decision.id,
                 remiss_id=remiss.id, action="decision",
                 changes={k: [old.get(k), v] for k, v in new.items() if old.get(k) != v},
                 note=(f"Beslut om {rattelse_name(draft.rattelse)}: " if draft.rattelse else "")
                 + decision_reference(decision))
    if not draft.rattelse:
        move_remiss(session, now=now, principal=principal, remiss=remiss, new=RemissStatus.beslutad,
                     note=f"Beslutat {decision_reference(decision)}")
    _announce(session, now=now, principal=principal, remiss=remiss, decision=decision, first=first,
              was_justerad=was_justerad)
    return decision


def record_justering(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                     justerad_on: date | None, base: str | None = None,
                     unread: dict[str, str] | None = None) -> Decision:
    """Record the day the protokoll with the beslut was justerat; refused from a form opened on base before the
    beslut was changed or justerat (drafting.decision_base). unread: as record_decision's."""
    require_act(principal, "justering", remiss.namnd_id)
    draft = find_draft(session, remiss.id)
    require_open(remiss, draft)
    if draft is not None and draft.state == DraftState.expedierad:
        raise DraftError("Yttrandet är expedierat med den justering som gällde då, och den ändras inte i efterhand. "
                         "Är justeringsdagen fel i det skickade yttrandet: börja en rättelse (Skicka rättelse).")
    decision = find_decision(session, remiss.id)
    stale = decision_base.stale_refusal(session, remiss, decision, base, "justering")
    if decision is None:
        raise DraftError(stale or "Registrera beslutet innan justeringen.")
    today = local_today(now)
    if stale:  # before the refusals below: they may stem from the change the page did not show
        raise InputErrors(one_round.collect({decision_base.BASE: stale}, unread))  # a date not read: said too
    if not decision.needs_justering:
        raise DraftError("Ett delegationsbeslut justeras inte; yttrandet kan expedieras när beslutet är registrerat.")
    if decision.omedelbar_justering:
        raise DraftError("Paragrafen justerades omedelbart vid sammanträdet.")
    errors: dict[str, str] = {}
    if justerad_on is None:
        errors["justerad_on"] = "Ange datum då protokollet justerades."
    _check_justering(errors, decision.meeting_on, justerad_on, today)
    if errors := one_round.collect(unread, errors):
        raise InputErrors(errors)
    was_justerad = decision.justerad_by(today)
    old = decision.justerad_on
    decision.justerad_on, decision.updated_at = justerad_on, now
    session.add(decision)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="decision", entity_id=decision.id,
                 remiss_id=remiss.id, action="justering",
                 changes={"justerad_on": [old.isoformat() if old else None, justerad_on.isoformat()]},
                 note=f"Protokollet justerat den {svenskt_datum(justerad_on)}")
    if not was_justerad:
        events.justering_recorded.send(remiss, session=session, now=now, actor_id=principal.user_id,
                                       decision=decision)
    return decision


def _justering_text(decision: Decision) -> str:
    if not decision.needs_justering:
        return "justeras inte (delegationsbeslut)"
    if decision.omedelbar_justering:
        return "omedelbart justerad"
    return f"justerad {decision.justerad_on.isoformat()}" if decision.justerad_on else "ej justerad"


def decision_reference(decision: Decision) -> str:
    """'vid sammanträde 24 september 2015, § 142' or 'genom delegationsbeslut av Anna Svensson,
    stadsområdesdirektör, den 24 september 2015'."""
    if decision.decided_by == DecidedBy.delegat:
        text = f"genom delegationsbeslut av {apposition(decision.delegat)} den {svenskt_datum(decision.meeting_on)}"
    else:
        organ = " i arbetsutskottet" if decision.decided_by == DecidedBy.arbetsutskott else ""
        text = f"vid sammanträde{organ} {svenskt_datum(decision.meeting_on)}"
    return text + (f", {decision.paragraf}" if decision.paragraf else "")


def apposition(delegat: str) -> str:
    """'Anna Svensson, stadsområdesdirektör' -> 'Anna Svensson, stadsområdesdirektör,': a title after the name is
    set off by commas on both sides in the middle of a sentence."""
    return f"{delegat}," if "," in delegat else delegat


def delegat_signature(delegat: str) -> dict:
    """The delegat's signature: 'Anna Svensson, stadsområdesdirektör' -> roll 'Stadsområdesdirektör', namn 'Anna
    Svensson'; a name without a title signs as 'Delegat'."""
    name, _, title = delegat.partition(",")
    title = title.strip()
    return {"roll": (title[:1].upper() + title[1:]) if title else "Delegat", "namn": name.strip()}


def expediering_refusal(decision: Decision | None, today: date) -> str:
    """Why the yttrande may not be expedierat yet ("" when it may)."""
    if decision is None:
        return ("Yttrandet kan expedieras först när nämndens beslut är registrerat. Registrera beslutet "
                "(sammanträde, paragraf och justering, eller delegationsbeslutet) under Beslut.")
    if not decision.justerad_by(today):
        if decision.justerad_on is not None:
            return (f"Protokollet justeras den {svenskt_datum(decision.justerad_on)}; yttrandet kan expedieras "
                    "från den dagen.")
        return ("Protokollet med beslutet är inte justerat. Registrera justeringen (eller att paragrafen "
                "justerades omedelbart) innan yttrandet expedieras.")
    return ""
