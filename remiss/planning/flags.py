"""Why a step is marked "Kräver uppmärksamhet", in a few words for the start page and the day's list (walk10
finding 12); the remiss page's tidplan gives the whole explanation. Read from the stored explanation (and the
advice told with it), whose wording the planner writes: calendar.planner, calendar.passed, calendar.after_beslut,
planning.service.tidplan."""
from __future__ import annotations

from remiss.calendar.milestones import PASSED

# (words in the explanation, the short reason), the first that matches wins
REASONS = (
    ("Omedelbar justering vid sammanträdet krävs", "omedelbar justering behövs"),
    ("Inget nämndsammanträde i sammanträdesplanen hinner", "inget sammanträde hinner före sista svarsdag"),
    ("låg före remissens ankomst", "datumet låg före remissens ankomst"),
    ("Det är efter sista svarsdag", "expedieringen hamnar efter sista svarsdag"),
    ("Ingår inte längre i den beräknade tidplanen", "ingår inte längre i den beräknade tidplanen"),
    (PASSED.strip(), "datumet hade redan passerat när tidplanen gjordes"),
)
# no words matched: what the kind alone says (a justering flagged with its late expediering, calendar.after_beslut)
BY_KIND = {"sista_svarsdag": "sista svarsdagen är inte en arbetsdag",
           "justering": "expedieringen hamnar efter sista svarsdag"}
OTHER = "se tidplanen"


def flag_reason(kind: str, explanation: str) -> str:
    """The short reason a flagged step needs attention ("omedelbar justering behövs")."""
    for words, reason in REASONS:
        if words.lower() in explanation.lower():
            return reason
    return BY_KIND.get(kind, OTHER)
