"""Extension notices ("förlängd svarstid till …"): the new day, never the old one; from real text.

The texts are passages of real notices and pages: regeringen.se (civictechsweden/g0vse), Regionala cancercentrum,
Region Jönköpings län, Oskarshamns-Nytt quoting Länsstyrelsen i Kalmar län, and the near misses of
tests/data/missiv/kinds/ext-dev.json. Where a form was not found in public text (a clock time with the new day,
"flyttas fram"), the sentence is the issue's own example and says so.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.extension import read_extension

DATA = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds"

# Regionala cancercentrum i samverkan, 25 November 2020 (cancercentrum.se)
RCC = """Förlängd svarstid på remissrundan för vårdprogram

Sidan publicerades 25 november 2020

RCC i samverkan har hörsammat önskemålen och beslutat att förlänga svarstiden med en månad. Nytt svarsdatum för \
remissrundan är den 15 februari.
"""
# Oskarshamns-Nytt, 28 June 2022, quoting Länsstyrelsen i Kalmar län: two new days, the länsstyrelse's own and the
# remissinstansernas
KALMAR = """BESKEDET: Förlängd svarstid för Natura 2000-förslag

2022-06-28 Av av Oskarshamns-Nytt

”Länsstyrelserna har fått förlängd svarstid av regeringen till den 28 oktober för uppdraget att föreslå nya Natura \
2000-områden för fåglar. Länsstyrelsen Kalmar län förlänger därmed också svarstiden till den 25 september för \
remissinstanserna”, skriver länsstyrelsen i Kalmar län i ett pressmeddelande på tisdagen.
"""
KALMAR_AFTERWARDS = ("Vi har full förståelse för att många har upplevt remisstiden alltför kort. Vi förlängde "
                     "svarstiden för alla som begärde det.")
# Finansdepartementet's SOU 2017:27 page (g0vse)
SOU_2017_27 = """# Remiss av SOU 2017:27 Vissa frågor inom fastighets- och stämpelskatteområdet

Enligt tidigare utskick var svarstiden för remissvaren satt till den  14 augusti 2017. Remisstiden har förlängts. \
Remisssvaren ska istället ha kommit in till Finansdepartementet senast den 15 september 2017.
"""
# Region Jönköpings län's remiss page: "från … till …, men förläns nu till och med …"
RJL = """Remissbehandling: Trafikförsörjningsprogram 2021-2035 för Region Jönköpings län

Remissperioden sträcker sig från 31 januari till 4 maj, men förläns nu till och med den 31 oktober på grund av \
rådande Coronapandemi.

Remissvaren ska ha kommit in senast den 31 oktober 2020
"""


def test_the_new_day_after_ny_svarsdatum_takes_its_year_from_the_page_date():
    found = read_extension(RCC, None)
    assert found.notice and found.day == date(2021, 2, 15) and found.year_from_context
    result = parse_missiv(RCC)
    assert result.extension_to == date(2021, 2, 15)
    assert any("saknar årtal" in w for w in result.warnings)


def test_two_different_new_days_are_left_for_a_person():
    found = read_extension(KALMAR, None)
    assert found.notice and found.day is None
    result = parse_missiv(KALMAR)
    assert result.extension_to is None
    assert any("flera nya svarsdagar" in w for w in result.warnings)


def test_an_earlier_extension_told_in_the_preterite_is_no_notice():
    assert not read_extension(KALMAR_AFTERWARDS, None).notice
    assert parse_missiv(KALMAR_AFTERWARDS).extension_to is None


def test_istallet_senast_gives_the_new_day_not_the_old():
    assert read_extension(SOU_2017_27, date(2017, 8, 14)).day == date(2017, 9, 15)
    assert parse_missiv(SOU_2017_27).extension_to == date(2017, 9, 15)


def test_a_notice_naming_only_the_old_day_keeps_no_day():
    old_only = SOU_2017_27.split(" Remisssvaren")[0]  # the page without its new day
    found = read_extension(old_only, date(2017, 8, 14))
    assert found.notice and found.day is None
    assert any("kunde inte läsas" in w for w in found.warnings)


def test_from_to_gives_the_to_day():
    assert read_extension(RJL, date(2020, 10, 31)).day == date(2020, 10, 31)
    # "förlängs från 1 mars till 15 mars" (the example): 15 March, the year from the dated letter
    text = "Brev 2027-02-10\n\nSvarstiden förlängs från 1 mars till 15 mars."
    assert read_extension(text, None).day == date(2027, 3, 15)


def test_a_clock_time_with_the_new_day_is_kept():
    # the example sentence; no public notice with a clock time was found
    result = parse_missiv("Remiss av promemorian X\n\nRemisstiden förlängs till den 15 mars 2027 kl. 12.00.")
    assert result.extension_to == datetime(2027, 3, 15, 12, 0)
    assert result.to_json()["extension_to"] == "2027-03-15T12:00"


@pytest.mark.parametrize("sentence", [
    "Sista dag för remissvar flyttas fram till den 30 april 2024.",
    "Ny sista dag för svar är den 30 april 2024.",
    "Ändrat svarsdatum: 30 april 2024.",
])
def test_other_words_for_a_later_day(sentence):
    assert read_extension(sentence, None).day == date(2024, 4, 30)


def test_the_signature_block_of_a_notice_gives_dnr_and_contact():
    # Sala kommun's "Samråd: … - förlängd samrådstid" (tests/data/missiv/kinds/missiv-dev.json, d13)
    sala = next(c for c in json.loads((DATA / "missiv-dev.json").read_text(encoding="utf-8")) if c["id"] == "d13")
    result = parse_missiv(sala["text"])
    assert result.extension_to == date(2019, 8, 30)
    assert result.sender_dnr == "2018/258"
    assert result.contact_person == "Robert Yngvesson"


@pytest.mark.parametrize("case", json.loads((DATA / "ext-dev.json").read_text(encoding="utf-8")),
                         ids=lambda c: c["id"])
def test_ext_dev_texts_give_their_annotated_new_day(case):
    # tilläggsdirektiv extending an utredning, a postponed prövningstid, remiss pages with a senast-date or an
    # earlier period extend no remiss's answer time; x21 (Regionala cancercentrum) does, with year-less remiss
    # dates listed under it
    got = parse_missiv(case["text"]).to_json()["extension_to"]
    assert (got[:10] if got else None) == case["expected"]["extension_to"]


def test_a_notice_without_a_readable_day_says_so():
    # Miljödepartementet's page (g0vse, kinds d11) without its deadline sentence
    result = parse_missiv("Observera att remisstiden har förlängts med en månad från februari till mars.")
    assert result.extension_to is None
    assert any("nya svarsdagen kunde inte läsas" in w for w in result.warnings)


@pytest.mark.parametrize("text", [
    # Motala Vimmerby Tidning (tests/data/missiv/fresh/fresh3-dev.json, g23): an extension asked for
    "Svaren ska vara inne hos kommunen senast 31 mars, men nu vill de berörda ha förlängd svarstid.",
    "Remisstiden kommer inte att förlängas.",
    "Svarstiden förlängs inte.",
    "Om ni behöver förlängd svarstid, kontakta handläggaren.",
    "Begäran om förlängd svarstid ska lämnas till registrator.",
])
def test_an_extension_asked_for_or_denied_is_no_notice(text):
    found = read_extension(text, None)
    assert not found.notice and not found.warnings


@pytest.mark.parametrize("text", [
    "Vi vill meddela att remisstiden har förlängts till den 15 mars 2027.",
    "Eftersom flera remissinstanser inte hunnit svara förlängs svarstiden till den 15 mars 2027.",
    "Flera kommuner har begärt förlängd svarstid och därför förlängs remisstiden till den 15 mars 2027.",
])
def test_a_polite_or_explained_notice_is_still_one(text):
    assert read_extension(text, None).day == date(2027, 3, 15)
