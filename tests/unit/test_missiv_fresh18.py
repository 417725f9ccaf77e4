"""Round 28b (h-tune28): rules from the misses of fresh18-dev, each from the real text it was found in."""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.title_trim import drop_remiss_lead

# regeringen.se's page on Finansdepartementet's questions on konnektivitet (fresh18-dev c19): "Remiss med frågor om X"
KONNEKTIVITET = (
    "# Remiss med frågor om dagens och framtidens utmaningar på konnektivitetsområdet\n\n"
    "Här kan du ta del av svaren från dem som har ombetts att svara på frågor om dagens och framtidens utmaningar på "
    "konnektivitetsområdet.\n\n"
    "Finansdepartementet önskar få svar på frågorna senast den 21 augusti 2023.\n"
)


def test_what_a_remiss_carries_after_med_is_the_matter():
    title = parse_missiv(KONNEKTIVITET).title
    assert title.casefold() == "frågor om dagens och framtidens utmaningar på konnektivitetsområdet"


def test_med_before_anything_but_questions_or_a_proposal_stays():
    assert drop_remiss_lead("Remiss med förslag till ändrade föreskrifter") == "Förslag till ändrade föreskrifter"
    assert drop_remiss_lead("Remiss med svar senast 3 maj").startswith("Med svar")
