"""The missiv parser on the layouts of every kind of remittent, from real letters (development part only).

Letters come from tests/data/missiv/kinds/missiv-dev.json; the held-out ones (bench/missiv_eval.py,
holdout_ids) are never used here. Forwarded e-mails are those letters wrapped as Outlook, Gmail and
Apple Mail forward them (bench/missiv_forward.py).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bench.missiv_eval import KINDS_FILE, holdout_ids
from bench.missiv_forward import STYLES, forward
from remiss.missiv import parse_missiv
from remiss.missiv.bodies import _register, body_for_email, canonical_body, find_bodies

LETTERS = json.loads(Path(KINDS_FILE).read_text(encoding="utf-8"))
HELD_OUT = holdout_ids(LETTERS)
DEV = {c["id"]: c for c in LETTERS if c["id"] not in HELD_OUT}


def letter(case_id: str) -> str:
    assert case_id in DEV, f"{case_id} is held out: tests must not be written on it"
    return DEV[case_id]["text"]


def test_the_held_out_part_is_the_documented_one():
    # Fixed before the letters were read: per kind, round(30 %) by sha256("remiss-missiv-holdout:" + id).
    assert sorted(HELD_OUT) == ["d04", "d07", "d09", "d13", "d14", "d19", "d21", "d25", "d26", "d31", "d32",
                                "d36", "d37"]


# --- forwarded e-mails ---------------------------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_forwarded_regeringskansliet_letter_reads_the_innermost_message(style):
    case = forward(DEV["d02"], style)
    result = parse_missiv(case["text"])
    assert result.title.endswith("Förslag om nya energipolitiska mål")
    assert result.answer_email == "kn.remissvar@regeringskansliet.se"  # the instruction, not any sender
    assert result.remittent == "Klimat- och näringslivsdepartementet"
    assert result.sender_dnr == "KN2023/04578"
    assert result.contact_person == "Eva Centeno López"  # named in the letter, before any signature
    assert result.deadline == date(2024, 1, 31)


@pytest.mark.parametrize("style", ["en", "chain", "quoted"])
def test_signature_of_the_inner_message_is_the_contact_person(style):
    case = forward(DEV["d08"], style)
    result = parse_missiv(case["text"])
    assert result.contact_person == case["expected"]["contact_person"]
    assert result.contact_person not in ("Kim Lindqvist", "Anna-Karin Berg", "Bo Ahlström")  # the forwarders
    assert result.answer_email is None  # the letter gives none; the sender's address is not one
    assert result.remittent == "Kulturdepartementet"


def test_swedish_outlook_forward_subject_gives_the_title_and_evidence_points_into_the_mail():
    text = ("Från: Registrator <registrator@vaxjo.se>\nSkickat: den 2 maj 2023 09:14\nTill: Nämndsekreterare\n"
            "Ämne: VB: Remiss – Avfallsplan 2021-2025\n\n" + letter("d16"))
    result = parse_missiv(text)
    assert result.title == "Avfallsplan 2021-2025"
    title = next(e for e in result.evidence if e.field == "title")
    assert text[title.start:title.end] == "Avfallsplan 2021-2025"  # the subject after "VB: Remiss – "
    assert result.answer_email == "samhallsbyggnad@alvesta.se"
    assert result.remittent == "Alvesta kommun"


def test_pdf_transcript_of_an_outlook_mail_with_its_header_on_one_line():
    result = parse_missiv(letter("d15"))
    assert result.title == "Förlängning av skyddsåtgärder av CWD"  # the subject, up to "Bifogade filer:"
    assert result.deadline == date(2017, 12, 14)


def test_quoted_forward_keeps_offsets():
    case = forward(DEV["d29"], "quoted")
    result = parse_missiv(case["text"])
    assert result.answer_email == "dalarna@lansstyrelsen.se"
    evidence = next(e for e in result.evidence if e.field == "answer_email")
    assert case["text"][evidence.start:evidence.end] == "dalarna@lansstyrelsen.se"


# --- web pages of kommuner, regioner, länsstyrelser and myndigheter --------------------------------

@pytest.mark.parametrize("case_id,title", [
    ("d16", "Avfallsplan 2021-2025"),                                  # headline above the text
    ("d17", "Avfallsplan"),                                            # "Kungörelse Samråd och utställning …"
    ("d24", "Länstransportplan 2022-2033"),                            # "… - Remissförslag"
    ("d23", "Bostadsstrategiskt program 2021-2025"),                   # completed from the fuller mention
    ("d33", "Handlingsplan för grön infrastruktur i Gävleborgs län"),  # "… ute på remiss", completed
    ("d27", "Förslag till regional plan för transportinfrastrukturen i Västra Götaland 2018 - 2029"),  # "Remissen gäller"
    ("d40", "föreskrifter om bekämpning av bisjukdomar"),              # "Jordbruksverkets remiss om …."
])
def test_title_from_a_page_headline_or_sentence(case_id, title):
    assert parse_missiv(letter(case_id)).title == title


def test_news_headline_about_a_remiss_is_not_the_title_but_the_proposal_it_names_is():
    # "Kulturpolitiska programmet ut på bredare remiss till alla intresserade" is never taken; round 25 names the
    # proposal the text writes in full ("förslaget till kulturpolitiskt program har tagits fram", title_proposal.py)
    result = parse_missiv(letter("d20"))
    assert result.title == "Förslag till kulturpolitiskt program"
    assert "Ingen ärendemening (titel) hittades." not in result.warnings


@pytest.mark.parametrize("case_id,remittent", [
    ("d30", "Länsstyrelsen i Västra Götalands län"),  # "Länsstyrelsen" qualified by vastragotaland@lansstyrelsen.se
    ("d29", "Länsstyrelsen i Dalarnas län"),          # "Länsstyrelsen Dalarna"
    ("d33", "Länsstyrelsen i Gävleborgs län"),
    ("d22", "Malå kommun"),                           # ks@mala.se
    ("d23", "Tidaholms kommun"),                      # the only body the page names
    ("d27", "Västra Götalandsregionen"),              # on Orust's page: vgregion.se
    ("d28", "Region Västernorrland"),                 # rvn.se
    ("d34", "Havs- och vattenmyndigheten"),
    ("d39", "Naturvårdsverket och Skogsstyrelsen"),   # two bodies send it together
    ("d10", "Finansdepartementet"),
])
def test_remittent_recognised_and_normalised(case_id, remittent):
    assert parse_missiv(letter(case_id)).remittent == remittent


@pytest.mark.parametrize("case_id,dnr", [
    ("d28", "21NHU404"),          # year, unit and number run together
    ("d40", "6.8.16-3611/16"),    # "E-posten ska döpas till ”Dnr. …”"
    ("d39", "SKS 2020/3516"),     # "… i rubrikraden"
    ("d03", "N2017 /06234/MRT"),  # a stray blank before the slash
    ("d08", None),                # "(Ku2023/01161)" refers to the uppdrag, not to this remiss
])
def test_sender_dnr_layouts(case_id, dnr):
    assert parse_missiv(letter(case_id)).sender_dnr == dnr


@pytest.mark.parametrize("case_id,contact", [
    ("d23", "Madeleine Turén Liljedahl"),  # "Kontakt" heading, the name on the next line
    ("d27", "Georgia Larsson"),            # "att: …" in the postal address
    ("d24", "Maud Ericson"),               # the copy address maud.ericson@ and the name written out
    ("d38", "Katarina Abrahamsson"),       # "välkomna att kontakta …", not the signing head of unit
    ("d02", "Eva Centeno López"),
])
def test_contact_person_layouts(case_id, contact):
    assert parse_missiv(letter(case_id)).contact_person == contact


def test_contact_address_on_a_label_line_is_not_the_answer_address():
    assert parse_missiv(letter("d23")).answer_email is None


def test_page_deadline_sentence_about_something_else_is_not_the_deadline():
    # "Senast den 30 april 2022 ska länstransportplanen sändas in till Regeringen"
    assert parse_missiv(letter("d24")).deadline is None


# --- extension notices ------------------------------------------------------------------------------

@pytest.mark.parametrize("case_id,new_date", [
    ("d10", date(2017, 9, 15)),  # "Remisstiden har förlängts. … senast den 15 september 2017"
    ("d11", date(2021, 3, 22)),  # "remisstiden har förlängts med en månad"
    ("d12", date(2020, 5, 13)),  # "Finansdepartementet har förlängt remisstiden"
])
def test_extension_notice_gives_the_new_date(case_id, new_date):
    result = parse_missiv(letter(case_id))
    assert result.extension_to == new_date
    assert result.deadline == new_date
    assert result.to_json()["extension_to"] == new_date.isoformat()
    assert any("förlänger svarstiden" in w for w in result.warnings)


def test_extension_to_a_date_written_after_the_verb():
    text = ("Remiss av Detaljplan för kvarteret Linden, dnr KS 2024/77.\n\nSamrådstiden förlängs till den "
            "30 september 2024. Tidigare sista dag för synpunkter var den 31 augusti 2024.")
    result = parse_missiv(text)
    assert result.extension_to == date(2024, 9, 30)
    assert result.deadline == date(2024, 9, 30)
    assert result.sender_dnr == "KS 2024/77"


def test_an_ordinary_remiss_is_no_extension():
    assert parse_missiv(letter("d01")).extension_to is None
    assert parse_missiv(letter("d01")).to_json()["extension_to"] is None


# --- the register of public bodies ----------------------------------------------------------------

def test_register_holds_every_kommun_lansstyrelse_and_region():
    bodies = set(_register().names.values())
    assert len({b for b in bodies if b.kind == "kommun"}) == 289  # + Region Gotland, kommun and region at once
    assert len({b for b in bodies if b.kind == "lansstyrelse"}) == 21
    assert len({b for b in bodies if b.kind == "region"}) == 21


@pytest.mark.parametrize("written,normalised", [
    ("Länsstyrelsen Jönköping", "Länsstyrelsen i Jönköpings län"),
    ("Länsstyrelsen i Jönköpings län", "Länsstyrelsen i Jönköpings län"),
    ("Region Jönköpings län", "Region Jönköpings län"),
    ("Tidaholm kommun", "Tidaholms kommun"),
    ("Falun kommun", "Falu kommun"),
    ("Västra Götalands regionen", "Västra Götalandsregionen"),
    ("SKR", "Sveriges Kommuner och Regioner"),
    ("Statens jordbruksverk", "Jordbruksverket"),
    ("Kommunstyrelsen", None),
])
def test_canonical_body(written, normalised):
    assert canonical_body(written) == normalised


def test_body_for_email_and_genitive_mentions():
    assert body_for_email("s.remissvar@regeringskansliet.se").name == "Socialdepartementet"
    assert body_for_email("dalarna@lansstyrelsen.se").name == "Länsstyrelsen i Dalarnas län"
    assert body_for_email("kommun.info@sala.se").name == "Sala kommun"
    assert body_for_email("someone@example.com") is None
    names = [m.body.name for m in find_bodies("på Mjölby kommuns hemsida och Havs- och vattenmyndighetens")]
    assert names == ["Mjölby kommun", "Havs- och vattenmyndigheten"]


@pytest.mark.parametrize("subject", ["VB: Remiss", "VB: Remiss från Länsstyrelsen i Västra Götalands län",
                                     "FW: Länsstyrelsen i Västra Götalands län"])
def test_a_subject_that_names_no_matter_leaves_the_title_to_the_letter(subject):
    text = (f"From: Registrator <registrator@lansstyrelsen.se>\nSent: Monday, January 8, 2018 9:14 AM\n"
            f"To: Kommunstyrelsen <ks@example.se>\nSubject: {subject}\n\n" + letter("d30"))
    assert parse_missiv(text).title == "Förslag till naturreservatet Ormo i Kungälvs kommun"


def test_a_caption_above_the_headline_is_skipped_also_with_windows_line_ends():
    # Not the caption "Storgatan i Malå sedd från …": the heading is shouted, so the proposal the page links names it.
    assert parse_missiv(letter("d22").replace("\n", "\r\n")).title == "Bostadsförsörjningsprogrammet för Malå kommun"


def test_letterhead_of_a_pdf_missiv_is_skipped_to_reach_the_title():
    # The order of a Regeringskansliet PDF missiv as text extraction gives it (cf. d05): type, date and dnr,
    # department and unit, handläggare, then the ärendemening.
    head = ("Remiss\n\n2021-02-24\nU2021/01271\n\nUtbildningsdepartementet\nUniversitets- och högskoleenheten\n\n"
            "Anna Berg\n\n")
    # (round 20: the heading is kept whole, "… i fredstid": a name cut after "i" is now no title at all)
    body = letter("d05").split("\n\nFull text", 1)[0].split("\n\n", 1)[1] + "\n\n"
    result = parse_missiv(head + body + "Remissvaren ska ha kommit in till Utbildningsdepartementet senast den "
                          "3 mars 2021.")
    assert result.title.startswith("Möjlighet för regeringen att frångå huvudregeln")
    assert result.sender_dnr == "U2021/01271"
    assert result.remittent == "Utbildningsdepartementet"


@pytest.mark.parametrize("headline,title", [
    ("Avfallsplan för Umeåregionen – samråd", "Avfallsplan för Umeåregionen"),
    ("Samråd: Detaljplan för kvarteret Linden", "Detaljplan för kvarteret Linden"),
    ("Översiktsplan 2040 på granskning", "Översiktsplan 2040"),
    # invitations rather than names (fresh3 round)
    ("Nu är förslaget till ny avfallsplan ute på remiss", "Förslaget till ny avfallsplan"),
    ("Samrådshandling: Vattentjänstplan för Ale kommun", "Vattentjänstplan för Ale kommun"),
    ("Dags att tycka till om den regionala utvecklingsstrategin", "Den regionala utvecklingsstrategin"),
])
def test_procedure_words_around_a_headline_are_dropped(headline, title):
    text = f"{headline}\n\nKommunen vill ha synpunkter på förslaget. Synpunkter lämnas senast den 1 juni 2024."
    assert parse_missiv(text).title == title


def test_kommun_planning_notice_phrasing():
    # Written for this test in the words kommuner use for a detaljplan on granskning.
    text = ("Granskning av detaljplan för kvarteret Eken\n\nSynpunkter ska lämnas skriftligen senast den "
            "15 maj 2024 till Hjo kommun, Samhällsbyggnad, 544 81 Hjo eller kommunen@hjo.se. Frågor om "
            "planförslaget besvaras av planarkitekt Lina Ek, telefon 0503-350 00.")
    result = parse_missiv(text)
    assert result.title == "Detaljplan för kvarteret Eken"
    assert result.answer_email == "kommunen@hjo.se"  # after the postal address: "… eller <e-post>"
    assert result.contact_person == "Lina Ek"          # a role in lower case before the name
    assert result.remittent == "Hjo kommun"
    assert result.deadline == date(2024, 5, 15)


def test_information_is_given_by_a_person():
    assert parse_missiv("Mer information lämnas av Karin Holm, miljöstrateg.").contact_person == "Karin Holm"


def test_body_for_email_reads_the_lan_in_a_longer_address_and_hyphenated_domains():
    assert body_for_email("registrator.stockholm@lansstyrelsen.se").name == "Länsstyrelsen i Stockholms län"
    assert body_for_email("info@upplands-bro.se").name == "Upplands-Bro kommun"
    assert body_for_email("kommun@malung-salen.se").name == "Malung-Sälens kommun"
    assert body_for_email("x@lansstyrelsen.se") is None


def test_invitation_to_samrad_is_a_lead():
    text = "Inbjudan till samråd om Vindbruksplan för Ydre kommun\n\nLämna synpunkter senast den 1 mars 2024."
    assert parse_missiv(text).title == "Vindbruksplan för Ydre kommun"


@pytest.mark.parametrize("sent", ["Skickat: den 28 augusti 2020 10:02", "Sent: Friday, August 28, 2020 10:02 AM"])
def test_the_sent_date_of_a_forward_gives_a_yearless_deadline_its_year(sent):
    # d22 asks for answers "senast torsdagen den 24 september" without a year.
    text = f"Från: Malå kommun <ks@mala.se>\n{sent}\nTill: registrator@vaxjo.se\nÄmne: Remiss\n\n" + letter("d22")
    result = parse_missiv(text)
    assert result.deadline == date(2020, 9, 24)
    assert any("årtal" in w for w in result.warnings)


def test_extension_headline_and_new_last_day():
    text = ("Förlängd remisstid för Vindbruksplan för Ydre kommun\n\nNy sista svarsdag är den 30 september 2024. "
            "Synpunkter lämnas till kommun@ydre.se.")
    result = parse_missiv(text)
    assert result.title == "Vindbruksplan för Ydre kommun"
    assert result.extension_to == date(2024, 9, 30)


def test_labelled_subject_line_of_a_letter():
    text = "Datum 2024-03-01\n\nGäller: Förslag till föreskrifter om eldningsförbud\n\nSvar senast 2024-04-15."
    assert parse_missiv(text).title == "Förslag till föreskrifter om eldningsförbud"


@pytest.mark.parametrize("signature", ["Mvh Anna Berg", "Vänliga hälsningar,\n\nAnna Berg\nMiljöförvaltningen",
                                       "/Anna Berg"])
def test_signature_forms_of_a_short_forwarded_mail(signature):
    text = ("VB: Remiss\n\nFrån: Anna Berg <anna.berg@example.se>\nSkickat: den 2 maj 2024 09:14\nTill: ks@hjo.se\n"
            "Ämne: Remiss: Naturvårdsplan för Hjo kommun\n\nHej! Bifogar remissen. Synpunkter lämnas senast "
            f"den 1 juni 2024 till registrator@example.se.\n\n{signature}\n")
    result = parse_missiv(text)
    assert result.contact_person == "Anna Berg"
    assert result.title == "Naturvårdsplan för Hjo kommun"
    assert result.answer_email == "registrator@example.se"


def _wrapped(text: str, width: int = 80) -> str:
    import textwrap
    return "\n".join("\n".join(textwrap.wrap(line, width)) if len(line) > width else line for line in text.split("\n"))


@pytest.mark.parametrize("case_id", ["d01", "d08", "d11", "d12", "d27", "d33"])
def test_text_wrapped_at_80_columns_keeps_its_title(case_id):
    # PDF extraction and plain-text mail wrap long lines; a title goes on in the next line.
    want = parse_missiv(letter(case_id)).title
    assert want and parse_missiv(_wrapped(letter(case_id))).title == want


@pytest.mark.parametrize("case_id,contact", [("d06", "Stefan Zetterlind"), ("d38", "Katarina Abrahamsson")])
def test_a_name_broken_over_two_lines_is_still_the_contact(case_id, contact):
    assert parse_missiv(_wrapped(letter(case_id))).contact_person == contact


def test_a_wrapped_paragraph_is_no_headline():
    assert parse_missiv(_wrapped(letter("d38"))).title is None  # not "1 I Energimarknadsinspektionen MISSIV (2) …"
