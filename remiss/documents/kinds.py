"""The kinds of document a template is written for, and the check that a kind is one of them."""
from __future__ import annotations

DOCUMENT_KINDS = ("tjansteskrivelse", "yttrande", "missiv", "sammanstallning")
KIND_NAMES = {"tjansteskrivelse": "tjänsteskrivelse", "yttrande": "yttrande", "missiv": "missiv",
              "sammanstallning": "sammanställning"}


def check_kind(kind: str) -> None:
    """Raise ValueError for an unknown document kind."""
    if kind not in DOCUMENT_KINDS:
        raise ValueError(f"Okänd dokumenttyp {kind!r}; tillåtna: {', '.join(DOCUMENT_KINDS)}")
