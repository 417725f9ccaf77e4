"""Where a letter's own words end: its signature, or the header of a mail quoted below it.

Lists read line by line (frågeställningar, sändlista) stop here, so that "Med vänlig hälsning", the signer's name,
title, telephone and e-mail, or a forwarded mail's "Från: … Skickat: …" never become list entries.
"""
from __future__ import annotations

import re

from remiss.missiv.mail_labels import LABELS, SEPARATORS

# "Med vänlig hälsning", "Vänliga hälsningar", "Bästa hälsningar", "Mvh", "Hälsningar", "Best regards".
CLOSING = re.compile(r"^(?:(?:med\s+)?(?:vänlig(?:a|en)?|bästa|varm(?:a|aste)?|hjärtlig(?:a)?)\s+hälsning(?:ar)?|"
                     r"hälsningar|mvh|vh|best regards|kind regards|regards)\b[\s,.!]*$", re.IGNORECASE)
# A quoted mail's header or its separator line, in every language remiss.missiv.mail_labels knows (round 25). Only the
# labels no letter line starts with: "Till:", "Datum:", "Rubrik:" and "Ärendemening:" open a letter's own lines too.
_STRONG = sorted({*LABELS["from"], *LABELS["cc"], *LABELS["subject"], "skickat", "sänt", "sent", "gesendet", "sendt",
                  "lähetetty", "verzonden"} - {"rubrik", "ärendemening"}, key=len, reverse=True)
QUOTED_HEADER = re.compile(rf"^(?:>\s*)?(?:{'|'.join(map(re.escape, _STRONG))})\s*:\s*\S|"
                           rf"^(?:-{{2,}}|_{{10,}})\s*(?:{'|'.join(map(re.escape, SEPARATORS))})|"
                           r"^(?:begin forwarded message|vidarebefordrat brev)\s*:|"
                           r"^(?:den|on|am|le|op|el)\s.{4,80}\s(?:skrev|wrote|schrieb|kirjoitti|schreef)\s*:?\s*$|"
                           # "Am 03.03.2026 um 10:12 schrieb Lena Åberg:": the verb before the name, a clock time
                           r"^(?:den|am|på|op)\s.{0,60}\d[:.]\d\d.{0,30}\s(?:skrev|schrieb|schreef)\s.{2,100}:\s*$",
                           re.IGNORECASE)
# "Tel. 08-123 45 67", "Telefon: 010-…", "E-post: anna@…": a signature's labelled contact line.
CONTACT = re.compile(r"^(?:tel(?:efon)?|tfn|mobil(?:telefon)?|mob|direkt(?:nummer)?|växel|vxl|e-?post|e-?mail|"
                     r"mejl|mail)\b\.?\s*:?\s*[+\d(\w]", re.IGNORECASE)
# A line that is only a number or only an address: a signature's under a name, a list entry's own address elsewhere
# (a sändlista may give each instans's address on the line below it).
BARE_CONTACT = re.compile(r"^\+?\d[\d\s()./-]{6,}$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# A title line under a signer's name ("Utredare", "Kanslichef", "Departementssekreterare").
ROLE = re.compile(r"^(?:[\wåäö-]+\s+){0,3}?[\wåäö-]*(?:utredare|handläggare|sekreterare|chef|registrator|"
                  r"sakkunnig|departementsråd|ämnesråd|kansliråd|samordnare|strateg|planerare|jurist|direktör|"
                  r"kommunikatör|analytiker|controller|inspektör|ekolog|arkitekt|expert|rådgivare|koordinator|"
                  r"specialist|assistent|föredragande|projektledare|biträdande)$", re.IGNORECASE)
_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäö]+)?"
_NAME = re.compile(rf"^{_WORD}(?:\s+{_WORD}){{1,2}}$")  # "Anna Berg", "Per-Olof Lind Ek"
# words that make a capitalised line a public body's name, not a person's
_BODY_WORD = re.compile(r"(?:kommun|nämnd|styrelse|verk|region|län|myndighet|förbund|råd|bolag|kontor|"
                        r"förvaltning|inspektion|domstol|rätt|universitet|högskola|stiftelse|institut|fullmäktige|"
                        r"departement|kansli|ombudsman|enhet|avdelning)", re.IGNORECASE)


def is_closing(line: str) -> bool:
    return bool(CLOSING.match(line.strip()))


def is_role(line: str) -> bool:
    return bool(ROLE.match(line.strip()))


def ends_letter(lines: list[str], index: int) -> bool:
    """Tell whether lines[index] starts a signature or a quoted mail: a closing, a quoted header, a contact line,
    or a person's name followed by a title or contact line."""
    line = lines[index].strip()
    if not line:
        return False
    if CLOSING.match(line) or QUOTED_HEADER.match(line) or CONTACT.match(line):
        return True
    if _NAME.match(line) and not _BODY_WORD.search(line):
        following = [ln.strip() for ln in lines[index + 1:index + 4] if ln.strip()][:2]
        return any(ROLE.match(ln) or CONTACT.match(ln) or BARE_CONTACT.match(ln) for ln in following)
    return False
