"""The yttrande's closing line and its signatures on one page: in a draft (no beslut line yet) the signatures
went over to a page of their own when the last answer ended near the foot of a page. The renderer sets
keep-with-next and keep-lines-together on the paragraph leading into the signatures (remiss/documents/keep.py);
a nämnd's own template without the style "Underskrift" is left as it is."""
from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from remiss.documents import convert_all_to_pdf, render_document, sample_context
from tests.documents.conftest import open_docx, to_bytes
from tests.documents.test_pdf import require_template_fonts

NAMES = ("Ordförande", "Andreas Konstantinides", "Stadsområdesdirektör", "Britt-Marie Pettersson")


def draft(lines: int) -> dict:
    """A proposed yttrande (not yet decided: no beslut line) whose övriga synpunkter end with line lines-1."""
    ctx = sample_context("yttrande") | {"beslutat": False, "beslutsreferens": "", "justering": "", "paragraf": ""}
    ctx["forslag_till_beslut"] = ["Stadsområdesnämnd Öster föreslås besluta att lämna följande yttrande:"]
    ctx["ovriga_synpunkter"] = [f"Rad {n} med en kort synpunkt." for n in range(lines)]
    return ctx


def pdftotext_pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "yttrande.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="soffice eller pdftotext saknas")
def test_the_closing_line_and_the_signatures_share_a_page(tmp_path):
    """With 18 to 24 lines the last one ended page 2 and the four signature lines stood alone on page 3."""
    require_template_fonts()
    counts = (18, 21, 24)
    pdfs = convert_all_to_pdf([render_document("yttrande", draft(n)) for n in counts])
    for lines, pdf in zip(counts, pdfs):
        pages = pdftotext_pages(pdf, tmp_path)
        closing = f"Rad {lines - 1} med en kort synpunkt."
        where = {words: [n for n, page in enumerate(pages) if words in page] for words in (closing, *NAMES)}
        assert all(found == where[closing] for found in where.values()) and len(where[closing]) == 1, (lines, where)
        assert where[closing] == [len(pages) - 1], (lines, where)  # they moved to the last page together
        assert f"Rad {lines - 2} med" in pages[-2]  # only the closing line went along: the rest stays


def keeps(paragraph) -> tuple[bool, bool]:
    """The paragraph's own keep-with-next and keep-lines-together (not its style's)."""
    ppr = paragraph._p.pPr
    return (bool(ppr is not None and ppr.keepNext_val), bool(ppr is not None and ppr.keepLines_val))


def test_the_rendered_closing_line_keeps_with_the_signatures():
    doc = open_docx(render_document("yttrande", draft(3)))
    texts = [p.text for p in doc.paragraphs]
    first = texts.index("Ordförande")
    assert texts[first - 1] == "Rad 2 med en kort synpunkt."
    assert keeps(doc.paragraphs[first - 1]) == (True, True)
    assert all(keeps(p)[1] for p in doc.paragraphs[first:first + 4])
    assert keeps(doc.paragraphs[first - 2]) == (False, False)  # only the closing line, not the text above it


def test_the_beslut_line_also_keeps_its_lines_together():
    doc = open_docx(render_document("yttrande", sample_context("yttrande")))
    [line] = [p for p in doc.paragraphs if p.text.startswith("Beslutat vid sammanträde")]
    assert keeps(line) == (True, True)


def test_a_namnd_template_without_the_signature_style_is_left_as_it_is(make_template):
    template = make_template("{{ titel }}", "{{ sammanfattning }}", "{%p for u in signaturer %}",
                             "{{ u.roll }} {{ u.namn }}", "{%p endfor %}")
    doc = open_docx(render_document("yttrande", sample_context("yttrande"), template))
    assert "Ordförande Andreas Konstantinides" in [p.text for p in doc.paragraphs]
    assert not any(keeps(p) != (False, False) for p in doc.paragraphs)


def test_a_namnd_template_with_the_signatures_in_a_table_keeps_the_line_before_it():
    """A nämnd whose signatures stand side by side in a table, styled Underskrift as in the shipped template."""
    doc = Document(io.BytesIO(render_document("yttrande", sample_context("yttrande"))))
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)  # an empty body keeps only the section; the nämnd's own layout follows
    doc.add_paragraph("{{ titel }}")
    doc.add_paragraph("Vi föreslår att nämnden lämnar detta yttrande.")
    table = doc.add_table(rows=1, cols=2)
    for cell, field in zip(table.rows[0].cells, ("{{ signaturer[0].roll }}", "{{ signaturer[1].roll }}")):
        cell.paragraphs[0].text = field
        cell.paragraphs[0].style = doc.styles["Underskrift"]
    doc.add_paragraph("Slut.")
    out = open_docx(render_document("yttrande", sample_context("yttrande"), to_bytes(doc)))
    texts = [p.text for p in out.paragraphs]
    assert keeps(out.paragraphs[texts.index("Vi föreslår att nämnden lämnar detta yttrande.")]) == (True, True)
    assert keeps(out.paragraphs[texts.index("Slut.")]) == (False, False)
    assert [c.text for c in out.tables[0].rows[0].cells] == ["Ordförande", "Stadsområdesdirektör"]
