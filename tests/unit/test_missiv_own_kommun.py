"""walk28 Z6: a missiv from a nämnd of the reader's own kommun names that nämnd as remittent, not the kommun.

"Kulturnämnden, Malmö stad" read by a nämnd of Malmö stad gave remittent "Malmö stad", so the yttrande went "Till
Malmö stad". The parser is told the reader's own organisations; within one of them the sending nämnd is the
remittent. Read by anyone else the kommun stays, with its warning.
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv

# the walk's "Missiv biblioteksplan.docx" (/tmp/h-walk28-mkeml.py): the answer address is the kommun's domain
KULTUR = ("Kulturförvaltningen\nDatum 2026-11-30\nDiarienummer KN-2026-1234\n"
          "Remiss – Förslag till biblioteksplan 2027–2030\n"
          "Kulturnämnden har beslutat att remittera förslaget till biblioteksplan 2027–2030 till "
          "stadsområdesnämnderna.\nVi vill särskilt ha svar på följande frågor:\n"
          "1. Hur påverkas biblioteksverksamheten i ert område?\n"
          "Yttrandet ska vara Kulturnämnden tillhanda senast den 15 februari 2027 kl. 12.00. Svar skickas till "
          "kulturnamnden@malmo.se med diarienummer KN-2026-1234 angivet.\n"
          "Kontaktperson: Anna Andersson, anna.andersson@malmo.se\nMed vänlig hälsning\nKulturnämnden\n")
# the walk's Stadsbyggnadsnämnden letter (/tmp/h-walk28-h.py): the kommun named and its address, both
STADSBYGGNAD = ("Stadsbyggnadsnämnden\nDatum: 2 december 2026\nDnr SBN-2026-0777\n"
                "Remiss – Utställningsförslag till översiktsplan för Malmö stad\n"
                "Stadsbyggnadsnämnden remitterar härmed utställningsförslaget till översiktsplan.\n"
                "Synpunkter ska ha kommit in till Stadsbyggnadsnämnden senast den 31 mars 2027. "
                "Svaret skickas till sbk@malmo.se.\n")


@pytest.mark.parametrize("text, namnd", [(KULTUR, "Kulturnämnden"), (STADSBYGGNAD, "Stadsbyggnadsnämnden")])
@pytest.mark.parametrize("own", ["Malmö stad", "Malmö kommun", " malmö  stad "])
def test_a_namnd_of_the_readers_own_kommun_is_the_remittent(text: str, namnd: str, own: str) -> None:
    result = parse_missiv(text, organisations=("Region Skåne", own))
    assert result.remittent == namnd
    assert not any("remittenten antas vara kommunen" in w for w in result.warnings)
    assert [e.text for e in result.evidence if e.field == "remittent"] == [namnd]


@pytest.mark.parametrize("organisations", [(), ("Lunds kommun",)])
def test_read_from_another_kommun_the_kommun_stays_the_remittent(organisations) -> None:
    result = parse_missiv(KULTUR, organisations=organisations)
    assert result.remittent == "Malmö stad"
    assert any(w.startswith("Texten anger bara Kulturnämnden som avsändare; remittenten antas vara kommunen, Malmö stad")
               for w in result.warnings)
    assert parse_missiv(STADSBYGGNAD, organisations=organisations).remittent == "Malmö stad"


def test_a_body_outside_the_kommun_is_untouched_by_the_readers_organisation() -> None:
    text = ("Remiss av promemorian Sänkt skatt\nRemissvaren ska ha kommit in till Finansdepartementet senast den "
            "15 maj 2027. Ange diarienummer Fi2027/00345.\n")
    assert parse_missiv(text, organisations=("Malmö stad",)).remittent == "Finansdepartementet"


# the kommun by its answer address alone, and one unit of it named in the letter
_BY_ADDRESS = ("Malmö stad\n\nRemiss – Förslag till lokalförsörjningsplan 2027\n\n{unit} önskar synpunkter på "
               "förslaget. Svar senast den 1 mars 2027 till registrator@malmo.se.\n")


def test_our_kommun_by_its_address_gives_way_to_the_one_unit_the_letter_names() -> None:
    result = parse_missiv(_BY_ADDRESS.format(unit="Fastighetskontoret"), organisations=("Malmö stad",))
    assert result.remittent == "Fastighetskontoret"
    assert "Remittenten (Fastighetskontoret) är den nämnd eller förvaltning i Malmö stad som brevet nämner; " \
           "kontrollera." in result.warnings
    assert parse_missiv(_BY_ADDRESS.format(unit="Fastighetskontoret")).remittent == "Malmö stad"


@pytest.mark.parametrize("unit", ["Förvaltningen", "Fastighetskontoret och Kulturnämnden"])
def test_no_unit_or_two_leave_our_kommun(unit: str) -> None:
    # "Förvaltningen" alone names no one; two units: which sends is a person's choice
    assert parse_missiv(_BY_ADDRESS.format(unit=unit), organisations=("Malmö stad",)).remittent == "Malmö stad"
