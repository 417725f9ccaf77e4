"""Letters and files built for the intake tests: a Regeringskansliet PDF, an e-mail with a PDF attached."""
from __future__ import annotations

import io
import re
from email.message import EmailMessage

import docx

from tests.unit.test_missiv_extract import make_pdf, write_pdf

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


def rk_msg() -> bytes:
    """Return the Regeringskansliet remiss forwarded from Outlook as a .msg, the missiv PDF attached."""
    from aspose.email_foss import msg

    message = msg.MapiMessage.create("VB: Remiss av promemorian Sänkt skatt på arbetsinkomster",
                                     "Hej!\nSe bifogad remiss från Finansdepartementet.\n\nMvh Kansliet")
    message.set_property(msg.PropertyId.SENDER_NAME, "Registrator Regeringskansliet")
    message.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, "registrator@regeringskansliet.se")
    message.add_recipient("kommunstyrelsen@malmo.se", display_name="Kommunstyrelsen")
    message.add_attachment("Fi2024-00345 Remiss.pdf", rk_pdf(), mime_type="application/pdf")
    return msg.MsgWriter.to_bytes(message.to_msg_document())


def rk_webpage() -> bytes:
    """Return the remiss as regeringen.se shows it, saved from the browser: menus, the letter, a footer."""
    menu = "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in ("Regeringen", "Remisser", "Pressmeddelanden",
                                                                  "Kontakt", "Om webbplatsen", "Fi2099/99999"))
    letter = "".join(f"<li>{line.split('. ', 1)[1]}</li>" if re.match(r"\d+\. ", line) else f"<p>{line}</p>"
                     for line in RK_LINES)
    page = (f"<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Remiss - Regeringen.se</title>"
            f"<script>window.dataLayer=[];</script><style>p{{margin:0}}</style></head><body>"
            f"<header><nav><ul>{menu}</ul></nav><p>Sök på regeringen.se</p></header>"
            f"<main id='content'><h1>Remiss av promemorian Sänkt skatt på arbetsinkomster</h1>{letter}</main>"
            f"<aside><h2>Relaterat</h2><p>Remiss av promemorian Något annat, svar senast 1 juni 2024</p></aside>"
            f"<footer><p>Regeringskansliet, 103 33 Stockholm. Telefon 08-405 10 00. "
            f"webmaster@regeringskansliet.se</p></footer></body></html>")
    return page.encode("utf-8")


def scanned_pdf(pdf: bytes, *, resolution: int = 150) -> bytes:
    """Return pdf as a scanner gives it: each page an image (drawn by poppler's pdftoppm), no text layer."""
    import subprocess
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    for number in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1):
        pgm = subprocess.run(["pdftoppm", "-r", str(resolution), "-gray", "-f", str(number), "-l", str(number),
                              "-singlefile", "-"], input=pdf, capture_output=True, check=True).stdout
        magic, width, height, maxval, pixels = pgm.split(maxsplit=4)
        assert magic == b"P5" and maxval == b"255"
        width, height = int(width), int(height)
        image = DecodedStreamObject()
        image.set_data(pixels[:width * height])
        image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                      NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
                      NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                      NameObject("/BitsPerComponent"): NumberObject(8)})
        points = (width * 72 / resolution, height * 72 / resolution)
        page = writer.add_blank_page(*points)
        content = DecodedStreamObject()
        content.set_data(f"q {points[0]:.2f} 0 0 {points[1]:.2f} 0 0 cm /Im0 Do Q".encode())
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
            {NameObject("/Im0"): writer._add_object(image.flate_encode())})})
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/MediaBox")] = ArrayObject([NumberObject(0), NumberObject(0),
                                                     NumberObject(round(points[0])), NumberObject(round(points[1]))])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_with_paragraphs(count: int) -> bytes:
    """Return a small .docx whose body holds count empty paragraphs (the decompression attack of issue 19)."""
    import zipfile

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
                         '.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>' + "<w:p></w:p>" * count
                         + "</w:body></w:document>")
    return out.getvalue()


def layout_pdf(lines: list[tuple[float, str]], *, title: str | None = None, author: str | None = None) -> bytes:
    """Return a one-page PDF with each (font size, text) line drawn at its size, and document information."""
    from pypdf import PdfReader, PdfWriter

    body, y = ["BT"], 800.0
    for size, line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        body.append(f"/F1 {size:g} Tf 1 0 0 1 50 {y:g} Tm ({escaped}) Tj")
        y -= size * 1.4
    body.append("ET")
    stream = "\n".join(body).encode("cp1252")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 3 0 R >> >> >>"]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(write_pdf(objects))))
    info = {key: value for key, value in (("/Title", title), ("/Author", author)) if value}
    if info:
        writer.add_metadata(info)
    saved = io.BytesIO()
    writer.write(saved)
    return saved.getvalue()


def heading_docx(before: list[str], heading: str, after: list[str], *, core_title: str = "") -> bytes:
    """Return a Word letter whose heading is a Heading 1 paragraph below its letterhead lines."""
    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    document.add_paragraph(heading, style="Heading 1")
    for line in after:
        document.add_paragraph(line)
    document.core_properties.title = core_title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
