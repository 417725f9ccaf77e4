"""What the tests read on a rendered page: its visible text."""
from __future__ import annotations

import re
from html import unescape


def visible_text(html: str) -> str:
    """The page's words as a reader sees them: tags out, entities read, white space collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def summary_items(html: str, heading: str = "Formuläret innehåller fel") -> list[str]:
    """The items of the page's error summary under heading, in their order, as visible text (macros/forms.html)."""
    found = re.search(rf"<h\d>{re.escape(heading)}</h\d>\s*<ul>(.*?)</ul>", html, re.S)
    assert found, f"no error summary {heading!r} on the page"
    return [visible_text(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]
