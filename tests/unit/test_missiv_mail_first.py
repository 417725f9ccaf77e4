"""A missiv sent as an .eml with a PDF attached: when the mail's body is the letter, its subject, body and Date come
first and the attachment only fills what the mail leaves empty (walk27 Y9, the walk's own mail and files)."""
from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage

from remiss.intake.untrusted import best_parse
from tests.unit.test_missiv_extract import make_pdf

BODY = """Hej,

Kulturnämnden remitterar härmed förslaget till Handlingsplan för bibliotek 2027 till Stadsområdesnämnd Öster.
Dnr KN-2026-777.

Svaret ska vara Kulturnämnden tillhanda senast den 5 mars kl. 12.00. Svar lämnas till kulturnamnden@malmo.example.

Med vänliga hälsningar
Ivana Baukart
"""
PLAN = ["Handlingsplan for bibliotek 2027", "Inledning", "Biblioteken ska vara oppna for alla."]
# an unrelated yttrande, as the walk attached it: its date, number, "Malmö stad" and heading are not the mail's
YTTRANDE = ["Malmö stad", "Stadsområdesnämnd Öster", "Yttrande 1 (1)", "Datum", "6 december 2026", "Diarienummer",
            "SOFÖ 2026/0006", "Till Kulturnämnden", "Förslag till kulturpolitiskt program 2027–2030",
            "Er beteckning: KN-2026-1234", "Stadsområdesnämnd Öster har beslutat att lämna följande yttrande:"]


def mail(pdf_lines: list[str], *, body: str = BODY) -> bytes:
    message = EmailMessage()
    message["From"] = "Kulturförvaltningen <kultur@malmo.example>"
    message["To"] = "son.oster@remiss.example"
    message["Subject"] = "Remiss - Handlingsplan för bibliotek 2027 (1/2)"
    message["Date"] = "Thu, 03 Dec 2026 10:00:00 +0100"
    message.set_content(body)
    message.add_attachment(make_pdf([pdf_lines]), maintype="application", subtype="pdf",
                           filename="Handlingsplan bibliotek.pdf")
    return bytes(message)


def read(data: bytes) -> dict:
    from remiss.intake.formats import read_document

    document = read_document(data, "missiv.eml")
    return best_parse([("missiv.eml", document.text, [h.to_json() for h in document.hints])], None)


def test_the_mails_subject_is_the_title_and_its_date_the_letters():
    parsed = read(mail(PLAN))
    assert parsed["values"]["title"] == "Handlingsplan för bibliotek 2027"
    assert "Bilaga" not in parsed["values"]["title"]
    assert parsed["values"]["letter_date"] == "2026-12-03"
    assert parsed["values"]["remittent"] == "Kulturnämnden"


def test_an_attachments_date_number_and_town_lose_to_the_mail():
    parsed = read(mail(YTTRANDE))
    values = parsed["values"]
    assert values["title"] == "Handlingsplan för bibliotek 2027"
    assert values["letter_date"] == "2026-12-03"
    assert values["remittent"] == "Kulturnämnden"
    assert values["sender_dnr"] == "KN-2026-777"
    assert not any("Flera diarienummer" in w for w in parsed["warnings"])


def test_a_cover_notes_attached_letter_gives_the_fields():
    # round 28: "Se bifogad remiss" is a cover note; the attached file carries the marks of a remiss letter and is
    # read first (remiss.missiv.letter_part), so its own date is Missivets datum, not the mail's
    body = "Hej,\n\nSe bifogad remiss.\n\nMed vänliga hälsningar\nIvana Baukart\n"
    letter = ["Remiss", "Datum 20 november 2026", "Dnr KN-2026-777", "Handlingsplan för bibliotek 2027",
              "Kulturnämnden remitterar förslaget till Stadsområdesnämnd Öster.",
              "Svaret ska vara Kulturnämnden tillhanda senast den 5 mars 2027 kl. 12.00."]
    parsed = read(mail(letter, body=body))
    values = parsed["values"]
    assert values["sender_dnr"] == "KN-2026-777"
    assert (values["deadline_on"], values["deadline_time"]) == ("2027-03-05", "12.00")
    assert values["remittent"] == "Kulturnämnden"
    assert values["letter_date"] == "2026-11-20"
    assert any("första hand ur bilagan Handlingsplan bibliotek.pdf" in w for w in parsed["warnings"])
    # the letter's first line is its title, and the cover's subject names the same matter: nothing left to check
    assert values["title"] == "Handlingsplan för bibliotek 2027"
    assert not any("togs från textens rubrik" in w for w in parsed["warnings"])
    assert not any("Inget diarienummer" in w for w in parsed["warnings"])
    text = parsed["text"]
    for item in parsed["result"]["evidence"]:  # the attachment's evidence still points into the whole text
        assert text[item["start"]:item["end"]] == item["text"]
