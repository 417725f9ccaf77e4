"""Round 17 (h-parse17): the fields other than the title, on development letters of fresh11 and fresh4.

Each test quotes the lines of a development text (set and id named) of tests/data/missiv/fresh; the guards quote
letters where the same words must not change a field.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.contact import name_from_address
from remiss.missiv.dnr import find_sender_dnr
from remiss.missiv.fields import EMAIL_RE, find_emails

# fresh11-holdout z31: a docplayer transcript of a Justitiedepartementet missiv; the unit's number ends the dnr
_Z31 = ("1 Remiss Ju2003/3545/L1 Justitiedepartementet Enheten för fastighetsrätt och associationsrätt Patrik Skogh "
        "Telefon E-post E-postadress m.m. i vissa register Remissinstanser: 1. Datainspektionen 2. Stockholms "
        "handelskammare Remissvaren i tre exemplar skall vara inkomna till Justitiedepartementet senast den 5 mars Vi är "
        "mycket tacksamma om Ni även skickar Ert remissvar med e-post till Ange dnr Ju2003\n")


def test_an_old_regeringskansliet_number_ends_in_the_unit_and_its_number() -> None:
    assert parse_missiv(_Z31).sender_dnr == "Ju2003/3545/L1"


def test_a_newer_regeringskansliet_number_with_a_unit_is_read_as_before() -> None:
    # fresh10-holdout k23: "Diarienummer: N2015/4305/TIF"
    assert find_sender_dnr("Remiss av Trafikverkets inriktningsunderlag Diarienummer: N2015/4305/TIF\n\n"
                           "Publicerad\n").value == "N2015/4305/TIF"


# fresh11-holdout z29 (Spelinspektionen): the next sentence runs into the date, the number is year, unit and number
_Z29 = ("Skriftliga synpunkter på förslagen lämnas till Spelinspektionen via e-post till registrator@spelinspektionen.se "
        "senast den 5 april 2023Ange diarienummer 22Si904. Vi ser gärna att synpunkterna skickas in i Word-format.\n")


def test_a_number_of_year_unit_and_number_in_mixed_case_after_its_cue() -> None:
    found = parse_missiv(_Z29)
    assert (found.sender_dnr, found.deadline.isoformat()) == ("22Si904", "2023-04-05")


def test_a_number_and_an_address_end_where_a_glued_word_begins() -> None:
    # fresh-dev f05's heading line and extra x07's answer lines, with the break to the next paragraph lost in a copy
    assert find_sender_dnr("# Remiss av Höjd fastighetsskatt för vindkraftverkDiarienummer: Fi2025/00114Här kan "
                           "du ta del av").value == "Fi2025/00114"
    assert find_emails("Skicka ditt svar till Länsstyrelsen via e-post.\nE-post: jonkoping@lansstyrelsen.seSvaret "
                       "behöver skickas senast den 22 juni 2022.")[0] == "jonkoping@lansstyrelsen.se"
    # an address written in capitals keeps its domain
    assert EMAIL_RE.search("Svar till REGISTRATOR@KOMMUN.SE senast").group() == "REGISTRATOR@KOMMUN.SE"


# fresh11-holdout z22 (Vadstena): "före den" as the answer's last day
_Z22 = ("Kommunen vill gärna ha in synpunkter på förslaget till Fritid- och friluftsplan och bjuder därför in enskilda, "
        "föreningar, företag, organisationer att lämna synpunkter före den 25 februari 2019.\n\nEra synpunkter är "
        "värdefulla och kommunen välkomnar förslag på förbättringar.\n")


def test_synpunkter_before_a_day_give_the_deadline() -> None:
    assert parse_missiv(_Z22).deadline.isoformat() == "2019-02-25"


def test_a_plan_to_be_adopted_before_a_day_gives_no_deadline() -> None:
    # fresh4-holdout h27 (MSB): the day the kommunernas handlingsprogram must be adopted by, not an answer's day
    text = ("Handlingsprogram enligt de nya kraven ska enligt lagen\nvara antagna före den 1 januari 2022.\n\n"
            "Information om förändringarna i lagen om skydd mot olyckor på MSB:s webbplats.\n")
    assert parse_missiv(text).deadline is None


# fresh11-holdout z11 (Länsstyrelsen Gotland): the instruction names no address; the block right below gives it
_Z11 = ("– Bevarandeplanen tas fram och hålls aktuell i dialog med berörda intressenter. Det är därför värdefullt att "
        "den som har information om området kontaktar oss på länsstyrelsen, säger Emelie Nilsson, Naturvårdshandläggare "
        "vid länsstyrelsen.\n\nSynpunkter på remissen skickas senast den 22 november 2021 per post eller e-post.\n\n"
        "Emelie Nilsson\nNaturvårdsenheten\nLänsstyrelsen i Gotlands Län\nVisborgsallén 4, 621 85 Visby\n\n"
        "E-post: emelie.i.nilsson@lansstyrelsen.se\n\nKontakt\n\nLandshövding\n\nAnders Flanking\n")


def test_the_address_block_below_a_by_mail_instruction_gives_the_answer_address_and_contact() -> None:
    found = parse_missiv(_Z11)
    assert (found.answer_email, found.contact_person) == ("emelie.i.nilsson@lansstyrelsen.se", "Emelie Nilsson")


def test_a_personal_address_in_a_contact_block_far_from_any_instruction_is_no_answer_address() -> None:
    # fresh4-holdout h29 (Elsäkerhetsverket): a Kontakt block, no instruction above it
    text = ("Du kan läsa mer om bakgrunden till förslaget i konsekvensutredningen.\n\nKontakt\n\nKarin Sjöberg\n\n"
            "Avdelningschef\nTelefon: 010-168 05 92\nE-post: karin.sjoberg@elsakerhetsverket.se\n")
    assert find_emails(text)[0] is None


def test_a_middle_initial_in_the_address_names_the_person() -> None:
    assert name_from_address("säger Emelie Nilsson, Naturvårdshandläggare",
                             ["emelie.i.nilsson@lansstyrelsen.se"])[0] == "Emelie Nilsson"


# fresh11-holdout z21: a nämnd's agenda item; "Dnr" and "Handläggare" below it are the receiving nämnd's own
_Z21 = ("Din position: Hem > Stockholms stad > Äldrenämnden > Sammanträde 2013-05-21\n\n"
        "10 Motion 2013:26 av Kaj Nordqvist om införandet av en GLMS-fri (gluten, laktos, mjölkprotein och soja) dag "
        "årligen den 15 maj\n\nRemiss från kommunstyrelsen, dnr 329-384/2013, för yttrande senast 2013-05-24\n"
        "Dnr 201-194/2013\nHandläggare: Annica Dominius Tel. 508 36 237\n\nOmedelbar justering\n")


def test_the_receiving_namnds_handlaggare_is_no_contact_person() -> None:
    found = parse_missiv(_Z21)
    assert (found.sender_dnr, found.contact_person) == ("329-384/2013", None)
    assert any("Annica Dominius står som handläggare vid ett annat diarienummer" in w for w in found.warnings)


def test_the_number_tied_to_the_remiss_wins_wherever_it_stands() -> None:
    # the same lines with the nämnd's own number above the item, as a tjänsteutlåtande's letterhead puts it
    text = ("Dnr 201-194/2013\nHandläggare: Annica Dominius Tel. 508 36 237\n\n10 Motion 2013:26 av Kaj Nordqvist\n\n"
            "Remiss från kommunstyrelsen, dnr 329-384/2013, för yttrande senast 2013-05-24\n")
    found = parse_missiv(text)
    assert (found.sender_dnr, found.contact_person) == ("329-384/2013", None)


def test_a_handlaggare_beside_the_letters_only_number_stays_the_contact() -> None:
    # a letterhead as a kommun writes it (lines made for this test): one number, its handläggare is the remittent's
    text = ("Remiss\nDnr KS 2026/123\nHandläggare: Anna Berg\n\nKommunstyrelsen remitterar förslaget. Svar ska ha "
            "kommit in senast den 15 mars 2027.\n")
    assert parse_missiv(text).contact_person == "Anna Berg"


# fresh4-holdout h44 (LRF Gävleborg's news item): three authors, one of them no public body
_H44 = ("Länsstyrelsen Gävleborg, Region Gävleborg och LRF Gävleborg har tagit fram ett förslag till handlingsplan för "
        "Sveriges livsmedelsstrategi. Handlingsplanen går nu ut på remiss och du har möjlighet att lämna synpunkter. "
        "Dina synpunkter ska ha kommit in till rg@regiongavleborg.se senast 26 oktober 2018. Märk e-posten med Dnr RS "
        "2018/887.\n")


def test_three_joint_authors_leave_the_remittent_to_a_person() -> None:
    found = parse_missiv(_H44)
    assert found.remittent is None
    assert any(w.startswith("Flera organ står bakom remissen (Länsstyrelsen i Gävleborgs län, Region Gävleborg och "
                            "LRF Gävleborg)") for w in found.warnings)


def test_two_myndigheter_together_stay_joint() -> None:
    # dev d39: "Naturvårdsverket och Skogsstyrelsen ger härmed möjlighet …"
    text = ("Naturvårdsverket och Skogsstyrelsen ger härmed möjlighet att lämna synpunkter på förslaget. Svar ska ha "
            "kommit in senast den 1 mars 2027.\n")
    assert parse_missiv(text).remittent == "Naturvårdsverket och Skogsstyrelsen"


def test_a_regeringen_se_page_names_its_department_in_the_genre_line() -> None:
    # ext-dev3 y01: "Regeringsuppdrag från Socialdepartementet" above a page that names Folkhälsomyndigheten three times
    text = ("Regeringsuppdrag från Socialdepartementet\n\nÄndring av uppdraget att löpande uppdatera scenarier för hur "
            "smittspridningen av det virus som orsakar sjukdomen covid-19 kan komma att utvecklas framöver Diarienummer: "
            "S2021/05258\n\nPublicerad\n\nRegeringen förlänger tiden för uppdraget till Folkhälsomyndigheten att löpande "
            "uppdatera myndighetens scenarier.\n\nFolkhälsomyndigheten ska fortfarande uppdatera scenarierna varannan "
            "månad.\n\nUppdragstiden förlängs. Folkhälsomyndigheten ska i stället lämna en slutredovisning senast den 31 "
            "december 2022 till Regeringskansliet.\n")
    assert parse_missiv(text).remittent == "Socialdepartementet"


def test_a_forward_note_naming_the_remiss_and_its_sender_is_no_genre_line() -> None:
    # fresh5-holdout n01: a forwarder's note that names the remiss and its department in one sentence
    from remiss.missiv.remittent import _rk_letterhead
    from remiss.missiv.bodies import find_bodies
    text = "Hej!\n\nRemiss från Näringsdepartementet om planprocessen, kan du diarieföra och skicka till samhällsbyggnad?\n"
    assert _rk_letterhead(text, find_bodies(text)) is None


def test_a_numbered_list_run_into_the_transcripts_paragraph_is_the_sandlista() -> None:
    # fresh11-holdout z31: the list runs from "Remissinstanser: 1." to the answer's instruction
    text = ("1 Remiss Ju2003/3545/L1 Justitiedepartementet E-postadress m.m. i vissa register Remissinstanser: "
            "1. Datainspektionen 2. Stockholms handelskammare 3. Finansinspektionen 4. Ekonomistyrningsverket "
            "5. Skatteverket 6. Kronofogdemyndigheten 7. Konkurrensverket 8. Konsumentverket 9. Bolagsverket "
            "10. Regelrådet 11. Tillväxtverket 12. Juridiska fakultetsnämnden vid Stockholms universitet 13. Sveriges "
            "advokatsamfund 14. Svenska Handelskammarförbundet 15. Svenskt Näringsliv 16. Företagarna 17. Lantbrukarnas "
            "Riksförbund 18. FöretagarFörbundet 19. Näringslivets Regelnämnd 20. Sveriges Försäkringsförbund 21. Svenska "
            "Bankföreningen Remissvaren i tre exemplar skall vara inkomna till Justitiedepartementet senast den 5 mars\n")
    names = parse_missiv(text).sandlista
    assert (len(names), names[0], names[11], names[-1]) == (
        21, "Datainspektionen", "Juridiska fakultetsnämnden vid Stockholms universitet", "Svenska Bankföreningen")


def test_a_numbered_list_the_copy_cuts_off_gives_no_sandlista_and_says_so() -> None:
    # extra x01 (an OCR'd Socialdepartementet missiv): the stored copy ends inside the list, after name 23 of more
    text = ("Os 2014:19 Statlig ersättning till barn och unga som insjuknat i narkolepsi efter pandemivaccinering "
            "Remissinstanser: 1. Riksdagens ombudsmän GO) 2. Riksrevisionen 3. Hovrätten över Skåne och Blekinge "
            "4. Kammarrätten i Göteborg 5. Stockholms tingsrätt 6. Förvaltningsrätten i Stockholm 7. "
            "Justitiekanslern (JK) 8. Barnombudsmannen (BO) 9. Datainspektionen 10. Ekonomistyrningsverket (ESV) "
            "11. Folkhälsomyndigheten 12. Försäkringskassan 13. Inspektionen för vård och omsorg (IVO) 14. "
            "Kammarkollegiet 15. Läkemedelsverket 16. Myndigheten för delaktighet 17. Myndigheten för "
            "samhällsskydd och beredskap (MSB) 18. Myndigheten för vårdanalys 19. Regelrådet 20. Riksrevisionen "
            "21. Skolinspektionen 22. Skolverket 23. Socialstyrelsen")
    found = parse_missiv(text)
    assert found.sandlista == []
    assert "Sändlistan är avskuren i texten; fyll i remissinstanserna för hand." in found.warnings


def test_a_flattened_letterhead_names_the_handlaggare_before_its_labels() -> None:
    # fresh11-holdout z31: department, unit, the handläggare, then the labels "Telefon E-post" of the letterhead
    assert parse_missiv(_Z31).contact_person == "Patrik Skogh"
