"""The main text of a saved web page or an HTML e-mail: no menus, headers, footers or scripts.

lxml parses in C in one pass; the element cap bounds the work done afterwards in Python.
"""
from __future__ import annotations

import re

DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "form", "button", "select",
        "nav", "header", "footer", "aside", "head")
LINE = {"br", "li", "tr", "dt", "dd"}  # a new line where it starts, as a browser copies it
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "main",
         "table", "ul", "ol", "dl", "blockquote", "pre", "address", "figure", "figcaption", "hr"}
# Where sites put the page's own content, most specific first (regeringen.se, Sitevision, WordPress, Episerver).
MAIN = ("//main", "//*[@role='main']", "//article", "//*[@id='content' or @id='main-content' or @id='main']",
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' main-content ')]")


def main_text(data: bytes | str, *, max_elements: int, whole: bool = False) -> str:
    """Return the readable text of the page's main content (of all of it when whole), one block a line."""
    import lxml.html
    from lxml import etree

    if isinstance(data, bytes):
        data = _decode(data)
    data = re.sub(r"^\s*<\?xml[^>]*>", "", data)  # lxml refuses str input with an encoding declaration
    if not data.strip():
        return ""
    too_many = f"Webbsidan innehåller fler än {max_elements:,} element och läses inte.".replace(",", " ")
    if data.count("<" if isinstance(data, str) else b"<") > 2 * max_elements:  # refused before parsing; a tag opens and closes
        raise ValueError(too_many)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"Webbsidan kunde inte läsas: {exc}") from exc
    count = 0
    for _ in root.iter():
        count += 1
        if count > max_elements:
            raise ValueError(too_many)
    for element in root.xpath("|".join(f"//{tag}" for tag in DROP)):
        if element.getparent() is not None and not (whole and element.tag in ("header", "footer")):
            element.drop_tree()
    node = root
    if not whole:
        for query in MAIN:
            found = [n for n in root.xpath(query) if len(n.text_content().strip()) > 200]
            if found:
                node = max(found, key=lambda n: len(n.text_content()))
                break
    return _lines(node)


def _decode(data: bytes) -> bytes | str:
    """Return the page as text when it is UTF-8; else the bytes, for lxml to follow its declared charset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data if re.search(rb"charset\s*=", data[:4096], re.I) else data.decode("cp1252", errors="replace")


def _lines(node) -> str:
    """Return the text of node: a blank line around each block, a line break before each list item or row."""
    out: list[str] = []
    for event, element in _walk(node):
        if event == "text":
            out.append(element)
        elif not isinstance(element.tag, str):
            continue
        elif element.tag in BLOCK:
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
