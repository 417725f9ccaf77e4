"""Tell a page's date, weekday or byline line from a title: "fredag", "28 mars, 2024", "Publicerad 12 maj 2023",
"Sidan publicerad 2015-07-06 av Josefine Larsson", "av Ulrika Liljeberg (C)", "Sista dag att svara är den 3 oktober",
"Svar till kansliet senast 11/3-10".

Round 34: the title ranker offered such lines among the title choices on pages with little else (bench/results-missiv.md,
round 33's "Left"). They name no matter; title_candidates.plausible keeps them out of the choices. Pure code, and
linear: a word split and patterns anchored at the line's start.
"""
from __future__ import annotations

import re

_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_MONTHS = frozenset({"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
                     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
                     "nov", "dec"})
# the words a date is written with besides its day, month and year: "den 4 mars", "kl. 12.00", "t.o.m."
_DATE_WORDS = frozenset({"den", "kl", "klockan", "och", "till", "från", "t", "o", "m", "tom", "fr", "vecka", "v"})
# a page's byline or its dates: "Publicerad 12 maj …", "Sidan senast uppdaterad: …", "Sidansvarig: …", "Foto: …"
# (not "Ändrad detaljplan för …": the participle before a date, "den", "av" or a colon only)
_BYLINE = re.compile(r"(?:sidan[ \t]+)?(?:senast[ \t]+)?(?:publicerad|publicerat|uppdaterad|uppdaterat|ändrad|granskad|"
                     r"skapad)(?=[ \t]{0,3}(?:[:\d]|(?:den|av|senast)\b|(?:mån|tis|ons|tors|fre|lör|sön)dag|\Z))|(?:sidansvarig|skribent|författare|foto|text|datum)[ \t]{0,3}:", re.IGNORECASE)
# an author after "av": "av Ulrika Liljeberg (C)", a site's doubled "Av av Oskarshamns-Nytt"
_AUTHOR = re.compile(r"(?:[Aa]v[ \t]+)?av[ \t]+[A-ZÅÄÖ]")
# the answer's last day, said as a sentence; regeringen.se's "Beslut vid regeringssammanträde den 4 mars 2021"
_DEADLINE = re.compile(r"(?:sista[ \t]+(?:dag|datum|svarsdag)|senast[ \t]+den|beslut[ \t]+vid[ \t]+regeringssammanträde)\b",
                       re.IGNORECASE)
# an answer instruction with its last day: "Svar till kansliet senast 11/3-10", "Yttrandet ska vara inkommet senast …"
_ANSWER = re.compile(r"(?:remiss)?(?:svar|svaret|svaren|yttrande|yttrandet|synpunkter(?:na)?)\b", re.IGNORECASE)


def _deadline_follows(words: list[str]) -> bool:
    """Tell whether "senast" is followed by a date: "senast 11/3-10", "senast den 4 maj", "senast fredag"."""
    return any(w == "senast" and (nxt[0].isdigit() or nxt in _MONTHS or nxt == "den" or nxt.startswith(_WEEKDAYS))
               for w, nxt in zip(words, words[1:]))


def dated_or_byline(value: str) -> bool:
    """Tell whether a line is only a date or weekday, or a page's byline or date line, not a title."""
    value = value.strip(" \t#*")
    if _BYLINE.match(value) or _AUTHOR.match(value) or _DEADLINE.match(value):
        return True
    if _ANSWER.match(value) and _deadline_follows(re.findall(r"\w+", value.casefold())):
        return True
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", value)]
    dated = any(c.isdigit() for c in value) or any(w.startswith(_WEEKDAYS) or w in _MONTHS for w in words)
    return dated and all(w in _MONTHS or w in _DATE_WORDS or w.startswith(_WEEKDAYS) and len(w) <= 9 for w in words)
