"""Round 18 (h-parse18): the fields other than the title, each rule written from one development set's letter and
checked on the others (bench/results-missiv.md, "Round 18, h-parse18").

Each test quotes the lines of a development text (set and id named) of tests/data/missiv; the guards quote letters
where the same kind of words must not change a field.
"""
from __future__ import annotations

from remiss.missiv import parse_missiv
from remiss.missiv.dnr import find_sender_dnr

# fresh3-dev g12 (a relay page): the traffic board's number stands after the remiss's name, with no "Dnr" in front
_G12 = ("Sjötrafikutredningen – remissvar 2\n\nFörsta delen av sjötrafikutredningen har varit ute på remiss.\n\n"
        "Sista datum för ett andra remissvar på Remiss för Sjötrafikutredning del 1 TN 2019-0440 är satt till "
        "2021-09-30.\n\nHHIF remissvar finns här Remissvar HHIF\n")
# fresh11-holdout z15 (a relay page): the nämnd's number in the postal address the answers go to
_Z15 = ("Synpunkter på reservatsförslaget skulle vara inne till Miljö- och Stadsbyggnadsnämnden, NRN 2013/37-265 "
        "Registrator, 131 81 Nacka senast 2014-09-14.\n\nNacka Miljövårdsråds remissvar, 2014-09-14.\n")


def test_a_board_series_number_without_a_cue_is_taken_with_a_warning() -> None:
    for text, number in ((_G12, "TN 2019-0440"), (_Z15, "NRN 2013/37-265")):
        found = parse_missiv(text)
        assert found.sender_dnr == number
        assert any("står utan ledtext" in w for w in found.warnings)


def test_a_cued_number_wins_over_a_cueless_one() -> None:
    text = _G12 + "\nDiarienummer: KS 2021/55\n"
    found = parse_missiv(text)
    assert found.sender_dnr == "KS 2021/55"
    assert not any("står utan ledtext" in w for w in found.warnings)


def test_report_and_statute_series_and_the_receivers_registration_are_no_cueless_number() -> None:
    # dev f12's "(SB PM 2003:2)" and h29's "ELSÄK-FS 2006:1" are a report's and a statute's series (a colon after the
    # year); fresh5 n16's forward note "Diarieförd som KS 2012/118" is the receiving kommun's own registration
    for text in ("Promemorian (SB PM 2003:2) remitteras.", "Ändring i ELSÄK-FS 2006:1 remitteras.",
                 "Remiss Regional cykelstrategi för Sörmland\n\nDiarieförd som KS 2012/118. Vilken nämnd ska svara?"):
        found = find_sender_dnr(text)
        assert found.value is None, text


# Contact headings in a text that lost its line breaks (a PDF or a page flattened to one line by a transcript site,
# as abcdocz and docplayer copies are): the lines of dev d23 (written from), fresh4 h29 and fresh10 k09/k17 joined
def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_contact_heading_run_on_into_the_name_and_telephone() -> None:
    for text, name in (
            ("Du kan lämna synpunkter anonymt.\n\n\nKontakt\n\nMadeleine Turén Liljedahl\n\nPlanarkitekt\n\nTelefon: "
             "0502-60 60 93\n\nE-post: madeleine.turen.liljedahl@toreboda.se\n", "Madeleine Turén Liljedahl"),
            ("som du kan ladda ner längre ner på denna sida.\n\nKontakt\n\nKarin Sjöberg\n\nAvdelningschef\nTelefon: "
             "010-168 05 92\n", "Karin Sjöberg"),
            ("Remissen med missiv och sändlista. Pdf, 491 kB.\n\nEventuella frågor om förslaget:\n\nMartin Rydgren "
             "telefon 010-698 62 50 eller e-post martin.rydgren@trafikverket.se\n", "Martin Rydgren"),
            ("Konferensen kommer att kunna följas via länk.\n\nKontaktpersoner vid frågor\n\nJimmy Nilsson, 010-225 32 "
             "89, jimmy.nilsson@lansstyrelsen.se\n", "Jimmy Nilsson"),
            # fresh4 h36: the role with a comma after it
            ("Läs mer om Länstransportplanen och förslaget här. \n\nKontakt för frågor\n\nFredrik Högberg, "
             "infrastrukturstrateg,\n073-596 72 57,\n", "Fredrik Högberg")):
        assert parse_missiv(text).contact_person == name  # as found
        assert parse_missiv(_flat(text)).contact_person == name  # one line


def test_a_flat_contact_heading_needs_a_telephone_or_a_role_and_never_names_the_head() -> None:
    # fresh11 z11's page footer: "Kontakt\n\nLandshövding\n\nAnders Flanking\n\nBesöksadress …"
    assert parse_missiv(_flat("Kontakt\n\nLandshövding\n\nAnders Flanking\n\nBesöksadress\n\nStorgatan 1\n\n"
                              "Telefon 010-223 40 00\n")).contact_person is None
    # ext-dev x03: round 19 (h-parse19) reads the role after the name as a telephone is read, which gives the
    # annotated contact as the letter as found does; a name with neither after it is still left empty
    assert parse_missiv(_flat("Kontakt med oss\n\nKontakt\n\nViktor Nyberg\nPressekreterare hos civilminister "
                              "Ardalan Shekarabi\n")).contact_person == "Viktor Nyberg"
    assert parse_missiv(_flat("Kontakt med oss\n\nKontakt\n\nViktor Nyberg\nhos civilminister "
                              "Ardalan Shekarabi\n")).contact_person is None


def test_a_regeringen_genre_line_run_on_into_the_text_names_the_department() -> None:
    # fresh5 m34 (written from) and ext-dev3 y01, flattened to one line
    m34 = ("Pressmeddelande från Infrastrukturdepartementet\n\nTomas Eneroth bjuder in till remissmöte om Trafikverkets "
           "förslag. Trafikverket redovisade uppdraget till regeringen den 30 november. Förslaget har sedan skickats på "
           "remiss med sista svarsdag den 28 februari 2022.\n")
    y01 = ("Regeringsuppdrag från Socialdepartementet\n\nÄndring av uppdraget att löpande uppdatera scenarier för "
           "hur covid-19 kan utvecklas. Folkhälsomyndigheten ska redovisa uppdraget. Folkhälsomyndigheten ska "
           "samråda med Socialstyrelsen.\n")
    assert parse_missiv(_flat(m34)).remittent == "Infrastrukturdepartementet"
    assert parse_missiv(_flat(y01)).remittent == "Socialdepartementet"
    # two departments in the genre line: neither is taken from it
    joint = "Pressmeddelande från Socialdepartementet och Finansdepartementet Nya regler remitteras."
    assert parse_missiv(joint).remittent != "Socialdepartementet"


# A PDF's text breaks every line at its column (pdftotext): the answer's sentence then runs over lines. The lines of
# extra x19 (written from), fresh4 h44, fresh10 k14 and fresh6 p07 as a 60-character column breaks them.
def test_a_wrapped_answer_sentence_gives_the_address_and_the_day() -> None:
    for text, address, day in (
            ("Mellan 9 maj och 29 juni är Dalarnas regionala kultur- och\nbildningsplan ute på remiss. Under den "
             "tiden är alla som\nvill välkomna att skicka in skriftliga förslag till\nförbättringar på innehållet. "
             "Förslagen ska ha skickats in\nsenast den 29 juni 2018 till kultur@ltdalarna.se eller\nLandstinget "
             "Dalarna, Kultur- och bildning, Box 712, 791 29 Falun.\n", "kultur@ltdalarna.se", "2018-06-29"),
            ("Handlingsplanen går nu ut på remiss och\ndu har möjlighet att lämna synpunkter. Dina synpunkter ska\n"
             "ha kommit in till rg@regiongavleborg.se senast 26 oktober\n2018.\n", "rg@regiongavleborg.se",
             "2018-10-26"),
            ("Den som vill yttra sig ska göra det skriftligt senast den 31\njanuari 2021, till uppsala@lansstyrelsen.se "
             "eller till\nLänsstyrelsen i Uppsala län, 751 86 Uppsala.\n", "uppsala@lansstyrelsen.se", "2021-01-31"),
            ("Berörda markägare och övriga sakägare bereds härmed\nmöjlighet att yttra sig över förslaget.\n\n"
             "Eventuellt yttrande skall via e-post\n(vastragotaland@lansstyrelsen.se) eller per brev\n(Länsstyrelsen i "
             "Västra Götalands län, 403 40 Göteborg) ha inkommit senast den 3 maj 2021.\n",
             "vastragotaland@lansstyrelsen.se", "2021-05-03")):
        found = parse_missiv(text)
        assert (found.answer_email, found.deadline.isoformat()[:10]) == (address, day), text
        # the evidence is the address where it stands in the text as given
        assert any(e.field == "answer_email" and e.text == address for e in found.evidence)


def test_a_line_break_before_a_capital_or_after_a_colon_is_kept() -> None:
    from remiss.missiv.fields import unwrapped
    text = "Kontakt:\nAnna Berg\nSvar till\nregistrator@x.se\nLänsstyrelsen\n"
    assert unwrapped(text) == "Kontakt:\nAnna Berg\nSvar till registrator@x.se\nLänsstyrelsen\n"
    assert len(unwrapped(text)) == len(text)


def test_a_wrapped_line_before_the_number_still_ties_it_to_its_cue() -> None:
    # ext-dev2 b22 (written from): the remiss's name runs over two lines before its number in brackets;
    # fresh3-holdout g16: a letterhead's "Datum Diarienr 2014-05-21" with the number on the next line
    b22 = ("Socialdepartementet\n\nRemiss av promemorian Ändrade regler om assistansersättning\nvid sjukhusvistelse "
           "(S2027/01882)\n\nRegeringskansliet har fått flera förfrågningar om mer tid.\n")
    g16 = ("1 Energimarknadsinspektionen MISSIVBREV 1(2) Swedish\nEnergy Märkets Inspectorate Datum Diarienr 2014-05-21\n"
           "2014-101636\n\nRemiss av förslag till föreskrifter\n")
    assert parse_missiv(b22).sender_dnr == "S2027/01882"
    assert parse_missiv(g16).sender_dnr == "2014-101636"
