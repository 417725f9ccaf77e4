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

import errno
import os
import re
import smtplib
import ssl
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.policy import EmailPolicy, default as default_policy
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit


class DeliveryError(Exception):
    """This mail was not delivered; permanent errors (5xx) are not worth retrying for long."""

    def __init__(self, message: str, *, permanent: bool = False, code: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.code = code  # the relay's reply code, when the relay refused the mail


class RelayDown(Exception):
    """No mail can be handed over at the moment; not the fault of the mail being sent."""


_LEADING_DOT = re.compile(rb"(?m)^\.")


class Prepared(NamedTuple):
    sender: str
    recipient: str
    data: bytes  # the message with CRLF line ends


def _one_ascii_envelope(message: EmailMessage) -> tuple[str, str] | None:
    """(sender, recipient) of a mail from one ASCII address to one, without Cc, Bcc or Resent-; else None."""
    if not isinstance(message.policy, EmailPolicy) or any(
            message[name] is not None for name in ("Sender", "Cc", "Bcc", "Resent-From", "Resent-To")):
        return None
    sender, to = message["From"], message["To"]
    if sender is None or to is None or len(sender.addresses) != 1 or len(to.addresses) != 1:
        return None
    envelope = sender.addresses[0].addr_spec, to.addresses[0].addr_spec
    return envelope if all(a.isascii() and "@" in a for a in envelope) else None


def _unreachable(where: str, exc: Exception, timeout: float) -> RelayDown:
    """The relay could not be reached, or was reached and did not answer in time (said so in Swedish first,
    the exception after it for whoever digs further)."""
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return RelayDown(f"SMTP-servern {where} svarade inte inom {timeout:g} s ({type(exc).__name__}: {exc})")
    return RelayDown(f"SMTP-servern {where} kunde inte nås: {type(exc).__name__}: {exc}")


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
        self.announced: Prepared | None = None  # the mail whose MAIL command was sent ahead (see announce())

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()
            self.client = None

    def send(self, message: EmailMessage, *, name: str = "") -> None:
        """Hand the message to the SMTP server: return when accepted, else raise DeliveryError or RelayDown."""
        self.finish(self.start(message, name=name))

    @staticmethod
    def prepare(message: EmailMessage) -> "Prepared | EmailMessage":
        """The envelope and bytes of a mail to one ASCII address (the message itself otherwise), made
        before its turn: the sweep prepares the next mail while the relay reads the one before."""
        envelope = _one_ascii_envelope(message)
        if envelope is None:
            return message
        policy = message.policy if message.policy.linesep == "\r\n" else message.policy.clone(linesep="\r\n")
        return Prepared(*envelope, message.as_bytes(policy=policy))

    def start(self, message: "EmailMessage | Prepared", *, name: str = "") -> bool:
        """Hand the message over up to the end of its data; finish() reads whether the relay accepted it.

        Meanwhile the relay reads the mail and the sweep may build the next one; the next mail is only
        handed over after finish() and its mark, so at most one accepted mail is ever unrecorded.
        False: the message was sent whole (several or non-ASCII addresses) and finish() has nothing to read.
        """
        prepared = message if isinstance(message, Prepared) else self.prepare(message)
        if not isinstance(prepared, Prepared):
            self._send_whole(message)
            return False
        sender, recipient, data = prepared
        try:
            if self.client is None:
                self.client = self.transport.connect()
            client = self.client
            client.ehlo_or_helo_if_needed()
            # MAIL and RCPT as smtplib's mail() and rcpt() send them, with the addr-specs that the header registry
            # parsed and _one_ascii_envelope checked: quoteaddr() would parse each again (≈ 20 µs a mail).
            if self.announced is prepared:  # its MAIL went out while the mail before was being recorded
                reply = client.getreply()
            else:
                if self.announced is not None:  # announced, then not sent (its row was taken back): end that one
                    self.announced = None
                    client.getreply()
                    client.rset()
                client.putcmd("mail", self._mail_from(client, prepared))
                reply = client.getreply()
            self.announced = None
            self._expect(reply, 250)
            self._expect(client.docmd("rcpt", f"TO:<{recipient}>"), 250, 251)
            self._expect(client.docmd("data"), 354)
            # As smtplib.SMTP.data: a line beginning with a dot gets another, then the ending dot.
            data = _LEADING_DOT.sub(b"..", data)
            client.send(data + (b"" if data.endswith(b"\r\n") else b"\r\n") + b".\r\n")
        except (DeliveryError, RelayDown):
            raise
        except smtplib.SMTPResponseException as exc:  # greeting, HELO: the relay, not this mail
            self._drop()
            raise RelayDown(f"SMTP-servern {self.transport.where} svarar {exc.smtp_code}: "
                            f"{_text(exc.smtp_error)}") from exc
        except (smtplib.SMTPException, OSError) as exc:  # refused, timed out, dropped, TLS, login
            self._drop()
            raise _unreachable(self.transport.where, exc, self.transport.timeout) from exc
        return True

    @staticmethod
    def _mail_from(client: smtplib.SMTP, prepared: Prepared) -> str:
        size = f" size={len(prepared.data)}" if client.has_extn("size") else ""
        return f"FROM:<{prepared.sender}>{size}"

    def announce(self, message) -> None:
        """Send the MAIL command of the mail after this one, whose reply start() reads: the relay reads it while
        the sweep records the mail before. Nothing is handed over (only the data's final dot does that; a
        sweep that stops here leaves an open transaction that QUIT ends), so a crash still leaves at most the
        one accepted mail unrecorded. Anything but a prepared mail on a live session is left to start()."""
        self.announced = None
        if not isinstance(message, Prepared) or self.client is None:
            return
        try:
            self.client.putcmd("mail", self._mail_from(self.client, message))
        except (smtplib.SMTPException, OSError):
            self._drop()  # start() reconnects, and says so if it cannot
            return
        self.announced = message

    def finish(self, started: bool) -> None:
        """Read the relay's answer to the data handed over by start(); raise unless it accepted the mail."""
        if not started:
            return
        try:
            reply = self.client.getreply()
        except (smtplib.SMTPException, OSError) as exc:  # the mail may have been accepted: sent again later
            self._drop()
            raise RelayDown(f"SMTP-servern {self.transport.where} svarade inte: {type(exc).__name__}: {exc}") from exc
        self._expect(reply, 250)

    def _expect(self, reply: tuple[int, bytes], *accepted: int) -> None:
        code, text = reply
        if code in accepted:
            return
        if code == 421 or code < 0:  # closing, or no answer
            self._drop()
            raise RelayDown(f"SMTP-servern {self.transport.where} stänger: {code} {_text(text)}")
        try:
            self.client.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()
        raise DeliveryError(f"SMTP {code}: {_text(text)}", permanent=code >= 500, code=code)

    def _send_whole(self, message: EmailMessage) -> None:
        """smtplib's send_message: several recipients, or addresses that need SMTPUTF8."""
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
            raise _unreachable(where, exc, self.transport.timeout) from exc
        if refused:  # only when some of several recipients were refused
            code = min(code for code, _ in refused.values())
            raise DeliveryError(f"Mottagaren avvisades: {refused}", permanent=code >= 500, code=code)

    def _drop(self) -> None:
        self.announced = None
        if self.client is not None:
            self.client.close()
            self.client = None


@dataclass(frozen=True)
class FileTransport:
    """Write each mail as an .eml file named after its outbox row, and never overwrite one.

    A file is written under .writing/ beside the others and linked into place, so a reader never sees
    half a mail and a file once there is never replaced; a failed write removes its temporary file. In
    this mode the file is the delivery: a sweep that died after writing a row's file and before recording
    it left the mail delivered, so the next sweep finds the file with the row's Message-ID, writes nothing
    and records the row as sent. A file of that name with another Message-ID (another database's mail in
    the same directory) is left alone and the mail is written beside it as <name>-2.eml.
    """

    directory: Path

    @property
    def where(self) -> str:
        return str(self.directory)

    @contextmanager
    def connection(self):
        self._remove_leftovers()
        yield self

    def start(self, message: EmailMessage, *, name: str = "mail") -> bool:
        self.send(message, name=name)
        return False

    def finish(self, started: bool) -> None:
        pass

    def send(self, message: EmailMessage, *, name: str = "mail") -> None:
        """Put the message in <name>.eml, unless that file already holds it (delivered by a sweep that died)."""
        temporary = self.directory / ".writing" / f"{name}.{os.getpid()}.tmp"
        message_id = str(message["Message-ID"] or "").strip()
        try:
            temporary.parent.mkdir(parents=True, exist_ok=True)
            if self._delivered(self.directory / f"{name}.eml", message_id):
                return
            temporary.write_bytes(bytes(message))
            for n in range(1, 100):
                target = self.directory / (f"{name}.eml" if n == 1 else f"{name}-{n}.eml")
                if self._place(temporary, target) or self._delivered(target, message_id):
                    return
            raise FileExistsError(errno.EEXIST, "99 filer med samma namn", str(target))
        except OSError as exc:
            raise RelayDown(f"Kunde inte skriva e-post till {self.directory}: {exc.strerror or exc}") from exc
        finally:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass

    @staticmethod
    def _place(temporary: Path, target: Path) -> bool:
        """Link the written file into place; False when a file of that name exists (it is never replaced)."""
        try:
            os.link(temporary, target)
            return True
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
        # A file system without hard links: the claim lets one sweep at a time write a row's file.
        if target.exists():
            return False
        os.replace(temporary, target)
        return True

    @staticmethod
    def _delivered(target: Path, message_id: str) -> bool:
        """Whether target is this mail, put there whole by an earlier send (its Message-ID is the row's)."""
        if not message_id:
            return False
        try:
            with target.open("rb") as f:
                found = BytesHeaderParser(policy=default_policy).parse(f)["Message-ID"]
        except FileNotFoundError:
            return False
        return found is not None and str(found).strip() == message_id

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
