"""Steps of a new plan whose date has already passed, or lay before the remiss arrived: flagged, with what to do
about them while they are open (calendar.planner). Pure code."""

from __future__ import annotations

from datetime import date

from remiss.calendar.milestones import PASSED, PlannedMilestone, flag
from remiss.calendar.swedish import format_weekday_date

# What to do about a step dated before the remiss arrived, said on the step while it is open.
BEFORE_ARRIVAL_ADVICE = "Begär förlängd remisstid hos remittenten."


def flag_past(
    milestones: list[PlannedMilestone], today: date | None, warnings: list[str],
    until_done: dict[str, str] | None = None, received: date | None = None,
) -> list[PlannedMilestone]:
    """The milestones with those dated before received (the arrival) or today flagged and explained, each with a
    warning, recorded in until_done as holding while its milestone is open."""
    if today is None:
        return milestones
    result = []
    for milestone in milestones:
        if received is not None and milestone.day < received and milestone.kind != "sista_svarsdag":
            warnings.append(
                f"{milestone.label} ({format_weekday_date(milestone.day)}) låg före remissens ankomst "
                f"{format_weekday_date(received)} och gick aldrig att hinna."
            )
            if until_done is not None:
                until_done[warnings[-1]] = milestone.kind
            milestone = flag(
                milestone, "fore_ankomst", advice=BEFORE_ARRIVAL_ADVICE,
                explanation=f"{milestone.explanation} Datumet låg före remissens ankomst "
                            f"{format_weekday_date(received)}.",
            )
        elif milestone.day < today:
            warnings.append(
                f"{milestone.label} ({format_weekday_date(milestone.day)}) har redan passerat."
            )
            if until_done is not None:
                until_done[warnings[-1]] = milestone.kind
            milestone = flag(milestone, "redan_passerat", explanation=milestone.explanation + PASSED)
        result.append(milestone)
    return result
