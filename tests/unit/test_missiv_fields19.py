"""Round 19 (h-parse19): the contact person in the words Swedish letters use for it, and in flattened or wrapped copies
of the letters (bench/results-missiv.md, "Round 19, h-parse19").

Each test quotes the lines of a development text (set and id named) of tests/data/missiv, as found or as
bench/missiv_flat.py changes it (`flat`: every line break a blank; `wrap`: lines broken at 60 characters); the
guards quote letters where the same kind of words must not give a contact.
"""
from __future__ import annotations

import re
import textwrap
from datetime import date, datetime

from remiss.missiv import parse_missiv


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _wrap(text: str) -> str:
    return "\n".join(textwrap.fill(line, 60, break_on_hyphens=False, break_long_words=False) if line.strip() else line
                     for line in text.split("\n"))


# fresh11-holdout z15 (Nacka's relay page): the role, "är", then the person
_Z15 = ("Synpunkter på reservatsförslaget skulle vara inne till Miljö- och Stadsbyggnadsnämnden, NRN 2013/37-265 "
        "Registrator, 131 81 Nacka senast 2014-09-14.\n\nNacka Miljövårdsråds remissvar, 2014-09-14.\n\n"
        "Kommunens handläggare är Eliabeth Hedin, 7188000.\n\nSenast ändrad av Jan Åman 2016-06-16\n")
# fresh6-holdout p03 (abcdocz transcript of Trafikverket's missiv): the letterhead's handläggare and direct number
_P03 = ("Trafikverket 78189 Borlänge Besöksadress: Röda vägen 1 Texttelefon: 010-123 50 00 Telefon: 0771 - 921 921 "
        "[email protected] www.trafikverket.se Anne-Karin Grönvold-Andersson Planering Direkt: 010-123 58 76 "
        "[email protected]\n")
# ext-dev x03 (regeringen.se): a contact card; flattened the heading runs on into the name and the role
_X03 = ("Nu förlänger regeringen utredningstiden, vilket innebär att uppdraget ska redovisas senast 28 februari 2020.\n\n"
        "Kontakt\n\nViktor Nyberg\nPressekreterare hos civilminister Ardalan Shekarabi\nTelefon (växel) 08-405 10 00\n"
        "Mobil 073-051 03 71\ne-post till Viktor Nyberg\n")
# fresh3-holdout g20 (Kristinehamn): "Kontaktuppgifter", the name, " - " and the role
_G20 = ("Kontaktuppgifter\n\nPetter Wikström - samhällsplanerare\npetter.wikstrom@kristinehamn.se\n\n0550-881 62\n\n"
        "Kalle Alexandersson - planeringschef\n\n0550-880 02\n")
# ext-dev2 b01, b07, b28, b32: extension notices signed after the closing, by name and role or body
_B01 = ("Svaren lämnas som tidigare per e-post till fi.remissvar@regeringskansliet.se. Ange diarienummer Fi2027/00412 "
        "och remissinstansens namn i ämnesraden.\n\nMed vänlig hälsning\n\nKarin Ståhl\nÄmnesråd\nFinansdepartementet\n"
        "Skatte- och tullavdelningen\n")
_B07 = "Svar skickas till remisser@skr.se.\n\nVänliga hälsningar\nPer Holm\nSveriges Kommuner och Regioner\n"
_B28 = ("Svaren skickas till region.jamtland@regionjh.se, märk svaret med RJH 2026/1990.\n\nVänliga hälsningar\nMalin Ås\n"
        "Regional utveckling, Region Jämtland Härjedalen\n")
_B32 = ("Remissvaren skickas till ku.remissvar@regeringskansliet.se. Ange diarienummer Ku2026/02113.\n\n"
        "Med vänliga hälsningar\nElin Sjöberg\nKulturdepartementet\n")
# fresh4-holdout h01 (regeringen.se), wrapped: the role ends a line, the linked name starts the next
_H01 = ("Vid rättsliga frågor avseende remissen kontaktas ämnesrådet [Jacob Wichmann](mailto:jacob.wichmann@"
        "regeringskansliet.se \"E-post till Jacob Wichmann\") (08-405 10 73) eller rättssakkunniga [Sara Ahmed]"
        "(mailto:sara.ahmed@regeringskansliet.se \"E-post till Sara Ahmed\") (08-405 43 52).\n")
# fresh11-holdout z31 and fresh5-holdout m31 (transcripts), wrapped: a letterhead's unit, then its handläggare
_Z31 = ("1 Remiss Ju2003/3545/L1 Justitiedepartementet Enheten för fastighetsrätt och associationsrätt Patrik Skogh "
        "Telefon E-post E-postadress m.m. i vissa register Remissinstanser:\n")
_M31 = ("1 ...-,,,_...- A R B E T S M I L J Ö VERKET REMISS Datum Vår beteckning RT 2014/ Sid 1 (1) Enheten för teknik "
        "Stefan Nygård, Förslag till föreskrifter om vibrationer samt allmänna råd om tillämpningen av föreskrifterna\n")


def test_the_role_then_are_then_the_person_names_the_contact() -> None:
    assert parse_missiv(_Z15).contact_person == "Eliabeth Hedin"
    # the order reversed: the person, "är", the role
    assert parse_missiv("Eliabeth Hedin är handläggare för ärendet, 7188000.\n").contact_person == "Eliabeth Hedin"


def test_a_letterheads_handlaggare_with_a_direct_number_is_the_contact() -> None:
    assert parse_missiv(_P03).contact_person == "Anne-Karin Grönvold-Andersson"
    assert parse_missiv(_wrap(_P03)).contact_person == "Anne-Karin Grönvold-Andersson"


def test_a_flat_contact_heading_takes_the_name_before_its_role() -> None:
    assert parse_missiv(_flat(_X03)).contact_person == "Viktor Nyberg"
    assert parse_missiv(_flat(_G20)).contact_person == "Petter Wikström"


def test_a_flat_signature_after_the_closing_is_the_contact() -> None:
    for text, name in ((_B01, "Karin Ståhl"), (_B07, "Per Holm"), (_B28, "Malin Ås"), (_B32, "Elin Sjöberg")):
        assert parse_missiv(_flat(text)).contact_person == name
        assert parse_missiv(text).contact_person == name  # as found, read by the signature's lines as before


def test_wrapped_lines_keep_the_role_and_the_letterhead_with_the_name() -> None:
    assert parse_missiv(_wrap(_H01)).contact_person == "Jacob Wichmann"
    assert parse_missiv(_wrap(_Z31)).contact_person == "Patrik Skogh"
    assert parse_missiv(_wrap(_M31)).contact_person == "Stefan Nygård"


def test_who_answers_a_remiss_or_an_unnamed_handlaggare_is_no_contact() -> None:
    # fresh7-holdout r04: the receiving association's own person for its answer
    r04 = ("Idéburna skolors riksförbund är nu remissinstans för Skolverkets förslag.\n\nAnsvarig för remissarbetet är "
           "Ingrid Carlgren, professor i pedagogik vid Stockholms universitet och styrelseledamot i Idéburna skolors "
           "riksförbund. Medlemsorganisationer som har synpunkter på förändringarna kan kontakta förbundet.\n")
    # fresh3-dev g02: a handläggare named in no words of the page
    g02 = ("För mer information om ett förslag, kontakta ansvarig handläggare. Vem som är handläggare står i förslaget "
           "till respektive reservat nedan.\n\nLugnås kvarnområde\n")
    for text in (r04, g02, _flat(r04), _flat(g02)):
        assert parse_missiv(text).contact_person is None
    # a closing followed by a body's name only: nobody to contact
    assert parse_missiv("Svar skickas till remisser@skr.se. Med vänliga hälsningar Region Jämtland Härjedalen "
                        "Regional utveckling\n").contact_person is None


def test_a_regeringskansliet_number_with_its_unit_in_mixed_case_is_the_senders() -> None:
    # regeringen.se, "Regeringsuppdrag från Miljödepartementet … Diarienummer: M2014/1903/Nm"; Sala kommun's answer to
    # "remiss i ärendet M2015/818/Me" (docplayer): Miljödepartementet's units were written in mixed case
    assert parse_missiv("Uppdrag om kommunikationssatsning om ekosystemtjänster Diarienummer: M2014/1903/Nm\n\n"
                        "Publicerad · Uppdaterad\n").sender_dnr == "M2014/1903/Nm"
    assert parse_missiv("Remiss av promemorian X\n\nAnge diarienummer M2015/818/Me i ämnesraden.\n").sender_dnr == \
        "M2015/818/Me"


# ext-dev x21 (cancercentrum.se), ext-dev2 b05 (Gävle) and b28 (Region Jämtland Härjedalen), wrapped at 60 characters
_X21_WRAPPED = ("Svarstiden för den pågående remissrundan har förlängts till\nden 15 februari 2021. Orsaken är "
                "covid-19-pandemins påverkan\npå vården.\n")
_B05_WRAPPED = ("Samråd om förslag till avfallsplan 2028–2035 – förlängd tid\nför synpunkter\n\nGävle kommun har fått önskemål "
                "om mer tid att lämna\nsynpunkter på förslaget till ny avfallsplan. Samrådet\nförlängs därför med två "
                "veckor.\n\nLämna dina synpunkter senast fredagen den 15 oktober 2027\nkl. 15.00 till "
                "avfallsplan@gavle.se.\n\nDnr KS 2027/212\n")
_B28_WRAPPED = ("Till kommunerna i Jämtlands län\n\nSvarsdatumet för remissen flyttas från 2027-02-26 till\n2027-03-19 på "
                "grund av sportlovsveckorna.\n")


def test_a_wrapped_extension_notice_gives_the_new_day() -> None:
    for text, day in ((_X21_WRAPPED, date(2021, 2, 15)), (_B28_WRAPPED, date(2027, 3, 19))):
        found = parse_missiv(text, reference_date=date(2020, 12, 1))
        assert found.extension_to == day
        assert found.deadline == day


def test_the_hour_on_the_next_wrapped_line_belongs_to_the_deadline() -> None:
    assert parse_missiv(_B05_WRAPPED).deadline == datetime(2027, 10, 15, 15, 0)
    # an hour on another day's line does not move the deadline
    other = "Svar senast den 15 oktober 2027.\n\nSamrådsmötet hålls den 20 oktober 2027\nkl. 15.00 i stadshuset.\n"
    assert parse_missiv(other).deadline == date(2027, 10, 15)


# dev d25 (Region Dalarna's page), fresh5-holdout n11 (Laxå's letter), extra x21 (Boverket's missiv): the sentence that
# says who sends; each is given here beside another body named more often, as a page relaying it or a plan naming
# its partners does, where counting names alone would pick the other body
_SENDING = (
    ("Region Dalarna önskar synpunkter från remissinstanserna på länsplaneförslaget och miljökonsekvensbedömningen "
     "senast den 1 februari 2022.", "Region Dalarna"),
    ("Laxå kommun skickar härmed förslaget till kulturplan för åren 2019-2022 på samråd, se bifogat missiv och "
     "förslag.", "Laxå kommun"),
    ("Boverket önskar synpunkter på förslag till ändrade byggregler (Boverkets byggregler, BBR) och på tillhörande "
     "konsekvensutredning.", "Boverket"),
)


def test_the_body_a_sentence_names_as_sending_is_the_remittent() -> None:
    for sentence, body in _SENDING:
        text = (f"{sentence}\n\nFörslaget har tagits fram tillsammans med Trafikverket. Trafikverket har också "
                "lämnat underlag.\n")
        assert parse_missiv(text).remittent == body


def test_no_sending_sentence_or_two_senders_leave_the_count_to_decide() -> None:
    # an author with no remiss in its sentence sends nothing: Naturvårdsverket's vägledning, Länsstyrelsen's remiss
    text = ("Naturvårdsverket har tagit fram en vägledning. Länsstyrelsen i Skåne län skickar nu ut förslaget till "
            "åtgärdsprogram på remiss. Naturvårdsverket har deltagit.\n")
    assert parse_missiv(text).remittent == "Länsstyrelsen i Skåne län"
    # two bodies that each send in the text's words: no sentence decides, nor does the count (once each)
    two = ("Region Dalarna önskar synpunkter på planen. Boverket önskar synpunkter på föreskrifterna.\n")
    found = parse_missiv(two)
    assert found.remittent is None


def test_the_old_days_label_does_not_reach_past_its_own_day_on_one_line() -> None:
    # ext-dev2 b03 (Region Västmanland) flattened: the old day's label stands before the new day's label and day
    b03 = ("Förlängd svarstid – Regional utvecklingsstrategi för Västmanland 2030\n\nDiarienummer: RV 2026-01187\n\n"
           "Med anledning av önskemål från flera kommuner ändras svarstiden för remissen.\n\n"
           "Ursprunglig svarsdag: 2027-04-15\nNy svarsdag: 2027-05-14\n\n"
           "Remissvaren skickas till regionen@regionvastmanland.se.\n")
    for text in (b03, _flat(b03)):
        found = parse_missiv(text)
        assert found.extension_to == date(2027, 5, 14)
        assert found.deadline == date(2027, 5, 14)
    # the old day's own words still mark it: "svarstiden skulle ha gått ut den 15 april"
    old = "Svarstiden förlängs. Svaren skulle ha kommit in den 15 april 2027 men ska nu ha kommit in senast den 14 maj 2027."
    assert parse_missiv(old).extension_to == date(2027, 5, 14)
