"""Factories for documents tests: templates built with python-docx, zips rebuilt by hand."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def open_docx(data: bytes):
    """Reopen rendered bytes with python-docx."""
    return Document(io.BytesIO(data))


def body_lines(data: bytes) -> list[tuple[str, str]]:
    """Return (style, text) for every body paragraph."""
    return [(p.style.name, p.text) for p in open_docx(data).paragraphs]


def header_text(data: bytes, *, later: bool = False) -> str:
    """Return all text of the first page's header (or the later pages'), tables included."""
    section = open_docx(data).sections[0]
    header = section.first_page_header if section.different_first_page_header_footer and not later else section.header
    cells = [c.text for t in header.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in header.paragraphs] + cells)


def footer_text(data: bytes) -> str:
    """Return the text of the first page's footer."""
    section = open_docx(data).sections[0]
    footer = section.first_page_footer if section.different_first_page_header_footer else section.footer
    return "\n".join(p.text for p in footer.paragraphs)


def all_text(data: bytes) -> str:
    """Return all visible text of body and header."""
    return "\n".join(t for _, t in body_lines(data)) + "\n" + header_text(data)


def to_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def make_template():
    """Build a .docx from paragraphs: strings, or lists of run texts / raw XML fragments."""
    def build(*paragraphs, styles=None) -> bytes:
        doc = Document()
        for i, item in enumerate(paragraphs):
            style = (styles or {}).get(i, "Normal")
            if isinstance(item, str):
                doc.add_paragraph(item, style=style)
                continue
            para = doc.add_paragraph(style=style)
            for piece in item:
                if piece.startswith("<"):  # raw WordprocessingML, e.g. proofErr or w:del
                    para._p.append(parse_xml(piece))
                else:
                    para.add_run(piece)
        return to_bytes(doc)
    return build


@pytest.fixture
def rezip():
    """Copy a zip, adding or replacing entries (name -> bytes) and keeping the rest."""
    def build(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
              compression=zipfile.ZIP_DEFLATED) -> bytes:
        replace, add = replace or {}, add or {}
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", compression) as dst:
            for info in src.infolist():
                dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
            for name, content in add.items():
                dst.writestr(name, content)
        return out.getvalue()
    return build
