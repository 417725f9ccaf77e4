"""Compound department and nämnd names, and sändlistor given only in general terms."""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv


@pytest.mark.parametrize("text, expected", [
    ("Remissvaren ska ha kommit in till Miljö- och energidepartementet senast den 1 mars 2019.",
     "Miljö- och energidepartementet"),
    ("Svaret ska vara Vård- och omsorgsnämnden tillhanda senast 2024-05-03.", "Vård- och omsorgsnämnden"),
    ("Svaren ska ha kommit in till Kultur-, fritids- och idrottsnämnden senast den 3 maj 2024.",
     "Kultur-, fritids- och idrottsnämnden"),
    ("Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024.", "Finansdepartementet"),
])
def test_compound_remittent_names(text, expected):
    result = parse_missiv(text)
    assert result.remittent == expected
    assert any(e.field == "remittent" and e.text == expected for e in result.evidence)


@pytest.mark.parametrize("text, words", [
    ("Remiss angående Handlingsplan\n\nSändlista\nSamtliga nämnder och fackliga organisationer\n\n"
     "Svar senast den 30 september 2015.", "Samtliga nämnder och fackliga organisationer"),
    ("Beredningen beslutade att översända utredningen på remiss till samtliga nämnder och fackliga "
     "organisationer, med svar senast den 30 september 2015.", "samtliga nämnder och fackliga organisationer"),
    ("Remissinstanser:\nSamtliga nämnder, bolag och fackliga organisationer\n",
     "Samtliga nämnder, bolag och fackliga organisationer"),
])
def test_generic_sandlista_is_left_empty_with_warning_and_no_evidence(text, words):
    # walk 12 finding 13: evidence beside an empty value ("Sändlista –") read as if the words were the list; the
    # warning says where the letter names its remissinstanser only in general
    result = parse_missiv(text)
    assert result.sandlista == []
    assert f"Sändlistan anges bara allmänt (”{words}”); fyll i remissinstanserna för hand." in result.warnings
    assert [e.text for e in result.evidence if e.field == "sandlista"] == []


def test_generic_entry_inside_a_real_list_is_kept():
    text = "Remissinstanser\nSamtliga stadsdelsnämnder\nSociala resursnämnden\nKommunal\n\nSvar senast 2015-09-30."
    assert parse_missiv(text).sandlista == ["Samtliga stadsdelsnämnder", "Sociala resursnämnden", "Kommunal"]
