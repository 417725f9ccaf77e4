"""Layouts met in the second development set (tests/data/missiv/kinds/missiv-extra.json), each on its real text.

Every test reads one letter of that file and checks the field whose rule it came with; a letter's other fields
are scored by bench/missiv_eval.py.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv

EXTRA = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds" / "missiv-extra.json"


@pytest.fixture(scope="module")
def letters() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(EXTRA.read_text(encoding="utf-8"))}


def test_contact_after_kontakta_with_a_colon_on_its_own_line(letters):
    # "För mer information kontakta:\n\nAnne-Catrin Almer\nVattenhandläggare" (Länsstyrelsen i Jönköpings län)
    assert parse_missiv(letters["x07"]["text"]).contact_person == "Anne-Catrin Almer"


def test_a_landsting_under_kontakt_is_the_remittent_not_a_contact_person(letters):
    # "Kontakt\n\nLandstinget Dalarna": the regions' former names are in the register.
    result = parse_missiv(letters["x19"]["text"])
    assert result.contact_person is None
    assert result.remittent == "Region Dalarna"
    assert result.answer_email == "kultur@ltdalarna.se"


def test_a_pages_publication_date_gives_a_yearless_deadline_its_year(letters):
    # "Publicerad 8 maj 2018" … "senast den 29 juni"
    result = parse_missiv(letters["x19"]["text"])
    assert result.letter_date == date(2018, 5, 8)
    assert result.deadline == date(2018, 6, 29)


def test_synpunkter_till_och_med_is_the_deadline_and_an_internal_21_4_is_not(letters):
    assert parse_missiv(letters["x16"]["text"]).deadline == date(2023, 4, 28)


def test_oppen_remiss_for_and_ar_ute_pa_remiss_are_dropped_from_the_title(letters):
    assert parse_missiv(letters["x17"]["text"]).title == "Hallands kulturstrategi och kulturplan 2021–2024"
    assert parse_missiv(letters["x19"]["text"]).title == "Kultur- och bildningsplanen"


def test_a_page_named_only_samrad_takes_the_item_heading_as_title(letters):
    assert parse_missiv(letters["x14"]["text"]).title == "Etapp 2 Runnabäcken/Söders gärde"


def test_an_answer_address_in_a_bulleted_list_below_the_instruction(letters):
    # "Den som har synpunkter … Detta görs på ett av tre sätt:\n• … \n• Skicka e-post till tekniska@vara.se"
    assert parse_missiv(letters["x12"]["text"]).answer_email == "tekniska@vara.se"


def test_a_section_label_above_the_items_heading_is_not_the_title(letters):
    # "Miljöanalys\n\nGrön infrastruktur\n\nDet handlar om …" (Länsstyrelsen i Norrbottens län)
    assert parse_missiv(letters["x09"]["text"]).title == "Grön infrastruktur"
    assert parse_missiv(letters["x10"]["text"]).title == "Natura 2000-älvarnas områdesgränser i Norrbotten justeras"


def test_a_bare_lansstyrelsen_as_subject_names_the_one_lansstyrelse_of_the_text(letters):
    # "Länsstyrelsen har justerat …" and, at the foot, "Kontakt\n\nLänsstyrelsen i Norrbottens län";
    # Naturvårdsverket is named once too, so counting mentions alone would not decide.
    result = parse_missiv(letters["x10"]["text"])
    assert result.remittent == "Länsstyrelsen i Norrbottens län"
    assert any("kontrollera" in w for w in result.warnings)


def test_a_clock_time_without_minutes_and_after_fore():
    from datetime import datetime
    assert parse_missiv("Yttrandet ska ha kommit in senast den 5 maj 2023 kl. 12.").deadline == datetime(2023, 5, 5, 12, 0)
    assert parse_missiv("Svaren ska vara oss tillhanda senast den 5 maj 2023 före kl. 15.00."
                        ).deadline == datetime(2023, 5, 5, 15, 0)
    # A meeting's span is no deadline time.
    assert parse_missiv("Svar senast den 5 maj 2023. Möte kl. 9.30-10.30.").deadline == date(2023, 5, 5)


def test_department_prefixes_since_2023_are_diarienummer_and_name_the_department():
    result = parse_missiv("Remiss av promemorian X\n\nAnge diarienummer LI2023/01234 i ämnesraden.")
    assert result.sender_dnr == "LI2023/01234"
    assert result.remittent == "Landsbygds- och infrastrukturdepartementet"


def test_an_answer_that_is_inges_till_an_address():
    text = "Remissvaret inges till kommunstyrelsen@example.se senast den 1 juni 2024."
    assert parse_missiv(text).answer_email == "kommunstyrelsen@example.se"


def test_a_call_to_answer_headline_gives_the_name_or_nothing(letters):
    # "Tyck till om kommunens avfallsplan" names the plan, completed (round 16) by the place and period the text
    # gives it ("Avfallsplan Vara kommun 2018-2028", the annotated title); "Inbjudan att lämna synpunkter på remiss" names
    # nothing, so the title is not that sentence but the proposal the text asks about ("… synpunkter på förslaget
    # till ny regional kulturplan 2024-2027").
    assert parse_missiv(letters["x12"]["text"]).title == "Avfallsplan Vara kommun 2018-2028"
    assert parse_missiv(letters["x16"]["text"]).title == "Regional kulturplan 2024-2027"
    result = parse_missiv("Inbjudan att lämna synpunkter på remiss\n\nSvar senast den 1 juni 2024 till ks@example.se.")
    assert result.title is None
    assert "Ingen ärendemening (titel) hittades." in result.warnings
