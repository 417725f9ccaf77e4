"""The words "Hämtat från" quotes under a field, with a forwarded mail's header label in Swedish: the parser quotes
the line as written ("Subject: Remiss av …" from an English mail client), and the interface is Swedish, so the
label reads as a Swedish client prints it ("Ämne: Remiss av …"; walk33 finding 3). Only the label changes; the
words after it are the mail's own."""
from __future__ import annotations

import re

from remiss.missiv.mail_labels import LABELS

SWEDISH = {"from": "Från", "sent": "Skickat", "to": "Till", "cc": "Kopia", "subject": "Ämne"}
# the labels a Swedish client (or a diarium export) prints itself, kept as written
_OWN = {"från", "avsändare", "skickat", "sänt", "datum", "inkommen", "inkom", "inkommet", "till", "mottagare",
        "kopia", "hemlig kopia", "blindkopia", "ämne", "rubrik", "ärendemening"}
_FOREIGN = {label: SWEDISH[role] for role in SWEDISH for label in LABELS[role] if label not in _OWN}
# a label at the start of a line of the quote, before its colon (a quoted mail's "> Subject:" too)
_LABEL = re.compile(r"^([ \t>]*)(" + "|".join(re.escape(label) for label in sorted(_FOREIGN, key=len, reverse=True))
                    + r")[ \t]*:", re.IGNORECASE | re.MULTILINE)


def in_swedish(words: str) -> str:
    """The quoted words with a foreign header label at a line's start in Swedish: "Subject: X" → "Ämne: X"."""
    return _LABEL.sub(lambda m: f"{m[1]}{_FOREIGN[m[2].casefold()]}:", words or "")
