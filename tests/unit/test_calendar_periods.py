from datetime import date, datetime

import pytest

from remiss.calendar.meetings import STOCKHOLM
from remiss.calendar.periods import (
    Period,
    add_months,
    explicit_deadline,
    parse_period,
    period_deadline,
)
from remiss.calendar.workdays import WorkCalendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    "start, period, moved_from, value, said",
    [
        pytest.param(date(2022, 5, 13), Period(6, "veckor"), date(2022, 6, 24), date(2022, 6, 27),
                     ["(midsommarafton)"], id="midsommarafton moves to monday"),
        pytest.param(date(2022, 11, 26), Period(4, "veckor"), date(2022, 12, 24), date(2022, 12, 27),
                     ["flyttad från lördag 24 december (julafton) till tisdag 27 december", "1930:173"],
                     id="julafton explained in swedish"),
        pytest.param(date(2021, 12, 17), Period(2, "veckor"), date(2021, 12, 31), date(2022, 1, 3),
                     ["flyttad från fredag 31 december 2021 (nyårsafton) till måndag 3 januari 2022"],
                     id="nyarsafton moves into next year"),
        pytest.param(date(2010, 3, 2), Period(1, "manader"), date(2010, 4, 2), date(2010, 4, 6),
                     ["(långfredagen)"], id="langfredagen"),
        pytest.param(date(2010, 3, 22), Period(2, "veckor"), date(2010, 4, 5), date(2010, 4, 6),
                     ["flyttad från måndag 5 april (annandag påsk) till tisdag 6 april"], id="annandag pask"),
        pytest.param(date(2015, 9, 19), Period(1, "veckor"), date(2015, 9, 26), date(2015, 9, 28),
                     ["flyttad från lördag 26 september till måndag 28 september"], id="saturday"),
        pytest.param(date(2015, 9, 6), Period(3, "veckor"), date(2015, 9, 27), date(2015, 9, 28),
                     ["flyttad från söndag 27 september till måndag 28 september"], id="sunday"),
    ],
)
def test_period_ending_on_a_closed_day_moves_and_says_why(start, period, moved_from, value, said):
    result = period_deadline(start, period, CAL)
    assert result.moved_from == moved_from
    assert result.value == value
    for words in said:
        assert words in result.explanation


def test_month_from_31_january_ends_on_last_day_of_february():
    assert period_deadline(date(2011, 1, 31), Period(1, "manader"), CAL).value == date(2011, 2, 28)
    leap = period_deadline(date(2012, 1, 31), Period(1, "manader"), CAL)
    assert leap.value == date(2012, 2, 29)
    assert "februari saknar den 31:e" in leap.explanation
    # 28 February 2010 is a Sunday, so the month's last day then moves on
    assert period_deadline(date(2010, 1, 31), Period(1, "manader"), CAL).value == date(2010, 3, 1)


def test_month_from_31_march_ends_on_30_april():
    result = period_deadline(date(2010, 3, 31), Period(1, "manader"), CAL)
    assert result.value == date(2010, 4, 30)
    assert result.moved_from is None


def test_week_period_ends_on_same_weekday():
    result = period_deadline(date(2010, 3, 31), Period(6, "veckor"), CAL)
    assert result.value == date(2010, 5, 12)
    assert result.explanation == (
        "Sex veckor från onsdag 31 mars 2010 ger onsdag 12 maj 2010."
    )


def test_three_months_from_the_remiss():
    assert period_deadline(date(2015, 6, 15), Period(3, "manader"), CAL).value == date(2015, 9, 15)


def test_klamdag_moves_deadline():
    plain = period_deadline(date(2022, 5, 13), Period(2, "veckor"), CAL)
    with_klamdag = period_deadline(
        date(2022, 5, 13), Period(2, "veckor"), WorkCalendar({date(2022, 5, 27): "klämdag"})
    )
    assert plain.value == date(2022, 5, 27)
    assert with_klamdag.value == date(2022, 5, 30)
    assert "(klämdag)" in with_klamdag.explanation


def test_explicit_date_on_julafton_is_kept_with_warning():
    result = explicit_deadline(datetime(2022, 12, 24, 12, 0, tzinfo=STOCKHOLM), CAL)
    assert result.value == date(2022, 12, 24)
    assert result.moved_from is None
    assert result.warning is not None
    assert "julafton" in result.warning
    assert "fredag 23 december 2022" in result.warning


def test_explicit_working_day_has_no_warning():
    assert explicit_deadline(date(2010, 3, 31), CAL).warning is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Yttrandet ska ha kommit in inom sex veckor", Period(6, "veckor")),
        ("tre månader från dagen för remissen", Period(3, "manader")),
        ("inom 30 dagar", Period(30, "dagar")),
        ("senast den 31 mars 2010", None),
    ],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


def test_add_months_clamps_and_crosses_years():
    assert add_months(date(2015, 12, 31), 2) == date(2016, 2, 29)
    assert add_months(date(2015, 5, 31), -1) == date(2015, 4, 30)
