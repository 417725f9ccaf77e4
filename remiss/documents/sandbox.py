"""Render a docx template in a sandboxed Jinja environment; also the worker process.

Run as a script (`python -I -B sandbox.py --memory-mb N --cpu-seconds S`) it limits its own
address space, CPU time, file size and process count, reads one request from stdin
(a JSON line naming the job, then its bytes) and writes the answer to stdout (exit 0) or
a JSON error with a Swedish message (exit 3). The parent side is `worker.run_job`.

Jobs: "render" (a .docx template; the bytes are the template) and "read" and "parse" (uploaded
files and missiv texts, served by `remiss.intake.untrusted`). For rendering this file imports only
the standard library, jinja2 and docxtpl; the reading jobs import the pure `remiss.intake.untrusted`
and `remiss.missiv` modules, never the Flask application.
"""

from __future__ import annotations

import functools
import io
import json
import re
import sys

EXIT_ERROR = 3


class JobRefused(Exception):
    """A job's own refusal; its message (Swedish) goes back to the caller as it is."""
_BULLET = re.compile(r"^\s*(?:-|•|–)\s+")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)(.+?)(?<=\S)\*")
_RUN_TAIL = '</w:t></w:r><w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:t xml:space="preserve">'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Stycke(str):
    """A paragraph of user text: a str with `punkt` and Word emphasis when printed."""

    punkt: bool = False

    def __new__(cls, line: str):
        punkt = bool(_BULLET.match(line))
        self = super().__new__(cls, _BULLET.sub("", line, count=1) if punkt else line)
        self.punkt = punkt
        return self

    def __html__(self) -> str:
        """Return escaped WordprocessingML text; emphasis closes and reopens runs."""
        out, pos = [], 0
        for match in _EMPHASIS.finditer(self):
            out.append(_escape(self[pos:match.start()]))
            bold = match.group(1) is not None
            inner = match.group(1) if bold else match.group(2)
            out.append(_RUN_TAIL.format(props="<w:b/>" if bold else "<w:i/>", text=_escape(inner)))
            pos = match.end()
        out.append(_escape(self[pos:]))
        return "".join(out)


def to_stycken(value) -> list:
    """Split a string or list of strings into Stycke paragraphs, one per non-empty line."""
    if value is None or value is False:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [Stycke(line.rstrip()) for item in items if isinstance(item, str)
            for line in item.splitlines() if line.strip()]


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


@functools.cache
def _strict_sandbox_class():
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class StrictSandbox(SandboxedEnvironment):
        """Raise instead of returning Undefined, so an attack fails loudly rather than printing ''."""

        def unsafe_undefined(self, obj, attribute):
            raise SecurityError(f"åtkomst till {attribute!r} är inte tillåten")

    return StrictSandbox


def make_environment():
    """Return a sandboxed, autoescaping Jinja environment that refuses unsafe access."""
    return _strict_sandbox_class()(autoescape=True)


def render_bytes(template: bytes, context: dict, stycke_paths=(), *, sandboxed: bool = True) -> bytes:
    """Render template bytes with context in this process and return the .docx bytes."""
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(template))
    if sandboxed:
        doc.render(apply_stycken(context, stycke_paths), jinja_env=make_environment())
    else:
        doc.render(context)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def describe_error(exc: BaseException) -> str:
    """Explain a rendering failure in Swedish."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.sandbox import SecurityError

    if isinstance(exc, SecurityError):
        return f"Mallen försöker använda något som inte är tillåtet i en mall ({exc}). Ta bort det ur mallen."
    if isinstance(exc, TemplateSyntaxError):
        near = " ".join(t.strip() for t in getattr(exc, "docx_context", []) if t.strip())
        where = f" nära texten ”{near[:120]}”" if near else ""
        return f"Mallen har ett syntaxfel{where}: {exc.message}."
    if isinstance(exc, UndefinedError):
        return f"Mallen använder ett fält som inte finns: {exc.message}."
    if isinstance(exc, OverflowError):
        return f"Mallen försöker skapa en för stor upprepning ({exc})."
    if isinstance(exc, MemoryError):
        return "Mallen kräver mer minne än vad som är tillåtet."
    if isinstance(exc, RecursionError):
        return "Mallen är för djupt nästlad."
    return f"Dokumentet kunde inte skapas: {type(exc).__name__}: {exc}"


def _render_job(request: dict, payload: bytes) -> bytes:
    return render_bytes(payload, request["context"], request.get("stycke_paths", ()))


def _reading_job(request: dict, payload: bytes) -> bytes:
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout: -I leaves it out
    from remiss.intake.untrusted import serve

    try:
        return serve(request, payload)
    except ValueError as exc:  # the reader's own Swedish refusal
        raise JobRefused(str(exc)) from None
    except MemoryError:
        raise JobRefused("Läsningen krävde mer minne än vad som är tillåtet och avbröts.") from None
    except RecursionError:
        raise JobRefused("Filen är för djupt nästlad för att läsas.") from None


JOBS = {"render": _render_job, "read": _reading_job, "parse": _reading_job}


def limit(memory_mb: int, cpu_seconds: int, *, threads: bool = False) -> None:
    """Limit this process's address space, CPU time and file writes; no new processes unless threads."""
    import resource

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    if not threads:  # RLIMIT_NPROC counts threads too; an external program may need one or two
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    """Serve one render request from stdin to stdout under resource limits."""
    args = dict(zip(argv[::2], argv[1::2]))
    limit(int(args.get("--memory-mb", 512)), int(args.get("--cpu-seconds", 11)))
    try:
        raw = sys.stdin.buffer.read()
        header, _, payload = raw.partition(b"\n")
        request = json.loads(header)
        job = request.get("job", "render")
        result = JOBS[job](request, payload)
    except BaseException as exc:  # noqa: BLE001 - every failure becomes a message
        message = str(exc) if isinstance(exc, JobRefused) else describe_error(exc)
        sys.stdout.buffer.write(json.dumps({"error": message}).encode())
        return EXIT_ERROR
    sys.stdout.buffer.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
