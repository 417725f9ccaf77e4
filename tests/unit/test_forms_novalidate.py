"""Walk11 finding 16: every form with a required field has novalidate, so that the app's Swedish message and error
summary are shown instead of the browser's own bubble (in the browser's language). Reads the templates: a form's
fields, those of the templates it includes by name and the field macros called with required=True."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
REQUIRED = re.compile(r"\brequired\b(?!\s*=\s*False)")
INCLUDE = re.compile(r"""\{%-?\s*include\s+["']([^"']+)["']""")


def _with_includes(body: str, depth: int = 0) -> str:
    if depth > 3:
        return body
    return body + "".join(_with_includes((TEMPLATES / name).read_text(), depth + 1)
                          for name in INCLUDE.findall(body) if (TEMPLATES / name).exists())


def forms_without_novalidate() -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for match in FORM.finditer(text):
            attrs, body = match.groups()
            if REQUIRED.search(_with_includes(body)) and "novalidate" not in attrs:
                found.append(f"{path.relative_to(TEMPLATES)}:{text[:match.start()].count(chr(10)) + 1}")
    return found


def test_the_scan_finds_a_form_it_should():
    # the scan itself can fail: the form the walk found, as it was
    sample = '<form method="post"><textarea id="return-comment" name="comment" rows="3" required></textarea></form>'
    assert [m.group(1) for m in FORM.finditer(sample) if REQUIRED.search(m.group(2))] == [' method="post"']


def test_every_form_with_a_required_field_has_novalidate():
    assert forms_without_novalidate() == []
