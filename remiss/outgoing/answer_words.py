"""What an instans's short answer says in substance: "inga synpunkter" (walk26 W9). Pure: no Flask, no database.

An answer mailed as "Lunds kommun har inga synpunkter på förslaget …" is proposed as *Inga synpunkter* when the
Inkorg registers it; the registrator confirms (the box is ticked, not saved). Conservative on purpose: an
answer is read so only when it is short, every sentence is either the "inga synpunkter" sentence or a courtesy
("Tack för möjligheten att yttra oss."), and nothing limits it ("inga synpunkter på avsnitt 3", "men", "utöver").
"Avstår från att lämna synpunkter" is not "inga synpunkter": the instans declines to answer (avstår), which the
manual form keeps apart; such an answer, as short and unlimited, is proposed as *Avstår* (says_declines, walk26b X15).
"""
from __future__ import annotations

import re

# A short answer: the mail's own words (greeting, signature and quoted mail removed) within this many characters.
SHORT = 400

_NONE = re.compile(
    r"\b(?:har|lämnar|finns|hade)\s+(?:\w+\s+)?(?:inga|inte\s+några|ej\s+några|inte\s+någon|ingen)\s+"
    r"(?:synpunkter|synpunkt|invändningar|invändning|erinringar|erinran|kommentarer)\b"
    r"|\b(?:har|finns)\s+(?:\w+\s+)?(?:inget|ingenting|inte\s+något)\s+att\s+(?:erinra|invända)\b"
    r"|^inga\s+(?:synpunkter|invändningar|erinringar|kommentarer)\b", re.IGNORECASE)
# What limits "inga synpunkter" to a part, or says more than it: the answer is then not "inga synpunkter".
_LIMITED = re.compile(
    r"\b(?:avsnitt\w*|kapit\w*|kap|del|delen|delar|punkt\w*|fråg\w*|sid\w*|bilag\w*|förutom|utöver|utom|"
    r"undantag\w*|men|dock|däremot|följande|nedan|nedanstående|enbart|endast|bara|utom|annat|övrigt)\b|§",
    re.IGNORECASE)
_DECLINES = re.compile(r"\bavstå", re.IGNORECASE)
# A sentence beside it that says nothing of the proposal: thanks, who decided, a reference.
_COURTESY = re.compile(r"^(?:tack\b|vi\s+tackar\b|beslut\w*\s+(?:i\s+ärendet\s+)?(?:har\s+)?(?:fattats|fattat|tagits|"
                       r"togs|är\s+fattat)|ärendet\s+har\s+handlagts\b|er\s+beteckning\b|ert\s+diarienummer\b)",
                       re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def says_no_comments(text: str) -> bool:
    """Whether an answer's own words (outgoing.reading.answer_text) say, and only say, that the instans has no
    synpunkter on the remiss: "Lunds kommun har inga synpunkter på förslaget till trafikstrategi." – yes;
    "Vi har inga synpunkter på avsnitt 3 men …", a long answer, or "avstår från att lämna synpunkter" – no."""
    words = " ".join((text or "").split())
    if not words or len(words) > SHORT or _DECLINES.search(words):
        return False
    found = False
    for sentence in _SENTENCE.split(words):
        match = _NONE.search(sentence)
        if match and not _LIMITED.search(sentence[match.end():]) and not _LIMITED.search(sentence[:match.start()]):
            found = True
        elif not _COURTESY.match(sentence):
            return False
    return found


# "avstår från att lämna synpunkter", "avstår från att yttra sig", "avstår från yttrande", "avstod från att svara"
_DECLINE = re.compile(
    r"\bavst(?:år|od|å|ått)\s+(?:\w+\s+)?från\s+(?:att\s+(?:lämna|ge|avge|yttra|svara|besvara|inkomma|komma\s+in)"
    r"(?:\s+(?:med|sig|oss|några|något|eget|ett|er|remissen))*(?:\s+(?:synpunkter|yttrande|remissvar|svar))?"
    r"|(?:att\s+)?(?:yttrande|yttra\s+sig|synpunkter|remissvar|svar)|remissen)\b", re.IGNORECASE)


def says_declines(text: str) -> bool:
    """Whether an answer's own words say, and only say, that the instans avstår från att svara: "Lunds kommun avstår
    från att lämna synpunkter." – yes (with a courtesy beside it: "Tack för anståndet."); "Vi avstår från att yttra
    oss om avsnitt 3 men …", "Vi har inga synpunkter", or a long answer – no (walk26b X15)."""
    words = " ".join((text or "").split())
    if not words or len(words) > SHORT:
        return False
    found = False
    for sentence in _SENTENCE.split(words):
        match = _DECLINE.search(sentence)
        if match and not _LIMITED.search(sentence[match.end():]) and not _LIMITED.search(sentence[:match.start()]):
            found = True
        elif not _COURTESY.match(sentence):
            return False
    return found
