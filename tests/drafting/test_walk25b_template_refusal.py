"""walk25b Z6: a refused template quotes the placeholder as written and says what is right, and the advisory notes
("Mallen använder inte fältet …") stand apart from the reasons for refusal, under their own heading."""
from __future__ import annotations

import html
import re

from remiss.documents.template_check import check_template
from tests.drafting.test_templates import build_docx, upload

INDEXED = build_docx("Missiv {{ titel }} Fråga: {{ fragor[0].fraga }}")


def test_the_refusal_quotes_the_index_and_says_fragor_are_texts():
    report = check_template("missiv", INDEXED)
    assert not report.ok
    [error] = [e for e in report.errors if e.startswith("Okänd platshållare")]
    assert error.startswith("Okänd platshållare ”{{ fragor[0].fraga }}”"), error
    assert "Menade du ”{{ fragor }}”" not in error
    assert "”fragor” är en lista av texter utan egna fält" in error
    assert "”{%p for f in fragor %}”, ”{{ f }}” och ”{%p endfor %}”" in error


def test_a_loop_variable_is_quoted_as_written():
    report = check_template("missiv", build_docx("{{ titel }} {{ diarienummer }} {{ datum }} {{ sista_svarsdag }}",
                                                 "{%p for f in fragor %}", "{{ f.fraga }}", "{%p endfor %}"))
    [error] = report.errors
    assert error.startswith("Okänd platshållare ”{{ f.fraga }}”"), error


def test_a_misspelt_field_still_gets_its_suggestion():
    report = check_template("missiv", build_docx("{{ titel }} {{ diarienr }}"))
    assert any("”{{ diarienr }}”" in e and "Menade du ”{{ diarienummer }}”?" in e for e in report.errors)


def _section(page: str, marker: str) -> str:
    start = page.index(marker)
    return page[start:page.index("</div>", start)]


def test_the_page_shows_the_notes_apart_from_the_refusal(world, auth):
    auth.login(world["registrator"].email)
    refused = upload(auth, world["namnd"].id, "missiv", INDEXED)
    assert refused.status_code == 400
    page = html.unescape(refused.get_data(as_text=True))
    refusal = _section(page, "<h2>Mallen togs inte emot</h2>")
    notes = _section(page, 'id="template-notes"')
    assert "Okänd platshållare ”{{ fragor[0].fraga }}”" in refusal
    assert "använder inte fältet" not in refusal
    assert re.search(r"<h2>Att tänka på när du rättar mallen \(det här stoppade inte uppladdningen\)</h2>", notes)
    assert "Mallen använder inte fältet datum" in notes and "Mallen använder inte fältet sista_svarsdag" in notes
