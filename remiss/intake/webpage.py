"""The main text of a saved web page or an HTML e-mail: no menus, headers, footers, captions or scripts.

The page's structure is kept where the missiv parser needs it: the main heading (<h1>) comes first, as the
letter's heading line, and each list item is one line (an <ol>'s items numbered as the page shows them), so
a sändlista in <li> reads as when it is pasted. Whitespace inside the markup is collapsed as a browser does.
lxml parses in C in one pass; the element cap bounds the work done afterwards in Python.
"""
from __future__ import annotations

import logging
import re

from remiss.missiv.hints import Hint

DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "form", "button", "select",
        "nav", "header", "footer", "aside", "head", "figure", "figcaption", "picture", "img", "dialog")
# Page chrome marked by role, id or class rather than by element: cookie banners, breadcrumbs, share buttons.
CHROME = ("//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='dialog' or @role='alertdialog']",
          "//*[re:test(concat(@id, ' ', @class), '(^|[\\s_-])(cookies?|cookie-?consent|consent|gdpr|breadcrumbs?|"
          "caption|wp-caption|share|social|skip-?link)([\\s_-]|$)', 'i')]")
NS = {"re": "http://exslt.org/regular-expressions"}
BEFORE_HEADING_CHARS = 300  # text before the <h1> in the main content shorter than this is chrome (captions, dates)
LINE = {"br", "li", "tr", "dt", "dd"}  # a new line where it starts, as a browser copies it
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main",
         "table", "ul", "ol", "dl", "blockquote", "pre", "address", "figure", "figcaption", "hr"}
# Where sites put the page's own content, most specific first (regeringen.se, Sitevision, WordPress, Episerver).
MAIN = ("//main", "//*[@role='main']", "//article", "//*[@id='content' or @id='main-content' or @id='main']",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' main-content ')]")


def main_text(data: bytes | str, *, max_elements: int, whole: bool = False) -> str:
    """Return the readable text of the page's main content (of all of it when whole), one block a line."""
    return read_page(data, max_elements=max_elements, whole=whole)[0]


def read_page(data: bytes | str, *, max_elements: int, whole: bool = False) -> tuple[str, list[Hint]]:
    """Return the page's main text and what its markup says the title and the site are (<h1>, og:title, <title>,
    og:site_name)."""
    import lxml.html
    from lxml import etree

    if isinstance(data, bytes):
        data = _decode(data)
    data = re.sub(r"^\s*<\?xml[^>]*>", "", data)  # lxml refuses str input with an encoding declaration
    if not data.strip():
        return "", []
    too_many = f"Webbsidan innehåller fler än {max_elements:,} element och läses inte.".replace(",", " ")
    if data.count("<" if isinstance(data, str) else b"<") > 2 * max_elements:  # refused before parsing; a tag opens and closes
        raise ValueError(too_many)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        logging.getLogger(__name__).warning("could not parse a web page: %s", exc)
        raise ValueError("Webbsidan kunde inte läsas (den verkar vara skadad).") from exc
    count = 0
    for _ in root.iter():
        count += 1
        if count > max_elements:
            raise ValueError(too_many)
    headings = [] if whole else root.xpath("//h1")
    heading = _flat("".join(headings[0].xpath(".//text()[not(ancestor::script or ancestor::style)]"))) \
        if headings else ""
    hints = [] if whole else _hints(root, heading)
    for element in root.xpath("|".join(f"//{tag}" for tag in DROP)) + root.xpath("|".join(CHROME), namespaces=NS):
        if element.getparent() is not None and not (whole and element.tag in ("header", "footer")) \
                and element.tag not in ("html", "body", "main"):
            element.drop_tree()
    node = root
    if not whole:
        for query in MAIN:
            found = [n for n in root.xpath(query) if len(n.text_content().strip()) > 200]
            if found:
                node = max(found, key=lambda n: len(n.text_content()))
                break
    text = _lines(node)
    if not heading:
        return text, hints
    at = text.find(heading)
    if at < 0:  # the heading stood outside the main content (e.g. in the page's header)
        return f"{heading}\n\n{text}", hints
    if at < BEFORE_HEADING_CHARS:  # captions, breadcrumbs and dates above the heading
        return text[at:], hints
    return text, hints


def _hints(root, heading: str) -> list[Hint]:
    """The page's title and site as its markup gives them; the site also from the tail of <title>."""
    def meta(name: str) -> str:
        found = root.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
        return _flat(found[0]) if found else ""
    title = _flat(root.findtext(".//title") or "")
    hints = [Hint("title", heading, "html-h1")] if heading else []
    hints += [Hint("title", value, source) for value, source in ((meta("og:title"), "html-og-title"),
                                                                 (title, "html-title")) if value]
    hints += [Hint("remittent", value, source) for value, source in ((meta("og:site_name"), "html-site-name"),
                                                                     (title, "html-title")) if value]
    return hints


def _decode(data: bytes) -> bytes | str:
    """Return the page as text when it is UTF-8; else the bytes, for lxml to follow its declared charset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data if re.search(rb"charset\s*=", data[:4096], re.I) else data.decode("cp1252", errors="replace")


def _flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _lines(node) -> str:
    """Return the text of node: a blank line around each block, a line break before each list item or row.

    Markup whitespace is collapsed (outside <pre>); an <ol>'s items are numbered "1. ", "2. " as shown."""
    out: list[str] = []
    pre = 0
    numbers: list[int] = []  # the next number of each open list; 0 for an <ul>
    for event, element in _walk(node):
        if event == "text":
            out.append(element if pre else re.sub(r"\s+", " ", element))
        elif not isinstance(element.tag, str):
            continue
        elif element.tag in ("ol", "ul"):
            if event == "start":
                start = element.get("start", "1")
                numbers.append((int(start) if start.isdigit() else 1) if element.tag == "ol" else 0)
            elif numbers:
                numbers.pop()
            out.append("\n\n" if len(numbers) == (1 if event == "start" else 0) else "\n")
        elif element.tag == "li" and event == "start":
            out.append("\n")
            if numbers and numbers[-1]:
                out.append(f"{numbers[-1]}. ")
                numbers[-1] += 1
        elif element.tag in BLOCK and element.getparent() is not None and element.getparent().tag == "li":
            out.append(" ")  # a <p> inside a list item stays on the item's line
        elif element.tag in BLOCK:
            if element.tag == "pre":
                pre += 1 if event == "start" else -1
            out.append("\n\n")
        elif event == "start" and element.tag in LINE:
            out.append("\n")
        elif event == "start" and element.tag in ("td", "th"):
            out.append("\t")
    text = "".join(out).replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _walk(node):
    """Yield ("start", el), ("text", str) and ("end", el) in document order, without recursion."""
    stack = [(node, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            yield "end", element
            if element.tail and element is not node:
                yield "text", element.tail
            continue
        yield "start", element
        if isinstance(element.tag, str) and element.text:
            yield "text", element.text
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
