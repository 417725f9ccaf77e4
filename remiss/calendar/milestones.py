"""The tidplan's vocabulary: the kinds of milestone, their Swedish words and the nämnd's planning rules, shared by
the plan backwards from the deadline (calendar.planner) and the dates a recorded beslut gives (calendar.after_beslut).
Pure code."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from remiss.calendar.meetings import Meeting, local_date
from remiss.calendar.swedish import count_words, format_date, format_short, join_words
from remiss.calendar.workdays import WorkCalendar

# The kinds in workflow order: the one order of every list of milestones (the tidplan, the start page, the month
# calendar, the .ics feeds, the API). Steps on the same day come in this order, whatever their id or name: the
# nämnd decides before the protokoll is justerat, and the beslut is justerat before it is expedierat.
MILESTONE_KINDS: tuple[str, ...] = (
    "tjansteskrivelse", "granskning", "arbetsutskott", "namnd",
    "justering", "expediering", "sista_svarsdag",
)
WORKFLOW_ORDER = MILESTONE_KINDS
# a sammanträde of the sammanträdesplan (Meeting.kind) in the same order as the milestone it holds
MEETING_KINDS_AS_MILESTONE: dict[str, str] = {"au": "arbetsutskott", "namnd": "namnd"}


def workflow_order(kind: str) -> int:
    """The place of a milestone kind (or a sammanträde's kind, "au") in the workflow: sort same-day steps by it.
    An unknown kind comes after every known one."""
    kind = MEETING_KINDS_AS_MILESTONE.get(kind, kind)
    return WORKFLOW_ORDER.index(kind) if kind in WORKFLOW_ORDER else len(WORKFLOW_ORDER)
LABELS: dict[str, str] = {
    "tjansteskrivelse": "Tjänsteskrivelse klar",
    "granskning": "Granskning klar",
    "arbetsutskott": "Arbetsutskott",
    "namnd": "Nämndsammanträde",
    "justering": "Justering",
    "expediering": "Expediering",
    "sista_svarsdag": "Sista svarsdag",
}
# The nämndsammanträde's step when no sammanträde fits before the sista svarsdag: the latest day for a beslut
# (calendar.planner). Its history key is its own, so the history says what the Tidplan says (walk21 J13).
NO_MEETING_LABEL = "Beslut (inget sammanträde)"
# The step of a beslut a delegat took (calendar.after_beslut): no sammanträde, and the history says so too
# (walk26b X2: "Nämndsammanträde (klar): nej → ja" under "Delegationsbeslut: klar").
DELEGAT_LABEL = "Delegationsbeslut"
HISTORY_KEYS: dict[str, str] = {NO_MEETING_LABEL: "beslut_utan_sammantrade", DELEGAT_LABEL: "delegationsbeslut"}


def history_key(kind: str, label: str) -> str:
    """The key a step's change is recorded under in the history: its label's own key (HISTORY_KEYS), else its kind;
    "override:", "done:" and "utgar:" go before it (planning.service.milestones)."""
    return HISTORY_KEYS.get(label, kind)


def history_changes(changes: dict, labels: dict[str, str]) -> dict:
    """The tidplan's moved dates (kind -> [before, after]) as the history records them: a step under a label of
    its own (labels: kind -> the label in the Tidplan now) under that label's key (HISTORY_KEYS)."""
    return {history_key(kind, labels.get(kind, "")): moved for kind, moved in changes.items()}


# A step that cannot start before another is done: while that one is open, the step is waiting, not late (the
# granskare cannot review a tjänsteskrivelse that has not come; the lateness is the tjänsteskrivelse's).
WAITS_FOR: dict[str, str] = {"granskning": "tjansteskrivelse"}
# added to the explanation of a milestone whose date had passed when it was planned
PASSED = " Datumet har redan passerat."
# Why a step is flagged ("Kräver uppmärksamhet"), stored with the flag (Milestone.flag_reason) and said in Swedish by
# planning.flags; the strongest first: a step flagged for two reasons keeps the one earlier here.
FLAG_REASONS: tuple[str, ...] = (
    "sammantrade_passerat",  # the sammanträde passed without the step done: no beslut (calendar.missed)
    "omedelbar_justering",  # only omedelbar justering at the meeting is in time (calendar.planner)
    "sent_sammantrade",  # the nämndsammanträde set by hand is too late to answer by the deadline (calendar.hand_set)
    "inget_sammantrade",  # no sammanträde fits before the deadline: the latest day for a beslut (calendar.planner)
    "fore_ankomst",  # dated before the remiss arrived: never possible (calendar.passed)
    "efter_svarsdag",  # the expediering (and the justering before it) falls after the deadline (after_beslut)
    "efter_sammantrade",  # prepares the nämndsammanträde set earlier by hand, and comes after it (calendar.hand_set)
    "utanfor_tidplan",  # no longer part of the computed plan, kept for its date set by hand (planning.service)
    "redan_passerat",  # the date had passed when the plan was made (calendar.passed)
    "ej_arbetsdag",  # the sista svarsdag is not a working day (calendar.planner)
    "preliminar",  # the last meeting entered, and a later one not yet entered may still make it (calendar.planner)
)
# the start of the explanation of a step the recorded beslut ticked off while it was open: it never happened
PASSED_OVER = "Passerades av beslutet"
# A step ticked off because the status was moved by hand past it ("Klar – status ändrad för hand 3 maj 2027."):
# no tjänsteskrivelse was sent to granskning, nothing was approved or expedierat (truth16 F19).
BY_HAND = "Klar – status ändrad för hand"
# Work ticked off with "Markera som klar" ("Markerad som klar för hand 6 december 2026 av Sara Sekreterare."): no
# yttrande was sent to granskning or approved for it, so DONE_WORDS are not its words (walk22 L3).
MARKED_BY_HAND = "Markerad som klar för hand"
# The expediering of a remiss set to Besvarad by hand: none happened in Remiss, so it is not shown done (walk18 F21).
NOT_EXPEDITED = "Yttrandet är inte expedierat i Remiss: status ändrad till Besvarad för hand"
# A sammanträde (or its justering) still ahead when the remiss was set to Besvarad by hand: it was not held for this
# remiss, so it is not shown done either (walk19 G1).
NOT_HELD = "Har inte ägt rum: status ändrad till Besvarad för hand"
OWNERS: dict[str, str] = {
    "tjansteskrivelse": "handlaggare",
    "granskning": "granskare",
    "arbetsutskott": "namnd",
    "namnd": "namnd",
    "justering": "namnd",
    "expediering": "registrator",
    "sista_svarsdag": "registrator",
}
# The work done on the day someone does it, in the words of what happened ("Expedierat 25 september 2015"). The
# other kinds are dated by their event (a meeting, a justering, the deadline): their date is what happened.
DONE_WORDS: dict[str, str] = {
    "tjansteskrivelse": "Skickad till granskning",
    "granskning": "Godkänd",
    "expediering": "Expedierat",
}


def done_text(kind: str, done_on: date, planned_on: date) -> str | None:
    """What happened to a milestone of work done on done_on ("Expedierat 25 september 2015, planerat 24
    september."); None for a kind its event dates (DONE_WORDS)."""
    if kind not in DONE_WORDS:
        return None
    text = f"{DONE_WORDS[kind]} {format_date(done_on)}"
    if planned_on != done_on:
        text += f", {planned_words(planned_on, done_on)}"
    return text + "."


def took_place(explanation: str) -> bool:
    """Whether a done step happened: not one ticked off by a status set by hand (BY_HAND) or passed over by the
    beslut (PASSED_OVER), which no meeting held and no one did (truth17 F4), nor work marked done by hand
    (MARKED_BY_HAND): it may have been done, but not as DONE_WORDS say (walk22 L3)."""
    return not explanation.startswith((PASSED_OVER, BY_HAND, NOT_EXPEDITED, NOT_HELD, MARKED_BY_HAND))


def told(kind: str, explanation: str, advice: str, *, done_on: date | None, due_on: date,
         called_off: bool = False, closed: bool = False) -> str:
    """What a stored milestone's explanation says now: an open one its plan and, unless the remiss is closed, what
    to do about it (advice); a done one what happened ("Expedierat 25 september 2015."), never advice or "the date
    has passed". called_off: done only because the remiss closed without an answer (nothing happened)."""
    if done_on is None and not closed:
        return f"{explanation} {advice}" if advice else explanation
    happened = (None if called_off or not took_place(explanation) or done_on is None
                else done_text(kind, done_on, due_on))
    return happened or explanation.removesuffix(PASSED)


def planned_words(planned_on: date, shown_on: date) -> str:
    """"planerat 3 mars" (with the year when it is not the year of the day it is shown on)."""
    return f"planerat {format_short(planned_on) if planned_on.year == shown_on.year else format_date(planned_on)}"


@dataclass(frozen=True)
class PlanningRules:
    """How a nämnd works: lead times in working days (arbetsdagar)."""

    # the handläggare's tjänsteskrivelse is ready this long before the AU (or the
    # handlingar deadline when earlier); two weeks is common in Swedish municipalities
    tjansteskrivelse_workdays_before_au: int = 10
    # the chef/granskare has this long after the tjänsteskrivelse; it lies inside the
    # lead time above, so granskning is never later than the AU
    granskning_workdays: int = 3
    # True when the nämnd always justerar remissvar at the meeting (omedelbar justering)
    omedelbar_justering_usual: bool = False
    # ordinary justering of the protokoll; "justeras senast" about two weeks after (seed 003)
    justering_workdays_after_meeting: int = 10
    # time from justering (or the meeting, with omedelbar justering) to dispatch
    expediering_workdays: int = 1

    def __post_init__(self) -> None:
        for name in (
            "tjansteskrivelse_workdays_before_au", "granskning_workdays",
            "justering_workdays_after_meeting", "expediering_workdays",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class PlannedMilestone:
    """One dated step of the tidplan with its Swedish explanation."""

    kind: str  # one of MILESTONE_KINDS
    due: date | datetime  # datetime only for sista_svarsdag with a clock time
    owner_role: str  # "handlaggare" | "granskare" | "registrator" | "namnd"
    label: str
    explanation: str  # how the date follows (the plan) or what happened (a fact)
    flagged: bool = False
    fact: bool = False  # what happened (the recorded beslut or justering), not a plan: wins over a date set by hand
    advice: str = ""  # what to do about it while the milestone is open ("meddela remittenten …"); never shown once done
    flag_reason: str | None = None  # why it is flagged: one of FLAG_REASONS; None when it is not

    @property
    def day(self) -> date:
        """Return the due date without clock time."""
        return local_date(self.due) if isinstance(self.due, datetime) else self.due


def milestone(kind: str, due: date | datetime, explanation: str, flag_reason: str | None = None) -> PlannedMilestone:
    """A planned milestone of that kind, with its owner and label; flagged when flag_reason (FLAG_REASONS) is given."""
    _known(flag_reason)
    return PlannedMilestone(kind, due, OWNERS[kind], LABELS[kind], explanation, flag_reason is not None,
                            flag_reason=flag_reason)


def _known(reason: str | None) -> None:
    if reason is not None and reason not in FLAG_REASONS:
        raise ValueError(f"unknown flag reason {reason!r}")


def stronger_reason(first: str | None, second: str | None) -> str | None:
    """The stronger of two flag reasons (the earlier in FLAG_REASONS; an unknown one is the weakest; None: none)."""
    reasons = [r for r in (first, second) if r is not None]
    rank = {reason: place for place, reason in enumerate(FLAG_REASONS)}
    return min(reasons, key=lambda r: rank.get(r, len(rank)), default=None)


def flag(planned: PlannedMilestone, reason: str, **changes) -> PlannedMilestone:
    """The milestone flagged for reason (keeping a stronger reason it was already flagged for), with changes."""
    _known(reason)
    return replace(planned, flagged=True, flag_reason=stronger_reason(planned.flag_reason, reason), **changes)


def workdays(count: int) -> str:
    return count_words(count, "arbetsdag", "arbetsdagar")


def skipped_days(calendar: WorkCalendar, start: date, end: date) -> str:
    """" (midsommarafton 19 juni räknas inte som arbetsdag)" for the named days off between start and end."""
    days = calendar.named_days_off_between(start, end)
    if not days:
        return ""
    names = [f"{name} {format_short(day)}" for day, name in days]
    return f" ({join_words(names)} räknas inte som arbetsdag)"


def place(meeting: Meeting) -> str:
    return f", {meeting.place}" if meeting.place else ""
