"""Tidplan: plan a remiss backwards from its deadline over the sammanträdesplan.

Once the beslut is recorded, calendar.after_beslut dates the beslut, the justering and the expediering from what
happened; both speak the vocabulary of calendar.milestones. The work before a meeting, and the least förlängning
that lets a whole plan hold, are calendar.preparation's. The names of all three are importable from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from remiss.calendar.after_beslut import UNHELD_KINDS, Decided, follow_decision
from remiss.calendar.meetings import STOCKHOLM, Meeting, local_date
from remiss.calendar.passed import BEFORE_ARRIVAL_ADVICE, flag_past as _flag_past
from remiss.calendar.milestones import (
    LABELS,
    MILESTONE_KINDS,
    NO_MEETING_LABEL,
    OWNERS,
    PASSED,
    WAITS_FOR,
    PlannedMilestone,
    PlanningRules,
    milestone as _milestone,
    place as _place,
    skipped_days as _skipped_days,
    workdays as _workdays,
)
from remiss.calendar.preparation import au_milestone, choose_au, extension_proposal, preparation
from remiss.calendar.swedish import format_moment, format_time, format_weekday_date
from remiss.calendar.workdays import WorkCalendar

__all__ = [
    "LABELS", "MILESTONE_KINDS", "OWNERS", "PASSED", "UNHELD_KINDS", "WAITS_FOR", "Decided", "PlannedMilestone",
    "PlanningRules", "Tidplan", "follow_decision", "plan_backwards",
]


@dataclass(frozen=True)
class Tidplan:
    """The planner's result: milestones in order plus what the users must know."""

    milestones: tuple[PlannedMilestone, ...]
    warnings: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    needs_omedelbar_justering: bool = False
    feasible: bool = True
    suggested_extension: date | None = None
    chosen_meeting: Meeting | None = None
    # with needs_omedelbar_justering: the latest earlier meeting that fits with ordinary justering (None: none
    # does, so omedelbar justering is really needed), and the headline that says which of the two holds
    ordinary_alternative: Meeting | None = None
    omedelbar_note: str = ""
    # warning or proposal text -> the milestone kind whose passed date gave it: advice that no longer holds
    # once that milestone is done (a late tjänsteskrivelse sent after all needs no extension)
    until_done: dict[str, str] = field(default_factory=dict)
    # the chosen meeting is the last one entered and a later one could still make it: the plan waits for more
    preliminary: bool = False

    def milestone(self, kind: str) -> PlannedMilestone | None:
        """Return the milestone of that kind, if planned."""
        return next((m for m in self.milestones if m.kind == kind), None)


def _usable_meetings(
    meetings: Sequence[Meeting], calendar: WorkCalendar, today: date | None, warnings: list[str]
) -> tuple[list[Meeting], list[Meeting]]:
    namnd, au = [], []
    for meeting in sorted(meetings, key=lambda m: m.day):
        if not calendar.is_workday(meeting.day):
            reason = calendar.day_off_reason(meeting.day)
            warnings.append(
                f"Sammanträdet {format_weekday_date(meeting.day)} ligger på en dag som inte är "
                f"en arbetsdag ({reason}) och används inte i tidplanen."
            )
            continue
        if today is not None and meeting.day < today:
            continue
        (au if meeting.kind == "au" else namnd).append(meeting)
    return namnd, au


def plan_backwards(
    deadline: date | datetime,
    meetings: Sequence[Meeting],
    rules: PlanningRules,
    calendar: WorkCalendar,
    *,
    today: date | None = None,
    received: date | None = None,
) -> Tidplan:
    """Plan tjänsteskrivelse, granskning, AU, nämnd, justering and expediering before a deadline; a step dated
    before the remiss was received (a deadline too close when it came in) is flagged as never possible."""
    warnings: list[str] = []
    deadline_day = local_date(deadline) if isinstance(deadline, datetime) else deadline
    deadline_text = format_moment(deadline)
    last_dispatch = calendar.previous_workday(deadline_day)
    deadline_reason = calendar.day_off_reason(deadline_day)
    if deadline_reason is not None:
        warnings.append(
            f"Sista svarsdag {format_weekday_date(deadline_day)} är inte en arbetsdag "
            f"({deadline_reason}). Datumet gäller som remittenten angett det; svaret bör vara "
            f"expedierat senast {format_weekday_date(last_dispatch)}."
        )
    final = _milestone(
        "sista_svarsdag", deadline, f"Remittentens sista svarsdag: {deadline_text}.",
        flag_reason="ej_arbetsdag" if deadline_reason is not None else None,
    )

    namnd_meetings, au_meetings = _usable_meetings(meetings, calendar, today, warnings)
    expedition = rules.expediering_workdays

    def dispatch_after(day: date) -> date:
        return calendar.add_workdays(day, expedition)

    fitting = [m for m in namnd_meetings if dispatch_after(m.day) <= last_dispatch]
    if not fitting:
        return _infeasible(
            deadline_day, deadline_text, namnd_meetings, au_meetings, rules, calendar, final, warnings, today, received
        )
    chosen = fitting[-1]
    meeting_day = chosen.day
    au = choose_au(chosen, namnd_meetings, au_meetings, warnings)
    milestones = preparation(chosen, au, rules, calendar)
    if au is not None:
        milestones.append(au_milestone(au, meeting_day))
    # the last meeting entered, with time to spare: a meeting not yet in the plan, the next working day with the
    # nämnd's usual justering, may still make it (walk11 finding 2)
    later = calendar.add_workdays(meeting_day, 1)
    if not rules.omedelbar_justering_usual:
        later = calendar.add_workdays(later, rules.justering_workdays_after_meeting)
    preliminary = chosen is namnd_meetings[-1] and dispatch_after(later) <= last_dispatch
    if preliminary:
        open_end = (f"Sammanträdesplanen har inga nämndsammanträden efter {format_weekday_date(meeting_day)}. "
                    f"Tidplanen är preliminär tills fler sammanträden är inlagda: ett senare sammanträde kan hinna "
                    f"expediera svaret före sista svarsdag {deadline_text}.")
        warnings.append(open_end)
        milestones.append(_milestone(
            "namnd", meeting_day,
            f"Det sista sammanträdet i sammanträdesplanen: {format_weekday_date(meeting_day)} "
            f"{format_time(chosen.starts_at)}{_place(chosen)}. {open_end}", flag_reason="preliminar",
        ))
    else:
        milestones.append(_milestone(
            "namnd", meeting_day,
            f"Senaste nämndsammanträdet som hinner expediera svaret före sista svarsdag "
            f"{deadline_text}: {format_weekday_date(meeting_day)} {format_time(chosen.starts_at)}"
            f"{_place(chosen)}.",
        ))

    proposals: list[str] = []
    justering = _justering(meeting_day, deadline_day, deadline_text, last_dispatch, rules, calendar)
    needs_omedelbar = justering.flagged
    alternative, note = None, ""
    if needs_omedelbar:
        alternative = _ordinary_alternative(
            [m for m in fitting if m.day < meeting_day], namnd_meetings, au_meetings, last_dispatch, rules,
            calendar, today,
        )
        ordinary = calendar.add_workdays(meeting_day, rules.justering_workdays_after_meeting)
        why = (f"ordinarie justering {format_weekday_date(ordinary)} hinner inte före sista svarsdag "
               f"{deadline_text}")
        if alternative is None:
            note = (f"Omedelbar justering behövs för att svaret ska hinna fram i tid: {why}, och inget "
                    f"tidigare sammanträde hinner med ordinarie justering.")
        else:
            note = (f"Planen bygger på sammanträdet {format_weekday_date(meeting_day)} med omedelbar justering "
                    f"({why}). Med ordinarie justering hinner sammanträdet "
                    f"{format_weekday_date(alternative.day)}.")
            justering = replace(justering, explanation=justering.explanation + (
                f" Med ordinarie justering hinner sammanträdet {format_weekday_date(alternative.day)}."))
        warnings.append(note)
        if today is not None and milestones[0].day < today:
            # the work before this meeting has passed (the förlängning advice below comes first): only if the
            # ärende still makes it, not the plan's own proposal (truth17 F1)
            proposal = (f"Hinns ärendet ändå till sammanträdet {format_weekday_date(meeting_day)}: föreslå att "
                        f"paragrafen justeras omedelbart (omedelbar justering)")
        else:
            proposal = (f"Föreslå att paragrafen justeras omedelbart vid sammanträdet "
                        f"{format_weekday_date(meeting_day)} (omedelbar justering)")
        if alternative is not None:
            proposal += (f", eller behandla remissen vid sammanträdet {format_weekday_date(alternative.day)} "
                         f"med ordinarie justering")
        proposals.append(proposal + ".")
    milestones.append(justering)
    expediering_day = dispatch_after(justering.day)
    expediering_text = f"{_workdays(expedition)} efter justeringen"
    if isinstance(deadline, datetime) and expediering_day == deadline_day:
        expediering_text += f"; svaret ska vara framme {format_time(deadline)} samma dag"
    milestones.append(_milestone("expediering", expediering_day, expediering_text + "."))
    milestones.append(final)

    until_done: dict[str, str] = {}
    milestones = _flag_past(milestones, today, warnings, until_done, received)
    suggested = None
    if today is not None and milestones[0].day < today:
        following = [m for m in namnd_meetings if m.day > meeting_day]
        early = received is not None and milestones[0].day < received
        why = (f"Tjänsteskrivelsen skulle ha varit klar {format_weekday_date(milestones[0].day)}, före remissens "
               f"ankomst {format_weekday_date(received)}: tidplanen gick inte att hålla." if early
               else "Datumet för tjänsteskrivelsen har redan passerat.")
        if following:
            suggested, text = extension_proposal(following, namnd_meetings, au_meetings, rules, calendar, today)
            proposals.append(f"{why} {text}")
        elif early:
            proposals.append(f"{why} {BEFORE_ARRIVAL_ADVICE}")
        if following or early:
            until_done[proposals[-1]] = milestones[0].kind
            proposals.insert(0, proposals.pop())  # what to do first, before "Hinns ärendet ändå …"
    return Tidplan(
        milestones=tuple(milestones), warnings=warnings, proposals=proposals,
        needs_omedelbar_justering=needs_omedelbar, feasible=True,
        suggested_extension=suggested, chosen_meeting=chosen, until_done=until_done,
        ordinary_alternative=alternative, omedelbar_note=note, preliminary=preliminary,
    )


def _ordinary_alternative(
    earlier: list[Meeting], namnd_meetings: list[Meeting], au_meetings: list[Meeting], last_dispatch: date,
    rules: PlanningRules, calendar: WorkCalendar, today: date | None,
) -> Meeting | None:
    """The latest of the earlier meetings whose ordinary justering still lets the svar be expedierat in time and
    whose tjänsteskrivelse has not passed: the choice the plan's omedelbar justering is weighed against."""
    for meeting in reversed(earlier):
        justerad = calendar.add_workdays(meeting.day, rules.justering_workdays_after_meeting)
        if calendar.add_workdays(justerad, rules.expediering_workdays) > last_dispatch:
            continue
        au = choose_au(meeting, namnd_meetings, au_meetings, [])
        if today is not None and preparation(meeting, au, rules, calendar)[0].day < today:
            return None  # earlier meetings start earlier still
        return meeting
    return None


def _justering(
    meeting_day: date,
    deadline_day: date,
    deadline_text: str,
    last_dispatch: date,
    rules: PlanningRules,
    calendar: WorkCalendar,
) -> PlannedMilestone:
    """Plan justering; flagged and on the meeting day when only omedelbar justering is in time."""
    if rules.omedelbar_justering_usual:
        return _milestone(
            "justering", meeting_day, "Omedelbar justering vid sammanträdet, enligt nämndens praxis."
        )
    ordinary = calendar.add_workdays(meeting_day, rules.justering_workdays_after_meeting)
    if calendar.add_workdays(ordinary, rules.expediering_workdays) <= last_dispatch:
        return _milestone(
            "justering", ordinary,
            f"Protokollet justeras {_workdays(rules.justering_workdays_after_meeting)} efter "
            f"sammanträdet{_skipped_days(calendar, meeting_day, ordinary)}.",
        )
    late = "efter" if ordinary > deadline_day else "för nära"
    return _milestone(
        "justering", meeting_day,
        f"Omedelbar justering vid sammanträdet krävs: ordinarie justering "
        f"{format_weekday_date(ordinary)} är {late} sista svarsdag {deadline_text}.",
        flag_reason="omedelbar_justering",
    )


# What to do when no sammanträde fits, said with the warning and on the beslut it is about.
NO_MEETING_ADVICE = ("Lägg till ett sammanträde i sammanträdesplanen (ett extra sammanträde), begär förlängd "
                     "remisstid eller låt ordföranden eller en delegat besluta (ordförande- eller delegationsbeslut).")


def _infeasible(
    deadline_day: date,
    deadline_text: str,
    namnd_meetings: list[Meeting],
    au_meetings: list[Meeting],
    rules: PlanningRules,
    calendar: WorkCalendar,
    final: PlannedMilestone,
    warnings: list[str],
    today: date | None,
    received: date | None = None,
) -> Tidplan:
    """No sammanträde fits: still plan backwards from the deadline, with the latest day for the beslut (an extra
    sammanträde justerat at once, an ordförande- or delegationsbeslut) and the work before and after it."""
    last_dispatch = calendar.previous_workday(deadline_day)
    latest_beslut = calendar.add_workdays(last_dispatch, -rules.expediering_workdays)
    warnings.append(
        f"Inget nämndsammanträde i sammanträdesplanen hinner behandla remissen och expediera "
        f"svaret före sista svarsdag {deadline_text}. Tidplanen räknar baklänges från sista svarsdag: "
        f"beslut senast {format_weekday_date(latest_beslut)}. {NO_MEETING_ADVICE}"
    )
    # nothing fits, so every remaining meeting is too late; the first one is the way out
    proposals: list[str] = []
    suggested = None
    if namnd_meetings:
        suggested, text = extension_proposal(namnd_meetings, namnd_meetings, au_meetings, rules, calendar, today)
        proposals.append(text)
    else:
        proposals.append("Begär förlängd remisstid; sammanträdesplanen har inget senare nämndsammanträde.")
    proposals.append(
        "Låt ordföranden besluta på nämndens vägnar i brådskande ärende (ordförandebeslut, "
        "6 kap. 39 § kommunallagen) eller besluta på delegation, och anmäl beslutet vid nästa sammanträde."
    )
    if today is None or latest_beslut >= today:
        proposals.append(
            f"Kalla till ett extra sammanträde senast {format_weekday_date(latest_beslut)}."
        )
    beslut_day = Meeting("namnd", datetime.combine(latest_beslut, time(12), tzinfo=STOCKHOLM))
    milestones = preparation(beslut_day, None, rules, calendar, decided_at="sista dagen för beslut")
    milestones.append(replace(_milestone(
        "namnd", latest_beslut,
        f"Inget nämndsammanträde i sammanträdesplanen hinner före sista svarsdag {deadline_text}. Senaste dag "
        f"för beslut, så att svaret hinner expedieras: {format_weekday_date(latest_beslut)}.",
        flag_reason="inget_sammantrade",
    ), label=NO_MEETING_LABEL, advice=NO_MEETING_ADVICE))
    milestones.append(_milestone(
        "expediering", last_dispatch,
        f"Senaste dag att expediera svaret före sista svarsdag {deadline_text}.",
    ))
    milestones.append(final)
    until_done: dict[str, str] = {}
    milestones = _flag_past(milestones, today, warnings, until_done, received)
    return Tidplan(
        milestones=tuple(milestones), warnings=warnings, proposals=proposals,
        needs_omedelbar_justering=False, feasible=False, suggested_extension=suggested,
        until_done=until_done,
    )
