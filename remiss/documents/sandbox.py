"""Render a docx template in a sandboxed Jinja environment; also the worker process.

Run as a script (`python -I -B sandbox.py --serve --memory-mb N --cpu-seconds S --max-renders R`)
it is a warm worker of `pool.RendererPool`: it limits its own address space, CPU time (per
render), file size and process count, then answers framed requests on stdin with the rendered
.docx (status 0) or a JSON error with a Swedish message (status 3) until stdin closes.

Without `--serve` it answers one request whose JSON names the job "read" or "parse": it reads
uploaded missiv files or parses a missiv text (`remiss.intake.untrusted`, started by
`worker.run_job`), under the same limits. For rendering this file imports only the standard
library, jinja2, docxtpl and its siblings `markup.py` (loaded by its path: the paragraph markup the
pages share), `jinja_sv.py` (template errors in Swedish) and `keep.py` (the closing line kept with the
signatures); the reading jobs import the pure `remiss.intake.untrusted` and `remiss.missiv`, never the Flask
application.
"""

from __future__ import annotations

import functools
import io
import json
import re
import sys

EXIT_ERROR = 3
READING_JOBS = ("read", "parse")


def _load_sibling(name: str):
    """Import a module of this folder by its path, as `python -I sandbox.py` has neither this folder nor the
    checkout on sys.path (and must not import the app)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(f"sandbox_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


if __package__:  # imported as remiss.documents.sandbox
    from . import jinja_sv, keep, markup
else:  # run as the worker's script
    markup = _load_sibling("markup")
    jinja_sv = _load_sibling("jinja_sv")
    keep = _load_sibling("keep")


_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_RPR = re.compile(r"<w:rPr>(.*?)</w:rPr>", re.DOTALL)
_B_I = re.compile(r"<w:(?:b|bCs|i|iCs)(?: [^>]*)?/>")
_BEFORE_B = re.compile(r"^(?:<w:rStyle [^>]*/>)?(?:<w:rFonts [^>]*/>)?")


def _props(base: str, bold: bool, italic: bool) -> str:
    """The run properties base with bold/italic set, in the schema's order (rStyle, rFonts, b, i, …)."""
    if not (bold or italic):
        return f"<w:rPr>{base}</w:rPr>" if base else ""
    inner = _B_I.sub("", base)
    head = _BEFORE_B.match(inner).end()
    added = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    return f"<w:rPr>{inner[:head]}{added}{inner[head:]}</w:rPr>"


def split_emphasis(xml: str) -> str:
    """Split runs holding emphasis markers into runs that keep the run's font, size and colour."""
    if not any(m in xml for m in markup.MARKERS):
        return xml

    def run(match) -> str:
        text = match.group(0)
        if not any(m in text for m in markup.MARKERS):
            return text
        found = _RPR.search(text)
        base = found.group(1) if found else ""
        state = {"b": False, "i": False}

        def switch(marker) -> str:
            key = "b" if marker.group(0) in (markup.BOLD_ON, markup.BOLD_OFF) else "i"
            state[key] = marker.group(0) in (markup.BOLD_ON, markup.ITALIC_ON)
            return (f'</w:t></w:r><w:r>{_props(base, state["b"], state["i"])}'
                    '<w:t xml:space="preserve">')
        # the text before and after the emphasis ends and starts with a space Word must keep
        text = text.replace("<w:t>", '<w:t xml:space="preserve">')
        return re.sub(f"[{markup.MARKERS}]", switch, text)

    return _RUN.sub(run, xml)


@functools.cache
def _strict_sandbox_class():
    from jinja2 import nodes
    from jinja2.sandbox import SandboxedEnvironment, SecurityError
    from markupsafe import escape

    def _as_text(value, *args, **kwargs):
        """`|safe` and `|urlize` print escaped text: a field never becomes raw WordprocessingML."""
        return escape(value)

    class StrictSandbox(SandboxedEnvironment):
        """Raise instead of returning Undefined, so an attack fails loudly rather than printing ''."""

        def __init__(self, **options):
            super().__init__(**options)
            self.filters.update(safe=_as_text, urlize=_as_text)

        def unsafe_undefined(self, obj, attribute):
            raise SecurityError(f"åtkomst till {attribute!r} är inte tillåten")

        def _parse(self, source, name, filename):
            tree = super()._parse(source, name, filename)
            # {% autoescape false %} would print fields as raw XML
            if any(True for _ in tree.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier))):
                raise SecurityError("{% autoescape %} får inte användas i en mall")
            return tree

    return StrictSandbox


def make_environment():
    """Return a sandboxed, autoescaping Jinja environment that refuses unsafe access."""
    return _strict_sandbox_class()(autoescape=True)


@functools.cache
def _template_class():
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        """docxtpl with emphasis markers resolved before its own \\a, \\n and \\t handling."""

        def resolve_listing(self, xml):
            return super().resolve_listing(split_emphasis(xml))

    return Template


COMPAT = "http://schemas.microsoft.com/office/word"
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<Application>Remiss</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
           '<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
           '<HyperlinksChanged>false</HyperlinksChanged></Properties>')


# The w:settings children that come after w:compat in the schema's sequence.
_AFTER_COMPAT = {"docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                 "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
                 "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
                 "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"}


def etree_local(element) -> str:
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _compatibility_15(docx) -> None:
    """Set Word's compatibility mode to 15 so Word 2013 and later open it without "Kompatibilitetsläge"."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = docx.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        later = next((c for c in settings if etree_local(c) in _AFTER_COMPAT), None)
        if later is None:
            settings.append(compat)
        else:
            later.addprevious(compat)
    setting = next((s for s in compat.findall(qn("w:compatSetting"))
                    if s.get(qn("w:name")) == "compatibilityMode"), None)
    if setting is None:
        setting = OxmlElement("w:compatSetting")
        setting.set(qn("w:name"), "compatibilityMode")
        setting.set(qn("w:uri"), COMPAT)
        compat.append(setting)
    setting.set(qn("w:val"), "15")


def _default_language(docx, language: str) -> None:
    """Set the document's default language (w:docDefaults), which LibreOffice writes as the PDF's /Lang."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = docx.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)  # w:lang is late in CT_RPr's sequence; only eastAsianLayout and later follow it
    lang.set(qn("w:val"), language)


def finish(docx, properties: dict) -> None:
    """Give the rendered document its own metadata instead of the template's (or python-docx's)."""
    import datetime as dt

    _compatibility_15(docx)
    _default_language(docx, properties.get("language", "sv-SE"))
    core = docx.core_properties
    now = dt.datetime.fromisoformat(properties["created"])
    core.title = properties.get("title", "")
    core.subject = properties.get("subject", "")
    core.author = core.last_modified_by = properties.get("author", "")
    core.language = properties.get("language", "sv-SE")
    core.comments = core.keywords = core.category = core.identifier = ""
    core.created = core.modified = now
    if core.last_printed is not None:
        core.last_printed = now
    core.revision = 1
    package = docx.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # a picture of the template's first page, not of this document
            del package.rels[key]
    app = next((p for p in package.parts if p.partname == "/docProps/app.xml"), None)
    if app is not None:
        app._blob = APP_XML.format(company=markup.xml_escape(properties.get("company", ""))).encode()


def render_bytes(template: bytes, context: dict, stycke_paths=(), *, sandboxed: bool = True,
                 properties: dict | None = None) -> bytes:
    """Render template bytes with context in this process and return the .docx bytes."""
    from docxtpl import DocxTemplate

    if sandboxed:
        doc = _template_class()(io.BytesIO(template))
        doc.render(markup.printable(markup.apply_stycken(context, stycke_paths)), jinja_env=make_environment())
        keep.keep_signatures_with_closing(doc.docx)
        if properties:
            finish(doc.docx, properties)
    else:
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(context)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def describe_error(exc: BaseException, template: bytes = b"", context: dict | None = None) -> str:
    """Explain a rendering failure in plain Swedish (template: the .docx, to name a list indexed too far)."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    if isinstance(exc, SecurityError):
        own = str(exc) if str(exc).startswith(("åtkomst", "{% autoescape")) else ""
        return ("Mallen försöker använda något som inte är tillåtet i en mall" + (f" ({own})" if own else "")
                + ". Ta bort det ur mallen.")
    if isinstance(exc, TemplateSyntaxError):
        near = " ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
        where = f" nära texten ”{near[:120]}”" if near else ""
        return f"Mallen har ett syntaxfel{where}: {jinja_sv.syntax(exc.message or '')}."
    if isinstance(exc, UndefinedError):
        return jinja_sv.undefined(exc.message or "", template, context)
    if isinstance(exc, OverflowError):
        return "Mallen försöker skapa en för stor upprepning."
    if isinstance(exc, MemoryError):
        return "Mallen kräver mer minne än vad som är tillåtet."
    if isinstance(exc, RecursionError):
        return "Mallen är för djupt nästlad."
    return jinja_sv.runtime(exc)


def limit(memory_mb: int, cpu_seconds: int, *, cpu_hard: int | None = None, threads: bool = False) -> None:
    """Limit this process's address space, CPU time and file writes; no new processes unless threads."""
    import resource

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_hard or cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    if not threads:  # RLIMIT_NPROC counts threads too; an external program (OCR) may need one or two
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _reading_request(request: dict, payload: bytes) -> tuple[int, bytes]:
    """Serve one reading job: (0, its answer) or (EXIT_ERROR, a JSON error with a Swedish message)."""
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout: -I leaves it out
    try:
        from remiss.intake.untrusted import serve as serve_reading

        return 0, serve_reading(request, payload)
    except ValueError as exc:  # the reader's own Swedish refusal
        message = str(exc)
    except MemoryError:
        message = "Läsningen krävde mer minne än vad som är tillåtet och avbröts."
    except RecursionError:
        message = "Filen är för djupt nästlad för att läsas."
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a message
        message = f"Filen kunde inte läsas: {type(exc).__name__}: {exc}"
    return EXIT_ERROR, json.dumps({"error": message}).encode()


def _render_request(request: dict, template: bytes) -> tuple[int, bytes]:
    """Serve one request: (0, docx bytes) or (EXIT_ERROR, a JSON error with a Swedish message)."""
    try:
        result = render_bytes(template, request["context"], request.get("stycke_paths", ()),
                              properties=request.get("properties"))
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a message
        return EXIT_ERROR, json.dumps({"error": describe_error(exc, template, request.get("context"))}).encode()
    return 0, result


def _read_exact(stream, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError
    return data


def serve(memory_mb: int, cpu_seconds: int, max_renders: int) -> int:
    """Serve framed requests until stdin closes; each render gets its own CPU-time budget.

    A request is `>QQ` (header length, template length), the JSON header and the template; an
    answer is `>BQ` (status, length) and the payload. The process is recycled by its parent after
    max_renders requests or any error, so the hard CPU limit covers them all.
    """
    import resource
    import struct

    limit(memory_mb, cpu_seconds, cpu_hard=cpu_seconds * (max_renders + 1) + 5)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            header_len, template_len = struct.unpack(">QQ", _read_exact(stdin, 16))
            request = json.loads(_read_exact(stdin, header_len))
            template = _read_exact(stdin, template_len)
        except EOFError:
            return 0
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = int(usage.ru_utime + usage.ru_stime) + 1
        budget = min(int(request.get("cpu_seconds", cpu_seconds)), cpu_seconds)
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        resource.setrlimit(resource.RLIMIT_CPU, (min(used + budget, hard), hard))
        memory = min(int(request.get("memory_mb", memory_mb)), memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory_mb * 1024 * 1024))
        status, payload = _render_request(request, template)
        stdout.write(struct.pack(">BQ", status, len(payload)) + payload)
        stdout.flush()


def main(argv: list[str]) -> int:
    """Serve render requests (--serve) until stdin closes, or else one reading job, under resource limits."""
    serving = "--serve" in argv
    argv = [a for a in argv if a != "--serve"]
    args = dict(zip(argv[::2], argv[1::2]))
    memory_mb, cpu_seconds = int(args.get("--memory-mb", 512)), int(args.get("--cpu-seconds", 10))
    if not serving:
        return _one_reading(memory_mb, cpu_seconds)
    # Import before the limits: the warm worker has docxtpl, lxml and jinja2 loaded once.
    import docxtpl  # noqa: F401
    _strict_sandbox_class()
    _template_class()
    return serve(memory_mb, cpu_seconds, int(args.get("--max-renders", 50)))


def _one_reading(memory_mb: int, cpu_seconds: int) -> int:
    """Answer one reading job: a JSON line and the files' bytes on stdin, the answer on stdout."""
    raw = sys.stdin.buffer.read()  # from the parent, which sized it
    header, _, payload = raw.partition(b"\n")
    limit(memory_mb, cpu_seconds)
    request = json.loads(header)
    if request.get("job") not in READING_JOBS:
        sys.stdout.buffer.write(json.dumps({"error": "Okänt jobb för arbetsprocessen."}).encode())
        return EXIT_ERROR
    status, answer = _reading_request(request, payload)
    sys.stdout.buffer.write(answer)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
