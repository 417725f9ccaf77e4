"""Which part of a mailed missiv is the letter (round 28, remiss.missiv.letter_part): a short cover mail with the
missiv attached is read attachment first; a forwarded missiv text with an appendix attached is read mail first (walk27
Y9); a mail and an attachment saying the same thing give no warning of a conflict."""
from __future__ import annotations

import io
from email.message import EmailMessage

import docx

from remiss.intake.untrusted import best_parse
from remiss.missiv.letter_part import LETTER, attachment_is_letter, letter_score
from tests.unit.test_missiv_extract import make_pdf

TITLE = "Förslag till Handlingsplan för bibliotek 2027"
# the missiv itself, as Kulturnämnden writes it
MISSIV = [
    ("Normal", "Kulturnämnden"),
    ("Normal", "Datum 2026-11-20"),
    ("Normal", "Dnr KN-2026-777"),
    ("Normal", "Till remissinstanserna enligt sändlista"),
    ("Heading 1", "Remiss av förslag till Handlingsplan för bibliotek 2027"),
    ("Normal", "Kulturnämnden remitterar härmed förslaget till Handlingsplan för bibliotek 2027 för yttrande. "
               "Planen beskriver hur stadens bibliotek ska utvecklas under 2027."),
    ("Normal", "Svaren ska ha kommit in till Kulturnämnden senast den 5 mars 2027 kl. 12.00. Svaren skickas till "
               "kulturnamnden@malmo.example med angivande av diarienummer KN-2026-777."),
    ("Normal", "Frågor om remissen besvaras av Ivana Baukart, ivana.baukart@malmo.example."),
    ("Heading 2", "Sändlista"),
    ("Normal", "Stadsområdesnämnd Öster"),
    ("Normal", "Stadsområdesnämnd Väster"),
    ("Normal", "Fritidsnämnden"),
    ("Normal", "Med vänlig hälsning"),
    ("Normal", "Ivana Baukart"),
]
# what a registrator writes above it: a greeting, a deadline of her own wish, a signature
COVER = """Hej!

Bifogat finns Kulturnämndens remiss om bibliotekens handlingsplan. Svara gärna senast den 1 mars.

Med vänlig hälsning
Lena Registrator
Kulturförvaltningen, Malmö stad
"""
# an appendix to a forwarded missiv: its own date, number and heading are the promemoria's, not the letter's
PROMEMORIA = ["Promemoria", "2026-10-14", "Diarienummer KF-2026-0412", "Bibliotekens öppettider 2027",
              "Kulturförvaltningen har sett över öppettiderna vid stadens bibliotek.",
              "Förvaltningen föreslår längre öppettider på kvällstid vid fem bibliotek."]


def missiv_docx() -> bytes:
    document = docx.Document()
    for style, text in MISSIV:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def missiv_text() -> str:
    return "\n\n".join(text for _, text in MISSIV)


def mail(subject: str, body: str, attachment: bytes, filename: str, *more: tuple[bytes, str]) -> bytes:
    message = EmailMessage()
    message["From"] = "Kulturförvaltningen <kultur@malmo.example>"
    message["To"] = "son.oster@remiss.example"
    message["Subject"] = subject
    message["Date"] = "Thu, 03 Dec 2026 10:00:00 +0100"
    message.set_content(body)
    for data, name in ((attachment, filename), *more):
        subtype = "pdf" if name.endswith(".pdf") else "vnd.openxmlformats-officedocument.wordprocessingml.document"
        message.add_attachment(data, maintype="application", subtype=subtype, filename=name)
    return bytes(message)


def read(data: bytes) -> dict:
    from remiss.intake.formats import read_document

    document = read_document(data, "missiv.eml")
    return best_parse([("missiv.eml", document.text, [h.to_json() for h in document.hints])], None)


def test_a_cover_mails_attached_missiv_gives_its_date_title_and_deadline():
    parsed = read(mail("Remiss från Kulturnämnden", COVER, missiv_docx(), "Missiv handlingsplan.docx"))
    values = parsed["values"]
    assert values["title"] == TITLE  # not the cover's subject
    assert values["letter_date"] == "2026-11-20"  # the letter's date, not the mail's 3 December
    assert (values["deadline_on"], values["deadline_time"]) == ("2027-03-05", "12.00")  # not the cover's 1 mars
    assert values["answer_email"] == "kulturnamnden@malmo.example"
    assert values["sender_dnr"] == "KN-2026-777"
    assert values["remittent"] == "Kulturnämnden"
    assert "Stadsområdesnämnd Öster" in values["sandlista"]
    warnings = parsed["warnings"]
    assert any("första hand ur bilagan Missiv handlingsplan.docx" in w and "följemeddelande" in w for w in warnings)
    # the cover's own wish is not lost: it is named beside the letter's day
    assert any(w.startswith("E-postmeddelandet anger en annan svarsfrist (1 mars 2027)") for w in warnings)
    text = parsed["text"]
    for item in parsed["result"]["evidence"]:  # the letter's evidence points into the whole read text
        assert text[item["start"]:item["end"]] == item["text"]
    assert any(item["field"] == "deadline" and "5 mars 2027" in item["text"] for item in parsed["result"]["evidence"])


def test_a_cover_mails_date_fills_an_undated_attached_missiv_and_says_so():
    undated = [line for style, line in MISSIV if not line.startswith("Datum")]
    parsed = read(mail("Remiss från Kulturnämnden", COVER, make_pdf([undated]), "Missiv.pdf"))
    assert parsed["values"]["letter_date"] == "2026-12-03"
    assert parsed["values"]["title"] == TITLE
    assert any(w.startswith("Missivets datum hämtades ur e-postmeddelandet, eftersom bilagan Missiv.pdf inte anger")
               for w in parsed["warnings"])


def test_the_missiv_among_attachments_is_the_letter_though_not_the_first():
    parsed = read(mail("Remiss från Kulturnämnden", COVER, make_pdf([PROMEMORIA]), "Promemoria öppettider.pdf",
                       (missiv_docx(), "Missiv handlingsplan.docx")))
    values = parsed["values"]
    assert values["title"] == TITLE
    assert values["letter_date"] == "2026-11-20"
    assert values["sender_dnr"] == "KN-2026-777"
    assert any("första hand ur bilagan Missiv handlingsplan.docx" in w for w in parsed["warnings"])


def test_a_cover_mail_stays_the_letter_beside_an_attachment_with_no_marks_of_one():
    report = ["Biblioteksrapport 2026", "2026-10-01", "Besöken ökade med fyra procent under året."]
    parsed = read(mail("Remiss - Handlingsplan för bibliotek 2027", "Hej,\n\nSe bifogat.\n\nMvh\nLena\n",
                       make_pdf([report]), "Rapport.pdf"))
    assert parsed["values"]["title"] == "Handlingsplan för bibliotek 2027"  # the subject, not the report's line
    assert parsed["values"]["letter_date"] == "2026-12-03"
    assert not any("första hand" in w for w in parsed["warnings"])


def test_a_forwarded_missiv_in_the_body_wins_over_an_attached_promemoria():
    body = "Hej,\n\nVidarebefordrar remissen nedan.\n\n" + missiv_text()
    parsed = read(mail("VB: Remiss av förslag till Handlingsplan för bibliotek 2027", body,
                       make_pdf([PROMEMORIA]), "Promemoria öppettider.pdf"))
    values = parsed["values"]
    assert values["title"] == TITLE
    assert values["letter_date"] == "2026-11-20"
    assert values["sender_dnr"] == "KN-2026-777"
    assert (values["deadline_on"], values["deadline_time"]) == ("2027-03-05", "12.00")
    assert not any("första hand ur bilagan" in w for w in parsed["warnings"])
    assert not any("Flera diarienummer" in w for w in parsed["warnings"])


def test_an_appendixs_other_deadline_is_named_beside_the_letters():
    appendix = [*PROMEMORIA, "Förvaltningen vill ha synpunkter på öppettiderna senast den 1 februari 2027."]
    body = "Hej,\n\nVidarebefordrar remissen nedan.\n\n" + missiv_text()
    parsed = read(mail("VB: Remiss av förslag till Handlingsplan för bibliotek 2027", body,
                       make_pdf([appendix]), "Promemoria Öppettider.pdf"))
    assert (parsed["values"]["deadline_on"], parsed["values"]["deadline_time"]) == ("2027-03-05", "12.00")
    assert ("Bilagan Promemoria Öppettider.pdf anger en annan svarsfrist (1 februari 2027) än e-postmeddelandet "
            "(5 mars 2027 kl. 12.00); kontrollera vilken som gäller.") in parsed["warnings"]


def test_a_mail_and_an_attachment_saying_the_same_give_no_conflict():
    body = "Hej,\n\n" + missiv_text()
    parsed = read(mail("Remiss av förslag till Handlingsplan för bibliotek 2027", body, missiv_docx(),
                       "Missiv handlingsplan.docx"))
    values = parsed["values"]
    assert values["title"] == TITLE
    assert values["letter_date"] == "2026-11-20"
    assert (values["deadline_on"], values["deadline_time"]) == ("2027-03-05", "12.00")
    assert values["sender_dnr"] == "KN-2026-777"
    for words in ("annan svarsfrist", "hämtades ur", "Flera diarienummer", "första hand"):
        assert not any(words in w for w in parsed["warnings"]), (words, parsed["warnings"])


def test_the_score_names_its_marks():
    assert letter_score(COVER).points < LETTER  # "senast den 1 mars" alone makes no letter
    letter = letter_score(missiv_text())
    assert set(letter.marks) == {"svarsfrist", "remissord", "remissinstanser", "diarienummer", "svarsadress", "datum"}
    assert attachment_is_letter(letter_score(COVER), letter)
    assert not attachment_is_letter(letter, letter)  # a tie leaves the mail's body the letter
    assert not attachment_is_letter(letter_score(missiv_text()), letter_score("\n".join(PROMEMORIA)))
    # a report's "senast 2030" is no answer day, and its marks far down are not read
    report = "Rapport 2026-10-01\nMålet ska nås senast 2030.\n" + "Text om biblioteken. " * 600 + "Remissinstanser"
    assert letter_score(report).marks == ("datum",)
