"""Convert generated documents to PDF with LibreOffice and count the pages."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from pypdf import PdfReader

from remiss.documents import PdfUnavailable, convert_to_pdf, render_document, sample_context
from remiss.documents import pdf as pdf_module

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice saknas")


def page_numbers(pdf: bytes) -> tuple[int, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), [page.extract_text() for page in reader.pages]


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("kind", ["yttrande", "tjansteskrivelse"])
def test_sample_documents_convert_with_page_fields_filled(kind):
    pdf = convert_to_pdf(render_document(kind, sample_context(kind)))
    assert pdf.startswith(b"%PDF")
    count, texts = page_numbers(pdf)
    assert 1 <= count <= 3
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\b{number} \({count}\)", text), text[:200]  # "PAGE (NUMPAGES)" on each page
    assert "Malmö stad" in texts[0] and sample_context(kind)["titel"] in texts[0]


@pytest.mark.libreoffice
@needs_soffice
def test_long_yttrande_has_expected_page_count():
    ctx = sample_context("yttrande")
    paragraph = "Stadsområdesnämnd Öster föreslår en ökad tydlighet i beskrivningen av förutsättningarna. " * 6
    ctx["fragor"] = [{"fraga": f"Fråga {i}", "svar": [paragraph] * 4} for i in range(1, 7)]
    one = {**ctx, "fragor": ctx["fragor"][:1]}
    count_one, _ = page_numbers(convert_to_pdf(render_document("yttrande", one)))
    count, texts = page_numbers(convert_to_pdf(render_document("yttrande", ctx)))
    assert count_one <= 2 and count >= count_one + 2
    assert all(re.search(rf"\b{n} \({count}\)", t) for n, t in enumerate(texts, start=1))
    assert "Britt-Marie Pettersson" in texts[-1]


def test_missing_soffice_raises_pdf_unavailable(monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        convert_to_pdf(b"PK")
