"""The light markup of paragraph fields: paragraphs, bullets, **fet** and *kursiv*, as documents and pages print them.

Shared by the sandbox worker, which loads this file by its path when it runs as a script (`python -I
sandbox.py`), and by the pages that show a draft. So it imports only the standard library, never the app.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_BULLET = re.compile(r"^\s*(?:-|•|–)\s+")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)(.+?)(?<=\S)\*")
# Thousands ("2 000") and "§ 142" keep together on one line, as Word users type them with NBSP.
_KEEP_TOGETHER = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=§) (?=\d)")
# Emphasis travels through Jinja as private-use characters, never as XML: after rendering each
# run holding them is split into runs with the run's own properties plus bold or italic
# (`sandbox.split_emphasis`). User text and templates never carry these characters (`freeze` drops them).
BOLD_ON, BOLD_OFF, ITALIC_ON, ITALIC_OFF = "\ue000", "\ue001", "\ue002", "\ue003"
MARKERS = BOLD_ON + BOLD_OFF + ITALIC_ON + ITALIC_OFF
# docxtpl turns \a in a run's text into a new paragraph with the same paragraph and run properties.
NEW_PARAGRAPH = "\a"
BULLET_SIGN = "•\u00a0"


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Stycke(str):
    """A paragraph of user text: a str with `punkt` and Word emphasis when printed."""

    punkt: bool = False

    def __new__(cls, line: str):
        punkt = bool(_BULLET.match(line))
        text = _KEEP_TOGETHER.sub("\u00a0", _BULLET.sub("", line, count=1) if punkt else line)
        self = super().__new__(cls, text)
        self.punkt = punkt
        return self

    def runs(self) -> list[tuple[str, str]]:
        """The text in pieces as the document prints them: (text, "" | "b" for **fet** | "i" for *kursiv*)."""
        out, pos = [], 0
        for match in _EMPHASIS.finditer(self):
            if match.start() > pos:
                out.append((self[pos:match.start()], ""))
            bold = match.group(1) is not None
            out.append((match.group(1) if bold else match.group(2), "b" if bold else "i"))
            pos = match.end()
        if pos < len(self):
            out.append((self[pos:], ""))
        return out

    def __html__(self) -> str:
        """Return escaped text; emphasis becomes marker characters that `split_emphasis` resolves."""
        return "".join(_MARKS[style][0] + xml_escape(text) + _MARKS[style][1] for text, style in self.runs())


_MARKS = {"": ("", ""), "b": (BOLD_ON, BOLD_OFF), "i": (ITALIC_ON, ITALIC_OFF)}


class Block(NamedTuple):
    """A piece of a paragraph field as a page shows it: one paragraph ("p") or a bulleted list ("ul"), each
    item the runs of one Stycke."""

    kind: str
    items: list[list[tuple[str, str]]]


def blocks(value) -> list[Block]:
    """A paragraph field as the document prints it, for a page: paragraphs, and consecutive bullets as one list."""
    out: list[Block] = []
    for stycke in to_stycken(value):
        if stycke.punkt and out and out[-1].kind == "ul":
            out[-1].items.append(stycke.runs())
        else:
            out.append(Block("ul" if stycke.punkt else "p", [stycke.runs()]))
    return out


class Stycken(list):
    """The paragraphs of a field; printed whole (`{{ sammanfattning }}`) each becomes its own Word paragraph."""

    def __html__(self) -> str:
        return NEW_PARAGRAPH.join((BULLET_SIGN if s.punkt else "") + s.__html__() for s in self)

    def __str__(self) -> str:
        return "\n".join(self)


class Post(dict):
    """A field with fields (`var_referens`, `kontaktperson`, an item of `fragor`): printed whole, its
    texts one after the other ("Sabina Vendela Dethorey, Utvecklingssamordnare, …"), never a Python dict."""

    def __html__(self) -> str:
        texts = [str(v) for k, v in self.items()
                 if k != "rad" and isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v)]
        return xml_escape(", ".join(texts))

    def __str__(self) -> str:
        return self.__html__()


class Items(list):
    """A list field (`beslutsunderlag`, `fragor`): printed whole, one Word paragraph per item."""

    def __html__(self) -> str:
        return NEW_PARAGRAPH.join(item.__html__() if hasattr(item, "__html__") else xml_escape(str(item))
                                  for item in self if item is not None)

    def __str__(self) -> str:
        return "\n".join(str(item) for item in self)


def printable(value, top: bool = True):
    """Make every dict below the top of a context a Post and every list Items (Stycken stay as they are)."""
    if isinstance(value, dict):
        converted = {k: printable(v, False) for k, v in value.items()}
        return converted if top else Post(converted)
    if isinstance(value, list) and not isinstance(value, Stycken):
        return Items(printable(v, False) for v in value)
    return value


def to_stycken(value) -> Stycken:
    """Split a string or list of strings into Stycke paragraphs, one per non-empty line."""
    if value is None or value is False:
        return Stycken()
    items = [value] if isinstance(value, str) else list(value)
    return Stycken(Stycke(line.rstrip()) for item in items if isinstance(item, str)
                   for line in item.splitlines() if line.strip())


def apply_stycken(context: dict, paths) -> dict:
    """Replace the paragraph fields named by paths (`a[].b`) with Stycke lists in place."""
    def walk(node, parts):
        if not isinstance(node, dict) or not parts:
            return
        head, rest = parts[0], parts[1:]
        is_list = head.endswith("[]")
        key = head[:-2] if is_list else head
        if key not in node:
            if not rest:
                node[key] = []
            return
        if not rest:
            node[key] = to_stycken(node[key])
        elif is_list and isinstance(node[key], list):
            for item in node[key]:
                walk(item, rest)
        else:
            walk(node[key], rest)

    for path in paths:
        walk(context, path.split("."))
    return context
