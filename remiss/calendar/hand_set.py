"""A nämndsammanträde set by hand later than the planned one: the justering and the expediering follow it, never
before the meeting they follow, and a meeting too late to answer in time is said to be so (walk11 finding 3); the
arbetsutskott follows it too (the nämnd's AU before it), and the meeting's line explains only the date set by hand
(walk18 F1). Pure code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from remiss.calendar.after_beslut import _expediering
from remiss.calendar.meetings import STOCKHOLM, Meeting, local_date
from remiss.calendar.preparation import au_milestone, choose_au
from remiss.calendar.milestones import PlannedMilestone, LABELS, PlanningRules, flag, milestone, skipped_days, workdays
from remiss.calendar.swedish import format_moment, format_weekday_date
from remiss.calendar.workdays import WorkCalendar

# what to do about a meeting set by hand too late, said with the flag while it is open
LATE_ADVICE = "Begär förlängd remisstid eller meddela remittenten att svaret kommer efter sista svarsdag."


@dataclass(frozen=True)
class HandSet:
    justering: PlannedMilestone
    expediering: PlannedMilestone
    late: bool  # even omedelbar justering cannot get the svar expedierat by the deadline
    explanation: str  # what the nämndsammanträde's line says about it: set by hand, in time or too late
    arbetsutskott: PlannedMilestone | None = None  # the nämnd's AU before the meeting (None: none in the plan)
    # the Tidplan's summary of the plan in force, instead of the computed meeting's (walk19 G3)
    summary: str = ""


def too_late(day: date, deadline: date | datetime, rules: PlanningRules, calendar: WorkCalendar) -> bool:
    """Whether a meeting on day cannot get the svar expedierat before the deadline, even justerat at once."""
    deadline_day = local_date(deadline) if isinstance(deadline, datetime) else deadline
    return calendar.add_workdays(day, rules.expediering_workdays) > calendar.previous_workday(deadline_day)


def follow_hand_set(day: date, deadline: date | datetime, rules: PlanningRules, calendar: WorkCalendar,
                    meetings: Sequence[Meeting] = ()) -> HandSet:
    """Date the justering and the expediering after a nämndsammanträde set by hand to day, and the arbetsutskott
    before it from the sammanträdesplan (meetings), as the planner chooses it for a planned meeting."""
    deadline_day = local_date(deadline) if isinstance(deadline, datetime) else deadline
    deadline_text, day_text = format_moment(deadline), format_weekday_date(day)
    last_dispatch = calendar.previous_workday(deadline_day)
    late = too_late(day, deadline, rules, calendar)
    ordinary = calendar.add_workdays(day, rules.justering_workdays_after_meeting)
    after = f", efter sista svarsdag {deadline_text}" if late else ""
    if rules.omedelbar_justering_usual:
        justering = milestone("justering", day, f"Omedelbar justering vid sammanträdet {day_text}, enligt "
                                                f"nämndens praxis{after}.")
    elif late or calendar.add_workdays(ordinary, rules.expediering_workdays) <= last_dispatch:
        justering = milestone(
            "justering", ordinary,
            f"Protokollet från sammanträdet {day_text} (satt för hand) justeras "
            f"{workdays(rules.justering_workdays_after_meeting)} efter sammanträdet"
            f"{skipped_days(calendar, day, ordinary)}{after}.",
            flag_reason="efter_svarsdag" if late else None)
    else:
        justering = milestone(
            "justering", day,
            f"Omedelbar justering vid sammanträdet {day_text} (satt för hand) krävs: ordinarie justering "
            f"{format_weekday_date(ordinary)} hinner inte före sista svarsdag {deadline_text}.",
            flag_reason="omedelbar_justering")
    expediering = _expediering(calendar.add_workdays(justering.day, rules.expediering_workdays),
                               f"{workdays(rules.expediering_workdays)} efter justeringen "
                               f"{format_weekday_date(justering.day)}{after}.", deadline)
    explanation = (f"Sammanträdet {day_text} är satt för hand och hinner inte expediera svaret före sista svarsdag "
                   f"{deadline_text}: justering och expediering kommer efter sista svarsdag. {LATE_ADVICE}"
                   # in time: said of the date set by hand, not of the planned meeting (the feed and the API say
                   # "Satt för hand …" alone, said_by_hand)
                   if late else f"Sammanträdet {day_text} hinner expediera svaret före sista svarsdag {deadline_text}.")
    usable = [m for m in meetings if calendar.is_workday(m.day)]  # as the planner: none on a day off
    au = choose_au(Meeting("namnd", datetime.combine(day, time(12), tzinfo=STOCKHOLM)),
                   [m for m in usable if m.kind == "namnd"], [m for m in usable if m.kind == "au"], [])
    return HandSet(justering, expediering, late, explanation,
                   au_milestone(au, day, by_hand=True) if au is not None else None,
                   explanation if late else _summary(day_text, justering, ordinary, deadline_text))


def _summary(day_text: str, justering: PlannedMilestone, ordinary: date, deadline_text: str) -> str:
    """What the plan of a nämndsammanträde set by hand in time builds on: its justering (walk19 G3)."""
    said = f"Nämndsammanträdet är satt för hand till {day_text}; "
    if justering.day == ordinary:
        return f"{said}ordinarie justering {format_weekday_date(ordinary)} hinner före sista svarsdag {deadline_text}."
    if justering.flag_reason == "omedelbar_justering":
        return (f"{said}omedelbar justering behövs: ordinarie justering {format_weekday_date(ordinary)} hinner inte "
                f"före sista svarsdag {deadline_text}.")
    return f"{said}paragrafen justeras omedelbart enligt nämndens praxis, före sista svarsdag {deadline_text}."


def said_by_hand(explanation: str, override_on: date | None, planned_on: date, reason: str) -> str:
    """What an open step dated by hand says in the calendar feed and the API, as the remiss page says it (truth17
    F14): that it is set by hand, the computed date and the reason, instead of the computed date's explanation
    ("… torsdag 17 december 2026 kl. 17.30" on an event on 4 December). An explanation written for the hand-set
    date (a meeting set too late, above) follows."""
    if override_on is None:
        return explanation
    words = f"Satt för hand, beräknat datum var {format_weekday_date(planned_on)}"
    words += f", motivering: {reason.strip().rstrip('.')}." if reason and reason.strip() else "."
    return f"{words} {explanation}" if "satt för hand" in explanation.lower() else words


# the steps that prepare the nämndsammanträde: one planned after a meeting set earlier by hand no longer fits
BEFORE_MEETING = ("tjansteskrivelse", "granskning", "arbetsutskott")


def unfitted(kind: str, day: date, meeting_day: date) -> str:
    """Why a step that prepares the nämndsammanträde, planned after the meeting set by hand earlier, no longer fits
    (truth17 F14: it said it came "före nämndsammanträdet" of the computed date); "" when it fits."""
    if kind not in BEFORE_MEETING or day <= meeting_day:
        return ""
    return (f"{LABELS[kind]} {format_weekday_date(day)} ligger efter nämndsammanträdet "
            f"{format_weekday_date(meeting_day)}, satt för hand, och hinner inte före det. Ändra datumet för hand "
            "eller ändra sammanträdets datum.")


def fitted(planned: PlannedMilestone, meeting_day: date) -> PlannedMilestone:
    """The planned step, flagged when it no longer fits before the meeting set by hand (unfitted)."""
    why = unfitted(planned.kind, planned.day, meeting_day)
    return flag(planned, "efter_sammantrade", explanation=why) if why else planned


def flag_unfitted(rows, meeting_day: date) -> list:
    """The open milestone rows, not dated by hand, that no longer fit before the meeting set by hand: flagged
    (unfitted), as replan flags the planned steps (fitted)."""
    changed = []
    for row in rows:
        why = "" if row.done_at or row.override_on else unfitted(row.kind, row.due_on, meeting_day)
        if why:
            row.flagged, row.flag_reason, row.explanation = True, "efter_sammantrade", why
            changed.append(row)
    return changed
