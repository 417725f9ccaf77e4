"""Forwarded e-mails and subjects as a registrator's mailbox receives them: layouts read by general rules."""
import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.dnr import dnr_in_subject

LONE_SUBJECT = """Ämne: Förlängd svarstid – KS-IOF-2010-00015

Hej,

Svarstiden för remissen om ny renhållningsordning förlängs till den 15 maj 2026.

Med vänliga hälsningar
Eva Lund
Kommunstyrelsens förvaltning
Lidingö stad
"""


def test_a_text_opening_with_a_lone_subject_line_is_read_as_a_mail():
    result = parse_missiv(LONE_SUBJECT)
    assert result.sender_dnr == "KS-IOF-2010-00015"
    assert result.title is None or not result.title.startswith("Ämne")  # the header is no title
    assert str(result.extension_to) == "2026-05-15"
    assert result.contact_person == "Eva Lund"  # the signature under the greeting


def test_a_lone_subject_with_a_date_line_but_no_sender_is_a_subject():
    text = ("Datum: 3 mars 2026 10:12\nÄmne: Remiss av förslag till avfallsplan 2026–2030 (KS 2026/123)\n\n"
            "Kommunstyrelsen remitterar förslaget. Svar senast den 30 april 2026 till ks@kommun.example.se.\n")
    result = parse_missiv(text)
    assert result.title == "Förslag till avfallsplan 2026–2030"
    assert result.sender_dnr == "KS 2026/123"


@pytest.mark.parametrize(("subject", "dnr"), [
    ("Förlängd svarstid – KS-IOF-2010-00015", "KS-IOF-2010-00015"),
    ("Remiss av detaljplan för Kvarnen 4, KS 2026/123", "KS 2026/123"),
    ("[SBN 2025-000123] Remiss om bygglovstaxa", "SBN 2025-000123"),
    ("Remiss, Dnr 2026.0456, om taxor", "2026.0456"),
    ("Remiss av renhållningsordning (KS/2026:12)", "KS/2026:12"),
    ("Samråd om naturvårdsprogram BMN 2026-45", "BMN 2026-45"),
])
def test_kommun_style_numbers_in_a_subject_are_the_remittents(subject, dnr):
    assert dnr_in_subject(subject)[0] == dnr


@pytest.mark.parametrize("subject", ["Remiss av betänkandet Ny lag (SOU 2023:72)", "Remiss 2026-03-03",
                                     "Remiss av HSLF-FS 2021:2", "Plan för 2026–2030"])
def test_report_numbers_and_dates_in_a_subject_are_no_diarienummer(subject):
    assert dnr_in_subject(subject) is None


@pytest.mark.parametrize("tagged", ["[EXTERN] VB: Remiss av Plan för fritidshamnar",
                                    "[SPAM?] [EXTERNAL] FW: Remiss av Plan för fritidshamnar",
                                    "SV: VB: Remiss av Plan för fritidshamnar",
                                    "*EXTERNAL* Remiss av Plan för fritidshamnar"])
def test_gateway_tags_and_reply_marks_leave_the_subject(tagged):
    text = (f"Från: Registrator <registrator@kommun.example.se>\nSkickat: den 3 mars 2026 10:12\n"
            f"Till: Ks <ks@vaxjo.example.se>\nÄmne: {tagged}\n\nHej! Se bifogad remiss.\n")
    assert parse_missiv(text).title == "Plan för fritidshamnar"
