"""The labelled form fields of macros/forms.html (field) and planning/_macros.html (pfield), written in Python.

A Jinja macro call costs ≈ 7 µs before its body runs (≈ 9 µs more for a field), and the remiss page renders
28 fields: its yttrande form and the förlängning forms (≈ 0.4 ms). The templates export them under the macros'
names. (They replaced the macros with the same HTML; since then field and pfield are one function.)
"""
from __future__ import annotations

from markupsafe import Markup, escape

REQUIRED = ' <span class="req">(obligatoriskt)</span>'


def field(name, label, values, errors, type="text", hint=None, required=False, attrs="", *, prefix="",
          rows=6) -> Markup:
    """A field with its label, hint and error, linked with aria-describedby; ids f-, h- and e-<prefix><name>
    (a prefix lets several forms on one page share field names). attrs: trusted extra attributes."""
    error = errors.get(name)
    n = escape(name)
    id_ = f"{escape(prefix)}{n}"
    described = " ".join(part for part in (f"h-{id_}" if hint else "", f"e-{id_}" if error else "") if part)
    common = " ".join(part for part in ("required" if required else "",
                                        f'aria-describedby="{described}"' if described else "",
                                        'aria-invalid="true"' if error else "", attrs) if part)
    value = escape(values.get(name, ""))
    if type == "textarea":
        control = f'<textarea id="f-{id_}" name="{n}" rows="{int(rows)}" {common}>{value}</textarea>'
    else:
        control = f'<input id="f-{id_}" name="{n}" type="{escape(type)}" value="{value}" {common}>'
    return Markup(f'<div class="field{" has-error" if error else ""}">\n'
                  f'  <label for="f-{id_}">{escape(label)}{REQUIRED if required else ""}</label>\n'
                  f"  {_hint(id_, hint)}{_error(id_, error)}{control}\n</div>")


def pfield(prefix, name, label, values, errors, type="text", hint=None, required=False) -> Markup:
    """field() with a prefix on its ids and a shorter textarea: the planning forms, several on one page."""
    return field(name, label, values, errors, type, hint, required, prefix=prefix, rows=4)


def _hint(id_, hint) -> str:
    return f'<p class="hint" id="h-{id_}">{escape(hint)}</p>\n  ' if hint else ""


def _error(id_, error) -> str:
    if not error:
        return ""
    return f'<p class="field-error" id="e-{id_}"><span class="visually-hidden">Fel: </span>{escape(error)}</p>\n  '
