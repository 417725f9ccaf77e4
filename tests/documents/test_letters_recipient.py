"""walk17 F17: a letter for post addressed to one named instans said "Enligt sändlista" under its address block, and
the letters' headers counted the pages of them all."""
from __future__ import annotations

import io
import re
import shutil

import pytest
from docx import Document
from docx.oxml.ns import qn

from remiss.documents import render_document, sample_context
from remiss.documents.letters import letters
from remiss.outgoing import printing
from tests.documents.test_pdf import page_numbers


def test_each_letter_names_its_instans_not_the_sandlista():
    missiv = render_document("missiv", sample_context("missiv"))
    assert "Enligt sändlista" in [p.text for p in Document(io.BytesIO(missiv)).paragraphs]  # the missiv by mail
    data = letters(missiv, [["Pensionärsrådet", "Box 1", "205 00 Malmö"], ["MKB Fastighets AB", "Box 2", "205 00 Malmö"]])
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Enligt sändlista" not in texts
    first, second = texts.index("Pensionärsrådet"), texts.index("MKB Fastighets AB")
    assert texts[first + 3] == texts[second + 3] == sample_context("missiv")["titel"]  # the title follows the address
    assert "Sändlista" in texts  # the list itself, as a heading at the end, is still true


def test_each_letter_is_a_section_of_its_own_counting_its_own_pages():
    """walk17 F17: the second letter began on "3 (4)" under the light header (no date, no diarienummer), and the
    first said "1 (4)" of its two pages."""
    missiv = render_document("missiv", sample_context("missiv"))
    doc = Document(io.BytesIO(letters(missiv, [["A", "Box 1"], ["B", "Box 2"], ["C", "Box 3"]])))
    assert len(doc.sections) == 3 and all(s.different_first_page_header_footer for s in doc.sections)
    starts = [s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) for s in doc.sections]
    assert starts == ["1", "1", "1"]
    fields = [e.text.strip() for e in doc.sections[0].first_page_header._element.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "SECTIONPAGES"]  # Word counts one letter's pages


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice saknas")
def test_the_pdf_of_letters_numbers_each_letter_by_itself():
    missiv = render_document("missiv", sample_context("missiv"))
    data = letters(missiv, [["Pensionärsrådet", "Box 1"], ["MKB Fastighets AB", "Box 2"]])
    pdf, left_out = printing.with_handlingar(data, [])
    count, texts = page_numbers(pdf)
    marks = [re.search(r"\b(\d) \((\d)\)", text).groups() for text in texts]
    assert count == 4 and marks == [("1", "2"), ("2", "2"), ("1", "2"), ("2", "2")], marks
    assert "Diarienummer" in texts[2] and "MKB Fastighets AB" in texts[2]  # the second letter's own first page
