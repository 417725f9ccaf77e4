"""What people and events do to a remiss's milestones: set a date by hand, mark done or not done, tick off the work
that happened (or closed with the remiss), open again what is to be done again. The plan itself is tidplan.py's."""
from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from remiss import events
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require, require_milestone
from remiss.auth.models import User
from remiss.calendar.hand_set import too_late
from remiss.calendar.milestones import DONE_WORDS, MARKED_BY_HAND, history_key
from remiss.calendar.swedish import format_date, format_moment, format_weekday_date
from remiss.clock import local_today
from remiss.namnd.models import Namnd
from remiss.planning.models import Milestone
from remiss.planning.service.recorded import by_hand_refusal, justering_waits, kept_by_record, waits_to_be_sent
from remiss.planning.service.tidplan import (compute, deadline_of, follow_hand_set_meeting, give_review_time,
                                             milestones_of, replan, rules_of, touch, work_calendar)
from remiss.remisser.finished import require_open
from remiss.remisser.input import InputErrors
from remiss.remisser.kind_words import noun_of, reword
from remiss.remisser.models import Remiss
from remiss.remisser.status import called_off


# Why the work left on a remiss closed without an answer is called off ("Utgår"), by the status it closed with: a
# makulerad remiss was registered by mistake, no nämnd avstod (walk16 #2, truth16 F9). A besvarad remiss is
# answered, not "avslutad" (words23 #1: the history of an expediering said "klar (remissen är avslutad)").
CALLED_OFF_WORDS = {"avstar": "nämnden avstod", "aterkallad": "remissen återkallades",
                    "makulerad": "remissen är makulerad", "besvarad": "remissen är besvarad"}


# The history at an expediering whose yttrande is put in the Utkorg: the remiss's status is Besvarad from then (the
# API's status), but the pages say "Expedierad, inte skickad" until the sweep has e-mailed it (walk25 Y9), so the
# status line's note and its steps' note say so, not "remissen är besvarad" (walk25b Z3). drafting.dispatch writes
# EXPEDITED_NOTE; the receiver of the status change knows it by its start.
EXPEDITED_NOTE = "Yttrandet expedierat (version {number}) och lagt i utkorgen; besvarad när det har e-postats"
EXPEDITED_STEPS = "yttrandet expedierat och lagt i utkorgen"


def expedited_now(note: str) -> bool:
    """Whether a status change's note is the expediering's (EXPEDITED_NOTE), not a status set by hand."""
    return note.startswith(EXPEDITED_NOTE.partition(" (")[0]) and "lagt i utkorgen" in note


def called_off_words(status) -> str:
    """"remissen är makulerad" (the Tidplan's "utgår, …"), "remissen är besvarad", or "remissen är avslutad" for
    an avslutad utgående remiss."""
    return CALLED_OFF_WORDS.get(str(getattr(status, "value", status)), "remissen är avslutad")


def _milestone(session: Session, remiss: Remiss, milestone_id: int) -> Milestone:
    row = session.get(Milestone, milestone_id)
    if row is None or row.remiss_id != remiss.id:
        raise InputErrors({"milestone_id": "Milstolpen finns inte på den här remissen."})
    return row


# the work that prepares the nämnd's beslut: a date by hand after its meeting is asked about (walk16 #17)
BEFORE_MEETING = ("tjansteskrivelse", "granskning", "arbetsutskott")


def _out_of_order(session: Session, remiss: Remiss, row: Milestone, day: date) -> str:
    """Why a date set by hand does not fit the tidplan: after the nämndsammanträde the work prepares, or after the
    sista svarsdag ("" when it fits). The nämndsammanträde itself is checked by too_late."""
    if row.kind in ("namnd", "sista_svarsdag"):
        return ""
    after = []
    meeting = next((m for m in milestones_of(session, remiss.id) if m.kind == "namnd"), None)
    if row.kind in BEFORE_MEETING and meeting is not None and day > meeting.due_on:
        after.append(f"nämndsammanträdet {format_weekday_date(meeting.due_on)}")
    deadline = deadline_of(remiss)
    if deadline is not None and day > remiss.effective_deadline_on:
        after.append(f"sista svarsdag {format_moment(deadline)}")
    if not after:
        return ""
    return (f"{row.label} {format_weekday_date(day)} är efter {' och efter '.join(after)}. Rätta datumet, eller "
            f"kryssa i rutan för att spara det ändå.")


# who would have done the step on a day before the remiss came in (walk19 G6)
_DOER = {"namnd": "Nämnden", "arbetsutskott": "Arbetsutskottet"}


def _before_inkom(remiss: Remiss, row: Milestone, day: date) -> str:
    noun, came = noun_of(remiss.kind), format_date(remiss.received_on)
    if row.kind in _DOER:
        return (f"{_DOER[row.kind]} kan inte ha behandlat {noun.the} {format_date(day)}, före {noun.it} kom in "
                f"{came}. Ange ett datum från och med {came}.")
    return f"{row.label} kan inte vara {format_date(day)}, före {noun.the} kom in {came}. Ange ett senare datum."


def date_problems(session: Session, *, now: datetime, remiss: Remiss, milestone_id: int, day: date,
                  confirm_late: bool = False, confirm_order: bool = False,
                  confirm_past: bool = False) -> dict[str, str]:
    """What override_milestone would refuse or ask about a hand-set day, whatever the Motivering: for a form whose
    Motivering could not be read, said in the same round (walk29 A6; remiss.one_round)."""
    return _date_problems(session, now=now, remiss=remiss, row=_milestone(session, remiss, milestone_id), day=day,
                          confirm_late=confirm_late, confirm_order=confirm_order, confirm_past=confirm_past)


def _date_problems(session: Session, *, now: datetime, remiss: Remiss, row: Milestone, day: date,
                   confirm_late: bool, confirm_order: bool, confirm_past: bool) -> dict[str, str]:
    """A day before the remiss came in (refused), or every question about it at once: one round of boxes to tick."""
    if remiss.received_on is not None and day < remiss.received_on:  # walk19 G6
        return {"override_on": _before_inkom(remiss, row, day)}
    deadline = deadline_of(remiss)
    asked = {}
    if (row.kind == "namnd" and deadline is not None and not confirm_late and too_late(
            day, deadline, rules_of(session.get(Namnd, remiss.namnd_id)), work_calendar(session))):
        asked["confirm_late"] = (
            f"Sammanträdet {format_weekday_date(day)} är för sent: svaret hinner inte expedieras före sista "
            f"svarsdag {format_moment(deadline)}. Begär förlängd remisstid, eller kryssa i rutan för att spara "
            f"datumet ändå.")
    warning = _out_of_order(session, remiss, row, day) if not confirm_order else ""
    if warning:
        asked["confirm_order"] = warning
    if day < local_today(now) and not confirm_past and row.done_at is None:
        asked["confirm_past"] = (  # overdue at once: reminders and escalation go out (walk19 G6)
            f"{row.label} {format_weekday_date(day)} har redan passerat: steget blir försenat genast och "
            f"påminnelser om det skickas. Rätta datumet, eller kryssa i rutan för att spara det ändå.")
    return asked


def override_milestone(session: Session, *, now: datetime, principal: Principal, remiss: Remiss,
                       milestone_id: int, day: date | None, reason: str = "", confirm_late: bool = False,
                       confirm_order: bool = False, confirm_past: bool = False) -> Milestone:
    """Set a milestone's date by hand (None clears the override); the override survives replanning. A
    nämndsammanträde too late to answer by the deadline is saved only when confirm_late; the justering and the
    expediering then follow it (tidplan.replan). Other work dated after the nämndsammanträde it prepares or after
    the sista svarsdag only when confirm_order (walk16 #17). A date before the remiss came in is refused, one that
    has passed (it makes the step late at once) is saved only when confirm_past (walk19 G6)."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss)
    row = _milestone(session, remiss, milestone_id)
    reason = reason.strip()
    errors = {}
    if len(reason) > 500:
        errors["reason"] = "Skriv högst 500 tecken."
    elif day is not None and not reason:
        errors["reason"] = "Ange varför datumet ändras för hand."
    if day is not None:  # the date's questions with the Motivering's: one round (walk29 A6)
        errors.update(_date_problems(session, now=now, remiss=remiss, row=row, day=day, confirm_late=confirm_late,
                                     confirm_order=confirm_order, confirm_past=confirm_past))
    if errors:
        raise InputErrors(errors)
    old = (row.override_on, row.override_reason)
    row.override_on = day
    row.override_reason = reason if day else ""
    row.override_by_id = principal.user_id if day else None
    row.due_on = row.override_on or row.planned_on
    session.add(row)
    touch(session, remiss, now)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="milestone", entity_id=row.id,
                 remiss_id=remiss.id, action="milestone",
                 changes={f"override:{history_key(row.kind, row.label)}": [old[0].isoformat() if old[0] else None,
                                                   day.isoformat() if day else None]},
                 note=f"{row.label}: " + (f"satt för hand till {format_weekday_date(day)} ({reason})" if day
                                          else "åter till beräknat datum"))
    if row.kind == "namnd":  # the justering and the expediering follow the meeting (or the plan again)
        follow_hand_set_meeting(session, now=now, remiss=remiss, actor_id=principal.user_id)  # sends the event
    else:
        events.milestones_changed.send(remiss, session=session, now=now, actor_id=principal.user_id)
    return row


# A step a meeting dates is held that day, so it is not done before it (walk11 finding 14); a justering may come
# earlier than planned (omedelbar justering), never before the nämnd's meeting it follows.
_HELD_ON = {"arbetsutskott": "arbetsutskott", "namnd": "namnd", "justering": "namnd"}


def _check_held(session: Session, remiss: Remiss, row: Milestone, today: date) -> None:
    meeting = row if _HELD_ON.get(row.kind) == row.kind else \
        next((m for m in milestones_of(session, remiss.id) if m.kind == _HELD_ON.get(row.kind)), None)
    if meeting is None or meeting.due_on <= today:
        return
    day = format_weekday_date(meeting.due_on)
    raise InputErrors({"milestone_id": (
        f"{row.label} är {day}: sammanträdet kan markeras som klart först den dag det hålls." if meeting is row
        else f"{row.label} kan markeras som klar först efter nämndsammanträdet {day}.")})


def mark_done(session: Session, *, now: datetime, principal: Principal, remiss: Remiss, milestone_id: int,
              done: bool = True) -> Milestone:
    """Mark a milestone as done (or not done again); the meeting steps only by those who keep the meetings
    (remiss.auth.access.MILESTONE_ACTIONS), and not before their day."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss)
    row = _milestone(session, remiss, milestone_id)
    if (row.done_at is not None) == done:
        return row
    require_milestone(principal, remiss.namnd_id, row.kind, row.label)
    if refusal := by_hand_refusal(row.kind, row.explanation,
                                  sending=waits_to_be_sent(milestones_of(session, remiss.id))):
        raise InputErrors({"milestone_id": refusal})
    if not done and kept_by_record(session, remiss).get(row.kind):  # the beslut says it was held (walk18 F20)
        raise InputErrors({"milestone_id": kept_by_record(session, remiss)[row.kind]})
    if done and row.kind == "justering" and (waits := justering_waits(session, remiss)):  # walk24 V13
        raise InputErrors({"milestone_id": waits})
    if done:
        _check_held(session, remiss, row, local_today(now))
    old = row.done_at
    row.done_at, row.closed_with_remiss = (now if done else None), False
    by_hand = not done and row.explanation.startswith(MARKED_BY_HAND)
    if done and row.kind in DONE_WORDS:  # no yttrande went to granskning, none was approved (walk22 L3)
        row.explanation, row.advice = marked_by_hand_words(session, principal, now), ""
    session.add(row)
    changes = {f"done:{history_key(row.kind, row.label)}": [old.isoformat() if old else None,
                                                            row.done_at.isoformat() if row.done_at else None]}
    rows = {m.kind: m for m in milestones_of(session, remiss.id)}
    moved = give_review_time(session, remiss=remiss, rows=rows) if done else None
    if moved is not None:
        changes["granskning"] = [moved.isoformat(), rows["granskning"].due_on.isoformat()]
    touch(session, remiss, now)
    session.flush()
    audit.record(session, now=now, user_id=principal.user_id, entity="milestone", entity_id=row.id,
                 remiss_id=remiss.id, action="milestone", changes=changes,
                 note=f"{row.label}: {'klar' if done else 'inte klar'}")
    if by_hand:  # open again: the plan's words for it, as before it was marked
        replan(session, now=now, remiss=remiss, actor_id=principal.user_id)  # sends milestones_changed
    else:
        events.milestones_changed.send(remiss, session=session, now=now, actor_id=principal.user_id)
    return row


def marked_by_hand_words(session: Session, principal: Principal, now: datetime) -> str:
    """"Markerad som klar för hand 6 december 2026 av Sara Sekreterare." """
    user = session.get(User, principal.user_id) if principal.user_id else None
    return f"{MARKED_BY_HAND} {format_date(local_today(now))}" + (f" av {user.name}." if user else ".")


def complete(session: Session, *, now: datetime, remiss: Remiss, kinds: tuple[str, ...] | None,
             note: str, actor_id: int | None = None, closing: bool = False,
             happened: bool = False) -> list[Milestone]:
    """Mark the remiss's open milestones of kinds done (None: every open one) because the work happened, or
    (closing) because the remiss closed with the work left undone. happened: the yttrande really took the step
    (sent to granskning, approved, expedited), so a step of kinds marked klar by hand is now told as done then.

    Called by receivers of domain events: the verb that sent the event has already checked who may act.
    """
    rows = {m.kind: m for m in milestones_of(session, remiss.id)}
    done = [m for m in rows.values() if m.done_at is None and (kinds is None or m.kind in kinds)]
    # work marked klar by hand that now really happens is told as it happened, on its day (words23 #3)
    taken = [m for m in rows.values() if happened and m.done_at is not None and kinds is not None
             and m.kind in kinds and m.explanation.startswith(MARKED_BY_HAND)]
    if taken:
        planned = plan_words(session, now=now, remiss=remiss)
        for row in taken:
            row.explanation, row.advice = planned.get(row.kind, ""), ""
    newly = list(done)  # the history's "nej → ja"; the note names the taken ones too
    done += taken
    for row in done:
        row.done_at, row.closed_with_remiss = now, closing
        session.add(row)
    if not done:
        return []
    # a remiss closed without an answer (avstår, återkallad): its work is called off, not done (walk11 finding 8)
    word, key = ("utgår", "utgar") if closing and called_off(remiss.status, True) else ("klar", "done")
    changes = {f"{key}:{history_key(m.kind, m.label)}": [None, now.isoformat()] for m in newly}
    # the receivers' kind-blind why ("remissen är klar för beslut") in the kind's words (kind_words, walk18 F7)
    note = f"{', '.join(m.label for m in done)}: {word} ({reword(note, remiss.kind)})"
    moved = give_review_time(session, remiss=remiss, rows=rows)
    if moved is not None:
        changes["granskning"] = [moved.isoformat(), rows["granskning"].due_on.isoformat()]
        note += f"; {rows['granskning'].label.lower()} {format_weekday_date(rows['granskning'].due_on)}"
    touch(session, remiss, now)
    session.flush()
    audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id, remiss_id=remiss.id,
                 action="milestone", changes=changes, note=note)
    events.milestones_changed.send(remiss, session=session, now=now, actor_id=actor_id)
    return done


def plan_words(session: Session, *, now: datetime, remiss: Remiss) -> dict[str, str]:
    """The planner's words for each step today: what a step marked klar by hand said before it was marked."""
    plan = compute(session, now=now, remiss=remiss)
    return {m.kind: m.explanation for m in plan.milestones} if plan is not None else {}


def _open_again(session: Session, *, now: datetime, remiss: Remiss, rows: list[Milestone], note: str,
                actor_id: int | None, called_off: bool = False) -> list[Milestone]:
    """Mark the done rows not done, and say so in the history. called_off: the remiss was closed without an answer
    (avstår, återkallad, makulerad), so the rows closing ticked off were called off, never done: the history says
    "utgår → planerad", not "klar: ja → nej" (truth16 F11)."""
    was_called_off = [m for m in rows if called_off and m.closed_with_remiss]
    for row in rows:
        row.done_at, row.closed_with_remiss = None, False
        session.add(row)
    if rows:
        touch(session, remiss, now)
        session.flush()
        done = [m for m in rows if m not in was_called_off]
        changes = {**{f"done:{history_key(m.kind, m.label)}": [True, None] for m in done},
                   **{f"utgar:{history_key(m.kind, m.label)}": [True, None] for m in was_called_off}}
        said = ([f"{', '.join(m.label for m in done)}: inte klar"] if done else []) + \
            ([f"{', '.join(m.label for m in was_called_off)}: planerad igen"] if was_called_off else [])
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="milestone", changes=changes,
                     note=f"{'; '.join(said)} ({reword(note, remiss.kind)})")
    return rows


def undo(session: Session, *, now: datetime, remiss: Remiss, kinds: tuple[str, ...], note: str,
         actor_id: int | None = None) -> list[Milestone]:
    """Open again the done milestones of kinds because their work is to be done again (a draft sent back), on the
    dates they have: what is late shows as late.

    Called by a receiver of the draft's state change: the verb that sent it has already checked who may act."""
    opened = _open_again(session, now=now, remiss=remiss, note=note, actor_id=actor_id,
                         rows=[m for m in milestones_of(session, remiss.id)
                               if m.done_at is not None and m.kind in kinds])
    if any(m.explanation.startswith(MARKED_BY_HAND) for m in opened):  # the plan's words again (walk22 L3)
        replan(session, now=now, remiss=remiss, actor_id=actor_id)  # sends milestones_changed
    elif opened:
        events.milestones_changed.send(remiss, session=session, now=now, actor_id=actor_id)
    return opened


def reopen(session: Session, *, now: datetime, remiss: Remiss, kinds: tuple[str, ...] = (), note: str,
           actor_id: int | None = None, called_off: bool = False) -> list[Milestone]:
    """Open again the milestones ticked off only because the remiss closed, and those of kinds (work to be done
    again), then plan them from today: a reopened remiss shows what is left and what is late.

    Called by a receiver of the status change: the verb that sent it has already checked who may act.
    """
    opened = _open_again(session, now=now, remiss=remiss, note=note, actor_id=actor_id, called_off=called_off,
                         rows=[m for m in milestones_of(session, remiss.id)
                               if m.done_at is not None and (m.closed_with_remiss or m.kind in kinds)])
    replan(session, now=now, remiss=remiss, actor_id=actor_id)  # sends milestones_changed
    return opened
