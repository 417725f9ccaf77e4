"""Why a step is marked "Kräver uppmärksamhet", in a few words: the one place that says each reason the planner
stores with the flag (Milestone.flag_reason, a code of calendar.milestones.FLAG_REASONS) in Swedish, for the start
page, the day's list, the month calendar, the remiss page's tidplan and the API's flag_reason_text. The tidplan's
explanation says the whole of it."""
from __future__ import annotations

# one for each code of calendar.milestones.FLAG_REASONS (tests/planning/test_flag_reason.py checks it)
TEXTS: dict[str, str] = {
    "sammantrade_passerat": "sammanträdet passerade utan beslut – begär förlängd remisstid, ta upp ärendet vid "
                            "nästa sammanträde eller besluta på delegation",
    "omedelbar_justering": "omedelbar justering behövs",
    "inget_sammantrade": "inget sammanträde hinner före sista svarsdag",
    "sent_sammantrade": "sammanträdet satt för hand hinner inte före sista svarsdag",
    "fore_ankomst": "datumet låg före remissens ankomst",
    "efter_svarsdag": "expedieringen hamnar efter sista svarsdag",
    "efter_sammantrade": "ligger efter nämndsammanträdet som är satt för hand",
    "utanfor_tidplan": "ingår inte längre i den beräknade tidplanen",
    "redan_passerat": "datumet hade redan passerat när tidplanen gjordes",
    "ej_arbetsdag": "sista svarsdagen är inte en arbetsdag",
    "preliminar": "preliminär: inga senare sammanträden inlagda",
}
# An arbetsutskott does not decide: passed without the yttrande, it is no "sammanträde passerade utan beslut" (F14)
AU_PASSED = "arbetsutskottet har passerat – ärendet kan ändå tas upp direkt i nämnden"
# a flag without a stored reason (or with one this version does not know): the tidplan explains it
OTHER = "se tidplanen"


def reason_text(code: str | None, kind: str = "") -> str:
    """The short Swedish reason a flagged step needs attention ("omedelbar justering behövs"); kind: the step's
    (a passed arbetsutskott is said as such, not as a meeting that did not decide)."""
    if code == "sammantrade_passerat" and kind == "arbetsutskott":
        return AU_PASSED
    return TEXTS.get(code or "", OTHER)
