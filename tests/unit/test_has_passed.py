"""calendar.timeliness.has_passed: the one rule for whether a deadline has passed (walk16 0b)."""
from datetime import date, datetime, time, timezone

from remiss.calendar.timeliness import has_passed
from remiss.clock import STOCKHOLM

AFTER = datetime(2026, 12, 5, 6, 45, tzinfo=timezone.utc)  # 07.45 in Stockholm
TODAY = date(2026, 12, 5)


def test_has_passed_reads_the_clock_time_in_stockholm():
    assert has_passed(TODAY, time(7, 30), AFTER)  # 07.45 Stockholm
    assert not has_passed(TODAY, time(7, 30), datetime(2026, 12, 5, 6, 29, tzinfo=timezone.utc))  # 07.29
    assert not has_passed(TODAY, None, AFTER)  # a day without a time runs to its end
    assert has_passed(TODAY, None, datetime(2026, 12, 6, 0, 0, tzinfo=STOCKHOLM))
