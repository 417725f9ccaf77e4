"""Swedish date wording for texts shown to users (babel, locale sv_SE)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from gettext import ngettext

from babel.dates import format_date as _babel_dates_format_date

from remiss.clock import local

LOCALE = "sv_SE"

_NUMBER_WORDS = {
    1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta",
    9: "nio", 10: "tio", 11: "elva", 12: "tolv",
}


@lru_cache(maxsize=8192)
def _babel_format_date(value: date, pattern: str, locale: str) -> str:
    # Pages format the same few hundred dates again and again; babel walks the pattern every call.
    return _babel_dates_format_date(value, pattern, locale=locale)


def _as_date(value: date | datetime) -> date:
    """The day of value; a stored (aware) moment is read on the Stockholm wall clock."""
    if isinstance(value, datetime):
        return (local(value) if value.tzinfo else value).date()
    return value


def _format(value: date | datetime, pattern: str) -> str:
    """The day of value in a babel pattern, in Swedish."""
    return _babel_format_date(_as_date(value), pattern, locale=LOCALE)


def weekday_name(value: date | datetime) -> str:
    """Return the Swedish weekday name computed from the date, e.g. "torsdag"."""
    return _format(value, "EEEE")


def format_date(value: date | datetime) -> str:
    """Format as "31 mars 2010"."""
    return _format(value, "d MMMM y")


def month_name(value: date | datetime) -> str:
    """Return the Swedish month name, e.g. "februari"."""
    return _format(value, "LLLL")


def format_short_date(value: date | datetime) -> str:
    """Format as "26 jan. 2010" (for tables)."""
    return _format(value, "d MMM y")


def format_short(value: date | datetime) -> str:
    """Format as "2 april" (no weekday, no year)."""
    return _format(value, "d MMMM")


def format_day_month(value: date | datetime) -> str:
    """Format as "tisdag 27 december" (no year)."""
    return _format(value, "EEEE d MMMM")


def format_weekday_date(value: date | datetime) -> str:
    """Format as "onsdag 31 mars 2010"."""
    return _format(value, "EEEE d MMMM y")


def format_time(value: datetime) -> str:
    """Format the clock time the Swedish way, "kl. 12.00"."""
    return f"kl. {value:%H.%M}"


def format_datetime(value: datetime) -> str:
    """Format as "onsdag 31 mars 2010 kl. 12.00"."""
    return f"{format_weekday_date(value)} {format_time(value)}"


def format_date_time(value: datetime) -> str:
    """Format a stored moment as "31 mars 2010 kl. 12.00", Stockholm time."""
    moment = local(value) if value.tzinfo else value
    return f"{format_date(moment)} {format_time(moment)}"


def format_deadline(day: date | None, at: time | None) -> str:
    """Format a deadline as "31 mars 2010 kl. 12.00" or "31 mars 2010"; "Ingen sista svarsdag" without a day."""
    if day is None:
        return "Ingen sista svarsdag"
    return f"{format_date(day)} kl. {at:%H.%M}" if at else format_date(day)


def format_moment(value: date | datetime) -> str:
    """Format a date, or a datetime with its clock time."""
    if isinstance(value, datetime):
        return format_datetime(value)
    return format_weekday_date(value)


def title_in_sentence(title: str) -> str:
    """A job title as it reads mid-sentence in Swedish: "Utredningssekreterare" → "utredningssekreterare".
    An abbreviation stays as written ("IT-strateg", "HR-chef"): only a capital followed by a small letter is lowered."""
    title = title.strip()
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def count_words(amount: int, singular: str, plural: str) -> str:
    """Return "1 arbetsdag" / "3 arbetsdagar"."""
    return f"{amount} {singular if amount == 1 else plural}"


def the_counted(amount: int, singular: str, plural: str) -> str:
    """The definite form by the number (Swedish plurals through gettext's ngettext): "remissinstansen" for one,
    "de 3 remissinstanserna" for more, plain "remissinstanserna" when none are counted (0: not known here)."""
    if amount < 1:
        return plural
    return ngettext(singular, f"de %(count)d {plural}", amount) % {"count": amount}


def swedish_number(amount: int) -> str:
    """2000000 → "2 000 000" (Swedish digit groups, with non-breaking spaces)."""
    from babel.numbers import format_decimal

    return format_decimal(amount, locale=LOCALE)


def number_word(amount: int) -> str:
    """Return "sex" for 6; digits above twelve."""
    return _NUMBER_WORDS.get(amount, str(amount))


def join_words(items: list[str]) -> str:
    """Join as "a, b och c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]


def lower_first(text: str) -> str:
    """Lower-case the first letter ("Julafton" → "julafton") for use mid-sentence."""
    return text[:1].lower() + text[1:]


# Every clock field (a sista svarsdag, a sammanträde, a förlängning, the API, the sammanträdesplan's import) takes
# "12.00", "12:00", "12,00", "kl. 12.00", "kl 12", "klockan 12", "12" (walk17 F15: "kl 15" was saved for a
# sammanträde and refused for a sista svarsdag) and "0930" as HHMM (session 31 #13); their hints and this message
# show the Swedish 12.00. static/app.js reads a förlängning's klockslag by the same rule.
_TIME = re.compile(r"^(?:kl(?:\.|ockan)?\s*)?(?:(\d{1,2})(?:[:.,](\d{2}))?|(\d{2})(\d{2}))$", re.IGNORECASE)
TIME_MESSAGE = "Ange klockslag, till exempel 12.00."


def parse_time(text: str) -> time:
    """A typed klockslag; ValueError with TIME_MESSAGE when it is none."""
    match = _TIME.match(text.strip())
    if match:
        hour, minute = int(match[1] or match[3]), int(match[2] or match[4] or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(TIME_MESSAGE)
