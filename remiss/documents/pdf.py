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


class PdfUnavailable(Exception):
    """LibreOffice is not installed, so no PDF can be made."""


def soffice_path() -> str | None:
    """Where LibreOffice is installed, or None (then no PDFs: the pages offer Word only)."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx: bytes, *, timeout: float = 60) -> bytes:
    """Return the tagged PDF of docx, converted by a headless soffice with its own profile."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfUnavailable("PDF kan inte skapas eftersom LibreOffice (soffice) inte är installerat på servern.")
    with tempfile.TemporaryDirectory(prefix="remiss-pdf-") as tmp:
        work = Path(tmp)
        source = work / "dokument.docx"
        source.write_bytes(docx)
        # A private profile lets several conversions run at once without locking each other.
        command = [soffice, f"-env:UserInstallation={(work / 'profil').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--convert-to", f"pdf:writer_pdf_Export:{EXPORT_OPTIONS}",
                   "--outdir", str(work), str(source)]
        try:
            proc = subprocess.run(command, capture_output=True, timeout=timeout, cwd=work)
        except subprocess.TimeoutExpired:
            raise RenderError(f"PDF-konverteringen tog längre än {timeout:g} sekunder och avbröts.") from None
        target = work / "dokument.pdf"
        if not target.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[:300]
            raise RenderError(f"LibreOffice kunde inte konvertera dokumentet till PDF ({detail or proc.returncode}).")
        return target.read_bytes()
