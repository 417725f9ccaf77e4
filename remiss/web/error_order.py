"""An error summary lists its errors in the order of the fields on the page (GOV.UK and DIGG practice, walk25b Z9).

The summaries are built from error dicts whose order is the order a parser happened to check its fields in
(Begär förlängning said Begärd den before Till och med datum, shown below it), by some thirty forms' parsers,
WTForms forms and hand-written lists alike. The one thing that knows the fields' order is the rendered page, so the
page's content is put through this filter once (base.html): each summary's linked items are sorted by where the
field they link to stands on the page. Items without a link (the form as a whole, "Formuläret har gått ut") stay
first, in their order; an item whose field is not on the page keeps its place after the others."""
from __future__ import annotations

import re

from markupsafe import Markup

# a summary's list: its <ul> before the summary's </div> (a summary that is one <p> has none)
_SUMMARY = re.compile(r'(<div class="error-summary[^"]*"[^>]*>(?:(?!</div>).)*?<ul>)(.*?)(</ul>)', re.S)
_ITEM = re.compile(r"<li\b.*?</li>", re.S)
_TARGET = re.compile(r'<a href="#([^"]+)"')


def in_page_order(html: str) -> Markup:
    """The page's HTML with every error summary's items in the order of their fields on the page."""
    if "error-summary" not in html:
        return Markup(html)

    def place(item: str) -> float:
        target = _TARGET.search(item)
        if not target:
            return -1
        at = html.find(f' id="{target.group(1)}"')
        return at if at >= 0 else float("inf")

    def sort(summary: re.Match) -> str:
        items = _ITEM.findall(summary.group(2))
        if len(items) < 2 or _ITEM.sub("", summary.group(2)).strip():
            return summary.group(0)  # one item, or more than items between the tags: leave the list as written
        return summary.group(1) + "\n".join(sorted(items, key=place)) + summary.group(3)

    return Markup(_SUMMARY.sub(sort, html))
