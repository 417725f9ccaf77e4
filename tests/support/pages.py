"""What the tests read on a rendered page: its visible text."""
from __future__ import annotations

import re
from html import unescape


def visible_text(html: str) -> str:
    """The page's words as a reader sees them: tags out, entities read, white space collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
