"""An Outlook .msg saved from the registrator's mailbox, read into the Inkorg (`remiss inbox-import`) as the form
reads it: in the sandbox worker, its own subject, sender, date and Message-ID kept as the mail's headers, its
attachments as files and the .msg itself as the mail (walk12 finding 4)."""
from __future__ import annotations

import dataclasses
import email.message
from pathlib import Path

from remiss import files
from remiss.intake.reading import BATCH_FACTOR, ReadLimits, Reading, read_missiv

CONTENT_TYPE = "application/vnd.ms-outlook"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file an Outlook .msg is


def is_outlook(filename: str, raw: bytes) -> bool:
    return Path(filename or "").suffix.lower() == ".msg" or raw.startswith(OLE_MAGIC)


def read(raw: bytes, filename: str, limits: ReadLimits, organisations: tuple[str, ...] = ()) -> Reading:
    """Read the .msg in the worker; raise FileRejected (Swedish) when it is no readable Outlook message."""
    name = files.safe_name(Path(filename or "meddelande").stem + ".msg")
    reading = read_missiv("", [(name, raw)], organisations=organisations,
                          limits=dataclasses.replace(limits, max_bytes=BATCH_FACTOR * limits.max_bytes))
    if not reading.header:
        raise files.FileRejected(f"{name} kunde inte läsas som ett Outlook-meddelande. Spara det som .eml i "
                                 "Outlook, eller dra det till Registrera remiss.")
    return reading


def headers(reading: Reading) -> email.message.Message:
    """The .msg's own headers, as the Inkorg reads an e-mail's."""
    found = email.message.Message()
    for key, value in reading.header.items():
        found[key] = value
    return found
