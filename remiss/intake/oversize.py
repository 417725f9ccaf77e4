"""A mail larger than the limit per file (walk16 #26): the Inkorg keeps it, but not whole as a remisshandling.

The one limit for every way in is UPLOAD_MAX_BYTES (files.too_large names it). A fetched .eml over it is stored
without the attachments that make it so large, each replaced by a Swedish note in the mail; an attachment over
the limit is not taken over (the mail's own note says so on the Inkorg page). An Outlook .msg, or a mail still
too large without its attachments, is not stored as a file at all; the page says to open it in the mail program.
"""
from __future__ import annotations

import email.parser
import email.policy

from remiss import files

FETCH_AGAIN = "Spara den från e-postprogrammet och lägg till den för sig om den behövs."
# the words of every note about a file of the mail not kept as a remisshandling (here and in
# remiss.intake.service.receiving): the registered remiss's history repeats those notes (walk32 finding 7)
LEFT_OUT = ("för stor för att tas över som remisshandling", "togs inte över som remisshandling",
            "sparas inte som remisshandling")


def left_out(warnings: list[str]) -> list[str]:
    """The Inkorg notes that name a file of the mail that was too large to keep."""
    return [w for w in warnings if any(words in w for words in LEFT_OUT)]


def mail_to_store(raw: bytes, *, max_bytes: int, outlook: bool = False) -> tuple[bytes | None, list[str]]:
    """(the bytes to keep as the mail's remisshandling, or None; Swedish notes for the Inkorg page)."""
    if len(raw) <= max_bytes:
        return raw, []
    whole = files.too_large(len(raw), max_bytes, name="Meddelandet")
    if outlook:
        return None, [f"{whole} Det sparas inte som remisshandling: öppna det i e-postprogrammet. {FETCH_AGAIN}"]
    try:
        mail = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    except (ValueError, TypeError, IndexError):
        mail = None
    notes, taken = [], []
    for part in mail.walk() if mail is not None else ():
        if part.is_multipart() or not (part.get_filename() or part.get_content_disposition() == "attachment"):
            continue
        name = part.get_filename() or "bilaga"
        try:
            size = len(part.get_payload(decode=True) or b"")
        except (ValueError, TypeError, AssertionError):
            size = None
        part.set_content(f"[Bilagan {name} är borttagen här: meddelandet var större än gränsen på "
                         f"{files.limit_size(max_bytes)} per fil.]\n", charset="utf-8")
        taken.append(name)
        if size is not None and size > max_bytes:
            notes.append(f"{files.too_large(size, max_bytes, name=f'Bilagan {name}')} Den var för stor för att "
                         f"tas över som remisshandling. {FETCH_AGAIN}")
    try:
        kept = mail.as_bytes() if mail is not None and taken else None
    except (ValueError, TypeError, LookupError):
        kept = None
    if kept is None or len(kept) > max_bytes:
        return None, notes + [f"{whole} Det sparas inte som remisshandling: öppna det i e-postprogrammet."]
    return kept, [f"{whole} Det sparas som remisshandling utan sina bilagor ("
                  f"{', '.join(taken)})."] + notes
