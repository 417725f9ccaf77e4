"""The letters by post as one PDF: every letter's pages in order, each counting its own pages, made by ONE
LibreOffice run for all the letters (a sändlista of 40 postal instanser started LibreOffice 40 times)."""
from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess

import pytest
from pypdf import PdfReader

from remiss.documents import PdfUnavailable, convert_all_to_pdf, render_document, sample_context
from remiss.documents import pdf as pdf_module
from remiss.documents.letters import letters
from remiss.outgoing import printing

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice saknas")
INSTANSER = ["Pensionärsrådet", "MKB Fastighets AB", "Tekniska nämnden", "Kommunal", "Vårdförbundet"]


def counting_soffice(tmp_path, monkeypatch):
    """Put a soffice first on PATH that notes each start in a file and then runs the real LibreOffice."""
    real, starts = shutil.which("soffice"), tmp_path / "starts"
    shim = tmp_path / "bin" / "soffice"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\necho start >> "{starts}"\nexec "{real}" "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{shim.parent}{os.pathsep}{os.environ['PATH']}")
    return starts


def pdftotext_pages(pdf: bytes, tmp_path) -> list[str]:
    """Each page's text as pdftotext reads it (pages end in a form feed), whitespace runs made one space."""
    path = tmp_path / "brev.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext saknas")
def test_every_letters_pages_in_order_from_one_libreoffice_run(tmp_path, monkeypatch):
    starts = counting_soffice(tmp_path, monkeypatch)
    missiv = render_document("missiv", sample_context("missiv"))
    # the third letter runs over a page more (its own svarsdag and a long note), so the counts differ per letter
    own = [[], [], [f"Rad {n} om Tekniska nämndens egen svarsdag." for n in range(45)], [], []]
    data = letters(missiv, [[name, f"Box {n}", "205 00 Malmö"] for n, name in enumerate(INSTANSER, 1)], own=own)
    pdf, left_out = printing.with_handlingar(data, [])
    assert starts.read_text().split() == ["start"], "LibreOffice started more than once for the letters"
    assert left_out == []
    pages = pdftotext_pages(pdf, tmp_path)
    marks = [tuple(map(int, re.search(r"\b(\d) \((\d)\)", page).groups())) for page in pages]
    expected = [(1, 2), (2, 2), (1, 2), (2, 2), (1, 3), (2, 3), (3, 3), (1, 2), (2, 2), (1, 2), (2, 2)]
    assert marks == expected, marks
    firsts = [n for n, (page, _) in enumerate(marks) if page == 1]
    for name, first in zip(INSTANSER, firsts):  # each letter begins on its own first page, under its own address
        assert name in pages[first] and "Diarienummer" in pages[first], pages[first][:200]
    assert [n for n, page in enumerate(pages) if "Pensionärsrådet" in page] == [0]
    assert "Rad 44 om Tekniska" in pages[6] and "Rad 44 om Tekniska" not in pages[7]


@pytest.mark.libreoffice
@needs_soffice
def test_one_run_gives_each_document_its_own_pdf_in_order():
    kinds = ["tjansteskrivelse", "yttrande", "missiv"]
    pdfs = convert_all_to_pdf([render_document(kind, sample_context(kind)) for kind in kinds])
    texts = [" ".join(PdfReader(io.BytesIO(p)).pages[0].extract_text().split()) for p in pdfs]
    kinds_read = [re.search(r"(\w+) 1 \(\d\)", text).group(1) for text in texts]  # "Yttrande 1 (2)" in the header
    assert kinds_read == ["Tjänsteskrivelse", "Yttrande", "Remiss"], [t[:120] for t in texts]


def test_letters_without_libreoffice_say_so_in_swedish(monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(PdfUnavailable, match="LibreOffice \\(soffice\\) inte är installerat"):
        convert_all_to_pdf([b"PK", b"PK"])
    data = letters(render_document("missiv", sample_context("missiv")), [["A", "Box 1"], ["B", "Box 2"]])
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        printing.with_handlingar(data, [])
