"""Our arrival stamp read from a missiv: the stamped date, a written note, and what is neither."""
import time
from datetime import date
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.received import find_received

SEED_000 = Path("/work/shared/seeds/000_7d94b0ceea26e384.txt").read_text(encoding="utf-8")


def test_seed_000_stamp_is_inkom_and_the_letter_date_stays_the_letters():
    result = parse_missiv(SEED_000)
    assert result.received_date == date(2010, 1, 26) and result.letter_date == date(2010, 1, 22)
    evidence = next(e for e in result.evidence if e.field == "received")
    assert evidence.text == "2010 -01- 26"
    assert result.to_json()["received_date"] == "2010-01-26"


@pytest.mark.parametrize("text,day", [
    ("Inkom 2010-01-26\nRemiss", date(2010, 1, 26)),
    ("INKOM:\t2010-01-26", date(2010, 1, 26)),
    ("Ankom den 26 januari 2010", date(2010, 1, 26)),
    ("Inkommen 26/1-10", date(2010, 1, 26)),
    ("Stämpel\n  2010 - 01 - 26  \n", date(2010, 1, 26)),
    ("Svaret ska ha inkommit 2010-03-31.", None),  # a deadline
    ("Synpunkter ska ha inkommit senast den 30 april 2021.", None),
    ("Remissvaren inkom till departementet", None),  # no date after the word
    ("2010-01-22\nUtan stämpel", None),  # the letter's own date alone on its line
])
def test_stamps_and_what_is_not_one(text, day):
    found = find_received(text)
    assert (found.day if found else None) == day


def test_a_stamp_before_the_letter_was_written_is_not_taken():
    assert find_received("Inkom 2010-01-20", letter_date=date(2010, 1, 22)) is None


@pytest.mark.parametrize("text", ["inkom " * 20000, "\n" * 100_000, " " * 100_000 + "x", "2010 - 01 -" * 10000])
def test_adversarial_text_is_read_quickly(text):
    start = time.thread_time()
    find_received(text)
    assert time.thread_time() - start < 0.5
