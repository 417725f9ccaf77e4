"""Round 16 (h-parse16): walk 14's letters (finding 8 titles, finding 3 a bare Kommunstyrelsen) and fresh10 k17.

Each test quotes the lines of a walk-14 mail (/tmp/w14/mails/NN-*.eml, read as the Inkorg reads an .eml: its
Subject/From/Date lines above the body) or of a development text (set and id named).
"""
from __future__ import annotations

import pytest

from remiss.missiv import parse_missiv
from remiss.missiv.title import number_only
from remiss.missiv.title_match import names_subject, same_matter


def _mail(subject: str, sender: str, body: str) -> str:
    return f"Subject: {subject}\nFrom: {sender}\nDate: Fri, 04 Dec 2026 10:15:00 +0100\n\n{body}"


# walk14 11-rs: "Ärende:" labels the case's number; the letter's "Remiss:" line is the fuller name
_RS = _mail("Remiss: Regional cykelplan 2027–2030", "Trafikförvaltningen <registrator.rs@regionstockholm.se>",
            "Remiss: Regional cykelplan för Stockholms län 2027–2030\n\nRegion Stockholm\nTrafikförvaltningen\n\n"
            "Remisstid: 1 december 2026 – 12 mars 2027\nÄrende: RS 2026-0789\n\nRegion Stockholm skickar härmed "
            "förslag till regional cykelplan på remiss. Yttrandet ska ha kommit in senast den 12 mars 2027 kl. 16.00.\n\n"
            "Svar skickas till registrator.rs@regionstockholm.se med ärendenummer i ämnesraden.\n")
# walk14 12-vaxjo: the subject is the page heading's first words
_VAXJO = _mail("Tyck till om trafikstrategin", "Växjö kommun <kommun@vaxjo.se>",
               "Hem > Kommun och politik > Remisser\n\nTyck till om trafikstrategin för Växjö kommun\n\n"
               "Senast uppdaterad: 4 december 2026\n\nSamhällsbyggnadsnämnden i Växjö kommun har tagit fram ett förslag "
               "till trafikstrategi. Strategin har stämts av med Trafikverket och Region Kronoberg. Nu vill vi ha dina "
               "synpunkter.\n\nLämna dina synpunkter senast fredag 22 januari 2027.\n\nDnr SBN 2026/112\n\n"
               "Synpunkter skickas till samhallsbyggnad@vaxjo.se.\n")
# walk14 15-norrk: the subject writes the heading's noun in its definite form
_NORRKOPING = _mail("Remiss: Översyn av bostadsförsörjningsprogrammet", "Norrköpings kommun <kommunstyrelsen@norrkoping.se>",
                    "Remiss: Översyn av kommunens bostadsförsörjningsprogram\n\nNorrköpings kommun\nKommunstyrelsen\n"
                    "2026-12-03\n\nKommunfullmäktige beslutade den 14 juni 2021 (KS 2021/0333) att "
                    "bostadsförsörjningsprogrammet ska ses över varje mandatperiod. Kommunstyrelsen remitterar nu förslaget "
                    "till reviderat program.\n\nVårt diarienummer: KS 2026/1204\n\nSvar ska ha kommit in senast den 15 "
                    "februari 2027.\n\nKontaktperson: Elin Sjö, samhällsplanerare, elin.sjo@norrkoping.se\n\n"
                    "Skicka svaret till kommunstyrelsen@norrkoping.se.\n\nMed vänlig hälsning\n\nOlle Holm\n"
                    "Kommunstyrelsens ordförande\n")
# walk14 18-hbg (the lines that matter): a one-word subject and the heading with the sender's place after it
_HBG = _mail("Remiss: Avfallsplan 2027–2032", "Helsingborgs stad <helsingborg@helsingborg.se>",
             "Avfallsplan 2027–2032 för Helsingborgs stad\n\nHelsingborgs stad har tagit fram ett förslag till ny "
             "avfallsplan.\n\nSvara till helsingborg@helsingborg.se senast 31 januari 2027.\n")
# walk14 13-rjl: a one-word subject, the heading "Remiss av förslag till Folkhälsopolicy för Region Jönköpings län"
_RJL = _mail("Remiss Folkhälsopolicy", "Region Jönköpings län <regionen@rjl.se>",
             "Remiss\n\nRegion Jönköpings län\nRegionledningskontoret\n\nRemissen skickades ut 2026-11-30\n"
             "Diarienr: RJL 2026/2345\n\nRemiss av förslag till Folkhälsopolicy för Region Jönköpings län\n\n"
             "Svarsdatum: 2027-02-05\n\nSvaren skickas till regionen@rjl.se\n")


@pytest.mark.parametrize("text, title", [
    (_RS, "Regional cykelplan för Stockholms län 2027–2030"),
    (_VAXJO, "Trafikstrategin för Växjö kommun"),
    (_NORRKOPING, "Översyn av kommunens bostadsförsörjningsprogram"),
    (_HBG, "Avfallsplan 2027–2032 för Helsingborgs stad"),
])
def test_the_body_heading_that_names_the_subject_more_fully_is_the_title(text: str, title: str) -> None:
    assert parse_missiv(text).title == title


def test_a_one_word_subject_keeps_its_form_when_the_heading_puts_words_in_front() -> None:
    # the sets annotate "Länstransportplan 2022-2033" for the heading "Förslag till Länstransportplan 2022-2033"
    # (fresh4 h36) and "ny renhållningsordning" for "Reviderad kungörelse KSRR för ny renhållningsordning" (fresh4
    # h31): words in front are not taken
    assert parse_missiv(_RJL).title == "Folkhälsopolicy"
    assert not same_matter("Länstransportplan 2022-2033", "Förslag till Länstransportplan 2022-2033")
    assert not same_matter("ny renhållningsordning", "Reviderad kungörelse KSRR för ny renhållningsordning")


def test_a_shorter_heading_does_not_replace_a_fuller_subject() -> None:
    # extra x12: subject "Avfallsplan Vara kommun 2018-2028", the page's heading "Avfallsplan"
    assert not same_matter("Avfallsplan Vara kommun 2018-2028", "Avfallsplan")


def test_the_heading_line_is_read_only_for_a_heading_not_a_paragraph() -> None:
    text = ("Kommunen har länge velat tycka till om trafikstrategin, och i höstas beslutade nämnden att ta fram ett nytt "
            "förslag som nu skickas ut till alla berörda i hela länet för synpunkter under vintern.\n")
    start = text.index("trafikstrategin")
    assert not names_subject("Tyck till om trafikstrategin", "Trafikstrategin", text, (start, start + 15))


@pytest.mark.parametrize("value, expected", [
    ("RS 2026-0789", True), ("KS 2026/1204", True), ("Dnr 2026-RUN-1234", True),
    ("SOU 2020:8", False), ("Regional cykelplan 2027–2030", False),
])
def test_a_labelled_number_is_no_title(value: str, expected: bool) -> None:
    assert number_only(value) is expected


def test_a_bare_kommunstyrelsen_gets_the_kommuns_register_name() -> None:
    # walk14 15-norrk: the answer address's domain and the letterhead name the same kommun of the register
    result = parse_missiv(_NORRKOPING)
    assert result.remittent == "Norrköpings kommun"
    assert not any("Kommunstyrelsen" in w for w in result.warnings)
    assert [e.text for e in result.evidence if e.field == "remittent"] == ["Norrköpings kommun"]


_GUESS = ("Texten anger bara Kommunstyrelsen som avsändare; remittenten antas vara kommunen, Norrköpings kommun – "
          "kontrollera (i en remiss inom er egen kommun är Kommunstyrelsen remittent).")


@pytest.mark.parametrize("text", [
    # the letterhead alone (no answer address)
    _NORRKOPING.replace("Skicka svaret till kommunstyrelsen@norrkoping.se.\n\n", ""),
    # the answer address alone (no letterhead)
    _NORRKOPING.replace("Norrköpings kommun\nKommunstyrelsen\n", ""),
    # the kommun named only in passing
    _NORRKOPING.replace("Norrköpings kommun\nKommunstyrelsen\n", "").replace(
        "Skicka svaret till kommunstyrelsen@norrkoping.se.", "Förslaget gäller bostäder i Norrköpings kommun.").replace(
        "elin.sjo@norrkoping.se", "elin.sjo@example.se"),
])
def test_a_kommun_by_one_thing_alone_keeps_the_warning(text: str) -> None:
    result = parse_missiv(text)
    assert result.remittent == "Norrköpings kommun"
    assert _GUESS in result.warnings


def test_a_stadskontoret_under_its_stads_letterhead_is_not_taken_as_sure() -> None:
    # seed MISSBRUK-RIKTLINJER-OSTER-2015 (../shared/cases/seed-cases.json): Malmö's own Stadskontoret remits to the
    # stad's own nämnder, annotated "Kommunstyrelsen (Stadskontoret)": the kommun is a guess, the warning says so
    text = ("Malmö stad Stadskontoret 1 (8) Datum Vår referens Christina Ek Utvecklingssamordnare christina.ek1@malmo.se "
            "Tjänsteskrivelse Förslag till Riktlinjer för Malmö stads missbruks- och beroendevård STK Sammanfattning "
            "Stadskontoret har utarbetat ett förslag till riktlinjer för Malmö stads missbruks- och beroendevård. "
            "Förslag till beslut Vård- och omsorgsberedningen beslutar förslå kommunstyrelsen besluta att godkänna "
            "remissförslaget avseende riktlinjer för missbruks- och beroendevården i Malmö stad och remittera ärendet för "
            "synpunkter till stadsområdesnämnderna och sociala resursnämnden, med svar senast den 30 september")
    result = parse_missiv(text)
    assert any(w.startswith("Texten anger bara Stadskontoret som avsändare; remittenten antas vara kommunen, Malmö stad")
               for w in result.warnings)


def test_a_kommunstyrelsen_with_no_kommun_stays_as_written() -> None:
    # no kommun of the register in the letter or its addresses: perhaps the reader's own nämnd, left as it is
    text = ("Kommunstyrelsen remitterar nu förslaget till reviderat bostadsförsörjningsprogram.\n\n"
            "Svar ska ha kommit in senast den 15 februari 2027.\n")
    assert parse_missiv(text).remittent == "Kommunstyrelsen"


def test_the_day_a_strategy_is_to_be_adopted_is_no_answer_day() -> None:
    # fresh10-holdout k17 (Länsstyrelsen Jämtland): one deadline, no "Flera svarsfrister"
    text = ("Arbetet utgår från regeringsuppdraget att Länsstyrelsen i dialog med andra aktörer ska ta fram nya "
            "långsiktiga regionala energi- och klimatstrategier, som ska antas senast den 15 oktober 2019.\n\n"
            "Möjlighet att lämna synpunkter\n\nLämna synpunkt via e-post till jamtland@lansstyrelsen.se senast "
            "31 maj 2019.\n")
    result = parse_missiv(text)
    assert str(result.deadline) == "2019-05-31"
    assert not any("Flera svarsfrister" in w for w in result.warnings)


def test_two_parts_with_two_days_still_warn() -> None:
    # rk-2017-samling-for-skolan: one part by 5 August, the rest by 1 September: the earliest, with the warning
    text = ("Remissvaren ska ha kommit in till Utbildningsdepartementet senast den 5 augusti 2017 när det gäller avsnitt "
            "8.2. Remissvar på resterande delar ska ha inkommit till Utbildningsdepartementet senast den 1 september "
            "2017.\n")
    result = parse_missiv(text)
    assert str(result.deadline) == "2017-08-05"
    assert any("Flera svarsfrister" in w for w in result.warnings)
