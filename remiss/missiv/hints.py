"""What a file's own structure says a missiv's title or sender is, with where it says it.

The converters (remiss.intake.formats) read these beside the text: a Word file's Heading 1 or Title paragraph and its
core properties, a web page's <h1>, og:title, <title> and og:site_name, a PDF's document information and the largest
line on its first page. The parser weighs them against what the text says (`title_from_hints`,
`remittent_from_hints`): the text's own heading wins; a hint fills a field the text leaves empty, always with a
warning that names where it came from. Pure code: no flask, no sqlmodel, no I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from remiss.missiv.bodies import canonical_body, find_bodies


@dataclass(frozen=True)
class Hint:
    """A value the file's structure gives a field ("title" or "remittent"), and where in the file it stood."""

    field: str
    value: str
    source: str  # a key of SOURCES

    def __post_init__(self) -> None:
        # blanks folded and the length bounded here, so a hostile file's metadata costs nothing further on
        object.__setattr__(self, "value", tidy(self.value[:4 * MAX_CHARS])[:2 * MAX_CHARS])

    def to_json(self) -> dict:
        return {"field": self.field, "value": self.value, "source": self.source}

    @classmethod
    def from_json(cls, data: dict) -> "Hint":
        return cls(data["field"], data["value"], data["source"])


# source → (how the warning names it, weight). Weight 2: the author marked it as the heading (a Word heading style,
# a page's <h1>); 1: set apart by layout (the largest line of a PDF's first page); 0: metadata, often a file name
# or a template's leftover, and site names around a page's <title>.
SOURCES = {
    "docx-heading": ("Word-filens rubrik (formatmallen Rubrik/Titel)", 2),
    "html-h1": ("webbsidans huvudrubrik", 2),
    "pdf-largest": ("den största raden på PDF-filens första sida", 1),
    "docx-properties": ("Word-filens egenskaper (Titel)", 0),
    "pdf-metadata": ("PDF-filens egenskaper (Titel)", 0),
    "html-og-title": ("webbsidans delningsrubrik (og:title)", 0),
    "html-title": ("webbsidans fönsterrubrik (<title>)", 0),
    "html-site-name": ("webbsidans webbplatsnamn (og:site_name)", 0),
    "pdf-author": ("PDF-filens egenskaper (Författare)", 0),
}

# Metadata that names no matter: a word processor's defaults, file names, a letter's kind alone.
_JUNK = re.compile(
    r"\A(?:untitled|namnlös|dokument[ \t]*\d*|"
    r"document[ \t]*\d*|rubrik|titel|title|mall|brevmall|word[ \t]+template|"
    r"(?:ny[ \t]+|inkommen[ \t]+)?(?:remiss(?:er)?|remissmissiv|missiv|följebrev|kungörelse|samråd|granskning|"
    r"samrådshandling|granskningshandling|underrättelse|tjänsteskrivelse|beslut|promemoria|pm|brev|skrivelse|"
    r"remissversion|start(?:sida)?|nyheter)|[\d\s./:-]+)\Z",
    re.IGNORECASE)
# A page's <title> carries the site after a separator: "Remiss av X - Regeringen.se", "X | Länsstyrelsen Skåne".
_SITE_SEPARATOR = re.compile(r"(?<![ \t])[ \t]++[|–-][ \t]++|(?<![ \t])[ \t]*+\|[ \t]*+")
_DOMAIN = re.compile(r"(?<![\w.-])(?:www\.)?[\w-]{1,60}+\.(?:se|nu|com|org|eu)", re.IGNORECASE)
_SITE_WORD = re.compile(r"\b(?:kommun|region|länsstyrelsen|regeringen|regeringskansliet|webbplats|startsida)\b",
                        re.IGNORECASE)
_FILE = (".doc", ".docx", ".pdf", ".odt", ".rtf", ".dot", ".dotx")  # "Microsoft Word - 2019-05-12 Remiss.docx"
MIN_WORDS = 2
MAX_CHARS = 250


def tidy(value: str | None) -> str:
    return " ".join((value or "").replace("\u00a0", " ").replace("\u00ad", "").split())


def is_junk(value: str) -> bool:
    """Tell a hint that names no matter: a default, a file name, a bare kind of letter, a body's name alone."""
    value = value.strip(" .:–-")
    if len(value) < 3 or len(value) > MAX_CHARS or _JUNK.fullmatch(value) or len(value.split()) < MIN_WORDS or \
            value.casefold().startswith("microsoft ") or value.casefold().endswith(_FILE):
        return True
    named = sum(m.end - m.start for m in find_bodies(value))
    return named >= len(value) / 2


def page_title(value: str) -> str:
    """The matter in a page's <title> or og:title: the longest part between separators that is not the site."""
    parts = [p for p in _SITE_SEPARATOR.split(tidy(value)) if p]
    kept = [p for p in parts if not (_DOMAIN.fullmatch(p) or _SITE_WORD.search(p))] or parts
    return max(kept, key=len) if len(parts) > 1 else tidy(value)


def site_body(value: str) -> str | None:
    """The public body a page's site name or <title> tail names ("Länsstyrelsen Skåne", "Region Kalmar län")."""
    for part in reversed(_SITE_SEPARATOR.split(tidy(value))):
        name = canonical_body(part)
        if name:
            return name
    return None


@dataclass(frozen=True)
class Chosen:
    """A field's value taken from hints, the sources that gave it, and the warning that says so."""

    value: str
    sources: tuple[str, ...]
    warning: str


def agree(a: str, b: str) -> bool:
    """Tell whether two titles name the same matter: one's words are all in the other (case and form aside)."""
    def words(value: str) -> set[str]:
        return {w.casefold() for w in re.findall(r"[^\W_]{3,}", value)} - {"remiss", "och", "för", "med", "av"}
    x, y = words(a), words(b)
    if not x or not y:
        return False
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    found = sum(1 for w in small if any(v.startswith(w[:max(4, len(w) - 2)]) for v in large))
    return found >= max(2, round(0.8 * len(small))) or found == len(small) >= 1 and len(small) == len(large)


def title_from_hints(hints: list[Hint], clean, plausible, *, min_weight: int = 0) -> Chosen | None:
    """Choose a title among the hints of at least `min_weight`; `plausible` judges a heading as the parser judges a
    page's headline, `clean` then tidies it like the parser's titles ("Remiss av promemorian X" → "X"). The
    heaviest source wins; the others that agree with it are named too."""
    found: list[tuple[str, str]] = []
    for hint in hints:
        if hint.field != "title" or hint.source not in SOURCES or SOURCES[hint.source][1] < min_weight:
            continue
        value = page_title(hint.value) if hint.source in ("html-title", "html-og-title") else tidy(hint.value)
        value = clean(value) if plausible(value) else ""
        if value and not is_junk(value):
            found.append((value, hint.source))
    if not found:
        return None
    found.sort(key=lambda item: -SOURCES[item[1]][1])
    value, source = found[0]
    backing = [s for v, s in found[1:] if agree(value, v) and s != source]
    sources = (source, *dict.fromkeys(backing))
    named = " och ".join(SOURCES[s][0] for s in sources)
    return Chosen(value, sources, f"Titeln är hämtad ur {named}; kontrollera den.")


def remittent_from_hints(hints: list[Hint]) -> Chosen | None:
    """The public body the file's metadata names as its sender, for a letter whose text names none."""
    for hint in hints:
        if hint.field != "remittent" or hint.source not in SOURCES:
            continue
        name = site_body(hint.value)
        if name:
            return Chosen(name, (hint.source,), f"Remittenten ({name}) är hämtad ur {SOURCES[hint.source][0]}; "
                                                "kontrollera.")
    return None

