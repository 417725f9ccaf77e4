"""Which kept file of a remiss is the one in force: a document made anew (the missiv of an outgoing remiss, made
again after a change) replaces the one before it, which stays among the handlingar for the record (diariet)."""
from __future__ import annotations

from datetime import datetime

from remiss.calendar.swedish import format_date_time

# Purposes of which only the newest file is in force: each new one replaces the one before.
REPLACED_BY_NEWER = ("missiv",)


def replaced_at(attachments) -> dict[int, datetime]:
    """{attachment id: when a newer file of the same purpose replaced it} for the files no longer in force.
    attachments: rows or objects with id, purpose and uploaded_at; the newest is the one with the highest id
    (two made in one minute are still told apart)."""
    by_purpose: dict[str, list] = {}
    for attachment in attachments:
        if attachment.purpose in REPLACED_BY_NEWER:
            by_purpose.setdefault(attachment.purpose, []).append(attachment)
    replaced = {}
    for files in by_purpose.values():
        files.sort(key=lambda a: a.id)
        for older, newer in zip(files, files[1:]):
            replaced[older.id] = newer.uploaded_at
    return replaced


def notes(attachments) -> dict[int, str]:
    """What the list of handlingar says beside a file made anew: "gällande" on the one in force, "ersatt <when>" on
    each older one. Files of a purpose made only once get no note."""
    attachments = list(attachments)
    replaced = replaced_at(attachments)
    kept: dict[int, str] = {}
    for attachment in attachments:
        if attachment.id in replaced:
            kept[attachment.id] = f"ersatt {format_date_time(replaced[attachment.id])}"
        elif attachment.purpose in REPLACED_BY_NEWER and any(
                other.purpose == attachment.purpose and other.id in replaced for other in attachments):
            kept[attachment.id] = "gällande"
    return kept
