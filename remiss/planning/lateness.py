"""How late an open step of the tidplan is, in words, the same on the start page, the calendar and the remiss page:
a step planned before the remiss arrived is counted from the arrival (the work could not start before it), and a
step waiting for a late step before it is late because of that one."""
from __future__ import annotations

from datetime import date, datetime, time

from remiss.calendar.milestones import WAITS_FOR
from remiss.calendar.missed import AFTER_BESLUT, MISSED
from remiss.calendar.missed import because as missed_because
from remiss.calendar.swedish import count_words, format_short
from remiss.calendar.timeliness import has_passed

# What a step waits for (planner.WAITS_FOR), in the words of "väntar på tjänsteskrivelsen" and "eftersom
# tjänsteskrivelsen är försenad".
WAITED_FOR = {"granskning": "tjänsteskrivelsen"}


PASSED_READY = "har passerat – ärendet tas upp direkt i nämnden"


def relative(day: date, today: date) -> str:
    """Return "i dag", "i morgon", "om 5 dagar", "om 3 månader", "försenad sedan i går", "försenad i 3 dagar"
    ("sedan 3 dagar" is not Swedish: sedan takes a point in time, i a length of time)."""
    delta = (day - today).days
    if delta == 0:
        return "i dag"
    if delta == 1:
        return "i morgon"
    if delta == -1:
        return "försenad sedan i går"
    return f"om {span(delta)}" if delta > 0 else f"försenad i {span(-delta)}"


def span(days: int) -> str:
    """"5 dagar", "2 månader", "17 år": days up to two months, then months up to two years."""
    if days <= 60:
        return count_words(days, "dag", "dagar")
    if days < 730:
        return count_words(days // 30, "månad", "månader")
    return f"{days // 365} år"


def lateness(kind: str, day: date, today: date, *, received: date | None = None, waiting: bool = False,
             before_due: date | None = None, missed_on: date | None = None,
             flag_reason: str | None = None, at: time | None = None, now: datetime | None = None) -> tuple[bool, str]:
    """(late, words) of an open step due on day. received: the day the remiss arrived; waiting: the step before it
    (before_due its date) is still open; missed_on: the day of the nämndsammanträde that passed without a beslut
    (calendar.missed), which makes the justering and expediering after it late whatever their date. at: the clock
    time of a step due today (a sista svarsdag kl. 09.00), late once the moment now has passed it (has_passed):
    "passerade i dag kl. 09.00", never "i dag" (truth16 F21)."""
    if at is not None and now is not None and day == today and has_passed(day, at, now):
        return True, f"passerade i dag kl. {at:%H.%M}"
    if missed_on is not None and kind in AFTER_BESLUT:
        return True, f"försenad {missed_because(missed_on)}"
    if kind == "arbetsutskott" and day < today and flag_reason != MISSED:
        # passed with the yttrande ready (calendar.missed.is_missed: the sweep flags it only when it was not):
        # no late work, as the reminders and the digest say (F4); the beslut of the nämnd will date it
        return False, PASSED_READY
    if waiting and kind in WAITED_FOR:
        if day >= today:
            return False, relative(day, today)
        before = WAITED_FOR[kind]
        if before_due is not None and before_due < today:
            return True, f"försenad eftersom {before} är försenad"
        return True, f"{relative(day, today)}, väntar på {before}"
    if received is not None and day < received <= today:
        since = (today - received).days
        if since == 0:
            return True, "försenad, planerades före ankomsten"
        return True, f"försenad i {span(since)} räknat från ankomsten {format_short(received)}"
    return day < today, relative(day, today)


def waiting_kinds(milestones) -> set[str]:
    """The kinds of the open milestones that wait for an open step before them (planner.WAITS_FOR): a granskning
    before the tjänsteskrivelse is done."""
    open_kinds = {m.kind for m in milestones if m.done_at is None}
    return {m.kind for m in milestones if m.done_at is None and WAITS_FOR.get(m.kind) in open_kinds}


def needs_attention(milestone, *, waiting: set[str], closed: bool) -> bool:
    """"Kräver uppmärksamhet", alike on the remiss page and in the API: a flagged step that is open, of a remiss
    still open, and not waiting for another step (the step waited for is the one to act on; the waiting one is
    late because of it)."""
    return milestone.flagged and milestone.done_at is None and not closed and milestone.kind not in waiting


def missed_meeting_day(milestones) -> date | None:
    """The day of the remiss's nämndsammanträde flagged as passed without a beslut (open), or None."""
    return next((m.due_on for m in milestones
                 if m.kind == "namnd" and m.done_at is None and m.flag_reason == MISSED), None)
