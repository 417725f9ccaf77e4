"""The letters to print as one PDF with the remisshandlingar after them (walk12b #13: a letter cannot carry the
files a mail has attached, and the PDF had only the letters)."""
from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from remiss.documents import PdfUnavailable, convert_all_to_pdf, convert_to_pdf
from remiss.documents.letters import split_letters

DOCX_SUFFIX = ".docx"


def with_handlingar(letters_docx: bytes, handlingar: list[tuple[str, bytes]]) -> tuple[bytes, list[str]]:
    """The letters as PDF, then each remisshandling (a PDF as it is, a Word file converted): one copy to print
    with each letter. Returns the PDF and the names of the handlingar that could not be put in it (another kind
    of file, or one that cannot be read), which are to be printed on their own."""
    writer = PdfWriter()
    # each letter a document of its own, so "1 (2)" counts that letter's pages (walk17 F17); all of them in one
    # LibreOffice run, which starts once instead of once per letter
    for pdf in convert_all_to_pdf(split_letters(letters_docx)):
        writer.append(PdfReader(io.BytesIO(pdf)))
    left_out: list[str] = []
    for filename, data in handlingar:
        try:
            if filename.lower().endswith(".pdf"):
                pages = PdfReader(io.BytesIO(data), strict=False)
            elif filename.lower().endswith(DOCX_SUFFIX):
                pages = PdfReader(io.BytesIO(convert_to_pdf(data)))
            else:
                left_out.append(filename)
                continue
            if not len(pages.pages):
                raise PyPdfError("no pages")
            writer.append(pages)
        except PdfUnavailable:
            raise
        except Exception:  # noqa: BLE001 - a broken uploaded file gives many kinds of errors from pypdf and zlib
            left_out.append(filename)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), left_out
