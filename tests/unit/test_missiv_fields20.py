"""Round 20 (h-parse20): the sändlista, the diarienummer and the deadline where a letter's layout or wording is not the
one the parser was written on (bench/results-missiv.md, "Round 20, h-parse20").

Each test reads a development text of tests/data/missiv (set and id named) as found or as bench/missiv_flat.py changes
it (`flat`: every line break a blank, as a PDF or page transcript gives it; `wrap`: lines broken at 60 characters, as a
PDF's column), or, where no development text uses a wording, the line of a public letter's standard phrasing; the
guards check that a list whose end cannot be told stays empty with a warning.
"""
from __future__ import annotations

import json
import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.sandlista import find_sandlista

DATA = Path(__file__).resolve().parents[1] / "data" / "missiv"


def _case(path: str, case_id: str) -> dict:
    assert not re.search(r"fresh(?:9|12|13)-holdout", path)  # the held-out sets are never read
    return next(c for c in json.loads((DATA / path).read_text(encoding="utf-8")) if c["id"] == case_id)


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(line, 60, break_on_hyphens=False, break_long_words=False) if line.strip() else line
                     for line in text.split("\n"))


# -- the sändlista run into the text (flat) or wrapped at a column

@pytest.mark.parametrize("path,case_id,first,last", [
    # "## Remissinstanser 1. Svea hovrätt … 36. Regelrådet I augusti 2014 uppdrogs …": the heading with no colon, the
    # last name a body of the register
    ("kinds/missiv-dev.json", "d06", "Svea hovrätt", "Regelrådet"),
    # "… 60. Transdev Sverige AB I utkastet till lagrådsremiss …": the last name ends in a name's last word
    ("fresh/fresh5-holdout.json", "m09", "Kammarrätten i Stockholm", "Transdev Sverige AB"),
    # "Följande remissinstanser har fått vattenförsörjningsplanen: • Länsstyrelsen Västra Götaland • … •
    # Skaraborgsvatten Remisstiden är 2017-01-16 till 2017-03-17.": bullets in the paragraph
    ("fresh/fresh8-dev.json", "u07", "Länsstyrelsen Västra Götaland", "Skaraborgsvatten"),
])
def test_a_flattened_sandlista_is_read_to_its_last_name(path, case_id, first, last):
    case = _case(path, case_id)
    result = parse_missiv(_flat(case["text"]))
    assert len(result.sandlista) == case["expected"]["sandlista_count"]
    assert (result.sandlista[0], result.sandlista[-1]) == (first, last)
    assert any("löpande text" in w or "enda rad" in w for w in result.warnings)


def test_a_flattened_sandlista_whose_last_name_runs_into_prose_is_left_empty():
    # fresh-dev f10: "… 97. Villaägarnas Riksförbund Boverkets rapport Ovårdade tomter … remitteras härmed till
    # ovanstående remissinstanser. Remissvaren …": where the last name ends is a guess (was 97 names, the last one a
    # sentence and a half)
    result = parse_missiv(_flat(_case("fresh/fresh-dev.json", "f10")["text"]))
    assert result.sandlista == []
    assert any("fyll i remissinstanserna för hand" in w for w in result.warnings)


def test_a_numbered_list_wrapped_after_its_numbers_is_read():
    # fresh11-holdout z31 (docplayer transcript of Ju2003/3545/L1), wrapped: "Remissinstanser:\n1. Datainspektionen
    # 2. Stockholms handelskammare 3.\nFinansinspektionen 4. …"
    case = _case("fresh/fresh11-holdout.json", "z31")
    result = parse_missiv(_wrap(case["text"]))
    assert len(result.sandlista) == case["expected"]["sandlista_count"] == 21
    assert result.sandlista[:3] == ["Datainspektionen", "Stockholms handelskammare", "Finansinspektionen"]
    assert "Svenska Bankföreningen" in result.sandlista


@pytest.mark.parametrize("path,case_id,last", [
    ("fresh/fresh-dev.json", "f10", "Villaägarnas Riksförbund"),  # "\nBoverkets rapport Ovårdade tomter och …"
    ("fresh/fresh5-holdout.json", "m01", "Lantbrukarnas Riksförbund"),  # "\nPlanprocessutredningen betänkande …"
    # (a guard: right on cand too, the paragraph's first wrapped line being long enough to read as prose)
    ("fresh/fresh4-holdout.json", "h01", "Världsnaturfonden"),  # "\nRegeringskansliet önskar synpunkter …"
])
def test_a_wrapped_paragraph_below_a_numbered_list_is_no_part_of_its_last_name(path, case_id, last):
    case = _case(path, case_id)
    result = parse_missiv(_wrap(case["text"]))
    assert len(result.sandlista) == case["expected"]["sandlista_count"]
    assert result.sandlista[-1] == last


def test_a_wrapped_name_inside_a_numbered_list_is_still_joined():
    # fresh5-holdout m01, wrapped: "10. Forskningsrådet för miljö, areella näringar och\nsamhällsbyggande" and
    # names broken at a capital above the next number keep their second line
    text = ("Remissinstanser:\n\n1. Riksdagens ombudsmän\n2. Forskningsrådet för miljö, areella näringar och\n"
            "samhällsbyggande\n3. Sveriges Allmännyttiga\nBostadsföretag, SABO\n4. Villaägarnas Riksförbund\n\n"
            "Remissvaren ska ha kommit in till Näringsdepartementet senast den 31 mars 2016.\n")
    assert find_sandlista(text).names == ("Riksdagens ombudsmän",
                                          "Forskningsrådet för miljö, areella näringar och samhällsbyggande",
                                          "Sveriges Allmännyttiga Bostadsföretag, SABO", "Villaägarnas Riksförbund")


# -- the diarienummer broken after its series

def test_a_dnr_broken_after_its_series_keeps_the_series():
    # fresh4-holdout h26 (Region Jönköpings län), wrapped: "Vänligen ange Region Jönköpings läns diarienummer: RJL\n
    # 2019/2969" (was 2019/2969)
    case = _case("fresh/fresh4-holdout.json", "h26")
    assert parse_missiv(_wrap(case["text"])).sender_dnr == "RJL 2019/2969" == case["expected"]["sender_dnr"]


def test_vaar_ref_is_the_senders_number():
    # a kommun's letterhead: "Vår ref: 2026/123" (as "Vår referens"), not the receiver's "Er ref"
    text = "Kommunstyrelsen\n2026-01-15\nVår ref: 2026/123\nEr ref: 2025/77\n\nRemiss av förslag till biblioteksplan\n"
    assert parse_missiv(text).sender_dnr == "2026/123"


# -- dates and deadline wordings

def test_a_date_with_a_comma_before_its_year_has_the_year():
    # ext-dev2 r01 (a page's date line) and extra x12 ("Publicerat 17 oktober, 2017"): the year was not read, so the
    # page had no date and a deadline without a year was placed from the reference date
    x12 = _case("kinds/missiv-extra.json", "x12")
    assert parse_missiv(x12["text"]).letter_date == date(2017, 10, 17)


@pytest.mark.parametrize("line", [
    "Yttrande ska ha inkommit till Region Gävleborg senast den 12 mars, 2027.",
    "Sista dag att lämna synpunkter är den 12 mars år 2027.",
])
def test_a_deadline_written_with_a_comma_or_aar_before_the_year_is_not_given_another_year(line):
    # read without its year the day took the letter's year: 2026-03-12, a wrong deadline
    text = f"Region Gävleborg\n2026-01-15\n\nRemiss av regional biblioteksplan\n\n{line}\n"
    assert parse_missiv(text, reference_date=date(2026, 1, 20)).deadline == date(2027, 3, 12)


@pytest.mark.parametrize("line", [
    "Senaste svarsdag är den 12 mars 2027.",
    "Svarsfrist: 12 mars 2027",
    "Vänligen inkom med yttrande senast den 12 mars 2027.",
])
def test_deadline_wordings_of_public_letters(line):
    text = f"Lunds kommun\n2026-12-01\n\nRemiss av förslag till avfallsplan\n\n{line}\n"
    assert parse_missiv(text).deadline == date(2027, 3, 12)


def test_the_day_a_paper_came_in_is_no_deadline():
    # "inkom" stays a negative cue where no "med … senast" follows
    text = ("Lunds kommun\n2026-12-01\n\nRemiss av förslag till avfallsplan\n\nSkrivelsen inkom den 3 december 2026. "
            "Svar senast den 12 mars 2027.\n")
    assert parse_missiv(text).deadline == date(2027, 3, 12)


# -- two bodies named together are joint remittents only as the subject of a verb of sending

def test_two_bodies_that_helped_are_no_joint_remittent():
    # the public phrasing of a länsstyrelse's programme: the myndigheter that paid for it, not the senders (was
    # "Naturvårdsverket och Jordbruksverket")
    text = ("Länsstyrelsen Dalarna\nDatum: 2026-12-10\nBeteckning: 511-2345-2026\n\nRemiss – förslag till åtgärdsprogram "
            "för ett rikt odlingslandskap\n\nLänsstyrelsen har tagit fram förslaget tillsammans med Jordbruksverket, "
            "Naturvårdsverket och Riksantikvarieämbetet. Naturvårdsverket och Jordbruksverket har finansierat arbetet.\n\n"
            "Synpunkter lämnas senast 2027-02-26 till dalarna@lansstyrelsen.se.\n")
    assert parse_missiv(text).remittent == "Länsstyrelsen i Dalarnas län"


@pytest.mark.parametrize("path,case_id,remittent,warning", [
    # "Naturvårdsverket och Skogsstyrelsen ger härmed möjlighet att lämna synpunkter": a joint remiss
    ("kinds/missiv-dev.json", "d39", "Naturvårdsverket och Skogsstyrelsen", None),
    # "Länsstyrelsen i Örebro län och Region Örebro län har tagit fram ett förslag": two kinds, a person chooses
    ("fresh/fresh10-holdout.json", "k13", None, "Två organ står bakom remissen"),
    # "… har i dialog med länets aktörer tagit fram ett förslag"
    ("fresh/fresh10-holdout.json", "k17", None, "Två organ står bakom remissen"),
])
def test_joint_senders_are_still_read(path, case_id, remittent, warning):
    result = parse_missiv(_case(path, case_id)["text"])
    assert result.remittent == remittent
    assert warning is None or any(warning in w for w in result.warnings)


# -- the letterhead against the body named most often

def test_a_letterhead_that_the_count_contradicts_leaves_the_remittent_empty():
    # a kommun's samråd that names the länsstyrelse twice: was "Länsstyrelsen i Hallands län", the body named most
    text = ("Kungsbacka kommun\nSamhällsbyggnadskontoret\n\nSamråd om detaljplan för Åsa centrum\n\nPlanförslaget har "
            "tagits fram med hänsyn till Länsstyrelsens granskningsyttrande. Länsstyrelsen i Hallands län har tidigare "
            "framfört synpunkter om strandskydd. Länsstyrelsen i Hallands län prövar strandskyddet.\n\nSynpunkter ska ha "
            "kommit in senast den 12 mars 2027.\n")
    result = parse_missiv(text)
    assert result.remittent is None
    assert any("Brevhuvudet anger Kungsbacka kommun men texten nämner oftast Länsstyrelsen i Hallands län" in w
               for w in result.warnings)


@pytest.mark.parametrize("path,case_id", [
    ("kinds/missiv-dev.json", "d17"),  # "Mjölby kommun" on the first line
    ("fresh/fresh4-holdout.json", "h14"),  # "Region Östergötland"
    ("fresh/fresh6-holdout.json", "p04"),  # "Åtvidabergs kommun"
    ("fresh/fresh11-holdout.json", "z19"),  # "Region Blekinge"
])
def test_a_letterhead_the_text_agrees_with_still_gives_the_remittent(path, case_id):
    case = _case(path, case_id)
    assert parse_missiv(case["text"]).remittent == case["expected"]["remittent"]


# -- the answer address by a label or "mottas på" (no development letter words it so: public letters' phrasing)

@pytest.mark.parametrize("line", [
    "Remissvar: kommunstyrelsen@lund.se",
    "Era synpunkter mottas gärna på kommunstyrelsen@lund.se.",
])
def test_the_answer_address_after_a_label_or_mottas_paa(line):
    text = f"Lunds kommun\n2026-12-01\n\nRemiss av förslag till avfallsplan\n\n{line}\nFrågor: anna.ek@lund.se\n"
    assert parse_missiv(text).answer_email == "kommunstyrelsen@lund.se"


def test_a_question_address_is_still_no_answer_address():
    text = ("Lunds kommun\n2026-12-01\n\nRemiss av förslag till avfallsplan\n\nSynpunkter lämnas via formuläret på "
            "lund.se/avfallsplan. Frågor: anna.ek@lund.se\n")
    assert parse_missiv(text).answer_email is None


# -- group headings in a list, and lists on one line whose names cannot be told apart

_NAMES = ["Riksdagens ombudsmän (JO)", "Kammarrätten i Stockholm", "Socialstyrelsen", "Sveriges Kommuner och Regioner",
          "Lunds kommun", "Region Skåne", "Stockholms läns landsting", "Svenskt Näringsliv"]
_AFTER = "\n\nRemissvaren ska ha kommit in till Socialdepartementet senast den 12 mars 2027.\n"


def test_capitalised_group_headings_are_no_names_and_do_not_end_the_list():
    # a kommun's or region's sändlista in groups: "Myndigheter" above the first entry was read as a name and the
    # blank line before "Kommuner och regioner" ended the list (5 of 8 names, the first a heading)
    text = ("Remissinstanser\n\nMyndigheter\n" + "\n".join(_NAMES[:4]) + "\n\nKommuner och regioner\n" +
            "\n".join(_NAMES[4:7]) + "\n\nOrganisationer\n" + _NAMES[7] + _AFTER)
    assert list(find_sandlista(text).names) == _NAMES


def test_a_numbered_list_under_group_headings_is_read_whole():
    text = ("Remissinstanser\n\nMyndigheter\n" + "\n".join(f"{i + 1}. {n}" for i, n in enumerate(_NAMES[:4])) +
            "\n\nÖvriga\n" + "\n".join(f"{i + 5}. {n}" for i, n in enumerate(_NAMES[4:])) + _AFTER)
    assert list(find_sandlista(text).names) == _NAMES
    # flattened: the headings are cut from the names beside them, not "Sveriges Kommuner och" nor "… landsting"
    assert list(find_sandlista(_flat(text)).names) == _NAMES


@pytest.mark.parametrize("mark", ["{}\\. ", "{}) "])
def test_a_flattened_list_numbered_as_markdown_or_with_brackets(mark):
    text = "## Remissinstanser\n\n" + "\n".join(mark.format(i + 1) + n for i, n in enumerate(_NAMES)) + _AFTER
    assert list(find_sandlista(_flat(text)).names) == _NAMES


@pytest.mark.parametrize("layout", [
    "Sändlista\n" + "\n".join(_NAMES) + _AFTER,
    "Remissinstanser\n\n" + "\n\n".join(_NAMES) + "\n\nKopia\nFinansdepartementet\n",
])
def test_a_flattened_list_of_unnumbered_names_is_left_empty_with_a_warning(layout):
    # was five "names" of two to four bodies each, the last one with the letter's next sentence
    finding = find_sandlista(_flat(layout))
    assert finding.names == ()
    assert any("namnen går inte att skilja åt" in w for w in finding.warnings)


def test_a_flattened_bulleted_list_is_read():
    text = "Remissinstanser:\n" + "\n".join(f"- {n}" for n in _NAMES) + _AFTER
    assert list(find_sandlista(_flat(text)).names) == _NAMES


def test_the_bodies_of_a_flattened_list_are_no_remittent():
    # fresh8-dev u07, flattened: the bullets read as the list, its kommuner no longer give "Skövde kommun" (annotated:
    # no remittent, "the page names no sender")
    case = _case("fresh/fresh8-dev.json", "u07")
    assert case["expected"]["remittent"] is None
    assert parse_missiv(_flat(case["text"])).remittent is None


# -- "senast" and "sista dag" in a sentence about another act than the answer

def test_an_application_day_is_no_answer_day():
    # ext-dev x08 (a news item on prövningstider): "… ska skicka in sin ansökan senast den 1 juni 2024" (was the
    # deadline; the annotation has none)
    case = _case("kinds/ext-dev.json", "x08")
    assert case["expected"]["deadline_date"] is None
    assert parse_missiv(case["text"]).deadline is None


@pytest.mark.parametrize("line", [
    "Kommunfullmäktige beslutar om planen senast den 30 juni 2027.",
    "Kommunen ska senast den 31 december 2027 redovisa arbetet till Naturvårdsverket.",
    "Sista dag för ansökan om bidrag är den 1 februari 2027.",
])
def test_a_decision_report_or_application_day_is_no_deadline(line):
    text = f"Lunds kommun\n2026-12-01\n\nRemiss av förslag till avfallsplan\n\n{line}\n"
    assert parse_missiv(text).deadline is None


def test_the_answer_day_beside_a_decision_day_is_still_read():
    text = ("Lunds kommun\n2026-12-01\n\nRemiss av förslag till avfallsplan\n\nVi behöver ert svar senast den 12 mars "
            "2027. Beslut fattas av kommunstyrelsen den 20 april 2027. Remissvar som lämnas senast den 12 mars 2027 "
            "redovisas i beslutet.\n")
    assert parse_missiv(text).deadline == date(2027, 3, 12)


def test_an_addressee_above_the_letter_is_no_letterhead():
    # "Till" / "Lunds kommun" first: the addressee; the body the letter names most is still the remittent
    text = ("Till\nLunds kommun\n\nRemiss av förslag till ändrade hastighetsgränser\n\nTrafikverket föreslår nya "
            "hastighetsgränser. Trafikverket har utrett vägarna på uppdrag av Trafikverket. Synpunkter lämnas senast den "
            "12 mars 2027.\n")
    assert parse_missiv(text).remittent == "Trafikverket"
