"""The other titles as the registrator is offered them: without the letter's field label, and each matter once.

walk26b X4: "Andra förslag på ärendemening" offered "Samråd om översiktsplan 2027" and "Ärende: Samråd om
översiktsplan 2027" – the page's first line with the letter's label still in it. The labels are the mail clients'
and diariums' own (mail_labels.LABELS) and the words a letter writes before its matter; two titles are the same
offer when they read the same as the evaluation reads titles (bench/missiv_eval.py `_same_title`: the procedure's
words, "Förslag till" and the sender's own place aside). Pure code: no flask, no sqlmodel, no I/O.
"""
from __future__ import annotations

import re

from remiss.missiv.mail_labels import LABELS
from remiss.missiv.title_trim import drop_remiss_lead

# "Ärende:", "Ämne:", "Angående:", "Subject:", "Rubrik:" … in front of the matter, with their colon
_LABEL_WORDS = (*LABELS["subject"], *LABELS["ärende"], "angående", "avseende", "gällande", "gäller", "avser",
                "titel", "ärendet", "beträffande", "ang", "re", "sv", "vb", "fw", "fwd")
LABEL = re.compile(r"^\s*(?:(?:" + "|".join(sorted(map(re.escape, _LABEL_WORDS), key=len, reverse=True)) +
                   r")\s*:\s*)+", re.IGNORECASE)
_PROPOSAL_LEAD = re.compile(r"^förslag(?:et)?\s+(?:till|på|om)\s+", re.IGNORECASE)
# the sender's own place after the matter ("… för Lunds kommun 2027", "… för Region Skåne"), as the sets annotate
# titles both with and without it
_OWN_PLACE = re.compile(r"(?<!\s)\s+för\s+(?:(?:region|landstinget)\s+(?:[\wåäö-]+\s*){1,3}(?:läns?)?|"
                        r"(?:[\wåäö-]+\s+){1,3}(?:kommuns?|läns?))(?=\s*(?:\d|[-–]|\Z))", re.IGNORECASE)


def without_label(title: str) -> str:
    """The title without a field label in front ("Ärende: Samråd om …" → "Samråd om …"); a label alone stays."""
    rest = LABEL.sub("", title, count=1).strip()
    return rest if len(rest) >= 3 else title.strip()


def offer_key(title: str) -> str:
    """What two offered titles must share to be one offer: the matter's words, case and punctuation aside."""
    value = " ".join(without_label(title).replace("–", "-").replace("—", "-").split())
    value = _PROPOSAL_LEAD.sub("", drop_remiss_lead(value) or value)
    value = _OWN_PLACE.sub("", value)
    return " ".join(re.findall(r"[^\W_]+", value.casefold()))


def distinct_offers(chosen: str | None, alternatives: list[str]) -> list[str]:
    """The alternatives to offer beside the chosen title: labels stripped, each matter once, none the chosen
    title again; the order kept (when the parser abstains, the first is still the line it would have chosen)."""
    seen = {offer_key(chosen)} if chosen else set()
    offered = []
    for alternative in alternatives:
        value = without_label(alternative)
        key = offer_key(value)
        if key and key not in seen and not LABEL.fullmatch(value):  # "Ärende:" alone offers nothing
            seen.add(key)
            offered.append(value)
    return offered
