"""Round 22 (h-parse22): titles of fresh14-dev's web pages, each rule a phrasing class from the real text.

A heading kept with its news lead ("Underlag för …", "Nu ställer vi ut …", "Ny … 2024–2027", "Arbete med ny …"),
a site's toolbar line taken as the heading, and a bare document kind ("Förslaget") that names no matter.
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv

PROSE = ("Nu finns underlagen publicerade på webben. Vi vill gärna få era synpunkter på de alternativa sträckningar "
         "som redovisas. Vänligen sänd oss era synpunkter senast den 5 april 2018.\n")


@pytest.mark.parametrize("heading,title", [
    # Svenska kraftnät (x02): the basis of a samråd is named by the samråd
    ("Underlag för kompletterande samråd vid Rudalund och Köksmåla", "Kompletterande samråd vid Rudalund och Köksmåla"),
    # Trafikverket (x25): the sender's news in front of the plan; "på granskning" is the procedure
    ("Nu ställer vi ut järnvägsplanen för Huvudsta-Duvbo på granskning", "Järnvägsplanen för Huvudsta-Duvbo"),
    # Västra Götalandsregionen (x08): "Ny" is news about a plan named by its period
    ("Ny regional biblioteksplan 2024–2027", "Regional biblioteksplan 2024–2027"),
    # Region Skåne (x09): work on the plan, and the page of its answers
    ("Arbete med ny Regional biblioteksplan för Region Skåne 2022-2025: remissvar",
     "Regional biblioteksplan för Region Skåne 2022-2025"),
])
def test_a_news_lead_in_front_of_the_name_is_dropped(heading, title):
    assert parse_missiv(f"{heading}\n\n{PROSE}").title == title


@pytest.mark.parametrize("heading", ["Ny kommunallag", "Nya regler för bygglov", "Underlag för beslut om taxa"])
def test_a_name_that_begins_with_ny_or_underlag_keeps_it(heading):
    # no plan of a period after "Ny", no procedure after "Underlag för": the words belong to the name
    text = f"{heading}\n\nHär finns förslaget: {heading.lower()}. {PROSE}"  # the text takes the heading up again
    assert parse_missiv(text).title == heading


def test_a_toolbar_line_above_the_heading_is_chrome():
    # Nässjö kommun (x16)
    text = ("Öppna sök Stäng sök Sök\nÖppna Meny Stäng meny Meny\n\nParkeringsstrategi\n\n"
            "Syftet med ny parkeringsstrategi är att samordna all slags parkering gällande cykel och biltrafik.\n\n"
            "Parkeringsstrategin är ute på remiss fram till och med 27 februari 2022.\n")
    assert parse_missiv(text).title == "Parkeringsstrategi"


def test_a_bare_document_kind_is_no_title_but_a_warning():
    # Uppsala kommun (x06): "Tyck till om förslaget" leaves only "Förslaget"
    text = ("Tyck till om förslaget\n\nFörslaget till den fördjupade översiktsplanen var ute på samråd 2 mars–15 maj "
            "2020. Under samrådet var det möjligt att lämna synpunkter på förslaget.\n\n"
            "Sista dagen att lämna synpunkter på förslaget var 15 maj 2020.\n")
    result = parse_missiv(text)
    assert result.title is None
    assert "Ingen ärendemening (titel) hittades." in result.warnings


# Region Dalarna's page (fresh14-dev x10): the heading is the short form of the strategy's quoted full name
DALARNA = (
    "Strategi för hållbar smart specialisering i Dalarna\n\n"
    "Regional samverkan genom strategi för hållbar smart specialisering ska skapa innovation, utveckling och tillväxt "
    "i Dalarna.\n\nNy strategi för smart specialisering ute på remiss\n\n"
    "Under våren 2022 är den nya strategin: \"En nyskapande och innovativ region - Strategi för hållbar smart "
    "specialisiering i Dalarna 2022-2028\" ute på remiss. Underlag finns under dokument här på sidan. \n\n"
    "Svarsmall för remiss skickas in senast 22-03-25 till:\nruf.registrator@regiondalarna.se. \n"
)


def test_a_short_heading_takes_the_full_name_the_text_quotes_as_out_on_remiss():
    assert parse_missiv(DALARNA).title == ("En nyskapande och innovativ region - Strategi för hållbar smart "
                                           "specialisiering i Dalarna 2022-2028")


def test_a_quote_that_lacks_a_word_of_the_heading_or_is_not_out_on_remiss_is_not_taken():
    other = DALARNA.replace("smart \nspecialisiering", "x").replace("hållbar smart specialisiering i Dalarna 2022",
                                                                      "digital omställning 2022")
    assert parse_missiv(other).title == "Strategi för hållbar smart specialisering i Dalarna"
    quoted_only = DALARNA.replace("\" ute på remiss.", "\" antogs i fjol.")
    assert parse_missiv(quoted_only).title == "Strategi för hållbar smart specialisering i Dalarna"
