"""Mail transports: SMTP from REMISS_SMTP_URL, or .eml files under MAIL_DIR when none is set."""
from __future__ import annotations

import os
import smtplib
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

from remiss.reminders.mime import RenderedMail


class DeliveryError(Exception):
    """A mail was not delivered; permanent errors (5xx) are not worth retrying for long."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


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

    def send(self, message: EmailMessage | RenderedMail, *, name: str = "") -> None:
        """Hand one message to the SMTP server over a connection of its own."""
        with self.connection() as connection:
            connection.send(message, name=name)

    @contextmanager
    def connection(self):
        """One SMTP session for a batch of messages (opened at the first send, reopened after a drop)."""
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

    def send(self, message: EmailMessage | RenderedMail, *, name: str = "") -> None:
        """Hand the message to the SMTP server; raise DeliveryError when it is not accepted."""
        try:
            if self.client is None:
                self.client = self.transport.connect()
            if isinstance(message, RenderedMail):
                refused = self.client.sendmail(message.sender, list(message.recipients), message.data)
            else:
                refused = self.client.send_message(message)
            if refused:
                code = min(code for code, _ in refused.values())
                raise DeliveryError(f"Mottagaren avvisades: {refused}", permanent=code >= 500)
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise DeliveryError(f"Mottagaren avvisades: {exc.recipients}",
                                permanent=all(c >= 500 for c in codes)) from exc
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code in (421,) or isinstance(exc, smtplib.SMTPServerDisconnected):
                self._drop()
            text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
            raise DeliveryError(f"SMTP {exc.smtp_code}: {text}", permanent=exc.smtp_code >= 500) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise DeliveryError(f"SMTP-servern kunde inte nås: {exc}") from exc

    def _drop(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None


@dataclass(frozen=True)
class FileTransport:
    """Write each mail as an .eml file; the same outbox row always gets the same file."""

    directory: Path

    def send(self, message: EmailMessage | RenderedMail, *, name: str = "mail") -> None:
        """Write the message to <name>.eml, replacing an earlier attempt of the same row."""
        self.directory.mkdir(parents=True, exist_ok=True)
        target = self.directory / f"{name}.eml"
        temporary = target.with_suffix(".eml.tmp")
        try:
            temporary.write_bytes(bytes(message))
            os.replace(temporary, target)
        except OSError as exc:
            raise DeliveryError(f"Kunde inte skriva {target}: {exc}") from exc


def transport_from_config(config) -> SmtpTransport | FileTransport:
    """Return the SMTP transport named by SMTP_URL, else files under MAIL_DIR."""
    url = config.get("SMTP_URL", "")
    if url:
        return SmtpTransport.from_url(url, timeout=float(config.get("SMTP_TIMEOUT_SECONDS", 20)))
    return FileTransport(Path(config["MAIL_DIR"]))
