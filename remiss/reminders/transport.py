"""Mail transports: SMTP from REMISS_SMTP_URL, or .eml files under MAIL_DIR when none is set.

A send ends in one of three ways, because the sweep treats them differently:
- it returns: the relay accepted the mail (or the file is in place);
- DeliveryError: the relay answered and refused this mail (a reply code), or the mail itself is
  unusable; the row's own failure, retried and in the end failed;
- RelayDown: nothing can be handed over now (no connection, a timeout, a dropped session, 421, the
  login or TLS failing, the mail directory not writable or full). The rows are not at fault: the
  sweep pauses and keeps their attempts.
"""
from __future__ import annotations

import os
import smtplib
import ssl
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit


class DeliveryError(Exception):
    """This mail was not delivered; permanent errors (5xx) are not worth retrying for long."""

    def __init__(self, message: str, *, permanent: bool = False, code: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.code = code  # the relay's reply code, when the relay refused the mail


class RelayDown(Exception):
    """No mail can be handed over at the moment; not the fault of the mail being sent."""


def _text(reply) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


@dataclass(frozen=True)
class SmtpTransport:
    host: str
    port: int
    security: str = "none"  # none | starttls | tls
    user: str = ""
    password: str = ""
    timeout: float = 20.0

    @classmethod
    def from_url(cls, url: str, timeout: float = 20.0) -> "SmtpTransport":
        """Parse smtp://user:pass@host:port, smtp+starttls://… or smtps://…."""
        parts = urlsplit(url)
        security = {"smtp": "none", "smtp+starttls": "starttls", "smtps": "tls"}.get(parts.scheme)
        if security is None or not parts.hostname:
            raise ValueError(f"REMISS_SMTP_URL förstås inte: {parts.scheme}://…")
        port = parts.port or {"none": 25, "starttls": 587, "tls": 465}[security]
        return cls(parts.hostname, port, security, unquote(parts.username or ""), unquote(parts.password or ""),
                   timeout)

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def send(self, message: EmailMessage, *, name: str = "") -> None:
        """Hand one message to the SMTP server over a connection of its own."""
        with self.connection() as connection:
            connection.send(message, name=name)

    @contextmanager
    def connection(self):
        """One SMTP session for many messages (opened at the first send, reopened after a drop)."""
        connection = SmtpConnection(self)
        try:
            yield connection
        finally:
            connection.close()

    def connect(self) -> smtplib.SMTP:
        if self.security == "tls":
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            if self.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if self.user:
                client.login(self.user, self.password)
        except BaseException:
            client.close()
            raise
        return client


class SmtpConnection:
    """Send messages over one reused smtplib session; a failed session is dropped and reopened."""

    def __init__(self, transport: SmtpTransport):
        self.transport = transport
        self.client: smtplib.SMTP | None = None

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()
            self.client = None

    def send(self, message: EmailMessage, *, name: str = "") -> None:
        """Hand the message to the SMTP server: return when accepted, else raise DeliveryError or RelayDown."""
        where = self.transport.where
        try:
            if self.client is None:
                self.client = self.transport.connect()
            refused = self.client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            if 421 in codes:
                self._drop()
                raise RelayDown(f"SMTP-servern {where} stänger: {exc.recipients}") from exc
            raise DeliveryError(f"Mottagaren avvisades: {exc.recipients}", permanent=all(c >= 500 for c in codes),
                                code=min(codes)) from exc
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            # The relay read the command and refused the mail: MAIL FROM (e.g. too large) or the data.
            if exc.smtp_code == 421:
                self._drop()
                raise RelayDown(f"SMTP-servern {where} stänger: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
            raise DeliveryError(f"SMTP {exc.smtp_code}: {_text(exc.smtp_error)}", permanent=exc.smtp_code >= 500,
                                code=exc.smtp_code) from exc
        except smtplib.SMTPNotSupportedError as exc:  # e.g. an address outside ASCII and no SMTPUTF8
            raise DeliveryError(f"SMTP-servern kan inte ta emot detta meddelande: {exc}", permanent=True) from exc
        except (ValueError, UnicodeError) as exc:  # the mail's own addresses
            raise DeliveryError(f"Meddelandet kan inte skickas: {exc}", permanent=True) from exc
        except smtplib.SMTPResponseException as exc:  # greeting, HELO, AUTH: the relay, not this mail
            self._drop()
            raise RelayDown(f"SMTP-servern {where} svarar {exc.smtp_code}: {_text(exc.smtp_error)}") from exc
        except (smtplib.SMTPException, OSError) as exc:  # refused, timed out, dropped, TLS
            self._drop()
            raise RelayDown(f"SMTP-servern {where} kunde inte nås: {type(exc).__name__}: {exc}") from exc
        if refused:  # only when some of several recipients were refused; the outbox sends to one
            code = min(code for code, _ in refused.values())
            raise DeliveryError(f"Mottagaren avvisades: {refused}", permanent=code >= 500, code=code)

    def _drop(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None


@dataclass(frozen=True)
class FileTransport:
    """Write each mail as an .eml file; the same outbox row always gets the same file.

    A file is written under .writing/ beside the others and renamed into place, so a reader never sees
    half a mail; a failed write removes its temporary file.
    """

    directory: Path

    @property
    def where(self) -> str:
        return str(self.directory)

    @contextmanager
    def connection(self):
        self._remove_leftovers()
        yield self

    def send(self, message: EmailMessage, *, name: str = "mail") -> None:
        """Write the message to <name>.eml, replacing an earlier attempt of the same row."""
        target = self.directory / f"{name}.eml"
        temporary = self.directory / ".writing" / f"{name}.{os.getpid()}.tmp"
        try:
            temporary.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(bytes(message))
            os.replace(temporary, target)
        except OSError as exc:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
            raise RelayDown(f"Kunde inte skriva e-post till {self.directory}: {exc.strerror or exc}") from exc

    def _remove_leftovers(self, older_than: float = 600) -> None:
        """Temporary files of a process killed mid-write (a live one renames its file within moments)."""
        try:
            for path in (self.directory / ".writing").glob("*.tmp"):
                if path.stat().st_mtime < time.time() - older_than:
                    path.unlink(missing_ok=True)
        except OSError:
            pass  # a directory we cannot read is reported by the first send


def transport_from_config(config) -> SmtpTransport | FileTransport:
    """Return the SMTP transport named by SMTP_URL, else files under MAIL_DIR."""
    url = config.get("SMTP_URL", "")
    if url:
        return SmtpTransport.from_url(url, timeout=float(config.get("SMTP_TIMEOUT_SECONDS", 20)))
    return FileTransport(Path(config["MAIL_DIR"]))
