"""Real .docx bytes for tests that upload a document (an instans's answer, a template)."""
from __future__ import annotations

import io

from docx import Document


def one_paragraph_docx(text: str) -> bytes:
    """A .docx whose body is one paragraph holding text, as python-docx writes it."""
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
