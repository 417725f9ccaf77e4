"""A registrator's first walk through the Inkorg (round h-walk7fix): each finding, failing before and passing after."""
from __future__ import annotations

from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.parser import is_greeting
from remiss.missiv.questions import find_questions
from remiss.missiv.sandlista import find_sandlista

WALK7 = Path(__file__).resolve().parent.parent / "data" / "walk7"


def text(name: str) -> str:
    return (WALK7 / name).read_text(encoding="utf-8")


# e. A greeting is never the title.

@pytest.mark.parametrize("line", ["Hej!", "Hej alla,", "Till remissinstanserna", "Med vänlig hälsning",
                                  "Med vänliga hälsningar", "Bästa hälsningar", "Kära kollegor"])
def test_a_salutation_or_closing_is_a_greeting(line):
    assert is_greeting(line)


@pytest.mark.parametrize("line", ["Bästa möjliga skola för alla", "Remiss av förslag till ny taxa",
                                  "Hejdå plastpåsar – förslag till avfallsplan"])
def test_a_title_that_starts_like_a_greeting_is_not_one(line):
    assert not is_greeting(line)


@pytest.mark.parametrize("name", ["greeting-kommun.txt", "till-remissinstanserna.txt"])
def test_the_greeting_of_a_real_letter_is_not_its_title(name):
    result = parse_missiv(text(name))
    assert result.title is None or not is_greeting(result.title)
    assert "Ingen ärendemening (titel) hittades." in result.warnings or result.title


# f. Lists stop at the signature and at a quoted mail's header.

def test_questions_and_sandlista_stop_at_the_signature():
    result = parse_missiv(text("greeting-kommun.txt"))
    assert result.questions == ["Är målen i planen rimliga för er verksamhet?",
                                "Vilka åtgärder saknas för att minska matsvinnet?"]
    assert result.sandlista == ["Kommunstyrelsen", "Miljö- och byggnadsnämnden", "Tekniska nämnden", "Eksjö Energi AB"]
    result = parse_missiv(text("till-remissinstanserna.txt"))
    assert result.sandlista == ["Eksjö kommun", "Gislaveds kommun", "Jönköpings kommun"]  # not "… Per Lindqvist"


def test_lists_stop_at_a_quoted_mail_header():
    letter = text("forward-quoted.txt")
    assert find_questions(letter)[0] == ["Behövs övergångsregler för pågående ärenden?",
                                         "Hur påverkas handläggningstiderna?"]
    assert find_sandlista(letter).names == ("Kommunstyrelsen", "Byggnadsnämnden", "Barn- och utbildningsnämnden")


def test_a_signature_after_a_numbered_sandlista_is_not_joined_to_its_last_entry():
    found = find_sandlista("Sändlista\n1. Kommunstyrelsen\n2. Miljönämnden\nAnna Berg\nUtredare\n08-123 45 67\n")
    assert found.names == ("Kommunstyrelsen", "Miljönämnden")


def test_questions_in_one_paragraph_stop_at_the_closing():
    found = find_questions("Vi önskar särskilt synpunkter på följande frågor:\n- Hur påverkas verksamheten?\n"
                           "- Vilka kostnader uppstår?\nMed vänlig hälsning\nAnna Berg\nTel. 08-123 45 67\n")[0]
    assert found == ["Hur påverkas verksamheten?", "Vilka kostnader uppstår?"]


# i. A saved web page's menu is no list of frågeställningar.

def test_menu_items_are_not_questions():
    assert find_questions("Frågor\n- Start\n- Om kommunen\n- Kontakta oss\n- Press\n")[0] == []
    assert find_questions("Frågor\n- Kontakta oss\n- Felanmälan\n- Öppettider\n")[0] == []
    # a real list of topics still counts
    assert find_questions("Vi önskar särskilt synpunkter på följande:\n- Finansieringen av åtgärderna\n"
                          "- Tidplanen för genomförandet\n")[0] == ["Finansieringen av åtgärderna",
                                                                    "Tidplanen för genomförandet"]
