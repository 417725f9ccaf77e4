"""Extension notices in the wordings of round h-ext (tests/data/missiv/kinds/ext-dev2.json): how Swedish writes "the
answer day is moved to X" beyond "förlängs till" — other verbs and nouns, the new day before its cue, labels, the old
and the new day in either order, refusals and offers, an extension for some remissinstanser only. The sentences are
the development set's or written for these tests; none is taken from ext-holdout2.json."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.dates import find_dates
from remiss.missiv.extension import read_extension

DATA = Path(__file__).resolve().parents[1] / "data" / "missiv" / "kinds"


@pytest.mark.parametrize("text,day", [
    ("Remisstiden för rubricerad remiss förlängs. Nytt sista svarsdatum är den 15 maj 2027.", date(2027, 5, 15)),
    ("Svarstiden för remissen ändras från den 3 april till den 8 maj 2027.", date(2027, 5, 8)),
    ("Svarsdatumet för remissen flyttas från 2027-02-26 till 2027-03-19.", date(2027, 3, 19)),
    ("Remisstiden utökas med tre veckor, till den 22 november 2027.", date(2027, 11, 22)),
    ("Samrådet förlängs till den 31 augusti 2027.", date(2027, 8, 31)),
    ("Remissen förlängs till den 20 augusti 2027 med anledning av semesterperioden.", date(2027, 8, 20)),
    ("Sista dag att lämna synpunkter på förslaget flyttas till den 14 juni 2027.", date(2027, 6, 14)),
    ("Svarstiden för remissen av Ds 2026:30 Ett nytt mediestöd har förlängts. Den nya svarsdagen är tisdagen den 20 "
     "april 2027.", date(2027, 4, 20)),
    ("Remisstid: 2027-03-01 – 2027-04-12\nFörlängd remisstid: 2027-04-26", date(2027, 4, 26)),
    ("Ursprunglig svarsdag: 2027-04-15\nNy svarsdag: 2027-05-14", date(2027, 5, 14)),
    ("Ändrad svarstid: 2027-06-18 (tidigare 2027-05-28).", date(2027, 6, 18)),
    ("Den 5 november 2027 blir ny sista svarsdag för remissen.", date(2027, 11, 5)),
    ("Kammarkollegiet medger förlängning av svarstiden. Remissvaren ska nu ha kommit in senast 2027-10-15.",
     date(2027, 10, 15)),
    ("Förlängd remisstid har beviljats till och med den 15:e april 2027.", date(2027, 4, 15)),
    ("Sista svarsdag är nu 2027-05-15 i stället för 2027-04-17.", date(2027, 5, 15)),
    ("Remissvar kan lämnas fram till och med den 5 november 2027 i stället för som tidigare angivits den 15 oktober "
     "2027. Vi har förlängt remisstiden.", date(2027, 11, 5)),
    ("SKR har beslutat att förlänga remisstiden t.o.m. 2027-05-15 för remissen.", date(2027, 5, 15)),
    ("Remisstiden förlängs till 15/5 2027.", date(2027, 5, 15)),
    ("Remisstiden utsträcks till den 12 maj 2027.", date(2027, 5, 12)),
    ("Svarsfristen förlängs till den 12 maj 2027.", date(2027, 5, 12)),
    ("Remissinstanserna ges längre tid att svara, till och med den 12 maj 2027.", date(2027, 5, 12)),
    ("Förlängd samrådstid\n\nSista dag för att lämna synpunkter är nu den 12 maj 2027.", date(2027, 5, 12)),
    ("Deadline för remissvar flyttas till 2027-05-12.", date(2027, 5, 12)),
])
def test_the_new_day_in_other_words(text, day):
    found = read_extension(text, None)
    assert found.notice and found.day == day


def test_the_new_day_far_from_the_verb_keeps_its_clock_time():
    text = ("PTS förlänger remisstiden för samrådet om förslag till beslut om prisreglering av fiberanslutningar "
            "(dnr 26-11234) till den 14 maj 2027 kl. 12.00.")
    assert read_extension(text, None).day == datetime(2027, 5, 14, 12, 0)


def test_a_day_before_the_notice_in_its_sentence_is_the_old_period():
    # Region Jönköpings län (fresh4 h26): the old period's end before "förläns", the new day after it
    text = ("Remissperioden sträcker sig från 31 januari till 4 maj, men förläns nu till och med den 31 oktober 2020 "
            "på grund av rådande Coronapandemi.")
    assert read_extension(text, None).day == date(2020, 10, 31)


def test_a_notice_naming_only_the_old_day_is_left_empty():
    text = "Remissen förlängs med en månad från den 1 mars 2027. Ett nytt utskick med exakt datum kommer inom kort."
    found = read_extension(text, date(2027, 3, 1))
    assert found.notice and found.day is None
    assert any("kunde inte läsas" in w for w in found.warnings)


@pytest.mark.parametrize("text", [
    "Tyvärr kan vi inte förlänga remisstiden. Svaren ska därför ha kommit in senast den 19 mars 2027.",
    "Flera har frågat. Någon förlängning av remisstiden medges inte. Svaren ska ha kommit in senast den 30 april 2027.",
    "Den som behöver mer tid kan kontakta oss för förlängd svarstid, dock längst till den 30 april 2027.",
    "- Vidare att remisstiden ändras till den 31 mars 2010.",
    "Vi har fått önskemål om mer tid att svara till den 12 maj 2027.",
])
def test_a_refusal_an_offer_or_a_beslutssats_gives_no_new_day(text):
    found = read_extension(text, date(2027, 3, 19))
    assert not found.notice and found.day is None


def test_a_refused_extension_keeps_the_deadline_and_proposes_none():
    result = parse_missiv("Remiss av promemorian X\n\nTyvärr kan vi inte förlänga remisstiden. Svaren ska därför ha "
                          "kommit in senast den 19 mars 2027 som tidigare meddelats.")
    assert result.extension_to is None and result.deadline == date(2027, 3, 19)


def test_the_kommuners_own_extension_is_taken_and_others_are_not():
    ours = ("Kommunerna får förlängd svarstid till den 30 juni 2027. Övriga remissinstanser svarar som tidigare "
            "senast den 31 maj 2027.")
    assert read_extension(ours, None).day == date(2027, 6, 30)
    others = ("Försvarsmakten har fått förlängd svarstid till den 15 juni 2027. För övriga remissinstanser gäller "
              "fortfarande sista svarsdag den 25 maj 2027.")
    found = read_extension(others, None)
    assert found.notice and found.day is None
    assert any("vissa remissinstanser" in w for w in found.warnings)
    assert parse_missiv(others).extension_to is None


def test_a_short_date_with_a_spaced_year_is_read():
    assert [(d.year, d.month, d.day) for d in find_dates("senast 15/5 2027.")] == [(2027, 5, 15)]
    assert find_dates("paragraf 1/2 2027:1") == []  # a number, not a date


@pytest.mark.parametrize("case", json.loads((DATA / "ext-dev2.json").read_text(encoding="utf-8")),
                         ids=lambda c: c["id"])
def test_ext_dev2_texts_give_their_annotated_new_day(case):
    got = parse_missiv(case["text"]).to_json()["extension_to"]
    assert (got[:10] if got else None) == case["expected"]["extension_to"]


def test_a_notice_without_its_new_day_does_not_keep_the_old_day_as_deadline():
    result = parse_missiv("Remiss av promemorian X\n\nRemissvaren skulle ha kommit in senast den 1 mars 2027. "
                          "Remisstiden har förlängts; nytt datum meddelas senare.")
    assert result.extension_to is None and result.deadline is None
    assert any("nya svarsdagen kunde inte läsas" in w for w in result.warnings)
