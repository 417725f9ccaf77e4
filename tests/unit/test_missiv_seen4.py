"""Layouts of fresh4-holdout (used up after round h-titles) and of the registrator's walk 5, tuned on in h-titles2.

Each test reads real text: a fresh4 letter from tests/data/missiv/fresh/, or the lines of a walk-5 letter as the
registrator's file gave them (a web page copied, a PDF's text layer), and checks the field whose rule it came with.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.title import clean_subject

FRESH = Path(__file__).resolve().parents[1] / "data" / "missiv" / "fresh"


@pytest.fixture(scope="module")
def fresh4() -> dict[str, dict]:
    return {c["id"]: c for c in json.loads((FRESH / "fresh4-holdout.json").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("case", ["h30", "k10"])
def test_an_extension_notices_heading_gives_the_matter_not_the_news(fresh4, case):
    # "Granskningstiden för översiktsplan 2040 förlängs till 1 mars"; the mail's subject "Förlängd granskningstid
    # översiktsplan 2040"
    assert parse_missiv(fresh4[case]["text"]).title.casefold() == "översiktsplan 2040"


def test_a_section_link_above_the_page_is_not_the_headline(fresh4):
    # "Svara på remisser" (the region's page section) stands above "Remissbehandling: Trafikförsörjningsprogram …"
    assert parse_missiv(fresh4["h26"]["text"]).title != "Svara på remisser"


# Sala kommun's page as copied (walk 5, d13): the breadcrumb run into the heading, then the page's "Katalog" link.
SALA_EXTENSION = """StartAnslagstavlaSamråd: Detaljplan för del av Mamre, kvarteret Durum - förlängd samrådstid
Katalog

Samråd: Detaljplan för del av Mamre, kvarteret Durum - förlängd samrådstid

Publicerad 2019-06-27
Uppdaterad 2019-06-28 14:43

Samrådstiden för detaljplan för del av Mamre, kvarteret Durum förlängs till och med den 30 augusti 2019.
Synpunkter lämnas till samhallsbyggnad@sala.se.
"""


def test_an_extension_page_drops_the_one_word_link_and_the_extension_words():
    assert parse_missiv(SALA_EXTENSION).title == "Detaljplan för del av Mamre, kvarteret Durum"


# Robertsfors kommun's page printed to PDF (walk 5, d19): the blog theme's metadata line under the heading.
ROBERTSFORS_PDF = """Tyck till om ny avfallsplan för Robertsfors kommun
i Category: | 1 min läsning

Tillsammans har Robertsfors kommun och Umeåregionens kranskommuner tagit fram ett
förslag till en ny avfallsplan ”Avfallsplan för Umeåregionen – resurshushållning för ett cirkulärt
samhälle”, som ska börja gälla från och med 2021.
"""


def test_a_pages_metadata_line_is_not_taken_as_the_heading_wrapped():
    assert parse_missiv(ROBERTSFORS_PDF).title == "Ny avfallsplan för Robertsfors kommun"


# Jordbruksverket's letter as PDF (walk 5, d36): the date and the diarienummer, each on a line of its own.
JORDBRUKSVERKET_PDF = """30 Augusti 2021

Dnr 6.4.16-05737/2021

Beslut om Jordbruksverkets föreskrifter om växtskadegörare som
omfattas av Europeiska kommissionens genomförandebeslut
Du har nu möjlighet att lämna synpunkter på Jordbruksverkets föreskrifter om växtskadegörare
som omfattas av Europeiska kommissionens genomförandebeslut och på vår
konsekvensutredning av föreskrifterna.
"""


def test_a_letterheads_date_and_dnr_lines_are_not_the_title():
    assert parse_missiv(JORDBRUKSVERKET_PDF).title == ("Beslut om Jordbruksverkets föreskrifter om växtskadegörare "
                                                       "som omfattas av Europeiska kommissionens genomförandebeslut")


@pytest.mark.parametrize(("case", "to"), [("h26", "2020-10-31"), ("k06", "2020-10-31"), ("h31", "2020-10-09")])
def test_an_extension_to_a_yearless_day_or_a_longer_yttrandetid_is_read(fresh4, case, to):
    # "Remissperioden sträcker sig från 31 januari till 4 maj, men förläns nu till och med den 31 oktober" (the
    # year is in "senast den 31 oktober 2020" below); "senast 9 oktober 2020. (Förlängd yttrandetid)"
    assert str(parse_missiv(fresh4[case]["text"]).extension_to) == to


def test_a_yearless_extension_day_is_not_guessed():
    text = "Remisstiden förlängs till och med den 31 oktober. Svar till registrator@region.se."
    assert parse_missiv(text).extension_to is None


@pytest.mark.parametrize(("case", "title"), [
    ("h13", "Hållbarhetsprogram för Region Jönköpings län"),  # "Remissbehandling: …" under the page's section links
    ("h09", "Översiktsplan 2040"),  # "Glöm inte ge yttrande om Översiktsplan 2040"
    ("h38", "Utvecklingsstrategi för Östergötland"),  # "Remissversion", "Klicka på bilden …" above it
])
def test_a_pages_call_to_answer_gives_the_matter(fresh4, case, title):
    assert parse_missiv(fresh4[case]["text"]).title == title


def test_section_labels_and_file_links_are_never_the_title(fresh4):
    # "Bakgrund", "Praktisk information", "Vid frågor kontakta", "Missiv (PDF, 262 kB)", "Bilagor": no heading
    # names the matter, so the field stays empty (with the parser's warning) rather than wrong
    assert parse_missiv(fresh4["h28"]["text"]).title is None


@pytest.mark.parametrize(("subject", "title"), [
    ("Hållbarhetsprogram för Region Jönköpings län, dnr 2019/2902", "Hållbarhetsprogram för Region Jönköpings län"),
    ("Trafikförsörjningsprogram 2021-2035, RJL 2019/2969", "Trafikförsörjningsprogram 2021-2035"),
    ("Grönprogram 2018/0153", "Grönprogram"),
])
def test_a_subjects_trailing_diarienummer_is_not_the_title(subject, title):
    # subjects of fresh4's forwards k02, k06, k15: the sender's "år/nummer" after a comma or a blank
    assert clean_subject(subject, (0, len(subject)))[0] == title


# Regeringskansliet's page on a remissmöte (walk 5, d07): the department invites, no answer address says who.
REMISSMOTE = """# Remiss Ändringar i begränsningsförordningen avseende allmänna sammankomster

Socialdepartementet bjuder in till ett remissmöte på Skype torsdagen den 13 januari kl. 9.00. Samma datum och \
tidpunkt är också deadline för att svara på remissen.
"""


def test_the_body_that_invites_to_the_remissmote_is_the_remittent():
    assert parse_missiv(REMISSMOTE).remittent == "Socialdepartementet"


# A regeringen.se sändlista copied from the browser without its numbers (walk 5, d01): one name a line.
COPIED_LIST = """Remissinstanser

Svenska privatläkarföreningen
Sveriges arbetsterapeuter
Sveriges farmaceuter
Sveriges Kommuner och regioner
Sveriges Läkarförbund
Söderhamns kommun
"""


def test_a_name_ending_in_a_group_word_is_kept_in_an_unnumbered_list():
    names = parse_missiv(COPIED_LIST).sandlista
    assert "Sveriges Kommuner och regioner" in names and len(names) == 6


def test_the_same_day_named_as_deadline_in_the_next_sentence_is_the_deadline():
    # walk 5, d07: the date is given for a meeting, the next sentence makes it the deadline, without a year
    found = parse_missiv(REMISSMOTE)
    assert found.deadline is None and any("saknar årtal" in w for w in found.warnings)
    assert str(parse_missiv(REMISSMOTE, reference_date=date(2021, 12, 20)).deadline) == "2022-01-13 09:00:00"


@pytest.mark.parametrize("case", ["h16", "k07"])
def test_the_senders_name_after_a_comma_and_kungorelse_are_not_the_title(fresh4, case):
    # "Förslag till översiktsplan Gotland 2040, Region Gotland"; the subject "Kungörelse granskning – Förslag …"
    assert parse_missiv(fresh4[case]["text"]).title == "Förslag till översiktsplan Gotland 2040"


def test_a_kommun_after_a_comma_is_the_place_and_stays(fresh4):
    assert parse_missiv(fresh4["h43"]["text"]).title.endswith("i Stora Le, Dals-Eds kommun")


def test_a_body_in_the_sender_header_is_not_the_contact_person(fresh4):
    # k12: "Från: Länsstyrelsen Västerbotten <vasterbotten@lansstyrelsen.se>" and no person named in the letter
    assert parse_missiv(fresh4["k12"]["text"]).contact_person is None


@pytest.mark.parametrize("case", ["h01", "k05"])
def test_remiss_av_promemoria_angaende_gives_the_matter(fresh4, case):
    # "# Remiss av promemoria angående ändring i rennäringsförordningen (1993:384)"
    assert parse_missiv(fresh4[case]["text"]).title == "Ändring i rennäringsförordningen (1993:384)"


@pytest.mark.parametrize(("case", "dnr"), [("h23", "2020-11645"), ("h24", "2020-11591"), ("h40", "2018/0153")])
def test_the_number_the_answer_must_carry_is_the_sender_dnr(fresh4, case, dnr):
    # "Vänligen ange ärendenumret 2020-11645 i ert svar"; "skriv ”Samråd Grönprogram 2018/0153” i adressfältet"
    assert parse_missiv(fresh4[case]["text"]).sender_dnr == dnr


@pytest.mark.parametrize("case", ["h16", "k07"])
def test_welcome_to_call_names_the_contact_person(fresh4, case):
    # "Har du några frågor är du välkommen att ringa\nJenny Sandberg – 0498 26 96 39 eller\nMax Sundberg Wallman …"
    assert parse_missiv(fresh4[case]["text"]).contact_person == "Jenny Sandberg"


@pytest.mark.parametrize(("case", "deadline"), [
    ("h24", "2021-07-01"),  # "Senast granskad: 31 mars 2021" is the page's own date, not a deadline
    ("h20", "2016-04-29"),  # "kan yttra sig över Länsstyrelsens förslag till beslut till och med den 29 april 2016"
    ("h28", "2021-06-22 13:00:00"),  # "Synpunkter på förslagen … kan lämnas fram till och med den 22 juni 2021 …"
])
def test_deadline_cues_of_myndighet_and_lansstyrelse_pages(fresh4, case, deadline):
    assert str(parse_missiv(fresh4[case]["text"]).deadline) == deadline


@pytest.mark.parametrize(("case", "address"), [("h08", "vattentjanstplan@trosa.se"),
                                               ("h17", "registrator.hsf@sll.se")])
def test_an_answer_address_on_its_own_line_below_till_colon(fresh4, case, address):
    # "… senast den 16 april 2023 till:\n\nvattentjanstplan@trosa.se"; "Yttranden skickas till:\n\n<postal address>
    # \n\neller till registrator.hsf@sll.se"
    assert parse_missiv(fresh4[case]["text"]).answer_email == address


def test_an_extension_mails_subject_gives_the_matter():
    # walk 5, finding 16: the Inkorg's proposal kept "Samråd:" and "- förlängd samrådstid"
    subject = "Samråd: Detaljplan för del av Mamre, kvarteret Durum - förlängd samrådstid"
    assert clean_subject(subject, (0, len(subject)))[0] == "Detaljplan för del av Mamre, kvarteret Durum"
