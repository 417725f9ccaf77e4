"""Walk 12 (2026-12-05): what the parser missed in a month of forwarded remisser through the Inkorg.

The texts are those of the walk's mails (/tmp/w12/mails, built by helper h-walk12 from development letters only:
missiv-dev d17, d24, d29, missiv-extra x11, x17, x20), with the dates moved to this winter.
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.title_subject import clean_subject
from remiss.missiv.title_trim import drop_remiss_lead

# Mail 18: Mjölby kommun's kungörelse (missiv-dev d17) forwarded from Outlook with Swedish headers
_MJOLBY_LETTER = (
    "Mjölby kommun\n\nKungörelse Samråd och utställning Avfallsplan\n\nAnslaget tas ner: 15 januari 2027\n\n"
    "Service- och teknikförvaltningen har tagit fram ett förslag till ny avfallsplan.\n"
    "Avfallsplanen är en del av den kommunala renhållningsordningen i enighet med 41§ 15 kapitlet miljöbalken. "
    "Synpunkter på den föreslagna avfallsplanen lämnas via en e-tjänst som finns tillgänglig från och med den 22 "
    "november 2026. Svar ska vara inlämnade i e-tjänsten senast den 15 januari 2027.\n")
_MJOLBY_FORWARD = (
    "Subject: VB: Kungörelse Samråd och utställning Avfallsplan\nFrom: Rita Registrator <registrator@sofo.example>\n"
    "Date: Wed, 02 Dec 2026 08:00:00 +0100\n\n"
    "Från: Mjölby kommun <kommun@mjolby.se>\nSkickat: den 30 november 2026 08:00\n"
    "Ämne: Kungörelse Samråd och utställning Avfallsplan\n\n" + _MJOLBY_LETTER)


def test_forwarded_kungorelse_gets_the_same_title_as_the_letter() -> None:
    # finding 7: the subject path cut "Kungörelse Samråd" and left "Och utställning Avfallsplan"
    assert parse_missiv(_MJOLBY_LETTER).title == "Avfallsplan"
    assert parse_missiv(_MJOLBY_FORWARD).title == "Avfallsplan"


@pytest.mark.parametrize("subject, title", [
    ("Kungörelse Samråd och utställning Avfallsplan", "Avfallsplan"),
    ("Samråd och granskning: detaljplan för kvarteret Eken", "Detaljplan för kvarteret Eken"),
    ("Granskning och samråd – Översiktsplan 2040", "Översiktsplan 2040"),
    ("Remiss: Samråd och dialog i skolan", "Samråd och dialog i skolan"),  # the name itself starts so: kept
])
def test_procedures_named_together_are_one_lead(subject: str, title: str) -> None:
    assert clean_subject(subject, (0, len(subject)))[0] == title


@pytest.mark.parametrize("subject", ["Samråd och utställning", "Samråd samt granskning", "Remiss: och annat"])
def test_a_subject_title_never_starts_with_a_conjunction(subject: str) -> None:
    # nothing after the procedures, or a fragment: the letter's own words name the matter
    assert clean_subject(subject, (0, len(subject))) == (None, None)


# Mail 12: Region Halland's page (missiv-extra x17) as an HTML-only Gmail forward
_HALLAND = (
    "Subject: Fwd: Öppen remiss för Hallands kulturstrategi och kulturplan 2027–2030\n"
    "From: Rita Registrator <rita.registrator@gmail.com>\nDate: Thu, 03 Dec 2026 09:00:00 +0100\n\n"
    "Remiss från Region Halland, kan ni diarieföra?\n\n---------- Forwarded message ---------\n"
    "From: Region Halland <regionen@regionhalland.se>\nDate: Wed, Dec 2, 2026 at 4:10 PM\n"
    "Subject: Öppen remiss för Hallands kulturstrategi och kulturplan 2027–2030\nTo: <registrator@sofo.example>\n\n"
    "Öppen remiss för Hallands kulturstrategi och kulturplan 2027–2030\n\n"
    "Förslaget till det som ska bli Hallands kulturstrategi och kulturplan 2027–2030 är på öppen remiss. Alla som "
    "vill är välkomna att lämna synpunkter på hela eller delar av planen genom att skicka ett yttrande till Region "
    "Halland.\n\nYttranden måste ske skriftligen och vara inkomna till Region Halland senast den 12 februari 2027.\n\n"
    "Skicka remissvar till Region Hallands e-post: regionen@regionhalland.se\n")


def test_oppen_remiss_for_is_a_lead_like_remiss_av() -> None:
    # finding 18: "Öppen remiss för" is the page's lead-in, not the ärendemening
    assert parse_missiv(_HALLAND).title == "Hallands kulturstrategi och kulturplan 2027–2030"
    assert drop_remiss_lead("Öppen remiss för Hallands kulturstrategi") == "Hallands kulturstrategi"
    assert drop_remiss_lead("Allmän remiss av Trafikstrategi 2030") == "Trafikstrategi 2030"
    assert drop_remiss_lead("Öppen remiss") == "Öppen remiss"  # names no matter: left as it is


# Mail 11: Region Västerbotten's extension notice (after missiv-dev d24), Outlook "FW:" with English headers
_VASTERBOTTEN_NOTICE = (
    "FYI – förlängning.\n\nFrom: Ericson Maud <maud.ericson@regionvasterbotten.se>\n"
    "Sent: Friday, December 4, 2026 3:02 PM\nTo: registrator@sofo.example\n"
    "Subject: Förlängd remisstid Länstransportplan\n\nHej,\n"
    "{reason} remisstiden för Länstransportplan 2027-2038 (dnr RUN 266-2026). Svar ska nu ha kommit in senast den "
    "19 mars 2027.\n\nVänliga hälsningar\nMaud Ericson\nStrateg Infrastruktur, Region Västerbotten\n")


@pytest.mark.parametrize("reason", [
    "Med anledning av många önskemål förlängs",  # the letter's own words
    "På grund av flera önskemål förlängs",
    "Med hänsyn till önskemål om mer tid förlängs",
    "Med anledning av att många kommuner har begärt mer tid förlängs",
])
def test_an_extension_given_for_a_request_takes_its_senast_day_as_the_new_one(reason: str) -> None:
    # finding 5: the request named as the reason made the notice look like one asked for, and extension_to was
    # empty while the deadline was read
    result = parse_missiv(_VASTERBOTTEN_NOTICE.format(reason=reason))
    assert str(result.extension_to) == "2027-03-19"
    assert str(result.deadline) == "2027-03-19"
    assert result.sender_dnr == "RUN 266-2026"


@pytest.mark.parametrize("text", [
    "Om ni behöver mer tid kan ni begära förlängd svarstid. Svar ska ha kommit in senast den 19 mars 2027.",
    "Eftersom flera kommuner har begärt förlängd svarstid prövar vi frågan. Svar ska ha kommit in senast den 19 "
    "mars 2027.",
])
def test_an_extension_asked_for_is_still_none(text: str) -> None:
    assert parse_missiv(text).extension_to is None


# Mail 04b: Länsstyrelsen Dalarna's missiv (missiv-dev d29) as a scanned PDF; tesseract's text of its answer lines
_DALARNA_OCR = (
    "Senast den 18 december 2026 önskar Länsstyrelsen skriftligt svar på remissen. Svar skickas\n"
    "underskrivet per mejl eller post och dessutom per mejl i word-format. Ange Diarienummer 501-\n"
    "8426-2026. Adress är: Länsstyrelsen Dalarna, 791 84 Falun. Mejladress är:\n"
    "dalarnaQlansstyrelsen.se. Remissvar och remissammanställning kan komma att publiceras.\n")


def test_a_diarienummer_broken_after_a_hyphen_at_a_line_end_is_joined() -> None:
    # finding 6: "501-" / "8426-2026." was not read
    result = parse_missiv(_DALARNA_OCR)
    assert result.sender_dnr == "501-8426-2026"
    [evidence] = [e for e in result.evidence if e.field == "sender_dnr"]
    assert evidence.text == "501-\n8426-2026"  # the words as the text has them


@pytest.mark.parametrize("text", [
    "Ange diarienummer 2026-\n\nBakgrund: …",  # a blank line: no continuation
    "Ange diarienummer KS-\nförvaltningen har …",  # a word, not a number, after the break
    "Ange diarienummer 501-\nLänsstyrelsen",
])
def test_only_a_number_is_joined_across_the_break(text: str) -> None:
    assert parse_missiv(text).sender_dnr is None


def test_an_ocr_at_sign_read_as_q_is_put_back_when_it_is_the_only_candidate() -> None:
    from remiss.intake.ocr import repair_addresses

    text, pairs = repair_addresses(_DALARNA_OCR)
    assert pairs == [("dalarnaQlansstyrelsen.se", "dalarna@lansstyrelsen.se")]
    assert len(text) == len(_DALARNA_OCR)  # offsets of the evidence still hold
    assert parse_missiv(text).answer_email == "dalarna@lansstyrelsen.se"
    assert repair_addresses("Mejla kommun©mjolby.se")[1] == [("kommun©mjolby.se", "kommun@mjolby.se")]


@pytest.mark.parametrize("text", [
    "Se www.Qlik.se",  # a web address
    "Mejla aQbQc.se",  # two signs that could be the "@": unsure, left as read (the warning stays)
    "Mejla dalarnaQ lansstyrelsen.se",  # a blank in the word
    "Mejla SKRQLAN.se",  # a capital Q among capitals is a letter of the name
    "Mejla dalarna@lansstyrelsen.se",
])
def test_an_address_is_left_as_read_when_unsure(text: str) -> None:
    from remiss.intake.ocr import repair_addresses

    assert repair_addresses(text) == (text, [])


def test_no_evidence_is_given_for_a_field_left_empty() -> None:
    # finding 13: Region Skåne's page (missiv-extra x20) showed "Sändlista –" with "… ute på remiss hos berörda
    # myndigheter och organisationer" beside it
    text = ("Skånes utvecklingsstrategi ute på remiss\n\nSkånes regionala utvecklingsstrategi är en gemensam målbild för "
            "alla som jobbar med utvecklingsfrågor i Skåne. Strategin har uppdaterats och förslaget ligger nu ute på "
            "remiss hos berörda myndigheter och organisationer. Svar ska ha kommit in senast den 15 januari 2027 kl. "
            "12.00.\n")
    result = parse_missiv(text)
    assert result.sandlista == []
    assert not [e for e in result.evidence if e.field == "sandlista"]
    assert any("anges bara allmänt (”berörda myndigheter och organisationer”)" in w for w in result.warnings)
    filled = {"title": result.title, "deadline": result.deadline, "summary": result.summary}
    assert {e.field for e in result.evidence} <= {f for f, v in filled.items() if v} | {"remittent"}


def test_a_labelled_postal_address_in_the_answers_paragraph_is_the_answer_address() -> None:
    # findings 6 and 18: "Adress är: …" after "Svar skickas … per mejl eller post", "till postadressen …"
    assert parse_missiv(_DALARNA_OCR).answer_address == "Länsstyrelsen Dalarna, 791 84 Falun"
    halland = _HALLAND + ("\nDen som inte har möjlighet att e-posta kan skicka sitt remissvar till postadressen Region "
                          "Halland, Box 517, 301 80 Halmstad.\n")
    assert parse_missiv(halland).answer_address == "Region Halland, Box 517, 301 80 Halmstad"


@pytest.mark.parametrize("text", [
    "Länsstyrelsen Dalarna\nBesöksadress är: Åsgatan 38, 791 84 Falun\n\nRemiss om X",  # a letterhead's visits
    "Vår adress är: Länsstyrelsen Dalarna, 791 84 Falun.\n\nSvar ska ha kommit in senast den 18 december 2026.",
])
def test_an_address_outside_the_answers_paragraph_is_none(text: str) -> None:
    assert parse_missiv(text).answer_address is None
