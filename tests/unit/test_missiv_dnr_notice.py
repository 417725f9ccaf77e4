"""The remittent's diarienummer in an extension notice: "märk svaret med …" and the "2026/KS 0412" form.

The sentences are those of the built notices b28 and b13 of tests/data/missiv/kinds/ext-dev2.json (round h-ext3).
"""
from __future__ import annotations

from remiss.missiv.dnr import find_sender_dnr


def test_the_number_the_answer_is_marked_with_is_the_senders():
    text = "Svaren skickas till region.jamtland@regionjh.se, märk svaret med RJH 2026/1990.\n"
    assert find_sender_dnr(text).value == "RJH 2026/1990"


def test_year_board_number_after_ange_diarienummer():
    text = "Synpunkter skickas till kommunen@vaxjo.se. Ange diarienummer 2026/KS 0412.\n"
    assert find_sender_dnr(text).value == "2026/KS 0412"


def test_marking_with_a_word_is_no_diarienummer():
    text = "Märk kuvertet med ”Remissvar grönplan” och skicka det till kommunen.\n"
    assert find_sender_dnr(text).value is None
