"""The labelled form fields (remiss.form_fields): label, hint and error linked by id, values escaped."""
from __future__ import annotations

from remiss.form_fields import field, pfield


def test_field_links_hint_and_error_and_escapes_the_value():
    html = field("title", "Ärendemening", {"title": "A <b>"}, {"title": "Fel"}, hint="Kort", required=True)
    assert html == (
        '<div class="field has-error">\n  <label for="f-title">Ärendemening <span class="req">(obligatoriskt)</span>'
        '</label>\n  <p class="hint" id="h-title">Kort</p>\n  <p class="field-error" id="e-title"><span '
        'class="visually-hidden">Fel: </span>Fel</p>\n  <input id="f-title" name="title" type="text" '
        'value="A &lt;b&gt;" required aria-describedby="h-title e-title" aria-invalid="true">\n</div>')


def test_textarea_field_with_its_rows_and_attributes():
    assert field("notes", "Anteckningar", {"notes": "x & y"}, {}, type="textarea", rows=3,
                 attrs='maxlength="500"') == (
        '<div class="field">\n  <label for="f-notes">Anteckningar</label>\n  <textarea id="f-notes" '
        'name="notes" rows="3" maxlength="500">x &amp; y</textarea>\n</div>')


def test_prefixed_fields():
    assert pfield("r-", "until_on", "Till", {"until_on": "2026-01-01"}, {}, type="date", hint="H") == (
        '<div class="field">\n  <label for="f-r-until_on">Till</label>\n  <p class="hint" id="h-r-until_on">H</p>'
        '\n  <input id="f-r-until_on" name="until_on" type="date" value="2026-01-01" '
        'aria-describedby="h-r-until_on">\n</div>')
    assert pfield("r-", "reason", "Skäl", {}, {"reason": "Saknas"}, type="textarea", required=True) == (
        '<div class="field has-error">\n  <label for="f-r-reason">Skäl <span class="req">(obligatoriskt)</span>'
        '</label>\n  <p class="field-error" id="e-r-reason"><span class="visually-hidden">Fel: </span>Saknas</p>\n  '
        '<textarea id="f-r-reason" name="reason" rows="4" required aria-describedby="e-r-reason" '
        'aria-invalid="true"></textarea>\n</div>')
    assert 'id="f-d7-&lt;x"' in pfield("d7-", "<x", "X", {}, {})
