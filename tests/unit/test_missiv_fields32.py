"""Round 32 (h-fields32): the fields other than the title on letters of fresh9-, fresh12- and fresh13-holdout.

Each test holds the real lines of a letter whose field the parser missed before this round (the sets became
development material in round 32), cut to what the rule reads; the general cause is named in each test.
"""
from __future__ import annotations

from datetime import date

from remiss.missiv import parse_missiv
from remiss.missiv.dnr import find_sender_dnr
from remiss.missiv.own_answer import is_own_answer

# fresh12-holdout y16 (regeringen.se, Näringsdepartementet's remiss of Promemoria Återbostadisering, 2016)
RK_DNR_HYPHENS = (
    "Svaren bör lämnas både på papper och per e-post. Vi ser gärna att remissvaren även skickas i elektronisk form via "
    "e-post till n.registrator@regeringskansliet.se och marie.egerup@regeringskansliet.se i både word- och pdf-format. "
    "Vi skulle uppskatta om filnamnet är Regeringskansliets diarienummer (utan snedstreck), N2016-06713-PBB, följt av "
    "remissinstansens namn.\n\n"
    "Remissvaren ska ha kommit in till Näringsdepartementet **senast den 14 februari 2017**.\n"
)


def test_rk_number_written_with_hyphens_for_a_file_name_is_the_dnr():
    # Regeringskansliet's number with its slashes turned to hyphens (a file name carries no slash), after the cue and
    # an aside in brackets: the number is the remittent's, written as the letter writes it
    assert find_sender_dnr(RK_DNR_HYPHENS).value == "N2016-06713-PBB"


# fresh12-holdout y28 (mcf.se, 2026): Myndigheten för samhällsskydd och beredskap is Myndigheten för civilt försvar
# since 2026-01-01; the register had a wrong name and no domain for it
MCF = (
    "Remiss av Nationellt stöd: Beredskapsplanering av maritima olyckor med utsläpp av olja eller andra skadliga ämnen\n"
    "Nationell samordningsgrupp för oljeskadeskydd (NSO) har tagit fram förslag till ett nationellt stöd för "
    "beredskapsplanering som nu remitteras.\n"
    "Myndigheten för civilt försvar är sammanhållande av den nationella samordningsgruppen, där representanter från "
    "Kustbevakningen, Sveriges Kommuner och Regioner, Länsstyrelserna, Havs- och vattenmyndigheten, Naturvårdsverket "
    "och Transportstyrelsen ingår.\n"
    "Svara på remissen\n"
    "Skicka ditt svar med e-post eller brev till registrator@mcf.se senast den 7 maj. Märk ditt svar med diarienummer "
    "MCF 2026-02702.\n"
    "Svar på remissen lämnas senast den 7 maj 2026\n"
)


def test_myndigheten_for_civilt_forsvar_by_its_name_and_address():
    assert parse_missiv(MCF).remittent == "Myndigheten för civilt försvar"


# fresh13-holdout w22 (regeringen.se, 2015): the sentence opens with the day, the subject stands after "ska"
RK_DAY_FIRST = (
    "Här kan du ta del av till vilka instanser som regeringen har remitterat Lantmäteriets rapport: Förslag till "
    "normaltaxa för kommunala gatuavgifter.\n\n"
    "Den nu remitterade rapporten utgör Lantmäteriets redovisning av uppdraget.\n\n"
    "Senast den 25 november 2015 ska remissvaren inkommit till Näringsdepartementet.\n"
)


def test_remittent_after_ska_remissvaren_inkommit_till():
    assert parse_missiv(RK_DAY_FIRST).remittent == "Näringsdepartementet"


# fresh13-holdout w27 (regionsormland.se, 2024): a page's contact card with the unit on a line between the role and
# the telephone
CARD_WITH_UNIT = (
    "Region Sörmland är ansvarig för det regionala serviceprogrammet som syftar till att samordna insatser och aktörer "
    "i arbetet med att främja tillgänglighet till kommersiell service.\n\n"
    "Marcus Forss\n\n"
    "Strateg\n\n"
    "Näringsliv och arbetsmarknad\n\n"
    "0721-48 07 49\n\n"
    "Mellan oktober 2023 till och med februari 2024 har programmet varit ute på remiss.\n"
)


def test_contact_card_with_the_unit_between_role_and_telephone():
    assert parse_missiv(CARD_WITH_UNIT).contact_person == "Marcus Forss"


# fresh12-holdout y32 (Stockholms läns landsting's tjänsteutlåtande, 2006): the receiver's own answer names who gave
# it the chance to answer
BEREDD_MOJLIGHET = (
    "Landstingsstyrelsens förvaltning Forum för kunskap och gemensam utveckling Birger Forsberg TJÄNSTEUTLÅTANDE "
    "2006-01-19 LS 0511-2026 Yttrande över Folkhälsopolitisk rapport 2005 Ärendet Socialdepartementet har berett "
    "Stockholms läns landsting möjlighet att yttra sig över Folkhälsoinstitutets Folkhälsopolitisk rapport 2005 "
    "Förslag till beslut Landstingsstyrelsen föreslås besluta att som svar på remissen överlämna detta "
    "tjänsteutlåtande. Förvaltningens synpunkter Inledning Stockholms läns landsting välkomnar Folkhälsoinstitutets "
    "arbete med att sammanställa och publicera en Folkhälsopolitisk rapport 2005.\n"
)


def test_remittent_has_given_the_receiver_the_chance_to_answer():
    assert parse_missiv(BEREDD_MOJLIGHET).remittent == "Socialdepartementet"


# fresh12-holdout y02 (regionostergotland.se, 2019): the card's role is the title and its subject, "Processledare
# kulturplan"
CARD_ROLE_WITH_SUBJECT = (
    "Region Östergötland\n\n"
    "Kulturplan för Östergötland 2020-2023\n\n"
    "De 43 stycken yttranden som har inkommit går att ta del av via Region Östergötlands diarium, eller via kontakt med "
    "registrator; region@regionostergotland.se eller 010-103 00 00. \n\n"
    "Kontaktpersoner\n\n"
    "Bild på Jane Nilsson\n\n"
    "Jane Nilsson\n\n"
    "Processledare kulturplan\n\n"
    "010-103 68 74\n\n"
    "e-post\n"
)


def test_contact_card_whose_role_names_its_subject_after_the_title():
    assert parse_missiv(CARD_ROLE_WITH_SUBJECT).contact_person == "Jane Nilsson"


# fresh9-holdout k16 (hemab.se, 2015): "Nytt datum för inlämnande av skriftliga synpunkter" names the answer day
NYTT_DATUM_INLAMNANDE = (
    "Förlängd samrådstid vattenskyddsområde Bondsjön/Långsjön\n\n"
    "Nytt datum för inlämnande av skriftliga synpunkter på de föreslagna föreskrifterna är 27 mars 2015. "
    "Förlängningen görs efter önskemål från berörda.\n"
)


def test_new_date_for_handing_in_the_views_is_the_extension():
    result = parse_missiv(NYTT_DATUM_INLAMNANDE)
    assert (result.deadline, result.extension_to) == (date(2015, 3, 27), date(2015, 3, 27))


# fresh9-holdout k18 (lansstyrelsen.se/gavleborg's news feed, 2015): the item's time stamp after the sentence that
# names the answer day is no answer day
FEED_TIME_STAMP = (
    "Förslag till beslut och skötselplan för Orarnas naturreservat i Gävle kommun är ute på remiss fram till den "
    "22 januari 2016. 2015-11-20 14:05:54\n"
)


def test_a_feed_time_stamp_after_the_answer_day_is_not_the_deadline():
    assert parse_missiv(FEED_TIME_STAMP).deadline == date(2016, 1, 22)


# fresh13-holdout w17 (regeringen.se, 2023): the page's slip "dg" for "dag"
SISTA_DG = (
    "Här kan du ta del av till vilka instanser som regeringen har remitterat SOU 2023:82 Ökad kontroll över "
    "tandvårdssektorn.\n\n"
    "Sista dg att svara på remissen är den 14 april 2024.\n"
)


def test_last_day_written_dg_is_the_deadline():
    assert parse_missiv(SISTA_DG).deadline == date(2024, 4, 14)


# fresh13-holdout w18 (regeringen.se, Transportstyrelsen's utredning, 2017): a numbered list whose entry has its
# sections as indented bullets below it
NUMBERED_WITH_PARTS = (
    "## Remissinstanser:\n\n"
    "1. Riksdagens ombudsmän (JO)\n"
    "2. Hovrätten för Västra Sverige\n"
    "3. Örebro tingsrätt\n"
    "4. Swedish Association for Testing, Inspection and Certification\n"
    "    - Swetic Sektion Fordonsbesiktning\n"
    "    - Swetic TK Lyft\n"
    "5. Svenska Taxiförbundet\n"
    "6. Trafikförsäkringsföreningen\n\n"
    "I remissen ligger att regeringen vill ha synpunkter på förslagen eller materialet i utredningen.\n"
)


def test_indented_bullets_under_a_numbered_entry_are_no_entries_of_their_own():
    assert parse_missiv(NUMBERED_WITH_PARTS).sandlista == [
        "Riksdagens ombudsmän (JO)", "Hovrätten för Västra Sverige", "Örebro tingsrätt",
        "Swedish Association for Testing, Inspection and Certification", "Svenska Taxiförbundet",
        "Trafikförsäkringsföreningen"]


# fresh12-holdout y31 (a village's news page relaying Länsstyrelsen i Dalarnas län, 2018): the kommun is named only
# as the place of the naturreservat, and does not tie with the länsstyrelse that drew up the proposal
PLACE_AND_SENDER = (
    "Nyheter från Sollerön: Förslag till beslut för naturreservat vid Agnmyren\n\n"
    "Förslag till beslut för naturreservat vid Agnmyren\n"
    "Länsstyrelsen i Dalarnas län har utarbetat ett förslag till beslut, samt skötselplan\n"
    "för Agnmyrens naturreservat i Mora kommun.\n"
    "Beslut om naturreservat med föreskrifter fattas av landshövdingen i Dalarnas\n"
    "län.\n"
)


def test_a_kommun_named_only_as_the_place_does_not_tie_with_the_sender():
    assert parse_missiv(PLACE_AND_SENDER).remittent == "Länsstyrelsen i Dalarnas län"


# fresh2-holdout g04 (Region Skåne's page, 2020): the länsstyrelse named only among the remissinstanser is no sender
# when the region is named only as a place: the field stays empty
PLACE_AND_LISTED = (
    "Remissvar - Region kulturplan för Skåne 2021-2024\n\n"
    "Formella remissinstanser för Regional kulturplan för Skåne 2021-2024 var de skånska kommunerna, Länsstyrelsen i "
    "Skåne län, Skånes Kommuner samt politiska nämnder inom Region Skåne.\n"
)


def test_a_body_named_only_among_several_does_not_win_over_a_place():
    assert parse_missiv(PLACE_AND_LISTED).remittent is None


# fresh12-holdout y05 (Arboga kommun's tjänsteskrivelse on Ds 2015:53, a PDF's transcript): "lämnar följande
# yttrande" makes it the writer's own answer, and the kommun it names most often is the writer, not the remittent
OWN_ANSWER_GIVES = (
    "1 ARBOGA KOMMUN Komm unstyrelseförvaltningen Kanslichef, Ylva Petersson ylva. arboga. se TJÄNSTESKRIVELSE Datum "
    "Departementspromemorian regionalt utvecklingsansvar i Uppsala, Västmanlands, Västernorrlands och Norrbottens län "
    "(Ds 2015:53) Arboga kommun lämnar följande yttrande på remiss av Departementspromemorian regionalt "
    "utvecklingsansvar i Uppsala, Västmanlands, Västernorrlands och Norrbottens län. Arboga kommun anser att "
    "förslaget är bra.\n"
)


def test_lamnar_foljande_yttrande_is_the_writers_own_answer():
    assert is_own_answer(OWN_ANSWER_GIVES)
    assert parse_missiv(OWN_ANSWER_GIVES).remittent is None


# ext-dev3 y04 (regeringen.se, 2022): the government extends an uppdrag; the myndighet that carries it out is named
# most often, but it sends nothing
UPPDRAG_EXTENDED = (
    "Regeringen förlänger tiden för uppdraget till Folkhälsomyndigheten att genomföra en pilotstudie angående "
    "tillgänglighet till vissa antibiotika (S2018/03920).\n\n"
    "Folkhälsomyndigheten ska i stället lämna en delredovisning senast den 31 december 2022 och en slutredovisning "
    "senast den 31 maj 2023.\n\n"
    "Regeringen gav den 28 juni 2018 Folkhälsomyndigheten i uppdrag att genomföra en pilotstudie angående "
    "tillgänglighet till vissa antibiotika.\n"
)


def test_the_receiver_of_a_regeringsuppdrag_is_no_remittent():
    assert parse_missiv(UPPDRAG_EXTENDED).remittent is None
