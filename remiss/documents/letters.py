"""Letters by post: one Word file with the same letter once per recipient, each under its own address block."""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn

from .render import RenderError, _CONTROL


def _address_paragraphs(doc, lines: list[str]) -> list:
    """Paragraph elements for an address block (style "Mottagare" when the template has it)."""
    style = "Mottagare" if any(s.name == "Mottagare" for s in doc.styles) else None
    elements = []
    for i, line in enumerate(lines):
        paragraph = doc.add_paragraph(_CONTROL.sub("", line), style=style if i == len(lines) - 1 else None)
        if style is None and i == len(lines) - 1:
            paragraph.paragraph_format.space_after = None
        elements.append(paragraph._p)
    return elements


def _to_the_list(element) -> bool:
    """Whether a body element is the missiv's recipient line "Enligt sändlista"."""
    if element.tag != qn("w:p"):
        return False
    text = "".join(t.text or "" for t in element.iter(qn("w:t")))
    return " ".join(text.split()).casefold() == "enligt sändlista"


def text_letter(heading: str, paragraphs: list[str]) -> bytes:
    """A plain letter as .docx: a heading and its paragraphs (lines kept), for letters() to put addresses on."""
    doc = Document()
    doc.add_heading(_CONTROL.sub("", heading), level=2)
    for text in paragraphs:
        doc.add_paragraph(_CONTROL.sub("", text))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def letters(letter: bytes, addresses: list[list[str]], closing: list[str] = ()) -> bytes:
    """Return one .docx with letter's body repeated per address: address block first, a page break between;
    closing, paragraphs put after each letter's body (what is enclosed with it)."""
    if not addresses:
        raise RenderError("Det finns inga mottagare att skriva ut brev till.")
    try:
        doc = Document(io.BytesIO(letter))
    except Exception:  # a broken file gives many kinds of errors from zipfile and lxml
        raise RenderError("Missivet kunde inte läsas som ett Word-dokument.") from None
    body = doc.element.body
    section = body.find(qn("w:sectPr"))
    for text in closing:  # after the body, before the section properties: part of every letter
        doc.add_paragraph(_CONTROL.sub("", text))
    # the missiv's "Enligt sändlista" stands where the address goes: a letter to one named instans says its name
    # (walk17 F17)
    content = [child for child in body if child is not section]
    for child in content:
        body.remove(child)
    content = [child for child in content if not _to_the_list(child)]
    for n, lines in enumerate(addresses):
        blocks = _address_paragraphs(doc, lines)  # added at the end of the body, moved below
        for element in blocks:
            body.remove(element)
        if n:
            breaker = doc.add_paragraph()
            breaker.add_run().add_break(WD_BREAK.PAGE)
            body.remove(breaker._p)
            blocks.insert(0, breaker._p)
        for element in blocks + [copy.deepcopy(child) for child in content]:
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
