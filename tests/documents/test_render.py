"""Render the shipped templates with the sample context and reopen them with python-docx."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from docx.oxml.ns import qn

from remiss.documents import (DOCUMENT_KINDS, RenderError, placeholder_fields, render_document,
                              sample_context)
from remiss.documents.default_templates import build_all
from remiss.documents.render import TEMPLATE_DIR, default_template

from .conftest import all_text, body_lines, footer_text, header_text, open_docx


def headings(data: bytes) -> list[str]:
    return [t for s, t in body_lines(data) if s.startswith("Heading")]


@pytest.fixture(scope="module")
def yttrande():
    return render_document("yttrande", sample_context("yttrande"))


@pytest.fixture(scope="module")
def tjansteskrivelse():
    return render_document("tjansteskrivelse", sample_context("tjansteskrivelse"))


def test_yttrande_has_header_with_both_diarienummer_and_swedish_date(yttrande):
    head = header_text(yttrande)
    assert "Malmö stad" in head and "Stadsområdesnämnd Öster" in head and "Yttrande" in head
    assert "Datum\n24 september 2015" in head
    assert "Diarienummer\nSOFÖ-2015-811" in head
    assert ("Beteckning", "Er beteckning: KN-2015-1050") in body_lines(yttrande)


def test_yttrande_repeats_each_question_as_heading_with_its_answer_in_order(yttrande):
    ctx = sample_context("yttrande")
    lines = body_lines(yttrande)
    assert lines[0] == ("Mottagare", "Till Kulturnämnden")
    assert lines[1] == ("Heading 1", "Remiss gällande handlingsplan för kulturstrategi 2016")
    # numbered as the remiss numbers them (walk13b finding 8)
    assert headings(yttrande)[:4] == [ctx["titel"], "Sammanfattning", "Yttrande", f"1. {ctx['fragor'][0]['fraga']}"]
    texts = [t for _, t in lines]
    positions = []
    for number, fraga in enumerate(ctx["fragor"], start=1):
        i = texts.index(f"{number}. {fraga['fraga']}")
        assert lines[i][0] == "Heading 3"
        positions.append(i)
        first_answer = fraga["svar"][0]
        assert texts[i + 1] == first_answer
    assert positions == sorted(positions)
    assert texts.index("Sammanfattning") < texts.index("Yttrande") < positions[0]
    bullets = [t for s, t in lines if s == "List Bullet"]
    assert bullets == ["Åtagande nr 7 bör åtföljas av en budget.", "Åtagande nr 8 bör slås ihop med åtagande nr 4."]


def test_yttrande_ends_with_signatures(yttrande):
    lines = body_lines(yttrande)
    assert lines[-4:] == [("Underskrift", "Ordförande"), ("Underskriftsnamn", "Andreas Konstantinides"),
                          ("Underskrift", "Stadsområdesdirektör"), ("Underskriftsnamn", "Britt-Marie Pettersson")]


def test_emphasis_becomes_bold_run(yttrande):
    para = next(p for p in open_docx(yttrande).paragraphs if "synnerligen" in p.text)
    assert [(r.text, bool(r.bold)) for r in para.runs if r.text] == [
        ("Det är ", False), ("synnerligen viktigt", True),
        (" att handlingsplanen leder till en ökad tillgång till kultur för alla Malmöbor.", False)]


def test_inga_synpunkter_gives_short_yttrande():
    ctx = sample_context("yttrande") | {"inga_synpunkter": True}
    data = render_document("yttrande", ctx)
    texts = [t for _, t in body_lines(data)]
    assert "Stadsområdesnämnd Öster har inga synpunkter på remissen." in texts
    assert not any(f["fraga"] in texts for f in ctx["fragor"])
    assert "Sammanfattning" not in texts and texts[-1] == "Britt-Marie Pettersson"


def test_avsnitt_and_reservationer_when_no_questions():
    ctx = sample_context("yttrande") | {
        "fragor": [], "avsnitt": [{"rubrik": "Inledande synpunkter", "text": "Grundidén är bra.\nMen oklar."},
                                  {"rubrik": "Tidplan", "text": ["Tidplanen är för kort."]}],
        "reservationer": "Ledamot X (M) reserverar sig mot beslutet."}
    lines = body_lines(render_document("yttrande", ctx))
    assert ("Heading 3", "Inledande synpunkter") in lines and ("Normal", "Men oklar.") in lines
    assert lines[-2:] == [("Heading 2", "Reservationer och särskilda yttranden"),
                          ("Normal", "Ledamot X (M) reserverar sig mot beslutet.")]


def test_tjansteskrivelse_sections_in_order(tjansteskrivelse):
    assert headings(tjansteskrivelse) == [
        "Remiss gällande handlingsplan för kulturstrategi 2016", "Sammanfattning", "Förslag till beslut",
        "Beslutsunderlag", "Beslutsplanering", "Ärendet", "Ansvariga"]
    lines = body_lines(tjansteskrivelse)
    assert ("Beteckning", "Remiss från Kulturnämnden, diarienummer KN-2015-1050") in lines
    assert ("Normal", "Stadsområdesnämnd Östers arbetsutskott 10 september 2015") in lines
    assert lines[-1] == ("Normal", "Marie Hendra, avdelningschef")
    head = header_text(tjansteskrivelse)
    assert "Tjänsteskrivelse" in head and "Stadsområdesförvaltning Öster" in head
    assert "Vår referens\nSabina Vendela Dethorey, utvecklingssamordnare\n" in head
    assert "Diarienummer\nSOFÖ-2015-811" in head and "Remittentens diarienummer\nKN-2015-1050" in head


def test_missiv_and_sammanstallning():
    missiv = render_document("missiv", sample_context("missiv"))
    text = all_text(missiv)
    assert "Svaret ska vara Kulturnämnden tillhanda senast den 28 augusti 2015." in text
    assert ("Heading 3", "Stadsområdesnämnder") in body_lines(missiv)
    summary = render_document("sammanstallning", sample_context("sammanstallning"))
    assert "28 har svarat (70 procent), 3 avstår och 9 har inte svarat" in all_text(summary)
    assert ("Heading 3", "Stadsområdesnämnd Söder (Stadsområdesnämnder)") in body_lines(summary)
    assert ("List Bullet", "Malmö Stadsteater AB") in body_lines(summary)


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_header_has_page_and_numpages_fields_and_named_styles(kind):
    doc = open_docx(render_document(kind, sample_context(kind)))
    for header in (doc.sections[0].first_page_header, doc.sections[0].header):
        instr = [e.text.strip() for e in header._element.iter(qn("w:instrText"))]
        assert instr == ["PAGE", "NUMPAGES"] and header._element.xml.count('w:fldCharType="begin"') == 2
    body = doc.element.body
    assert not list(body.iter(qn("w:jc"))) and not list(body.iter(qn("w:sz")))  # no hand formatting
    assert {p.style.name for p in doc.paragraphs} <= {"Normal", "Heading 1", "Heading 2", "Heading 3",
                                                       "List Bullet", "Mottagare", "Beteckning", "Underskrift",
                                                       "Underskriftsnamn", "Beslutsrad"}
    assert "{{" not in all_text(render_document(kind, sample_context(kind)))


def test_dates_are_formatted_in_swedish():
    ctx = sample_context("missiv") | {"datum": dt.date(2015, 6, 15),
                                      "sista_svarsdag": dt.datetime(2010, 3, 31, 12, 0)}
    text = all_text(render_document("missiv", ctx))
    assert "15 juni 2015" in text and "tillhanda senast den 31 mars 2010 kl. 12.00." in text


def test_user_text_with_markup_and_template_syntax_comes_out_literally():
    evil = "Kostnad < 5 & > 3 {{ 7*7 }} {% if true %}ja{% endif %} </w:t><w:p> \x07\x0c"
    ctx = sample_context("yttrande") | {"titel": evil, "sammanfattning": [evil]}
    ctx["fragor"][0]["fraga"] = "{{ namnd }}?"
    data = render_document("yttrande", ctx)
    texts = [t for _, t in body_lines(data)]
    literal = "Kostnad < 5 & > 3 {{ 7*7 }} {% if true %}ja{% endif %} </w:t><w:p> "
    assert texts[1] == literal and literal in texts and "1. {{ namnd }}?" in texts
    assert "49" not in "".join(texts)


def test_non_plain_context_is_refused():
    with pytest.raises(RenderError, match="object är inte tillåtet"):
        render_document("yttrande", sample_context("yttrande") | {"titel": object()})


def test_placeholder_fields_documented_for_every_kind():
    for kind in DOCUMENT_KINDS:
        names = [f.name for f in placeholder_fields(kind)]
        assert {"titel", "diarienummer", "datum", "namnd"} <= set(names)
        assert all(f.description_sv for f in placeholder_fields(kind))
    with pytest.raises(ValueError):
        placeholder_fields("protokoll")


def test_shipped_templates_are_reproducible(tmp_path):
    build_all(tmp_path)
    for kind in DOCUMENT_KINDS:
        fresh = render_document(kind, sample_context(kind), (tmp_path / f"{kind}.docx").read_bytes())
        assert body_lines(fresh) == body_lines(render_document(kind, sample_context(kind)))
    assert default_template("yttrande") == (TEMPLATE_DIR / "yttrande.docx").read_bytes()


def test_package_does_not_import_flask_or_sqlmodel():
    code = ("import sys, remiss.documents; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'flask','sqlmodel','sqlalchemy'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # remiss/__init__.py may import flask for the app factory; the documents modules themselves must not.
    for path in sorted(TEMPLATE_DIR.parent.glob("*.py")):
        assert not re.search(r"^\s*(from|import)\s+(flask|sqlmodel|sqlalchemy)", path.read_text(), re.M), path
    assert out.returncode == 0


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_later_pages_have_a_light_header_and_the_first_page_the_address_footer(kind):
    data = render_document(kind, sample_context(kind))
    doc = open_docx(data)
    assert doc.sections[0].different_first_page_header_footer
    later = doc.sections[0].header
    assert later.tables == [] and [p.text for p in later.paragraphs] == ["1 (1)"]
    assert footer_text(data) == sample_context(kind)["sidfot"]


@pytest.mark.parametrize("kind", DOCUMENT_KINDS)
def test_header_grid_says_the_same_widths_as_the_cells(kind):
    table = open_docx(render_document(kind, sample_context(kind))).sections[0].first_page_header.tables[0]
    grid = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    assert [round(w.cm, 1) for w in grid] == [7.0, 6.0, 3.0]
    for row in table.rows:
        assert [c.width for c in row.cells] == grid


def test_signature_role_keeps_with_the_name():
    doc = open_docx(render_document("yttrande", sample_context("yttrande")))
    roles = [p for p in doc.paragraphs if p.style.name == "Underskrift"]
    assert len(roles) == 2 and all(p.style.paragraph_format.keep_with_next for p in roles)


def test_signature_block_moves_with_the_beslut_line():
    """walk17 F6: the names stood alone on page 2; the beslut line, each role and each name keep with the next."""
    doc = open_docx(render_document("yttrande", sample_context("yttrande")))
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Beslutat vid sammanträde"))
    block = doc.paragraphs[start:]
    assert [p.text for p in block][-1] == "Britt-Marie Pettersson" and len(block) == 5
    assert all(p.style.paragraph_format.keep_with_next for p in block[:-1])


def test_yttrande_header_shows_the_paragraf_once_decided():
    decided = header_text(render_document("yttrande", sample_context("yttrande")))
    assert "Paragraf\n§\u00a0142" in decided or "Paragraf\n§ 142" in decided
    proposed = sample_context("yttrande") | {"beslutat": False, "paragraf": "", "beslutsreferens": ""}
    assert "Paragraf" not in header_text(render_document("yttrande", proposed))


def test_tjansteskrivelse_without_beslutsunderlag_has_no_empty_heading():
    """Walk6: a remiss made through the API has no beslutsunderlag; the heading stood over nothing."""
    doc = render_document("tjansteskrivelse", sample_context("tjansteskrivelse") | {"beslutsunderlag": []})
    found = headings(doc)
    assert "Beslutsunderlag" not in found and found.index("Beslutsplanering") == found.index("Förslag till beslut") + 1


def test_the_beslut_line_stands_apart_from_the_last_answer(yttrande):
    """walk13b finding 8: "Beslutat vid sammanträde …" followed the last answer with no space."""
    doc = open_docx(yttrande)
    [line] = [p for p in doc.paragraphs if p.text.startswith("Beslutat vid sammanträde")]
    assert line.style.name == "Beslutsrad" and line.style.paragraph_format.space_before.pt >= 12
