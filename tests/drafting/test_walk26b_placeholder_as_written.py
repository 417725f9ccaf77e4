"""walk26b X6: a refused placeholder is quoted exactly as the document has it, spaces or none, so that Word's Sök
finds it: "{{Titel}}", not "{{ Titel }}"."""
from __future__ import annotations

from remiss.documents.template_check import check_template
from tests.drafting.test_templates import build_docx


def _refusal(*paragraphs: str) -> str:
    [error] = [e for e in check_template("tjansteskrivelse", build_docx(*paragraphs)).errors
               if e.startswith("Okänd platshållare")]
    return error


def test_a_placeholder_without_spaces_is_quoted_without_spaces():
    error = _refusal("{{ diarienummer }} {{ datum }}", "Ärende: {{Titel}}")
    assert error.startswith("Okänd platshållare ”{{Titel}}” i "), error
    assert "Menade du ”{{ titel }}”?" in error


def test_odd_spacing_and_a_trim_mark_are_kept_as_written():
    assert _refusal("{{ diarienummer }} {{ datum }}", "Ärende: {{-  Titel}}").startswith(
        "Okänd platshållare ”{{-  Titel}}”")


def test_with_spaces_it_is_quoted_as_before():
    assert _refusal("{{ diarienummer }} {{ datum }}", "Ärende: {{ Titel }}").startswith(
        "Okänd platshållare ”{{ Titel }}”")
