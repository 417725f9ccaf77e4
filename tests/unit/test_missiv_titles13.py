"""Titles round 13: what real kommun, region, länsstyrelse and myndighet pages put around or instead of their heading.

The lines are copied from the real texts of tests/data/missiv/fresh/fresh7-holdout.json (development material since
round 13) and fresh6-holdout.json, named by their ids; fresh9-holdout and fresh10-holdout are never read here.
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.headline import headline, plausible_heading
from remiss.missiv.title_subject import clean_subject
from remiss.missiv.title_trim import drop_remiss_lead, normalise, tidy

_PROSE = ("Granskning är ett tillfälle att samla in synpunkter på vägplanen från dem som berörs såsom sakägare, "
          "allmänhet, organisationer och myndigheter.\n")


def test_a_line_about_the_news_items_age_is_skipped() -> None:
    # fresh7 r05 (Trafikverket): a photo caption, the page's age notice, then the heading
    text = ("Gång- och cykelpassage längs Färentunavägen.\nDenna nyhet är äldre än 6 månader\n"
            "Granskning av vägplanen för bytespunkt Svanhagen\n16 december till 13 januari ställer vi ut vägplanen "
            "för bytespunkt Svanhagen till granskning.\n" + _PROSE)
    assert parse_missiv(text).title == "Vägplanen för bytespunkt Svanhagen"


@pytest.mark.parametrize("line", [
    "Denna nyhet är äldre än 6 månader",  # r05, r06
    "Innehållet publicerades under perioden 3 oktober 2014 till den 20 januari 2019",  # r12 (regeringen.se archive)
    "Statsråd på denna sida som har bytt ansvarsområde",  # r12
    "Du är på Region Örebro läns webbplats",  # r19, without its full stop
    "image alt text",  # r19
    "Följ projektet via",  # fresh6 p17, p18 (Svenska kraftnät)
])
def test_a_line_about_the_page_itself_is_never_the_headline(line: str) -> None:
    assert not plausible_heading(line)
    assert headline(f"{line}\nRegional cykelstrategi för Sörmland\n{_PROSE}")[0] == "Regional cykelstrategi för Sörmland"


def test_a_list_pages_heading_of_remisser_is_skipped() -> None:
    # fresh7 r19 (Region Örebro län): the section "Politiska remisser" over its one item
    text = ("Du är på Region Örebro läns webbplats.\nLogotyp för webbplatsen Logotyp för webbplatsen\n"
            "Politiska remisser\nInnan Region Örebro län tar ställning till ett förslag skickas det ibland på remiss "
            "till myndigheter, organisationer och andra intressenter. Vi vill veta vad de tycker.\n"
            "Aktuella remisser\nimage alt text\n21 jan 2022\nLänsplanen för transportinfrastruktur\n"
            "Vilken funktion ska våra vägar, järnvägar och cykelvägar fylla, för att vi som bor eller verkar i Örebro "
            "län ska ha bästa nyttan av dem?\nHade du nytta av innehållet på denna sida?\n")
    assert parse_missiv(text).title == "Länsplanen för transportinfrastruktur"


@pytest.mark.parametrize("text", [
    # fresh7 r12 (regeringen.se): a press release's label, then a news heading about the remiss: empty, not chrome
    "Innehållet publicerades under perioden 3 oktober 2014 till den 20 januari 2019\n"
    "Statsråd på denna sida som har bytt ansvarsområde\nPressmeddelande från Finansdepartementet\n"
    "Indelningskommitténs delbetänkande går ut på remiss\nPublicerad\n",
    # fresh7 r07: "<sender> begär <thing>" is a news sentence
    "Kammarkollegiet begär förtydligande\nKammarkollegiet behandlar de ansökningar som kommit till regeringen.\n",
    # fresh7 r24: a call to the reader names no document
    "Genrebild.\nVar med och forma kommunens klimatarbete\nFörslag på ny klimatstrategi och energiplan har tagits "
    "fram\n",
    # fresh7 r06 ("Begäran om yttrande ivägskickat", a request with a participle) moved to
    # test_missiv_titles18.py in round 18: its prose names the matter ("… att yttra sig över val av väglinje.")
])
def test_a_page_whose_heading_names_no_matter_gives_no_title(text: str) -> None:
    assert parse_missiv(text).title is None


def test_a_site_section_of_procedure_words_is_no_title() -> None:
    # fresh6 p17 (Svenska kraftnät): "Samråd och dialog" lost "Samråd" as a lead and gave "Och dialog"
    text = ("Hoppa till huvudinnehåll\nSamråd och dialog\nFölj projektet via\nMyndighetsdialogen och "
            "samrådsprocessen är viktiga delar när vi planerar en ny elförbindelse.\n"
            "Kompletterande samråd pågår till 22 april 2024\nKompletterande samråd pågår till 22 april för område "
            "inom Grönviken–Fallviken och Fallviken–Horndal.\n")
    assert parse_missiv(text).title is None


def test_a_line_of_two_sentences_is_no_headline() -> None:
    # fresh6 p18: a paragraph that lost its last full stop
    line = ("Svenska kraftnät genomför nu samråd för den planerade ledningen mellan Letsi och Svartbyn. Samrådet pågår "
            "mellan 28 augusti och 8 oktober 2023")
    assert headline(line)[0] is None


def test_a_notice_of_samrad_in_front_of_the_name_is_dropped() -> None:
    # fresh6 p02 (Eslövs kommun)
    value, _ = tidy("Underrättelse om samråd Eslövs kommuns bostadsförsörjningsprogram 2021", (0, 1))
    assert value == "Eslövs kommuns bostadsförsörjningsprogram 2021"


@pytest.mark.parametrize("subject, title", [
    ("Kompletterande samråd Grönviken–Fallviken, dnr 2022/77", "Grönviken–Fallviken"),  # fresh6 q14
    ("Begäran om yttrande - val av väglinje", "Val av väglinje"),  # fresh7 s10
])
def test_a_subjects_procedure_label_is_dropped(subject: str, title: str) -> None:
    assert clean_subject(subject, (0, len(subject)))[0] == title


def test_a_labelled_dnr_with_an_en_dash_is_dropped() -> None:
    # fresh7 r23 / s12 (Uppvidinge kommun): "Märk yttrandet med Klimat- och energistrategi dnr 2020–000439"
    assert normalise("Klimat- och energistrategi, dnr 2020–000439") == "Klimat- och energistrategi"
    assert normalise("Trafikstrategi 2020–2030") == "Trafikstrategi 2020–2030"  # a period is no dnr


def test_remiss_for_is_a_lead_like_remiss_av() -> None:
    # fresh4 h36 (Region Sörmland), fresh6 p14: "Remiss för …" left "För …"
    assert drop_remiss_lead("Remiss för förslag till Länstransportplan 2022-2033") == \
        "Förslag till Länstransportplan 2022-2033"


def test_a_subject_that_is_a_news_sentence_is_no_title() -> None:
    # fresh7 s05: the forwarder kept the page's news heading as the subject
    from remiss.missiv.title import clean_subject as subject_title
    assert subject_title("Kammarkollegiet begär förtydligande", (0, 35)) == (None, None)
    assert subject_title("Remiss: Regional cykelstrategi för Sörmland", (0, 43))[0] == "Regional cykelstrategi för Sörmland"


def test_samradsremiss_in_a_subject_is_a_procedure_label() -> None:
    # fresh7 s13 (Falkenbergs kommun): "SAMRÅDSREMISS FÖRSLAG TILL PARKERINGSNORM" in the letter
    assert clean_subject("Samrådsremiss förslag till parkeringsnorm", (0, 41))[0] == "Förslag till parkeringsnorm"


@pytest.mark.parametrize("subject", [
    "Ändrad svarstid: Remisser om nya och ändrade föreskrifter",  # fresh6 q13 (Sjöfartsverket's list page)
    "Politiska remisser",  # fresh7 r19's list heading
])
def test_a_subject_that_heads_a_list_of_remisser_is_no_title(subject: str) -> None:
    from remiss.missiv.title import clean_subject as subject_title
    assert subject_title(subject, (0, len(subject))) == (None, None)


def test_the_sou_number_after_the_quoted_name_joins_the_title() -> None:
    # fresh7 r10 (SKR): the conventions keep the SOU/Ds number with the name
    text = ("Publicerad: 15 juni 2020\nKommunutredningen\nKommunutredningen har i februari lämnat betänkandet "
            "”Starkare kommuner – med kapacitet att klara välfärdsuppdraget” (SOU 2020:8) till regeringen.\n")
    assert parse_missiv(text).title == "Starkare kommuner – med kapacitet att klara välfärdsuppdraget (SOU 2020:8)"
    # two numbers after the name: which one is meant is not known, the name stays alone
    from remiss.missiv.title import _with_designation
    two = "Planen X (SOU 2020:8) och Planen X (SOU 2021:9)"
    assert _with_designation(two, "Planen X för alla") == "Planen X för alla"
    assert _with_designation("Planen X för alla (SOU 2020:8) och (SOU 2021:9)", "Planen X för alla") == \
        "Planen X för alla (SOU 2020:8)"


@pytest.mark.parametrize("line", [
    "Artikeln är äldre än ett år", "Sidan har arkiverats", "Arkiverad", "Översätt", "Ladda ner", "Läs också",
    "Se även",
])
def test_a_sites_status_and_tool_lines_are_chrome(line: str) -> None:
    # the kinds of line r05's and r12's status notices belong to, as other sites word them (no seen title changes)
    assert not plausible_heading(line)
    assert headline(f"{line}\nRegional cykelstrategi för Sörmland\n{_PROSE}")[0] == "Regional cykelstrategi för Sörmland"
