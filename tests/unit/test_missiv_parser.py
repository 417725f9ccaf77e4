"""The missiv parser on seed letters, every deadline phrasing and decoy, dnr formats and sändlistor."""
from __future__ import annotations

import importlib.util
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv

ROOT = Path(__file__).resolve().parents[2]
CASES = {c["id"]: c for c in json.loads(Path("/work/shared/cases/seed-cases.json").read_text(encoding="utf-8"))} \
    if Path("/work/shared/cases/seed-cases.json").exists() else {}
DATA = ROOT / "tests" / "data" / "missiv"


def seed_text(name: str) -> str:
    return (DATA / f"{name}.txt").read_text(encoding="utf-8")


# --- seed acceptance -------------------------------------------------------------------------

def test_seed_000_acceptance():
    result = parse_missiv(seed_text("seed000-iof-2010"))
    assert result.sender_dnr == "KS-IOF-2010-00015"
    assert result.deadline == datetime(2010, 3, 31, 12, 0)
    assert result.to_json()["deadline"] == "2010-03-31T12:00"
    assert result.remittent == "Kommunstyrelsen (Stadskontoret)"
    assert result.contact_person == "Patrik Kronholm"
    assert result.letter_date == date(2010, 1, 22)
    assert result.internal_deadline == date(2010, 3, 11)
    assert len(result.sandlista) == 15
    assert result.sandlista[0] == "Stadsdelsfullmäktige Centrum"
    assert result.sandlista[-4:] == ["Kommunal", "Vårdförbundet", "SACO", "SKTF"]
    for decoy in ("2010 -01- 26", "LB 539-10/78", "G. Jodbäck", "kopia i Bjerkeplan"):
        assert all(decoy not in name for name in result.sandlista)
    assert result.sender_dnr != "LB 539-10/78"


@pytest.mark.skipif("KULTURSTRATEGI-OSTER-2015" not in CASES, reason="shared cases not available")
def test_seed_003_kulturnamnden_case_text():
    case = CASES["KULTURSTRATEGI-OSTER-2015"]
    result = parse_missiv(case["missiv_text"], reference_date=date(2015, 6, 15))
    assert result.questions == case["questions"]
    assert len(result.questions) == 5
    assert result.remittent == "Kulturnämnden"
    assert result.deadline == date(2015, 8, 28)


def test_seed_003_kulturnamnden_full_letter():
    result = parse_missiv(seed_text("seed003-kulturstrategi"), reference_date=date(2015, 6, 15))
    assert result.title == "Förslag till Handlingsplan för kulturstrategi 2016"
    assert result.answer_email == "kulturkansli@malmo.se"
    assert result.copy_emails == ["ivana.baukart@malmo.se"]
    assert result.contact_person == "Ivana Baukart"
    assert len(result.questions) == 5
    assert "Tekniska nämnden" in result.sandlista and "Vagnparken i Skåne AB" in result.sandlista
    assert "Malmö stads nämnder" not in result.sandlista
    assert result.sender_dnr is None  # digits lost in transcription: leave it empty


def test_year_missing_without_reference_is_left_empty_with_warning():
    result = parse_missiv("Svaret ska vara Kulturnämnden tillhanda senast den 28 augusti.")
    assert result.deadline is None
    assert any("årtal" in w for w in result.warnings)


# --- deadlines -------------------------------------------------------------------------------

DEADLINES = [
    ("Svaret ska vara oss tillhanda senast 2010-03-31 kl 12.00.", None, datetime(2010, 3, 31, 12, 0)),
    ("Datum 2015-06-15\nSvaret ska vara Kulturnämnden tillhanda senast den 28 augusti.", None, date(2015, 8, 28)),
    # eleven months after the letter's date: which August is not unambiguous, so it is left empty with a warning
    ("2015-10-01\n\nSvaret ska vara oss tillhanda senast den 28 augusti.", None, None),
    ("2015-10-01\n\nSvaret ska vara oss tillhanda senast den 28 november.", None, date(2015, 11, 28)),
    ("Svar till kansliet senast 11/3-10", None, date(2010, 3, 11)),
    ("Yttrandet ska ha kommit in senast fredagen den 4 oktober 2024.", None, date(2024, 10, 4)),
    ("Svaret ska lämnas senast 15 maj 2023.", None, date(2023, 5, 15)),
    ("Sista dag att svara är den 11 juni 2021.", None, date(2021, 6, 11)),
    ("Sista dag att svara på remissen är den den 30 april 2021.", None, date(2021, 4, 30)),
    ("Remisstiden löper ut den 30 april 2021.", None, date(2021, 4, 30)),
    ("Remissen pågår från 2 mars till 14 maj 2024.", None, date(2024, 5, 14)),
    ("Remissen pågår från 2 mars till 14 maj.", date(2024, 2, 1), date(2024, 5, 14)),
    ("Svaren ska ha kommit in senast kl. 12.00 den 3 juni 2021.", None, datetime(2021, 6, 3, 12, 0)),
    ("Svar senast 2024-05-02 kl.10.00", None, datetime(2024, 5, 2, 10, 0)),
    ("Remissvaren ska ha kommit in till Finansdepartementet senast den 9\naugusti 2024.", None, date(2024, 8, 9)),
    ("med svar senast den 30 september 2015", None, date(2015, 9, 30)),
]


@pytest.mark.parametrize(("text", "reference", "expected"), DEADLINES)
def test_deadline_phrasings(text, reference, expected):
    assert parse_missiv(text, reference_date=reference).deadline == expected


DECOYS = [
    ("2024-03-01\n\nSvaret ska vara oss tillhanda senast den 31 maj 2024.", date(2024, 5, 31)),
    ("Lagen föreslås träda i kraft den 1 juli 2025. Remissvaren ska ha kommit in senast den 3 mars 2025.",
     date(2025, 3, 3)),
    ("Promemorian publicerades den 2 februari 2024. Svar senast den 30 april 2024.", date(2024, 4, 30)),
    ("Informationsmöte den 12 mars 2024 kl. 9.30–10.30. Svar senast den 30 april 2024.", date(2024, 4, 30)),
    ("# Remiss av promemorian Förlängd skatte- och avgiftsfrihet för förmån av fri parkering\n\n"
     "Remissvaren ska ha kommit in till Finansdepartementet senast den 9 april 2021.", date(2021, 4, 9)),
    ("SDF 30/3-10\n\nSvar till kansliet senast 11/3-10\n\n2010-01-22\n\nSvaret ska vara stadskontorets "
     "expedition tillhanda senast 2010-03-31 kl 12.00.", datetime(2010, 3, 31, 12, 0)),
]


@pytest.mark.parametrize(("text", "expected"), DECOYS)
def test_deadline_decoys(text, expected):
    assert parse_missiv(text).deadline == expected


@pytest.mark.parametrize("text", [
    "Lagen träder i kraft den 1 juli 2025.",
    "2024-03-01\n\nVi skickar härmed promemorian.",
    "Sammanträde den 12 mars 2024 kl. 9.30–10.30.",
])
def test_decoy_alone_gives_no_deadline(text):
    result = parse_missiv(text)
    assert result.deadline is None
    assert result.warnings


def test_two_deadlines_choose_earliest_and_warn():
    text = ("Remissvaren ska ha kommit in senast den 5 augusti 2017 när det gäller avsnitt 8.2. "
            "Remissvar på resterande delar ska ha inkommit senast den 1 september 2017.")
    result = parse_missiv(text)
    assert result.deadline == date(2017, 8, 5)
    assert any("Flera svarsfrister" in w for w in result.warnings)


# --- diarienummer ----------------------------------------------------------------------------

DNRS = [
    ("Ärendet, med vårt Dnr KS-IOF-2010-00015 överlämnas.", "KS-IOF-2010-00015"),
    ("Diarienummer STK-2015-175", "STK-2015-175"),
    ("Dnr 15/10", "15/10"),
    ("Dnr: GFN/2010:9", "GFN/2010:9"),
    ("Diarienummer 2015/97-IFN-702", "2015/97-IFN-702"),
    ("Remiss Ju2021/01234 om nya regler", "Ju2021/01234"),
    ("I remissvaret anges diarienummer S2019/04567/FS.", "S2019/04567/FS"),
    ("Vår beteckning 511-3344-2021", "511-3344-2021"),
    ("Dnr RS 2021/1234", "RS 2021/1234"),
    ("Ange diarienummer Fi2024/01234 och remissinstansens namn i ämnesraden.", "Fi2024/01234"),
]


@pytest.mark.parametrize(("text", "expected"), DNRS)
def test_dnr_formats(text, expected):
    assert parse_missiv(text).sender_dnr == expected


def test_file_name_is_not_the_dnr():
    text = "Döp filen till Ju2021-01234 Remissinstansens namn.docx och skicka den."
    assert parse_missiv(text).sender_dnr is None


def test_receiver_dnr_is_not_the_sender_dnr():
    text = "Ert dnr 2021/55\n\nVårt dnr KS 2021/77"
    assert parse_missiv(text).sender_dnr == "KS 2021/77"


# --- Regeringskansliet letter ----------------------------------------------------------------

def test_regeringskansliet_letter():
    text = (
        "Finansdepartementet\n\nRemiss av promemorian Nya regler för skatt\n\n"
        "Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024. "
        "Svaren bör lämnas per e-post till fi.remissvar@regeringskansliet.se med kopia till "
        "anna.svensson@regeringskansliet.se. Ange diarienummer Fi2024/01234 och remissinstansens namn i ämnesraden.\n\n"
        "Frågor under remisstiden kan ställas till Anna Svensson, telefon 08-405 10 00."
    )
    r = parse_missiv(text)
    assert (r.remittent, r.sender_dnr, r.deadline) == ("Finansdepartementet", "Fi2024/01234", date(2024, 5, 15))
    assert r.answer_email == "fi.remissvar@regeringskansliet.se"
    assert r.copy_emails == ["anna.svensson@regeringskansliet.se"]
    assert r.contact_person == "Anna Svensson"
    evidence = {e.field: e for e in r.evidence}
    assert text[evidence["sender_dnr"].start:evidence["sender_dnr"].end] == "Fi2024/01234"


# --- sändlista shapes ------------------------------------------------------------------------

def test_sandlista_numbered_with_dots():
    r = parse_missiv("Remissinstanser\n\n1. Boverket\n2. Trafikverket\n3. Malmö kommun\n\nRemissen skickas ut i dag.")
    assert r.sandlista == ["Boverket", "Trafikverket", "Malmö kommun"]


def test_sandlista_numbered_without_dots_and_wrapped():
    text = ("Sändlista\n1 Boverket\n2 DHR – Delaktighet, Handlingskraft, Rörelsefrihet – Förbundet för\n"
            "ett samhälle utan rörelsehinder\n3 Malmö kommun\n")
    assert parse_missiv(text).sandlista == [
        "Boverket", "DHR – Delaktighet, Handlingskraft, Rörelsefrihet – Förbundet för ett samhälle utan rörelsehinder",
        "Malmö kommun"]


def test_sandlista_unnumbered_wrapped_lowercase_continuation():
    text = "Sändlista:\nMyndigheten för ungdoms- och\ncivilsamhällesfrågor\nBoverket\n"
    assert parse_missiv(text).sandlista == ["Myndigheten för ungdoms- och civilsamhällesfrågor", "Boverket"]


def test_sandlista_grouped_under_headings():
    text = ("REMISSINSTANSER SÄNDLISTA\nnämnder\nTekniska nämnden\nMiljönämnden\n\n"
            "helägda bolag och stiftelser\nMKB Fastighets AB\nStiftelsen Malmö Sommargårdar\n")
    assert parse_missiv(text).sandlista == [
        "Tekniska nämnden", "Miljönämnden", "MKB Fastighets AB", "Stiftelsen Malmö Sommargårdar"]


def test_sandlista_flattened_numbered():
    text = "Remissinstanser: 1. Boverket 2. Trafik verket 3. Malmö kommun 4. Region Skåne 5. Lunds universitet och fler"
    names = parse_missiv(text).sandlista
    assert names[:4] == ["Boverket", "Trafik verket", "Malmö kommun", "Region Skåne"]


def test_sandlista_flattened_grouped_pdf_line():
    r = parse_missiv(seed_text("seed003-kulturstrategi"), reference_date=date(2015, 6, 15))
    for name in ("Fritidsnämnden", "Stadsområdesnämnd Innerstaden", "MKB Fastighets AB", "Minc i Sverige AB"):
        assert name in r.sandlista
    assert any("enda rad" in w for w in r.warnings)


def test_sandlista_150_names_with_page_numbers():
    lines = []
    for i in range(1, 151):
        lines.append(f"{i}. Organisation nummer {i}")
        if i % 40 == 0:
            lines.append(f"{i // 40 + 1} (4)")
    r = parse_missiv("Remissinstanser\n\n" + "\n".join(lines) + "\n\nRemissvaren ska ha kommit in senast den 1 mars 2024.")
    assert len(r.sandlista) == 150
    assert r.sandlista[0] == "Organisation nummer 1" and r.sandlista[-1] == "Organisation nummer 150"


def test_sandlista_stray_page_number_after_name():
    r = parse_missiv("Remissinstanser\n1. Bengtsfors kommun\n2. Eksjö kommun 2\n3. Osby kommun\n")
    assert r.sandlista == ["Bengtsfors kommun", "Eksjö kommun", "Osby kommun"]


# --- questions -------------------------------------------------------------------------------

def test_questions_numbered_under_heading():
    text = ("Frågor:\n1. Vilka konsekvenser får förslaget för er verksamhet?\n"
            "2. Finns det alternativ som bör utredas?\n\nMed vänlig hälsning")
    assert parse_missiv(text).questions == [
        "Vilka konsekvenser får förslaget för er verksamhet?", "Finns det alternativ som bör utredas?"]


def test_questions_lines_ending_with_question_mark():
    text = "Vi önskar särskilt synpunkter på\nÄr tidplanen rimlig för er?\nBehövs mer stöd till kommunerna?\n"
    assert len(parse_missiv(text).questions) == 2


# --- contract --------------------------------------------------------------------------------

def test_to_json_has_contract_keys_and_nulls():
    data = parse_missiv("").to_json()
    for key in ("title", "remittent", "sender_dnr", "deadline", "answer_email", "contact_person"):
        assert data[key] is None
    assert data["sandlista"] == [] and data["questions"] == []
    assert {"letter_date", "copy_emails", "evidence", "warnings"} <= data.keys()


# --- evaluation ------------------------------------------------------------------------------

def _load_eval():
    spec = importlib.util.spec_from_file_location("missiv_eval", ROOT / "bench" / "missiv_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_holdout_score_at_least_95_percent():
    evaluation = _load_eval()
    cases = evaluation.load_cases("holdout")
    assert len(cases) >= 5
    result = evaluation.score(cases)
    assert result["right"] / result["total"] >= 0.95, result["misses"]
