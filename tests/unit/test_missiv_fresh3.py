"""Layouts met in the third fresh development set (tests/data/missiv/fresh/fresh3-dev.json), on their real text.

Only the development half is read here: fresh3-holdout.json is never tuned on. Each test checks the field whose
rule it came with; the other fields are scored by bench/missiv_eval.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv

FRESH3_DEV = Path(__file__).resolve().parents[1] / "data" / "missiv" / "fresh" / "fresh3-dev.json"


@pytest.fixture(scope="module")
def letters() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(FRESH3_DEV.read_text(encoding="utf-8"))}


def test_a_bare_lansstyrelsen_is_left_empty_with_a_warning(letters):
    # "Yttranden ska vara Länsstyrelsen tillhanda …": which länsstyrelse the page does not say.
    result = parse_missiv(letters["g02"]["text"])
    assert result.remittent is None
    assert any("bara som ”Länsstyrelsen”" in w for w in result.warnings)


def test_a_bulleted_line_is_never_the_headline(letters):
    # "• skälen till att bilda naturreservat" is an item of the page's list, not the remiss's name.
    title = parse_missiv(letters["g01"]["text"]).title
    assert title is None or not title.startswith(("•", "skälen", "Skälen"))


def test_remissversion_is_a_lead_not_part_of_the_name(letters):
    # "Remissversion: Plan för infrastruktur för elfordon och förnybara drivmedel i Norrbotten"
    assert parse_missiv(letters["g04"]["text"]).title == \
        "Plan för infrastruktur för elfordon och förnybara drivmedel i Norrbotten"


def test_promemoria_om_is_a_lead_not_part_of_the_name(letters):
    title = parse_missiv(letters["g13"]["text"]).title
    assert title.startswith("Förslag till ändringar av Livsmedelsverkets föreskrifter (LIVSFS 2014:22)")


def test_a_role_with_capitals_and_a_comma_before_the_name(letters):
    # "Vid eventuella frågor kontakta VA-chef, Christian Roos 010-…";
    # "Vill du skicka e-post är adressen info@kungsor.se"
    result = parse_missiv(letters["g19"]["text"])
    assert result.contact_person == "Christian Roos"
    assert result.answer_email == "info@kungsor.se"


def test_a_svarsdag_column_gives_each_item_its_deadline(letters):
    # Strålsäkerhetsmyndigheten's list "Remiss Svarsdag": "Remiss: Förslag till … kontrollköp\n24 maj 2017"
    assert parse_missiv(letters["g24"]["text"]).deadline.isoformat() == "2017-05-24"
    result = parse_missiv(letters["g25"]["text"])
    assert result.deadline.isoformat() == "2017-05-31"
    assert not result.title.endswith("2017")  # the column's date run into the line is not part of the name


def test_sista_datum_ar_satt_till_names_the_deadline_far_from_its_cue(letters):
    # "Sista datum för ett andra remissvar på Remiss för Sjötrafikutredning del 1 TN 2019-0440 är satt till 2021-09-30."
    assert parse_missiv(letters["g12"]["text"]).deadline.isoformat() == "2021-09-30"


def test_an_item_under_a_generic_page_heading_is_the_title(letters):
    # "Förslag till nya naturreservat" heads the list; the item line names the remiss in hand.
    assert parse_missiv(letters["g02"]["text"]).title == \
        "Förslag till bildande av naturreservatet Lugnås kvarnstensgruvor"


def test_tyck_till_om_x_gives_x(letters):
    assert parse_missiv(letters["g31"]["text"]).title == "Översiktsplanen"


def test_a_news_sentence_headline_is_left_empty_with_a_warning(letters):
    # "Corona kan ge klagande längre betänketid" (Motala Tidning) is a sentence about the remiss, not its name.
    result = parse_missiv(letters["g23"]["text"])
    assert result.title is None
    assert "Ingen ärendemening (titel) hittades." in result.warnings


@pytest.mark.parametrize("line", [
    "Kontakt: Anna Berg, 010-123 45 67",
    "Mer information: Anna Berg, planarkitekt",
    "Mer information\nAnna Berg, miljöstrateg\n010-123 45 67",
    "För frågor: Anna Berg, anna.berg@example.se",
    "Ansvarig tjänsteperson: Anna Berg",
])
def test_a_labelled_contact_on_its_own_line(line):
    # Labels that kommun and region pages put before their handläggare, on the same line or the next.
    text = f"Remiss av avfallsplanen\n\nSvar senast den 1 maj 2024.\n\n{line}\n"
    assert parse_missiv(text).contact_person == "Anna Berg"


def test_a_labelled_body_is_not_a_contact():
    text = "Remiss av avfallsplanen\n\nSvar senast den 1 maj 2024.\n\nKontakt: Länsstyrelsen i Hallands län\n"
    assert parse_missiv(text).contact_person is None

