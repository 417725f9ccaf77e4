"""Display-ready values for the calendar pages: the month's cells and the day's list of deadlines, milestones and
sammanträden of the nämnder the user sees (split from planning.present, which draws each entry as a DueRow)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from remiss.auth.access import Principal
from remiss.calendar.milestones import workflow_order
from remiss.calendar.swedish import format_weekday_date, month_name
from remiss.clock import local
from remiss.planning import agenda
from remiss.planning.agenda import AgendaItem
from remiss.planning.anstand_days import anstand_items, still_awaited
from remiss.planning.present import DueRow, due_row
from remiss.planning.start_kinds import in_kind_words_rows, other_kinds
from remiss.planning.service import meetings, tidplan


# Entries shown in a day of the month calendar; the rest are one click away on the day's own page.
DAY_SHOWN = 5


@dataclass
class DayCell:
    day: date
    number: int
    in_month: bool
    is_today: bool
    label: str  # "måndag 7 december 2026"
    day_off: str  # "julafton", "lördag" or ""
    entries: list[DueRow] = field(default_factory=list)
    more: int = 0  # entries of the day not shown in the month
    meetings: list[str] = field(default_factory=list)  # "Nämnd kl. 17.00: Miljönämnden, Rådhuset"


def calendar_namnd_ids(principal: Principal, namnd_id: int | None) -> list[int] | None:
    """The nämnder a calendar shows: the chosen one, or every visible nämnd (None: all of them)."""
    visible = principal.visible_namnd_ids()
    if namnd_id is None:
        return None if visible is None else sorted(visible)
    if visible is not None and namnd_id not in visible:
        return []
    return [namnd_id]


def month_calendar(session: Session, principal: Principal, now: datetime, first: date, *,
                   namnd_id: int | None = None) -> dict:
    """Return the weeks of the month with deadlines and milestones of visible remisser (of one nämnd when
    namnd_id is given), at most DAY_SHOWN a day."""
    now_local = local(now)
    weeks = agenda.month_weeks(first)
    start, end = weeks[0][0], weeks[-1][-1]
    shown = calendar_namnd_ids(principal, namnd_id)
    found = agenda.merged(still_awaited(session, agenda.items(session, namnd_ids=shown, start=start, end=end,
                                                              open_only=False, include_done=True), now),
                          anstand_items(session, namnd_ids=shown, start=start, end=end))  # walk27 Y4
    by_day: dict[date, list[AgendaItem]] = {}
    for item in found:
        by_day.setdefault(item.day, []).append(item)
    kinds = other_kinds(session, {i.remiss_id for i in found})  # a medborgarförslag in its words (F7)
    calendar = tidplan.work_calendar(session)
    # the nämnder's own sammanträden, as their .ics feeds have them (walk11 finding 20)
    held: dict[date, list[str]] = {}
    found_meetings = meetings.meetings_between(session, start, end, calendar_namnd_ids(principal, namnd_id))
    for m, name in found_meetings:
        held.setdefault(local(m.starts_at).date(), []).append(meeting_line(m, name))

    def cell(d: date) -> DayCell:
        items = by_day.get(d, [])
        rows = in_kind_words_rows([due_row(i, now_local) for i in shown_in_cell(items)], kinds)
        return DayCell(d, d.day, d.month == first.month, d == now_local.date(), format_weekday_date(d),
                       calendar.day_off_reason(d) or "", rows,
                       max(0, len(items) - DAY_SHOWN), held.get(d, []))

    grid = [[cell(d) for d in week] for week in weeks]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return {"weeks": grid, "title": f"{month_name(first).capitalize()} {first.year}",
            "previous": previous.strftime("%Y-%m"), "following": following.strftime("%Y-%m"),
            "count": len(found),
            "meetings": sum(local(m.starts_at).month == first.month for m, _ in found_meetings)}


def _cell_priority(item: AgendaItem) -> tuple:
    """Open work first, in workflow order; then done work, the latest step first: of a remiss expedierad today the
    Expediering says more than the Tjänsteskrivelse and Granskning ticked off with it (walk25b Z11)."""
    order = workflow_order(item.kind)
    return (item.done, -order if item.done else order, item.remiss_id)


def shown_in_cell(items: list[AgendaItem]) -> list[AgendaItem]:
    """The DAY_SHOWN items a month cell shows of a day's (the rest are "och N till"), in the day's order: on a busy
    day a done Expediering was the one left out, since it comes last (walk25b Z11)."""
    if len(items) <= DAY_SHOWN:
        return items
    return sorted(sorted(items, key=_cell_priority)[:DAY_SHOWN], key=lambda item: item.sort_key)


def meeting_line(meeting, name: str) -> str:
    """"Nämnd kl. 17.30: Stadsområdesnämnd Öster, Stadsdelshuset": a sammanträde in the month cell and on the day."""
    at = local(meeting.starts_at)
    return (f"{meetings.KIND_LABELS.get(meeting.kind, meeting.kind)} kl. {at:%H.%M}: {name}"
            + (f", {meeting.place}" if meeting.place else ""))


def day_meetings(session: Session, principal: Principal, day: date, *, namnd_id: int | None = None) -> list[str]:
    """The day's sammanträden of the calendar's nämnder, as the month cell shows them (F20)."""
    found = meetings.meetings_between(session, day, day, calendar_namnd_ids(principal, namnd_id))
    return [meeting_line(m, name) for m, name in found if local(m.starts_at).date() == day]


def day_agenda(session: Session, principal: Principal, now: datetime, day: date, *,
               namnd_id: int | None = None) -> list[DueRow]:
    """Every deadline and milestone of the day, as the month calendar would show them all."""
    shown = calendar_namnd_ids(principal, namnd_id)
    found = agenda.merged(still_awaited(session, agenda.items(session, namnd_ids=shown, start=day, end=day,
                                                              open_only=False, include_done=True), now),
                          anstand_items(session, namnd_ids=shown, start=day, end=day))
    now_local = local(now)
    kinds = other_kinds(session, {i.remiss_id for i in found})  # a medborgarförslag in its words (walk18 F7)
    return in_kind_words_rows([due_row(i, now_local) for i in found], kinds)

