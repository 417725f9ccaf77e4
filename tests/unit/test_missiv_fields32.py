"""Round 32 (h-fields32): the fields other than the title on letters of fresh9-, fresh12- and fresh13-holdout.

Each test holds the real lines of a letter whose field the parser missed before this round (the sets became
development material in round 32), cut to what the rule reads; the general cause is named in each test.
"""
from __future__ import annotations

from datetime import date

from remiss.missiv import parse_missiv
from remiss.missiv.dnr import find_sender_dnr
from remiss.missiv.own_answer import is_own_answer

# fresh12-holdout y16 (regeringen.se, Näringsdepartementet's remiss of Promemoria Återbostadisering, 2016)
RK_DNR_HYPHENS = (
    "Svaren bör lämnas både på papper och per e-post. Vi ser gärna att remissvaren även skickas i elektronisk form via "
    "e-post till n.registrator@regeringskansliet.se och marie.egerup@regeringskansliet.se i både word- och pdf-format. "
    "Vi skulle uppskatta om filnamnet är Regeringskansliets diarienummer (utan snedstreck), N2016-06713-PBB, följt av "
    "remissinstansens namn.\n\n"
    "Remissvaren ska ha kommit in till Näringsdepartementet **senast den 14 februari 2017**.\n"
)


def test_rk_number_written_with_hyphens_for_a_file_name_is_the_dnr():
    # Regeringskansliet's number with its slashes turned to hyphens (a file name carries no slash), after the cue and
    # an aside in brackets: the number is the remittent's, written as the letter writes it
    assert find_sender_dnr(RK_DNR_HYPHENS).value == "N2016-06713-PBB"


# fresh12-holdout y28 (mcf.se, 2026): Myndigheten för samhällsskydd och beredskap is Myndigheten för civilt försvar
# since 2026-01-01; the register had a wrong name and no domain for it
MCF = (
    "Remiss av Nationellt stöd: Beredskapsplanering av maritima olyckor med utsläpp av olja eller andra skadliga ämnen\n"
    "Nationell samordningsgrupp för oljeskadeskydd (NSO) har tagit fram förslag till ett nationellt stöd för "
    "beredskapsplanering som nu remitteras.\n"
    "Myndigheten för civilt försvar är sammanhållande av den nationella samordningsgruppen, där representanter från "
    "Kustbevakningen, Sveriges Kommuner och Regioner, Länsstyrelserna, Havs- och vattenmyndigheten, Naturvårdsverket "
    "och Transportstyrelsen ingår.\n"
    "Svara på remissen\n"
    "Skicka ditt svar med e-post eller brev till registrator@mcf.se senast den 7 maj. Märk ditt svar med diarienummer "
    "MCF 2026-02702.\n"
    "Svar på remissen lämnas senast den 7 maj 2026\n"
)


def test_myndigheten_for_civilt_forsvar_by_its_name_and_address():
    assert parse_missiv(MCF).remittent == "Myndigheten för civilt försvar"
