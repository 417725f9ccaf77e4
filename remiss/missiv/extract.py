"""Extract plain text (and attachments) from an uploaded missiv file."""
from __future__ import annotations

import email
import email.policy
import html
import io
import re
from dataclasses import dataclass, field

SUPPORTED = (".txt", ".pdf", ".docx", ".eml")


@dataclass(frozen=True)
class Attachment:
    """A file attached to an e-mail."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class ExtractedDocument:
    """The text of a document and, for e-mails, its attachments."""

    text: str
    attachments: list[Attachment] = field(default_factory=list)


def extract_text(data: bytes, filename: str) -> ExtractedDocument:
    """Return the text of a .txt, .pdf, .docx or .eml file; raise ValueError (in Swedish) otherwise."""
    suffix = _suffix(filename)
    if suffix == ".txt":
        return ExtractedDocument(_decode(data))
    if suffix == ".pdf":
        return ExtractedDocument(pdf_text(data))
    if suffix == ".docx":
        return ExtractedDocument(docx_text(data))
    if suffix == ".eml":
        return _eml(data)
    raise ValueError(
        f"Filtypen för {filename!r} stöds inte. Ladda upp en .txt-, .pdf-, .docx- eller .eml-fil."
    )


def _suffix(filename: str) -> str:
    m = re.search(r"\.[A-Za-z0-9]+$", filename or "")
    return m.group().lower() if m else ""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise ValueError("Filen innehåller inte läsbar text (den verkar vara en binärfil).")
    return text


def _looks_binary(text: str) -> bool:
    """Return whether text holds NUL bytes or mostly control characters or replacement marks."""
    if "\x00" in text:
        return True
    sample = text[:20000]
    bad = sum(1 for c in sample if c == "\ufffd" or (ord(c) < 32 and c not in "\r\n\t\f"))
    return bool(sample) and bad / len(sample) > 0.05


def pdf_text(data: bytes) -> str:
    """Return the text of every page of a PDF, pages separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ValueError("PDF-filen är lösenordsskyddad och kan inte läsas.")
            except ValueError:
                raise
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                raise ValueError("PDF-filen är krypterad och kan inte läsas.") from exc
        pages = [(page.extract_text() or "") for page in reader.pages]
    except ValueError:
        raise
    except (PdfReadError, Exception) as exc:  # a damaged file must never crash the caller
        raise ValueError(f"PDF-filen kunde inte läsas (den verkar vara skadad): {exc}") from exc
    return "\n\n".join(pages)


def docx_text(data: bytes) -> str:
    """Return the paragraphs and table cells of a .docx document, in order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ValueError(f"Word-filen kunde inte läsas (den verkar vara skadad): {exc}") from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if value and value not in cells:
                        cells.append(value)
                lines.append("\t".join(cells))
    return "\n".join(lines)


def _strip_html(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>|</tr>|</h\d>", "\n", markup)
    markup = re.sub(r"<[^>]+>", " ", markup)
    text = html.unescape(markup)
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())


def _eml(data: bytes) -> ExtractedDocument:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:
        raise ValueError(f"E-postmeddelandet kunde inte läsas: {exc}") from exc
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = ""
    if body_part is not None:
        content = body_part.get_content()
        body = _strip_html(content) if body_part.get_content_type() == "text/html" else content
    header = "\n".join(f"{k}: {message[k]}" for k in ("Subject", "From", "Date") if message[k])
    parts = [header, body] if header else [body]
    attachments: list[Attachment] = []
    for part in message.iter_attachments():
        filename = part.get_filename() or "bilaga"
        payload = part.get_payload(decode=True) or b""
        attachments.append(Attachment(filename, part.get_content_type(), payload))
        suffix = _suffix(filename)
        if suffix in (".pdf", ".docx", ".txt"):
            try:
                inner = extract_text(payload, filename).text
            except ValueError as exc:
                inner = f"[Bilagan {filename} kunde inte läsas: {exc}]"
            parts.append(f"--- Bilaga: {filename} ---\n{inner}")
    return ExtractedDocument("\n\n".join(p for p in parts if p), attachments)
