"""Find the placeholders in a template's XML as Word shows them and as docxtpl sees them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from . import jinja_sv

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)
OPEN = re.compile(r"{{|{%")
# The two run-merging rules of docxtpl's patch_xml, applied per paragraph.
_MERGE_BRACES = re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.DOTALL)
_IN_TAG = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", re.DOTALL)
_BETWEEN_T = re.compile(r"</w:t>.*?(<w:t>|<w:t [^>]*>)", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]*>")
_DOCXTPL_PREFIX = re.compile(r"({%|{{)-?(?:tr|tc|p|r) ")
_DOCXTPL_CELL = re.compile(r"{%\s*(?:colspan|cellbg)\s+(.*?)%}|{%\s*(?:vm|hm)\s*%}", re.DOTALL)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
JINJA_GLOBALS = {"range", "loop", "dict", "lipsum", "cycler", "joiner", "namespace", "true", "false", "none"}
SAFE_METHODS = {"items", "keys", "values", "upper", "lower", "title", "capitalize", "strip",
                "split", "startswith", "endswith", "replace", "join", "get"}


@dataclass
class Paragraph:
    """A paragraph's location, its visible text and its text as docxtpl will read it."""

    where: str
    visible: str
    docxtpl: str


@dataclass
class Found:
    """Placeholders found in a template, with problems already phrased in Swedish."""

    paths: dict[str, str] = field(default_factory=dict)  # path -> first location
    written: dict[str, str] = field(default_factory=dict)  # path -> as first written ("fragor[0].fraga")
    tags: dict[str, str] = field(default_factory=dict)  # path -> its whole tag as the document has it ("{{Titel}}")
    unsafe: list[tuple[str, str]] = field(default_factory=list)  # (expression, location)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def safe_parser() -> etree.XMLParser:
    """Return an XML parser that loads no DTD, entity or network resource."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def opening_words(text: str, limit: int = 40) -> str:
    """The first words of a paragraph, as a user would search for it in Word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit]) + " …"


def paragraphs(xml: bytes, place: str) -> list[Paragraph]:
    """Return every w:p of a part in document order, located as Word shows it (place and opening words)."""
    root = etree.fromstring(xml, safe_parser())
    out = []
    for number, p in enumerate(root.iter(f"{W}p"), start=1):
        visible = "".join(t.text or "" for t in p.iter(f"{W}t"))
        raw = etree.tostring(p, encoding="unicode")
        raw = _MERGE_BRACES.sub("", raw)
        raw = _IN_TAG.sub(lambda m: _BETWEEN_T.sub("", m.group(0)), raw)
        # Keep only real text nodes' content and text-like leftovers, like Jinja would see.
        seen = _XML_TAG.sub("", raw).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        opening = opening_words(visible)
        where = (f"{place}, i stycket som börjar ”{opening}”" if opening
                 else f"{place}, i ett tomt stycke (stycke {number})")
        out.append(Paragraph(where, visible, seen))
    return out


def texts(values: list[tuple[str, str]]) -> list[Paragraph]:
    """Treat plain texts (e.g. the document properties) as paragraphs: (where, text)."""
    return [Paragraph(where, text, text) for where, text in values]


def _norm(tag: str) -> str:
    return " ".join(tag.translate(_QUOTES).split())


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"”{text[:limit]}{'…' if len(text) > limit else ''}”"


def check_runs(paras: list[Paragraph], found: Found) -> list[tuple[str, str]]:
    """Detect placeholders Word has broken; return (location, jinja source) per paragraph."""
    lines = []
    for i, para in enumerate(paras):
        visible_tags = Counter(_norm(t) for t in TAG.findall(para.visible))
        seen_tags = Counter(_norm(t) for t in TAG.findall(para.docxtpl))
        for tag in visible_tags - seen_tags:
            found.errors.append(
                f"Platshållaren {_quote(tag)} är delad av Word i flera delar i {para.where}, så den "
                "fungerar inte. Skriv om den i ett svep: markera den, radera den och skriv den igen "
                "(klistra inte in den bit för bit och stäng av spårade ändringar).")
        for tag in seen_tags - visible_tags:
            found.warnings.append(f"{para.where.capitalize()} innehåller dold mallkod {_quote(tag)} "
                                  "(t.ex. i spårade ändringar eller fältkoder). Den körs ändå; ta bort den om den inte ska vara där.")
        rest = TAG.sub("", para.visible)
        if OPEN.search(rest):
            tail = rest[OPEN.search(rest).start():]
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            if nxt is not None and _continues(tail, nxt.visible):
                found.errors.append(
                    f"Platshållaren {_quote(tail)} i {para.where} är inte avslutad i samma stycke; den är "
                    f"delad över två stycken ({para.where} och {nxt.where}). Skriv hela platshållaren i ett "
                    "svep i ett och samma stycke.")
            else:  # a typo, not Word: the closing braces are missing (walk13b finding 4)
                found.errors.append(_unclosed(tail, para.where))
        for tag in TAG.findall(para.docxtpl):
            if re.match(r"{{r\s", tag):
                found.errors.append(f"{_quote(tag)} i {para.where} använder docxtpl:s RichText ({{{{r …}}}}), som "
                                    "mallarna inte har. Skriv {{ … }} utan r; fet och kursiv stil följer med ändå.")
        tags = [_DOCXTPL_CELL.sub(lambda m: f"{{{{ {m.group(1)} }}}}" if m.group(1) else "", _DOCXTPL_PREFIX.sub(r"\1 ", t))
                for t in TAG.findall(para.docxtpl) if not t.startswith("{#")]
        lines.append((para.where, " ".join(t.translate(_QUOTES) for t in tags)))
    return lines


def _closer(tail: str) -> str:
    return "}}" if tail.startswith("{{") else "%}"


def _continues(tail: str, following: str) -> bool:
    """Whether the next paragraph goes on with the open tag: it closes it before it opens another."""
    close = following.find(_closer(tail))
    opens = OPEN.search(following)
    return close >= 0 and (opens is None or close < opens.start())


def _unclosed(tail: str, where: str) -> str:
    """Name a tag that lacks its closing braces and show it written right: "{{ f.fraga }" → "{{ f.fraga }}"."""
    closer = _closer(tail)
    written = re.match(r"(?:{{|{%)[^{}%]*[}%]*", tail).group(0).strip()
    inner = written[2:].rstrip("}% ").strip()
    opener = tail[:2] + ("" if re.match(r"(?:p|tr|tc|r)\s", inner) else " ")  # {%p endfor %} keeps its p
    what = "Platshållaren" if closer == "}}" else "Mallkoden"
    return f"{what} ”{written}” i {where} saknar avslutande ”{closer}”. Skriv ”{opener}{inner} {closer}”."


def _targets(node) -> list[str]:
    if isinstance(node, nodes.Name):
        return [node.name]
    return [n for item in getattr(node, "items", []) for n in _targets(item)]


def _as_written(node) -> str:
    """A Name/Getattr/Getitem chain as the template wrote it, index kept: "fragor[0].fraga", not the path
    "fragor[].fraga" (walk25b Z6: the refusal quoted what nobody wrote)."""
    if isinstance(node, nodes.Getattr):
        return f"{_as_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = node.arg
        inner = repr(arg.value) if isinstance(arg, nodes.Const) else "…"
        return f"{_as_written(node.node)}[{inner}]"
    return node.name if isinstance(node, nodes.Name) else "…"


class _Collector:
    def __init__(self, where: list[str], found: Found, code: list[str] = ()):
        self.where, self.found, self.code = where, found, list(code)

    def location(self, node) -> str:
        return self.where[min(max(node.lineno, 1), len(self.where)) - 1]

    def path(self, node, scope: dict) -> str | None:
        """Return the dotted path of a Name/Getattr/Getitem chain, or None for locals."""
        parts, numbers = [], []
        while isinstance(node, (nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getattr):
                parts.append("." + node.attr)
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                parts.append("." + node.arg.value)
            elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, int):
                parts.append("[]")
                numbers.append(node.arg.value)
            else:
                self.visit(node.arg, scope)
                parts.append("[]")
            node = node.node
        suffix = "".join(reversed(parts))
        if any(part.startswith("._") for part in parts):
            root = node.name if isinstance(node, nodes.Name) else "…"
            self.found.unsafe.append((root + suffix, self.location(node)))
            return None
        if not isinstance(node, nodes.Name):
            self.visit(node, scope)
            return None
        if numbers and node.name not in scope:
            self.indexed(node.name, numbers[-1], node)
        if node.name in scope:
            base = scope[node.name]
            return None if base is None else base + suffix
        return node.name + suffix

    def indexed(self, name: str, number: int, node) -> None:
        """Warn of a list read at a fixed place: a remiss with fewer questions cannot be rendered (walk16 #1)."""
        if name == "fragor":
            what = f"fråga {number + 1} ({{{{ fragor[{number}] … }}}})"
            loop = "{%p for f in fragor %} … {%p endfor %}"
            fewer = "färre frågor"
        else:
            what = f"plats {number + 1} i listan {name} ({{{{ {name}[{number}] … }}}})"
            loop = f"{{%p for x in {name} %}} … {{%p endfor %}}"
            fewer = "en kortare lista"
        warning = (f"Mallen hänvisar till {what} i {self.location(node)}. För en remiss med {fewer} går "
                   f"dokumentet då inte att skapa; skriv en loop ({loop}) i stället.")
        if warning not in self.found.warnings:
            self.found.warnings.append(warning)

    def record(self, node, scope: dict) -> str | None:
        path = self.path(node, scope)
        if path is None or path in JINJA_GLOBALS:
            return path
        self.found.paths.setdefault(path, self.location(node))
        written = _as_written(node)
        self.found.written.setdefault(path, written)
        tag = self.tag(node, written)
        if tag:
            self.found.tags.setdefault(path, tag)
        return path

    def tag(self, node, written: str) -> str:
        """The placeholder's tag exactly as the paragraph has it, spaces or none ("{{Titel}}", walk26b X6: the
        refusal quoted "{{ Titel }}", which Word's Sök does not find); "" when it is more than the name."""
        line = self.code[node.lineno - 1] if 0 < node.lineno <= len(self.code) else ""
        match = re.search(r"{{-?\s*" + re.escape(written) + r"\s*-?}}", line)
        return match.group(0) if match else ""

    def visit(self, node, scope: dict) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            base = self.path(node.iter, scope) if isinstance(node.iter, (nodes.Name, nodes.Getattr, nodes.Getitem)) else None
            names = _targets(node.target)
            inner = {**scope, "loop": None, **{n: (base + "[]" if base and len(names) == 1 else None) for n in names}}
            for child in [*node.body, *([node.test] if node.test else [])]:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            self.visit(getattr(node, "node", None) or nodes.Const(None), scope)
            for child in getattr(node, "body", []):
                self.visit(child, scope)
            scope.update({n: None for n in _targets(node.target)})
        elif isinstance(node, nodes.Macro):
            inner = {**scope, **{a.name: None for a in node.args}, "varargs": None, "kwargs": None}
            scope[node.name] = None
            for child in node.body:
                self.visit(child, inner)
        elif isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.record(node, scope)
        elif (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr)
              and node.node.attr in SAFE_METHODS):
            self.visit(node.node.node, scope)
            for child in [*node.args, *node.kwargs]:
                self.visit(child, scope)
        else:
            for child in node.iter_child_nodes():
                self.visit(child, scope)


def _swedish(message: str) -> str:
    """The Jinja syntax message in plain Swedish."""
    return jinja_sv.syntax(message)


_BLOCK = re.compile(r"{%-?\s*(?:(?:p|tr|tc|r)\s+)?(end)?(for|if|macro|filter|with|call|raw)\b")


def unclosed_block(lines: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """The first block tag never closed: (its location, the tag as written, the end tag it needs)."""
    stack = []
    for where, code in lines:
        for tag in TAG.findall(code):
            match = _BLOCK.match(tag)
            if match and match.group(1):
                if stack and stack[-1][2] == match.group(2):
                    stack.pop()
            elif match:
                stack.append((where, tag, match.group(2)))
    if not stack:
        return None
    where, tag, name = stack[-1]
    # the code lost docxtpl's p/tr/tc/r; the paragraph's words still show it
    written = re.search(r"{%-?\s*(p|tr|tc|r)\s+" + name + r"\b[^%]*%}", where)
    prefix = f"{written.group(1)} " if written else ""
    tag = written.group(0) if written else tag
    return where, " ".join(tag.split()), "{%" + prefix.strip() + f" end{name} %}}"


def collect(lines: list[tuple[str, str]], found: Found, place: str = "mallen") -> None:
    """Parse one part's template code (one line per paragraph) and record the paths it uses."""
    where = [w for w, _ in lines] or [place]
    source = "\n".join(code for _, code in lines)
    try:
        tree = SandboxedEnvironment().parse(source)
    except Exception as exc:  # noqa: BLE001 - TemplateSyntaxError and friends
        message = str(getattr(exc, "message", exc))
        open_block = unclosed_block(lines) if message.startswith("Unexpected end of template") else None
        if open_block:
            at, tag, end = open_block
            found.errors.append(f"Blocket ”{tag}” i {at} avslutas aldrig i {place}. Lägg till ett eget stycke "
                                f"med {end} där blocket ska sluta.")
            return
        lineno = getattr(exc, "lineno", None) or len(where)
        found.errors.append(f"Mallkoden har ett syntaxfel i {where[min(lineno, len(where)) - 1]}: "
                            f"{_swedish(message)}. Kontrollera att varje {{% for %}} och "
                            "{% if %} har ett {% endfor %} respektive {% endif %}.")
        return
    for node in tree.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)):
        found.errors.append(f"{{% autoescape %}} i {where[min(max(node.lineno, 1), len(where)) - 1]} är inte "
                            "tillåtet: fälten skulle då kunna skriva in rå Word-kod. Ta bort blocket.")
    _Collector(where, found, [code for _, code in lines]).visit(tree, {})
