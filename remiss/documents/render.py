"""Render Word documents from plain contexts in a limited worker process."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import pool, sandbox
from .fieldcodes import package_errors
from .fields import STYCKE_FIELDS, check_kind, svenskt_datum
from .kinds import KIND_NAMES

TEMPLATE_DIR = Path(__file__).parent / "templates"
# Control characters are invalid in XML; \x07 and \x0c would also become paragraph and
# page breaks in docxtpl, so only tab and newline survive. The private-use characters the
# sandbox uses for emphasis never come from outside.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ue000-\ue003]")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).replace("\n", " ").replace("\t", " ")


class RenderError(Exception):
    """A document could not be rendered; the message is Swedish and shown to users."""


@functools.cache
def default_template(kind: str) -> bytes:
    """Return the bytes of the shipped default template for a kind."""
    check_kind(kind)
    return (TEMPLATE_DIR / f"{kind}.docx").read_bytes()


def freeze(value, path: str = "kontext"):
    """Return a deep plain copy of value (dates as Swedish text) or raise TypeError."""
    if isinstance(value, Mapping):
        return {str(k): freeze(v, f"{path}.{k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [freeze(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):
        return _CONTROL.sub("", value)
    if isinstance(value, (dt.date, dt.datetime)):
        return svenskt_datum(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raise TypeError(f"{path}: {type(value).__name__} är inte tillåtet i en dokumentkontext; använd enkla värden")


def run_worker(template: bytes, context: dict, stycke_paths=(), *, timeout: float = 10,
               memory_mb: int = 512, properties: dict | None = None) -> bytes:
    """Render on a warm worker of this process's pool, within time and memory limits."""
    header = {"context": context, "stycke_paths": list(stycke_paths), "memory_mb": memory_mb,
              "properties": properties}
    try:
        status, payload = pool.shared_pool().render(header, template, timeout=timeout)
    except pool.WorkerDied as died:
        if died.timed_out:
            raise RenderError(f"Dokumentet kunde inte skapas inom {timeout:g} sekunder och avbröts. "
                              "Kontrollera om mallen innehåller en för stor upprepning.") from None
        code = died.returncode or 0
        reason = f"signal {-code}" if code < 0 else f"kod {code}"
        raise RenderError(f"Dokumentet kunde inte skapas: arbetsprocessen avbröts ({reason}), "
                          f"troligen för att mallen kräver för mycket minne eller tid.") from None
    if status == 0:
        return payload
    try:
        message = json.loads(payload)["error"]
    except (ValueError, KeyError):
        message = "Dokumentet kunde inte skapas (okänt fel i mallen)."
    raise RenderError(message)


@dataclass(frozen=True)
class DocumentProperties:
    """What Word shows under Arkiv → Information: the ärende, the nämnd, when it was made."""

    title: str
    author: str
    created: dt.datetime  # aware; stored in UTC
    subject: str = ""
    company: str = ""
    language: str = "sv-SE"

    def plain(self) -> dict:
        created = self.created.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
        return {"title": _clean(self.title), "author": _clean(self.author), "subject": _clean(self.subject),
                "company": _clean(self.company), "language": self.language, "created": created.isoformat()}


def own_template_failed(kind: str, version: int, filename: str, cause: str) -> str:
    """What a nämnd's template that cannot render says: which one, why, and what to do (walk16 #1, #5)."""
    name = KIND_NAMES[kind]
    return (f"Nämndens mall för {name}, version {version} ({filename}), går inte att använda: {cause} "
            f"Byt mall under Dokumentmallar (ladda upp en rättad mall), eller välj där ”Använd standardmallen "
            f"för {name}”.")


def render_document(kind: str, context: Mapping, template: bytes | None = None, *,
                    timeout: float = 10, memory_mb: int = 512,
                    properties: DocumentProperties | None = None, own: tuple[int, str] | None = None) -> bytes:
    """Render a document of kind with context (and template, or the default) to .docx bytes. own: the
    nämnd's template's (version, filename), named with what to do in the message when it fails."""
    if own is not None and template is not None:
        try:
            return render_document(kind, context, template, timeout=timeout, memory_mb=memory_mb,
                                   properties=properties)
        except RenderError as exc:
            raise RenderError(own_template_failed(kind, own[0], own[1], str(exc))) from None
    check_kind(kind)
    data = default_template(kind) if template is None else bytes(template)
    if template is not None:
        refused = package_errors(data)
        if refused:
            raise RenderError(f"{refused[0]} Nämndens mall används inte förrän en ny mall utan fältet har laddats upp.")
    try:
        frozen = freeze(context)
    except TypeError as exc:
        raise RenderError(str(exc)) from None
    if properties is None:
        properties = DocumentProperties(title=str(frozen.get("titel", "")), author=str(frozen.get("namnd", "")),
                                        created=dt.datetime.now(dt.timezone.utc),
                                        company=str(frozen.get("organisation", "")))
    return run_worker(data, frozen, STYCKE_FIELDS[kind], timeout=timeout, memory_mb=memory_mb,
                      properties=properties.plain())


def render_in_process(kind: str, context: Mapping, template: bytes | None = None, *,
                      sandboxed: bool = True) -> bytes:
    """Render in this process without limits (benchmarks only; never for uploads)."""
    data = default_template(kind) if template is None else template
    if not sandboxed:
        return sandbox.render_bytes(data, json.loads(json.dumps(freeze(context))), sandboxed=False)
    return sandbox.render_bytes(data, freeze(context), STYCKE_FIELDS[kind],
                                properties=DocumentProperties("", "", dt.datetime.now(dt.timezone.utc)).plain())
