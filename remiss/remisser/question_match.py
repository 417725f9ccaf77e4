"""Which question of a changed list of frågeställningar is which question of the old list (pure: no database).

The registrator may insert, reorder, remove or correct the questions after work has begun on them (a handläggare's
drafted answers, an instans's registered answers). Those answers follow their question by identity, never by
place: the same text (spaces and case aside); else, for a question that kept its id, a text that is still much the
same; else a nearly identical text (a typo fixed). A question rewritten beyond that is a new question, and what
was answered to the old one has no question any more (walk18 F10, F11)."""
from __future__ import annotations

from difflib import SequenceMatcher

SAME_ID_RATIO = 0.75  # a question that kept its id may have been edited a little more than a typo
TYPO_RATIO = 0.85  # a question matched by its text alone: a corrected typo or word ending


def normalised(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, normalised(a), normalised(b)).ratio()


def match(old: list[tuple[int | None, str]], new: list[tuple[int | None, str]]) -> list[int | None]:
    """For each new (id, text), the index in old of the same question, or None (a new question).

    Each old question is used once. Ids may be None (not known); an id found on both sides counts only with a text
    still much the same, as a database may give a removed question's id to a new one."""
    found: list[int | None] = [None] * len(new)
    free = set(range(len(old)))

    def take(new_index: int, old_index: int) -> None:
        found[new_index] = old_index
        free.discard(old_index)

    by_text: dict[str, list[int]] = {}
    for o, (_, text) in enumerate(old):
        by_text.setdefault(normalised(text), []).append(o)
    for n, (_, text) in enumerate(new):  # 1. the same text (a dict: read on every view of a draft)
        same = by_text.get(normalised(text))
        if same:
            take(n, same.pop(0))
    for n, (qid, text) in enumerate(new):  # 2. the same id, much the same text
        if found[n] is None and qid is not None:
            hit = next((o for o in sorted(free) if old[o][0] == qid), None)
            if hit is not None and (not old[hit][1] or similarity(old[hit][1], text) >= SAME_ID_RATIO):
                take(n, hit)
    for n, (_, text) in enumerate(new):  # 3. nearly the same text: the most similar one left
        if found[n] is None and free:
            best = max(sorted(free), key=lambda o: similarity(old[o][1], text))
            if similarity(old[best][1], text) >= TYPO_RATIO:
                take(n, best)
    return found
