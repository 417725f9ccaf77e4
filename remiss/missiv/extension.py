"""Recognise a notice that extends the answer time of a remiss, and read the new date."""
from __future__ import annotations

import re
from datetime import date

from remiss.missiv.dates import find_dates

# "Remisstiden har förlängts", "förlängd svarstid till …", "Finansdepartementet har förlängt remisstiden".
_NOTICE = re.compile(
    r"\b(?:ny|nytt)[ \t]+(?:sista[ \t]+svarsdag|svarsdatum|svarstid|remisstid|sista[ \t]+dag[ \t]+för[ \t]+svar)\b|"
    r"\bförläng\w{0,6}[ \t]+(?:[\wåäö]+[ \t]+){0,3}?(?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|sista svarsdag|tid(?:en)? för (?:att )?svar)|"
    r"\b(?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|sista svarsdag)\w{0,4}[ \t\n]+(?:[\wåäö]+[ \t\n]+){0,3}?förläng",
    re.IGNORECASE,
)
_TO = re.compile(r"förläng\w{0,6}[ \t\n]+(?:[\wåäö]+[ \t\n]+){0,4}?(?:till(?: och med)?|t\.o\.m\.)[ \t\n]+$", re.IGNORECASE)


def find_extension(text: str, deadline: date | None) -> tuple[date | None, tuple[int, int] | None]:
    """Return the extended answer date of an extension notice and its span, or (None, None) for any other letter."""
    notice = _NOTICE.search(text)
    if not notice:
        return None, None
    for dm in find_dates(text):
        if dm.year and _TO.search(text[max(0, dm.start - 80):dm.start]):
            return dm.resolve(None), (dm.start, dm.end)
    return deadline, notice.span()
