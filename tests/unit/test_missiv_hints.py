"""What a file's structure says the title and sender are (remiss.missiv.hints), weighed against the text.

Real texts from the development sets (fresh3-dev.json) and real page titles; the hints are the values the
converters read from the files' structure (tests/intake/test_structure.py reads them from real files).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from remiss.intake.formats import largest_line
from remiss.missiv import parse_missiv
from remiss.missiv.hints import Hint, is_junk, page_title, site_body

FRESH3_DEV = Path(__file__).resolve().parents[1] / "data" / "missiv" / "fresh" / "fresh3-dev.json"


@pytest.fixture(scope="module")
def letters() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(FRESH3_DEV.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("value", ["Microsoft Word - Missiv 2021-03-04.docx", "Dokument1", "Remiss", "Missiv",
                                   "Länsstyrelsen Skåne", "2019-05-12", "Samrådshandling", "remiss_final.pdf"])
def test_metadata_that_names_no_matter_is_junk(value):
    assert is_junk(value)


def test_a_matter_is_no_junk():
    assert not is_junk("Förslag till föreskrifter om kontroll av ekologisk produktion")


@pytest.mark.parametrize("title, matter", [
    ("Remiss av promemorian Sänkt skatt på arbetsinkomster - Regeringen.se",
     "Remiss av promemorian Sänkt skatt på arbetsinkomster"),
    ("Samråd om förslag till naturreservatet Boa | Länsstyrelsen Halland",
     "Samråd om förslag till naturreservatet Boa"),
    ("Avfallsplan 2018-2028", "Avfallsplan 2018-2028"),  # a year range is no separator
])
def test_a_page_title_loses_its_site(title, matter):
    assert page_title(title) == matter


def test_the_site_name_gives_the_body():
    assert site_body("Samråd om förslag till naturreservatet Boa | Länsstyrelsen Hallands län") == \
        "Länsstyrelsen i Hallands län"
    assert site_body("Remiss av promemorian Sänkt skatt - Regeringen.se") is None


def test_the_largest_run_of_lines_stands_out_from_the_body_text():
    runs = [(10.0, "Livsmedelsverket"), (10.0, "Enligt sändlista"), (16.0, "Konsekvensutredning av förslag till"),
            (16.0, "föreskrifter om kontroll av ekologisk produktion"), (10.0, "1. Beskrivning av problemet och " * 4)]
    assert largest_line(runs) == "Konsekvensutredning av förslag till föreskrifter om kontroll av ekologisk produktion"
    assert largest_line([(10.0, "Brev i en enda storlek"), (10.0, "och ingen rubrik")]) == ""


def _without_addressee(text: str) -> str:
    """g15 as an extractor that drops the addressee line gives it: no "Enligt sändlista" in front of the heading."""
    return text.replace("Enligt sändlista ", "", 1)


def test_a_pdf_title_fills_the_title_the_text_leaves_empty(letters):
    # g15: a Livsmedelsverket PDF read as one run of text; its title is only the largest line of page 1. Since round
    # h-fields the text's "Enligt sändlista X 1. Beskrivning …" names it; without the addressee line it does not.
    text = _without_addressee(letters["g15"]["text"])
    assert parse_missiv(text).title is None
    heading = "Konsekvensutredning av förslag till föreskrifter om kontroll av ekologisk produktion"
    result = parse_missiv(text, hints=[Hint("title", heading, "pdf-largest")])
    assert result.title.casefold().endswith("förslag till föreskrifter om kontroll av ekologisk produktion")
    assert any("största raden på PDF-filens första sida" in w for w in result.warnings)
    assert not any(w.startswith("Ingen ärendemening") for w in result.warnings)


def test_a_news_headline_marked_h1_stays_no_title(letters):
    # g23: a local paper's news page; its <h1> is a news sentence, which the headline rule refuses in the text too
    text = letters["g23"]["text"]
    result = parse_missiv(text, hints=[Hint("title", "Corona kan ge klagande längre betänketid", "html-h1")])
    assert result.title is None
    assert any(w.startswith("Ingen ärendemening") for w in result.warnings)


def test_junk_metadata_leaves_the_title_empty_with_the_warning(letters):
    text = _without_addressee(letters["g15"]["text"])
    result = parse_missiv(text, hints=[Hint("title", "Microsoft Word - KU ekologisk.docx", "pdf-metadata")])
    assert result.title is None
    assert any(w.startswith("Ingen ärendemening") for w in result.warnings)


def test_the_letters_own_heading_wins_over_the_metadata():
    text = ("Remiss av promemorian Sänkt skatt på arbetsinkomster\n\nFinansdepartementet\nFi2024/00345\n\n"
            "Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024.")
    result = parse_missiv(text, hints=[Hint("title", "Mall för remissmissiv version 3", "pdf-metadata"),
                                       Hint("title", "Regeringskansliet Finansdepartementet", "pdf-largest")])
    assert result.title == "Sänkt skatt på arbetsinkomster"
    assert not any("hämtad ur" in w and "Titeln" in w for w in result.warnings)


def test_a_first_line_guess_yields_to_the_largest_line():
    # a kommun's PDF: the letter's kind above the plan's name, set large on the page
    text = ("Ronneby kommun\nUnderrättelse om samråd\n2024-03-01\nDetaljplan för kvarteret Hästen 4\n"
            "Förslaget finns på kommunens webbplats. Synpunkter lämnas senast den 1 april 2024 till plan@ronneby.se.")
    assert parse_missiv(text).title == "Underrättelse om samråd"
    result = parse_missiv(text, hints=[Hint("title", "Detaljplan för kvarteret Hästen 4", "pdf-largest")])
    assert result.title == "Detaljplan för kvarteret Hästen 4"
    assert [e.text for e in result.evidence if e.field == "title"] == ["Detaljplan för kvarteret Hästen 4"]


def test_the_site_name_gives_the_remittent_the_text_leaves_out():
    # a kommun's own page speaks of "kommunen" only; its og:site_name says which
    text = ("Samråd om detaljplan för Bromma, Kärsby och Djurkälla\n\nDetaljplaneprogrammet är ute på samråd. "
            "Synpunkter ska vara inne hos kommunen senast 31 mars 2020.")
    assert parse_missiv(text).remittent is None
    result = parse_missiv(text, hints=[Hint("remittent", "Motala kommun", "html-site-name")])
    assert result.remittent == "Motala kommun"
    assert any("webbplatsnamn" in w for w in result.warnings)


# Walk findings on the development letters (missiv-dev.json), text rules that came with this round.
KINDS_DEV = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds" / "missiv-dev.json"


@pytest.fixture(scope="module")
def kinds() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads(KINDS_DEV.read_text(encoding="utf-8"))}


def test_a_yearless_deadline_takes_its_year_from_the_mails_date_with_a_warning(kinds):
    # d07: "… torsdagen den 13 januari kl. 9.00. Samma datum och tidpunkt är också deadline", forwarded in December
    from datetime import datetime
    text = ("Från: Socialdepartementet <s.remissvar@regeringskansliet.se>\nSkickat: den 22 december 2021 14:05\n"
            "Till: Registrator\nÄmne: Remiss begränsningsförordningen\n\n" + kinds["d07"]["text"])
    result = parse_missiv(text)
    assert result.deadline == datetime(2022, 1, 13, 9, 0)
    assert any("13 januari”" in w and "2022 föreslås utifrån e-postmeddelandets datum" in w for w in result.warnings)


def test_a_yearless_deadline_far_from_the_letters_date_is_left_empty(kinds):
    # d19: "Under tiden 14 april till och med 18 juni …" under a page dated in the autumn: which June is not said
    text = "Publicerad 2019-11-04\n\n" + kinds["d19"]["text"]
    result = parse_missiv(text)
    assert result.deadline is None
    assert any("”18 juni”" in w and "avgör inte vilket år" in w for w in result.warnings)


def test_a_letterhead_reference_with_a_series_is_no_title():
    text = "Dnr MN 2024-123\nDetaljplan för kvarteret Hästen 4\n\nFörslaget skickas på samråd till och med 1 april 2024."
    assert parse_missiv(text).title == "Detaljplan för kvarteret Hästen 4"


def test_a_signature_label_line_is_no_title():
    text = ("Ronneby kommun\n2024-03-01\nMiljöförvaltningen skickar förslaget på remiss. Synpunkter ska ha kommit in "
            "senast den 15 maj 2024.\nKontaktperson: Anna Berg")
    assert parse_missiv(text).title is None


def test_an_extension_mail_gives_its_subject_as_title_and_a_yearless_day_its_year(kinds):
    # d13's page as the kommun mails it: the subject names the remiss extended; the body only "30 augusti"
    subject = kinds["d13"]["text"].splitlines()[3]
    assert subject == "Samråd: Detaljplan för del av Mamre, kvarteret Durum - förlängd samrådstid"
    text = (f"Subject: {subject}\nFrom: anna.berg@sala.se\nDate: Thu, 27 Jun 2019 10:12:00 +0200\n\nHej,\n"
            "Samrådstiden för detaljplanen förlängs till den 30 augusti.\n\nMvh Anna Berg")
    result = parse_missiv(text)
    assert result.title == "Detaljplan för del av Mamre, kvarteret Durum"
    assert result.extension_to == date(2019, 8, 30) and result.deadline == date(2019, 8, 30)
    assert any("nya svarsfristen saknar årtal; 2019" in w for w in result.warnings)
    assert "Ingen svarsfrist hittades i missivet." not in result.warnings


def test_the_letters_reference_after_a_comma_is_no_part_of_the_title():
    text = ("Svarstiden för remissen förlängs till den 31 maj 2024.\n\nRemiss av promemorian Sänkt skatt på "
            "arbetsinkomster, diarienummer Fi2024/00345.\n")
    assert parse_missiv(text).title == "Sänkt skatt på arbetsinkomster"


def test_a_hostile_metadata_value_is_bounded_and_never_a_title():
    hint = Hint("title", "Förslag " * 100_000, "pdf-metadata")
    assert len(hint.value) <= 500
    assert parse_missiv("Svar senast den 1 maj 2024.", hints=[hint]).title is None  # too long to name a matter


def test_the_site_outweighs_the_body_a_page_names_most_often():
    # a länsstyrelse page about a kommun's plan names the kommun most often; the site that published it sent it
    text = ("Samråd om förslag till naturreservatet Boa\n\nNaturreservatet ligger i Falkenbergs kommun. Falkenbergs "
            "kommun äger delar av marken och Falkenbergs kommun har lämnat synpunkter. Synpunkter senast den "
            "15 maj 2024.")
    assert parse_missiv(text).remittent == "Falkenbergs kommun"
    result = parse_missiv(text, hints=[Hint("remittent", "Länsstyrelsen Halland", "html-site-name")])
    assert result.remittent == "Länsstyrelsen i Hallands län"
    assert not any("nämner oftast" in w for w in result.warnings)
