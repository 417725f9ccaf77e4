"""Titles round 12: an extension notice's label around the matter's name is no part of the ärendemening.

The texts are those of tests/data/missiv/kinds/ext-dev2.json (the development half; ext-holdout2 is never read here).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.missiv_eval import EXT2_FILES
from remiss.missiv import parse_missiv
from remiss.missiv.title_trim import clean_subject, tidy

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
])
def test_a_notice_heading_gives_the_name(heading: str, title: str) -> None:
    assert tidy(heading, (0, len(heading)))[0] == title


def test_a_page_proposal_keeps_its_own_definite_form() -> None:
    # the "förslaget" → "Förslag" change is only for "synpunkter på förslaget till …", not for a page's own words
    heading = "Nu är förslaget till ny avfallsplan ute på remiss"
    assert tidy(heading, (0, len(heading)))[0] == "Förslaget till ny avfallsplan"


def test_a_notice_label_alone_is_no_title() -> None:
    # b27: the heading "Förlängd remisstid" names no matter; better empty than that
    assert parse_missiv(_dev("b27")["text"]).title is None
