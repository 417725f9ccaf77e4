"""Soft hyphens go into long Swedish words only, at Swedish hyphenation points; addresses and ids stay whole."""
from remiss.web.hyphenation import SOFT_HYPHEN, soft_hyphens


def show(text: str) -> str:
    return soft_hyphens(text).replace(SOFT_HYPHEN, "|")


def test_long_compound_words_get_their_hyphenation_points():
    assert show("Tjänsteskrivelse klar") == "Tjäns|te|skri|velse klar"
    assert show("Plan för individ- och familjeomsorgen") == "Plan för individ- och famil|je|om|sor|gen"
    assert show("Kräver uppmärksamhet") == "Kräver upp|märk|sam|het"


def test_addresses_diarienummer_and_short_words_stay_whole():
    text = "registrator.arbetsmarknadsforvaltningen@stadsbyggnadskontoret.se KS-IOF-2010-15 https://exempel.se/remissvar"
    assert soft_hyphens(text) == text
    assert soft_hyphens("Riktlinjer för remisser till kommunen") == "Riktlinjer för remisser till kommunen"
    assert soft_hyphens("") == ""
