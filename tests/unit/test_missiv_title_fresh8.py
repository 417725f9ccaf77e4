"""Title and answer-address rules of round h-fields, each from a real text of fresh8-dev (tests/data/missiv/fresh/).

The set was measured at first sight before these rules were written; each test checks the field its rule came with,
and a neighbour that must stay as it was.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.title_trim import drop_remiss_lead

FRESH = Path(__file__).resolve().parents[1] / "data" / "missiv" / "fresh"


@pytest.fixture(scope="module")
def fresh8() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads((FRESH / "fresh8-dev.json").read_text(encoding="utf-8"))}


def test_a_heading_reporting_the_document_is_sent_out_gives_the_name(fresh8):
    # "Vägledning för riksintressen skickas nu på bred remiss": the passive report after the name is no part of it
    assert parse_missiv(fresh8["u04"]["text"]).title == "Vägledning för riksintressen"


def test_an_exclaimed_heading_about_granskning_gives_the_name(fresh8):
    # "Trafikstrategin ställs nu ut för granskning!"
    assert parse_missiv(fresh8["u02"]["text"]).title == "Trafikstrategin"


def test_a_coat_of_arms_and_an_image_label_are_not_the_headline(fresh8):
    # "Stenungsunds kommunvapen" (a logo's text) and "Tåg" (an image's label) stand above the page's heading
    result = parse_missiv(fresh8["u13"]["text"])
    assert result.title == "Regional plan för transportinfrastruktur"
    assert result.remittent == "Västra Götalandsregionen"


def test_a_news_heading_quoting_someone_is_no_title_but_the_proposal_it_reports_is(fresh8):
    # "HaV:s förslag till havsplaner på granskning i tre månader: ”Möjlighet för alla att kommentera”": the heading
    # itself is still never taken; round 25 names the proposal from the text's complete mention (title_proposal.py)
    assert parse_missiv(fresh8["u15"]["text"]).title == "Förslag till havsplaner"


def test_an_item_named_by_the_headings_noun_in_definite_form(fresh8):
    # "Naturreservatet Heråmaden i Dals-Eds kommun" under the page heading "Förslag till nya naturreservat"
    result = parse_missiv(fresh8["u10"]["text"])
    assert result.title == "Naturreservatet Heråmaden i Dals-Eds kommun"
    assert result.contact_person == "Lennart Olsson"


@pytest.mark.parametrize("heading, name", [
    ("Remiss av departementsskrivelsen En säkrare tillgång till vattenreningskemikalier",
     "En säkrare tillgång till vattenreningskemikalier"),
    ("Remiss av PM Ett ändrat prishöjningstak för frimärkta brev - författningsförslag",
     "Ett ändrat prishöjningstak för frimärkta brev - författningsförslag"),
    # "pm" in lower case is no abbreviation of promemoria: the word stays
    ("Remiss av pm-rutiner", "Pm-rutiner"),
])
def test_the_document_type_in_front_of_the_name_is_dropped(heading, name):
    assert drop_remiss_lead(heading) == name


def test_a_regeringen_page_with_a_departementsskrivelse(fresh8):
    result = parse_missiv(fresh8["v04"]["text"])
    assert result.title == "En säkrare tillgång till vattenreningskemikalier"
    assert result.deadline is not None and result.deadline.isoformat()[:10] == "2023-08-18"


def test_yttra_sig_names_where_answers_go(fresh8):
    # "Den som vill yttra sig … ska göra det till Länsstyrelsen, 791 84 FALUN eller med e-post till
    # dalarna@lansstyrelsen.se senast den 17 februari 2020."
    result = parse_missiv(fresh8["u08"]["text"])
    assert result.answer_email == "dalarna@lansstyrelsen.se"
    assert result.title == "Bevarandeplaner - Natura 2000"


def test_a_copy_addressee_named_only_in_the_link_is_no_contact_person():
    # fresh-dev f11 (a regeringen.se page): "… via e-post till [Näringsdepartementets registrator](mailto:…) samt till
    # [Peter Kalliopuro](mailto:peter.kalliopuro@regeringskansliet.se "Epost till Peter Kalliopuro")": the name is only
    # the link's label, the annotation has no contact person
    cases = {c["id"]: c for c in json.loads((FRESH / "fresh-dev.json").read_text(encoding="utf-8"))}
    result = parse_missiv(cases["f11"]["text"])
    assert result.contact_person is None
    assert result.answer_email == "n.registrator@regeringskansliet.se"


def test_a_copy_addressee_named_in_a_contact_block_stays_the_contact_person():
    text = ("Svar på remissen skickas in senast den 28 februari 2022. Ange diarienummer RUN 266-2021.\n\n"
            "Svaret skickas till regionalutveckling@regionvasterbotten.se med kopia till maud.ericson@regionvasterbotten.se\n\n"
            "Maud Ericson Strateg Infrastruktur\nE-post\nmaud.ericson@regionvasterbotten.se\n")
    assert parse_missiv(text).contact_person == "Maud Ericson"


def test_a_news_headline_names_the_plan_the_text_names_with_its_year(fresh8):
    # "Stadsdelar kan påverka cykelplan" over "… har tidigare berättat om Cykelplan 2012 – Stockholms stads vision …"
    assert parse_missiv(fresh8["u03"]["text"]).title == "Cykelplan 2012"


def test_a_news_headline_whose_plan_the_text_names_two_ways_gives_nothing():
    text = ("Regionen kan ändra kulturplan\n\nKulturplan 2020–2023 gäller nu. Kulturplan 2024 – 2027 skickas på remiss "
            "till kommunerna, som kan lämna synpunkter senast den 1 mars 2024.\n")
    assert parse_missiv(text).title is None


def test_a_flattened_letterhead_names_the_handlaggare_after_the_unit():
    # fresh5-holdout m31 (used up): an Arbetsmiljöverket missiv flattened by docplayer, "… Sid 1 (1) Enheten för teknik
    # Stefan Nygård, Förslag till föreskrifter om vibrationer …"
    cases = {c["id"]: c for c in json.loads((FRESH / "fresh5-holdout.json").read_text(encoding="utf-8"))}
    assert parse_missiv(cases["m31"]["text"]).contact_person == "Stefan Nygård"
    # a unit without a name after it names nobody
    text = "Remiss\n\nEnheten för teknik, Förslag till föreskrifter om buller. Svar senast den 1 mars 2024.\n"
    assert parse_missiv(text).contact_person is None


def test_going_out_with_a_proposal_names_it_across_a_line_break():
    # fresh-dev f25: "Länsstyrelsen går nu ut med ett nytt förslag till\nstrandskyddslinje." under "Ny remiss om strandskydd"
    cases = {c["id"]: c for c in json.loads((FRESH / "fresh-dev.json").read_text(encoding="utf-8"))}
    assert parse_missiv(cases["f25"]["text"]).title == "Förslag till strandskyddslinje"


def test_a_flattened_konsekvensutredning_names_the_proposal_before_its_first_section():
    # fresh3-dev g15: "KONSEKVENSUTREDNING 1 (11) Enligt sändlista Konsekvensutredning av förslag till föreskrifter om
    # kontroll av ekologisk produktion 1. Beskrivning av problemet …"
    cases = {c["id"]: c for c in json.loads((FRESH / "fresh3-dev.json").read_text(encoding="utf-8"))}
    assert parse_missiv(cases["g15"]["text"]).title == "Förslag till föreskrifter om kontroll av ekologisk produktion"


def test_a_heading_that_reports_the_remiss_and_speaks_to_the_reader_gives_the_name():
    # fresh4-holdout h21 (used up): "Regionalt åtgärdsprogram för miljömålen 2021-2025 på remiss – du kan också tycka till!"
    cases = {c["id"]: c for c in json.loads((FRESH / "fresh4-holdout.json").read_text(encoding="utf-8"))}
    assert parse_missiv(cases["h21"]["text"]).title == "Regionalt åtgärdsprogram för miljömålen 2021-2025"
    # a line that only mentions "Svara på remiss – hur och varför" speaks to no one and is left as it was
    text = ("Råd om hur remissyttranden utformas finns i promemorian Svara på remiss – hur och varför\n\n"
            "Remissvaren ska ha kommit in senast den 1 mars 2024.\n")
    assert parse_missiv(text).title != "Råd om hur remissyttranden utformas finns i promemorian Svara"


@pytest.mark.parametrize("case_id, wrong", [
    ("h19", "Kungörelser vecka 22"),  # a weekly list's heading
    ("m34", "Tomas Eneroth bjuder in till remissmöte om Trafikverkets förslag till nationell plan"),  # a news sentence
])
def test_a_list_heading_or_a_news_sentence_gives_no_title_rather_than_a_wrong_one(case_id, wrong):
    name = "fresh4-holdout.json" if case_id.startswith("h") else "fresh5-holdout.json"
    cases = {c["id"]: c for c in json.loads((FRESH / name).read_text(encoding="utf-8"))}
    result = parse_missiv(cases[case_id]["text"])
    assert result.title != wrong
    assert result.title is None and any(w.startswith("Ingen ärendemening") for w in result.warnings)
