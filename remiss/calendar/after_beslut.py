"""The tidplan after the beslut: the beslut, the justering and the expediering dated from the recorded beslut's real
meeting and justering, not from the plan backwards from the deadline (calendar.planner). Pure code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from remiss.calendar.meetings import Meeting, local_date
from remiss.calendar.milestones import (
    DELEGAT_LABEL,
    LABELS,
    OWNERS,
    PlannedMilestone,
    PlanningRules,
    flag,
    milestone,
    place,
    skipped_days,
    workdays,
)
from remiss.calendar.swedish import format_moment, format_time, format_weekday_date
from remiss.calendar.workdays import WorkCalendar


@dataclass(frozen=True)
class Decided:
    """The recorded beslut on the yttrande, as the tidplan follows it."""

    decided_by: str  # "namnd" | "arbetsutskott" | "delegat"
    day: date  # the meeting (or the delegationsbeslut)
    reference: str  # "vid sammanträde 24 september 2015, § 142"
    omedelbar_justering: bool = False
    justerad_on: date | None = None
    # the day the yttrande was approved: no arbetsutskott that met before it treated the approved yttrande
    approved_on: date | None = None
    # someone ticked the arbetsutskott off before the beslut was recorded: it treated the ärende, whatever its date
    au_recorded: bool = False


# The nämndsammanträde step of a beslut taken by the arbetsutskott: the same meeting as its Arbetsutskott step, shown
# once in calendars (planning.agenda)
AU_BESLUT_LABEL = "Arbetsutskott (beslut)"

# What a beslut may show never happened: a milestone of these kinds that follow_decision leaves out is no longer
# part of the tidplan (a delegationsbeslut is neither prepared in an arbetsutskott nor justerat; an arbetsutskott
# planned after the nämnd's beslut never treated the ärende).
UNHELD_KINDS: tuple[str, ...] = ("arbetsutskott", "justering")


def _held_au(decided: Decided, planned_au: date | None, meetings: Sequence[Meeting]) -> PlannedMilestone | None:
    """The arbetsutskott that prepared the nämnd's beslut: the planned one when it met before the beslut (and not
    before the yttrande was approved, unless someone recorded that it met), else the sammanträdesplan's last AU after
    the previous nämnd meeting and the approval and before the beslut; None when none did."""
    day_text = format_weekday_date(decided.day)
    since = decided.approved_on or date.min
    if planned_au is not None and planned_au < decided.day and (decided.au_recorded or planned_au >= since):
        return milestone("arbetsutskott", planned_au,
                         f"Arbetsutskottet behandlade ärendet före nämndens beslut {day_text}.")
    before = [m for m in meetings if m.kind != "au" and m.day < decided.day]
    floor = max((m.day for m in before), default=date.min)
    held = [m for m in sorted(meetings, key=lambda m: m.starts_at)
            if m.kind == "au" and floor < m.day < decided.day and m.day >= since]
    if not held:
        return None
    au = held[-1]
    return milestone("arbetsutskott", au.day,
                     f"Arbetsutskottet sammanträdde {format_weekday_date(au.day)} {format_time(au.starts_at)}"
                     f"{place(au)}, före nämndens beslut {day_text}.")


def follow_decision(
    decided: Decided, deadline: date | datetime | None, rules: PlanningRules, calendar: WorkCalendar,
    *, planned_au: date | None = None, meetings: Sequence[Meeting] = (),
) -> list[PlannedMilestone]:
    """Date the beslut, the justering and the expediering from the recorded beslut, not from the plan: the
    nämnd may have decided at another meeting (an extra one, a later one) or a delegat may have decided.

    Of UNHELD_KINDS, what is left out did not happen: a delegationsbeslut has no arbetsutskott and no justering
    (it may be expedierat at once); a nämnd's beslut keeps the arbetsutskott (planned_au, its date in the
    tidplan) only when that met before the beslut, else the AU of the sammanträdesplan (meetings) that did.
    An expediering after the deadline is flagged, with advice for while it is open."""
    day_text = format_weekday_date(decided.day)
    label = {"arbetsutskott": AU_BESLUT_LABEL, "delegat": DELEGAT_LABEL}.get(decided.decided_by)
    milestones = [PlannedMilestone("namnd", decided.day, OWNERS["namnd"], label or LABELS["namnd"],
                                   f"Beslutat {decided.reference}.", fact=True)]
    if decided.decided_by == "arbetsutskott":
        milestones.append(PlannedMilestone("arbetsutskott", decided.day, OWNERS["arbetsutskott"],
                                           LABELS["arbetsutskott"], f"Beslutat {decided.reference}.", fact=True))
    elif decided.decided_by == "namnd":
        au = _held_au(decided, planned_au, meetings)
        milestones += [au] if au is not None else []
    if decided.decided_by == "delegat":
        expediering_day = calendar.add_workdays(decided.day, rules.expediering_workdays)
        text = f"{workdays(rules.expediering_workdays)} efter delegationsbeslutet {day_text} (justeras inte)."
        return milestones + [_expediering(expediering_day, text, deadline)]
    if decided.omedelbar_justering:
        justering = replace(milestone("justering", decided.day, f"Paragrafen justerades omedelbart {day_text}."),
                            fact=True)
    elif decided.justerad_on is not None:
        justering = replace(milestone("justering", decided.justerad_on,
                                      f"Protokollet justerades {format_weekday_date(decided.justerad_on)}."),
                            fact=True)
    else:
        expected = calendar.add_workdays(decided.day, rules.justering_workdays_after_meeting)
        justering = milestone(
            "justering", expected,
            f"Protokollet från {day_text} justeras {workdays(rules.justering_workdays_after_meeting)} efter "
            f"beslutet{skipped_days(calendar, decided.day, expected)}.")
    expediering = _expediering(calendar.add_workdays(justering.day, rules.expediering_workdays),
                               f"{workdays(rules.expediering_workdays)} efter justeringen "
                               f"{format_weekday_date(justering.day)}.", deadline)
    # the justering is what makes the expediering late: flagged with it, for the same reason
    return milestones + [flag(justering, "efter_svarsdag") if expediering.flagged else justering, expediering]


def _expediering(day: date, explanation: str, deadline: date | datetime | None) -> PlannedMilestone:
    """The expediering on day; flagged, with what to do while it is open, when that is after the deadline."""
    planned = milestone("expediering", day, explanation)
    if deadline is None or day <= (local_date(deadline) if isinstance(deadline, datetime) else deadline):
        return planned
    return flag(planned, "efter_svarsdag",
                advice=f"Det är efter sista svarsdag {format_moment(deadline)}: meddela remittenten "
                       "eller begär förlängd remisstid.")
