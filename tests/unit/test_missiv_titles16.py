"""Titles round 16 (h-title16): rules from the layout of a text, not from one letter's wording.

The lines are copied from the real texts of tests/data/missiv/fresh/fresh11-holdout.json (development material since
round 16), fresh10-holdout.json and kinds/missiv-extra.json, named by their ids; fresh9-holdout and fresh12-holdout
are never read here. Each test fails without the rule it names.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.title_layout import agenda_item, is_field_label, label_above
from remiss.missiv.title_trim import normalise

_HEADER = ("Din position: Hem > Stockholms stad > Äldrenämnden > Sammanträde 2013-05-21\n\n"
           "Sammanträde 2013-05-21\n\nDatum\nKlockan\n12:00\nPlats\n"
           "Tändstickspalatset, Banksalen, Lundqvist & Lindqvist konferensanläggning, Västra Trädgårdsgatan 15, "
           "mitt emot NK-huset\n\n")


def test_the_agenda_item_sent_for_yttrande_is_the_title_and_its_sender_goes() -> None:
    # fresh11 z20 (Stockholm, äldrenämnden): items 7 and 8 are the nämnd's own, item 9 is the remiss
    text = (_HEADER + "BESLUTSÄRENDEN:\n\n7 Tertialrapport 1 för äldrenämnden för år 2013\n\n"
            "8 Revisionskontorets årsrapport för äldrenämnden för år 2012\n\n"
            "9 Revisionsrapport 2013:5 \"Avvikelsehantering inom äldreomsorgen\" Stadsrevisionen, för yttrande senast "
            "den 24 maj 2013 (dnr 420-145-2012)\n\nDnr 106-156/2013\nHandläggare: Margareta Venizelos Tel. 508 36 206\n")
    assert parse_missiv(text).title == 'Revisionsrapport 2013:5 "Avvikelsehantering inom äldreomsorgen"'


def test_an_agenda_item_with_remiss_fran_below_or_after_a_line_break_is_the_title() -> None:
    # fresh11 z21 (the next line) and z24 (the site's literal <br>)
    z21 = (_HEADER + "10 Motion 2013:26 av Kaj Nordqvist om införandet av en GLMS-fri (gluten, laktos, mjölkprotein "
           "och soja) dag årligen den 15 maj\n\nRemiss från kommunstyrelsen, dnr 329-384/2013, för yttrande senast "
           "2013-05-24\nDnr 201-194/2013\n\n11 Översyn av ersättningsmodellen för vård- och omsorgsboenden\n")
    z24 = ("Sammanträde 2013-06-13\n\nDatum\nKlockan\n19.00\nPlats\nBolinderssalen, Hantverkargatan 2 L\n\nRemisser\n\n"
           "6 Förslag till färdplan för ett fossilbränslefritt Stockholm 2050<br>Remiss från kommunstyrelsen\n")
    assert parse_missiv(z21).title.startswith("Motion 2013:26 av Kaj Nordqvist om införandet av en GLMS-fri")
    assert parse_missiv(z21).title.endswith("dag årligen den 15 maj")
    assert parse_missiv(z24).title == "Förslag till färdplan för ett fossilbränslefritt Stockholm 2050"


def test_two_items_for_yttrande_leave_the_agenda_rule_undecided() -> None:
    text = ("1 Förslag till cykelplan\nRemiss från kommunstyrelsen\n\n"
            "2 Förslag till grönplan\nRemiss från kommunstyrelsen\n")
    assert agenda_item(text) == (None, None)


def test_a_meeting_headers_label_column_is_no_title() -> None:
    # fresh11 z20's header alone: "Datum" was taken as the title before round 16
    assert is_field_label("Datum", ["Klockan"])
    assert not is_field_label("Datum", [])  # a one-word heading with a blank line below it may still be a title
    assert parse_missiv(_HEADER + "Omedelbar justering\n").title != "Datum"


def test_the_name_on_the_line_below_a_label_about_the_remiss() -> None:
    # fresh11 z15 (Nacka Miljövårdsråd)
    text = ("Introduktion till remissen:\nNaturreservat Svärdsö\n\n"
            "Man föreslår att bilda ett naturreservat av Svärdsö (mellan Solsidan och Älgö).\n")
    assert parse_missiv(text).title == "Naturreservat Svärdsö"
    assert label_above("Remissinstanser:\nDatainspektionen\n") == (None, None)


def test_a_separate_paper_named_after_the_name_goes() -> None:
    # fresh11 z25 (Universitets- och högskolerådet); ", granskningshandling" is annotated both ways and stays
    assert normalise("Föreskrifter om ändring i Universitets- och högskolerådets föreskrifter (UHRFS 2013:1) om "
                     "grundläggande behörighet och urval – konsekvensutredning") == (
        "Föreskrifter om ändring i Universitets- och högskolerådets föreskrifter (UHRFS 2013:1) om grundläggande "
        "behörighet och urval")
    assert normalise("Havsplaner för Sverige, granskningshandling") == "Havsplaner för Sverige, granskningshandling"


def test_a_subjects_request_in_front_of_the_name_goes() -> None:
    # fresh11 z12 (Länsstyrelsen Gotland, forwarded)
    text = ("Hej!\n\nVidarebefordrar remissen om Bästeträsk.\n\n/Maria\n\n"
            "Från: Nilsson Emelie <emelie.i.nilsson@lansstyrelsen.se>\nSkickat: den 27 oktober 2021 09:12\n"
            "Till: Registrator <registrator@exempelkommun.se>\n"
            "Ämne: Lämna synpunkter på Natura 2000-område Bästeträsks bevarandeplan\n\n"
            "Nu kan du lämna synpunkter på bevarandeplanen för Natura 2000-området Bästeträsk.\n")
    assert parse_missiv(text).title == "Natura 2000-område Bästeträsks bevarandeplan"


def test_a_short_heading_is_completed_with_the_place_and_period_the_text_gives() -> None:
    # extra x12 (Vara kommun) and fresh10 k07 (Region Kronoberg): one rule, two sources
    x12 = ("Tyck till om kommunens avfallsplan\n\nPublicerat 17 oktober, 2017\n\n"
           "Nu har du chansen att tycka till om Vara kommuns avfallsplan.\n\n"
           "Klicka här för att läsa planen: Avfallsplan Vara kommun 2018-2028\n")
    k07 = ("Trafikförsörjningsprogram - remisstiden avslutad\n\nUnder perioden 29 april till 31 juli kan du lämna "
           "remissvar för Trafikförsörjningsprogram för Kronoberg 2021-2030 med utblick.\n")
    assert parse_missiv(x12).title == "Avfallsplan Vara kommun 2018-2028"
    assert parse_missiv(k07).title == "Trafikförsörjningsprogram för Kronoberg 2021-2030 med utblick"


def test_the_ds_number_written_in_front_of_the_name() -> None:
    # fresh11 z10 (regeringen.se)
    text = ("# Ett utvidgat utreseförbud för barn\n\nHär kan du ta del av svaren från dem som har ombetts att svara på "
            "remissen Ds 2022:9, Ett utvidgat utreseförbud för barn. Övriga yttranden förvaras i departementet.\n")
    assert parse_missiv(text).title == "Ds 2022:9 Ett utvidgat utreseförbud för barn"


def test_a_skip_link_and_a_section_under_the_first_paragraph_are_no_titles() -> None:
    # fresh11 z17 (Region Blekinge) and z30 (Spelinspektionen, copied from below its heading)
    z17 = ("Gå direkt till innehållet\n\nPublicerad 28 Februari, 2018\n\n"
           "Aktualisering av regional utvecklingsstrategi ute på remiss\n\n"
           "Under onsdagens möte antog regionstyrelsens arbetsutskott ett remissförslag.\n")
    z30 = ("Publicerad: 2023-11-28\n\nFlera remissinstanser inkom med viktiga synpunkter och förslaget har "
           "omarbetats. Mot bakgrund av det skickar Spelinspektionen nu ut det omarbetade förslaget igen.\n\n"
           "Ändringar\n\nKrav på att ha en observatör förutom en dragningsansvarig kvarstår och är ett minimikrav.\n")
    assert parse_missiv(z17).title == "Aktualisering av regional utvecklingsstrategi"
    assert parse_missiv(z30).title is None


def test_a_statute_named_with_its_number_in_the_prose_when_nothing_else_names_the_matter() -> None:
    # fresh11 z29 (Spelinspektionen, copied from below its heading)
    text = ("Publicerad: 2023-03-14\n\nSpelinspektionen har sett över föreskrifter och allmänna råd (LIFS 2018:4) om "
            "statligt lotteri och lotteri för allmännyttiga ändamål. Ändringar föreslås för att utformningen av "
            "fysiska lotters säkerhetsdetaljer ska vara proportionerliga.\n")
    assert parse_missiv(text).title == ("föreskrifter och allmänna råd (LIFS 2018:4) om statligt lotteri och lotteri "
                                        "för allmännyttiga ändamål")
    two = text + "\nSe även föreskrifter (LIFS 2018:5) om registrering av lotterier.\n"
    assert parse_missiv(two).title is None  # two statutes: which one is in hand is not known


def test_a_subject_of_numbers_only_names_no_matter() -> None:
    # fresh4 k08 (Folkhälsomyndigheten, forwarded): "Remiss 02765-2021 HSLF-FS 2021:2" gave the numbers as title
    from remiss.missiv.title import clean_subject
    subject = "Remiss 02765-2021 HSLF-FS 2021:2"
    assert clean_subject(subject, (0, len(subject))) == (None, None)
    named = "Remiss: Föreskrifter (HSLF-FS 2021:2) om smittspridning"
    assert clean_subject(named, (0, len(named)))[0] == "Föreskrifter (HSLF-FS 2021:2) om smittspridning"
