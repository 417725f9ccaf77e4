"""Round 23 (h-letters23): fresh15-dev's misses as general rules, each from the real letter's text.

A myndighet named only as the author of what a department remits is not the remittent; a document kind in its
definite form ("Delbetänkandet …") in front of the document's name is no part of the title; a scan's lost blanks in a
title ("-tre", "SOU2016:48") are put back.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv

# regeringen.se's remiss page of Skolverket's redovisning, as g0vse mirrors it (fresh15-dev p08): no department named
SKOLVERKET = (
    "# Remiss av Statens skolverks redovisning av uppdrag om ett nationellt professionsprogram\n\n"
    "Här kan du ta del av svaren från dem som har ombetts att svara på remissen Statens skolverks redovisning av "
    "uppdrag om ett nationellt professionsprogram. Övriga yttranden finns tillgängliga i departementet.\n"
)

# Naturvårdsverket's own page after its remiss (extra x22): the author is the sender
HAMNAR = (
    "Vägledning om tillsyn och prövning av hamnar enligt miljöbalken\n\n"
    "Naturvårdsverkets förslag till ny vägledning om tillsyn och prövning av hamnar enligt miljöbalken har varit ute "
    "på remiss. Synpunkter kunde lämnas fram till den 29 oktober 2021\n\n"
    "Mer information\n\n"
    "Förslaget till vägledning om tillsyn och prövning av hamnar enligt miljöbalken remitterades den 10 september "
    "2021 till 91 remissinstanser.\n"
)


def test_the_author_of_a_remitted_report_is_not_the_remittent():
    result = parse_missiv(SKOLVERKET)
    assert result.remittent is None
    assert any("upphov till det som remitteras" in w for w in result.warnings)
    assert result.title == "Statens skolverks redovisning av uppdrag om ett nationellt professionsprogram"


def test_a_myndighets_own_proposal_sent_out_keeps_its_sender():
    assert parse_missiv(HAMNAR).remittent == "Naturvårdsverket"


def test_a_department_named_beside_the_author_is_the_remittent():
    text = SKOLVERKET.replace("Övriga yttranden finns tillgängliga i departementet.",
                              "Remissvaren ska ha kommit in till Utbildningsdepartementet senast den 1 oktober 2024.")
    assert parse_missiv(text).remittent == "Utbildningsdepartementet"


# Stockholms läns landsting's skrivelse on Finansdepartementet's remiss (fresh15-dev p19), the start of the transcript
DELBETANKANDET = (
    "Yttrande över delbetänkandet Regional indelning - tre nya län (SOU 2016:48)\n\n"
    "1 Stockholms läns landsting Landstingsradsberedningen 1 (3) SKRIVELSE LS Landstingsstyrelsen Yttrande över "
    "delbetänkandet Regional indelning - tre nya län (SOU 2016:48) Föredragande landstingsråd: Torbjörn Rosdahl "
    "Ärendebeskrivning Finansdepartementet har genom remiss bjudit in Stockholms läns landsting att yttra sig över "
    "delbetänkandet Regional indelning - tre nya län (SOU 2016:48).\n"
)

# Sala kommun's scanned yttrande on the same remiss (fresh15-dev p20): the OCR lost two blanks in the heading
SALA = (
    "Regional indelning -tre nya län (SOU2016:48)\n\n"
    "Sala kommun har beretts tillfälle att till Finansdepartementet yttra sig över Indelningskommitténs "
    "delbetänkande Regionalindelning-tre nya lån (SOU 2016:48) som överlämnades den 30 juni 2016 till regeringen.\n"
)


def test_a_definite_document_kind_before_the_name_is_dropped_from_the_title():
    result = parse_missiv(DELBETANKANDET)
    assert result.title == "Regional indelning - tre nya län (SOU 2016:48)"


def test_a_scans_lost_blanks_in_a_title_are_put_back():
    assert parse_missiv(SALA).title == "Regional indelning - tre nya län (SOU 2016:48)"


def test_an_indefinite_document_kind_with_its_author_stays():
    # "Naturvårdsverkets rapport X" names the report by its author; only the bare definite form is a lead
    text = ("# Remiss av Naturvårdsverkets rapport Minskad förbrukning av plastbärkassar\n\n"
            "Remissvaren ska ha kommit in till Miljö- och energidepartementet senast den 16 september 2016.\n")
    assert parse_missiv(text).title == "Naturvårdsverkets rapport Minskad förbrukning av plastbärkassar"
