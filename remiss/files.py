"""The file store: uploaded files kept outside the web root, addressed by a random key."""
from __future__ import annotations

import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

ALLOWED_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".eml": "message/rfc822",
    ".msg": "application/vnd.ms-outlook",
    ".html": "text/html",  # a saved web page; served only as a download (remiss.remisser.attachments)
    ".htm": "text/html",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


# The first bytes of programs: Windows (MZ), Linux (ELF), macOS (Mach-O, both byte orders and fat) and scripts.
PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                 b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
KIND_NAMES = {".pdf": "PDF-fil", ".doc": "Word-fil", ".docx": "Word-fil", ".odt": "textfil", ".rtf": "textfil",
              ".txt": "textfil", ".eml": "e-postfil", ".msg": "Outlook-fil", ".html": "webbsida", ".htm": "webbsida",
              ".xlsx": "Excel-fil", ".xls": "Excel-fil", ".csv": "textfil", ".png": "bild", ".jpg": "bild",
              ".jpeg": "bild"}


class FileRejected(ValueError):
    """An upload that is refused, with a Swedish message."""


@dataclass(frozen=True)
class StoredFile:
    key: str
    size: int
    sha256: str
    content_type: str


def safe_name(filename: str) -> str:
    """Keep only the last path part of a user-given file name."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip().replace("\x00", "")
    return name[:255] or "fil"


# What Windows forbids in a file name (besides control characters): a diarienummer such as "KN2023/04578" or
# "GFN/2010:9" would otherwise make a mail attachment or a download that cannot be saved as it is named.
_FORBIDDEN_IN_NAMES = str.maketrans({c: "-" for c in '\\/:*?"<>|'})
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def portable_name(name: str) -> str:
    """The name of a file we generate (attachment or download), safe to save on Windows, macOS and Linux: on one
    line, \\ / : * ? " < > | replaced by "-" ("KN2023/04578" -> "KN2023-04578"), no trailing dot or space, not a
    reserved device name, at most 255 characters with its suffix kept."""
    printable = "".join(c if c.isprintable() else " " for c in name)
    name = " ".join(printable.translate(_FORBIDDEN_IN_NAMES).split()).rstrip(". ") or "fil"
    stem, dot, suffix = name.rpartition(".")
    if (stem if dot else name).upper() in _RESERVED_NAMES:
        name = f"_{name}"
    if len(name) > 255:
        keep = len(suffix) + 1 if dot and len(suffix) < 16 else 0
        name = name[:255 - keep].rstrip(". ") + name[len(name) - keep:] if keep else name[:255]
    return name


MIB = 1024 * 1024


def human_size(size: int, *, down: bool = False) -> str:
    """'2,5 MB', '68 kB' or '413 byte': the one size of a file wherever it is shown (Handlingar, the history, the
    files kept in a form; walk24 V4: 69 306 bytes read 67 kB in one, 68 kB in the other). kB to the nearest;
    down: kB rounded down, for a limit that must not read larger than it is. A small file never reads as '0 kB'."""
    from babel.numbers import format_decimal

    from remiss.calendar.swedish import LOCALE

    kb = size // 1024 if down else (size + 512) // 1024  # half up, not to the even number as round() does
    if kb >= 1024:
        return f"{format_decimal(round(size / MIB, 1), format='#,##0.0', locale=LOCALE)} MB"
    if size >= 1024:
        return f"{kb} kB"
    return f"{format_decimal(size, locale=LOCALE)} byte"


def limit_size(max_bytes: int) -> str:
    """A size limit as the hints and messages name it: '5 MB', never '5,0 MB' (binary MB, like human_size)."""
    return human_size(max_bytes, down=True).replace(",0 ", " ")


def too_large(size: int | None, max_bytes: int, *, name: str = "Filen", of_what: str = "") -> str:
    """The one message for a file over a limit, named as the hint names it ('Högst 5 MB'): its size when known,
    else (None: a view read only max_bytes + 1 bytes) that it is larger (walk13b finding 2). of_what: ' för en mall'."""
    limit = limit_size(max_bytes)
    if size is not None and limit_size(size) != limit:
        return f"{name} är {limit_size(size)}; gränsen är {limit}{of_what}."
    return f"{name} är större än gränsen på {limit}{of_what}."


def upload_size(stream) -> int | None:
    """An uploaded file's size without reading it (werkzeug spools it to a seekable file), or None; so a view that
    reads only max_bytes + 1 still names the real size (too_large)."""
    try:
        here = stream.tell()
        size = stream.seek(0, io.SEEK_END)
        stream.seek(here)
    except (AttributeError, OSError, ValueError):
        return None
    return size


def check_upload(filename: str, data: bytes, *, max_bytes: int) -> str:
    """Return the content type for an allowed upload, or raise FileRejected."""
    suffix = Path(safe_name(filename)).suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_EXTENSIONS))
        raise FileRejected(f"Filtypen {suffix or '(ingen)'} tas inte emot. Tillåtna: {allowed}.")
    if not data:
        raise FileRejected(f"Filen {safe_name(filename)} är tom.")
    if len(data) > max_bytes:
        raise FileRejected(too_large(len(data), max_bytes, name=f"Filen {safe_name(filename)}"))
    if data.startswith(PROGRAM_MAGIC):  # by content, whatever the name says
        raise FileRejected(f"{safe_name(filename)} är ingen {KIND_NAMES.get(suffix, 'fil av den typen')} – det verkar "
                           "vara ett program, och sådana tas inte emot. Välj filen i rätt format.")
    if suffix in CONTENT_CHECKS and not CONTENT_CHECKS[suffix](data):
        kind = CONTENT_NAMES[suffix]
        raise FileRejected(f"{kind[0].upper()}{kind[1:]}en kunde inte läsas: {safe_name(filename)} är ingen {kind}, fast namnet "
                           f"slutar på {suffix} (filen har kanske bytt namn). Spara den som {kind} och välj den igen.")
    return ALLOWED_EXTENSIONS[suffix]


# An Office file with a password, and an old Word or Excel file saved under the new name, are OLE compound files:
# real documents that Word and Excel open, so they are let through.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_names(data: bytes) -> set[str]:
    if not data.startswith(b"PK\x03\x04"):
        return set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):  # a damaged or cut-off zip
        return set()


def _is_odt(data: bytes) -> bool:
    # the first entry of an OpenDocument file is "mimetype", stored uncompressed: its text follows the header
    return data.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in data[30:120]


# What a file of each type begins with, checked whatever its name says (walk9: a text file named .pdf was kept as
# an answer and published): %PDF- within the first kilobyte (as readers allow), a zip holding word/document.xml
# or xl/workbook.xml, an OpenDocument zip whose mimetype says text.
CONTENT_CHECKS = {
    ".pdf": lambda data: b"%PDF-" in data[:1024],
    ".docx": lambda data: data.startswith(OLE_MAGIC) or "word/document.xml" in _zip_names(data),
    ".xlsx": lambda data: data.startswith(OLE_MAGIC) or "xl/workbook.xml" in _zip_names(data),
    ".odt": _is_odt,
}
CONTENT_NAMES = {".pdf": "PDF-fil", ".docx": "Word-fil", ".xlsx": "Excel-fil", ".odt": "OpenDocument-textfil"}


def pdf_protected(data: bytes) -> bool:
    """Whether a PDF opens only with a password (so its text cannot be read or searched). Reads the trailer and
    the encryption dictionary only (pypdf parses lazily); a file pypdf cannot open is not called protected."""
    if b"/Encrypt" not in data:
        return False
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        return reader.is_encrypted and not reader.decrypt("")
    except Exception:  # noqa: BLE001 - unsupported encryption or a damaged file: it cannot be read either way
        return True


def store(files_dir: str | Path, data: bytes, *, content_type: str) -> StoredFile:
    key = f"{secrets.token_hex(2)}/{secrets.token_hex(16)}"
    path = Path(files_dir) / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return StoredFile(key, len(data), hashlib.sha256(data).hexdigest(), content_type)


def path_of(files_dir: str | Path, key: str) -> Path:
    root = Path(files_dir).resolve()
    path = (root / key).resolve()
    if root not in path.parents:
        raise FileRejected("Ogiltig filnyckel.")
    return path
