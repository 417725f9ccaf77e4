"""Round 22 (h-parse22): fresh14-dev's misses as general rules, each from the real letter's text.

Addresses written against harvesters ("namn(at)domän.se"), a date with a two-digit year read only where the text
makes the year certain, and an answer verb whose "till" follows an aside in brackets.
"""
from __future__ import annotations

from datetime import date

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.dates import find_dates, uncertain_short_dates

# Miljödepartementet's kungörelse as MKG relays it (fresh14-dev x14)
KUNGORELSE = (
    "Här får du hjälp med att skriva dina synpunkter till regeringen\n\n"
    "Regeringen har kungjort kärnavfallsbolagets komplettering om kopparkorrosion i prövningen om ett "
    "kärnbränsleförvar. Kungörelsens syfte är att ge allmänheten information och möjlighet att inkomma med "
    "synpunkter senast den 17 juni 2020. \n\n"
    "Hit skickar du dina synpunkter:\nSynpunkter ska skickas skriftligen till:\nMiljödepartementet\n103 33 Stockholm\n\n"
    "eller till:\nm.registrator(at)regeringskansliet.se\n\n"
    "Ange både diarienummer M2018/00217/Me (ansökan enligt miljöbalken) och M2018/00221/Ke (ansökan enligt "
    "kärntekniklagen). Sista datum för inlämning av synpunkter är den 17 juni 2020.\n"
)


def test_an_address_written_with_at_in_brackets_is_the_answer_address():
    result = parse_missiv(KUNGORELSE)
    assert result.answer_email == "m.registrator@regeringskansliet.se"
    # the evidence shows the address as the letter writes it
    assert [e.text for e in result.evidence if e.field == "answer_email"] == ["m.registrator(at)regeringskansliet.se"]


@pytest.mark.parametrize("written", ["kansli[at]nacka.se", "kansli (at) nacka.se", "kansli(AT)nacka.se"])
def test_the_other_ways_of_hiding_the_at_sign_are_read_too(written):
    result = parse_missiv(f"Remiss av ny avfallsplan\n\nSvaren skickas senast den 1 mars 2027 till {written}.\n")
    assert result.answer_email == "kansli@nacka.se"


def test_at_in_brackets_without_a_domain_is_no_address():
    result = parse_missiv("Remiss av ny avfallsplan\n\nSvaren skickas till kansliet (at) kommunhuset.\n")
    assert result.answer_email is None


def test_a_kungorelse_names_its_matter_after_har_kungjort():
    assert parse_missiv(KUNGORELSE).title == ("Kärnavfallsbolagets komplettering om kopparkorrosion i prövningen om "
                                              "ett kärnbränsleförvar")


def test_a_lansstyrelse_that_kungor_something_in_a_weekly_list_names_no_matter():
    text = ("Kungörelser vecka 22\n\nLänsstyrelsen har beslutat om upphävande av vattenskyddsområde i Umeå kommun. "
            "Länsstyrelsen kungör slutlig sammanräkning av val till Europaparlamentet den 9 juni 2024.\n")
    assert parse_missiv(text).title is None


# Region Dalarna's page (fresh14-dev x10): the period 2022-2028 and "våren 2022" make "22-03-25" 25 March 2022
DALARNA = (
    "Strategi för hållbar smart specialisering i Dalarna\n\n"
    "Ny strategi för smart specialisering ute på remiss\n\n"
    "Under våren 2022 är den nya strategin: \"En nyskapande och innovativ region - Strategi för hållbar smart "
    "specialisiering i Dalarna 2022-2028\" ute på remiss. Underlag finns under dokument här på sidan. \n\n"
    "Svarsmall för remiss skickas in senast 22-03-25 till:\nruf.registrator@regiondalarna.se. \n"
    "Ange diarienummer RD20/02951 i ämnesraden.\n"
)


def test_a_two_digit_year_is_read_when_the_text_writes_the_year_in_full():
    result = parse_missiv(DALARNA)
    assert result.deadline == date(2022, 3, 25)
    assert result.answer_email == "ruf.registrator@regiondalarna.se"


def test_a_two_digit_year_the_text_does_not_settle_is_left_empty_with_a_warning():
    # no full year at all, and a full year that also fits the reverse reading (22 March 2025)
    for text in ("Remiss av plan\n\nSvarsmall skickas in senast 22-03-25 till a@b.se.\n",
                 "Remiss av plan 2022–2025\n\nSvarsmall skickas in senast 22-03-25 till a@b.se.\n"):
        result = parse_missiv(text)
        assert result.deadline is None
        assert any("22-03-25 har tvåsiffrigt årtal" in w for w in result.warnings)


def test_a_telephone_number_or_an_iso_day_is_no_two_digit_date():
    assert [d.kind for d in find_dates("ring 08-12-34-56 år 2008")] == []
    assert [(d.year, d.month, d.day) for d in find_dates("senast 2022-03-25")] == [(2022, 3, 25)]
    assert uncertain_short_dates("senast 2022-03-25") == []


# Västra Götalandsregionen's page (fresh14-dev x08)
BIBLIOTEKSPLAN = (
    "Ny regional biblioteksplan 2024–2027\n\n"
    "Nu går det att lämna in remissvar på den regionala biblioteksplanen för åren 2024–2027. Sista dag att lämna in "
    "ett svar är den 8 december.\n\n"
    "Gör så här\n\nRemissversion av Regional biblioteksplan 2024–2027\n\n"
    "Svaret skickas in i wordformat (döpt med er organisations namn) till kultur@vgregion.se. Ange diarienummer "
    "KUN 2023-00595 och organisationens namn i ämnesraden. \n\n"
    "Svar på remissen ska inkomma senast den 8 december 2023.  \n"
)


def test_an_aside_in_brackets_between_the_verb_and_till_keeps_the_answer_address():
    assert parse_missiv(BIBLIOTEKSPLAN).answer_email == "kultur@vgregion.se"


# Svenska kraftnät's page (fresh14-dev x02): the only person named sends out paper copies
KRAFTNAT = (
    "Underlag för kompletterande samråd vid Rudalund och Köksmåla\n\n"
    "Svenska kraftnät vill nu gärna få era synpunkter på de alternativa sträckningar som redovisas i "
    "samrådsunderlagen. Vänligen sänd oss era synpunkter senast den 5 april 2018.\n\n"
    "Ta del av samrådsunderlagen\n\nSamrådsunderlagen finns också publicerade på vår webbplats, under sidan dokument "
    "och kartor.\n\nDu hittar samrådsunderlagen här\n\n"
    "Önskar ni ett utskrivet exemplar skickat till er vänligen kontakta Joel Nylin,\n"
    "tel: 010-475 83 31 eller e-post: joel.nylin@svk.se.\n\n"
    "Skicka era synpunkter senast 5 april\n\n"
    "Vi vill gärna få era synpunkter på de alternativa sträckningar som redovisas i samrådsunderlagen. Vänligen sänd "
    "oss era synpunkter senast den 5 april 2018. De kan skickas antingen via post eller\n"
)


def test_a_person_to_contact_only_for_paper_copies_is_no_contact_person_but_a_warning():
    result = parse_missiv(KRAFTNAT)
    assert result.contact_person is None
    assert result.answer_email is None  # the copies' address is no answer address either
    assert any(w.startswith("Joel Nylin nämns bara som den som skickar ut utskrivna exemplar") for w in result.warnings)


def test_a_person_to_contact_with_questions_and_for_copies_stays_the_contact_person():
    text = KRAFTNAT.replace("Önskar ni ett utskrivet exemplar skickat till er vänligen kontakta",
                            "Vid frågor eller för ett utskrivet exemplar, kontakta")
    assert parse_missiv(text).contact_person == "Joel Nylin"
