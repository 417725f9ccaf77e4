from datetime import date, datetime

from remiss.calendar.meetings import STOCKHOLM, Meeting
from remiss.calendar.meetings_import import (
    kind_from_summary,
    meetings_from_csv,
    meetings_from_ics,
    parse_swedish_date,
)

GOOD_CSV = (
    "Typ;Datum;Tid;Plats;Sista dag för handlingar\n"
    "Arbetsutskott;2015-09-10;08.30;Sal 2;2015-09-03\n"
    "Nämnd;2015-09-24;17:00;Stadsområdesförvaltning Öster;2015-09-10\n"
)


def test_csv_reads_swedish_headers_and_values():
    meetings, errors = meetings_from_csv(GOOD_CSV.encode("utf-8-sig"))
    assert errors == []
    assert meetings == [
        Meeting("au", datetime(2015, 9, 10, 8, 30, tzinfo=STOCKHOLM), "Sal 2", date(2015, 9, 3)),
        Meeting(
            "namnd", datetime(2015, 9, 24, 17, 0, tzinfo=STOCKHOLM),
            "Stadsområdesförvaltning Öster", date(2015, 9, 10),
        ),
    ]


def test_csv_comma_delimited_english_headers_and_seed_style_date():
    meetings, errors = meetings_from_csv("kind,date,time\nSDF,30/3-10,kl. 18\nnamnd,30/3-10,18\n")
    assert errors == ['Rad 2: okänd typ "SDF" (ange nämnd eller AU).']
    assert meetings == [Meeting("namnd", datetime(2010, 3, 30, 18, tzinfo=STOCKHOLM))]


def test_csv_bad_rows_get_line_numbers_and_good_rows_survive():
    text = (
        "typ;datum;tid;plats;sista dag för handlingar\n"
        "nämnd;2015-09-31;17.00;;\n"
        "\n"
        "au;2015-09-10;25.00;;\n"
        ";;;;\n"
        "nämnd;2015-10-22;;;\n"
        "AU;2015-10-08;8.30;;2015-10-20\n"
        "nämnd;2015-10-22;17.00;;den tionde\n"
        "nämnd;2015-11-19;17.00;;\n"
    )
    meetings, errors = meetings_from_csv(text)
    assert errors == [
        'Rad 2: ogiltigt datum "2015-09-31" (skriv ÅÅÅÅ-MM-DD, t.ex. 2015-09-24).',
        'Rad 4: ogiltig tid "25.00" (skriv t.ex. 13.00).',
        "Rad 6: tid saknas.",
        "Rad 7: sista dag för handlingar ligger efter sammanträdet.",
        'Rad 8: ogiltigt datum för sista dag för handlingar "den tionde".',
    ]
    assert [m.day for m in meetings] == [date(2015, 11, 19)]


def test_csv_missing_columns_and_empty_file():
    assert meetings_from_csv("datum;plats\n2015-09-24;x\n") == (
        [], ["Rad 1: kolumnen 'typ', 'tid' saknas i rubrikraden."]
    )
    assert meetings_from_csv("") == ([], ["Filen är tom."])


def test_parse_swedish_date():
    assert parse_swedish_date("24.9.2015") == date(2015, 9, 24)
    assert parse_swedish_date("11/3-10") == date(2010, 3, 11)
    assert parse_swedish_date("31/2-10") is None


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Kommun//Sammanträdesplan//SV
BEGIN:VEVENT
UID:1@kommun
DTSTART;TZID=Europe/Stockholm:20150910T083000
SUMMARY:SON Öster arbetsutskott
LOCATION:Sal 2
END:VEVENT
BEGIN:VEVENT
UID:2@kommun
DTSTART:20150924T150000Z
SUMMARY:Stadsområdesnämnd Öster
END:VEVENT
BEGIN:VEVENT
UID:3@kommun
DTSTART;TZID=Europe/Stockholm:20151008T083000
SUMMARY:AU
END:VEVENT
BEGIN:VEVENT
UID:4@kommun
DTSTART;VALUE=DATE:20151022
SUMMARY:Nämnd
END:VEVENT
END:VCALENDAR
"""


def test_ics_import_classifies_au_and_converts_utc():
    meetings, errors = meetings_from_ics(ICS)
    assert [(m.kind, m.starts_at, m.place) for m in meetings] == [
        ("au", datetime(2015, 9, 10, 8, 30, tzinfo=STOCKHOLM), "Sal 2"),
        ("namnd", datetime(2015, 9, 24, 17, 0, tzinfo=STOCKHOLM), ""),
        ("au", datetime(2015, 10, 8, 8, 30, tzinfo=STOCKHOLM), ""),
    ]
    assert errors == [
        'Händelse 4 "Nämnd": heldagshändelse utan klockslag; ange starttid för sammanträdet.'
    ]


def test_ics_import_garbage():
    meetings, errors = meetings_from_ics("inte en kalender")
    assert meetings == [] and errors[0].startswith("Filen kunde inte läsas")


def test_kind_from_summary():
    assert kind_from_summary("Arbetsutskottet") == "au"
    assert kind_from_summary("KS AU II") == "au"
    assert kind_from_summary("Kulturnämnden") == "namnd"
    assert kind_from_summary("Augusti-sammanträde") == "namnd"
