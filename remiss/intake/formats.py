"""Read the text and attachments of every file a remiss arrives as, within caps on size and structure.

Runs inside the sandbox worker (remiss.intake.untrusted), so it imports neither flask nor sqlmodel.
The caps make a hostile file fail fast with a Swedish message instead of filling the worker's memory:
a .docx's parts are read to a decompressed-size cap and counted to an element cap before python-docx
sees them, a PDF is read to a page cap, an HTML page to an element cap, and no text passes MAX_TEXT.
"""
from __future__ import annotations

import email
import email.parser
import email.policy
import email.utils
import io
import logging
import re
import zipfile
from dataclasses import dataclass, field

from remiss.missiv.extract import Attachment, docx_text, extract_text as plain_text
from remiss.missiv.hints import Hint, tidy

MAX_TEXT = 2_000_000  # characters, as for pasted text (remiss.intake.schemas.MAX_TEXT)
MAX_PDF_PAGES = 50  # pages read for text; the missiv is at the start of a longer document
MAX_PART_BYTES = 25 * 1048576  # decompressed bytes of one part of a .docx
MAX_ZIP_MEMBERS = 2000
MAX_ELEMENTS = 200_000  # XML/HTML elements in one document (a 300-page report has about 60,000)
MAX_ATTACHMENTS = 50  # per e-mail
MAX_NESTING = 3  # e-mails attached to e-mails
SCANNED_CHARS_PER_PAGE = 25  # fewer letters than this on average: the PDF has no usable text layer
READABLE = (".txt", ".pdf", ".docx", ".eml", ".msg", ".html", ".htm")
DOCX_PARTS = ("word/document.xml",)
PROTECTED = "är lösenordsskyddad"  # in the message of a PDF that cannot be opened without its password
log = logging.getLogger(__name__)


def _unreadable(what: str, filename: str, exc: BaseException) -> ValueError:
    """A Swedish message for the user; the library's own words go to the log only."""
    log.warning("could not read %s: %s: %s", filename, type(exc).__name__, exc)
    return ValueError(f"{what} kunde inte läsas (den verkar vara skadad).")


@dataclass
class Document:
    """What was read from one file: its text, the files it carries, and what the reader noticed."""

    text: str
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scanned: list[str] = field(default_factory=list)  # PDFs (this file or attachments) with no text layer: for OCR
    hints: list[Hint] = field(default_factory=list)  # what the file's structure says the title or sender is
    header: dict = field(default_factory=dict)  # an e-mail's own Subject, From, Date, Message-ID (for the Inkorg)


def suffix_of(filename: str) -> str:
    m = re.search(r"\.[A-Za-z0-9]+$", filename or "")
    return m.group().lower() if m else ""


def read_document(data: bytes, filename: str, *, depth: int = 0) -> Document:
    """Return the text of a file in one of READABLE; raise ValueError (Swedish) when it cannot be read."""
    suffix = suffix_of(filename)
    if suffix == ".txt":
        document = Document(plain_text(data, filename).text)
    elif suffix == ".pdf":
        document = pdf_document(data, filename)
    elif suffix == ".docx":
        check_docx(data, filename)
        try:
            hints = docx_hints(data)
            heading = next((h.value for h in hints if h.source == "docx-heading"), "")
            document = Document(heading_first(docx_text(data), heading), hints=hints)
        except ValueError as exc:  # python-docx's own words stay in the log
            raise _unreadable("Word-filen", filename, exc.__cause__ or exc) from exc
    elif suffix in (".html", ".htm"):
        from remiss.intake.webpage import read_page

        text, hints = read_page(data, max_elements=MAX_ELEMENTS)
        document = Document(text, hints=hints)
    elif suffix == ".eml":
        document = eml_document(data, depth=depth)
    elif suffix == ".msg":
        document = msg_document(data, filename, depth=depth)
    else:
        raise ValueError(f"Filtypen för {filename} stöds inte. Skicka en .txt-, .pdf-, .docx-, .eml-, .msg- "
                         "eller .html-fil.")
    if len(document.text) > MAX_TEXT:
        raise ValueError(f"Texten i {filename} är för lång ({len(document.text):,} tecken; högst 2 miljoner)."
                         .replace(",", " "))
    return document


def pdf_document(data: bytes, filename: str) -> Document:
    """Read the text of the first MAX_PDF_PAGES pages; mark the PDF scanned when they hold no text."""
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise ValueError(f"PDF-filen kunde inte läsas: {filename} är ingen PDF-fil. Välj missivet som PDF, Word "
                         "eller e-post.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported encryption
                log.warning("could not decrypt %s: %s", filename, exc)
                raise ValueError(f"PDF-filen {PROTECTED} (krypterad) och kan inte läsas.") from exc
            if not unlocked:
                raise ValueError(f"PDF-filen {PROTECTED} och kan inte läsas.")
        count = len(reader.pages)
        hints, first = pdf_hints(reader)
        pages = [first] + [(reader.pages[i].extract_text() or "") for i in range(1, min(count, MAX_PDF_PAGES))] \
            if count else []
    except ValueError:
        raise
    except Exception as exc:  # a damaged file must never crash the caller
        raise _unreadable("PDF-filen", filename, exc) from exc
    warnings = []
    if count > MAX_PDF_PAGES:
        warnings.append(f"{filename} har {count} sidor; bara de första {MAX_PDF_PAGES} har lästs.")
    letters = sum(len(re.sub(r"\s", "", page)) for page in pages)
    scanned = bool(pages) and letters < SCANNED_CHARS_PER_PAGE * len(pages)
    return Document("\n\n".join(pages), warnings=warnings, scanned=[filename] if scanned else [], hints=hints)


LARGER = 1.25  # a line this many times the body text's size is set apart as a heading
MAX_HEADING_LINES = 3


def pdf_hints(reader) -> tuple[list[Hint], str]:
    """The document information's title and author, and the largest line on page 1; with page 1's text."""
    hints = []
    try:
        info = reader.metadata
    except Exception as exc:  # a damaged information dictionary costs the hint, not the text
        log.warning("could not read a PDF's information: %s", exc)
        info = None
    if info is not None:
        if tidy(info.title):
            hints.append(Hint("title", tidy(info.title), "pdf-metadata"))
        if tidy(info.author):
            hints.append(Hint("remittent", tidy(info.author), "pdf-author"))
    if not reader.pages:
        return hints, ""
    runs: list[tuple[float, str]] = []  # (size, text) in the order drawn

    def visit(text, cm, tm, font, size):
        scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
        if text.strip():
            runs.append((round(size * (scale or 1), 1), text))

    first = reader.pages[0].extract_text(visitor_text=visit) or ""
    largest = largest_line(runs)
    if largest:
        hints.insert(0, Hint("title", largest, "pdf-largest"))
    return hints, first


def largest_line(runs: list[tuple[float, str]]) -> str:
    """The first run of lines in the page's largest font, when that font stands out from the body text."""
    if not runs:
        return ""
    weight: dict[float, int] = {}
    for size, text in runs:
        weight[size] = weight.get(size, 0) + len(text)
    body = max(weight, key=weight.get)
    top = max(weight)
    if top < LARGER * body:
        return ""
    lines, started = [], False
    for size, text in runs:
        if size == top:
            lines.append(text)
            started = True
        elif started:
            break
    return tidy(" ".join(lines[:MAX_HEADING_LINES]))


HEADING_STYLES = ("Title", "Heading 1", "Rubrik", "Rubrik 1")  # English and Swedish Word style names


def docx_hints(data: bytes) -> list[Hint]:
    """The document's first Title or Heading 1 paragraph and its core properties' title (python-docx, after
    check_docx)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    hints = []
    for paragraph in document.paragraphs:
        if paragraph.style is not None and paragraph.style.name in HEADING_STYLES and paragraph.text.strip():
            hints.append(Hint("title", tidy(paragraph.text), "docx-heading"))
            break
    title = tidy(document.core_properties.title)
    if title:
        hints.append(Hint("title", title, "docx-properties"))
    return hints


def heading_first(text: str, heading: str) -> str:
    """The text with its heading moved to the first line, where the missiv parser looks for the title; what stood
    above it (a date, "Publiceringsdatum: …", a dnr) follows, so nothing is lost."""
    at = text.find(heading) if heading else -1
    if at <= 0:
        return text
    return f"{heading}\n\n{text[:at].strip()}\n\n{text[at + len(heading):].lstrip()}"


def check_docx(data: bytes, filename: str) -> None:
    """Raise ValueError unless the .docx's parts stay within the size and element caps."""
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _unreadable("Word-filen", filename, exc) from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise ValueError(f"{filename} består av {len(members)} delar; högst {MAX_ZIP_MEMBERS} läses.")
    too_big = f"{filename} blir för stor uppackad (mer än {MAX_PART_BYTES // 1048576} MB i en del) och läses inte."
    if sum(m.file_size for m in members) > len(members) * MAX_PART_BYTES:
        raise ValueError(too_big)
    with archive:
        for name in DOCX_PARTS:
            try:
                with archive.open(name) as part:
                    xml = part.read(MAX_PART_BYTES + 1)  # the header's size may lie; read no further
            except KeyError:
                raise ValueError(f"{filename} är ingen Word-fil (word/document.xml saknas).") from None
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise _unreadable("Word-filen", filename, exc) from exc
            if len(xml) > MAX_PART_BYTES:
                raise ValueError(too_big)
            count = 0
            try:
                for _ in etree.iterparse(io.BytesIO(xml), events=("start",), resolve_entities=False,
                                         no_network=True, huge_tree=False):
                    count += 1
                    if count > MAX_ELEMENTS:
                        raise ValueError(f"{filename} innehåller fler än {MAX_ELEMENTS:,} element och läses inte."
                                         .replace(",", " "))
            except etree.XMLSyntaxError as exc:
                raise _unreadable("Word-filen", filename, exc) from exc


def eml_document(data: bytes, *, depth: int = 0) -> Document:
    """Read an e-mail: its headers and body, then the text of each readable attachment."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        body_part = message.get_body(preferencelist=("plain", "html"))
        body = ""
        if body_part is not None:
            content = body_part.get_content()
            if body_part.get_content_type() == "text/html":
                from remiss.intake.webpage import main_text

                content = main_text(content.encode("utf-8"), max_elements=MAX_ELEMENTS, whole=True)
            body = content
        header = {"Subject": message["Subject"], "From": message["From"], "Date": message["Date"]}
        found = [(part.get_filename() or "bilaga", part.get_content_type(), part.get_payload(decode=True) or b"")
                 for part in _limited(message.iter_attachments())]
        own = dict(header, **{"Message-ID": message["Message-ID"]})
    except ValueError:
        raise
    except Exception as exc:
        raise _unreadable("E-postmeddelandet", "e-post", exc) from exc
    return _with_header(_mail(header, body, found, depth=depth), own)


def _with_header(document: Document, header: dict) -> Document:
    document.header = {key: str(value) for key, value in header.items() if value}
    return document


def msg_document(data: bytes, filename: str, *, depth: int = 0) -> Document:
    """Read an Outlook .msg the same way as an e-mail."""
    try:
        import extract_msg
    except ImportError:
        raise ValueError(f"{filename} kan inte läsas: stödet för Outlook-filer (paketet extract-msg) är inte "
                         "installerat på servern. Spara meddelandet som .eml i stället.") from None
    try:
        message = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as exc:
        raise _unreadable(f"Outlook-filen {filename}", filename, exc) from exc
    try:
        body = message.body or ""
        if not body.strip() and getattr(message, "htmlBody", None):
            from remiss.intake.webpage import main_text

            body = main_text(message.htmlBody, max_elements=MAX_ELEMENTS, whole=True)
        sent = _msg_date(message)
        header = {"Subject": message.subject, "From": message.sender, "Date": sent}
        own = {"Subject": message.subject, "From": message.sender, "Message-ID": getattr(message, "messageId", None),
               "Date": email.utils.format_datetime(sent) if hasattr(sent, "tzinfo") and sent.tzinfo else None}
        found = []
        for attachment in _limited(message.attachments):
            inner = getattr(attachment, "data", None)
            name = attachment.longFilename or attachment.shortFilename or "bilaga"
            if isinstance(inner, (bytes, bytearray)):
                found.append((name, getattr(attachment, "mimetype", None) or "application/octet-stream", bytes(inner)))
            elif inner is not None and hasattr(inner, "exportBytes"):  # an e-mail attached to the e-mail
                found.append(((getattr(inner, "subject", None) or "bilaga") + ".msg", "application/vnd.ms-outlook",
                              inner.exportBytes()))
    except ValueError:
        raise
    except Exception as exc:
        raise _unreadable(f"Outlook-filen {filename}", filename, exc) from exc
    finally:
        message.close()
    return _with_header(_mail(header, body, found, depth=depth), own)


def _msg_date(message):
    """When the .msg was sent: its own date (the send or delivery time), else the Date of the transport headers
    Outlook keeps; None when it has neither (walk12 item 5: the import day was taken as Inkom)."""
    try:
        sent = message.date
    except Exception:  # noqa: BLE001 - a broken date property: the headers may still have one
        sent = None
    if hasattr(sent, "tzinfo") and sent.tzinfo:
        return sent
    try:
        text = message.headerText or ""
    except Exception:  # noqa: BLE001
        text = ""
    if text.startswith("Microsoft Mail Internet Headers Version 2.0"):
        text = text[43:].lstrip()
    value = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(text).get("Date") if text else None
    try:
        found = email.utils.parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
    return found if found is not None and found.tzinfo else None


def _limited(items):
    for count, item in enumerate(items):
        if count >= MAX_ATTACHMENTS:
            raise ValueError(f"E-postmeddelandet har fler än {MAX_ATTACHMENTS} bilagor och läses inte.")
        yield item


def _mail(header: dict, body: str, found: list[tuple[str, str, bytes]], *, depth: int) -> Document:
    lines = "\n".join(f"{key}: {value}" for key, value in header.items() if value)
    parts = [lines, body]
    attachments, warnings, scanned = [], [], []
    hinted: list[list[Hint]] = []
    for filename, content_type, payload in found:
        attachments.append(Attachment(filename, content_type, payload))
        if suffix_of(filename) not in READABLE or depth >= MAX_NESTING:
            continue
        try:
            inner = read_document(payload, filename, depth=depth + 1)
        except ValueError as exc:  # kept as a remisshandling all the same; said, or the proposal looks read from it
            parts.append(f"[Bilagan {filename} kunde inte läsas: {exc}]")
            said = str(exc) if filename in str(exc) else f"Bilagan {filename}: {exc}"
            warnings.append(f"{said} Den sparas som remisshandling men uppgifterna är inte hämtade ur den.")
            continue
        warnings.extend(inner.warnings)
        hinted.append(inner.hints)
        if filename in inner.scanned:
            scanned.append(filename)
        parts.append(f"--- Bilaga: {filename} ---\n{inner.text}")
    # one attached letter's structure speaks for the mail; several attachments' headings would compete
    hints = hinted[0] if len(hinted) == 1 else []
    return Document("\n\n".join(p for p in parts if p), attachments, warnings, scanned, hints)
