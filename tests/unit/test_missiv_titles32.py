"""Titles round 32 (h-title32): a page's generic section headings name no matter, and an acronym heading stands for
the name the text spells out.

The lines are copied from the sets that became development material in round 32 (tests/data/missiv/fresh/:
fresh9-holdout k12, k17; fresh12-holdout y13, y15, y20, y23). Each test fails without the change it names.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.heading_lines import plausible_heading

# fresh9 k12 (Länsstyrelsen i Kalmar län), as copied: a list page's heading over the item
_K12 = ("Kungörelser och delgivningar \n\nLänsstyrelsen fattar många olika beslut som direkt eller indirekt berör länets "
        "invånare och företag. Tidpunkten och formen för tillkännagivandet av dessa beslut och andra åtgärder har stor "
        "betydelse från informations- och rättssäkerhetssynpunkt.\n\nLänsstyrelsen i Kalmar län annonserar sina "
        "kungörelser i ortstidningarna i regel på lördagar, och merparten av kungörelserna publiceras också här på vår "
        "webbplats.\n\nFörslag till nytt vattenskyddsområde med skyddsföreskrifter för grundvattentäkt i Helgenäs, "
        "Västerviks kommun [yttrande senast 12 april 2016] \n\n")

# fresh12 y13 (Region Västmanland), the page's start as copied
_Y13 = ("Remiss - RUS 2030\n\nRegion Västmanland har arbetat fram ett förslag till regional utvecklingsstrategi (RUS) för "
        "Västmanland 2030. Förslaget skickas nu ut på remiss under perioden maj-oktober 2019. Vi tar tacksamt emot "
        "synpunkter på strategin.\n\nSyfte och innehåll\n\nDen regionala utvecklingsstrategin, är en övergripande och "
        "långsiktig strategi, som pekar ut hur vi - Region Västmanland, kommuner, näringsliv, myndigheter, universitet, "
        "folkbildning, föreningsliv och civilsamhälle - tillsammans vill möta regionens utmaningar och utveckla vårt "
        "län.\n\nStrategin innehåller vår vision: Ett livskraftigt Västmanland\nVisionen uppnås genom tre målområden:\n\n"
        "  • Ett välmående Västmanland\n  • Ett tillgängligt Västmanland\n\nHur svarar jag?\n\n")


def test_a_list_pages_heading_gives_way_to_the_item_and_its_bracketed_deadline_goes() -> None:
    assert parse_missiv(_K12).title == ("Förslag till nytt vattenskyddsområde med skyddsföreskrifter för grundvattentäkt "
                                        "i Helgenäs, Västerviks kommun")


def test_a_contact_section_label_is_no_heading() -> None:
    # fresh9 k17 (Falu kommun), the page's start as copied
    text = ("Dela sidan på sociala medier\n\nKontaktinformation\n\nPublicerad\n\nFörslag på föreskrifter och skötselplan "
            "för ett nytt naturreservat, Olars näs i Svärdsjö\n\nRemiss\n\nFalu Kommun avser att bilda ett nytt "
            "naturreservat på Olars näs som ligger drygt två kilometer norr om Svärdsjö. Syftet med naturreservatet är "
            "att områdets värden för det rörliga friluftslivet och den biologiska mångfalden ska kunna bevaras och "
            "utvecklas.\n\nFörslag till föreskrifter och skötselplan har tagits fram för remiss, beslut MSN 2022-06-13, § "
            "101, som det finns möjlighet att lämna synpunkter på. Mer information om området och hur man kan lämna "
            "synpunkter finns i de bilagda dokumenten.\n\nSynpunkter på framförs skriftligt till Falu kommun senast "
            "2022-08-28: Falu kommun, Miljö- och samhällsbyggnadsförvaltningen, 791 83 Falun eller "
            "kontaktcenter@falun.se\n\nMärk ditt yttrande med: Naturreservat Olars näs MSN 0033/22\n\n"
            "Följebrev Pdf, 63.2 kB.\n\nSkötselplan Pdf, 671.4 kB.\n\nSidan uppdaterad 2022-06-27\n")
    assert parse_missiv(text).title == ("Förslag på föreskrifter och skötselplan för ett nytt naturreservat, Olars näs i "
                                        "Svärdsjö")


def test_an_acronym_heading_is_the_name_the_text_spells_out() -> None:
    assert parse_missiv(_Y13).title == "Regional utvecklingsstrategi (RUS) för Västmanland 2030"


def test_an_acronym_subject_of_a_forward_is_the_name_the_letter_spells_out() -> None:
    # fresh12 y23: the same page forwarded to a kommun's registry
    text = ("Till KS-beredningen, för kännedom och fördelning.\n\n/Lena\n\n________________________________\n"
            "Från: Region Västmanland <region@regionvastmanland.se>\nSkickat: den 20 maj 2019 14:31\n"
            "Till: Kommunstyrelsen Köping <kommunstyrelsen@koping.se>\nÄmne: Remiss - RUS 2030\n\n" + _Y13)
    assert parse_missiv(text).title == "Regional utvecklingsstrategi (RUS) för Västmanland 2030"


def test_a_meetings_heading_is_not_the_title() -> None:
    # fresh12 y15 (Lekebergs kommun): the only short line names the meeting; better empty than the meeting
    text = ("Lekebergs kommun\n\nVad tycker du om förslaget på nya föreningsbidragsregler?\n\nTa chansen och lämna dina "
            "reflektioner och synpunker på förslaget. Du har till och med mars på dig. Informationsmöte hålls 1 mars.\n\n"
            "Läs de föreslagna föreningsbidragsreglernaPDF\n\nInformations- och diskussionsmöte\n\nFörslaget kommer att "
            "presenteras och diskuteras den 1 mars på ett informations- och diskussionsmöte.\nDatum: 1 mars\n")
    assert parse_missiv(text).title is None


def test_generic_section_headings_name_no_matter() -> None:
    # fresh12 y13, y15, y20 and fresh9 k12, k17: headings a page puts over any matter
    for line in ("Syfte och innehåll", "Informations- och diskussionsmöte", "Kontaktinformation",
                 "Kungörelser och delgivningar", "Länsstyrelsens Skånes Kungörelser vecka 21",
                 "Kungörelser inom Miljöskydd och Vattenskydd", "Strategin innehåller vår vision: Ett livskraftigt Västmanland"):
        assert not plausible_heading(line), line
    assert plausible_heading("Förslag på föreskrifter och skötselplan för ett nytt naturreservat")


def test_a_page_of_the_answers_is_named_by_the_remiss_versions_matter() -> None:
    # fresh13 w27 (Region Sörmland), the page's start as copied
    text = ("Synpunkter och svar på remissversion av Regionalt serviceprogram 2024-2030\n\nPublicerad 21 april 2024\n\n"
            "Exteriört foto från Systrarna Brådes i Näverkvart\n\nRegion Sörmland är ansvarig för det regionala "
            "serviceprogrammet som syftar till att samordna insatser och aktörer i arbetet med att främja tillgänglighet "
            "till kommersiell service för de som lever och verkar på Sörmlands landsbygder.\n\n")
    assert parse_missiv(text).title == "Regionalt serviceprogram 2024-2030"


def test_a_list_of_the_receivers_is_headed_by_the_matter() -> None:
    # fresh13 w15 (regeringen.se), as copied
    text = ("# Remissinstanser för Hemställan om ändring av förordning (2019:224) om avgifter för unika identitets- "
            "märkningar på tobaksförpackningar\n\nHär kan du ta del av till vilka instanser som regeringen har "
            "remitterat Folkhälsomyndighetens\nHemställan om ändring av förordning (2019:224) om avgifter för unika "
            "identitets- märkningar på tobaksförpackningar.\n\nSista dag att svara på remissen är den 19 mars 2024.\n")
    assert parse_missiv(text).title == ("Hemställan om ändring av förordning (2019:224) om avgifter för unika identitets- "
                                        "märkningar på tobaksförpackningar")


def test_the_bodies_the_remiss_was_sent_to_are_no_part_of_the_matter() -> None:
    # fresh12 y03 (Sollentuna kommun), the sentence as copied
    text = ("Kommunstyrelsens miljöutskott har remitterat förslag på miljö- och klimatprogram för Sollentuna kommun "
            "inklusive bolagen till samtliga nämnder, råd och bolag samt berörda kommuner för yttrande.\n")
    assert parse_missiv(text).title == "Förslag på miljö- och klimatprogram för Sollentuna kommun inklusive bolagen"


def test_a_short_heading_takes_the_year_that_closes_the_names_line() -> None:
    # fresh9 k11 (Kungälvs kommun): the heading names the kind, the remiss version's line the year
    text = ("Lämna synpunkter på näringslivsstrategi\n\nNotera att denna artikel/nyhet är gammal.\n\nNäringsliv, "
            "politiker och kommunens tjänstemän har arbetat för att ta fram en gemensam näringslivsstrategi, under "
            "ledning av Västsvenska Handelskammaren.\n\nRemissversion Näringslivsstrategi för Kungälvs kommun 2035\n")
    assert parse_missiv(text).title == "Näringslivsstrategi för Kungälvs kommun 2035"
