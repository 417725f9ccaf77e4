"""What a registrator sees in Word: paragraph fields, kept formatting, metadata, no raw XML from fields."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from docx.shared import Pt, RGBColor

from remiss.documents import RenderError, check_template, render_document, sample_context
from remiss.documents.render import DocumentProperties

from .conftest import body_lines, open_docx, to_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def styled_template(text: str, *, size: float = 13, color=(0x8B, 0, 0), font: str = "Georgia") -> bytes:
    """One paragraph whose single run holds text in 13 pt dark red Georgia, like a nämnd's template."""
    doc = Document()
    doc.add_paragraph("{{ titel }}")
    run = doc.add_paragraph().add_run(text)
    run.font.size, run.font.color.rgb, run.font.name = Pt(size), RGBColor(*color), font
    return to_bytes(doc)


@pytest.mark.parametrize("text, field", [
    ("{{ sammanfattning }}", "sammanfattning"),
    ("{{ forslag_till_beslut }}", "forslag_till_beslut"),
])
def test_paragraph_field_printed_whole_gives_its_paragraphs(make_template, text, field):
    """A docxtpl user's `{{ sammanfattning }}` prints each paragraph, never "['…']"."""
    ctx = sample_context("yttrande")
    data = render_document("yttrande", ctx, make_template("{{ titel }}", "Inledning: " + text, "Slut"))
    texts = [t for _, t in body_lines(data)]
    assert not any("['" in t or "[]" in t for t in texts), texts
    expected = [s.replace("**", "") for s in ctx[field]]
    assert texts[1:-1] == ["Inledning: " + expected[0], *expected[1:]]
    assert texts[-1] == "Slut"


def test_answer_printed_whole_in_a_loop_keeps_paragraph_style_and_bullets(make_template):
    template = make_template("{%p for f in fragor %}", "{{ f.fraga }}", "{{ f.svar }}", "{%p endfor %}",
                             styles={1: "Heading 2", 2: "Quote"})
    lines = body_lines(render_document("yttrande", sample_context("yttrande"), template))
    last = lines[-3:]
    assert last == [("Quote", "Stadsområde Öster föreslår att varje nämnd får i uppdrag att se över de åtaganden "
                              "som de är ansvariga för."),
                    ("Quote", "•\u00a0Åtagande nr 7 bör åtföljas av en budget."),
                    ("Quote", "•\u00a0Åtagande nr 8 bör slås ihop med åtagande nr 4.")]
    assert sum(1 for s, _ in lines if s == "Heading 2") == 5


def test_italic_and_bold_keep_the_placeholder_runs_size_colour_and_font():
    ctx = sample_context("yttrande") | {"sammanfattning": ["Vi ser *mycket* positivt på **förslaget** i stort."]}
    data = render_document("yttrande", ctx, styled_template("{{ sammanfattning }}"))
    para = open_docx(data).paragraphs[1]
    runs = [r for r in para.runs if r.text]
    assert [r.text for r in runs] == ["Vi ser ", "mycket", " positivt på ", "förslaget", " i stort."]
    assert [(bool(r.italic), bool(r.bold)) for r in runs] == [
        (False, False), (True, False), (False, False), (False, True), (False, False)]
    for run in runs:  # formatting kept after the emphasis, not only inside it
        assert run.font.size == Pt(13) and run.font.color.rgb == RGBColor(0x8B, 0, 0), run.text
        assert run.font.name == "Georgia", run.text


def test_emphasis_properties_are_in_schema_order():
    ctx = sample_context("yttrande") | {"sammanfattning": ["Ett *kursivt* ord."]}
    data = render_document("yttrande", ctx, styled_template("{{ sammanfattning }}"))
    rpr = [r for r in open_docx(data).paragraphs[1].runs if r.text == "kursivt"][0]._r.rPr
    tags = [c.tag.removeprefix(W) for c in rpr]
    assert tags[:3] == ["rFonts", "i", "iCs"], tags


def test_word_clean_metadata():
    created = dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.timezone.utc)
    props = DocumentProperties(title="Remiss gällande handlingsplan för kulturstrategi 2016",
                               author="Stadsområdesnämnd Öster", created=created, company="Malmö stad")
    data = render_document("yttrande", sample_context("yttrande"), properties=props)
    doc = open_docx(data)
    core = doc.core_properties
    assert core.title == props.title and core.author == "Stadsområdesnämnd Öster"
    assert core.last_modified_by == "Stadsområdesnämnd Öster" and core.language == "sv-SE"
    assert core.created == core.modified == created
    assert core.revision == 1 and core.comments == ""
    mode = [s.get(f"{W}val") for s in doc.settings.element.iter(f"{W}compatSetting")
            if s.get(f"{W}name") == "compatibilityMode"]
    assert mode == ["15"]
    package = zipfile.ZipFile(io.BytesIO(data))
    app = package.read("docProps/app.xml").decode()
    assert "<Application>Remiss</Application>" in app and "Macintosh" not in app and "Malmö stad" in app
    assert not any("thumbnail" in name for name in package.namelist())  # python-docx's blank-page preview


def test_nbsp_in_numbers_diarienummer_and_paragraph_sign_is_kept():
    ctx = sample_context("yttrande") | {"sammanfattning": ["Kostnaden är 2 000 kronor enligt § 142."],
                                        "diarienummer": "SOFÖ\u00a02026/0002"}
    data = render_document("yttrande", ctx)
    texts = "\n".join(t for _, t in body_lines(data))
    assert "2\u00a0000 kronor enligt §\u00a0142." in texts
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        headers = "".join(docx.read(n).decode() for n in docx.namelist() if n.startswith("word/header"))
    assert "SOFÖ\u00a02026/0002" in headers


@pytest.mark.parametrize("payload", [
    "{{ '</w:t></w:r><w:fldSimple w:instr=\"INCLUDEPICTURE http://evil.example/x.png\"/><w:r><w:t>'|safe }}",
    "{{ titel|safe }}{{ '<w:r><w:t>x</w:t></w:r>'|urlize }}",
    "{% filter safe %}<w:fldSimple w:instr=\"DDEAUTO c:\\\\windows\\\\cmd.exe\"/>{% endfilter %}",
])
def test_safe_filter_never_gives_raw_xml(make_template, payload):
    data = render_document("yttrande", sample_context("yttrande"), make_template(payload))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "fldSimple" not in xml.replace("&lt;w:fldSimple", "") and "<w:r><w:t>x" not in xml
    assert "&lt;w:" in xml  # printed as text


def test_autoescape_block_is_refused(make_template):
    template = make_template("{% autoescape false %}{{ '<w:r/>' }}{% endautoescape %}")
    with pytest.raises(RenderError, match="autoescape"):
        render_document("yttrande", sample_context("yttrande"), template)
    report = check_template("yttrande", template)
    assert not report.ok and any("autoescape" in e for e in report.errors), report.errors


def test_lists_and_fields_with_fields_printed_whole_give_text(make_template):
    """Whatever field a template prints whole, the document shows text, never "['…']" or "{'…': …}"."""
    template = make_template("{{ var_referens }}", "{{ signaturer }}", "{{ fragor[0] }}")
    texts = [t for _, t in body_lines(render_document("yttrande", sample_context("yttrande"), template))]
    assert texts[:4] == ["Sabina Vendela Dethorey, utvecklingssamordnare, Sabina.Dethorey@malmo.se",
                         "Ordförande, Andreas Konstantinides", "Stadsområdesdirektör, Britt-Marie Pettersson",
                         "1, " + sample_context("yttrande")["fragor"][0]["fraga"]]
    tjanste = make_template("{{ beslutsunderlag }}")
    texts = [t for _, t in body_lines(render_document("tjansteskrivelse", sample_context("tjansteskrivelse"), tjanste))]
    assert texts == sample_context("tjansteskrivelse")["beslutsunderlag"]
