"""Render Word documents from plain contexts in a limited worker process."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping
from pathlib import Path

from . import sandbox, worker
from .fields import STYCKE_FIELDS, check_kind, svenskt_datum

TEMPLATE_DIR = Path(__file__).parent / "templates"
# Control characters are invalid in XML; \x07 and \x0c would also become paragraph and
# page breaks in docxtpl, so only tab and newline survive.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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
               memory_mb: int = 512) -> bytes:
    """Render in a fresh worker process with time and memory limits."""
    request = {"context": context, "stycke_paths": list(stycke_paths)}
    try:
        return worker.run_job("render", request, template, timeout=timeout, memory_mb=memory_mb)
    except worker.WorkerTimeout:
        raise RenderError(f"Dokumentet kunde inte skapas inom {timeout:g} sekunder och avbröts. "
                          "Kontrollera om mallen innehåller en för stor upprepning.") from None
    except worker.WorkerRefused as exc:
        raise RenderError(str(exc) or "Dokumentet kunde inte skapas (okänt fel i mallen).") from None
    except worker.WorkerKilled as exc:
        raise RenderError(f"Dokumentet kunde inte skapas: arbetsprocessen avbröts ({exc.reason}), "
                          f"troligen för att mallen kräver för mycket minne eller tid.") from None


def render_document(kind: str, context: Mapping, template: bytes | None = None, *,
                    timeout: float = 10, memory_mb: int = 512) -> bytes:
    """Render a document of kind with context (and template, or the default) to .docx bytes."""
    check_kind(kind)
    data = default_template(kind) if template is None else bytes(template)
    try:
        frozen = freeze(context)
    except TypeError as exc:
        raise RenderError(str(exc)) from None
    return run_worker(data, frozen, STYCKE_FIELDS[kind], timeout=timeout, memory_mb=memory_mb)


def render_in_process(kind: str, context: Mapping, template: bytes | None = None, *,
                      sandboxed: bool = True) -> bytes:
    """Render in this process without limits (benchmarks only; never for uploads)."""
    data = default_template(kind) if template is None else template
    if not sandboxed:
        return sandbox.render_bytes(data, json.loads(json.dumps(freeze(context))), sandboxed=False)
    return sandbox.render_bytes(data, freeze(context), STYCKE_FIELDS[kind])
