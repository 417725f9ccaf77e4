"""Whether an answer reached the remittent in time: the moment it was expedierad against the sista svarsdag in force.
Pure code."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from remiss.calendar.swedish import count_words
from remiss.clock import STOCKHOLM
from remiss.calendar.workdays import WorkCalendar

END_OF_DAY = time(23, 59, 59, 999999)


def is_late(answered: datetime, deadline_on: date, deadline_time: time | None) -> bool:
    """True when answered (Stockholm wall time) is after the deadline: its clock time, or the end of its day."""
    return answered.replace(tzinfo=None) > datetime.combine(deadline_on, deadline_time or END_OF_DAY)


def has_passed(deadline_on: date, deadline_time: time | None, now: datetime) -> bool:
    """The one rule for whether a deadline (or any step due on a day, perhaps at a clock time) has passed at the
    moment now (aware, read in Europe/Stockholm): after its clock time, or after the end of its day. A deadline
    of today at 07.30 has passed at 07.45 (walk16 0b): it is late, not "i dag"."""
    if now.tzinfo is None:
        raise ValueError("naive datetime")
    return is_late(now.astimezone(STOCKHOLM), deadline_on, deadline_time)


@dataclass(frozen=True)
class Timeliness:
    """An answer against its deadline."""

    late: bool
    days: int  # calendar days from the deadline's day to the answer's (negative: before)
    workdays: int  # working days likewise

    @property
    def words(self) -> str:
        """"för sent, 2 arbetsdagar (4 dagar) efter sista svarsdagen", "i tid, på sista svarsdagen", …"""
        verdict = "för sent" if self.late else "i tid"
        if self.days == 0:
            return f"{verdict}, {'efter klockslaget ' if self.late else ''}på sista svarsdagen"
        days = count_words(abs(self.days), "dag", "dagar")
        span = f"{count_words(abs(self.workdays), 'arbetsdag', 'arbetsdagar')} ({days})" \
            if self.workdays and abs(self.workdays) != abs(self.days) else days
        return f"{verdict}, {span} {'efter' if self.days > 0 else 'före'} sista svarsdagen"


def timeliness(answered: datetime, deadline_on: date, deadline_time: time | None,
               calendar: WorkCalendar) -> Timeliness:
    """How an answer given at answered (Stockholm wall time) stands to the deadline."""
    day = answered.date()
    return Timeliness(is_late(answered, deadline_on, deadline_time), (day - deadline_on).days,
                      calendar.workdays_between(deadline_on, day))
