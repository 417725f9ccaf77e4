"""The registrator's mailbox over IMAP: list the messages in a folder, fetch one, move it to the done folder.

REMISS_IMAP_URL is imaps://user:password@host[:port]/FOLDER (imap:// only for a server on the same host,
as in the tests). No database here: remiss.intake.service.inbox decides what becomes of a message.
"""
from __future__ import annotations

import base64
import imaplib
import re
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit


class MailboxError(Exception):
    """The mailbox could not be reached or read; the message is Swedish."""


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int
    user: str
    password: str
    folder: str
    secure: bool

    @classmethod
    def from_url(cls, url: str) -> "MailboxSettings":
        parts = urlsplit(url)
        if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
            raise MailboxError("REMISS_IMAP_URL ska se ut så här: imaps://användare:lösenord@server/INBOX.")
        secure = parts.scheme == "imaps"
        return cls(parts.hostname, parts.port or (993 if secure else 143), unquote(parts.username),
                   unquote(parts.password or ""), unquote(parts.path.lstrip("/")) or "INBOX", secure)


@dataclass(frozen=True)
class Fetched:
    uid: str
    size: int
    raw: bytes  # the whole message, or b"" when it is larger than the caller's cap


class Mailbox:
    """One IMAP session on the configured folder."""

    def __init__(self, client: imaplib.IMAP4, settings: MailboxSettings):
        self.client = client
        self.settings = settings

    def uids(self) -> list[str]:
        """Return the UIDs of every message in the folder, oldest first."""
        status, data = self.client.uid("SEARCH", None, "ALL")
        _check(status, data, "sökningen i brevlådan")
        return data[0].decode().split() if data and data[0] else []

    def fetch(self, uid: str, *, max_bytes: int) -> Fetched | None:
        """Return the message without marking it read; only its size when it is larger than max_bytes; None when
        it is gone (moved by another poll since the search)."""
        status, data = self.client.uid("FETCH", uid, "(RFC822.SIZE)")
        _check(status, data, "hämtningen av ett meddelande")
        if not data or data[0] is None:
            return None
        match = re.search(rb"RFC822\.SIZE (\d+)", data[0] if isinstance(data[0], bytes) else data[0][0])
        size = int(match.group(1)) if match else 0
        if size > max_bytes:
            return Fetched(uid, size, b"")
        status, data = self.client.uid("FETCH", uid, "(BODY.PEEK[])")
        _check(status, data, "hämtningen av ett meddelande")
        raw = next((part[1] for part in data if isinstance(part, tuple)), None)
        return Fetched(uid, size, raw) if raw is not None else None  # expunged meanwhile: no body

    def move(self, uid: str, folder: str) -> None:
        """Move the message to folder, creating the folder when it is missing."""
        self.client.create(_quote(folder))  # NO when it exists: harmless
        if "MOVE" in self.client.capabilities:
            status, data = self.client.uid("MOVE", uid, _quote(folder))
            _check(status, data, f"flytten till {folder}")
            return
        status, data = self.client.uid("COPY", uid, _quote(folder))
        _check(status, data, f"kopieringen till {folder}")
        self.client.uid("STORE", uid, "+FLAGS", r"(\Deleted)")
        self.client.expunge()


@contextmanager
def open_mailbox(url: str, *, timeout: float = 30):
    """Log in and select the folder of REMISS_IMAP_URL; raise MailboxError (Swedish) when it fails."""
    settings = MailboxSettings.from_url(url)
    try:
        if settings.secure:
            client = imaplib.IMAP4_SSL(settings.host, settings.port, ssl_context=ssl.create_default_context(),
                                       timeout=timeout)
        else:
            client = imaplib.IMAP4(settings.host, settings.port, timeout=timeout)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"Brevlådan på {settings.host}:{settings.port} kan inte nås: {exc}") from None
    try:
        try:
            client.login(settings.user, settings.password)
        except imaplib.IMAP4.error as exc:
            raise MailboxError(f"Inloggningen i brevlådan som {settings.user} misslyckades: {exc}") from None
        status, data = client.capability()  # servers name MOVE only once logged in
        if status == "OK" and data and data[-1]:
            client.capabilities = tuple(data[-1].decode().upper().split())
        status, data = client.select(_quote(settings.folder))
        _check(status, data, f"valet av mappen {settings.folder}")
        yield Mailbox(client, settings)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise MailboxError(f"Brevlådan svarade inte som väntat: {exc}") from None
    finally:
        try:
            client.logout()
        except (OSError, imaplib.IMAP4.error):
            pass


def _quote(folder: str) -> str:
    """Return the folder name as IMAP writes it: modified UTF-7 (RFC 3501, 5.1.3), quoted."""
    out, run = [], []

    def close_run():
        if run:
            packed = base64.b64encode("".join(run).encode("utf-16-be")).decode().rstrip("=").replace("/", ",")
            out.append(f"&{packed}-")
            run.clear()

    for char in folder:
        if 0x20 <= ord(char) <= 0x7E:
            close_run()
            out.append("&-" if char == "&" else char)
        else:
            run.append(char)
    close_run()
    return '"' + "".join(out).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check(status: str, data, what: str) -> None:
    if status != "OK":
        detail = b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace") if data else ""
        raise MailboxError(f"Brevlådan avböjde {what}: {detail or status}")
