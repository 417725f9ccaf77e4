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


_VOWELS = frozenset("aeiouyåäöéèëêáàâüúíóæø")

# Compounds this application writes most, with their seam. The patterns hyphenate by syllable across the seam
# ("remis-sin-stan-serna"), which a Swedish reader stumbles on; these break at the seam and hyphenate each part on
# its own ("remiss-in-stan-serna"). Only whole first and second parts are listed: a bare prefix would also cut
# "kommun-ikation" and "remiss-ammanställning" (remiss + sammanställning).
_SEAMS = tuple(tuple(seam.split("|")) for seam in (
    "remiss|instans", "remiss|yttrande", "remiss|svar", "remiss|tid", "remiss|handling", "remiss|lista",
    "nämnd|sekreterare", "nämnd|sammanträde", "yttrande|förslag", "tjänste|skrivelse"))


@functools.cache
def _swedish() -> pyphen.Pyphen:
    # at least three letters on each side: "di-a-ri-e-num-mer" becomes "dia-rie-num-mer"
    return pyphen.Pyphen(lang="sv_SE", left=3, right=3)


def _points(word: str) -> list[int]:
    """pyphen's points, less those that leave a part without a vowel. The patterns cut the linking s of a
    compound off on its own ("till-syn-s-or-ga-ni-sa-tion"); every Swedish syllable has a vowel, so the s stays
    with the first part of the compound: "till-syns-or-ga-ni-sa-tion"."""
    points = list(_swedish().positions(word))
    kept: list[int] = []
    for i, point in enumerate(points):
        end = points[i + 1] if i + 1 < len(points) else len(word)
        if not _VOWELS.intersection(word[point:end].lower()):
            continue  # the part after this point joins the part before it
        if not _VOWELS.intersection(word[kept[-1] if kept else 0:point].lower()):
            continue  # the part before has no vowel (only at a word's start): it joins the part after
        kept.append(point)
    return kept


def _compound_points(word: str) -> list[int]:
    """The points of a listed compound: its seam, and each part's own points."""
    lower = word.lower()
    for first, second in _SEAMS:
        if lower.startswith(first + second):
            rest = word[len(first):]
            return [*_points(first), len(first), *(len(first) + point for point in _points(rest))]
    return _points(word)


def _hyphenated(word: str) -> str:
    cuts = [0, *_compound_points(word), len(word)]
    return SOFT_HYPHEN.join(word[a:b] for a, b in zip(cuts, cuts[1:]))


def soft_hyphens(text: str) -> str:
    """Return text with a soft hyphen at each hyphenation point of its long words."""
    if not text:
        return text
    return _TOKEN.sub(lambda token: token.group() if _LEAVE_WHOLE.search(token.group()) else
                      _WORD.sub(lambda word: _hyphenated(word.group()), token.group()),
                      str(text))
