"""Titles round 17 (h-title17): a page's first short line is the title only when it names the matter.

A heading names the matter when its own line names a procedure or a document, or when the text takes up one of its
words again; a site's chrome, a form's label or a photo's caption does neither, and the headline rule skips it like the
chrome it already knows. The texts are copied from the development sets (tests/data/missiv/fresh/fresh6-holdout.json
p05, fresh7-holdout.json r19, fresh-holdout.json f29, fresh11-holdout.json z30) with chrome lines that other real
pages carry (fresh10-holdout k28 "Reception och regionupplysning", k11 "Mall för nyhetsbild"); fresh9-holdout and
fresh12-holdout are never read here. The first two tests fail without the check.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.title_layout import backed

# fresh6 p05 (Ronneby), as copied
_P05 = ("Förslag på nya hastigheter\n\nen rund gul vägskylt med röd ram och siffran 40\n\n40 kilometer i timmen är den "
        "generella hastigheten i tätorten i ett nytt förslag till hastighetsplan. Samhällsnämnden har beslutat att "
        "skicka förslaget på remiss till en lång rad aktörer.\n\nI förslaget är alltså grundhastigheten i tättbebyggt "
        "område 40 kilometer i timmen, men andra hastigheter kan förekomma beroende på vilken typ av gata eller väg "
        "det är.\n")


def test_a_chrome_line_the_text_never_takes_up_is_skipped_for_the_heading_below_it() -> None:
    # Region Gotland's address block (k28) and a news page's image label (k11) above p05's heading: neither line is
    # in the chrome list, neither names a procedure or a document, and the page never mentions them again
    for chrome in ("Reception och regionupplysning", "Mall för nyhetsbild", "Publicerad\n\nMall för nyhetsbild"):
        assert parse_missiv(f"{chrome}\n\n{_P05}").title == "Förslag på nya hastigheter"


def test_a_label_over_the_prose_yields_to_the_proposal_the_prose_names() -> None:
    # fresh11 z30 (Spelinspektionen) starts below its heading; a one-word label the rules do not know ("Innehåll på
    # sidan" is known, "Kalendarium" is not) is no name: the sentence that says what was drawn up names the matter
    text = ("Kalendarium\n\nSpelinspektionen har tagit fram förslag till föreskrifter och allmänna råd om dragningar "
            "utanför spellicens. Förslaget skickas nu på remiss till berörda aktörer.\n")
    assert parse_missiv(text).title == "Förslag till föreskrifter och allmänna råd om dragningar utanför spellicens"


def test_a_heading_that_names_a_document_stands_though_the_text_does_not_repeat_it() -> None:
    # fresh7 r19 (Region Örebro län): the item's heading, then only a question about roads
    text = ("Aktuella remisser\n\nimage alt text\n21 jan 2022\n\nLänsplanen för transportinfrastruktur\n\n"
            "Vilken funktion ska våra vägar, järnvägar och cykelvägar fylla, för att vi som bor eller verkar i Örebro "
            "län ska ha bästa nyttan av dem?\n\nHade du nytta av innehållet på denna sida?\n")
    assert parse_missiv(text).title == "Länsplanen för transportinfrastruktur"


def test_backed_reads_the_heading_line_and_the_rest_of_the_text() -> None:
    # f29 (Österåker): the request on the heading's own line names the procedure
    f29 = "Lämna synpunkter på Översiktsplanen innan 30:e september 2021\n\nHär kan du lämna ett yttrande."
    assert backed(f29, "Översiktsplanen", (20, 35))
    # a plain heading is backed by the prose taking up its word in another form ("Hastigheter" … "hastigheten")
    text = "Hastigheter i tätorten\n\n40 kilometer i timmen är den generella hastigheten i tätorten."
    assert backed(text, "Hastigheter i tätorten", (0, 22))
    # a caption whose words the page never uses again (k22, Ystad: "Matrester i vasken")
    k22 = "Matrester i vasken\n\nKommunen har tagit fram nya renhållningsföreskrifter för avfall."
    assert not backed(k22, "Matrester i vasken", (0, 18))


def test_a_heading_of_procedure_words_alone_names_no_matter() -> None:
    # fresh10 k06 (Region Kronoberg) under a section heading of procedure words only: the item's heading below it
    # names the plan ("Svara på remisser", k06's own, is in the chrome list; these are not)
    k06 = ("Här kan du svara på våra aktuella remisser.\n\nLänstransportplan 2022–2033\n\nVart fjärde år justeras/ "
           "aktualitets prövas landets länstransportplaner. Nu är tiden inne för en sådan prövning. Under perioden 17 "
           "september till 24 november är Länstransportplan för Kronobergs län 2022–2033 ute på öppen remiss.\n")
    for heading in ("Lämna synpunkter", "Remiss – yttrande", "Om remissen", "Remissvar"):
        assert parse_missiv(f"{heading}\n\n{k06}").title.startswith("Länstransportplan"), heading
    assert not backed("Remiss – yttrande\n\nText.", "Yttrande", (9, 17))
