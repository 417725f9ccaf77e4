"""The file store: uploaded files kept outside the web root, addressed by a random key."""
from __future__ import annotations

import hashlib
import secrets
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


def human_size(size: int) -> str:
    """'2,5 MB', '340 kB' or '12 byte'."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    if size >= 1024:
        return f"{size // 1024} kB"
    return f"{size} byte"


def check_upload(filename: str, data: bytes, *, max_bytes: int) -> str:
    """Return the content type for an allowed upload, or raise FileRejected."""
    suffix = Path(safe_name(filename)).suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_EXTENSIONS))
        raise FileRejected(f"Filtypen {suffix or '(ingen)'} tas inte emot. Tillåtna: {allowed}.")
    if not data:
        raise FileRejected(f"Filen {safe_name(filename)} är tom.")
    if len(data) > max_bytes:
        raise FileRejected(f"Filen {safe_name(filename)} är {human_size(len(data))}; "
                           f"gränsen är {human_size(max_bytes)}.")
    return ALLOWED_EXTENSIONS[suffix]


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
