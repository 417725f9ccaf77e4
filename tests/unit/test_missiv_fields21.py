"""Round 21 (h-parse21): the fields other than the title where the text is not the remittent's letter as written.

A kommun's own yttrande or tjänsteskrivelse answering another body's remiss carries the writer's letterhead ("Dnr KS
2024/0123", "Diarienummer SOFÖ-…", "Vår beteckning"); the remittent's number is the one after "Er beteckning" / "Ert
dnr" or in the sentence that tells of the remiss ("Remiss från Region Jönköpings län, dnr RJL 2024/456"), and with
none of those the field stays empty with a warning (bench/results-missiv.md, "Round 21, h-parse21").

The texts are Malmö stad's (tests/../shared/seeds/003: Stadsområdesnämnd Öster's yttrande and tjänsteskrivelse over
Kommunstyrelsen's and Kulturnämndens remisser; the transcript lost the digits of their numbers, so the numbers are
written in Malmö's series form) and the standard phrasings of Swedish kommuners tjänsteskrivelser.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.own_answer import is_own_answer

DATA = Path(__file__).resolve().parents[1] / "data" / "missiv"

# seeds/003 (Malmö stad, 2015), the yttrande's letterhead as the page gives it, line by line
MALMO_YTTRANDE = """Malmö stad
Stadsområdesnämnd Öster
1 (4)
Datum
2015-09-22
Adress
Diarienummer
SOFÖ-2015-2318
Yttrande
Till
Kommunstyrelsen
Särskild tillsynsorganisation för kommunens andrahandslägenheter
STK-2015-175

Sammanfattning
Stadsområdesnämnd Öster ställer sig inte bakom förslaget att flytta tillsynen av kommunens andrahandslägenheter till
fastighetskontorets lägenhetsenhet.
"""

# seeds/003, the tjänsteskrivelse over Kulturnämndens remiss (flattened as the transcript gives it), the remiss's
# number named where the text tells of the remiss
MALMO_TJANSTESKRIVELSE = (
    "Malmö stad Stadsområdesförvaltning Öster 1 (2) Datum 2015-08-20 Vår referens Sabina Vendela Dethorey "
    "Utvecklingssamordnare Sabina.Dethorey@malmo.se Tjänsteskrivelse Remiss gällande handlingsplan för kulturstrategi "
    "2016 SOFÖ-2015-1822\n\nSammanfattning\nKulturnämnden har tagit fram ett förslag till en kommunövergripande "
    "Handlingsplan för kulturstrategi.\n\nFörslag till beslut\nStadsområdesnämnd Öster föreslås besluta att avge "
    "yttrande till Kulturnämnden i enlighet med upprättat förslag\n\nÄrendet\nKulturnämnden har sedan skickat ut "
    "ärendet på remiss med diarienummer KN-2015-1034 till remissinstanserna, bland annat Stadsområdesnämnd Öster.\n")

TS_ER_BETECKNING = """TJÄNSTESKRIVELSE
Datum 2024-03-12
Dnr KS 2024/0123

Kommunstyrelsen

Yttrande över remiss av regional transportplan för Jönköpings län 2026–2037
Er beteckning: RJL 2024/456

Sammanfattning
Region Jönköpings län har skickat förslaget på remiss till länets kommuner. Yttrandet ska vara Region Jönköpings län
tillhanda senast den 30 april 2024.

Förslag till beslut
Kommunstyrelsen föreslås besluta
att anta förvaltningens förslag till yttrande som sitt eget.
"""

TS_REMITTERAT = """Tjänsteskrivelse
2024-02-05
Dnr BMN 2024/33

Miljö- och byggnadsnämnden

Ärendet
Länsstyrelsen i Jönköpings län har remitterat ett förslag till föreskrifter för vattenskyddsområde (dnr 513-4567-2023)
till kommunen. Svar ska lämnas senast 2024-03-01.

Förslag till beslut
Miljö- och byggnadsnämnden beslutar att lämna yttrande enligt förvaltningens förslag.
"""

TS_ONLY_OWN = """Tjänsteskrivelse
2024-02-05
Diarienummer KS 2024/88

Kommunstyrelsen

Yttrande över Trafikverkets remiss om nationell plan för transportinfrastruktur

Sammanfattning
Trafikverket har skickat förslaget till nationell plan på remiss. Remissvar ska lämnas senast den 15 mars 2024.

Förslag till beslut
Kommunstyrelsen föreslås besluta att anta yttrandet.

Handläggare
Karin Holm
"""

YTTRANDE_ERT_DNR = """Datum: 2024-04-10
Vår beteckning    Er beteckning
KS 2024/0123      Fi2024/00456

Finansdepartementet

Remissvar: Promemorian Ändrade regler för kommunal redovisning

Tranås kommun har beretts tillfälle att yttra sig över promemorian och lämnar följande synpunkter.
"""


def test_a_kommuns_yttrande_does_not_give_its_own_number_as_the_remittents():
    result = parse_missiv(MALMO_YTTRANDE)
    assert result.sender_dnr is None
    assert any("eget yttrande eller tjänsteskrivelse" in w and "SOFÖ-2015-2318" in w for w in result.warnings)


def test_a_tjansteskrivelse_gives_the_number_the_sentence_ties_to_the_remiss():
    assert parse_missiv(MALMO_TJANSTESKRIVELSE).sender_dnr == "KN-2015-1034"


def test_er_beteckning_in_an_answer_is_the_remittents_number():
    result = parse_missiv(TS_ER_BETECKNING)
    assert result.sender_dnr == "RJL 2024/456"
    assert result.remittent == "Region Jönköpings län"


def test_the_number_of_the_remiss_a_body_has_sent_wins_over_the_nämnds_own():
    result = parse_missiv(TS_REMITTERAT)
    assert result.sender_dnr == "513-4567-2023"
    assert result.remittent == "Länsstyrelsen i Jönköpings län"


def test_an_answer_with_only_its_own_number_leaves_the_field_empty_with_a_warning():
    result = parse_missiv(TS_ONLY_OWN)
    assert result.sender_dnr is None
    assert any("diarienumret KS 2024/88 kan vara skrivarens eget" in w for w in result.warnings)
    assert result.remittent == "Trafikverket"
    assert str(result.deadline) == "2024-03-15"


def test_labels_over_their_values_give_the_department_its_number_not_the_kommuns():
    assert parse_missiv(YTTRANDE_ERT_DNR).sender_dnr == "Fi2024/00456"


def test_the_kommuns_handlaggare_under_its_own_number_is_no_contact_at_the_remittent():
    text = TS_ONLY_OWN.replace("Diarienummer KS 2024/88\n", "Diarienummer KS 2024/88\nHandläggare: Karin Holm\n")
    assert parse_missiv(text).contact_person is None


# a kommun's yttrande to a department: it names itself most often and is signed by its own ordförande
TRANAS_TO_FI = """Tranås kommun
Kommunstyrelsen
YTTRANDE
2024-04-10
Vår beteckning KS 2024/0123
Er beteckning Fi2024/00456

Finansdepartementet
fi.remissvar@regeringskansliet.se

Yttrande över promemorian Ändrade regler för kommunal redovisning

Tranås kommun har beretts tillfälle att yttra sig över promemorian. Tranås kommun tillstyrker förslaget i huvudsak.
Tranås kommun anser dock att ikraftträdandet bör skjutas upp. Tranås kommun vill också framhålla att kommunerna behöver
tid.

Tranås kommun
Anna Berg
Kommunstyrelsens ordförande
"""


def test_an_answer_names_its_writer_most_often_but_the_writer_is_no_remittent():
    result = parse_missiv(TRANAS_TO_FI)
    assert result.sender_dnr == "Fi2024/00456"
    assert result.remittent == "Finansdepartementet"  # from the department's number, with its warning
    assert any("Tranås kommun är troligen skrivaren" in w for w in result.warnings)


def test_an_answers_signer_is_no_contact_at_the_remittent():
    result = parse_missiv(TRANAS_TO_FI)
    assert result.contact_person is None
    assert any("Anna Berg är troligen skrivarens egen" in w for w in result.warnings)


# -- guards: the remittent's own letter keeps its number, "ert dnr" outside an answer stays the receiver's


def test_a_kommuns_own_remiss_keeps_its_number():
    # seeds/000 (Malmö stad, 2010): Stadskontoret sends Kommunstyrelsen's remiss; its "vårt Dnr" is the sender's
    text = ("Ärendet: Förslag till ny IoF-plan\n\nÄrendet, med vårt Dnr KS-IOF-2010-00015 överlämnas till ovanstående "
            "för yttrande. Svaret ställt till kommunstyrelsen, ska vara stadskontorets expedition, tillhanda senast "
            "2010-03-31 kl 12.00.\n")
    assert not is_own_answer(text)
    assert parse_missiv(text).sender_dnr == "KS-IOF-2010-00015"


def test_ert_dnr_in_a_remittents_letter_is_still_the_receivers():
    assert parse_missiv("Ert dnr 2021/55\n\nVårt dnr KS 2021/77").sender_dnr == "KS 2021/77"


@pytest.mark.parametrize("line", [
    "Svar på remissen skickas in senast den 28 februari i både word och pdf format.",  # dev d24
    "Svar på remiss om detaljplan ska lämnas senast den 3 maj.",
    "Remissvar",  # a regeringen.se page's section of the answers received
    "Då kan du som berörs av våra planer lämna yttranden.",  # fresh6 p17
    "Här kan du läsa hur du lämnar remissvar.",  # extra x07
    "Kommunstyrelsen beslutade att remittera förslaget till nämnderna för yttrande.",
    "Ni ges möjlighet att lämna yttrande senast den 1 juni.",
])
def test_a_remittents_instruction_is_no_answer(line):
    assert not is_own_answer(f"Remiss\n\n{line}\n")


@pytest.mark.parametrize("path", ["kinds/missiv-dev.json", "kinds/missiv-extra.json", "fresh/fresh-dev.json",
                                  "fresh/fresh3-dev.json", "fresh/fresh8-dev.json", "kinds/ext-dev.json"])
def test_no_development_letter_reads_as_an_answer(path):
    letters = json.loads((DATA / path).read_text(encoding="utf-8"))
    assert [c["id"] for c in letters if is_own_answer(c["text"])] == []


# -- general phrasings of letters of every kind (probes of round 21; no development letter words them so)

LETTER = ("{head}\n\nRemiss av förslag till avfallsplan för 2027–2030\n\n{body}\n\nMed vänlig hälsning\n\n{sign}\n")


@pytest.mark.parametrize("head,name", [("Kalmar kommun\nSamhällsbyggnadskontoret", "Kalmar kommun"),
                                       ("Orust kommun", "Orust kommun"), ("Nässjö kommun", "Nässjö kommun")])
def test_a_kommun_whose_name_takes_no_genitive_s_keeps_its_own_name(head, name):
    # Kalmar kommun and Orust kommun write themselves so (kalmar.se, orust.se); the register made "Kalmars kommun"
    text = LETTER.format(head=head, body="Svar senast den 15 mars 2027.", sign="Anna Berg\nHandläggare")
    assert parse_missiv(text).remittent == name


@pytest.mark.parametrize("sign", ["Anna Berg, planarkitekt", "Anna Berg\nanna.berg@nassjo.se",
                                  "Anna Berg\nE-post: anna.berg@nassjo.se"])
def test_the_signer_with_a_role_on_the_line_or_an_own_address_below_is_the_contact(sign):
    text = LETTER.format(head="Nässjö kommun", body="Svar senast den 15 mars 2027.", sign=sign)
    assert parse_missiv(text).contact_person == "Anna Berg"


@pytest.mark.parametrize("sign", ["Anna Berg\nregistrator@nassjo.se", "Anna Berg, kommundirektör"])
def test_a_signer_with_a_shared_address_or_a_heads_title_is_no_contact(sign):
    text = LETTER.format(head="Nässjö kommun", body="Svar senast den 15 mars 2027.", sign=sign)
    assert parse_missiv(text).contact_person is None


def test_referensnummer_introduces_the_number():
    text = LETTER.format(head="Region Kalmar län", body="Referensnummer: RS2027/0123\n\nSvar senast den 15 mars 2027.",
                         sign="Anna Berg\nHandläggare")
    assert parse_missiv(text).sender_dnr == "RS2027/0123"


def test_synpunkter_finns_till_a_day_is_the_deadline():
    text = LETTER.format(head="Länsstyrelsen i Hallands län",
                         body="Möjlighet att lämna synpunkter finns till den 15 mars 2027.",
                         sign="Anna Berg\nHandläggare")
    assert str(parse_missiv(text).deadline) == "2027-03-15"


def test_a_call_to_the_reader_under_a_questions_heading_is_no_part_of_the_name():
    text = LETTER.format(head="Region Kalmar län", body="Svar senast den 15 mars 2027.\n\nFrågor om remissen\nKontakta "
                         "Eva Lind, kulturstrateg, eva.lind@regionkalmar.se, 0480-840 00.", sign="Region Kalmar län")
    assert parse_missiv(text).contact_person == "Eva Lind"


def test_polismyndighetens_number_is_read():
    text = LETTER.format(head="Polismyndigheten", body="Diarienr A123.456/2027\n\nSvar senast den 15 mars 2027.",
                         sign="Anna Berg\nHandläggare")
    assert parse_missiv(text).sender_dnr == "A123.456/2027"


NAMES = ["Borgholms kommun", "Emmaboda kommun", "Hultsfreds kommun", "Kalmar kommun", "Linnéuniversitetet"]


@pytest.mark.parametrize("heading,mark", [("Remissen har skickats till följande:", "- "),
                                          ("Denna remiss har skickats till:", ""),
                                          ("Förslaget har sänts till följande remissinstanser:", "• ")])
def test_a_sentence_ending_in_a_colon_over_the_list_heads_the_sandlista(heading, mark):
    body = heading + "\n" + "\n".join(mark + n for n in NAMES) + "\n\nSvar senast den 15 mars 2027."
    text = LETTER.format(head="Region Kalmar län", body=body, sign="Eva Lind\nKulturstrateg")
    assert parse_missiv(text).sandlista == NAMES


def test_a_sentence_that_goes_on_after_the_colon_heads_no_list():
    body = ("Remissen har skickats till följande: kommunerna i länet och regionen.\nBorgholms kommun anser\n\n"
            "Svar senast den 15 mars 2027.")
    text = LETTER.format(head="Region Kalmar län", body=body, sign="Eva Lind\nKulturstrateg")
    assert parse_missiv(text).sandlista == []


@pytest.mark.parametrize("line", [
    "Kommunstyrelsen beslutade den 3 mars att ge nämnderna möjlighet att lämna yttrande över förslaget.",
    "Kommunstyrelsen beslutar att bereda nämnderna tillfälle att lämna yttrande över förslaget.",
    "Kommunstyrelsen beslutade att översända förslaget till nämnderna för yttrande.",
])
def test_a_remittents_decision_to_ask_for_answers_is_no_answer(line):
    text = f"Tjänsteskrivelse\nDnr KS 2027/12\n\nRemiss av förslag till avfallsplan\n\n{line}\n"
    assert not is_own_answer(text)
    assert parse_missiv(text).sender_dnr == "KS 2027/12"


# a länsstyrelse's letter as pdftotext -layout gives it: the unit, the handläggare beside the addressee's column,
# the telephone below
LAYOUT_LETTER = """                                                                 REMISS                 1(2)
                                                                 Datum                  Beteckning
                                                                 2027-01-20             511-1234-2027
Samhällsbyggnadsenheten
Per Holm                                                         Nässjö kommun
010-223 60 00                                                    571 80 Nässjö

Remiss – Förslag till vattenskyddsområde för Ören

Länsstyrelsen i Jönköpings län remitterar förslag till vattenskyddsområde med föreskrifter. Synpunkter ska ha
kommit in till Länsstyrelsen senast den 15 mars 2027. Ange beteckning 511-1234-2027.
"""


def test_the_handlaggare_between_the_unit_and_the_telephone_of_a_letterhead_is_the_contact():
    result = parse_missiv(LAYOUT_LETTER)
    assert (result.contact_person, result.sender_dnr) == ("Per Holm", "511-1234-2027")


def test_an_addressee_over_a_postal_code_is_no_contact():
    text = LAYOUT_LETTER.replace("010-223 60 00", "Box 123      ").replace("Samhällsbyggnadsenheten", "Nässjö kommun")
    assert parse_missiv(text).contact_person is None


# a kommun's protokollsutdrag and yttrande: the body the answer is sent or addressed to is the remittent
EKSJO_PROTOKOLL = """EKSJÖ KOMMUN
Kommunstyrelsen
Protokollsutdrag 2024-03-20

§ 45 Yttrande över remiss av regional transportplan
Dnr KS 2024/0123

Beslut
Kommunstyrelsen beslutar att anta yttrandet som sitt eget och översända det till Region Jönköpings län.
"""
EKSJO_YTTRANDE = """Eksjö kommun
Yttrande
2024-03-20
Dnr KS 2024/0123

Region Jönköpings län

Yttrande över regional transportplan 2026–2037

Eksjö kommun har tagit del av förslaget och lämnar följande synpunkter. Eksjö kommun ser positivt på satsningarna.
"""


@pytest.mark.parametrize("text", [EKSJO_PROTOKOLL, EKSJO_YTTRANDE])
def test_the_body_an_answer_goes_to_is_the_remittent_never_the_writer(text):
    result = parse_missiv(text)
    assert (result.remittent, result.sender_dnr) == ("Region Jönköpings län", None)
    assert any("mottagaren av yttrandet" in w for w in result.warnings)


@pytest.mark.parametrize("line", ["Svar senast den 15 mars 2027. Svara genom att mejla kommunstyrelsen@nassjo.se.",
                                  "Svar senast den 15 mars 2027. Använd adressen kommunstyrelsen@nassjo.se när ni svarar."])
def test_the_answer_address_in_a_call_to_mail_it(line):
    text = LETTER.format(head="Nässjö kommun", body=line, sign="Anna Berg\nHandläggare\nanna.berg@nassjo.se")
    assert parse_missiv(text).answer_email == "kommunstyrelsen@nassjo.se"


def test_a_departments_number_in_an_answer_is_never_the_writers_own():
    text = ("Yttrande över promemorian Ändrade regler för kommunal redovisning\n\nDiarienummer: Fi2024/00456\n\n"
            "Tranås kommun har beretts tillfälle att yttra sig över promemorian.\n")
    assert parse_missiv(text).sender_dnr == "Fi2024/00456"


def test_a_missivs_section_yttrande_on_how_to_answer_is_no_answer():
    text = ("Länsstyrelsen i Hallands län\nDnr 511-1234-2027\n\nRemiss av förslag till naturreservat Ölmanäs\n\n"
            "Yttrande\nYttrandet ska vara Länsstyrelsen tillhanda senast den 15 mars 2027.\n")
    assert not is_own_answer(text)
    assert parse_missiv(text).sender_dnr == "511-1234-2027"


@pytest.mark.parametrize("label", ["Remissvar: registrator@nassjo.se", "Remissvar: Kommunstyrelsen, 571 80 Nässjö"])
def test_a_missivs_label_of_where_answers_go_is_no_answer(label):
    assert not is_own_answer(f"Nässjö kommun\nDnr KS 2027/12\n\nRemiss av avfallsplan\n\n{label}\n")


def test_a_remittents_page_listing_the_answers_received_is_no_answer():
    text = ("# Remiss av promemorian Ändrade regler för kommunal redovisning\n\n"
            + "Remissvaren ska ha kommit in till Finansdepartementet senast den 15 mars 2027. " * 12
            + "\n\nFrågor kan ställas till Anna Svensson, telefon 08-405 10 00.\n\n## Remissvar\n\n"
            "Yttrande över promemorian från Tranås kommun (pdf 120 kB)\n")
    assert not is_own_answer(text)
    assert parse_missiv(text).contact_person == "Anna Svensson"
