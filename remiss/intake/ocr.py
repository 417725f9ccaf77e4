"""Read the text of a scanned PDF by OCR: poppler's pdftoppm draws each page, tesseract reads it in Swedish.

Both are Debian packages (poppler-utils, tesseract-ocr, tesseract-ocr-swe) and optional: without them a
scanned missiv is kept as a file and its fields are filled in by hand. Each program runs under the same
limits as the sandbox worker (remiss.documents.sandbox.limit) and a wall-clock budget for the whole file.
"""
from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

from remiss.documents.sandbox import limit

MISSING = ("{name} är inskannad och saknar textlager, och textigenkänning (OCR) är inte installerad på "
           "servern (paketen tesseract-ocr, tesseract-ocr-swe och poppler-utils). Fyll i uppgifterna för hand.")
RESOLUTION = 200  # dpi: enough for 10-point text, a quarter of the pixels of 400 dpi
MEMORY_MB = 1024
PAGE_CPU_SECONDS = 20


class OcrFailed(Exception):
    """OCR could not be run or gave no text; the message is Swedish."""


class OcrTimeout(OcrFailed):
    """OCR ran out of its time budget."""


@dataclass(frozen=True)
class OcrText:
    text: str
    pages: int  # pages read
    warnings: list[str]


@functools.cache
def available() -> bool:
    """Return whether pdftoppm, tesseract and its Swedish language data are installed."""
    if not all(shutil.which(program) for program in ("pdfinfo", "pdftoppm", "tesseract")):
        return False
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "swe" in langs.split()


def pdf_text(data: bytes, name: str, *, max_pages: int = 2, budget: float = 15) -> OcrText:
    """Return the text of the first max_pages pages of a scanned PDF; raise OcrFailed (Swedish)."""
    if not available():
        raise OcrFailed(MISSING.format(name=name))
    deadline = time.monotonic() + budget
    info = _run(["pdfinfo", "-"], data, budget, name).decode("utf-8", errors="replace")
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    page_count = int(match.group(1)) if match else 1
    pages, warnings = [], []
    for number in range(1, min(page_count, max_pages) + 1):
        left = deadline - time.monotonic()
        if left <= 1:
            warnings.append(f"Textigenkänningen av {name} avbröts efter {number - 1} sidor (tidsgränsen nåddes).")
            break
        try:
            image = _run(["pdftoppm", "-r", str(RESOLUTION), "-gray", "-f", str(number), "-l", str(number),
                          "-singlefile", "-"], data, left, name)
            pages.append(_run(["tesseract", "stdin", "stdout", "-l", "swe", "--psm", "3"], image,
                              deadline - time.monotonic(), name).decode("utf-8", errors="replace"))
        except OcrTimeout:
            if not pages:
                raise
            warnings.append(f"Textigenkänningen av {name} avbröts efter {number - 1} sidor (tidsgränsen nåddes).")
            break
    if page_count > max_pages:
        warnings.append(f"Bara de första {max_pages} sidorna av {name} har lästs med textigenkänning.")
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise OcrFailed(f"Ingen text kunde läsas ur {name}, inte heller med textigenkänning. "
                        "Fyll i uppgifterna för hand.")
    warnings.append(f"Texten i {name} är läst med textigenkänning (OCR); kontrollera uppgifterna extra noga.")
    return OcrText(text, len(pages), warnings)


def _run(command: list[str], data: bytes, timeout: float, name: str) -> bytes:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run(command, input=data, capture_output=True, timeout=max(timeout, 1), env=env,
                              preexec_fn=lambda: limit(MEMORY_MB, PAGE_CPU_SECONDS, threads=True))
    except subprocess.TimeoutExpired:
        raise OcrTimeout(f"Textigenkänningen av {name} tog för lång tid och avbröts. Fyll i uppgifterna för hand.") \
            from None
    except OSError as exc:
        raise OcrFailed(MISSING.format(name=name) + f" ({exc})") from None
    if proc.returncode != 0:
        raise OcrFailed(f"Textigenkänningen av {name} misslyckades ({command[0]}: "
                        f"{proc.stderr.decode(errors='replace').strip()[:200] or proc.returncode}).")
    return proc.stdout
