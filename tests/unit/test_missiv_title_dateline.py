"""Round 34 (h-parse34): a page's date, weekday or byline line is never offered as a title.

Round 33's ranker offered "fredag" (fresh9-holdout k14, a länsstyrelse's news page) and "Sidan publicerad 2015-07-06
av Josefine Larsson" (fresh12-holdout y14, a kommun's page) among the title choices; both sets are development
material (seen since round 32). The other lines are the ones the ranker offered on the seen sets (ext-dev x08, x09,
fresh2-holdout g01, fresh4-holdout h33, fresh9-holdout k21, fresh12-holdout y29).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.title_candidates import plausible
from remiss.missiv.title_dateline import dated_or_byline
from tests.unit.test_missiv_title_ranker import _letter

JUNK = ["fredag", "måndag", "28 mars, 2024", "17 maj, 2019", "06 juli - 06 juli", "Fredagen den 12 maj 2023",
        "2023-05-12", "Publicerad 12 maj 2023", "Sidan publicerad 2015-07-06 av Josefine Larsson",
        "Sidan senast uppdaterad: 1 februari 2016Sidansvarig: Åsa Wisén", "av Ulrika Liljeberg (C)",
        "Av av Oskarshamns-Nytt", "Sista dag att svara på remissen är den 3 oktober 2022",
        "Beslut vid regeringssammanträde den 4 mars 2021", "Svar till kansliet senast 11/3-10",
        "Yttrandet ska vara inkommet senast den 4 maj", "Svaren ska ha kommit in senast fredag"]
TITLES = ["Avveckling av flottningslagstiftningen", "Revidering av regional kulturplan", "Diskussionsunderlag, juni 2020",
          "Regionalt serviceprogram 2024-2030", "Text- och bildanalys", "Ändrad detaljplan för Norra hamnen",
          "Granskad version av översiktsplanen", "Fotografering i naturreservat", "SOU 2023:12 En ny lag",
          "Svar på remiss om senast ändrade regler", "Synpunkter på förslag till detaljplan 2024"]


@pytest.mark.parametrize("line", JUNK)
def test_a_date_weekday_or_byline_is_no_title(line: str) -> None:
    assert dated_or_byline(line)
    assert not plausible(line)


@pytest.mark.parametrize("title", TITLES)
def test_titles_with_dates_or_such_words_stay(title: str) -> None:
    assert not dated_or_byline(title)


@pytest.mark.parametrize("name, ident, junk", [("fresh9-holdout", "k14", "fredag"),
                                               ("fresh12-holdout", "y14", "Sidan publicerad 2015-07-06 av Josefine Larsson")])
def test_the_pages_choices_hold_no_date_or_byline(name: str, ident: str, junk: str) -> None:
    result = parse_missiv(_letter(name, ident))
    assert junk not in result.title_alternatives
    assert not any(dated_or_byline(a) for a in result.title_alternatives)


def test_the_seed_missivs_answer_instruction_is_no_title_choice() -> None:
    """The seed missiv (Malmö 2010) says "Svar till kansliet senast 11/3-10"; round 33's ranker offered that line
    under Ärendemening in the registration form."""
    text = (Path(__file__).resolve().parents[1] / "data" / "missiv" / "seed000-iof-2010.txt").read_text()
    assert "Svar till kansliet senast 11/3-10" not in parse_missiv(text).title_alternatives
