"""The planner's stored advice and explanations name sammanträden ("Med ordinarie justering hinner
sammanträdet torsdag 28 januari 2027", "Föreslå … vid sammanträdet torsdag 25 februari 2027"): once such a
meeting has passed the advice no longer holds and is not shown (truth16 F3). Pure code; the day is given."""
from __future__ import annotations

import re
from datetime import date

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")
_DAY = (r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) (\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})")
MEETING = re.compile(r"(?<![\wåäöÅÄÖ])sammanträdet " + _DAY, re.IGNORECASE)
# the parts of the planner's words that offer another meeting (calendar.planner): dropped alone when it has passed
_ALTERNATIVE = (re.compile(r",? eller behandla remissen vid sammanträdet " + _DAY + r" med ordinarie justering"),
                re.compile(r" ?Med ordinarie justering hinner sammanträdet " + _DAY + r"\."))

# the planner's offer of an extra sammanträde by the latest day for a beslut: no offer once that day has passed
# (walk26b X13: "Kalla till ett extra sammanträde senast tisdag 29 december 2026" in a mail of 30 december)
EXTRA = re.compile(r"extra sammanträde senast " + _DAY, re.IGNORECASE)


def _day(match: re.Match) -> date:
    day, month, year = match.groups()[-3:]
    return date(int(year), MONTHS.index(month.lower()) + 1, int(day))


def _passed(match: re.Match, today: date) -> bool:
    return _day(match) < today


def without_passed_alternatives(text: str, today: date) -> str:
    """text without its offer of another sammanträde that has already passed (a milestone's explanation)."""
    for pattern in _ALTERNATIVE:
        text = pattern.sub(lambda m: "" if _passed(m, today) else m.group(0), text)
    return text


def still_holds(text: str, today: date) -> str:
    """A stored warning or proposal as it holds today: "" when it builds on a sammanträde that has passed or
    offers an extra sammanträde by a day that has passed, and without the offer of a passed alternative meeting."""
    text = without_passed_alternatives(text, today)
    found = [*MEETING.finditer(text), *EXTRA.finditer(text)]
    return "" if any(_passed(m, today) for m in found) else text


def holding(texts: list[str], today: date) -> list[str]:
    """The stored warnings or proposals that still hold today (still_holds)."""
    return [kept for kept in (still_holds(t, today) for t in texts) if kept]


def holds_until(text: str) -> date | None:
    """The last day the stored text still holds (still_holds): the day of the earliest sammanträde it builds on;
    None when it names none. An offer of another meeting never makes it fail (a passed one is dropped, one to come
    has not passed), so the offers are left out."""
    for pattern in _ALTERNATIVE:
        text = pattern.sub("", text)
    return min((_day(m) for m in MEETING.finditer(text)), default=None)


def late_extension(entries: list) -> tuple[str | None, date | None]:
    """(step, last day) of the stored proposal that asks for a förlängning because a step's date has passed (an
    entry with until_done, calendar.planner gives at most one): it holds while that step is open and late, up to
    the day holds_until gives; (None, None) when there is none."""
    late = next((e for e in entries if isinstance(e, dict) and e.get("until_done")), None)
    return (late["until_done"], holds_until(late["text"])) if late else (None, None)
