"""Titles round 19 (h-title19): the remiss an extension notice names in its sentence, a directive's long name, a
definite description of the document.

The lines are copied from the development sets (tests/data/missiv/: ext-dev2 b10, b26, b01, ext-dev3 y02, fresh-dev
f15); fresh9-holdout and fresh12-holdout are never read here. The first four parse tests fail on cand 4caa4c9b (no
title, or "Den nya avfallsplanen"); the guard passes on both.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.title_prose import prose_matter


def test_an_extension_notice_names_the_remiss_whose_answer_time_it_changes() -> None:
    # ext-dev2 b10 (Region Uppsala)
    text = ("Region Uppsala\nInformation till remissinstanserna\n\nSvarstiden för remissen Regional kulturplan för "
            "Uppsala län 2028–2031 ändras från den 3 april till den 8 maj 2027.\n\nSkälet är att remissmaterialet har "
            "kompletterats med en bilaga om biblioteksverksamheten.\n")
    assert parse_missiv(text).title == "Regional kulturplan för Uppsala län 2028–2031"


def test_the_remiss_om_a_proposal_that_is_extended_is_the_matter() -> None:
    # ext-dev2 b26 (Skolverket)
    text = ("Meddelande från Skolverket\n\nRemissen om förslag till nya kursplaner i grundskolan förlängs med en månad "
            "från den 1 mars 2027. Ett nytt utskick med exakt datum kommer inom kort.\n\nDnr 2026:1834\n")
    assert parse_missiv(text).title == "Förslag till nya kursplaner i grundskolan"


def test_a_notice_about_the_rubricerad_remiss_names_no_matter() -> None:
    # ext-dev2 b01: the name is in the subject; the sentence only points at it
    assert prose_matter("Till remissinstanserna\n\nRemisstiden för rubricerad remiss förlängs. Nytt sista svarsdatum "
                        "är den 15 maj 2027.\n") == (None, None)
    # a remiss that is named but not moved is no notice
    assert prose_matter("Remissen om förslag till nya kursplaner i grundskolan skickades ut i januari.\n") == (None, None)


def test_a_directive_whose_name_ends_with_the_committee_is_named_however_long() -> None:
    # ext-dev3 y02 (Socialdepartementet): 29 words, above the headline rule's 25
    name = ("Tilläggsdirektiv till Utredningen om kommuners och landstings underlåtenhet att verkställa egna beslut om "
            "insatser enligt socialtjänstlagen (2001:453) och lagen (1993:387) om stöd och service till vissa "
            "funktionshindrade (S 2003:07)")
    text = (f"Dir. 2003:116\n\n{name}\n\nBeslut vid regeringssammanträde den 2 oktober 2003.\n\nFörlängd tid för "
            "uppdraget\n\nUtredningstiden förlängs, vilket innebär att utredarens uppdrag skall vara avslutat senast den "
            "1 januari 2005.\n\n(Socialdepartementet)\n")
    assert parse_missiv(text).title == name


def test_the_new_plan_described_is_named_by_its_kind() -> None:
    # fresh-dev f15 (Nykvarns kommun)
    text = ("Samråd för den nya avfallsplanen\n\nBygga, bo och miljö\n\nNykvarns kommun har tagit fram ett förslag på "
            "ny avfallsplan som nu är på samråd till och med 2024-06-30.\n\nUnder samrådstiden har kommuninvånare, "
            "företag, föreningar, organisationer, kommunala nämnder och bolag möjlighet att lämna synpunkter på planen. "
            "Alla synpunkter kommer sedan att sammanställas och användas i det fortsatta arbetet med avfallsplanen.\n")
    assert parse_missiv(text).title == "Avfallsplan"


def test_a_remiss_whose_time_is_not_extended_is_no_notice() -> None:
    assert prose_matter("Remissen om förslag till nya kursplaner i grundskolan förlängs inte.\n") == (None, None)


def test_a_line_inviting_views_on_a_fuller_name_names_the_matter_under_a_one_word_heading() -> None:
    # ext-dev x12 (Region Jämtland Härjedalen): "Länstransportplan" names the kind of plan only
    text = ("Länstransportplan\n\nLänstransportplanen styr hur statliga medel till investeringar i transportinfrastruktur "
            "i Jämtlands län ska fördelas.\n\nMöjlighet att lämna synpunkter på regional transportplan för perioden "
            "2022-2033\n\nI dialog med aktörer inom länet har Region Jämtland Härjedalen, som ansvarig planupprättare, "
            "tagit fram ett förslag till ny regional transportplan för perioden 2022–2033 Pdf, 3.1 MB.. Den regionala "
            "transportplanen redovisar vilka åtgärder som prioriterats för genomförande under kommande planperiod.\n")
    assert parse_missiv(text).title == "Regional transportplan för perioden 2022-2033"
    # a possessive names the owner's plan, not the matter: the heading stays (extra x12's "Tyck till om kommunens
    # avfallsplan" is itself the heading there)
    owned = text.replace("på regional transportplan för perioden 2022-2033", "på regionens transportplan för perioden")
    assert parse_missiv(owned).title == "Länstransportplan"
