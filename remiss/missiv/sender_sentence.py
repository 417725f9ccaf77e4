"""The body a sentence names as the one sending the remiss: the subject of a verb that sends, invites or asks.

"Naturvårdsverket har tagit fram ett förslag … och skickar nu ut det på remiss", "Region Skåne bjuder in till samråd
om …", "Boverket önskar synpunkter på …", "Kommunstyrelsen i Nacka kommun beslutade … att skicka förslaget på remiss":
Swedish letters and pages say who sends in these words whatever their layout. A text that names two bodies equally
often, or another body more often than the sender, is decided by such a sentence; where two bodies send in the
text's words (a joint remiss, a page relaying another's), it decides nothing.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from remiss.missiv.bodies import Body, BodyMention

# The verb and what it sends.
_VERB = (
    r"(?:remitter(?:ar|at)\b|"
    # "skickar nu ut förslaget på remiss", "sänder härmed rubricerad promemoria på remiss", "skickar … för samråd"
    r"(?:skickar|skickat|sänder|sänt)[ \t]+(?:[\wåäö:-]{1,40}[ \t]+){0,8}?(?:ut[ \t]+)?(?:på|till|för)[ \t]+"
    r"(?:remiss|samråd|granskning)|"
    # "bjuder in till samråd", "bjuder härmed in till ett remissmöte"
    r"(?:bjuder|bjudit)[ \t]+(?:härmed[ \t]+|nu[ \t]+)?in[ \t]+(?:till|på)[ \t]+(?:[\wåäö-]{1,40}[ \t]+){0,3}?"
    r"(?:remiss|samråd|synpunkter)|"
    # "önskar synpunkter på", "vill ha era synpunkter", "efterfrågar yttranden", "ber om era synpunkter"
    r"(?:önskar|efterfrågar|vill[ \t]+(?:gärna[ \t]+)?ha(?:[ \t]+in)?|ber[ \t]+om|inhämtar)[ \t]+"
    r"(?:[\wåäö-]{1,40}[ \t]+){0,2}?(?:synpunkter|yttranden?|remissvar)\b|"
    # "har tagit fram ett förslag … som nu skickas på remiss" (in the same sentence: an author alone is no sender)
    r"(?:tagit|tar)[ \t]+fram[^.!?\n]{0,150}?(?:remiss|samråd|synpunkter)|upprättat[^.!?\n]{0,150}?(?:remiss|samråd|"
    r"synpunkter)|"
    # "beslutade den 6 april 2021 att skicka … på samråd", "har beslutat att remittera …"
    r"beslut(?:ade|at)[^.!?\n]{0,80}?\batt[ \t]+(?:skicka|sända|remittera|ställa[ \t]+ut))")
# Right after the body's name: at most three small words ("har", "nu", "härmed"), then the verb. (It starts after the
# name's last letter, never inside a run of blanks: linear on hostile text.)
# "Havs- och vattenmyndigheten (HaV) vill ha era synpunkter": the body's short name in brackets may stand between.
_SENDS = re.compile(r"(?<![ \t])(?:[ \t]+\([A-ZÅÄÖ][\wåäöÅÄÖ-]{0,14}\))?[ \t]+"
                    r"(?:(?:har|nu|härmed|därför|också|i[ \t]+dag|idag)[ \t]+){0,3}" + _VERB, re.IGNORECASE)
# Later in the body's sentence, after "och": "har fått i uppdrag att ta fram föreskrifter och remitterar nu förslaget"
_AND_SENDS = re.compile(r"[ \t]och[ \t]+(?:(?:nu|härmed|därför)[ \t]+)?" + _VERB, re.IGNORECASE)
_AND_WITHIN = 150


def sending_body(text: str, mentions: list[BodyMention]) -> BodyMention | None:
    """Return the one body the text names as the subject of a sending verb, or None (none, or more than one)."""
    ands = [m.start() for m in _AND_SENDS.finditer(text)]
    found = [m for m in mentions if _SENDS.match(text, m.end) or _and_sends(text, m.end, ands)]
    bodies: set[Body] = {m.body for m in found}
    return found[0] if len(bodies) == 1 else None


def _and_sends(text: str, end: int, ands: list[int]) -> bool:
    """Tell whether the first "och" + sending verb after a name stands in the name's sentence, close after it."""
    index = bisect_left(ands, end)
    if index == len(ands):
        return False
    at = ands[index]
    return at - end <= _AND_WITHIN and not re.search(r"[.!?\n]", text[end:at])
