"""A job title mid-sentence in the expediering mail is written in lower case; an abbreviation stays."""
import pytest

from remiss.drafting.mailing import title_after_preposition, title_in_sentence


@pytest.mark.parametrize("title, expected", [
    ("Utredningssekreterare", "utredningssekreterare"), ("utvecklingssamordnare", "utvecklingssamordnare"),
    ("IT-strateg", "IT-strateg"), ("HR-chef", "HR-chef"), (" Planarkitekt ", "planarkitekt"), ("Å", "Å"),
])
def test_title_in_sentence(title, expected):
    assert title_in_sentence(title) == expected


@pytest.mark.parametrize("title, expected", [
    # walk11 finding 18: "Yttrande över Remiss av …" in the expediering mail's subject
    ("Remiss av förslag till miljöprogram 2027–2030", "remiss av förslag till miljöprogram 2027–2030"),
    ("Förslag till Handlingsplan för kulturstrategi 2016", "förslag till Handlingsplan för kulturstrategi 2016"),
    # a name or an abbreviation first stays as written
    ("Malmö stads miljöprogram", "Malmö stads miljöprogram"), ("SKR:s förslag", "SKR:s förslag"),
    ("REMISS AV PLAN", "REMISS AV PLAN"),
])
def test_title_after_preposition(title, expected):
    assert title_after_preposition(title) == expected
