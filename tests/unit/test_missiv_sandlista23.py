"""Walk 23 W1: a sändlista the missiv only refers to ("Remissinstanser / Enligt sändlista") is left empty.

The letter is the one the walk pasted on /remisser/ny/missiv (/tmp/h-walk23-w/missiv.txt): Finansdepartementet's
missiv in Regeringskansliet's usual layout, where the addressee block "Remissinstanser / Enligt sändlista" stands
above the ärendemening. The sändlista used to be read as ["Enligt sändlista", "Promemorian Ett förenklat …"].
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.sandlista import find_sandlista

RK_MISSIV = """Regeringskansliet
Finansdepartementet
Enheten för kommunal ekonomi

Remiss
2026-12-04
Fi2026/04512

Remissinstanser
Enligt sändlista

Promemorian Ett förenklat kommunalekonomiskt utjämningssystem

Remissvaren ska ha kommit in till Finansdepartementet senast den 15 januari 2027 kl. 12.00. Svaren bör lämnas per \
e-post till fi.remissvar@regeringskansliet.se och fi.ke@regeringskansliet.se. Ange diarienummer Fi2026/04512 och \
remissinstansens namn i ämnesraden.

Finansdepartementet vill särskilt ha synpunkter på följande frågor:
1. Bör inkomstutjämningens kompensationsnivå sänkas från 95 till 90 procent?
2. Hur påverkas kommunens budget av de föreslagna övergångsreglerna?
3. Finns det skäl att införa ett tak för kostnadsutjämningen?

Remissvaren kommer att publiceras på regeringens webbplats.

Råd om hur remissyttranden utformas finns i Statsrådsberedningens promemoria Svara på remiss.

Anna Andersson
Kansliråd

Kopia till
Sveriges Kommuner och Regioner"""

ANSWER = "\n\nRemissvaren ska ha kommit in till Finansdepartementet senast den 15 januari 2027.\n"


def _warning(words: str) -> str:
    return f"Missivet hänvisar till en sändlista som inte står i texten (”{words}”); fyll i remissinstanserna för hand."


def test_the_rk_missiv_leaves_the_sandlista_empty_and_quotes_its_words() -> None:
    result = parse_missiv(RK_MISSIV)
    assert result.sandlista == []
    assert _warning("Enligt sändlista") in result.warnings
    assert [e.text for e in result.evidence if e.field == "sandlista"] == []
    # the other fields the walk found right stay right
    assert result.title == "Ett förenklat kommunalekonomiskt utjämningssystem"
    assert result.remittent == "Finansdepartementet"
    assert result.to_json()["deadline"] == "2027-01-15T12:00"


@pytest.mark.parametrize("text, words", [
    # whatever follows the words, even lines that look like names, is no remissinstans
    ("Remissinstanser\nEnligt sändlista\n\nEskilstuna kommun\n\nKalmar kommun" + ANSWER, "Enligt sändlista"),
    ("Remissinstanser\nEnligt sändlista\nEskilstuna kommun\nKalmar kommun" + ANSWER, "Enligt sändlista"),
    ("Remissinstanser enligt bifogad sändlista\n\nEskilstuna kommun\nKalmar kommun" + ANSWER, "enligt bifogad sändlista"),
    ("Sändlista: se bilaga 2\nEskilstuna kommun\nKalmar kommun" + ANSWER, "se bilaga 2"),
    ("Remissinstanser\n\nEnligt bilagd sändlista.\n\nBetänkandet Nya regler\n\nLänsstyrelsen" + ANSWER,
     "Enligt bilagd sändlista"),
    ("Till remissinstanserna enligt sändlista\n\nDelbetänkandet Nya regler\nBoverket" + ANSWER,
     "Till remissinstanserna enligt sändlista"),
])
def test_words_that_refer_to_a_separate_sandlista_give_no_names(text: str, words: str) -> None:
    result = parse_missiv(text)
    assert result.sandlista == []
    assert _warning(words) in result.warnings


def test_a_document_line_after_the_list_is_no_remissinstans() -> None:
    # one entry a paragraph (a list pasted from a web page), then the ärendemening as a paragraph of its own
    text = ("Remissinstanser\n\nEskilstuna kommun\n\nKalmar kommun\n\n"
            "Promemorian Ett förenklat kommunalekonomiskt utjämningssystem" + ANSWER)
    assert find_sandlista(text).names == ("Eskilstuna kommun", "Kalmar kommun")
    text = "Remissinstanser\nEskilstuna kommun\nKalmar kommun\nBetänkandet SOU 2026:3 Nya regler" + ANSWER
    assert find_sandlista(text).names == ("Eskilstuna kommun", "Kalmar kommun")


def test_a_real_list_later_in_the_text_still_counts() -> None:
    # the missiv and its sändlista pasted together: the list is in the text after all
    text = RK_MISSIV + "\n\nSändlista\n\n1. Eskilstuna kommun\n2. Kalmar kommun\n3. Boverket\n"
    result = parse_missiv(text)
    assert result.sandlista == ["Eskilstuna kommun", "Kalmar kommun", "Boverket"]
    assert not any("hänvisar till en sändlista" in w for w in result.warnings)


def test_a_list_below_says_so_and_is_read() -> None:
    # "enligt sändlista nedan": the names follow
    text = "Remissinstanser enligt sändlista nedan\nEskilstuna kommun\nKalmar kommun" + ANSWER
    assert parse_missiv(text).sandlista == ["Eskilstuna kommun", "Kalmar kommun"]
