"""Soft hyphens in long Swedish words, so that a narrow column (a day of the month calendar, the Utkorg) breaks
"familje-omsorgen" where Swedish does instead of "familjeomsorge-n" where the space ran out.

Browsers hyphenate `hyphens: auto` text only with a dictionary of their own, which Chromium on Linux often lacks;
a soft hyphen (U+00AD) is honoured by every browser, is invisible unless the line breaks there, and is ignored by
find-in-page and screen readers. The points come from LibreOffice's Swedish patterns (pyphen). E-post addresses,
web addresses and diarienummer are left whole: a hyphen inside them would read as part of them.
"""
from __future__ import annotations

import functools
import re

import pyphen

SOFT_HYPHEN = "\u00ad"
MIN_LENGTH = 12  # shorter words fit any column the pages have at 1366 px ("Riktlinjer", "Påminnelsen")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]{%d,}" % MIN_LENGTH)
_LEAVE_WHOLE = re.compile(r"[@/:\d]")  # addresses, links, diarienummer and times


@functools.cache
def _swedish() -> pyphen.Pyphen:
    # at least three letters on each side: "di-a-ri-e-num-mer" becomes "dia-rie-num-mer"
    return pyphen.Pyphen(lang="sv_SE", left=3, right=3)


def soft_hyphens(text: str) -> str:
    """Return text with a soft hyphen at each hyphenation point of its long words."""
    if not text:
        return text
    return _TOKEN.sub(lambda token: token.group() if _LEAVE_WHOLE.search(token.group()) else
                      _WORD.sub(lambda word: _swedish().inserted(word.group(), hyphen=SOFT_HYPHEN), token.group()),
                      str(text))
