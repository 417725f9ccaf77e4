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


# walk10 finding 1: the notice quotes the recipient's own number ("ert dnr"); its series is no ärendemening.
OUR_NUMBER_SUBJECT = "Ämne: Förlängd svarstid – SOFÖ 2026/0001\n\nRemisstiden förlängs till den 12 februari 2027.\n"


def test_a_subject_ending_in_a_series_and_number_gives_no_title_of_the_series():
    result = parse_missiv(OUR_NUMBER_SUBJECT)
    assert result.title != "SOFÖ"
    assert result.sender_dnr == "SOFÖ 2026/0001"
    assert str(result.extension_to) == "2027-02-12"


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


LETTER = """Remiss av förslag till regional avfallsplan

Länsstyrelsen i Kalmar län remitterar förslaget till regional avfallsplan. Svaren ska ha kommit in till
Länsstyrelsen senast den 30 april 2026. Svaren skickas med e-post till kalmar@lansstyrelsen.se.
Ange diarienummer 511-1234-2026.
"""
SIGNED = LETTER + """
Med vänliga hälsningar

Lena Åberg
Utredare
Länsstyrelsen i Kalmar län
lena.aberg@lansstyrelsen.se <mailto:lena.aberg@lansstyrelsen.se>
www.lansstyrelsen.se <https://www.lansstyrelsen.se/>

Detta e-postmeddelande kan innehålla information som är konfidentiell.
"""
OUTER = """Från: Bo Ahlström <bo.ahlstrom@vaxjo.se>
Skickat: den 3 mars 2026 14:30
Till: registrator@vaxjo.se
Ämne: VB: Remiss av förslag till regional avfallsplan

Hej!

Kan du registrera denna?

Hälsningar
Bo Ahlström
Kommunledningskontoret

"""
LAYOUTS = {
    "thunderbird_sv": "-------- Vidarebefordrat meddelande --------\nÄmne: \tRemiss av förslag till regional avfallsplan\n"
                      "Datum: \t2026-03-03 10:12\nFrån: \tLena Åberg <lena.aberg@lansstyrelsen.se>\n"
                      "Till: \tbo.ahlstrom@vaxjo.se\n\n\n",
    "thunderbird_en": "-------- Forwarded Message --------\nSubject: \tRemiss: förslag till regional avfallsplan\n"
                      "Date: \tTue, 3 Mar 2026 10:12:31 +0100\nFrom: \tLena Åberg <lena.aberg@lansstyrelsen.se>\n"
                      "To: \tbo.ahlstrom@vaxjo.se\n\n\n",
    "notes": "----- Vidarebefordrat av Bo Ahlström/VAXJO den 2026-03-03 10:12 -----\n\n"
             "Från:\t\"Lena Åberg\" <lena.aberg@lansstyrelsen.se>\nTill:\tbo.ahlstrom@vaxjo.se\n"
             "Datum:\t2026-03-03 09:40\nÄrende:\tRemiss av förslag till regional avfallsplan\n\n",
    "groupwise": ">>> \"Lena Åberg\" <lena.aberg@lansstyrelsen.se> 2026-03-03 09:40 >>>\n",
    "samsung": "\n\nSkickat från min Galaxy\n\n\n-------- Originalmeddelande --------\n"
               "Från: Lena Åberg <lena.aberg@lansstyrelsen.se> \nDatum: 2026-03-03 10:12 (GMT+01:00) \n"
               "Till: bo.ahlstrom@vaxjo.se \nÄmne: Remiss – förslag till regional avfallsplan \n\n",
    "owa": "________________________________\nFrån: Lena Åberg <lena.aberg@lansstyrelsen.se>\n"
           "Skickat: den 3 mars 2026 10:12\nTill: Bo Ahlström <bo.ahlstrom@vaxjo.se>\n"
           "Ämne: [EXTERN] Remiss av förslag till regional avfallsplan\n\n",
    "mixed_html": "From: Lena Åberg <mailto:lena.aberg@lansstyrelsen.se>\nSkickat: tisdag 3 mars 2026 10:12\n"
                  "To: Registrator <mailto:registrator@vaxjo.se>\nÄmne: Remiss av förslag till regional avfallsplan\n\n",
    "en_outlook": "From: Lena Åberg <lena.aberg@lansstyrelsen.se>\nSent: Tuesday, March 3, 2026 10:12 AM\n"
                  "To: Registrator <registrator@vaxjo.se>\n"
                  "Subject: [EXTERNAL] Remiss av förslag till regional avfallsplan\n\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_client_layout_gives_the_inner_letters_fields(layout):
    result = parse_missiv(OUTER + LAYOUTS[layout] + SIGNED)
    assert result.title == "Förslag till regional avfallsplan"
    assert result.remittent == "Länsstyrelsen i Kalmar län"
    assert result.sender_dnr == "511-1234-2026"
    assert str(result.deadline) == "2026-04-30"
    assert result.answer_email == "kalmar@lansstyrelsen.se"  # the instruction's address, not the sender's
    assert result.contact_person == "Lena Åberg"  # the inner message's signature, never the forwarder


def test_groupwise_inner_message_unsigned_gives_no_forwarder_as_contact():
    result = parse_missiv(OUTER + LAYOUTS["groupwise"] + LETTER)
    assert result.contact_person is None  # Bo Ahlström signs only the request above the marker


def test_a_reply_chain_with_an_internal_request_on_top_reads_the_innermost_message():
    chain = ("Från: Registrator <registrator@vaxjo.se>\nSkickat: den 3 mars 2026 13:02\nTill: Bo Ahlström "
             "<bo.ahlstrom@vaxjo.se>\nÄmne: VB: Remiss av förslag till regional avfallsplan\n\nHej, gäller denna er?"
             "\n\n/Registrator\n\nFrån: Lena Åberg <lena.aberg@lansstyrelsen.se>\nSkickat: den 3 mars 2026 10:12\n"
             "Till: registrator@vaxjo.se\nÄmne: Remiss av förslag till regional avfallsplan\n\n")
    outer = OUTER.replace("Ämne: VB:", "Ämne: SV: VB:")
    result = parse_missiv(outer + chain + SIGNED)
    assert result.title == "Förslag till regional avfallsplan"
    assert result.contact_person == "Lena Åberg"
    assert result.answer_email == "kalmar@lansstyrelsen.se"


FORWARDER_ONLY = OUTER.replace("Ämne: VB: Remiss av förslag till regional avfallsplan", "Ämne: VB: Till registraturen")


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


MORE_LAYOUTS = {
    "gmail_reply_sv": "Den tis 3 mars 2026 kl 10:12 skrev Lena Åberg <lena.aberg@lansstyrelsen.se>:\n\n" + _quoted(LETTER),
    "gmail_reply_en": "On Tue, Mar 3, 2026 at 10:12 AM Lena Åberg <lena.aberg@lansstyrelsen.se> wrote:\n\n"
                      + _quoted(LETTER),
    "priority_lines": "Från: Lena Åberg <lena.aberg@lansstyrelsen.se>\nSkickat: den 3 mars 2026 10:12\n"
                      "Till: registrator@vaxjo.se\nKopia: ks@vaxjo.se\nPrioritet: Hög\n"
                      "Ämne: Remiss av förslag till regional avfallsplan\nBifogade filer: Missiv.pdf; Remiss.pdf\n\n" + LETTER,
    "bcc_importance": "From: Lena Åberg <lena.aberg@lansstyrelsen.se>\nSent: 03 March 2026 10:12\nTo: registrator@vaxjo.se"
                      "\nBcc: arkiv@vaxjo.se\nImportance: High\nSubject: RE: Remiss av förslag till regional avfallsplan"
                      "\n\n" + LETTER,
    "owa_table": "Från:\nLena Åberg <lena.aberg@lansstyrelsen.se>\nSkickat:\nden 3 mars 2026 10:12\nTill:\n"
                 "registrator@vaxjo.se\nÄmne:\nRemiss av förslag till regional avfallsplan\n\n" + LETTER,
    "groupwise": LAYOUTS["groupwise"] + LETTER,
}


@pytest.mark.parametrize("layout", sorted(MORE_LAYOUTS))
def test_the_quoted_letter_is_read_below_a_forwarder_whose_subject_names_nothing(layout):
    """The forwarder's subject and signature ("VB: Till registraturen", Bo Ahlström) are no field of the remiss."""
    result = parse_missiv(FORWARDER_ONLY + MORE_LAYOUTS[layout])
    assert result.title == "Förslag till regional avfallsplan"
    assert result.sender_dnr == "511-1234-2026"
    assert result.answer_email == "kalmar@lansstyrelsen.se"
    assert result.contact_person is None  # the letter is unsigned; Bo Ahlström only asks for registration


@pytest.mark.parametrize(("closing", "name"), [
    ("Vänliga hälsningar\nLena Åberg | Utredare | Länsstyrelsen i Kalmar län", "Lena Åberg"),
    ("Hälsningar, Lena Åberg, utredare", "Lena Åberg"),
    ("Med vänlig hälsning\n\nLENA ÅBERG\nUtredare", "Lena Åberg"),
])
def test_signatures_flattened_from_html_give_the_contact_person(closing, name):
    result = parse_missiv(OUTER + LAYOUTS["owa"] + LETTER + "\n" + closing + "\n")
    assert result.contact_person == name


def test_a_yearless_deadline_takes_its_year_from_an_english_short_date():
    text = (FORWARDER_ONLY.replace("den 3 mars 2026 14:30", "den 2 januari 2027 14:30") + LAYOUTS["thunderbird_en"]
            + LETTER.replace("30 april 2026", "30 april"))
    assert str(parse_missiv(text).deadline)[:10] == "2026-04-30"  # the inner "Tue, 3 Mar 2026", not the outer 2027


def test_a_sentence_saying_who_wrote_what_does_not_cut_the_letter():
    letter = LETTER.replace("Ange diarienummer", "Den 3 mars 2026 skrev Naturvårdsverket följande:\n\nAnge diarienummer")
    result = parse_missiv(OUTER + LAYOUTS["owa"] + letter)
    assert result.title == "Förslag till regional avfallsplan"
    assert result.answer_email == "kalmar@lansstyrelsen.se"  # above the sentence: still read
