"""Build the shipped default templates with python-docx: `python -m remiss.documents.default_templates`.

Every paragraph uses a named style; the header holds a borderless table with the
organisation, the document type, "PAGE (NUMPAGES)" as real Word fields, the date and the
diarienummer. Loops and conditions are docxtpl paragraph tags (`{%p ... %}`).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_DIR = Path(__file__).parent / "templates"
BODY_FONT, HEADING_FONT = "Times New Roman", "Arial"  # Liberation Serif and Sans have their metrics
FIXED_TIME = dt.datetime(2026, 1, 1)


def _font(style, name: str, size: float, bold: bool | None = None) -> None:
    style.font.name, style.font.size, style.font.color.rgb = name, Pt(size), RGBColor(0, 0, 0)
    if bold is not None:
        style.font.bold = bold
    rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)  # a theme font would override the named font
    rfonts.set(qn("w:cs"), name)


def _add_style(doc, name: str, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def new_document(title: str):
    """Create an A4 document with Swedish named styles."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(4.2), Cm(2.5)
    section.header_distance = Cm(1.2)
    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, 12)
    normal.paragraph_format.space_after = Pt(6)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "sv-SE")
    normal.element.get_or_add_rPr().append(lang)
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        style = doc.styles[name]
        _font(style, HEADING_FONT, size, bold=True)
        style.font.italic = False
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(4)
    _font(doc.styles["Header"], HEADING_FONT, 9)
    _font(doc.styles["List Bullet"], BODY_FONT, 12)
    _font(_add_style(doc, "Ledtext", "Header"), HEADING_FONT, 7)
    _font(_add_style(doc, "Organisation", "Header"), HEADING_FONT, 11, bold=True)
    _font(_add_style(doc, "Dokumenttyp", "Header"), HEADING_FONT, 11, bold=True)
    _add_style(doc, "Sidnummer", "Header").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _add_style(doc, "Mottagare").paragraph_format.space_after = Pt(18)
    _add_style(doc, "Beteckning").paragraph_format.space_after = Pt(18)
    signature = _add_style(doc, "Underskrift")
    signature.paragraph_format.space_before = Pt(36)
    signature.paragraph_format.keep_with_next = True  # the role never on another page than the name
    # each name keeps with the next role too, so the block moves as one (walk17 F6: names alone on page 2)
    _add_style(doc, "Underskriftsnamn").paragraph_format.keep_with_next = True
    _font(doc.styles["Footer"], HEADING_FONT, 8)
    doc.styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    props = doc.core_properties
    props.title, props.language, props.author, props.comments = title, "sv-SE", "Remiss", ""
    props.last_modified_by, props.revision = "Remiss", 1
    props.created = props.modified = FIXED_TIME  # the files are reproducible; rendering sets the real time
    return doc


def _field(paragraph, instruction: str, shown: str) -> None:
    """Append a complex Word field (e.g. PAGE) with a cached result."""
    def run_with(tag: str, **attrs):
        run = paragraph.add_run()
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        run._r.append(element)
        return element

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instr = run_with("w:instrText", **{"xml:space": "preserve"})
    instr.text = f" {instruction} "
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run(shown)
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def _cell(cell, *lines: tuple[str, str]) -> None:
    cell.paragraphs[0].text, cell.paragraphs[0].style = lines[0][1], lines[0][0]
    for style, text in lines[1:]:
        cell.add_paragraph(text, style=style)


WIDTHS = (Cm(7), Cm(6), Cm(3))


def header(doc, doctype: str, second: str, rows: list[list[tuple[str, str]]]) -> None:
    """The first page's header (organisation, document type, page X (Y), labelled rows), a lighter
    "2 (6)" on later pages, and the nämnd's address line in the first page's footer."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    head = section.first_page_header
    table = head.add_table(1 + len(rows), 3, sum(WIDTHS, Cm(0)))
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, WIDTHS):
        col.w = width  # LibreOffice lays out by the grid, Word by the cells: both say the same
    for col, width in enumerate(WIDTHS):
        for cell in table.columns[col].cells:
            cell.width = width
    _cell(table.cell(0, 0), ("Organisation", "{{ organisation }}"), ("Header", second))
    _cell(table.cell(0, 1), ("Dokumenttyp", doctype))
    _page_of(table.cell(0, 2).paragraphs[0])
    for r, row in enumerate(rows, start=1):
        for c, (label, value) in enumerate(row):
            if label:
                _cell(table.cell(r, c), ("Ledtext", label), ("Header", value))
    head.paragraphs[0].style = "Header"
    later = section.header.paragraphs[0]
    _page_of(later)
    foot = section.first_page_footer.paragraphs[0]
    foot.text, foot.style = "{{ sidfot }}", "Footer"


def _page_of(paragraph) -> None:
    """"1 (4)": this page's number and the page count as real Word fields."""
    paragraph.style = "Sidnummer"
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" (")
    _field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(")")


def p(doc, text: str, style: str = "Normal") -> None:
    """Add one paragraph with a named style."""
    doc.add_paragraph(text, style=style)


def stycken(doc, expr: str, var: str = "s") -> None:
    """Add a loop that prints paragraph fields as body text or bullets."""
    for text, style in ((f"{{%p for {var} in {expr} %}}", "Normal"), (f"{{%p if {var}.punkt %}}", "Normal"),
                        (f"{{{{ {var} }}}}", "List Bullet"), ("{%p else %}", "Normal"),
                        (f"{{{{ {var} }}}}", "Normal"), ("{%p endif %}", "Normal"), ("{%p endfor %}", "Normal")):
        p(doc, text, style)


def section(doc, heading: str, expr: str, level: int = 2, optional: bool = True) -> None:
    """Add a heading with paragraph text, left out when the field is empty."""
    if optional:
        p(doc, f"{{%p if {expr} %}}")
    p(doc, heading, f"Heading {level}")
    stycken(doc, expr)
    if optional:
        p(doc, "{%p endif %}")


def bullets(doc, expr: str, var: str = "x", text: str | None = None) -> None:
    """Add a bulleted loop over a list."""
    p(doc, f"{{%p for {var} in {expr} %}}")
    p(doc, text or f"{{{{ {var} }}}}", "List Bullet")
    p(doc, "{%p endfor %}")


def build_yttrande():
    """Build the yttrande template (the nämnd's formal answer)."""
    doc = new_document("Yttrande")
    # the beslut line stands apart from the last answer (walk13b finding 8) and goes to the next page with the
    # signatures it introduces (walk17 F6)
    decision = _add_style(doc, "Beslutsrad").paragraph_format
    decision.space_before, decision.keep_with_next = Pt(18), True
    header(doc, "Yttrande", "{{ namnd }}", [[("Datum", "{{ datum }}"), ("Diarienummer", "{{ diarienummer }}"),
                                              ("{% if paragraf %}Paragraf{% endif %}", "{{ paragraf }}")]])
    p(doc, "Till {{ till }}", "Mottagare")
    p(doc, "{{ titel }}", "Heading 1")
    p(doc, "{%p if remittent_diarienummer %}")
    p(doc, "Er beteckning: {{ remittent_diarienummer }}", "Beteckning")
    p(doc, "{%p endif %}")
    p(doc, "{%p if rattelse %}")
    p(doc, "Rättelse", "Heading 2")
    p(doc, "{{ rattelse_text }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if inga_synpunkter %}")
    p(doc, "{{ inga_synpunkter_text }}")
    p(doc, "{%p else %}")
    stycken(doc, "forslag_till_beslut")
    section(doc, "Sammanfattning", "sammanfattning")
    p(doc, "Yttrande", "Heading 2")
    p(doc, "{%p for f in fragor %}")
    p(doc, "{{ f.nummer }}. {{ f.fraga }}", "Heading 3")  # numbered as the remiss numbers them (walk13b f. 8)
    stycken(doc, "f.svar")
    p(doc, "{%p endfor %}")
    p(doc, "{%p for a in avsnitt %}")
    p(doc, "{{ a.rubrik }}", "Heading 3")
    stycken(doc, "a.text")
    p(doc, "{%p endfor %}")
    section(doc, "Övriga synpunkter", "ovriga_synpunkter", level=3)
    section(doc, "Samråd", "samrad", level=3)
    p(doc, "{%p endif %}")
    p(doc, "{%p if beslutat %}")
    p(doc, "{{ beslutsreferens }}.{% if justering %} {{ justering }}{% endif %}", "Beslutsrad")
    p(doc, "{%p endif %}")
    p(doc, "{%p for u in signaturer %}")
    p(doc, "{{ u.roll }}", "Underskrift")
    p(doc, "{{ u.namn }}", "Underskriftsnamn")
    p(doc, "{%p endfor %}")
    section(doc, "Reservationer och särskilda yttranden", "reservationer")
    return doc


def build_tjansteskrivelse():
    """Build the tjänsteskrivelse template (the förvaltning's report to the nämnd)."""
    doc = new_document("Tjänsteskrivelse")
    header(doc, "Tjänsteskrivelse", "{{ forvaltning }}", [
        [("Datum", "{{ datum }}"), ("Diarienummer", "{{ diarienummer }}"), ("", "")],
        [("Vår referens", "{{ var_referens.rad }}"),
         ("{% if remittent_diarienummer %}Remittentens diarienummer{% endif %}", "{{ remittent_diarienummer }}"),
         ("", "")]])
    p(doc, "{{ titel }}", "Heading 1")
    p(doc, "{%p if remittent_diarienummer %}")
    p(doc, "Remiss från {{ remittent }}, diarienummer {{ remittent_diarienummer }}", "Beteckning")
    p(doc, "{%p endif %}")
    section(doc, "Sammanfattning", "sammanfattning", optional=False)
    section(doc, "Förslag till beslut", "forslag_till_beslut", optional=False)
    p(doc, "{%p if beslutsunderlag %}")  # no heading over an empty list
    p(doc, "Beslutsunderlag", "Heading 2")
    bullets(doc, "beslutsunderlag")
    p(doc, "{%p endif %}")
    p(doc, "Beslutsplanering", "Heading 2")
    p(doc, "{%p for b in beslutsplanering %}")
    p(doc, "{{ b.organ }} {{ b.datum }}")
    p(doc, "{%p endfor %}")
    section(doc, "Ärendet", "arendet", optional=False)
    section(doc, "Synpunkter", "synpunkter")
    p(doc, "Ansvariga", "Heading 2")
    p(doc, "{%p for a in ansvariga %}")
    p(doc, "{{ a.namn }}{% if a.titel %}, {{ a.titel }}{% endif %}")  # as Vår referens writes it (walk17 F17)
    p(doc, "{%p endfor %}")
    return doc


def build_missiv():
    """Build the missiv template (cover letter of an outgoing remiss)."""
    doc = new_document("Remiss")
    header(doc, "Remiss", "{{ namnd }}", [[
        ("Datum", "{{ datum }}"), ("Diarienummer", "{{ diarienummer }}"),
        ("Vår referens", "{{ var_referens.namn }}")]])
    p(doc, "Enligt sändlista", "Mottagare")
    p(doc, "{{ titel }}", "Heading 1")
    stycken(doc, "inledning")
    p(doc, "Svaret ska vara {{ namnd }} tillhanda senast den {{ sista_svarsdag }}. "
           "Skicka svaret med e-post till {{ svar_till_epost }} och ange diarienummer {{ diarienummer }}.")
    p(doc, "{%p if fragor %}")
    p(doc, "Frågeställningar", "Heading 2")
    p(doc, "{{ namnd }} ser särskilt fram emot synpunkter på följande frågeställningar:")
    bullets(doc, "fragor", "f")
    p(doc, "{%p endif %}")
    p(doc, "{%p if handlingar %}")  # no heading when the missiv is all there is
    p(doc, "Remisshandlingar", "Heading 2")
    bullets(doc, "handlingar", "h")
    p(doc, "{%p endif %}")
    p(doc, "Kontaktperson", "Heading 2")
    p(doc, "{{ kontaktperson.rad }}")
    p(doc, "Sändlista", "Heading 2")
    p(doc, "{%p for g in sandlista %}")
    p(doc, "{{ g.grupp }}", "Heading 3")
    bullets(doc, "g.namn", "n")
    p(doc, "{%p endfor %}")
    return doc


def per_instans(doc, heading: str, expr: str, var: str, instans: str) -> None:
    """Add a heading, then each remissinstans of a list under its own heading with its text; left out when empty."""
    p(doc, f"{{%p if {expr} %}}")
    p(doc, heading, "Heading 2")
    p(doc, f"{{%p for {var} in {expr} %}}")
    p(doc, instans, "Heading 3")
    stycken(doc, f"{var}.text")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")


def build_sammanstallning():
    """Build the sammanställning template (compiled answers to an outgoing remiss)."""
    doc = new_document("Sammanställning av remissvar")
    header(doc, "Sammanställning", "{{ namnd }}", [[("Datum", "{{ datum }}"), ("Diarienummer", "{{ diarienummer }}"), ("", "")]])
    p(doc, "Sammanställning av remissvar: {{ titel }}", "Heading 1")
    stycken(doc, "inledning")
    p(doc, "{%p if statistik %}")
    p(doc, "{{ statistik.text }}")
    p(doc, "{%p endif %}")
    per_instans(doc, "Svaren i korthet", "sammanfattningar", "k",
                "{{ k.instans }}{% if k.grupp %} ({{ k.grupp }}){% endif %}")
    p(doc, "{%p for f in fragor %}")
    p(doc, "{{ f.fraga }}", "Heading 2")
    p(doc, "{%p for v in f.svar %}")
    p(doc, "{{ v.instans }}{% if v.grupp %} ({{ v.grupp }}){% endif %}", "Heading 3")
    stycken(doc, "v.text")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endfor %}")
    per_instans(doc, "Övriga synpunkter", "ovriga", "o", "{{ o.instans }}")
    p(doc, "{%p if svarsfiler %}")
    p(doc, "Svaren som filer", "Heading 2")
    bullets(doc, "svarsfiler")
    p(doc, "{%p endif %}")
    p(doc, "{%p if ej_svarat %}")
    p(doc, "{{ ej_svarat_rubrik }}", "Heading 2")
    bullets(doc, "ej_svarat")
    p(doc, "{%p endif %}")
    p(doc, "{%p if avstatt %}")
    p(doc, "Remissinstanser som har avstått från att yttra sig", "Heading 2")
    bullets(doc, "avstatt")
    p(doc, "{%p endif %}")
    return doc


BUILDERS = {"tjansteskrivelse": build_tjansteskrivelse, "yttrande": build_yttrande,
            "missiv": build_missiv, "sammanstallning": build_sammanstallning}


def build_all(target: Path = TEMPLATE_DIR) -> list[Path]:
    """Write every default template to target and return the paths."""
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, builder in BUILDERS.items():
        path = target / f"{kind}.docx"
        builder().save(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        print(written)
