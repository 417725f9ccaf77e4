"""Lookup keys of a diarienummer and a title (remiss.remisser.keys): what counts and what does not."""
import pytest

from remiss.remisser.keys import dnr_key, dnr_tail, title_key, typed_dnr


@pytest.mark.parametrize("typed", ["SOFÖ 2026/0006", "sofö 2026/6", "SOFO 2026/0006", "sofo-2026-06",
                                   " SOFÖ  2026 / 6 ", "Sofö 2026:6"])
def test_one_key_whatever_the_case_spacing_diacritics_or_leading_zeros(typed):
    assert dnr_key(typed) == "sofo-2026-6"
    assert dnr_tail(typed) == "2026-6"


@pytest.mark.parametrize("dnr, key, tail", [
    ("KS-IOF-2010-00015", "ks-iof-2010-15", "2010-15"),
    ("Fi2024/01234", "fi-2024-1234", "2024-1234"),
    ("S2019/04567/FS", "s-2019-4567-fs", "2019-4567-fs"),
    ("15/10", "15-10", "15-10"),
    ("2015/97-IFN-702", "2015-97-ifn-702", "2015-97-ifn-702"),
    ("KS 2018/0", "ks-2018-0", "2018-0"),
    ("N2 2017/00001", "n-2-2017-1", "2017-1"),  # a prefix with a digit is all prefix
    ("KS IOF 2010 / 15", "ks-iof-2010-15", "2010-15"),
    ("Kommunstyrelsen Fi2024/01234", "kommunstyrelsen-fi-2024-1234", "2024-1234"),
    ("", None, None), ("--", None, None), ("Kommunstyrelsen", "kommunstyrelsen", None),
])
def test_keys_of_real_diarienummer(dnr, key, tail):
    assert (dnr_key(dnr), dnr_tail(dnr)) == (key, tail)


def test_a_different_number_or_prefix_is_a_different_key():
    assert dnr_key("SOFÖ 2026/0016") != dnr_key("SOFÖ 2026/0006") != dnr_key("SN 2026/0006")
    assert dnr_key("KS-IOF-2010-15") == dnr_key("KS-IOF-2010-00015") != dnr_key("KS-IOF-2011-00015")


@pytest.mark.parametrize("typed, meaning", [
    ("SOFO 2026/0006", ("key", "sofo-2026-6")),
    ("2026/6", ("tail", "2026-6")),
    ("KS-IOF-2010-15", ("key", "ks-iof-2010-15")),
    ("2026", None), ("kulturstrategi", None), ("", None), ("6", None), ("x" * 90 + " 2026/6 " + "y" * 20, None),
])
def test_what_a_typed_search_means_as_a_diarienummer(typed, meaning):
    assert typed_dnr(typed) == meaning


def test_title_keys_ignore_case_punctuation_and_diacritics_only():
    assert title_key("Förslag till ny IoF-plan") == title_key("FÖRSLAG  TILL NY IOF PLAN.") == "forslag till ny iof plan"
    assert title_key("Förslag till ny IoF-plan 2011") != title_key("Förslag till ny IoF-plan")
    assert title_key("  ") is None


def test_title_keys_drop_the_remiss_lead_the_missiv_parser_drops():
    """An old title stored as "Remiss av X" and a new parsed "X" are the same remiss."""
    plain = title_key("Förslag till ny IoF-plan")
    for stored in ("Remiss av förslag till ny IoF-plan", "Remiss angående Förslag till ny IoF-plan",
                   "Remiss: Förslag till ny IoF-plan", "REMISS  – förslag till ny IoF-plan",
                   "Remiss av promemorian Förslag till ny IoF-plan"):
        assert title_key(stored) == plain, stored
    assert title_key("Remiss") == "remiss"  # names no matter: kept, not emptied
    assert title_key("Remissvar från Kulturnämnden") == "remissvar fran kulturnamnden"
