"""Serialise the outbox's mails straight to RFC 5322 bytes: the reminder sweep builds thousands at a time.

The standard library's EmailMessage takes ≈ 10 ms for a mail with text, HTML and a calendar file
(it parses every header it is given and quoted-printable-encodes in Python); this writer takes
a few tens of microseconds for the same structure, using the C encoders in binascii. The result
is read back with the standard library parser in tests/reminders/test_mime.py, part by part.
Anything it does not handle (a recipient address that is not ASCII) goes through EmailMessage.
"""
from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from functools import lru_cache

CRLF = b"\r\n"
_WORD_BYTES = 36  # 36 bytes of UTF-8 → 48 base64 characters: a word and a header name fit in 78 columns
_PLAIN_ADDRESS = re.compile(r"[^@\s<>()\[\],;:\\\"]+@[^@\s<>()\[\],;:\\\"]+")


@dataclass(frozen=True)
class Attachment:
    data: bytes
    content_type: str  # e.g. 'text/calendar; method=PUBLISH; charset="utf-8"'
    filename: str


@dataclass(frozen=True)
class RenderedMail:
    """A mail ready for the wire: the envelope and the bytes of the message (CRLF line ends)."""

    sender: str
    recipients: tuple[str, ...]
    data: bytes
    headers: dict[str, str] = field(default_factory=dict, compare=False)

    def __bytes__(self) -> bytes:
        return self.data

    def __getitem__(self, name: str) -> str | None:
        return self.headers.get(name)


def _clean(value: str) -> str:
    return " ".join(value.split()) if ("\n" in value or "\r" in value or "\t" in value) else value


def _split_utf8(data: bytes):
    """Yield pieces of UTF-8 data of at most _WORD_BYTES bytes, never splitting a character."""
    start = 0
    while start < len(data):
        end = min(start + _WORD_BYTES, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte: back off
            end -= 1
        yield data[start:end]
        start = end


def encode_header(value: str) -> str:
    """Return value as it may stand in a header: ASCII as is, else RFC 2047 words folded over lines."""
    value = _clean(value)
    if value.isascii() and len(value) <= 76:
        return value
    words = (f"=?utf-8?b?{binascii.b2a_base64(piece, newline=False).decode()}?="
             for piece in _split_utf8(value.encode()))
    return "\r\n ".join(words)


@lru_cache(maxsize=64)
def from_header(value: str) -> tuple[str, str]:
    """Return (header text, envelope address) of a From value such as 'Nämnden <remiss@kommun.se>'.

    One sender serves a whole sweep, so the standard library folds it (and once only).
    """
    message = EmailMessage(policy=SMTP)
    message["From"] = value
    folded = SMTP.fold("From", message["From"])
    return folded[len("From: "):].rstrip("\r\n"), message["From"].addresses[0].addr_spec


def _boundary(seed: str) -> str:
    # "=_" never occurs in quoted-printable or base64 text, so no body can contain the boundary
    return f"=_remiss_{hashlib.blake2s(seed.encode(), digest_size=8).hexdigest()}"


def _base64_lines(data: bytes) -> bytes:
    encoded = binascii.b2a_base64(data, newline=False)
    return CRLF.join([encoded[i:i + 76] for i in range(0, len(encoded), 76)])


def _text_part(content_type: str, text: str) -> bytes:
    """Plain text quoted-printable (readable in the raw mail); HTML base64 (a third of the time for a
    page of markup, where readability of the raw source matters less)."""
    body = text.replace("\r\n", "\n").encode()
    if content_type == "text/html":
        return (f'Content-Type: {content_type}; charset="utf-8"\r\n'
                "Content-Transfer-Encoding: base64\r\n\r\n").encode() + _base64_lines(body)
    encoded = binascii.b2a_qp(body, istext=True).replace(b"\n", CRLF)
    return (f'Content-Type: {content_type}; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode() + encoded


@lru_cache(maxsize=256)
def _attachment_part(attachment: Attachment) -> bytes:
    """The encoded part (cached: a sweep attaches one calendar file to every mail about its remiss)."""
    body = _base64_lines(attachment.data)
    return (f"Content-Type: {attachment.content_type}\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            f'Content-Disposition: attachment; filename="{attachment.filename}"\r\n\r\n').encode() + body


def _multipart(subtype: str, boundary: str, parts: list[bytes]) -> bytes:
    delimiter = f"\r\n--{boundary}\r\n".encode()
    return (f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode()
            + delimiter[2:] + delimiter.join(parts) + f"\r\n--{boundary}--\r\n".encode())


def _fallback(headers: dict[str, str], text: str, html: str | None,
              attachments: tuple[Attachment, ...]) -> bytes:
    message = EmailMessage()
    for name, value in headers.items():
        message[name] = value
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    for a in attachments:
        maintype, subtype = a.content_type.split(";")[0].split("/")
        message.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.filename)
    return message.as_bytes(policy=SMTP)


def build(*, sender: str, to: str, subject: str, message_id: str, date: str, text: str, html: str | None = None,
          attachments: tuple[Attachment, ...] = (), extra: dict[str, str] | None = None) -> RenderedMail:
    """Return the mail as bytes: text (and HTML as its alternative), then the attachments."""
    from_text, envelope_from = from_header(sender)
    headers = {"Subject": subject, "From": sender, "To": to, "Message-ID": message_id, "Date": date,
               **(extra or {})}
    to = _clean(to)
    if not to.isascii() or not _PLAIN_ADDRESS.fullmatch(to):
        return RenderedMail(envelope_from, (to,), _fallback(headers, text, html, attachments), headers)
    head = "".join([f"{name}: {from_text if name == 'From' else encode_header(value)}\r\n"
                    for name, value in headers.items()])
    body = _text_part("text/plain", text)
    boundary = _boundary(message_id)
    if html is not None:
        body = _multipart("alternative", f"{boundary}_alt", [body, _text_part("text/html", html)])
    if attachments:
        body = _multipart("mixed", f"{boundary}_mix",
                          [body] + [_attachment_part(a) for a in attachments])
    data = (head + "MIME-Version: 1.0\r\n").encode() + body
    return RenderedMail(envelope_from, (to,), data, headers)
