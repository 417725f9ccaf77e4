"""The work before a sammanträde – its arbetsutskott, the tjänsteskrivelse and the granskning – and the least
förlängning that lets a whole plan hold from today: the parts of the plan backwards (calendar.planner) that it also
asks of a later meeting. Pure code."""

from __future__ import annotations

from datetime import date

from remiss.calendar.meetings import Meeting
from remiss.calendar.milestones import (
    PlannedMilestone,
    PlanningRules,
    milestone as _milestone,
    place as _place,
    skipped_days as _skipped_days,
    workdays as _workdays,
)
from remiss.calendar.swedish import format_time, format_weekday_date
from remiss.calendar.workdays import WorkCalendar


def choose_au(
    chosen: Meeting, namnd_meetings: list[Meeting], au_meetings: list[Meeting], warnings: list[str]
) -> Meeting | None:
    """Return the latest AU after the previous nämnd meeting and before the chosen one."""
    previous = [m for m in namnd_meetings if m.day < chosen.day]
    floor = previous[-1].day if previous else date.min
    candidates = [m for m in au_meetings if floor < m.day < chosen.day]
    if candidates:
        return candidates[-1]
    if au_meetings:
        warnings.append(
            f"Inget arbetsutskott finns före nämndsammanträdet {format_weekday_date(chosen.day)}; "
            f"ärendet går direkt till nämnden."
        )
    return None


def au_milestone(au: Meeting, meeting_day: date, *, by_hand: bool = False) -> PlannedMilestone:
    """The arbetsutskott step: the AU choose_au chose for the nämndsammanträde on meeting_day (by_hand: a meeting
    set by hand, calendar.hand_set)."""
    return _milestone(
        "arbetsutskott", au.day,
        f"Arbetsutskottet sammanträder {format_time(au.starts_at)}{_place(au)}: det senaste före "
        f"nämndsammanträdet {format_weekday_date(meeting_day)}{', satt för hand' if by_hand else ''}.",
    )


def preparation(
    chosen: Meeting, au: Meeting | None, rules: PlanningRules, calendar: WorkCalendar,
    decided_at: str = "nämndsammanträdet",
) -> list[PlannedMilestone]:
    """Plan tjänsteskrivelse and granskning before the AU, meeting or handlingar deadline (decided_at: what the
    meeting's day is, in the words "10 arbetsdagar före nämndsammanträdet …")."""
    anchors = [(chosen.day, f"{decided_at} {format_weekday_date(chosen.day)}")]
    if au is not None:
        anchors.append((au.day, f"arbetsutskottet {format_weekday_date(au.day)}"))
    for meeting, whose in ((chosen, "nämnden"), (au, "arbetsutskottet")):
        if meeting is not None and meeting.handlingar_deadline is not None:
            last = calendar.previous_workday(meeting.handlingar_deadline)
            anchors.append(
                (last, f"sista dag för handlingar till {whose} {format_weekday_date(last)}")
            )
    anchor_day, anchor_text = min(anchors, key=lambda pair: pair[0])

    lead = rules.tjansteskrivelse_workdays_before_au
    tjanst_day = calendar.add_workdays(anchor_day, -lead)
    skipped = _skipped_days(calendar, tjanst_day, anchor_day)
    # granskning lies inside the lead time, so it is never later than the anchor
    review = min(rules.granskning_workdays, lead)
    # counted from the planned day, which the text names: a tjänsteskrivelse done earlier does not move it
    review_text = f"{_workdays(review)} efter att tjänsteskrivelsen ska vara klar, {format_weekday_date(tjanst_day)}"
    if review < rules.granskning_workdays:
        review_text += (
            f" (förkortad från {_workdays(rules.granskning_workdays)} för att hinna före "
            f"{anchor_text})"
        )
    return [
        _milestone("tjansteskrivelse", tjanst_day, f"{_workdays(lead)} före {anchor_text}{skipped}."),
        _milestone("granskning", calendar.add_workdays(tjanst_day, review), review_text + "."),
    ]


def first_holding(
    candidates: list[Meeting], namnd_meetings: list[Meeting], au_meetings: list[Meeting], rules: PlanningRules,
    calendar: WorkCalendar, today: date | None,
) -> Meeting | None:
    """The first of the candidate meetings whose whole plan (its AU, handlingar day, tjänsteskrivelse and granskning,
    as the plan for it would have them) can still hold from today (truth17 F1). Of two meetings on one day the plan
    takes the last (planner: the latest that fits), so that is the one judged."""
    for candidate in candidates:
        meeting = [m for m in namnd_meetings if m.day == candidate.day][-1]
        au = choose_au(meeting, namnd_meetings, au_meetings, [])
        if today is None or preparation(meeting, au, rules, calendar)[0].day >= today:
            return meeting
    return None


# Said when no meeting in the plan leaves time for the work before it: there is no date to ask for yet.
NO_HOLDING_MEETING = ("Begär förlängd remisstid; inget sammanträde i sammanträdesplanen ger tid för tjänsteskrivelse "
                      "och granskning före sammanträdet. Lägg in fler sammanträden för att se hur lång tid som behövs.")


def extension_proposal(
    candidates: list[Meeting], namnd_meetings: list[Meeting], au_meetings: list[Meeting], rules: PlanningRules,
    calendar: WorkCalendar, today: date | None,
) -> tuple[date | None, str]:
    """The least förlängning worth asking for: the plan of the first candidate meeting that can hold from today
    holds with a deadline on the day it can be expedierat (omedelbar justering), and no earlier deadline does."""
    meeting = first_holding(candidates, namnd_meetings, au_meetings, rules, calendar, today)
    if meeting is None:
        return None, NO_HOLDING_MEETING
    suggested = calendar.add_workdays(meeting.day, rules.expediering_workdays)
    text = (
        f"Begär förlängd remisstid till minst {format_weekday_date(suggested)}, så att "
        f"nämnden kan besluta vid sammanträdet {format_weekday_date(meeting.day)}"
    )
    if not rules.omedelbar_justering_usual:
        ordinary = calendar.add_workdays(
            calendar.add_workdays(meeting.day, rules.justering_workdays_after_meeting),
            rules.expediering_workdays,
        )
        text += f" med omedelbar justering (med ordinarie justering: {format_weekday_date(ordinary)})"
    return suggested, text + "."
