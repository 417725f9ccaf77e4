"""Round 26: the title's alternatives and withholding a headline guess nothing backs (remiss.missiv.title_candidates),
from real development letters (tests/data/missiv/kinds)."""
import json
from pathlib import Path

from remiss.missiv import parse_missiv
from remiss.missiv.title_candidates import ABSTAINED, echo, plausible, weigh

KINDS = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds"
LETTERS = {c["id"]: c for name in ("missiv-dev.json",)
           for c in json.loads((KINDS / name).read_text(encoding="utf-8"))}


def test_the_heading_and_the_proposal_in_the_prose_are_offered_apart():
    # d24 (a region's page): the page names "Länstransportplan 2022-2033"; its prose, "förslag till länstransportplan"
    result = parse_missiv(LETTERS["d24"]["text"])
    assert result.title == "Länstransportplan 2022-2033"
    # the rules' alternative first; since round 33 the learned ranker (title_ranker) may add others after it
    assert result.title_alternatives[0] == "Förslag till länstransportplan"
    assert result.to_json()["title_alternatives"] == result.title_alternatives


def test_alternatives_are_distinct_and_at_most_three_in_all():
    for case in LETTERS.values():
        result = parse_missiv(case["text"])
        offered = ([result.title] if result.title else []) + result.title_alternatives
        assert len(offered) <= 3
        assert len({" ".join(v.casefold().split()) for v in offered}) == len(offered), case["id"]


# A real letter (d24) under a line from the site's chrome that the parser takes as the page's headline
CHROME = "Mina sidor för kunder och leverantörer\n\n"


def test_a_headline_guess_no_source_backs_and_the_text_never_echoes_is_withheld():
    text = CHROME + LETTERS["d24"]["text"].split("\n", 1)[1]
    chosen = "Mina sidor för kunder och leverantörer"
    assert echo(chosen, text) == 0
    choice = weigh(chosen, [("headline", chosen), ("proposal", "Förslag till länstransportplan")], text, guessed=True)
    assert choice.abstained and choice.title is None
    # the withheld line is still offered, first, with the others
    assert choice.alternatives == [chosen, "Förslag till länstransportplan"]


def test_a_guess_another_source_backs_or_the_text_echoes_stands():
    text = LETTERS["d24"]["text"]
    # backed by the prose's proposal
    backed = weigh("Länstransportplan", [("headline", "Länstransportplan"),
                                         ("proposal", "Förslag till länstransportplan")], text, guessed=True)
    assert backed.title == "Länstransportplan" and not backed.abstained
    # not guessed (the heading had a procedure's words in front): never withheld
    assert weigh("Mina sidor för kunder", [("headline", "Mina sidor för kunder")], text).title == "Mina sidor för kunder"


def test_a_short_excerpt_is_too_short_to_echo_anything():
    # fresh7 r19 (Region Örebro län): a right heading in a text of 44 words that never repeats it
    text = ("Aktuella remisser\n\nimage alt text\n21 jan 2022\n\nLänsplanen för transportinfrastruktur\n\n"
            "Vilken funktion ska våra vägar, järnvägar och cykelvägar fylla, för att vi som bor eller verkar i Örebro "
            "län ska ha bästa nyttan av dem?\n\nHade du nytta av innehållet på denna sida?\n")
    result = parse_missiv(text)
    assert result.title == "Länsplanen för transportinfrastruktur"
    assert ABSTAINED not in result.warnings


EXTRA = {c["id"]: c for c in json.loads((KINDS / "missiv-extra.json").read_text(encoding="utf-8"))}
EXT2 = {c["id"]: c for c in json.loads((KINDS / "ext-dev2.json").read_text(encoding="utf-8"))}


def test_a_phrase_of_the_prose_is_no_alternative_beside_a_real_title():
    # x09 (a länsstyrelse's letter): the prose's "många av sina förslag till beslut" was offered beside the title
    result = parse_missiv(EXTRA["x09"]["text"])
    assert result.title == "Grön infrastruktur"
    assert "Många av sina förslag till beslut" not in result.title_alternatives


def test_an_extension_notices_own_words_and_its_addressee_are_no_alternatives():
    assert "Beslut om förlängning av svarstiden" not in parse_missiv(EXT2["b19"]["text"]).title_alternatives
    assert "Till kommunerna i Jämtlands län" not in parse_missiv(EXT2["b28"]["text"]).title_alternatives


def test_plausible_keeps_names_and_drops_what_names_nothing():
    for name in ("Förslag till länstransportplan", "Ett utvidgat skydd mot könsstympning", "Malöleden",
                 "SOU 2018:74 Lite mer lika"):
        assert plausible(name), name
    for junk in ("Många av sina förslag till beslut", "Den nya avfallsplanen", "Förslaget", "Betänkande",
                 "Om myndigheten / Remisser", "Till kommunerna i Jämtlands län", "Beslut om förlängning av svarstiden"):
        assert not plausible(junk), junk
