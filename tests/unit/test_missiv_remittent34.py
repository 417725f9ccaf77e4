"""Round 34 (h-parse34): a kommun's own remiss to its nämnder, from a browser walk: the letterhead and "ska vara
kommunstyrelsen tillhanda" outrank the answer address's domain.

The letters are written in the style of Malmö stad's own remisser (seeds 000 and 003: "Svaret ställt till
kommunstyrelsen", "Remissyttrandet ska vara kommunstyrelsen tillhanda senast den 30 september").
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv

KS = ("Kommunstyrelsen\n\n2026-03-02\nDnr KS-2026-00214\n\n"
      "Remiss – Riktlinjer för tillfälliga bostadslösningar\n\n"
      "Stadskontoret har på uppdrag av kommunstyrelsen tagit fram ett förslag till riktlinjer för tillfälliga "
      "bostadslösningar. Förslaget skickas nu på remiss till berörda nämnder och de fackliga organisationerna.\n\n"
      "Nämnderna ombeds att yttra sig utifrån följande frågeställningar:\n\n"
      "1. Hur påverkar förslaget nämndens verksamhet och ekonomi?\n"
      "2. Vilka konsekvenser får förslaget för barn och unga?\n"
      "3. Finns det delar av förslaget som behöver förtydligas?\n\n"
      "{answer} senast den 15 maj 2026 till kommunstyrelsen@malmo.se. Ange diarienummer KS-2026-00214.\n\n"
      "Frågor besvaras av Johan Lind, utredare, stadskontoret, johan.lind@malmo.se.\n")
TILLHANDA = KS.format(answer="Svaret ska vara kommunstyrelsen tillhanda")
LETTERHEAD = KS.format(answer="Svar lämnas")


@pytest.mark.parametrize("text, evidence", [(TILLHANDA, "kommunstyrelsen"), (LETTERHEAD, "Kommunstyrelsen")])
def test_our_own_kommunstyrelsen_is_the_remittent_not_the_address_domain(text: str, evidence: str) -> None:
    # the walk: "Malmö stad" from kommunstyrelsen@malmo.se, although the letter is Kommunstyrelsen's (its letterhead,
    # "ska vara kommunstyrelsen tillhanda"); read within Malmö stad its nämnd is the remittent (walk28 Z6)
    result = parse_missiv(text, organisations=("Malmö stad",))
    assert result.remittent == "Kommunstyrelsen"
    assert [e.text for e in result.evidence if e.field == "remittent"] == [evidence]
    assert not any("härleddes från svarsadressen" in w for w in result.warnings)


@pytest.mark.parametrize("text", [TILLHANDA, LETTERHEAD])
def test_read_from_elsewhere_the_kommun_with_the_letters_own_sender_named(text: str) -> None:
    # another kommun's reader registers the kommun, as for every other remittent, and is told which nämnd wrote
    result = parse_missiv(text)
    assert result.remittent == "Malmö stad"
    assert any(w.startswith("Texten anger bara Kommunstyrelsen som avsändare; remittenten antas vara kommunen, "
                            "Malmö stad") for w in result.warnings)


def test_a_bare_ending_in_lower_case_names_no_sender() -> None:
    text = "Malmö stad\n\nRemiss – Lokalplan\n\nSvaret ska vara nämnden tillhanda senast den 1 mars 2027.\n"
    assert parse_missiv(text).remittent != "Nämnden"
