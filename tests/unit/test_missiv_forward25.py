"""Forwarded and replied e-mails from many clients and locales (issue 21, round 25): the remiss is the innermost
message whatever the client prints above it. One test per layout class of bench/missiv_forward25.py; the classes of
its held-aside half were added after that half was measured."""
from datetime import date

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.email import _sent_on, innermost
from remiss.missiv.signature import ends_letter

TITLE = "Förslag till regional avfallsplan 2027–2032"
LETTER = f"""{TITLE}

Regionförbundet remitterar härmed förslaget. Synpunkter ska ha kommit in senast den 15 maj 2026 till
registrator@regionforbundet.se. Ange diarienummer RF 2026/77 i ämnesraden.

Med vänliga hälsningar

Lena Åberg
Utredare
Regionförbundet
"""
NOTE = "Hej!\n\nSe nedan, kan du diarieföra?\n\nHälsningar\nBo Ahlström\n\n"
SENDER = "Lena Åberg <lena.aberg@regionforbundet.se>"

LAYOUTS = {
    # tuning half
    "outlook_fi": f"Lähettäjä: {SENDER}\nLähetetty: tiistai 3. maaliskuuta 2026 10.12\n"
                  f"Vastaanottaja: bo@vaxjo.se\nAihe: Remiss: {TITLE}\n\n",
    "outlook_nl": f"Van: {SENDER}\nVerzonden: dinsdag 3 maart 2026 10:12\nAan: bo@vaxjo.se\n"
                  f"Onderwerp: Remiss: {TITLE}\n\n",
    "diarium_export": f"E-postmeddelande\nFrån: {SENDER}\nTill: bo@vaxjo.se\nInkom: 2026-03-03 10:12\n"
                      f"Ärendemening: Remiss: {TITLE}\n\n",
    # held-aside half
    "outlook_no": f"Fra: {SENDER}\nSendt: tirsdag 3. mars 2026 10:12\nTil: bo@vaxjo.se\nKopi: kansli@vaxjo.se\n"
                  f"Emne: Remiss: {TITLE}\n\n",
    "outlook_da": f"-----Oprindelig meddelelse-----\nFra: {SENDER}\nSendt: 3. marts 2026 10:12\nTil: bo@vaxjo.se\n"
                  f"Emne: Remiss: {TITLE}\n\n",
    "outlook_de": f"-----Ursprüngliche Nachricht-----\nVon: {SENDER}\nGesendet: Dienstag, 3. März 2026 10:12\n"
                  f"An: bo@vaxjo.se\nBetreff: Remiss: {TITLE}\n\n",
    "gmail_de": f"---------- Weitergeleitete Nachricht ---------\nVon: {SENDER}\n"
                f"Date: Di., 3. März 2026 um 10:12 Uhr\nSubject: Remiss: {TITLE}\nTo: <bo@vaxjo.se>\n\n\n",
    "diarium": f"Inkommande e-post\nAvsändare: {SENDER}\nMottagare: bo@vaxjo.se\nInkommen: 2026-03-03 10:12\n"
               f"Rubrik: Remiss: {TITLE}\n\n",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_forward_in_any_client_and_locale_gives_the_innermost_message(layout):
    text = f"Från: Bo Ahlström <bo@vaxjo.se>\nÄmne: VB: Remiss: {TITLE}\n\n" + NOTE + LAYOUTS[layout] + LETTER
    envelope = innermost(text)
    assert envelope is not None
    assert envelope.subject == f"Remiss: {TITLE}"  # the inner subject, not the forwarder's "VB: …"
    assert envelope.sender_email == "lena.aberg@regionforbundet.se"
    assert text[envelope.body_start:].lstrip().startswith(TITLE)
    assert envelope.sent == date(2026, 3, 3)
    result = parse_missiv(text)
    assert result.contact_person == "Lena Åberg"
    assert result.answer_email == "registrator@regionforbundet.se"  # the instruction's, not a sender's


@pytest.mark.parametrize("layout", ["outlook_de", "outlook_no", "outlook_nl"])
def test_a_chain_of_three_forwards_in_one_layout_takes_the_innermost(layout):
    block = LAYOUTS[layout]
    outer = block.replace(SENDER, "Karin Eriksson <karin@lund.se>").replace("Remiss: ", "VB: VB: Remiss: ")
    middle = block.replace(SENDER, "Ville Mäkinen <ville@example.fi>").replace("Remiss: ", "VB: Remiss: ")
    envelope = innermost(NOTE + outer + NOTE + middle + NOTE + block + LETTER)
    assert envelope.sender_email == "lena.aberg@regionforbundet.se"
    assert envelope.subject == f"Remiss: {TITLE}"


def test_a_reply_quoting_the_remiss_under_an_attribution_without_address_starts_at_the_quote():
    """Thunderbird in English: "On 03/03/2026 10:12, Lena Åberg wrote:" above the "> " quoted letter."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in LETTER.splitlines())
    text = (f"From: Bo Ahlström <bo@vaxjo.se>\nSubject: Re: Remiss: {TITLE}\n\nThanks, registered.\n\n"
            f"On 03/03/2026 10:12, Lena Åberg wrote:\n{quoted}\n")
    envelope = innermost(text)
    assert envelope.sender_name == "Lena Åberg"  # the quoted message's writer, not the one who replied
    assert envelope.sent == date(2026, 3, 3)
    assert text[envelope.body_start:].lstrip(" >\n").startswith(TITLE)
    result = parse_missiv(text)
    assert result.title == TITLE
    assert result.contact_person == "Lena Åberg"
    assert str(result.deadline) == "2026-05-15"


def test_a_letter_saying_who_wrote_what_is_no_attribution():
    text = ("Remiss av handlingsplan\n\nDen 3 mars 2026 skrev Länsstyrelsen följande:\n\n"
            "Planen ska vara klar senast den 1 juni 2026.\n")
    assert innermost(text) is None


@pytest.mark.parametrize("subject", ["VS: SV: Remiss: X", "WG: AW: Remiss: X", "Antw: Doorst: Remiss: X",
                                     "RE[2]: VL: Remiss: X", "Vb: Fw: Remiss: X"])
def test_reply_and_forward_marks_of_every_locale_leave_the_subject(subject):
    envelope = innermost(f"Fra: Lena Åberg <l@x.se>\nEmne: {subject}\n\nText.\n")
    assert envelope.subject == "Remiss: X"


@pytest.mark.parametrize("value", ["Dienstag, 3. März 2026 10:12", "tirsdag 3. mars 2026 10:12",
                                   "tiistai 3. maaliskuuta 2026 10.12", "dinsdag 3 maart 2026 10:12",
                                   "03/03/2026 10:12", "Tue, 03 Mar 2026 10:12:31 +0100"])
def test_a_forward_date_in_another_locale_is_read(value):
    assert _sent_on(value) == date(2026, 3, 3)


def test_a_yearless_deadline_takes_its_year_from_a_german_forward_date():
    text = (f"-----Ursprüngliche Nachricht-----\nVon: {SENDER}\nGesendet: Dienstag, 3. März 2026 10:12\n"
            f"An: bo@vaxjo.se\nBetreff: Remiss: {TITLE}\n\n{TITLE}\n\nSvar senast den 15 maj till r@x.se.\n")
    assert str(parse_missiv(text).deadline) == "2026-05-15"


@pytest.mark.parametrize("line", ["Von: Lena Åberg <l@x.se>", "Fra: Lena Åberg <l@x.se>", "Betreff: Remiss",
                                  "-----Ursprüngliche Nachricht-----", "Lähettäjä: Lena Åberg",
                                  "Am 03.03.2026 um 10:12 schrieb Lena Åberg:"])
def test_a_list_stops_at_a_quoted_header_in_any_language(line):
    assert ends_letter(["Naturvårdsverket", line, "Skolverket"], 1)


def test_a_reply_keeps_the_subject_of_the_remiss_it_quotes():
    """Gmail in Swedish: "Sv: Remiss: X" over "Den … skrev …:" and the quoted remiss, which does not repeat its
    title: the subject is the remiss's own, not a forwarder's, and gives the title."""
    body = LETTER.split("\n", 2)[2]  # the letter without its heading line
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
    text = (f"Från: Bo Ahlström <bo@vaxjo.se>\nÄmne: Sv: Remiss: {TITLE}\n\nTack, den är registrerad.\n\n"
            f"Den tis 3 mars 2026 kl 10:12 skrev {SENDER}:\n\n{quoted}\n")
    envelope = innermost(text)
    assert envelope.subject_outer is False
    assert parse_missiv(text).title == TITLE


def test_a_forward_whose_own_subject_is_a_note_still_marks_it_outer():
    body = LETTER.split("\n", 2)[2]
    quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
    text = (f"Från: Bo Ahlström <bo@vaxjo.se>\nÄmne: VB: Till registraturen\n\nFör diarieföring.\n\n"
            f"Den tis 3 mars 2026 kl 10:12 skrev {SENDER}:\n\n{quoted}\n")
    assert innermost(text).subject_outer is True


def test_a_diarium_block_with_both_a_sent_and_a_received_date_is_one_block():
    text = (f"Avsändare: {SENDER}\nSkickat: 2026-03-03 10:12\nInkommen: 2026-03-04 08:00\nMottagare: r@vaxjo.se\n"
            f"Rubrik: Remiss: {TITLE}\n\n{LETTER}")
    envelope = innermost(text)
    assert envelope.sender_email == "lena.aberg@regionforbundet.se"
    assert envelope.subject == f"Remiss: {TITLE}"
    assert envelope.sent == date(2026, 3, 3)


def test_a_chain_pasted_without_a_line_between_the_blocks_takes_the_inner_sender():
    text = (f"Från: Registrator <r@vaxjo.se>\nSkickat: den 4 mars 2026 08:00\nÄmne: VB: Remiss: {TITLE}\n"
            f"Från: {SENDER}\nSkickat: den 3 mars 2026 10:12\nÄmne: Remiss: {TITLE}\n\n{LETTER}")
    assert innermost(text).sender_email == "lena.aberg@regionforbundet.se"


@pytest.mark.parametrize("above", ['"Lena Åberg" <lena.aberg@regionforbundet.se> on 03/03/2026 10:12\n\n',
                                   "----- Vidarebefordrat av Bo Ahlström/VAXJO den 2026-03-04 08:00 -----\n\n"
                                   "Lena Åberg/REGIONFORBUNDET/SE@REGIONFORBUNDET\n2026-03-03 10:12\n\n"])
def test_notes_prints_the_sender_above_a_block_without_a_from_line(above):
    text = NOTE + above + f"\tTo:\tbo@vaxjo.se\n\tcc:\t\n\tSubject:\tRemiss: {TITLE}\n\n" + LETTER
    envelope = innermost(text)
    assert envelope.sender_name == "Lena Åberg"
    assert envelope.subject == f"Remiss: {TITLE}"
    assert envelope.sent == date(2026, 3, 3)


def test_a_to_and_subject_block_under_prose_gets_no_sender():
    text = "Hej,\nhär kommer den.\n\nTo: bo@vaxjo.se\nSubject: Remiss: X\n\nText.\n"
    envelope = innermost(text)
    assert envelope is None or envelope.sender_name is None


def test_a_german_header_flattened_onto_one_line_gives_the_subject():
    """A forward printed to PDF and pasted back: the whole German block on one line."""
    text = (NOTE + f"Von: {SENDER} Gesendet: Dienstag, 3. März 2026 10:12 An: bo@vaxjo.se Betreff: WG: Remiss: {TITLE}"
            f" Hallo,\n\n{LETTER}")
    assert innermost(text).subject == f"Remiss: {TITLE}"
