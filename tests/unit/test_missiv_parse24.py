"""Round 24 (h-parse24): rules that make the parser more cautious where its cue is weak, each from real text.

A body the text names only as a place ("… i Västra Götalandsregionen") or as a pasted link's site ("| Länsstyrelsen
Kalmar (lansstyrelsen.se)") is not taken as the remittent by a count of names: empty, with a warning.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv

# Vårdsamverkan's page on the region's and kommunernas färdplan (fresh3-dev g10): the region only as a place
FARDPLAN = (
    "Remiss Färdplan - Länsgemensam strategi för god och nära vård\n\n"
    "Färdplan - Länsgemensam strategi för god och nära vård är ute på remiss. Här kan du läsa förslaget och hur "
    "remissinstanserna kan lämna synpunkter samt ta del av annan information om remissprocessen.\n\n"
    "Så svarar remissinstanserna\n\n"
    "Berörda nämnder och styrelser i Västra Götalandsregionen och samtliga kommuner i Västra Götaland lämnar "
    "remissvar senast 31 december 2021 i det webbformulär som finns på den här webbsidan.\n\n"
    "Lämna ett samlat svar från respektive kommun samt berörda remissinstanser i Västra Götalandsregionen.\n"
)

# A kommun's business page relaying two länsstyrelser's consultations (fresh8-dev u12): one only as a link's label
FISKEREGLER = (
    "Fiskefredningsområden och fiskeregler\n\n"
    "Det finns möjlighet att yttra sig över fiskefredningsområden och fiskeregler.\n\n"
    "Östergötlands län: https://www.lansstyrelsen.se/ostergotland/om-oss/nyheter-och-press/nyheter—ostergotland/"
    "2020-12-22-fiskeregler-langs-mellersta-ostersjon-ska-uppdateras—du-kan-tycka-till.html\n\n"
    "Kalmar län: Fiskeregler längs mellersta Östersjön ska uppdateras – du kan tycka till | Länsstyrelsen Kalmar "
    "(lansstyrelsen.se)\n\n"
    "Bor du i Östergötlands län skall svara vara inne senast den 20 januari, bor du i Kalmar län skall svar vara "
    "inne den 24 januari.\n\n"
    "Med vänlig hälsning\n\n"
    "Carl Hamilton, Skärgårdsutvecklare\n"
)

# Stenungsunds kommun relaying the region's plan (fresh8-dev u13): the region says it drew the plan up
TRANSPORTPLAN = (
    "Regional plan för transportinfrastruktur\n\n"
    "Västra Götalandsregionen har tagit fram ett förslag på regional plan för transportinfrastrukturen 2018–2029. "
    "Du kan lämna synpunkter på förslaget.\n\n"
    "Planförslaget och MKB:n är ute på remiss. Du kan lämna synpunkter fram till den 6 oktober.\n\n"
    "Materialet och kontaktuppgifter finns på Västra Götalandsregionens webbplats:\n"
)

# Region Skåne's page (fresh14-dev x09): "i Region Skånes kulturnämnd" names a part of the region, not a place
BIBLIOTEKSPLAN = (
    "Arbete med ny Regional biblioteksplan för Region Skåne 2022-2025: remissvar\n\n"
    "Utkastet skrevs i samarbete mellan Region Skånes kulturförvaltning, som bedriver regional biblioteksverksamhet, "
    "och sjukhusbiblioteken.\n\n"
    "Utkastet till den regionala biblioteksplanen kommer antogs den 24 juni i Region Skånes kulturnämnd, respektive "
    "hälso- och sjukvårdsnämnd och gick därefter ut på remiss fram till den 1 oktober.\n"
)


def test_a_body_named_only_as_the_place_of_the_consultees_is_not_the_remittent():
    result = parse_missiv(FARDPLAN)
    assert result.remittent is None
    assert any("Västra Götalandsregionen bara i förbigående" in w for w in result.warnings)


def test_a_body_named_only_as_a_pasted_links_site_is_not_the_remittent():
    result = parse_missiv(FISKEREGLER)
    assert result.remittent is None
    assert any("Länsstyrelsen i Kalmar län bara i förbigående" in w for w in result.warnings)


def test_a_body_that_says_it_drew_the_proposal_up_stays_the_remittent():
    assert parse_missiv(TRANSPORTPLAN).remittent == "Västra Götalandsregionen"


def test_a_bodys_genitive_after_i_is_no_place():
    assert parse_missiv(BIBLIOTEKSPLAN).remittent == "Region Skåne"


# Länsstyrelsen Kronoberg's list of proposed reservat, with one item (ext-dev x18)
RESERVAT = (
    "Föreslagna och beslutade reservat\n\n"
    "Här presenteras förslag till nya naturreservat samt utökningar, förändringar i föreskrifter och skötselplaner "
    "för befintliga naturreservat. Du hittar även nyligen beslutade naturreservat här.\n\n"
    "Föreslagna reservat\n\n"
    "Utökning av naturreservatet Hallaböke i Älmhults kommun\n\n"
    "Länsstyrelsen planerar att utöka naturreservat Hallaböke enligt framtagna handlingar och kartor.\n\n"
    "Förslag till beslut om utökat naturreservat Hallaböke Pdf, 499 kB.\n\n"
    "Möjlighet att yttra sig i ärendet fanns till och med den 22 maj 2023.\n"
)

# Regionala cancercentrum's page on its remiss rounds (ext-dev x21): prose under the introduction, the page is the matter
VARDPROGRAM = (
    "Vårdprogram och SVF på remiss\n\n"
    "Här hittar du alla vårdprogram och vårdförlopp (SVF) som är eller har varit på remiss, men som ännu inte är "
    "fastställda.\n\n"
    "Svarstiden för den pågående remissrundan har förlängts till den 15 februari 2021. Orsaken är "
    "covid-19-pandemins påverkan på vården.\n\n"
    "Regionala cancercentrum har fyra remissrundor per år. Då publiceras remissversioner av aktuella vårdprogram på "
    "denna sida.\n\n"
    "Aktuell remissrunda för vårdprogram och SVF, till samtliga remissinstanser\n\n"
    "Remissrundan riktar sig till professionen och patientföreningarna samt till regionerna.\n"
)


def test_a_list_pages_heading_is_not_the_title_of_the_item_under_it():
    assert parse_missiv(RESERVAT).title == "Utökning av naturreservatet Hallaböke i Älmhults kommun"


def test_a_list_page_that_goes_on_in_prose_keeps_its_heading():
    assert parse_missiv(VARDPROGRAM).title.startswith("Vårdprogram och SVF")


# A region's notice in the layout of ext-dev2 b28 (a built notice), its answer address left out and a länsstyrelse
# named once: one name each, so no count decides; the signature names the sender
NARINGSLIV = (
    "Till kommunerna i Jämtlands län\n\n"
    "Svarsdatumet för remissen Näringslivsstrategi för Jämtlands län flyttas från 2027-02-26 till 2027-03-19 på "
    "grund av sportlovsveckorna. Strategin har tagits fram i samråd med Länsstyrelsen i Jämtlands län.\n\n"
    "Märk svaret med RJH 2026/1990.\n\n"
    "Vänliga hälsningar\n"
    "Malin Ås\n"
    "Regional utveckling, Region Jämtland Härjedalen\n"
)

# dev d12-quoted: a registrator forwards a department's notice as a quoted mail below her own signature
FORWARDED = (
    "Hej!\n\n"
    "Se nedan, kan du registrera remissen?\n\n"
    "Hälsningar\n"
    "Kim Lindqvist\n"
    "Växjö kommun\n\n"
    "Vidarebefordrat brev:\n\n"
    "> Från: Sofia Nyström <sofia.nystrom@remittent.example.se>\n"
    "> Ämne: Förlängd svarstid – Avgifter vid återköp och flytt av fond- och depåförsäkringar\n"
)


def test_the_signature_names_the_remittent_where_no_count_decides():
    result = parse_missiv(NARINGSLIV)
    assert result.remittent == "Region Jämtland Härjedalen"
    assert any("brevhuvudet eller underskriften" in w for w in result.warnings)


def test_a_forwarders_signature_above_a_quoted_mail_names_no_remittent():
    from remiss.missiv.bodies import find_bodies
    from remiss.missiv.remittent_passing import signature_body

    assert signature_body(FORWARDED, find_bodies(FORWARDED)) is None


# regeringen.se's remiss page (a labelled "# Remiss av …" heading names itself)
LABELLED = (
    "# Remiss av promemorian Avgifter vid återköp och flytt av fond- och depåförsäkringar\n\n"
    "Här kan du ta del av remissinstansernas yttranden som inkommit till Finansdepartementet gällande promemorian "
    "Avgifter vid återköp och flytt av fond- och depåförsäkringar.\n"
)
HEADLINE_WARNING = "Ärendemeningen togs från textens rubrik; kontrollera att den namnger ärendet."


def test_a_title_read_from_a_pages_headline_carries_a_warning():
    result = parse_missiv(TRANSPORTPLAN)
    assert result.title == "Regional plan för transportinfrastruktur"
    assert HEADLINE_WARNING in result.warnings


def test_a_title_the_letter_labels_carries_no_headline_warning():
    result = parse_missiv(LABELLED)
    assert result.title == "Avgifter vid återköp och flytt av fond- och depåförsäkringar"
    assert HEADLINE_WARNING not in result.warnings


# regeringen.se's remiss page of SOU 2019:9 (fresh8-dev v01): "Regeringskansliet" and no department
INITIATIVRATT = (
    "# Remiss av SOU 2019:9 Privat initiativrätt – Planintressentens medverkan vid detaljplaneläggning\n\n"
    "Här kan du ta del av svaren från dem som har ombetts att svara på remissen Privat initiativrätt – "
    "Planintressentens medverkan vid detaljplaneläggning, SOU 2019:9. Övriga yttranden finns tillgängliga i "
    "departementet.\n\n"
    "Remissvaren ska ha kommit in till Regeringskansliet senast den 10 juni 2019.\n"
)


def test_regeringskansliet_alone_names_no_remittent():
    result = parse_missiv(INITIATIVRATT)
    assert result.remittent is None
    assert "Remittenten anges bara som Regeringskansliet; fyll i vilket departement." in result.warnings


def test_the_department_in_brackets_after_regeringskansliet_is_the_remittent():
    text = INITIATIVRATT.replace("till Regeringskansliet senast", "till Regeringskansliet (Finansdepartementet) senast")
    assert parse_missiv(text).remittent == "Finansdepartementet"


def test_a_heading_that_names_itself_as_a_remiss_carries_no_headline_warning():
    text = ("Region Halland\nRegionkontoret\n\nRemiss – Regional transportplan för Halland 2022–2033\n\n"
            "Region Halland har tagit fram ett förslag till regional transportplan för Halland 2022–2033.\n")
    result = parse_missiv(text)
    assert result.title == "Regional transportplan för Halland 2022–2033"
    assert HEADLINE_WARNING not in result.warnings


def test_regionala_cancercentrum_as_the_centres_call_themselves_is_a_body_of_the_register():
    # cancercentrum.se names the six centres' joint work "Regionala cancercentrum" (ext-dev x21, x22)
    assert parse_missiv(VARDPROGRAM).remittent == "Regionala cancercentrum i samverkan"
    assert parse_missiv(VARDPROGRAM.replace("Regionala cancercentrum har", "RCC Väst har")).remittent == \
        "Regionalt cancercentrum väst"
