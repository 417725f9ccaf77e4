"""Every table in a page template sits in a labelled, focusable scrolling region (WCAG 1.4.10 with 2.1.1): at
320 px a wide table scrolls inside it, reachable by keyboard and named for screen readers, instead of widening
the page. Mail templates are not pages and are left out."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
LAST_TAG = re.compile(r"<div\b([^>]*)>\Z")
NEEDED = ('class="table-wrap"', 'role="region"', 'tabindex="0"')


def _is_region(before: str) -> bool:
    """The tag right before the table opens a .table-wrap region with a name (aria-label or aria-labelledby)."""
    tag = LAST_TAG.search(before.rstrip())
    return bool(tag) and all(a in tag.group(1) for a in NEEDED) and re.search(r'aria-label(ledby)?="[^"]+"', tag.group(1))


def test_every_table_is_in_a_labelled_region():
    bare = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] == "email":
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            if not _is_region(text[:match.start()]):
                bare.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, match.start()) + 1}")
    assert not bare, f"tables outside a .table-wrap region: {bare}"
