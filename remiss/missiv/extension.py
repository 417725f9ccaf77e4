"""Recognise a notice that extends the answer time of a remiss, and read the new date."""
from __future__ import annotations

import re
from datetime import date

from remiss.missiv.dates import find_dates
from remiss.missiv.deadline import UNAMBIGUOUS_DAYS

# "Remisstiden har förlängts", "förlängd svarstid till …", "Finansdepartementet har förlängt remisstiden".
_NOTICE = re.compile(
    r"\b(?:ny|nytt)[ \t]+(?:sista[ \t]+svarsdag|svarsdatum|svarstid|remisstid|sista[ \t]+dag[ \t]+för[ \t]+svar)\b|"
    r"\bförläng\w{0,6}[ \t]+(?:[\wåäö]+[ \t]+){0,3}?(?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|"
    r"yttrandetid|sista svarsdag|tid(?:en)? för (?:att )?svar)|"
    # "Remissperioden sträcker sig från 31 januari till 4 maj, men förläns nu till …" ("förläns": a common slip)
    r"\b(?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|yttrandetid|remissperiod|sista svarsdag)"
    r"\w{0,4}[ \t\n]+(?:[\wåäö,]+[ \t\n]+){0,10}?förlän[gs]",
    re.IGNORECASE,
)
_TO = re.compile(r"förlän(?:g\w{0,6}|s)[ \t\n]+(?:[\wåäö]+[ \t\n]+){0,4}?(?:till(?: och med)?|t\.o\.m\.)[ \t\n]+$", re.IGNORECASE)


def find_extension(text: str, deadline: date | None, *,
                   sent: date | None = None) -> tuple[date | None, tuple[int, int] | None]:
    """Return the extended answer date of an extension notice and its span, or (None, None) for any other letter;
    `sent` is the date of the e-mail the notice came in."""
    notice = _NOTICE.search(text)
    if not notice:
        return None, None
    dated = sent  # the last date with a year before the new one: a year-less new date follows it
    for dm in find_dates(text):
        if _TO.search(text[max(0, dm.start - 80):dm.start]):
            # a year-less date is the deadline's own day (the letter names it again with its year), or follows the
            # last dated day; else it stays unread rather than guessed
            same_day = deadline if deadline and (deadline.month, deadline.day) == (dm.month, dm.day) else None
            found = dm.resolve(None) if dm.year else same_day or _within(dm.resolve(dated), dated)
            if found:
                return found, (dm.start, dm.end)
        if dm.year:
            dated = dm.resolve(None) or dated
    return deadline, notice.span()


def _within(day: date | None, dated: date | None) -> date | None:
    """The day, when it falls within UNAMBIGUOUS_DAYS after the dated day that gave it its year."""
    return day if day and dated and (day - dated).days <= UNAMBIGUOUS_DAYS else None
