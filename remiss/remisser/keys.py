"""Lookup keys: a diarienummer or a title as it is compared, whatever way it was typed.

A diarienummer is its runs of letters and digits: case, spaces, punctuation, diacritics (å, ä, ö → a, a, o) and
leading zeros do not count, so "SOFÖ 2026/0006", "sofo 2026/6" and "SOFÖ-2026-06" have one key, "sofo-2026-6".
Its tail is the key from the first number on ("2026-6"): what is typed without the series prefix. Pure code.
"""
from __future__ import annotations

import re
import unicodedata

from remiss.missiv.title import drop_remiss_lead

# Runs of letters, runs of digits: "Fi2024/01234" is fi, 2024, 01234.
_PARTS = re.compile(r"[^\W\d_]+|\d+")
KEY_LENGTH = 100  # the columns' length; a longer text is cut (a diarienummer is never that long)
TITLE_KEY_LENGTH = 500


def fold(text: str) -> str:
    """Lower case without diacritics: "Öster" → "oster", "Miljö- och hälsoskydd" → "miljo- och halsoskydd"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _parts(text: str) -> list[str]:
    return [str(int(part)) if part.isdigit() else part for part in _PARTS.findall(fold(text))]


def dnr_key(text: str | None) -> str | None:
    """The key of a diarienummer; None when it has no letter or digit."""
    parts = _parts(text or "")
    return "-".join(parts)[:KEY_LENGTH] if parts else None


def dnr_tail(text: str | None) -> str | None:
    """The key from its first number on ("KS-IOF-2010-00015" → "2010-15"), after the words with letters that
    lead it ("N2 2017/00001" → "2017-1", "Fi2024/01234" → "2024-1234"); None without a number."""
    words = (text or "").split()
    while len(words) > 1 and any(c.isalpha() for c in words[0]):  # a series prefix, digits and all
        words = words[1:]
    parts = _parts(" ".join(words))
    first = next((i for i, part in enumerate(parts) if part.isdigit()), None)
    return None if first is None else "-".join(parts[first:])[:KEY_LENGTH]


def typed_dnr(text: str) -> tuple[str, str] | None:
    """What a typed search means as a diarienummer: ("key", value) when it starts with letters (a whole
    diarienummer), ("tail", value) when it starts with a number and has at least two ("2026/6"); None when it
    cannot be one (no number, a single number, or longer than any diarienummer)."""
    parts = _parts(text)
    if not parts or len(text.strip()) > KEY_LENGTH or not any(part.isdigit() for part in parts):
        return None
    if not parts[0].isdigit():
        return "key", "-".join(parts)
    if len(parts) < 2:
        return None
    return "tail", "-".join(parts)


def title_key(text: str | None) -> str | None:
    """A title's words, folded, without the "Remiss av" lead the missiv parser drops (missiv.title): two titles
    with the same key differ only in case, punctuation, spacing, diacritics or that lead ("Förslag till ny
    IoF-plan", "FÖRSLAG TILL NY IOF PLAN" and "Remiss av förslag till ny IoF-plan")."""
    words = re.findall(r"[^\W_]+", fold(drop_remiss_lead(" ".join((text or "").split()))))
    return " ".join(words)[:TITLE_KEY_LENGTH] or None
