"""Convert .docx bytes to PDF with LibreOffice (soffice) in a private temporary directory.

The PDF is tagged and accessible: PDF/UA with PDF/A-2b, so a remittent's screen reader reads it
in order and the archive can keep it (the language, /Lang, comes from the document's default).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .render import RenderError

# writer_pdf_Export's options as LibreOffice (7.4 and later) reads them from JSON.
EXPORT_OPTIONS = json.dumps({
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "SelectPdfVersion": {"type": "long", "value": "2"},  # PDF/A-2b
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}, separators=(",", ":"))

# One run converting many documents gets this much more time for each document after the first: LibreOffice's
# start (about a second) is paid once, a letter takes a fraction of a second more.
EXTRA_SECONDS_PER_DOCUMENT = 10


class PdfUnavailable(Exception):
    """LibreOffice is not installed, so no PDF can be made."""


def soffice_path() -> str | None:
    """Where LibreOffice is installed, or None (then no PDFs: the pages offer Word only)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: bytes, *, timeout: float = 60) -> bytes:
    """Return the tagged PDF of docx, converted by a headless soffice with its own profile."""
    return convert_all_to_pdf([docx], timeout=timeout)[0]


def convert_all_to_pdf(documents: list[bytes], *, timeout: float = 60) -> list[bytes]:
    """Return the tagged PDF of each document, in order, all converted by ONE headless soffice with its own profile
    (each document stays a document of its own: its NUMPAGES counts its own pages). timeout is for the first
    document; each further one adds EXTRA_SECONDS_PER_DOCUMENT."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("PDF kan inte skapas eftersom LibreOffice (soffice) inte är installerat på servern.")
    if not documents:
        return []
    limit = timeout + EXTRA_SECONDS_PER_DOCUMENT * (len(documents) - 1)
    with tempfile.TemporaryDirectory(prefix="remiss-pdf-") as tmp:
        work = Path(tmp)
        width = len(str(len(documents)))
        sources = [work / f"dokument{n:0{width}d}.docx" for n in range(1, len(documents) + 1)]
        for source, docx in zip(sources, documents):
            source.write_bytes(docx)
        # A private profile lets several conversions run at once without locking each other.
        command = [soffice, f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", f"pdf:writer_pdf_Export:{EXPORT_OPTIONS}",
                   "--outdir", str(work), *map(str, sources)]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=limit, cwd=work)
        except subprocess.TimeoutExpired:
            raise RenderError(f"PDF-konverteringen tog längre än {limit:g} sekunder och avbröts.") from None
        pdfs = []
        for n, source in enumerate(sources, start=1):
            target = source.with_suffix(".pdf")
            if not target.exists():
                detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:300]
                which = "dokumentet" if len(sources) == 1 else f"dokument {n} av {len(sources)}"
                raise RenderError(f"LibreOffice kunde inte konvertera {which} till PDF ({detail or proc.returncode}).")
            pdfs.append(target.read_bytes())
        return pdfs
