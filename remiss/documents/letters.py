"""Letters by post: one Word file with the same letter once per recipient, each under its own address block."""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
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


def _restart_numbering(section) -> None:
    """Number the section's pages from 1 (w:pgNumType before w:cols and the rest, as the schema orders them)."""
    for old in section.findall(qn("w:pgNumType")):
        section.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    later = [section.find(qn(tag)) for tag in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                                "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")]
    later = [e for e in later if e is not None]
    if later:
        later[0].addprevious(numbering)
    else:
        section.append(numbering)


def _section_end(section):
    """An empty paragraph that ends the letter before it as a section of its own (new page, same headers)."""
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    properties.append(copy.deepcopy(section))
    paragraph.append(properties)
    return paragraph


def _count_per_letter(doc, old: str, new: str) -> None:
    """Turn the headers' page count field old into new: SECTIONPAGES counts one letter's pages in Word."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/header"):
            for instruction in rel.target_part.element.iter(qn("w:instrText")):
                if (instruction.text or "").strip() == old:
                    instruction.text = f" {new} "


def _is_section_end(element) -> bool:
    return element.tag == qn("w:p") and element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None


def split_letters(data: bytes) -> list[bytes]:
    """The letters of a letters() file as one document each, counting NUMPAGES again: LibreOffice shows SECTIONPAGES
    as it was saved, so printing.with_handlingar converts each letter on its own."""
    count = sum(1 for c in Document(io.BytesIO(data)).element.body if _is_section_end(c))
    if not count:
        return [data]
    parts = []
    for n in range(count + 1):
        part = Document(io.BytesIO(data))
        body = part.element.body
        children = [c for c in body if c.tag != qn("w:sectPr")]
        marks = [i for i, c in enumerate(children) if _is_section_end(c)]
        start, stop = (marks[n - 1] + 1 if n else 0), (marks[n] if n < len(marks) else len(children))
        for i, child in enumerate(children):
            if not start <= i < stop:
                body.remove(child)
        _count_per_letter(part, "SECTIONPAGES", "NUMPAGES")
        out = io.BytesIO()
        part.save(out)
        parts.append(out.getvalue())
    return parts


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


def letters(letter: bytes, addresses: list[list[str]], closing: list[str] = (),
            own: list[list[str]] | None = None) -> bytes:
    """Return one .docx with letter's body repeated per address: address block first, a page break between;
    closing, paragraphs put after each letter's body (what is enclosed with it); own[n], paragraphs for letter n
    alone (its own svarsdag under an anstånd)."""
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
    if section is not None:
        _restart_numbering(section)
    for n, lines in enumerate(addresses):
        blocks = _address_paragraphs(doc, lines)  # added at the end of the body, moved below
        for element in blocks:
            body.remove(element)
        if n and section is not None:
            # each letter its own section: its first page has the full header and "1 (2)" counts its own pages
            # (walk17 F17: the second letter began on "3 (4)" without date or diarienummer)
            blocks.insert(0, _section_end(section))
        elif n:
            breaker = doc.add_paragraph()
            breaker.add_run().add_break(WD_BREAK.PAGE)
            body.remove(breaker._p)
            blocks.insert(0, breaker._p)
        extra = [doc.add_paragraph(_CONTROL.sub("", text))._p for text in (own[n] if own else ())]
        for element in extra:  # added at the end of the body, put after this letter's body below
            body.remove(element)
        for element in blocks + [copy.deepcopy(child) for child in content] + extra:
            if section is not None:
                section.addprevious(element)
            else:
                body.append(element)
    if section is not None and len(addresses) > 1:
        _count_per_letter(doc, "NUMPAGES", "SECTIONPAGES")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
