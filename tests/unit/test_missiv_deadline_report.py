"""The answer deadline against the day an uppdrag reports by, and "remisshanteras fram till och med" (round h-ext3).

The passages are real: regeringen.se's regeringsuppdrag of December 2021, lagen.nu's dir. 2003:116 and 2001:77
(tests/data/missiv/kinds/ext-dev3.json) and SKR's page on the Kommunutredningen's remiss (fresh7, r10).
"""
from __future__ import annotations

from datetime import date

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.deadline import find_deadline

REPORT_DAYS = [
    # regeringen.se, regeringsuppdrag S2021/05258
    "Uppdragstiden förlängs. Folkhälsomyndigheten ska i stället lämna en slutredovisning senast den 31 december 2022 "
    "till Regeringskansliet.",
    # lagen.nu, dir. 2003:116
    "Utredarens uppdrag skall enligt direktiven vara avslutat senast den 1 september 2004.\n\nUtredningstiden "
    "förlängs, vilket innebär att utredarens uppdrag skall vara avslutat senast den 1 januari 2005.",
    # lagen.nu, dir. 2001:77
    "Utredaren skall enligt direktiven lämna sitt slutbetänkande senast den 1 oktober 2001.",
    # lagen.nu, dir. 2019:12
    "Utredningstiden förlängs. Uppdraget ska i stället redovisas senast den 28 februari 2020.",
]


@pytest.mark.parametrize("text", REPORT_DAYS)
def test_the_day_an_uppdrag_reports_by_is_no_answer_deadline(text):
    assert find_deadline(text).deadline is None


def test_a_report_sentence_about_the_answers_keeps_its_deadline():
    # "redovisa" in a sentence about the remissvar is still the answer day
    text = "Remissinstanserna ombeds redovisa sina synpunkter senast den 15 mars 2027."
    assert find_deadline(text).deadline == date(2027, 3, 15)


def test_a_remiss_handled_up_to_a_day_has_that_day_as_deadline():
    # SKR, "Kommunutredningen" (15 June 2020)
    text = ("Betänkandet remisshanteras fram till och med 30 september 2020 (förlängd remisstid).\n\n"
            "Dialogmöten\n\n17 juni 2020 klockan 09.00-10.15\n")
    assert find_deadline(text).deadline == date(2020, 9, 30)


def test_skr_page_with_förlängd_remisstid_gives_the_new_day():
    text = ("Publicerad: 15 juni 2020\n\nKommunutredningen\n\nKommunutredningen har lämnat över sitt förslag. "
            "Betänkandet remisshanteras fram till och med 30 september 2020 (förlängd remisstid).\n\n"
            "Avser ni som kommun eller region att ta fram ett remissvar är ni välkomna att delta i ett möte:\n\n"
            "17 juni 2020 klockan 09.00-10.15\n24 juni 2020 klockan 09.00-10.15\n")
    got = parse_missiv(text)
    assert got.extension_to == date(2020, 9, 30)
    assert got.deadline == date(2020, 9, 30)
