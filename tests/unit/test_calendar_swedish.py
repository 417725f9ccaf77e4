from datetime import date, datetime

from remiss.calendar.meetings import STOCKHOLM
from remiss.calendar.swedish import (
    format_date,
    format_datetime,
    format_weekday_date,
    weekday_name,
)


def test_weekday_is_computed_not_copied_from_seed_003():
    # seed 003 says "onsdagen den 8 oktober 2015"; it was a Thursday
    assert weekday_name(date(2015, 10, 8)) == "torsdag"
    assert format_weekday_date(date(2015, 10, 8)) == "torsdag 8 oktober 2015"


def test_dates_in_swedish_words():
    assert format_date(date(2010, 3, 31)) == "31 mars 2010"
    assert weekday_name(date(2022, 12, 27)) == "tisdag"
    assert format_datetime(datetime(2010, 3, 31, 12, 0, tzinfo=STOCKHOLM)) == (
        "onsdag 31 mars 2010 kl. 12.00"
    )
