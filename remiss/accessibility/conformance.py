"""What the browser tests verified, as the tillgänglighetsredogörelse states it.

`verified.json` beside this module is written by the accessibility crawl (tests/browser/test_crawl.py) when it
passes for every role and is run with REMISS_CONFORMANCE=1 (`make accessibility`); it is never edited by hand.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

VERIFIED = Path(__file__).with_name("verified.json")
ROLE_ORDER = ["anonym", "administratör", "registrator", "handläggare", "granskare", "läsare"]


@dataclass(frozen=True)
class Verified:
    checked_on: date
    axe_version: str
    widths: list[int]
    pages: list[tuple[str, int]]  # (role, pages checked), in ROLE_ORDER

    @property
    def total_pages(self) -> int:
        return sum(count for _, count in self.pages)


def verified(path: Path = VERIFIED) -> Verified | None:
    """The last passing crawl's facts, or None when it was never recorded (or the file is unreadable)."""
    try:
        facts = json.loads(path.read_text(encoding="utf-8"))
        pages = facts["pages"]
        return Verified(checked_on=date.fromisoformat(facts["checked_on"]), axe_version=str(facts["axe_version"]),
                        widths=[int(w) for w in facts["widths"]],
                        pages=sorted(((str(role), int(n)) for role, n in pages.items()),
                                     key=lambda item: ROLE_ORDER.index(item[0]) if item[0] in ROLE_ORDER else 99))
    except (OSError, ValueError, KeyError, TypeError):
        return None
