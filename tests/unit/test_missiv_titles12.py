"""Titles round 12: an extension notice's label around the matter's name is no part of the ärendemening.

The texts are those of tests/data/missiv/kinds/ext-dev2.json (the development half; ext-holdout2 is never read here).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.missiv_eval import EXT2_FILES
from remiss.missiv import parse_missiv
from remiss.missiv.title_subject import clean_subject
from remiss.missiv.title_trim import tidy

DEV2 = {c["id"]: c for c in json.loads(Path(EXT2_FILES["ext-dev2"]).read_text(encoding="utf-8"))}


def _dev(case_id: str) -> dict:
    assert case_id in DEV2, f"{case_id} is not in ext-dev2: tests are written on the development half only"
    return DEV2[case_id]


@pytest.mark.parametrize("case_id", ["b01", "b05", "b07", "b13", "b28", "b31", "b32"])
def test_the_notice_label_is_dropped_from_the_title(case_id: str) -> None:
    case = _dev(case_id)
    assert parse_missiv(case["text"]).title == case["expected"]["title"]


@pytest.mark.parametrize("subject, title", [
    # b01: a label in front of "remiss av promemorian …"
    ("Ändrad svarstid – remiss av promemorian Skattelättnader för arbetskraft (Fi2027/00412)",
     "Skattelättnader för arbetskraft"),
    # b07: "Förlängning:" in front, the sender's abbreviation and its dnr behind
    ("Förlängning: Remiss om förslag till nytt kommunalt utjämningsstöd, SKR dnr 26/01456",
     "Förslag till nytt kommunalt utjämningsstöd"),
    # b28 / b32: the label after the name
    ("Remiss Näringslivsstrategi för Jämtlands län – nytt svarsdatum", "Näringslivsstrategi för Jämtlands län"),
    ("VB: Remiss av Ds 2026:30 Ett nytt mediestöd – förlängning".removeprefix("VB: "), "Ds 2026:30 Ett nytt mediestöd"),
])
def test_a_notice_subject_gives_the_name(subject: str, title: str) -> None:
    assert clean_subject(subject, (0, len(subject)))[0] == title


@pytest.mark.parametrize("heading, title", [
    ("Samråd om förslag till avfallsplan 2028–2035 – förlängd tid för synpunkter", "Förslag till avfallsplan 2028–2035"),
    ("Remissen förlängs – Riktlinjer för markanvändning i Kiruna kommun", "Riktlinjer för markanvändning i Kiruna kommun"),
    ("Ny tid för synpunkter på förslaget till grönplan", "Förslag till grönplan"),
    # d28 (dev): a file link whose name ends in the procedure's word
    ("Biblioteksplan 2023-2026 Västernorrland - remissversion (pdf)", "Biblioteksplan 2023-2026 Västernorrland"),
])
def test_a_notice_heading_gives_the_name(heading: str, title: str) -> None:
    assert tidy(heading, (0, len(heading)))[0] == title


def test_a_page_proposal_keeps_its_own_definite_form() -> None:
    # the "förslaget" → "Förslag" change is only for "synpunkter på förslaget till …", not for a page's own words
    heading = "Nu är förslaget till ny avfallsplan ute på remiss"
    assert tidy(heading, (0, len(heading)))[0] == "Förslaget till ny avfallsplan"


def test_a_notice_label_alone_is_no_title() -> None:
    # b27: the heading "Förlängd remisstid" names no matter; better empty than that. Round 18: the prose names it
    # ("… remisstiden för samrådet om förslag till beslut om …"), as annotated
    title = parse_missiv(_dev("b27")["text"]).title
    assert title != "Förlängd remisstid"
    assert title == "Förslag till beslut om prisreglering av fiberanslutningar"


# --- normalise: what a page or a subject puts around the name (title_trim.normalise) ---
from bench.missiv_eval import load_kind_cases  # noqa: E402
from remiss.missiv.title_trim import normalise  # noqa: E402


@pytest.mark.parametrize("value, title", [
    # file links of the dev pages: x19 (ext-dev), x18 (ext-dev), x07 (extra), d28 (dev)
    ("Förslag till beslut och skötselplan, Storröjningsmorans naturreservat (pdf 2,1 MB)",
     "Förslag till beslut och skötselplan, Storröjningsmorans naturreservat"),
    ("Förslag till beslut om utökat naturreservat Hallaböke Pdf, 499 kB.",
     "Förslag till beslut om utökat naturreservat Hallaböke"),
    ("Remiss Vattnets miljömål 2023-2027 Pdf, 1.4 MB.", "Remiss Vattnets miljömål 2023-2027"),
    # the page's section in front (x07, x14, u10 print it on the line above the item)
    ("Aktuella remisser – Vattnets miljömål 2023-2027", "Vattnets miljömål 2023-2027"),
    ("Aktuella samråd: Etapp 2 Runnabäcken/Söders gärde", "Etapp 2 Runnabäcken/Söders gärde"),
    # the request and its day after the name (the conventions: no deadline in a title)
    ("Förslag till avfallsplan 2028–2035 – synpunkter senast 15 oktober 2027", "Förslag till avfallsplan 2028–2035"),
    ("Näringslivsstrategi för Jämtlands län - lämna synpunkter senast 19 mars", "Näringslivsstrategi för Jämtlands län"),
    # f15: "… som nu är på samråd till och med 2024-06-30"
    ("Förslag på ny avfallsplan på samråd till och med 2024-06-30", "Förslag på ny avfallsplan"),
    ("Förslag till grönplan för Växjö kommun, dnr 2026/KS 0412".replace("2026/KS 0412", "KS 2026/412"),
     "Förslag till grönplan för Växjö kommun"),
    ("2017-08-16 Regional plan för transportinfrastruktur", "Regional plan för transportinfrastruktur"),
])
def test_normalise_drops_what_surrounds_the_name(value: str, title: str) -> None:
    assert normalise(value) == title


@pytest.mark.parametrize("value", [
    "Vattnets miljömål 2023-2027", "Kulturplan 2020-2023", "Sammanställning av synpunkter",
    "Förslag till beslut och skötselplan, Storröjningsmorans naturreservat", "Regionala svar och synpunkter 2021",
])
def test_normalise_keeps_a_plain_name(value: str) -> None:
    assert normalise(value) == value


def test_a_section_label_on_the_heading_line_is_dropped() -> None:
    # x07 (extra) as a registrator copies it when the page's section and the item's heading run together
    case = next(c for c in load_kind_cases("extra") if c["id"] == "x07")
    text = case["text"].replace("Aktuella remisser\n\nRemiss Vattnets", "Aktuella remisser – Remiss Vattnets", 1)
    assert "Aktuella remisser – Remiss" in text
    assert parse_missiv(text).title == case["expected"]["title"]


@pytest.mark.parametrize("case_id", ["b10", "b26"])
def test_a_letter_kind_heading_is_no_title(case_id: str) -> None:
    # "Information till remissinstanserna", "Meddelande från Skolverket": the kind of letter and its addressee or
    # sender name no matter; neither does "Frågor: Sofia Nyman, kulturstrateg" below. Better empty than wrong; since
    # round 19 the notice's sentence names the remiss ("Svarstiden för remissen X ändras", "Remissen om X förlängs").
    case = _dev(case_id)
    assert parse_missiv(case["text"]).title == case["expected"]["title"]


def test_a_notice_names_its_remiss_without_the_report() -> None:
    from remiss.missiv.extension import named_remiss
    text = "Remissen om förslag till nya kursplaner i grundskolan förlängs med en månad från den 1 mars 2027."
    assert named_remiss(text)[0] == "Förslag till nya kursplaner i grundskolan"
