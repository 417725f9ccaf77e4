"""The form fields written in Python give the HTML the Jinja macros gave (these strings are the macros' output)."""
from __future__ import annotations

from remiss.form_fields import field, pfield


def test_field_links_hint_and_error_and_escapes_the_value():
    html = field("title", "Ärendemening", {"title": "A <b>"}, {"title": "Fel"}, hint="Kort", required=True)
    assert html == (
        '<div class="field has-error">\n  <label for="f-title">Ärendemening <span class="req">(obligatoriskt)</span>'
        '</label>\n  <p class="hint" id="h-title">Kort</p>\n  <p class="field-error" id="e-title"><span '
        'class="visually-hidden">Fel: </span>Fel</p>\n  \n  <input id="f-title" name="title" type="text" '
        'value="A &lt;b&gt;" required\n    aria-describedby="h-title e-title"\n    aria-invalid="true" >\n  \n</div>')


def test_textarea_field_with_attributes():
    assert field("notes", "Anteckningar", {}, {}, type="textarea", attrs='rows="3"') == (
        '<div class="field">\n  <label for="f-notes">Anteckningar</label>\n  \n  \n  \n  <textarea id="f-notes" '
        'name="notes" rows="6" \n    \n     rows="3"></textarea>\n  \n</div>')


def test_prefixed_fields():
    assert pfield("r-", "until_on", "Till", {"until_on": "2026-01-01"}, {}, type="date", hint="H") == (
        '\n<div class="field">\n  <label for="f-r-until_on">Till</label>\n  <p class="hint" id="h-r-until_on">H</p>'
        '\n  \n  \n  \n  <input id="f-r-until_on" name="until_on" type="date" value="2026-01-01" \n    '
        'aria-describedby="h-r-until_on" >\n  \n</div>')
    assert pfield("r-", "reason", "Skäl", {}, {"reason": "Saknas"}, type="textarea") == (
        '\n<div class="field has-error">\n  <label for="f-r-reason">Skäl</label>\n  \n  <p class="field-error" '
        'id="e-r-reason"><span class="visually-hidden">Fel: </span>Saknas</p>\n  \n  \n  <textarea id="f-r-reason" '
        'name="reason" rows="4" aria-describedby="e-r-reason" aria-invalid="true"></textarea>\n  \n</div>')
