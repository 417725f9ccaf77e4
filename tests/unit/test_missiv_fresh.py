"""Layouts met in the fresh development set (tests/data/missiv/fresh/fresh-dev.json), each on its real text.

Only the development half is read here: the held-out half (fresh-holdout.json) is never tuned on. Each test
checks the field whose rule it came with; the other fields are scored by bench/missiv_eval.py.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv

FRESH_DEV = Path(__file__).resolve().parents[1] / "data" / "missiv" / "fresh" / "fresh-dev.json"


@pytest.fixture(scope="module")
def letters() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(FRESH_DEV.read_text(encoding="utf-8"))}


def test_an_ocr_l_for_one_and_remisstiden_gick_ut_give_the_deadline(letters):
    # "senast den l oktober 2015" (a scanned 1) and "Remisstiden gick ut den 1 oktober 2015".
    assert parse_missiv(letters["f11"]["text"]).deadline == date(2015, 10, 1)


def test_pa_samrad_till_och_med_an_iso_date_is_the_deadline(letters):
    # "ett förslag på ny avfallsplan som nu är på samråd till och med 2024-06-30" (Nykvarns kommun)
    assert parse_missiv(letters["f15"]["text"]).deadline == date(2024, 6, 30)


def test_a_later_date_given_to_kommunerna_is_the_kommuns_deadline(letters):
    # "senast den 18 maj 2018. För kommunerna finns dock möjlighet att inkomma med svaren fram till den 8 juni 2018."
    result = parse_missiv(letters["f26"]["text"])
    assert result.deadline == date(2018, 6, 8)
    assert any("Kommunerna har en egen svarsfrist" in w for w in result.warnings)


def test_regeringens_glued_diarienummer_leaves_the_title(letters):
    # "# Remiss av Höjd fastighetsskatt för vindkraftverkDiarienummer: Fi2025/00114"
    result = parse_missiv(letters["f05"]["text"])
    assert result.title == "Höjd fastighetsskatt för vindkraftverk"
    assert result.sender_dnr == "Fi2025/00114"


def test_a_subjects_bracketed_diarienummer_is_not_part_of_the_title(letters):
    # "Ämne: Remiss av Höjd fastighetsskatt för vindkraftverk (Fi2025/00114)"
    assert parse_missiv(letters["e09"]["text"]).title == "Höjd fastighetsskatt för vindkraftverk"


def test_a_listing_page_gives_the_items_title_dnr_and_bracketed_address(letters):
    # Kemikalieinspektionen's "Tidigare remisser": "Bifogat finns förslag till ändringar i … (KIFS 2017:7) om …",
    # "Synpunkter kan lämnas via e-post (kemi@kemi.se) … Ange diarienummer H21-02922 i svaret."
    result = parse_missiv(letters["f22"]["text"])
    assert result.title.startswith("Förslag till ändringar i Kemikalieinspektionens föreskrifter (KIFS 2017:7)")
    assert result.sender_dnr == "H21-02922"
    assert result.answer_email == "kemi@kemi.se"


def test_vill_ha_synpunkter_pa_names_the_matter(letters):
    # "KemI vill ha synpunkter på EU:s kemikalieregler"
    assert parse_missiv(letters["f24"]["text"]).title == "EU:s kemikalieregler"


def test_a_subject_that_shortens_the_letters_heading_gives_way_to_it(letters):
    # "Ämne: Remiss - Ovårdade tomter och förfallna byggnader" over "# Remiss av Boverkets rapport Ovårdade tomter …"
    assert parse_missiv(letters["e03"]["text"]).title == \
        "Boverkets rapport Ovårdade tomter och förfallna byggnader"


def test_a_subject_with_the_same_sou_number_gives_way_to_the_heading(letters):
    # "Subject: Remiss SOU 2015:60 Ett författningsförslag …" over "# Remiss av: SOU 2015:60 - Delrapport från …"
    assert parse_missiv(letters["e04"]["text"]).title.startswith("SOU 2015:60 - Delrapport")


def test_the_sender_signing_without_greeting_is_the_contact(letters):
    # Innermost "Från: Eva Barkström", the letter ends "Eva Barkström / Projektledare / Arbetsmiljöverket".
    assert parse_missiv(letters["e16"]["text"]).contact_person == "Eva Barkström"


def test_the_pages_own_address_decides_the_remittent_and_the_proposal_names_the_matter(letters):
    # Region Dalarna's page: "Vad är viktigast för Dalarnas fortsatta utveckling?" and "Så här svarar man" are
    # headings, not the ärendemening, which "tycka till om remissutgåvan av ny regional utvecklingsstrategi,
    # Dalastrategin 2030 – …" gives; linnea.hassis@regiondalarna.se outweighs Statsrådsberedningens promemoria.
    result = parse_missiv(letters["f12"]["text"])
    assert result.remittent == "Region Dalarna"
    assert result.title == "Dalastrategin 2030 – Tillsammans för ett hållbart Dalarna"


KINDS = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds"


@pytest.fixture(scope="module")
def older() -> dict[str, dict]:
    return {c["id"]: c for name in ("missiv-dev.json", "missiv-extra.json")
            for c in json.loads((KINDS / name).read_text(encoding="utf-8"))}


@pytest.mark.parametrize("case,title", [
    ("x16", "Regional kulturplan 2024-2027"),  # "lämna synpunkter på förslaget till ny regional kulturplan 2024-2027."
    ("d22", "Bostadsförsörjningsprogrammet för Malå kommun"),  # "kommer du till förslaget till …", heading shouted
    ("x21", "Ändring av Boverkets byggregler"),  # docplayer: "Enligt sändlista Ändring av … Boverket önskar …"
    # one flattened line: "… STOCKHOLM Remiss av Energimarknadsinspektionens om förslag … av fjärrvärme På den …"
    ("d38", "Energimarknadsinspektionens om förslag till föreskrifter och allmänna råd för mätning, "
            "rapportering och debitering av fjärrvärme"),
])
def test_a_title_from_the_proposal_a_page_names_when_no_heading_does(older, case, title):
    assert parse_missiv(older[case]["text"]).title == title


def test_the_name_in_a_postal_address_under_the_body_is_the_contact(older):
    # Kungsör: "i pappersform till:\n\nKungsörs kommun\nAnne Pettersson\n736 85 Kungsör"
    assert parse_missiv(older["x14"]["text"]).contact_person == "Anne Pettersson"
    assert parse_missiv("Synpunkter senast den 1 juni 2024 till:\n\nKungsörs kommun\nBox 23\n736 85 Kungsör"
                        ).contact_person is None
