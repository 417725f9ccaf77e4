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


# An e-mail address whose "@" OCR read as another sign ("miljokontoretQrobertsfors.se", "kommun©mjolby.se").
MISREAD_ADDRESS = re.compile(r"\b[\w.+-]{2,}[Q©®]\s?[\w-]{2,}(?:\.[\w-]{2,})*\.(?:se|nu|com|org|net|eu)\b")
# The one sign that stands for "@": a Q between small letters or digits ("dalarnaQlansstyrelsen"), or © or ®
_AT_SIGN = re.compile(r"(?<=[a-zåäö0-9])Q(?=[a-zåäö0-9])|[©®]")


def misread_addresses(text: str) -> list[str]:
    """The address-like words of an OCR text without "@" ("dalarnaQlansstyrelsen.se")."""
    return [m.group() for m in MISREAD_ADDRESS.finditer(text) if "@" not in m.group()
            and not m.group().lower().startswith("www.")]


def repair_addresses(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Put "@" back where OCR read it as Q, © or ® in an address-like word, when the word holds exactly one such sign
    and no blank ("dalarnaQlansstyrelsen.se" → "dalarna@lansstyrelsen.se"); a word with two candidates, or none, is
    left as read. Returns the text (same length: evidence offsets still hold) and the (read, repaired) pairs."""
    repaired, pairs = text, []
    for m in MISREAD_ADDRESS.finditer(text):
        word = m.group()
        signs = list(_AT_SIGN.finditer(word))
        if "@" in word or word.lower().startswith("www.") or len(signs) != 1 or any(c.isspace() for c in word):
            continue
        at = signs[0].start()
        if "." not in word[at + 1:] or len(word[:at]) < 2:
            continue
        fixed = word[:at] + "@" + word[at + 1:]
        repaired = repaired[:m.start()] + fixed + repaired[m.end():]
        pairs.append((word, fixed))
    return repaired, pairs


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
