"""The outbox's mails as standard-library EmailMessage objects: text, HTML and attached files.

Header encoding (RFC 2047), folding, MIME structure and transfer encodings are the standard library's;
this module only chooses the parts and gives the library a header registry and policy that remember
what they parsed and folded. A sweep builds thousands of mails whose headers mostly repeat (From,
Date, the kind, every part's Content-Type and -Transfer-Encoding); header objects are immutable, so a
repeated value can be shared instead of parsed again for every mail.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.header import Header
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage, MIMEPart
from email.policy import EmailPolicy
from functools import lru_cache


class _SharedHeaders(HeaderRegistry):
    """The standard header classes, where a (name, value) seen before gives the same header object."""

    def __init__(self):
        super().__init__()
        # A Message-ID as the unstructured text every header was before Python 3.8: MessageIDHeader parses
        # each id into tokens and their defects, a tenth of building a mail, and the outbox's ids are made by
        # message_id_for (and the other builders' likewise): always "<hex@domain>". Written alike.
        self.map_to_type("message-id", UnstructuredHeader)
        self._classes: dict[str, type] = {}
        self._parse = lru_cache(maxsize=2048)(super().__call__)

    def __getitem__(self, name: str) -> type:
        # HeaderRegistry builds a new class for every header it makes; the class depends on the name only.
        key = name.lower()
        cls = self._classes.get(key)
        if cls is None:
            cls = self._classes[key] = super().__getitem__(name)
        return cls

    def __call__(self, name: str, value):
        if type(value) is not str:  # e.g. an Address object: not hashable, made by the caller anyway
            return super().__call__(name, value)
        return self._parse(name, value)


class _SubjectHeader(UnstructuredHeader):
    """A Subject the library folds as the RFC 2047 encoder of email.header does: CPython's modern folder may
    end one encoded-word with a space and start the next with the word after it, and decoders drop the
    whitespace between encoded-words ("Förlängd remisstid:Förslag …", cpython issue #144156). Here the spaces
    are encoded inside the words, each word at most 75 characters (a line is at most 76)."""

    def fold(self, *, policy):
        value = str(self)
        if policy.utf8 or value.isascii():  # no encoded-words: the library's fold is right
            return super().fold(policy=policy)
        words = Header(value, "utf-8", maxlinelen=76, header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {words}{policy.linesep}"


class _MessageIdHeader(UnstructuredHeader):
    """A Message-ID written on one line as it is: the library folds an unstructured value longer than a line
    (an id on a sender domain over about 30 characters) into RFC 2047 encoded-words, which no mail program
    reads as an id, and the copy a crash repeats (same id) would no longer be recognised as the same mail."""

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


# What str.splitlines() breaks at (the library refuses those in a header), and tabs.
_BREAKS = re.compile("[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")


def one_line(value: str) -> str:
    """A header value on one line: a title pasted with line breaks stays text and cannot start a header
    (the library refuses such a value rather than fold it, and the mail would fail on every retry)."""
    return " ".join(value.split()) if _BREAKS.search(value) else value


class OutboxPolicy(EmailPolicy):
    """email.policy.SMTP (CRLF line ends) that puts every header value on one line (the one place headers
    are cleaned: every mail the outbox sends is built with it, see new_message) and remembers how it
    folded a header value."""

    def header_store_parse(self, name, value):
        return super().header_store_parse(name, one_line(value) if isinstance(value, str) else value)

    def fold_binary(self, name: str, value) -> bytes:
        if not isinstance(value, BaseHeader) or self.header_factory is not HEADERS:
            return super().fold_binary(name, value)
        # Keyed on the settings that change a fold: the generator and smtplib fold with clones of the policy.
        key = (self.linesep, self.max_line_length, self.utf8, self.cte_type, self.refold_source,
               type(value), name, str(value))
        folded = _FOLDED.get(key)
        if folded is None:
            folded = super().fold_binary(name, value)
            if len(_FOLDED) >= 4096:  # most of a sweep's repeated headers come back within a few mails
                _FOLDED.clear()
            _FOLDED[key] = folded
        return folded


_FOLDED: dict[tuple, bytes] = {}
HEADERS = _SharedHeaders()
HEADERS.map_to_type("subject", _SubjectHeader)
HEADERS.map_to_type("message-id", _MessageIdHeader)
POLICY = OutboxPolicy(linesep="\r\n", header_factory=HEADERS)


@dataclass(frozen=True)
class Attachment:
    data: bytes
    maintype: str
    subtype: str
    filename: str
    params: tuple[tuple[str, str], ...] = ()  # e.g. (("method", "PUBLISH"),) for a calendar file


def new_message() -> EmailMessage:
    """An empty mail for the outbox: every builder of outbox mails starts from this (headers on one line)."""
    return EmailMessage(policy=POLICY)


def build(*, sender: str, to: str, subject: str, message_id: str, date: str, text: str, html: str | None = None,
          attachments: tuple[Attachment, ...] = (), extra: dict[str, str] | None = None) -> EmailMessage:
    """Return the mail: text (and HTML as its alternative), then the attachments.

    The text is quoted-printable (readable in the raw mail), HTML and files base64. Every part is
    encoded that way, and neither encoding ever writes "=_", so the fixed boundaries below can occur
    in no part; the generator's random boundaries would have to search every part for themselves.
    The tree is assembled from its parts (MIMEPart: no MIME-Version of their own) under a message whose
    headers are added once each (a fresh message has none to replace), rather than made single-part first
    and converted (make_alternative/make_mixed move the headers into a new part and parse them again).
    An attachment's part is kept for the next mail that carries the same file (up to 2,048 of them): meant
    for small files that recur, such as a remiss's calendar file, not for documents sent once.
    """
    body = _text_part(text, "plain", "quoted-printable")
    if html is not None:
        body = _multipart("alternative", (body, _text_part(html, "html", "base64")))
    if attachments:
        body = _multipart("mixed", (body, *map(_attachment_part, attachments)))
    message = new_message()
    headers = {"Subject": subject, "From": sender, "To": to, "Message-ID": message_id, "Date": date, **(extra or {}),
               "MIME-Version": "1.0"}
    for name, value in headers.items():
        message.add_header(name, value)
    for name, value in body.items():  # the body's Content-Type and -Transfer-Encoding, already parsed
        message.add_header(name, value)
    message.set_payload(body.get_payload())
    return message


def _text_part(content: str, subtype: str, cte: str) -> MIMEPart:
    part = MIMEPart(policy=POLICY)
    part.set_content(content, subtype=subtype, cte=cte)
    return part


def _multipart(subtype: str, parts: tuple) -> MIMEPart:
    part = MIMEPart(policy=POLICY)
    part.add_header("Content-Type", f"multipart/{subtype}", boundary=f"=_remiss_{subtype}")
    part.set_payload(list(parts))
    return part


@lru_cache(maxsize=2048)
def _attachment_part(a: Attachment) -> MIMEPart:
    """A file's part as add_attachment() makes it, encoded once: the same calendar file goes with every mail
    about its remiss, and a part is only read once built (the generator writes it, never changes it).

    As many as the remisser whose parts mail.py keeps: a sweep's mails come round to the same remisser
    in turn, and a cache smaller than their number would miss every time."""
    part = MIMEPart(policy=POLICY)
    part.set_content(a.data, maintype=a.maintype, subtype=a.subtype, disposition="attachment", filename=a.filename,
                     params=dict(a.params))
    return part
