"""Letters and files built for the intake tests: a Regeringskansliet PDF, an e-mail with a PDF attached."""
from __future__ import annotations

import io
from email.message import EmailMessage

import docx

from tests.unit.test_missiv_extract import make_pdf

RK_LINES = [
    "Regeringskansliet",
    "Remiss",
    "2024-02-12",
    "Fi2024/00345",
    "Finansdepartementet",
    "Skatte- och tullavdelningen",
    "Remiss av promemorian Sänkt skatt på arbetsinkomster",
    "Remissinstanser",
    "1. Arbetsgivarverket",
    "2. Ekonomistyrningsverket",
    "3. Försäkringskassan",
    "4. Kammarrätten i Stockholm",
    "5. Skatteverket",
    "6. Statskontoret",
    "7. Sveriges Kommuner och Regioner",
    "8. Tjänstemännens Centralorganisation",
    "Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024.",
    "Svaren bör lämnas per e-post till fi.remissvar@regeringskansliet.se med kopia till",
    "anna.lind@regeringskansliet.se.",
    "Ange diarienummer Fi2024/00345 och remissinstansens namn i ämnesraden.",
    "Kontaktperson: Anna Lind",
]
RK_SANDLISTA = ["Arbetsgivarverket", "Ekonomistyrningsverket", "Försäkringskassan", "Kammarrätten i Stockholm",
                "Skatteverket", "Statskontoret", "Sveriges Kommuner och Regioner",
                "Tjänstemännens Centralorganisation"]


def rk_pdf() -> bytes:
    """Return a two-page Regeringskansliet-style remiss PDF with a text layer."""
    return make_pdf([RK_LINES[:13], RK_LINES[13:]])


def promemoria_pdf() -> bytes:
    """Return a remisshandling that is not the missiv: more text, few registration fields."""
    return make_pdf([["Promemoria", "Sänkt skatt på arbetsinkomster", "Lagen träder i kraft den 1 januari 2025."]])


def eml_with_pdf(pdf: bytes, *, body: str = "Hej! Bifogat finns en remiss från Finansdepartementet.") -> bytes:
    """Return an e-mail carrying pdf as Fi2024-00345 Remiss.pdf plus a promemoria."""
    message = EmailMessage()
    message["Subject"] = "VB: Remiss av promemorian Sänkt skatt på arbetsinkomster"
    message["From"] = "registrator@regeringskansliet.se"
    message["To"] = "kommunstyrelsen@malmo.se"
    message["Date"] = "Mon, 12 Feb 2024 10:00:00 +0100"
    message.set_content(body)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="Fi2024-00345 Remiss.pdf")
    message.add_attachment(promemoria_pdf(), maintype="application", subtype="pdf", filename="Promemoria.pdf")
    message.add_attachment(b"MZ\x00\x01", maintype="application", subtype="octet-stream", filename="program.exe")
    return bytes(message)


def missiv_docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
