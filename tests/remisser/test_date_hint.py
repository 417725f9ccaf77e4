"""The example in a bad date's message is the one the form's hint gives (not 2010 in one place, 2027 in another)."""
from __future__ import annotations

from pathlib import Path

import pytest

from remiss.remisser.input import DATE_EXAMPLE, parse_date

FORM = Path(__file__).resolve().parents[2] / "templates" / "remisser" / "form.html"


def test_bad_date_message_and_form_hint_give_the_same_example():
    with pytest.raises(ValueError) as bad:
        parse_date("31 februari")
    assert f"till exempel {DATE_EXAMPLE}." in str(bad.value)
    hints = FORM.read_text(encoding="utf-8").count(f"Till exempel {DATE_EXAMPLE}.")
    assert hints == 3  # received_on, deadline_on, letter_date
