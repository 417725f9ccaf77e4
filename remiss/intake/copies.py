"""The same mail come twice into the Inkorg: forwarded by two people, or once more by the same, each forward with a
Message-ID of its own (walk33 finding 1). What the forwards carry is one message: the key of that innermost message
(copy_key) is stored on each Inkorg message, and the later one with the key of an earlier one is a copy of it. The
key is the innermost message's own Message-ID when the forward keeps it (a mail forwarded as an attachment, or a mail
that came straight to the mailbox), else a digest of its sender, subject, day, text and attached files, as the text
of a forward quotes them below the forwarder's note."""
from __future__ import annotations

import email.parser
import email.policy
import hashlib
import re

from remiss.missiv.email import innermost, unquote

ATTACHED = "\n--- Bilaga: "  # where the mail's own text ends in the read text (remiss.intake.formats._mail)
MAX_DEPTH = 5  # forwards within forwards read no deeper
MIN_BODY = 20  # characters of the innermost text below which two quotes say too little to be one message


# a forward's subject ("VB: …", "Fwd: …", "WG: …"); a reply ("SV: …") quotes a message to say something new about it
_FORWARD = re.compile(r"^\s*(?:vb|fwd?|wg|tr|vs|vl|doorst)\s*:", re.IGNORECASE)


def copy_key(raw: bytes, *, message_id: str, subject: str, read_text: str, outlook: bool = False) -> str | None:
    """The key of the innermost message a fetched mail carries; None when nothing identifies it well enough. The
    message a mail carries counts only under a forward's subject: a reply, a reminder or an extension notice that
    quotes the remiss, or attaches its mail, is a message of its own, known by its own Message-ID."""
    own = f"mid:{message_id}"[:100] if message_id and not message_id.startswith("sha256:") else None
    if not _FORWARD.match(subject or ""):
        return own
    files: list[str] = []
    if raw and not outlook:
        try:
            whole = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
        except Exception:  # noqa: BLE001 - a mail the parser cannot read is kept, with no key of what it carries
            whole = None
        attached = _innermost_attached(whole) if whole is not None else None
        if attached is not None:
            return _key_of_attached(attached)
        files = _file_digests(whole) if whole is not None else []
    return _key_of_quoted(read_text, files) or own


def _innermost_attached(message, depth: int = 0):
    """The deepest message/rfc822 part (a mail forwarded as an attachment, perhaps within another), or None."""
    if depth >= MAX_DEPTH:
        return None
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if inner is None:
                return None
            return _innermost_attached(inner, depth + 1) or inner
    return None


def _key_of_attached(message) -> str | None:
    own = re.sub(r"\s+", "", str(message.get("Message-ID") or ""))
    if own:
        return f"mid:{own}"[:100]
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    return _digest("att", str(message.get("From") or ""), str(message.get("Subject") or ""),
                   str(message.get("Date") or ""), text, _file_digests(message))


def _key_of_quoted(read_text: str, files: list[str]) -> str | None:
    """The digest of the innermost message quoted in the mail's own text, below its header block."""
    own = (read_text or "").split(ATTACHED, 1)[0]
    try:
        envelope = innermost(own)
    except Exception:  # noqa: BLE001 - a text the reader cannot split is simply not a forward
        return None
    if envelope is None or not (envelope.sender_email or envelope.sender_name) or not envelope.subject:
        return None
    body = _plain(unquote(own)[envelope.body_start:])
    if len(body) < MIN_BODY:
        return None
    sender = (envelope.sender_email or envelope.sender_name or "").casefold()
    return _digest("fwd", sender, envelope.subject, envelope.sent.isoformat() if envelope.sent else "", body, files)


def _file_digests(message) -> list[str]:
    """The sha256 of each attached file (not a forwarded mail itself), sorted: a forward keeps them byte for byte."""
    found = []
    try:
        for part in message.walk():
            if part.get_content_type() == "message/rfc822" or part.is_multipart() or not part.get_filename():
                continue
            found.append(hashlib.sha256(part.get_payload(decode=True) or b"").hexdigest())
    except Exception:  # noqa: BLE001 - a part that cannot be decoded adds nothing
        return sorted(found)
    return sorted(found)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _digest(kind: str, sender: str, subject: str, sent: str, body: str, files: list[str]) -> str:
    words = "\x1f".join([_plain(sender), _plain(subject), sent.strip(), _plain(body), *files])
    return f"{kind}:{hashlib.sha256(words.encode('utf-8')).hexdigest()}"
