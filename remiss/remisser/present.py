"""Display-ready facts of the remiss page that depend on its direction."""
from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple

from remiss.calendar.swedish import count_words, format_date, format_deadline, format_weekday_date
from remiss.calendar.timeliness import has_passed, is_late, timeliness
from remiss.clock import local
from remiss.remisser.models import Direction
from remiss.remisser.status import RemissStatus


class OutgoingFacts(NamedTuple):
    """What an outgoing remiss shows where an incoming one shows Remittent and Inkom."""

    sent: str  # "3 december 2026", or that it is not sent yet
    svarstid: str  # "3 december 2026 – 15 januari 2027 kl. 12.00 (6 veckor)"
    answer_to: str  # the address the missiv and the mails give the instanser: its own, else the nämnd's
    answer_to_namnd: bool  # answer_to is the nämnd's funktionsbrevlåda (none given on the remiss)


def outgoing_facts(remiss, namnd_email: str = "") -> OutgoingFacts:
    """Skickad, Svarstid and Svar till of an outgoing remiss (a row or the model: sent_at, the deadline in force,
    answer_email) whose nämnd has the funktionsbrevlåda namnd_email."""
    answer = (remiss.answer_email or namnd_email, not remiss.answer_email and bool(namnd_email))
    deadline = format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)
    if remiss.sent_at is None:
        return OutgoingFacts("Inte skickad ännu", f"till {deadline}" if remiss.effective_deadline_on else deadline,
                             *answer)
    sent_on = local(remiss.sent_at).date()
    if remiss.effective_deadline_on is None:
        return OutgoingFacts(format_date(sent_on), deadline, *answer)
    days = (remiss.effective_deadline_on - sent_on).days
    length = count_words(days // 7, "vecka", "veckor") if days >= 7 and days % 7 == 0 else \
        count_words(days, "dag", "dagar")
    return OutgoingFacts(format_date(sent_on), f"{format_date(sent_on)} – {deadline} ({length})", *answer)


def deadline_passed(remiss, now: datetime) -> bool:
    """Whether an open incoming remiss (a row or a Remiss) is past its sista svarsdag in force at the moment now:
    after its clock time, or after the end of its day (calendar.timeliness.has_passed). An utgående remiss's
    deadline is the instansers', not a step of ours (truth16 F12); a closed remiss is answered or called off."""
    day = remiss.effective_deadline_on
    return (remiss.direction == Direction.inkommande and day is not None
            and not RemissStatus(remiss.status).is_closed
            and has_passed(day, remiss.effective_deadline_time, now))


def svarstid_ended(remiss, now: datetime) -> bool:
    """Whether the remissinstansernas svarstid of an open utgående remiss (a row or a Remiss) has run out at now: its
    sista svarsdag is theirs, shown as "svarstid till …" and then "svarstiden har gått ut", never as our late step
    (deadline_passed is False for it; truth17 #4). The lists and the API's svarstid_ended."""
    day = remiss.effective_deadline_on
    return (remiss.direction == Direction.utgaende and day is not None
            and not RemissStatus(remiss.status).is_closed
            and has_passed(day, remiss.effective_deadline_time, now))


def lateness(remiss, now: datetime) -> str:
    """"" unless an open incoming remiss is past its sista svarsdag (extensions counted): then how late it is."""
    if not deadline_passed(remiss, now):
        return ""
    day, today = remiss.effective_deadline_on, local(now).date()
    if day == today:
        return f"Sista svarsdagen passerade i dag kl. {remiss.effective_deadline_time:%H.%M}."
    days = (today - day).days
    return "Sista svarsdagen var i går." if days == 1 else \
        f"Sista svarsdagen var för {count_words(days, 'dag', 'dagar')} sedan."


def answered_late(remiss) -> bool | None:
    """Whether a besvarad incoming remiss (a row or a Remiss) was expedierad after the sista svarsdag in force;
    None when it is not answered (or has no deadline)."""
    if remiss.direction != Direction.inkommande or remiss.status != RemissStatus.besvarad \
            or remiss.answered_at is None or remiss.effective_deadline_on is None:
        return None
    return is_late(local(remiss.answered_at), remiss.effective_deadline_on, remiss.effective_deadline_time)


def answered_words(remiss, calendar, *, by_hand: bool = False) -> tuple[bool, str] | None:
    """(late, "för sent, 4 dagar efter sista svarsdagen (expedierat fredag 4 december 2026)") for a besvarad incoming
    remiss, against the deadline in force; None for any other. by_hand: the status was set to Besvarad by hand
    (answered_by_hand), so nothing is known to have been expedierat (truth16 F19)."""
    if answered_late(remiss) is None:
        return None
    answered = local(remiss.answered_at)
    t = timeliness(answered, remiss.effective_deadline_on, remiss.effective_deadline_time, calendar)
    how = "status ändrad till Besvarad för hand" if by_hand else "expedierat"
    return t.late, f"{t.words} ({how} {format_weekday_date(answered.date())})"


def answered_by_hand(session, remiss) -> bool:
    """Whether a besvarad remiss got its status by hand: its Expediering was closed as "Yttrandet är inte expedierat
    i Remiss: …" (or, before walk18 F21, "Klar – status ändrad för hand"; planning.receivers), not by an expedierat
    yttrande."""
    from sqlmodel import select

    from remiss.calendar.milestones import BY_HAND, NOT_EXPEDITED
    from remiss.planning.models import Milestone

    if remiss.status != RemissStatus.besvarad:
        return False
    told = session.exec(select(Milestone.explanation).where(Milestone.remiss_id == remiss.id,
                                                            Milestone.kind == "expediering")).first()
    return bool(told and told.startswith((BY_HAND, NOT_EXPEDITED)))


LATE_STEP = "Begär förlängd remisstid hos remittenten, eller svara så snart som möjligt."

# A late step of the tidplan as the subject of "Nästa steg" ("Tjänsteskrivelsen är försenad i 18 dagar – …");
# a passed sista svarsdag is said by LATE_STEP.
LATE_SUBJECTS = {"tjansteskrivelse": "Tjänsteskrivelsen", "granskning": "Granskningen",
                 "arbetsutskott": "Arbetsutskottets behandling", "namnd": "Nämndens behandling",
                 "justering": "Justeringen", "expediering": "Expedieringen"}


def with_lateness(step: str, panel_contexts) -> str:
    """The next step, led by the first late step of the tidplan panel (its rows "milestones", in tidplan order, each
    with kind, overdue and relative, e.g. "försenad i 18 dagar"), so that "Nästa steg" does not read as on time
    next to a tidplan that says "Försenad". A sammanträde passed without its step (the row's "missed", the latest
    of them) comes first, with what to do about it: the plan no longer holds."""
    rows = [row for ctx in panel_contexts if isinstance(ctx, dict) for row in (ctx.get("milestones") or ())]
    missed = [row.missed for row in rows if getattr(row, "missed", "")]
    lead = f"{missed[-1]} " if missed else ""
    for row in rows:
        if getattr(row, "overdue", False) and getattr(row, "kind", "") in LATE_SUBJECTS and not getattr(
                row, "missed", ""):
            return f"{lead}{LATE_SUBJECTS[row.kind]} är {row.relative} – {step[:1].lower()}{step[1:]}"
    return f"{lead}{step}"


def while_asked(step: str, *, late: bool, asked: str) -> str:
    """Nästa steg, led by what the sista svarsdag asks: past it, LATE_STEP; with a förlängning requested and not yet
    answered (asked: "Förlängning till … är begärd och väntar på besked.", planning.pending_extension), that instead
    of asking for one again (truth17 #2), said once (a missed meeting's words may carry it already)."""
    if asked:
        return step if asked in step else f"{asked} {step}"
    return f"{LATE_STEP} {step}" if late else step


def is_extended(remiss) -> bool:
    """Whether a förlängning decides the deadline in force (a row or the model)."""
    return remiss.effective_deadline_on is not None and \
        (remiss.effective_deadline_on, remiss.effective_deadline_time) != (remiss.deadline_on, remiss.deadline_time)


def deadline_with_in_force(remiss) -> str:
    """The original sista svarsdag and, when a förlängning moved it, the one in force: "10 april 2027 – gäller:
    30 april 2027 kl. 12.00 efter förlängning" (a card that names only the original misleads)."""
    original = format_deadline(remiss.deadline_on, remiss.deadline_time)
    if not is_extended(remiss):
        return original
    return (f"{original} – gäller: {format_deadline(remiss.effective_deadline_on, remiss.effective_deadline_time)}"
            " efter förlängning")


def saved_deadline_message(remiss, before: tuple) -> str:
    """What saving the edit form did to the deadline of an extended remiss (before: the original and the one in
    force as they were), or "" when the original did not change or no förlängning is involved."""
    original, in_force = (remiss.deadline_on, remiss.deadline_time), \
        (remiss.effective_deadline_on, remiss.effective_deadline_time)
    if original == before[0] or (before[0] == before[1] and not is_extended(remiss)):
        return ""
    changed = f"Den ursprungliga sista svarsdagen är nu {format_deadline(*original)}."
    if is_extended(remiss):
        return f"{changed} Förlängningen gäller fortfarande: sista svarsdag är {format_deadline(*in_force)}."
    return (f"{changed} Den ligger efter förlängningen till {format_deadline(*before[1])}, så den gäller nu: "
            f"sista svarsdag är {format_deadline(*in_force)}.")
