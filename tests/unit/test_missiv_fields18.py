"""Round 18 (h-parse18): the fields other than the title, each rule written from one development set's letter and
checked on the others (bench/results-missiv.md, "Round 18, h-parse18").

Each test quotes the lines of a development text (set and id named) of tests/data/missiv; the guards quote letters
where the same kind of words must not change a field.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.dnr import find_sender_dnr

# fresh3-dev g12 (a relay page): the traffic board's number stands after the remiss's name, with no "Dnr" in front
_G12 = ("Sjötrafikutredningen – remissvar 2\n\nFörsta delen av sjötrafikutredningen har varit ute på remiss.\n\n"
        "Sista datum för ett andra remissvar på Remiss för Sjötrafikutredning del 1 TN 2019-0440 är satt till "
        "2021-09-30.\n\nHHIF remissvar finns här Remissvar HHIF\n")
# fresh11-holdout z15 (a relay page): the nämnd's number in the postal address the answers go to
_Z15 = ("Synpunkter på reservatsförslaget skulle vara inne till Miljö- och Stadsbyggnadsnämnden, NRN 2013/37-265 "
        "Registrator, 131 81 Nacka senast 2014-09-14.\n\nNacka Miljövårdsråds remissvar, 2014-09-14.\n")


def test_a_board_series_number_without_a_cue_is_taken_with_a_warning() -> None:
    for text, number in ((_G12, "TN 2019-0440"), (_Z15, "NRN 2013/37-265")):
        found = parse_missiv(text)
        assert found.sender_dnr == number
        assert any("står utan ledtext" in w for w in found.warnings)


def test_a_cued_number_wins_over_a_cueless_one() -> None:
    text = _G12 + "\nDiarienummer: KS 2021/55\n"
    found = parse_missiv(text)
    assert found.sender_dnr == "KS 2021/55"
    assert not any("står utan ledtext" in w for w in found.warnings)


def test_report_and_statute_series_and_the_receivers_registration_are_no_cueless_number() -> None:
    # dev f12's "(SB PM 2003:2)" and h29's "ELSÄK-FS 2006:1" are a report's and a statute's series (a colon after the
    # year); fresh5 n16's forward note "Diarieförd som KS 2012/118" is the receiving kommun's own registration
    for text in ("Promemorian (SB PM 2003:2) remitteras.", "Ändring i ELSÄK-FS 2006:1 remitteras.",
                 "Remiss Regional cykelstrategi för Sörmland\n\nDiarieförd som KS 2012/118. Vilken nämnd ska svara?"):
        found = find_sender_dnr(text)
        assert found.value is None, text
