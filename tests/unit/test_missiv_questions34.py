"""Round 34 (h-parse34): numbered frågeställningar after "utifrån följande frågeställningar:", from a browser walk.

The lists as a kommun's letter, a PDF or a web page gives them: one to a line, run together onto the lead-in's line,
the number on a line of its own, numbered without a dot, a question wrapped onto a capital.
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.questions import find_questions
from tests.unit.test_missiv_remittent34 import TILLHANDA

QUESTIONS = ["Hur påverkar förslaget nämndens verksamhet och ekonomi?",
             "Vilka konsekvenser får förslaget för barn och unga?",
             "Finns det delar av förslaget som behöver förtydligas?"]


def test_the_numbered_questions_of_the_letter() -> None:
    assert parse_missiv(TILLHANDA).questions == QUESTIONS


LEAD = "Nämnderna ombeds att yttra sig utifrån följande frågeställningar:"
SHORT = ["Hur påverkar förslaget nämndens verksamhet?", "Vilka konsekvenser får förslaget för barn?",
         "Finns det delar som behöver förtydligas?"]


@pytest.mark.parametrize("layout", [
    # a PDF's or web page's paragraph run together onto the lead-in's line
    f"{LEAD} 1. {SHORT[0]} 2. {SHORT[1]} 3. {SHORT[2]}\n\nSvaret ska vara kommunstyrelsen tillhanda …",
    f"{LEAD}\n1. {SHORT[0]} 2. {SHORT[1]} 3. {SHORT[2]}\n\nSvaret …",
    f"{LEAD} 1. {SHORT[0]}\n2. {SHORT[1]}\n3. {SHORT[2]}\n\nSvaret …",
    # a PDF's numbered list: the number on a line of its own
    f"{LEAD}\n\n1.\n{SHORT[0]}\n2.\n{SHORT[1]}\n3.\n{SHORT[2]}\n\nSvaret …",
    # numbered without a dot
    f"{LEAD}\n1 {SHORT[0]}\n2 {SHORT[1]}\n3 {SHORT[2]}\n\nSvaret …",
])
def test_numbered_questions_in_each_layout(layout: str) -> None:
    assert find_questions(layout)[0] == SHORT


def test_a_numbered_question_wrapped_onto_a_capital() -> None:
    text = (f"{LEAD}\n1. Hur påverkar förslaget\nMalmö stads verksamhet?\n2. Vilka konsekvenser får förslaget för "
            f"barn?\n\nSvaret …")
    assert find_questions(text)[0] == ["Hur påverkar förslaget Malmö stads verksamhet?", SHORT[1]]


@pytest.mark.parametrize("text", [
    # a numbered list of documents or chapters is no list of questions
    "Följande handlingar bifogas:\n1. Planbeskrivning\n2. Plankarta\n3. Samrådsredogörelse\n",
    "Utredningen behandlar frågeställningar kring vattenförsörjningen.\n1. Inledning\n2. Bakgrund\n3. Förslag\n",
    "Utredningen behandlar frågeställningar kring vattenförsörjningen. 1. Inledning 2. Bakgrund 3. Förslag\n",
])
def test_numbered_lists_that_ask_nothing_stay_out(text: str) -> None:
    assert find_questions(text)[0] == []
