"""Compute and store the tidplan of a remiss, follow the recorded beslut, and read its stored advice. What people and
events do to a milestone (a date by hand, done, not done, reopened) is in milestones.py."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session, select

from remiss import events
from remiss.audit import service as audit
from remiss.auth.access import Action, Principal, require
from remiss.calendar import Meeting, PlanningRules, Tidplan, WorkCalendar, plan_backwards
from remiss.calendar.after_beslut import UNHELD_KINDS, Decided, follow_decision
from remiss.calendar.hand_set import LATE_ADVICE, fitted, flag_unfitted, follow_hand_set
from remiss.calendar.milestones import (DONE_WORDS, MARKED_BY_HAND, MILESTONE_KINDS, NO_MEETING_LABEL, PASSED_OVER,
                                       PlannedMilestone, flag, history_changes, stronger_reason, workflow_order)
from remiss.calendar.swedish import count_words, format_moment, format_weekday_date
from remiss.clock import STOCKHOLM, local, local_today
from remiss.namnd.models import ClosedDay, Namnd, Meeting as MeetingRow
from remiss.planning.models import Milestone, TidplanState
from remiss.planning.service import decided as decided_module, missed, moved
from remiss.planning.service.recorded import OUTGOING_DEADLINE
from remiss.planning.service.verdict import store_hand_set, store_state
from remiss.remisser.finished import require_open
from remiss.remisser.models import Direction, Remiss

DROPPED = "Ingår inte längre i den beräknade tidplanen; datumet är satt för hand."


def work_calendar(session: Session) -> WorkCalendar:
    """Return the Swedish working-day calendar with the admin's klämdagar."""
    days = session.exec(select(ClosedDay)).all()
    return WorkCalendar({d.day: d.reason or "klämdag" for d in days})


def rules_of(namnd: Namnd) -> PlanningRules:
    """Return the nämnd's planning rules as the pure planner wants them."""
    return PlanningRules(
        tjansteskrivelse_workdays_before_au=namnd.tjansteskrivelse_workdays_before_au,
        granskning_workdays=namnd.granskning_workdays,
        omedelbar_justering_usual=namnd.omedelbar_justering_usual,
        justering_workdays_after_meeting=namnd.justering_workdays_after_meeting,
        expediering_workdays=namnd.expediering_workdays,
    )


def meetings_of(session: Session, namnd_id: int) -> list[Meeting]:
    """Return the nämnd's sammanträdesplan as planner meetings."""
    rows = session.exec(select(MeetingRow).where(MeetingRow.namnd_id == namnd_id)
                        .order_by(MeetingRow.starts_at)).all()
    return [Meeting(r.kind, local(r.starts_at), r.place, r.handlingar_deadline) for r in rows]


def deadline_of(remiss: Remiss) -> date | datetime | None:
    """Return the deadline in force as the planner wants it (a datetime when a time is given)."""
    if remiss.effective_deadline_on is None:
        return None
    if remiss.effective_deadline_time is None:
        return remiss.effective_deadline_on
    return datetime.combine(remiss.effective_deadline_on, remiss.effective_deadline_time, tzinfo=STOCKHOLM)


def compute(session: Session, *, now: datetime, remiss: Remiss) -> Tidplan | None:
    """Run the planner for the remiss without storing anything; None without a deadline."""
    deadline = deadline_of(remiss)
    if deadline is None:
        return None
    namnd = session.get(Namnd, remiss.namnd_id)
    calendar = work_calendar(session)
    if remiss.direction == Direction.utgaende:
        # an outgoing remiss has no nämnd work of ours before the deadline: plan nothing
        return plan_backwards(deadline, [], rules_of(namnd), calendar)
    return plan_backwards(deadline, meetings_of(session, namnd.id), rules_of(namnd), calendar,
                          today=local_today(now), received=remiss.received_on)


def milestones_of(session: Session, remiss_id: int) -> list[Milestone]:
    """Return the stored milestones of a remiss in tidplan order."""
    return list(session.exec(select(Milestone).where(Milestone.remiss_id == remiss_id)
                             .order_by(Milestone.position, Milestone.due_on)))


def state_of(session: Session, remiss_id: int) -> TidplanState | None:
    return session.get(TidplanState, remiss_id)


def touch(session: Session, remiss: Remiss, now: datetime) -> None:
    """The milestones are part of the remiss the API shows: a program that syncs by updated_at sees them move."""
    remiss.updated_at = now
    session.add(remiss)


def replan(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None = None, because: str = "",
           moved_to: date | None = None) -> Tidplan | None:
    """Recompute the tidplan from the deadline in force and store it, keeping manual overrides. because: what in
    the sammanträdesplan made it move ("Sammanträdet … flyttades till …", moved_to the meeting's new day), said in
    the history and, with the dates that moved earlier, told to the handläggare."""
    plan = compute(session, now=now, remiss=remiss)
    existing = {m.kind: m for m in milestones_of(session, remiss.id)}
    before = {kind: m.due_on.isoformat() for kind, m in existing.items()}
    had_meeting = "namnd" in existing and existing["namnd"].label != NO_MEETING_LABEL
    planned = {}
    if plan is not None:
        planned = {m.kind: m for m in plan.milestones}
        if remiss.direction == Direction.utgaende:
            planned = {k: replace(m, explanation=OUTGOING_DEADLINE.format(format_moment(m.due)))
                       for k, m in planned.items() if k == "sista_svarsdag"}  # not the remittent's (walk20 H7)
    decided = decided_of(session, remiss) if remiss.direction != Direction.utgaende else None
    if decided is not None:  # the beslut's meeting, not the planned one, dates the beslut and what follows it
        au = existing.get("arbetsutskott") or planned.get("arbetsutskott")
        followed = _followed(session, remiss, decided, au.due_on if isinstance(au, Milestone)
                             else au.day if au is not None else None)
        planned.update(followed)
        for kind in _unheld(followed):  # not planned again either: a later re-planning keeps them out (walk29b B1)
            planned.pop(kind, None)
            if kind in existing:
                session.delete(existing.pop(kind))
    # a sammanträde that passed stays in the tidplan: with no meeting to come before the sista svarsdag the plan
    # as it was stands (the missed meeting and how late the work is), only the sista svarsdag follows the deadline
    passed = missed.passed_meetings(existing.values(), local_today(now), remiss.received_on) if decided is None \
        else []
    standing = bool(passed) and not missed.way_out(plan)
    if standing:
        planned = {k: pm for k, pm in planned.items() if k == "sista_svarsdag" or k not in existing}
    kept = {m.kind for m in passed} - set(planned)
    hand = existing.get("namnd")
    if (decided is None and hand is not None and hand.override_on is not None and "namnd" in planned
            and hand.override_on != planned["namnd"].day):
        planned.update(_after_hand_set(session, remiss, hand.override_on, planned["namnd"]))
        planned = {k: fitted(pm, hand.override_on) for k, pm in planned.items()}  # after it: flagged
    else:
        hand = None
    for kind, pm in planned.items():
        session.add(_apply(existing.get(kind), pm, remiss))
    for kind, row in existing.items():
        if kind in planned or kind in kept or standing:
            continue
        if row.override_on is None and row.done_at is None:
            session.delete(row)
        else:
            row.explanation, row.advice, row.flagged, row.flag_reason = DROPPED, "", True, "utanfor_tidplan"
            session.add(row)
    give_review_time(session, remiss=remiss, rows={m.kind: m for m in milestones_of(session, remiss.id)})
    if not standing:  # a plan that stands keeps the verdict it was made with
        store_state(session, now=now, remiss=remiss, plan=plan, decided=decided)
    if hand is not None:  # the meeting set by hand is the plan in force (walk19 G3)
        store_hand_set(session, now=now, remiss=remiss, day=hand.override_on,
                       followed=_hand_set(session, remiss, hand.override_on))
    session.flush()
    missed.flag_missed_meetings(session, now=now, remiss_id=remiss.id)  # a meeting already passed without beslut
    rows = milestones_of(session, remiss.id)
    after = {m.kind: m.due_on.isoformat() for m in rows}
    changes = {kind: [before.get(kind), after.get(kind)] for kind in MILESTONE_KINDS
               if before.get(kind) != after.get(kind)}
    note = moved.why(because, moved_to, changes, deadline_of(remiss)) if because else "Tidplanen beräknad"
    if changes:
        touch(session, remiss, now)
    # an utgående remiss has no tidplan of ours: its one row follows the instansernas sista svarsdag, which the
    # registration, the edit and the förlängning record themselves ("Tidplan … (Tidplanen beräknad)", truth34 #4)
    if changes and remiss.direction != Direction.utgaende:
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="milestone", note=note,
                     changes=history_changes(changes, {m.kind: m.label for m in rows}))  # the Tidplan's words
    earlier = moved.moved_earlier(changes, milestones_of(session, remiss.id)) if because else []
    # a change in the sammanträdesplan took the remiss's sammanträde and none fits before the sista svarsdag now:
    # told once, as the step becomes "Beslut (inget sammanträde)" (walk26 W2)
    lost = bool(because) and decided is None and had_meeting and any(
        m.kind == "namnd" and m.label == NO_MEETING_LABEL for m in rows)
    events.milestones_changed.send(remiss, session=session, now=now, actor_id=actor_id, moved_earlier=earlier,
                                   because=note, lost_meeting=lost)
    return plan


def _hand_set(session: Session, remiss: Remiss, day: date):
    return follow_hand_set(day, deadline_of(remiss), rules_of(session.get(Namnd, remiss.namnd_id)),
                           work_calendar(session), meetings_of(session, remiss.namnd_id))


def _after_hand_set(session: Session, remiss: Remiss, day: date, namnd: PlannedMilestone) -> dict:
    """The AU, justering and expediering of a nämndsammanträde set by hand, and the meeting (flagged when too late
    for the deadline) explained by its day (calendar.hand_set)."""
    followed = _hand_set(session, remiss, day)
    result = {"justering": followed.justering, "expediering": followed.expediering}
    result |= {"arbetsutskott": followed.arbetsutskott} if followed.arbetsutskott else {}  # its AU (walk18 F1)
    result["namnd"] = (flag(namnd, "sent_sammantrade", explanation=followed.explanation, advice=LATE_ADVICE)
                       if followed.late else replace(namnd, explanation=followed.explanation))
    return result


def follow_hand_set_meeting(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None = None) -> None:
    """After the nämndsammanträde's date is set by hand, earlier or later: its AU, justering and expediering follow
    it, another step preparing it dated after it is flagged, the meeting too when too late for the deadline; a date
    cleared or no longer too late re-plans (replan applies the same rule)."""
    namnd = next((m for m in milestones_of(session, remiss.id) if m.kind == "namnd"), None)
    if (namnd is None or remiss.direction == Direction.utgaende or deadline_of(remiss) is None
            or decided_of(session, remiss) is not None):
        events.milestones_changed.send(remiss, session=session, now=now, actor_id=actor_id)
        return
    moved = namnd.override_on is not None and namnd.override_on != namnd.planned_on  # earlier too (truth17 F14)
    followed = _hand_set(session, remiss, namnd.override_on) if moved else None
    if followed is None or (namnd.flag_reason == "sent_sammantrade" and not followed.late):
        replan(session, now=now, remiss=remiss, actor_id=actor_id)
        return
    rows = {m.kind: m for m in milestones_of(session, remiss.id)}
    changes, steps = {}, "Arbetsutskott, justering" if followed.arbetsutskott else "Justering"
    session.add_all(flag_unfitted(rows.values(), namnd.override_on))  # a step preparing it, dated after it
    for pm in filter(None, (followed.arbetsutskott, followed.justering, followed.expediering)):
        if rows.get(pm.kind) is None or rows[pm.kind].done_at is None:
            _put(session, rows.get(pm.kind), pm, remiss, changes)
    namnd.explanation = followed.explanation  # the date set by hand, not the planned meeting (walk18 F1)
    store_hand_set(session, now=now, remiss=remiss, day=namnd.override_on, followed=followed)  # walk19 G3
    if followed.late:
        namnd.flagged, namnd.flag_reason = True, stronger_reason(namnd.flag_reason, "sent_sammantrade")
        namnd.advice = LATE_ADVICE
    session.add(namnd)
    session.flush()
    _followed_up(session, now=now, remiss=remiss, actor_id=actor_id, changes=changes,
                 note=f"{steps} och expediering följer "
                      f"{'beslutet' if namnd.label == NO_MEETING_LABEL else 'nämndsammanträdet'} "
                      f"{format_weekday_date(namnd.override_on)}, satt för hand")


def _followed_up(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None, changes: dict,
                 note: str) -> None:
    """End a tidplan that followed an event: when a date moved, touch the remiss and log the moves with note;
    tell the listeners either way."""
    if changes:
        touch(session, remiss, now)
        audit.record(session, now=now, user_id=actor_id, entity="remiss", entity_id=remiss.id,
                     remiss_id=remiss.id, action="milestone", changes=changes, note=note)
    events.milestones_changed.send(remiss, session=session, now=now, actor_id=actor_id)


def _put(session: Session, row: Milestone | None, pm, remiss: Remiss, changes: dict) -> None:
    """Apply pm to the row (new when None) and note a moved date in changes, as the history logs it."""
    before = row.due_on.isoformat() if row is not None else None
    row = _apply(row, pm, remiss)
    session.add(row)
    if before != row.due_on.isoformat():
        changes[pm.kind] = [before, row.due_on.isoformat()]


def _apply(row: Milestone | None, pm, remiss: Remiss) -> Milestone:
    """The milestone row (new when None) dated and worded as the planner's milestone pm says."""
    row = row or Milestone(remiss_id=remiss.id, kind=pm.kind, planned_on=pm.day, due_on=pm.day, label=pm.label)
    row.position = workflow_order(pm.kind)
    row.label, row.owner_role = pm.label, pm.owner_role
    if _done_work(row) and not pm.fact:
        return row  # keeps the plan that held when it was done ("Skickad … 4 december, planerat 28 januari")
    row.planned_on = pm.day
    row.planned_time = local(pm.due).time().replace(tzinfo=None) if isinstance(pm.due, datetime) else None
    row.explanation, row.advice = pm.explanation, pm.advice
    row.flagged, row.flag_reason = pm.flagged, pm.flag_reason if pm.flagged else None
    if pm.fact:  # what happened replaces a date set by hand for what was planned
        row.override_on, row.override_reason, row.override_by_id = None, "", None
    row.due_on = row.override_on or row.planned_on
    return row


def _done_work(row: Milestone) -> bool:
    """Work someone did (DONE_WORDS: not a meeting its event dates), done and not just ticked off with the closing
    remiss: its planned date is history."""
    return (row.id is not None and row.kind in DONE_WORDS and row.done_at is not None
            and not row.closed_with_remiss)


PREPARES_BESLUT = decided_module.PREPARES_BESLUT  # the work that prepares the beslut: never due after it


def follow(session: Session, *, now: datetime, remiss: Remiss, actor_id: int | None = None) -> bool:
    """Date the beslut, justering and expediering milestones from the recorded beslut (its meeting, its
    justering), leaving the rest of the tidplan as it is; return whether a date moved.

    Called by receivers of the beslut and justering events: the verb that sent them has already checked who may
    act. A milestone already done by other work (an expediering) keeps its date."""
    decided = decided_of(session, remiss) if remiss.direction != Direction.utgaende else None
    if decided is None:
        return False
    existing = {m.kind: m for m in milestones_of(session, remiss.id)}
    changes = {}
    au = existing.get("arbetsutskott")
    followed = _followed(session, remiss, decided, au.due_on if au is not None else None)
    for kind in [k for k in _unheld(followed) if k in existing]:
        changes[kind] = [existing[kind].due_on.isoformat(), None]
        session.delete(existing.pop(kind))
    for pm in followed.values():
        row = existing.get(pm.kind)
        # done by other work (an expediering) keeps its date; an arbetsutskott is dated where it met
        if row is not None and row.done_at is not None and not pm.fact and pm.kind != "arbetsutskott":
            continue
        _put(session, row, pm, remiss, changes)
    changes.update(decided_module.pass_over(session, existing, decided))
    for kind in PREPARES_BESLUT:
        # planned after the meeting that then decided (the granskning re-planned from a late draft): the work was
        # due by that beslut at the latest, so one tidplan reads in order
        row = existing.get(kind)
        # work done after the beslut's day keeps the date planned when it was done: a back-dated beslut does not
        # rewrite it (walk11 finding 9); work done before it was due by that beslut
        back_dated = row is not None and _done_work(row) and local(row.done_at).date() > decided.day
        if row is not None and row.override_on is None and row.due_on > decided.day and not back_dated:
            changes[kind] = [row.due_on.isoformat(), decided.day.isoformat()]
            row.planned_on = row.due_on = decided.day
            if not row.explanation.startswith(PASSED_OVER):  # passed over by the beslut: said so
                row.explanation = f"Senast till beslutet {format_weekday_date(decided.day)}."
            row.flagged, row.flag_reason, row.advice = False, None, ""
            session.add(row)
    state = session.get(TidplanState, remiss.id) or TidplanState(remiss_id=remiss.id, planned_at=now)
    state.meeting_on = decided.day
    session.add(state)
    session.flush()
    _followed_up(session, now=now, remiss=remiss, actor_id=actor_id, changes=changes,
                 note=f"Tidplanen följer beslutet {decided.reference}")
    return bool(changes)


def _followed(session: Session, remiss: Remiss, decided: Decided, planned_au) -> dict[str, PlannedMilestone]:
    """The milestones the recorded beslut dates, by kind (planner.follow_decision over the sammanträdesplan)."""
    namnd = session.get(Namnd, remiss.namnd_id)
    return {m.kind: m for m in follow_decision(decided, deadline_of(remiss), rules_of(namnd), work_calendar(session),
                                               planned_au=planned_au, meetings=meetings_of(session, namnd.id))}


def _unheld(followed: dict[str, PlannedMilestone]) -> list[str]:
    """The kinds of milestones the beslut shows never happened (an arbetsutskott planned after the nämnd's
    beslut, the justering of a delegationsbeslut): they leave the tidplan and are not planned again."""
    return [kind for kind in UNHELD_KINDS if kind not in followed]


def decided_of(session: Session, remiss: Remiss) -> Decided | None:
    """The recorded beslut on the yttrande (service.decided)."""
    return decided_module.decided_of(session, remiss)


def advice(stored: str, late_kinds: set[str] | None = None) -> list[str]:
    """The texts of stored warnings or proposals (TidplanState) that hold now: one given because a milestone's
    date had passed only while that milestone is still open and late (late_kinds; None: every one)."""
    return [entry if isinstance(entry, str) else entry["text"] for entry in json.loads(stored or "[]")
            if isinstance(entry, str) or (not entry.get("headline") and (
                late_kinds is None or entry.get("until_done") in late_kinds))]


# Shown for a stored verdict planned before the headline was stored with it: true whichever meeting is chosen.
OMEDELBAR_FALLBACK = ("Tidplanen bygger på omedelbar justering vid sammanträdet. Beräkna tidplanen på nytt för "
                      "detaljer.")


def headline(stored: str) -> str:
    """The omedelbar justering headline among the stored warnings of a TidplanState ("" when there is none)."""
    return next((entry["text"] for entry in json.loads(stored or "[]")
                 if isinstance(entry, dict) and entry.get("headline")), "")


def recompute(session: Session, *, now: datetime, principal: Principal, remiss: Remiss) -> Tidplan | None:
    """"Beräkna tidplanen på nytt": replan by hand (not on a finished remiss)."""
    require(principal, Action.edit, remiss.namnd_id)
    require_open(remiss)
    return replan(session, now=now, remiss=remiss, actor_id=principal.user_id)


def give_review_time(session: Session, *, remiss: Remiss, rows: dict[str, Milestone]) -> date | None:
    """Date granskning from the day the yttrande came to review when the tjänsteskrivelse came late: the granskare
    has the nämnd's granskning time from then (never past the meeting it is for), not a date that had passed
    before the draft reached them. Return the granskning's earlier date when it moved."""
    written, review = rows.get("tjansteskrivelse"), rows.get("granskning")
    if (written is None or review is None or written.done_at is None or written.closed_with_remiss
            or review.done_at is not None):
        return None
    workdays = session.get(Namnd, remiss.namnd_id).granskning_workdays
    arrived = local(written.done_at).date()
    day = work_calendar(session).add_workdays(arrived, workdays)
    # only a meeting still to come bounds it: one that passed before the draft arrived was missed (the remiss's
    # lateness, shown on its pages), and capping at it made the granskare late on arrival (F24)
    meeting = min((rows[kind].due_on for kind in ("arbetsutskott", "namnd") if kind in rows
                   and rows[kind].due_on >= arrived), default=None)
    if meeting is not None and meeting < day:
        day = max(meeting, review.planned_on)
    if day <= review.planned_on:
        return None
    before = review.due_on
    review.planned_on = day
    review.due_on = review.override_on or day
    # dated from the draft: the plan's flag and advice no longer hold
    review.flagged, review.flag_reason, review.advice = False, None, ""
    # a tjänsteskrivelse marked klar by hand sent no yttrande to granskning (walk22 L3)
    came = ("tjänsteskrivelsen markerades som klar" if written.explanation.startswith(MARKED_BY_HAND)
            else "yttrandet kom till granskning")
    review.explanation = (f"{count_words(workdays, 'arbetsdag', 'arbetsdagar')} efter att {came} "
                          f"{format_weekday_date(arrived)}"
                          + (f", senast till sammanträdet {format_weekday_date(meeting)}." if day == meeting else "."))
    session.add(review)
    return before
