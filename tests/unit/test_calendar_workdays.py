import ast
from datetime import date
from pathlib import Path

import pytest

import remiss.calendar

from remiss.calendar.workdays import WorkCalendar, swedish_days_off

CAL = WorkCalendar()


@pytest.mark.parametrize(
    "day, reason",
    [
        (date(2022, 6, 24), "midsommarafton"),
        (date(2022, 12, 24), "julafton"),
        (date(2021, 12, 31), "nyårsafton"),
        (date(2010, 4, 2), "långfredagen"),
        (date(2010, 4, 5), "annandag påsk"),
        (date(2022, 6, 6), "nationaldagen"),
        (date(2022, 5, 26), "kristi himmelsfärdsdag"),
        (date(2015, 9, 26), "lördag"),
        (date(2015, 9, 27), "söndag"),
    ],
)
def test_days_off(day, reason):
    assert CAL.day_off_reason(day) == reason
    assert not CAL.is_workday(day)


def test_ordinary_weekday_and_aftnar_that_are_working_days():
    assert CAL.is_workday(date(2015, 10, 8))
    # valborgsmässoafton and skärtorsdagen are ordinary working days
    assert CAL.is_workday(date(2022, 4, 29))
    assert CAL.is_workday(date(2010, 4, 1))


def test_sundays_are_not_listed_as_holidays_by_name():
    assert date(2015, 9, 27) not in swedish_days_off(2015)
    assert swedish_days_off(2022)[date(2022, 6, 5)] == "Pingstdagen"


def test_klamdag_added_by_admin():
    cal = WorkCalendar({date(2022, 5, 27): "klämdag"})
    assert cal.day_off_reason(date(2022, 5, 27)) == "klämdag"
    assert CAL.is_workday(date(2022, 5, 27))
    assert WorkCalendar([date(2022, 5, 27)]).day_off_reason(date(2022, 5, 27)) == "klämdag"


def test_add_workdays_skips_easter():
    assert CAL.add_workdays(date(2010, 3, 30), 10) == date(2010, 4, 15)
    assert CAL.add_workdays(date(2010, 4, 6), -1) == date(2010, 4, 1)
    assert CAL.add_workdays(date(2015, 9, 24), 10) == date(2015, 10, 8)
    assert CAL.add_workdays(date(2015, 9, 26), 0) == date(2015, 9, 26)


def test_next_and_previous_workday_and_count():
    assert CAL.next_workday(date(2022, 12, 24)) == date(2022, 12, 27)
    assert CAL.previous_workday(date(2022, 12, 26)) == date(2022, 12, 23)
    assert CAL.workdays_between(date(2010, 3, 11), date(2010, 3, 30)) == 13
    assert CAL.workdays_between(date(2010, 3, 30), date(2010, 3, 11)) == -13


def test_named_days_off_between_lists_weekday_holidays_only():
    assert CAL.named_days_off_between(date(2010, 3, 30), date(2010, 4, 15)) == [
        (date(2010, 4, 2), "långfredagen"),
        (date(2010, 4, 5), "annandag påsk"),
    ]


def test_pure_modules_import_no_app_code():
    package = Path(remiss.calendar.__file__).parent
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                root = name.split(".")[0]
                assert root not in ("flask", "sqlmodel", "sqlalchemy"), (source.name, name)
                if root == "remiss":  # the calendar and the Stockholm clock conversions, both pure
                    assert name.startswith(("remiss.calendar", "remiss.clock")), (source.name, name)
