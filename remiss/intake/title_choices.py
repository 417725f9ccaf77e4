"""The other titles a missiv offers (form value title_alternatives, one a line), each with the words it was read
from, as templates/intake/_title_choices.html shows them on the registration form and on an Inkorg message.

walk26b X4/X20: after a click on an alternative the hint under Ärendemening still said where the first title was
read; it now follows the choice (or is left out when the alternative is not written as such in the letter), and the
Inkorg's own Registrera form offers the same choices.
"""
from __future__ import annotations

import re
from typing import Callable, NamedTuple

from remiss.intake.prefill import snippet


class TitleChoice(NamedTuple):
    title: str
    source: str  # the words of the letter it was read from, "" when the letter does not write it as such
    url: str  # the link that chooses it without JavaScript


def alternatives(values: dict) -> list[str]:
    return [line for line in (values.get("title_alternatives") or "").splitlines() if line.strip()]


def source_of(title: str, text: str) -> str:
    """The words the title was read from: the title as the letter writes it (spaces and case aside) with what
    leads it on its line ("Ärende: Samråd om …"), or ""."""
    words = title.split()
    found = re.search(r"\s+".join(map(re.escape, words)), text, re.IGNORECASE) if words else None
    return snippet(text, found.start(), found.end()) if found else ""


def choices(values: dict, url_of: Callable[[int], str]) -> list[TitleChoice]:
    """The alternatives to show, each with its source and its link (url_of: index → address)."""
    text = values.get("missiv_text") or ""
    return [TitleChoice(title, source_of(title, text), url_of(i)) for i, title in enumerate(alternatives(values))]


def chosen(values: dict, index: str | None) -> TitleChoice | None:
    """The alternative the link ?titel=N picks, with its source, or None."""
    offered = alternatives(values)
    if not (index and index.isdigit() and int(index) < len(offered)):
        return None
    title = offered[int(index)]
    return TitleChoice(title, source_of(title, values.get("missiv_text") or ""), "")
