"""walk26 W9: a short mailed answer that only says "inga synpunkter" is proposed as Inga synpunkter; a longer one,
one that limits it to a part, or an avstår is not (remiss.outgoing.answer_words)."""
from __future__ import annotations

import pytest

from remiss.outgoing.answer_words import says_declines, says_no_comments


@pytest.mark.parametrize("text", [
    "Lunds kommun har inga synpunkter på förslaget till trafikstrategi, er beteckning SOFÖ 2026/0006.",
    "Inga synpunkter.",
    "Miljönämnden har inte några synpunkter på remissen. Tack för möjligheten att yttra oss.",
    "Region Skåne har inget att erinra mot förslaget.",
    "Vi har inga invändningar mot förslaget.\n\nBeslutet har fattats på delegation.",
])
def test_a_short_answer_with_no_comments_is_read_so(text):
    assert says_no_comments(text)


@pytest.mark.parametrize("text", [
    "Lunds kommun avstår från att lämna synpunkter på förslaget.",  # avstår: declines, kept apart
    "Vi har inga synpunkter på avsnitt 3 men vill påpeka att cykelbanorna längs Lundavägen saknas.",
    "Vi har inga synpunkter på avsnitt 3. Avsnitt 4 bör däremot ses över.",
    "Vi har inga synpunkter utöver det som sägs i bifogat yttrande.",
    "Vi har i övrigt inga synpunkter.",
    "Trafiknämnden har inga synpunkter på förslaget. Cykelbanorna längs Lundavägen bör dock breddas.",
    "Vi tillstyrker förslaget.",
    "Inga synpunkter. " + "Vi vill ändå säga något om parkeringen vid stationen. " * 10,
    "",
])
def test_anything_more_or_less_is_not(text):
    assert not says_no_comments(text)


@pytest.mark.parametrize("text", [
    "Tack för anståndet. Lunds kommun avstår från att lämna synpunkter.",  # walk26b X15
    "Kommunstyrelsen avstår från att yttra sig över remissen.",
    "Vi avstår från yttrande.",
    "Region Skåne avstår från att svara.",
])
def test_an_answer_that_only_declines_is_avstar(text):
    assert says_declines(text) and not says_no_comments(text)


@pytest.mark.parametrize("text", [
    "Vi avstår från att yttra oss om avsnitt 3 men vill se fler cykelbanor.",
    "Vi har inga synpunkter.",
    "Vi avstår från att lämna synpunkter. Cykelbanorna bör dock breddas.",
    "Avstår från att svara. " + "Vi vill ändå säga något om parkeringen vid stationen. " * 10,
    "",
])
def test_anything_more_is_not_avstar(text):
    assert not says_declines(text)
