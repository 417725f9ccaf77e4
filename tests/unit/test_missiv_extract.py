"""Text extraction from .txt, .pdf, .docx and .eml missiv files, and robustness of the parser."""
from __future__ import annotations

import io
from datetime import date, datetime
from email.message import EmailMessage

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from remiss.missiv import extract_text, parse_missiv


def make_pdf(pages: list[list[str]]) -> bytes:
    """Return a minimal PDF (Helvetica, WinAnsi) with one text line per string."""
    objects: list[bytes] = []
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for lines in pages:
        body = ["BT /F1 11 Tf 14 TL 50 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            body.append(f"({escaped}) Tj T*")
        body.append("ET")
        stream = "\n".join(body).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return write_pdf(objects)


def write_pdf(objects: list[bytes]) -> bytes:
    """Return a PDF of the numbered objects (1: the catalog), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Remiss angående Förslag till ny avfallsplan")
    document.add_paragraph("Svaret ska vara Kommunstyrelsen tillhanda senast den 3 juni 2021.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Diarienummer"
    table.cell(0, 1).text = "KS 2021/123"
    table.cell(1, 0).text = "Handläggare"
    table.cell(1, 1).text = "Lisa Berg"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF_LINES = ["Remissvaren ska ha kommit in till Finansdepartementet senast den 15 maj 2024.",
             "Ange diarienummer Fi2024/01234 i ämnesraden."]


def test_txt_utf8_and_cp1252():
    text = "Svaret ska vara oss tillhanda senast den 3 juni 2021 kl. 12.00"
    assert extract_text(text.encode("utf-8"), "missiv.txt").text == text
    assert extract_text(text.encode("cp1252"), "MISSIV.TXT").text == text


def test_pdf_extraction():
    data = make_pdf([PDF_LINES, ["Sida 2"]])
    text = extract_text(data, "missiv.pdf").text
    result = parse_missiv(text)
    assert result.deadline == date(2024, 5, 15)
    assert result.sender_dnr == "Fi2024/01234"
    assert result.remittent == "Finansdepartementet"


def test_docx_paragraphs_and_tables():
    text = extract_text(make_docx(), "missiv.docx").text
    assert "KS 2021/123" in text and "Lisa Berg" in text
    result = parse_missiv(text)
    assert result.deadline == date(2021, 6, 3)
    assert result.sender_dnr == "KS 2021/123"
    assert result.contact_person == "Lisa Berg"


def test_eml_with_pdf_and_docx_attachments():
    message = EmailMessage()
    message["Subject"] = "Remiss: Nya regler för skatt"
    message["From"] = "registrator@example.se"
    message.set_content("Hej!\nHärmed översänds remissen. Se bilagorna.\n")
    message.add_attachment(make_pdf([PDF_LINES]), maintype="application", subtype="pdf", filename="missiv.pdf")
    message.add_attachment(
        make_docx(), maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename="sandlista.docx",
    )
    document = extract_text(message.as_bytes(), "remiss.eml")
    assert [a.filename for a in document.attachments] == ["missiv.pdf", "sandlista.docx"]
    assert document.attachments[0].content_type == "application/pdf"
    assert document.attachments[0].data.startswith(b"%PDF")
    assert "Härmed översänds remissen" in document.text
    assert "Fi2024/01234" in document.text and "KS 2021/123" in document.text
    assert parse_missiv(document.text).deadline == date(2021, 6, 3) or parse_missiv(document.text).deadline == date(2024, 5, 15)


def test_eml_html_body_is_stripped():
    message = EmailMessage()
    message.set_content("<p>Sista dag att svara &auml;r den 11 juni 2021.</p>", subtype="html")
    text = extract_text(message.as_bytes(), "a.eml").text
    assert "<p>" not in text and "är den 11 juni 2021" in text


def test_unknown_type_raises_swedish_value_error():
    with pytest.raises(ValueError, match="stöds inte"):
        extract_text(b"x", "missiv.xlsx")


def test_broken_pdf_raises_swedish_value_error():
    with pytest.raises(ValueError, match="PDF-filen"):
        extract_text(b"%PDF-1.4\nthis is not a pdf", "trasig.pdf")


def test_encrypted_pdf_raises_swedish_value_error():
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf([PDF_LINES]))).pages:
        writer.add_page(page)
    writer.encrypt("hemligt")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValueError, match="PDF-filen"):
        extract_text(out.getvalue(), "krypterad.pdf")


def test_broken_docx_raises_swedish_value_error():
    with pytest.raises(ValueError, match="Word-filen"):
        extract_text(b"PK\x03\x04 not really", "trasig.docx")


FRAGMENTS = st.sampled_from([
    "senast den ", "tillhanda senast ", "kl. ", "12.00", "2024-02-30", "31", " maj", " 2024", "11/3-10",
    "Dnr ", "KS-2021-", "Remissinstanser\n", "1. ", "\n", "Frågor:\n", "?", "träder i kraft den ",
    "pågår från 2 mars till ", "den 29 februari", "@", "e-post till a@b.se", "Sista dag att svara är den ",
])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)),
       st.one_of(st.none(), st.dates()))
def test_parser_never_raises_and_deadline_is_valid(text, reference):
    result = parse_missiv(text, reference_date=reference)
    assert result.deadline is None or isinstance(result.deadline, (date, datetime))
    data = result.to_json()
    if data["deadline"]:
        if "T" in data["deadline"]:
            datetime.fromisoformat(data["deadline"])
        else:
            date.fromisoformat(data["deadline"])
    for item in result.evidence:
        assert text[item.start:item.end] == item.text
