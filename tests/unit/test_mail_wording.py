"""A job title mid-sentence in the expediering mail is written in lower case; an abbreviation stays."""
import pytest

from remiss.drafting.mailing import title_in_sentence


@pytest.mark.parametrize("title, expected", [
    ("Utredningssekreterare", "utredningssekreterare"), ("utvecklingssamordnare", "utvecklingssamordnare"),
    ("IT-strateg", "IT-strateg"), ("HR-chef", "HR-chef"), (" Planarkitekt ", "planarkitekt"), ("Å", "Å"),
])
def test_title_in_sentence(title, expected):
    assert title_in_sentence(title) == expected
