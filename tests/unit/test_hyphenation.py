"""Soft hyphens go into long Swedish words only, at Swedish hyphenation points; addresses and ids stay whole."""
from remiss.web.hyphenation import SOFT_HYPHEN, soft_hyphens


def show(text: str) -> str:
    return soft_hyphens(text).replace(SOFT_HYPHEN, "|")


def test_long_compound_words_get_their_hyphenation_points():
    assert show("Tjänsteskrivelse klar") == "Tjänste|skri|velse klar"
    assert show("Plan för individ- och familjeomsorgen") == "Plan för individ- och famil|je|om|sor|gen"
    assert show("Kräver uppmärksamhet") == "Kräver upp|märk|sam|het"


def test_the_linking_s_of_a_compound_stays_with_its_first_part():
    """walk8 finding 17: the patterns gave "till|syn|s|or|ga|ni|sa|tion", a part of one consonant."""
    assert show("tillsynsorganisation") == "till|syns|or|ga|ni|sa|tion"
    assert show("Tillsynsorganisationen") == "Till|syns|or|ga|ni|sa|tio|nen"
    for word in ("tillsynsorganisation", "arbetsmarknadsnämnden", "stadsbyggnadskontoret", "socialförvaltningens",
                 "miljöförvaltningen", "samhällsbyggnadsförvaltningen", "remissinstanserna"):
        for part in show(word).split("|"):
            assert set(part.lower()) & set("aeiouyåäö"), (word, show(word))


def test_the_application_s_own_compounds_break_at_their_seam():
    """walk8 finding 17: the syllable patterns gave "remis|sin|stan|serna" across the seam of remiss + instans."""
    assert show("remissinstanserna").startswith("remiss|in")
    assert show("Remissinstans") == "Remiss|instans"
    assert show("nämndsekreterare").startswith("nämnd|")
    # only whole parts are seams: remiss + sammanställning is written with two s, and kommun- is not kommunikation
    assert not show("Remissammanställning").startswith("Remiss|")
    assert not show("kommunikationsplan").startswith("kommun|")


def test_addresses_diarienummer_and_short_words_stay_whole():
    text = "registrator.arbetsmarknadsforvaltningen@stadsbyggnadskontoret.se KS-IOF-2010-15 https://exempel.se/remissvar"
    assert soft_hyphens(text) == text
    assert soft_hyphens("Riktlinjer för remisser till kommunen") == "Riktlinjer för remisser till kommunen"
    assert soft_hyphens("") == ""
