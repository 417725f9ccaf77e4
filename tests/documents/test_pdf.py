"""Convert generated documents to PDF with LibreOffice and count the pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from pypdf import PdfReader

from remiss.documents import PdfUnavailable, convert_to_pdf, render_document, sample_context
from remiss.documents import pdf as pdf_module
from remiss.documents.render import TEMPLATE_DIR

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice saknas")

# Each font the bundled templates name, the families with its metrics that may stand in for it, and the
# Debian package that brings them (docs/deploy.md). Any other font has other widths: lines wrap and pages
# break unlike Word's.
METRIC_COMPATIBLE = {
    "Arial": ({"Arial", "Liberation Sans", "Arimo"}, "fonts-liberation2"),
    "Times New Roman": ({"Times New Roman", "Liberation Serif", "Tinos"}, "fonts-liberation2"),
    "Courier": ({"Courier", "Courier New", "Liberation Mono", "Cousine"}, "fonts-liberation2"),
    "Courier New": ({"Courier New", "Liberation Mono", "Cousine"}, "fonts-liberation2"),
    "Calibri": ({"Calibri", "Carlito"}, "fonts-crosextra-carlito"),
    "Cambria": ({"Cambria", "Caladea"}, "fonts-crosextra-caladea"),
}


def template_fonts() -> set[str]:
    """The Latin fonts the bundled templates name: in their styles, body, headers and footers, and their theme."""
    names: set[str] = set()
    for path in TEMPLATE_DIR.glob("*.docx"):
        with zipfile.ZipFile(path) as docx:
            for part in docx.namelist():
                if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", part):
                    names.update(re.findall(r'w:(?:ascii|hAnsi)="([^"]+)"', docx.read(part).decode("utf-8")))
                elif re.fullmatch(r"word/theme/theme\d*\.xml", part):
                    names.update(re.findall(r'<a:latin typeface="([^"]+)"', docx.read(part).decode("utf-8")))
    return names


def require_template_fonts() -> None:
    """Fail, naming the Debian packages, when LibreOffice would set the templates in fonts of other widths."""
    if shutil.which("fc-match") is None:
        pytest.fail("fc-match (fontconfig) is missing, so the templates' fonts cannot be checked: install fontconfig",
                    pytrace=False)
    wrong, packages = [], set()
    for font in sorted(template_fonts() & METRIC_COMPATIBLE.keys()):
        families, package = METRIC_COMPATIBLE[font]
        chosen = subprocess.run(["fc-match", "-f", "%{family[0]}", font],
                                capture_output=True, text=True, check=False).stdout.strip()
        if chosen not in families:
            wrong.append(f"{font} → {chosen or '?'}")
            packages.add(package)
    if wrong:
        pytest.fail(f"fonts missing: LibreOffice would set {', '.join(wrong)}, other widths than Word's, so lines "
                    f"wrap and pages break differently. Install {' '.join(sorted(packages))} "
                    "(docs/deploy.md, \"PDF\").", pytrace=False)


def page_numbers(pdf: bytes) -> tuple[int, list[str]]:
    """The page count and each page's text, whitespace runs made one space: line breaks are layout, not content."""
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_template_font_has_a_known_stand_in():
    fonts = template_fonts()
    assert fonts >= {"Arial", "Times New Roman"}, fonts  # the templates were read
    unknown = sorted(fonts - METRIC_COMPATIBLE.keys())
    assert not unknown, (f"the templates use {unknown}: add a metric-compatible stand-in and its Debian package "
                         "to METRIC_COMPATIBLE, .ci/run and docs/deploy.md")


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("kind", ["yttrande", "tjansteskrivelse"])
def test_sample_documents_convert_with_page_fields_filled(kind):
    require_template_fonts()
    pdf = convert_to_pdf(render_document(kind, sample_context(kind)))
    assert pdf.startswith(b"%PDF")
    count, texts = page_numbers(pdf)
    assert 1 <= count <= 3
    for number, text in enumerate(texts, start=1):
        assert re.search(rf"\b{number} \({count}\)", text), text[:200]  # "PAGE (NUMPAGES)" on each page
    assert "Malmö stad" in texts[0], texts[0][:200]
    assert sample_context(kind)["titel"] in texts[0], texts[0][:400]


@pytest.mark.libreoffice
@needs_soffice
def test_long_yttrande_has_expected_page_count():
    require_template_fonts()
    ctx = sample_context("yttrande")
    paragraph = "Stadsområdesnämnd Öster föreslår en ökad tydlighet i beskrivningen av förutsättningarna. " * 6
    ctx["fragor"] = [{"fraga": f"Fråga {i}", "svar": [paragraph] * 4} for i in range(1, 7)]
    one = {**ctx, "fragor": ctx["fragor"][:1]}
    count_one, _ = page_numbers(convert_to_pdf(render_document("yttrande", one)))
    count, texts = page_numbers(convert_to_pdf(render_document("yttrande", ctx)))
    assert count_one <= 2 and count >= count_one + 2
    assert all(re.search(rf"\b{n} \({count}\)", t) for n, t in enumerate(texts, start=1))
    assert "Britt-Marie Pettersson" in texts[-1]
    # the full header is the first page's; later pages carry only "2 (N)", and the address footer is on page 1
    assert "Diarienummer" in texts[0] and not any("Diarienummer" in t for t in texts[1:])
    assert "Org.nr 212000-1124" in texts[0] and not any("Org.nr" in t for t in texts[1:])


@pytest.mark.libreoffice
@needs_soffice
@pytest.mark.parametrize("lines", [17, 21])
def test_signatures_stay_with_the_beslut_line_on_one_page(lines):
    """walk17 F6: with the text ending near the foot of a page, the signatures went over alone (21 lines of
    övriga synpunkter), or split between the two names (17): the block and the beslut line move as one."""
    require_template_fonts()
    ctx = sample_context("yttrande")
    ctx["ovriga_synpunkter"] = [f"Rad {n} med en kort synpunkt." for n in range(lines)]
    count, texts = page_numbers(convert_to_pdf(render_document("yttrande", ctx)))
    block = ("Beslutat vid sammanträde", "Ordförande", "Andreas Konstantinides", "Stadsområdesdirektör",
             "Britt-Marie Pettersson")
    pages = {[n for n, text in enumerate(texts) if words in text][0] for words in block}
    assert pages == {count - 1}, (pages, count)


def test_missing_soffice_raises_pdf_unavailable(monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(PdfUnavailable, match="LibreOffice"):
        convert_to_pdf(b"PK")


@pytest.mark.libreoffice
@needs_soffice
def test_pdf_is_tagged_accessible_and_swedish():
    """A screen reader needs the structure tree and the language; PDF/A-2 keeps it readable in the archive."""
    require_template_fonts()
    pdf = convert_to_pdf(render_document("yttrande", sample_context("yttrande")))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "sv-SE"
    assert reader.metadata.title == sample_context("yttrande")["titel"]
    assert reader.xmp_metadata.pdfaid_part == "2"
    assert b"pdfuaid:part" in root["/Metadata"].get_data()


@pytest.mark.libreoffice
@needs_soffice
def test_custom_template_with_paragraph_fields_converts_with_all_text(make_template):
    """A nämnd template written the docxtpl way ({{ sammanfattning }}, {{ f.svar }}) opens in LibreOffice with
    every paragraph, bullets and emphasis, and no Python list."""
    template = make_template("{{ titel }}", "{{ diarienummer }} {{ datum }}", "{{ sammanfattning }}",
                             "{%p for f in fragor %}", "{{ f.fraga }}", "{{ f.svar }}", "{%p endfor %}",
                             "{%p for u in signaturer %}", "{{ u.roll }} {{ u.namn }}", "{%p endfor %}")
    ctx = sample_context("yttrande")
    count, texts = page_numbers(convert_to_pdf(render_document("yttrande", ctx, template)))
    text = " ".join(texts)
    assert "['" not in text and "{'" not in text
    assert "Det är synnerligen viktigt" in text and "• Åtagande nr 8 bör slås ihop med åtagande nr 4." in text
    assert text.index(ctx["fragor"][4]["fraga"]) < text.index("Ordförande Andreas Konstantinides")
    assert count >= 2  # five answers in 12 pt run over a page
