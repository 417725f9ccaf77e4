"""Tell a body the text names only in passing: as a place, or as the label of a pasted link.

A count of names is a weak cue for the sender. "Berörda nämnder och styrelser i Västra Götalandsregionen lämnar
remissvar" names the region as where the consultees are, and "Fiskeregler … ska uppdateras | Länsstyrelsen Kalmar
(lansstyrelsen.se)" names the site a relayed link leads to; neither says who sent the remiss. A body named that way
and no other is better left out of the remittent, with a warning, than guessed.
"""
from __future__ import annotations

import re

from remiss.missiv.bodies import BodyMention
from remiss.missiv.signature import QUOTED_HEADER

# "i Västra Götalandsregionen", "inom Region Skåne": the body as a place (its genitive, "i Region Skånes kulturnämnd",
# names a part of the body and is not read as a place)
_PLACE_BEFORE = re.compile(r"(?<![\wåäö])(?:i|inom)[ \t]+\Z", re.IGNORECASE)
# "… du kan tycka till | Länsstyrelsen Kalmar (lansstyrelsen.se)": a browser's link label, "page | site (domain)"
_LINK_BEFORE = re.compile(r"\|[ \t]*\Z")
_LINK_AFTER = re.compile(r"(?<![ \t])[ \t]*+\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\)")


def named_in_passing(text: str, mentions: list[BodyMention]) -> bool:
    """Tell whether every one of a body's mentions names it as a place or as a pasted link's site."""
    return bool(mentions) and all(_as_place(text, m) or _as_link(text, m) for m in mentions)


def _as_place(text: str, mention: BodyMention) -> bool:
    written = text[mention.start:mention.end]
    genitive = written.endswith("s") and not mention.body.name.endswith("s") and \
        re.match(r"[ \t]+[a-zåäö]", text[mention.end:mention.end + 2]) is not None
    return not genitive and _PLACE_BEFORE.search(text, max(0, mention.start - 8), mention.start) is not None


def _as_link(text: str, mention: BodyMention) -> bool:
    return _LINK_BEFORE.search(text, max(0, mention.start - 4), mention.start) is not None or \
        _LINK_AFTER.match(text, mention.end) is not None


# "Med vänlig hälsning" and its kin, on a line of their own
_CLOSING = re.compile(r"^[ \t]*(?:(?:med[ \t]+)?(?:vänlig(?:a|en)?|bästa)[ \t]+hälsning(?:ar)?|hälsningar|mvh)\b[ \t,.!]*$",
                      re.IGNORECASE | re.MULTILINE)


def signature_body(text: str, mentions: list[BodyMention]) -> BodyMention | None:
    """Return the one body that makes a line of the letter's last signature block, alone or after the signer's
    title ("Anna Berg\\nMiljöstrateg\\nRegion Kronoberg", "Karin Ek, planarkitekt, Tidaholms kommun"), or None.

    The block must end the letter: a mail quoted below it makes it a forwarder's or a replier's signature."""
    closings = list(_CLOSING.finditer(text))
    if not closings:
        return None
    start = closings[-1].end()
    if any(QUOTED_HEADER.match(line.strip()) for line in text[start:].splitlines()):
        return None  # "Hälsningar / Kim Lindqvist / Växjö kommun" above a quoted mail: the forwarder's signature
    lines = [m for m in re.finditer(r"[^\n]+", text[start:]) if m.group().strip()][:6]
    if not lines:
        return None
    end = start + lines[-1].end()
    found = {m.body: m for m in mentions if start <= m.start < end and _ends_line(text, m)}
    return next(iter(found.values())) if len(found) == 1 else None


def _ends_line(text: str, mention: BodyMention) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    before = text[line_start:mention.start].strip()
    after = text[mention.end:line_end if line_end >= 0 else len(text)].strip(" \t.")
    return not after and (not before or before.endswith(","))
