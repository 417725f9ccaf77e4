"""The labelled form fields of macros/forms.html (field) and planning/_macros.html (pfield), written in Python.

A Jinja macro call costs ≈ 7 µs before its body runs (≈ 9 µs more for a field), and the remiss page renders
28 fields: its yttrande form and the förlängning forms (≈ 0.4 ms). These write the same HTML, character for
character, as the macros did; the templates export them under the macros' names.
"""
from __future__ import annotations

from markupsafe import Markup, escape

REQUIRED = ' <span class="req">(obligatoriskt)</span>'


def field(name, label, values, errors, type="text", hint=None, required=False, attrs="") -> Markup:
    """A field with its label, hint and error, linked with aria-describedby; ids f-, h- and e-<name>."""
    error = errors.get(name)
    n = escape(name)
    described = ""
    if hint or error:
        described = f'aria-describedby="{f"h-{n}" if hint else ""} {f"e-{n}" if error else ""}"'
    invalid = 'aria-invalid="true"' if error else ""
    req = "required" if required else ""
    value = escape(values.get(name, ""))
    if type == "textarea":
        control = (f'<textarea id="f-{n}" name="{n}" rows="6" {req}\n    {described}\n    {invalid} {attrs}>'
                   f"{value}</textarea>")
    else:
        control = (f'<input id="f-{n}" name="{n}" type="{escape(type)}" value="{value}" {req}\n    {described}\n'
                   f"    {invalid} {attrs}>")
    return Markup(
        f'<div class="field{" has-error" if error else ""}">\n'
        f'  <label for="f-{n}">{escape(label)}{REQUIRED if required else ""}</label>\n'
        f"  {_hint(n, hint)}\n  {_error(n, error)}\n  \n  {control}\n  \n</div>")


def pfield(prefix, name, label, values, errors, type="text", hint=None, required=False) -> Markup:
    """A field whose ids carry a prefix (f-, h-, e-<prefix><name>), so several forms on a page can share names."""
    error = errors.get(name)
    pn = f"{escape(prefix)}{escape(name)}"
    n = escape(name)
    described = " ".join(part for part in (f"h-{pn}" if hint else "", f"e-{pn}" if error else "") if part)
    described = f'aria-describedby="{described}"' if described else ""
    invalid = 'aria-invalid="true"' if error else ""
    if type == "textarea":
        control = (f'<textarea id="f-{pn}" name="{n}" rows="4" {described} {invalid}>'
                   f'{escape(values.get(name, ""))}</textarea>')
    else:
        control = (f'<input id="f-{pn}" name="{n}" type="{escape(type)}" value="{escape(values.get(name, ""))}" '
                   f'{"required" if required else ""}\n    {described} {invalid}>')
    return Markup(
        f'\n<div class="field{" has-error" if error else ""}">\n'
        f'  <label for="f-{pn}">{escape(label)}{REQUIRED if required else ""}</label>\n'
        f"  {_hint(pn, hint)}\n  {_error(pn, error)}\n  \n  \n  {control}\n  \n</div>")


def _hint(id_, hint) -> str:
    return f'<p class="hint" id="h-{id_}">{escape(hint)}</p>' if hint else ""


def _error(id_, error) -> str:
    if not error:
        return ""
    return f'<p class="field-error" id="e-{id_}"><span class="visually-hidden">Fel: </span>{escape(error)}</p>'
