"""walk17 F17: a letter for post addressed to one named instans said "Enligt sändlista" under its address block."""
from __future__ import annotations

import io

from docx import Document

from remiss.documents import render_document, sample_context
from remiss.documents.letters import letters


def test_each_letter_names_its_instans_not_the_sandlista():
    missiv = render_document("missiv", sample_context("missiv"))
    assert "Enligt sändlista" in [p.text for p in Document(io.BytesIO(missiv)).paragraphs]  # the missiv by mail
    data = letters(missiv, [["Pensionärsrådet", "Box 1", "205 00 Malmö"], ["MKB Fastighets AB", "Box 2", "205 00 Malmö"]])
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "Enligt sändlista" not in texts
    first, second = texts.index("Pensionärsrådet"), texts.index("MKB Fastighets AB")
    assert texts[first + 3] == texts[second + 3] == sample_context("missiv")["titel"]  # the title follows the address
    assert "Sändlista" in texts  # the list itself, as a heading at the end, is still true
