"""Layouts of fresh5-holdout (used up after its before run) and of a tester's walk, tuned on in round h-titles3.

Each test reads real text: a fresh5 letter from tests/data/missiv/fresh/, or the lines a tester's missiv gave, and
checks the field whose rule it came with.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.title import clean_subject

FRESH = Path(__file__).resolve().parents[1] / "data" / "missiv" / "fresh"


@pytest.fixture(scope="module")
def fresh5() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads((FRESH / "fresh5-holdout.json").read_text(encoding="utf-8"))}


# The tester's missiv of walk 6 (/work/walk6-findings.md, finding 11), as pasted: a Stadskontoret letter whose
# address line "Till: Stadsområdesnämnd Öster" stands above the letter's own heading.
WALK6_MISSIV = """Malmö stad
Stadskontoret

Missiv
Datum 2026-12-02
Dnr: KS-SOC-2026-00412

Till: Stadsområdesnämnd Öster

Remiss – Förslag till handlingsplan mot ensamhet bland äldre 2027–2030

Kommunstyrelsen beslutade 2026-11-25 att remittera förslag till handlingsplan mot ensamhet bland äldre till samtliga stadsområdesnämnder, Sociala resursnämnden och pensionärsrådet.

Remissvaren ska vara Kommunstyrelsen tillhanda senast 2027-02-26 kl 12.00.

Svaren skickas per e-post till kommunstyrelsen@malmo.se med kopia till anna.lind@malmo.se. Ange diarienummer KS-SOC-2026-00412 i ämnesraden.

Kommunstyrelsen önskar särskilt svar på följande frågor:
1. Delar nämnden bedömningen av behoven i nulägesanalysen?
2. Är de föreslagna åtgärderna rimliga och genomförbara inom befintlig budget?
3. Hur bör uppföljningen av handlingsplanen organiseras?

Handläggande tjänsteman på stadskontoret är Anna Lind, anna.lind@malmo.se, 040-34 10 00.

Sändlista
Stadsområdesnämnd Innerstaden
Stadsområdesnämnd Norr
Stadsområdesnämnd Söder
Stadsområdesnämnd Väster
Stadsområdesnämnd Öster
Sociala resursnämnden
Kommunala pensionärsrådet
"""


def test_an_address_line_is_never_the_title():
    assert parse_missiv(WALK6_MISSIV).title == "Förslag till handlingsplan mot ensamhet bland äldre 2027–2030"


def test_an_address_line_alone_leaves_the_title_empty():
    alone = WALK6_MISSIV.replace("Remiss – Förslag till handlingsplan mot ensamhet bland äldre 2027–2030\n\n", "")
    assert not (parse_missiv(alone).title or "").startswith("Till")


# The same letter's sändlista pasted from a web page, one <p> per entry: a blank line between the entries.
SANDLISTA = ["Stadsområdesnämnd Innerstaden", "Stadsområdesnämnd Norr", "Stadsområdesnämnd Söder",
             "Stadsområdesnämnd Väster", "Stadsområdesnämnd Öster", "Sociala resursnämnden", "Kommunala pensionärsrådet"]
SPACED = WALK6_MISSIV.replace("\n".join(SANDLISTA), "\n\n".join(SANDLISTA))
SPACED += "\nMed vänlig hälsning\n\nAnna Lind\n"


def test_a_sandlista_with_a_blank_line_between_entries_is_read_whole():
    assert "\n\nSociala resursnämnden\n\n" in SPACED
    assert parse_missiv(SPACED).sandlista == SANDLISTA


def test_a_sandlista_of_lines_still_ends_at_its_first_blank_line():
    packed = WALK6_MISSIV + "\nMed vänlig hälsning\n\nAnna Lind\n"
    assert parse_missiv(packed).sandlista == SANDLISTA


@pytest.mark.parametrize("case", ["m06", "n18"])
def test_a_remisslista_heading_names_the_matter_after_the_word(fresh5, case):
    # "# Remisslista SOU 2015:98 Träning ger färdighet – …": the page of the list, headed with the report's name
    assert parse_missiv(fresh5[case]["text"]).title.startswith("SOU 2015:98 Träning ger färdighet")


@pytest.mark.parametrize("case", ["m13", "n03"])
def test_the_sender_between_remiss_and_the_matter_is_dropped(fresh5, case):
    # SKR's item: "Remiss från Miljödepartementet om kommunalt ansvar för insamling och materialåtervinning av …"
    assert parse_missiv(fresh5[case]["text"]).title.startswith("Kommunalt ansvar för insamling")


def test_an_allmant_samrad_after_a_dash_is_the_procedure_not_the_name(fresh5):
    # Laxå: "Kulturplan Laxå kommun för åren 2019-2022 – Allmänt samråd"
    assert parse_missiv(fresh5["m18"]["text"]).title == "Kulturplan Laxå kommun för åren 2019-2022"


@pytest.mark.parametrize("case", ["m21", "n04"])
def test_a_section_label_above_a_remiss_heading_is_skipped_and_30e_april_is_a_date(fresh5, case):
    # Region Sörmland: "Regional utveckling" above "Remiss – Målbild för regionala cykelstråk"; "senast 30e april 2024"
    result = parse_missiv(fresh5[case]["text"])
    assert result.title.startswith("Målbild för regionala cykelstråk")
    assert result.to_json()["deadline"][:10] == "2024-04-30"


def test_a_name_sent_out_in_quotes_on_remiss_is_the_title(fresh5):
    # Regionförbundet Sörmland: "… skickar idag ut ”Regional cykelstrategi för Sörmland” på remiss till …", under
    # a news heading ending in "!" and above "För mer information, kontakta"
    assert parse_missiv(fresh5["m23"]["text"]).title == "Regional cykelstrategi för Sörmland"


def test_a_quoted_name_after_utredningen_outweighs_a_news_headline(fresh5):
    # Tandläkartidningen: "Utredningen om jämlik tandhälsa ute på remiss" above "synpunkter på utredningen ”När …”"
    assert parse_missiv(fresh5["m14"]["text"]).title == (
        "När behovet får styra – ett tandvårdssystem för en mer jämlik tandhälsa")


def test_samradshandlingen_heter_gives_the_quoted_name(fresh5):
    # Bjurholm's anslagstavla: "Samråd inom vattenförvaltning" (the procedure and a preposition, no name) above
    # "Samrådshandlingen heter: ”Viktiga vattenfrågor i Bottenhavets vattendistrikt – …”"
    assert parse_missiv(fresh5["m26"]["text"]).title.startswith("Viktiga vattenfrågor i Bottenhavets vattendistrikt")


@pytest.mark.parametrize("case", ["m27", "n17"])
def test_an_events_time_line_and_its_remisseminarium_are_no_title_and_an_en_dash_dnr_is_read(fresh5, case):
    # Länsstyrelsen Västernorrland's calendar: "10 dec 2020 klocka 10.00 - 11.30", "Digitalt remisseminarium –
    # Regional livsmedelsstrategi", "Ange diarienumret i ämnesraden: 8664–2018"
    result = parse_missiv(fresh5[case]["text"])
    assert result.title == "Regional livsmedelsstrategi"
    assert result.sender_dnr == "8664–2018"


def test_a_period_with_an_en_dash_is_no_diarienummer():
    assert parse_missiv("Remiss av X\n\nDiarienummer: 2022–2033\n").sender_dnr is None


def test_a_units_line_and_a_download_pages_link_are_not_the_title(fresh5):
    # spotidoc's "Läs missivet - Handikappförbunden" above the Socialdepartementet letterhead, whose unit line
    # "Enheten för folkhälsa och sjukvård" stands above the ärendemening wrapped onto a second line
    assert parse_missiv(fresh5["m33"]["text"]).title == (
        "Läkemedelsverkets redovisning av regeringsuppdrag avseende homeopatiska läkemedel")


def test_the_answer_address_after_per_e_post_in_brackets(fresh5):
    # Strängnäs: "… eller (per e-post) till uok@strangnas.se ."
    assert parse_missiv(fresh5["m17"]["text"]).answer_email == "uok@strangnas.se"


@pytest.mark.parametrize("case", ["m21", "n04"])
def test_the_answer_address_after_via_e_post_and_a_comma(fresh5, case):
    # Region Sörmland: "… vara Region Sörmland tillhanda via e-post, hallbarregionalutveckling@regionsormland.se senast …"
    assert parse_missiv(fresh5[case]["text"]).answer_email == "hallbarregionalutveckling@regionsormland.se"


def test_a_subjects_series_and_unit_dnr_is_dropped(fresh5):
    # n04's subject "Remiss: Målbild för regionala cykelstråk, RUN-HRU24-0029"
    assert parse_missiv(fresh5["n04"]["text"]).title == "Målbild för regionala cykelstråk"
    assert clean_subject("Remiss: Föreskrifter HSLF-FS 2021:2", (0, 37))[0] == "Föreskrifter HSLF-FS 2021:2"


@pytest.mark.parametrize("case", ["m31", "n08"])
def test_the_attachment_count_after_the_name_is_dropped(fresh5, case):
    # Arbetsmiljöverket: "Förslag till föreskrifter om vibrationer … av föreskrifterna (4 bilagor)"
    assert parse_missiv(fresh5[case]["text"]).title.endswith("tillämpningen av föreskrifterna")


@pytest.mark.parametrize("case", ["m29", "n07"])
def test_a_known_abbreviation_that_remitterar_is_the_remittent(fresh5, case):
    # MSB's page: "MSB remitterar nu förslag på föreskrifter med tillhörande allmänna råd …"
    assert parse_missiv(fresh5[case]["text"]).remittent == "Myndigheten för samhällsskydd och beredskap"


def test_an_unknown_abbreviation_that_remitterar_names_no_body():
    assert parse_missiv("Remiss av X\n\nXQZ remitterar nu ett förslag.\n").remittent is None


def test_a_department_in_lower_case_is_the_remittent(fresh5):
    # Tandläkartidningen: "Remissvaren ska ha kommit in till socialdepartementet senast 1 september."
    assert parse_missiv(fresh5["m14"]["text"]).remittent == "Socialdepartementet"


def test_nu_skickas_x_pa_remiss_names_the_matter_under_a_news_heading(fresh5):
    # Naturvårdsverket: "Föreskrifter för licensjakt på lodjur anpassas till …" (a sentence) and
    # "Nu skickas föreskrifter för licensjakt på lodjur på remiss."
    assert parse_missiv(fresh5["m30"]["text"]).title == "Föreskrifter för licensjakt på lodjur"


@pytest.mark.parametrize("case", ["m21", "n04"])
def test_a_contact_card_under_the_text_gives_the_contact_person(fresh5, case):
    # Region Sörmland: "Sandra Strömstedt\n\nStrateg\n\n0766-96 85 69" below the remiss's text
    assert parse_missiv(fresh5[case]["text"]).contact_person == "Sandra Strömstedt"


def test_a_press_contacts_card_is_no_contact_person(fresh5):
    # regeringen.se: "Presskontakt\n\nJennie Zetterström\nPressekreterare hos infrastrukturminister …\nTelefon …"
    card = "Remiss av X\n\nPresskontakt\n\nJennie Zetterström\nPressekreterare\n08-405 10 00\n"
    assert parse_missiv(card).contact_person is None
    assert parse_missiv(fresh5["m34"]["text"]).contact_person is None


@pytest.mark.parametrize("case", ["m16", "n10"])
def test_stalls_ut_fram_till_is_a_deadline(fresh5, case):
    # Vafabmiljö: "… föreskrifterna ska ställas ut (enligt Miljöbalken 15 kap. 42-44§§) fram till 1 september 2023."
    assert parse_missiv(fresh5[case]["text"]).to_json()["deadline"][:10] == "2023-09-01"


def test_a_link_lists_items_are_not_the_title(fresh5):
    # Region Västerbotten: "Mer mat från Västerbotten, uppslag (lämpligt för skärm) Länk": empty is better than a link
    assert parse_missiv(fresh5["m24"]["text"]).title is None


def test_a_regeringskansliet_letterhead_names_the_department(fresh5):
    # spotidoc's transcript: "Remiss\nREGERINGSKANSLIET\n2015-02-10\nS2013/8560/FS\nSocialdepartementet" above a
    # letter that names Läkemedelsverket (whose report is remitted) more often
    assert parse_missiv(fresh5["m33"]["text"]).remittent == "Socialdepartementet"


def test_a_press_release_from_a_department_names_the_remittent(fresh5):
    # regeringen.se: "Pressmeddelande från Infrastrukturdepartementet" above an item about Trafikverket's proposal
    assert parse_missiv(fresh5["m34"]["text"]).remittent == "Infrastrukturdepartementet"


def test_a_subjects_bracketed_abbreviation_does_not_hide_the_fuller_heading(fresh5):
    # n07's subject "Remiss – föreskrifter om kommunens handlingsprogram (LSO)" above MSB's page heading
    # "Förslag till föreskrifter om innehåll och struktur i kommunens handlingsprogram för …"
    assert parse_missiv(fresh5["n07"]["text"]).title.startswith("Förslag till föreskrifter om innehåll och struktur")


def test_a_news_headings_report_on_the_remiss_is_dropped(fresh5):
    # Strängnäs: "Skollokalutredningen färdig - remissas nu"
    assert parse_missiv(fresh5["m17"]["text"]).title == "Skollokalutredningen"


def test_a_news_heading_ending_in_its_verb_is_no_title(fresh5):
    # Strängnäs: "Arbetet med kommunens klimat- och energiplan går vidare": empty with the warning, not a sentence
    assert parse_missiv(fresh5["m15"]["text"]).title is None
