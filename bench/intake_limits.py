"""Time the reading of issue 19's hostile inputs and the new formats through the sandbox worker.

Run: PYTHONPATH=. .venv/bin/python bench/intake_limits.py (needs poppler-utils and tesseract-ocr-swe for
the OCR rows). Each row is wall time including building the input; a refusal shows its Swedish message.
"""
from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from remiss.files import FileRejected  # noqa: E402
from remiss.intake.reading import ReadLimits, parse_text, read_upload  # noqa: E402
from remiss.missiv import parse_missiv  # noqa: E402
from tests.intake.letters import docx_with_paragraphs, rk_msg, rk_pdf, rk_webpage, scanned_pdf  # noqa: E402
from tests.unit.test_missiv_extract import make_pdf  # noqa: E402

limits = ReadLimits(25 * 1048576)
def timed(label, fn):
    start = time.monotonic()
    try:
        fn(); outcome = "ok"
    except FileRejected as exc:
        outcome = f"refused: {str(exc)[:70]}"
    print(f"{label:38} {time.monotonic() - start:6.2f} s  {outcome}")

timed("in-process parse_missiv (short text)", lambda: parse_missiv("Remiss av X\nSvaren senast 1 mars 2027"))
timed("worker parse_text (short text)", lambda: parse_text("Remiss av X\nSvaren senast 1 mars 2027", limits=limits))
timed('text "\\n"*3000+"x"', lambda: parse_text("\n" * 3000 + "x", limits=limits))
timed('text "a"*20000', lambda: parse_text("a" * 20000, limits=limits))
timed("docx, 3 million <w:p>", lambda: read_upload("bomb.docx", docx_with_paragraphs(3_000_000), limits=limits))
timed("docx, 1 million <w:p>", lambda: read_upload("bomb.docx", docx_with_paragraphs(1_000_000), limits=limits))
pdf = make_pdf([[""]] * 2000)
timed("pdf, 2000 empty pages (+OCR of 2)", lambda: read_upload("tom.pdf", pdf, limits=limits))
timed(".msg with the RK PDF", lambda: read_upload("a.msg", rk_msg(), limits=limits))
timed(".html page", lambda: read_upload("a.html", rk_webpage(), limits=limits))
scan = scanned_pdf(rk_pdf())
timed("scanned 2-page PDF (OCR)", lambda: read_upload("scan.pdf", scan, limits=limits))
print(f"this process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB; "
      f"children's peak: {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024} MB")
