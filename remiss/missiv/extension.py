"""Recognise a notice that extends the answer time of a remiss, and read the new date.

The new date is the to-date of the extension: "förlängs till den 15 mars 2027", "förlängs från 1 mars till 15 mars"
(15 mars), "ny sista dag för svar är den 15 mars", "nytt svarsdatum: 15 mars 2027". The old date is never taken. A
clock time written with the new date ("kl. 12.00") is kept. When the letter names two different new dates for the
answer time, neither is guessed: the result is empty with a warning. A year missing in the text is taken from the
letter's context only when that is unambiguous (the same day named with its year, or a dated day shortly before).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from remiss.missiv.dates import DateMatch, combine, find_dates, find_time_near
from remiss.missiv.deadline import UNAMBIGUOUS_DAYS

# The times a remiss is answered within: "remisstiden", "svarstiden", "samrådstiden", "sista svarsdag" …
_PERIOD = (r"(?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|yttrandetid|remissperiod|samrådsperiod|"
           r"granskningsperiod|remissrunda|sista[ \t]+svarsdag|svarsdatum|svarsdag|sista[ \t]+dag(?:en)?[ \t]+för[ \t]+"
           r"(?:svar|remissvar|synpunkter|yttrande)|tid(?:en)?[ \t]+för[ \t]+(?:att[ \t]+)?(?:svar|yttra))")
# The verbs that move an answer time later: "förlängs", "förlängd", "förläns" (a common slip), "flyttas fram",
# "senareläggs", "skjuts fram". The preterite alone ("förlängdes", "vi förlängde svarstiden för dem som begärde
# det", "flyttades fram") tells of an earlier extension, not of this letter's: it is no notice.
_VERB = (r"(?:förlän(?:g(?!de)\w{0,6}|s\b)|flytta(?:s|ts|r|t)?[ \t]+fram|flyttad\w?[ \t]+fram|"
         r"senarelägg(?:s|es|a|er|ning)?\b|skjut(?:s|its)[ \t]+(?:fram|upp))")
_NEW = (r"(?:ny|nytt|ändrad|ändrat)[ \t]+(?:sista[ \t]+svarsdag|svarsdatum|svarsdag|sista[ \t]+dag[ \t]+för[ \t]+"
        r"(?:svar|synpunkter|yttrande|remissvar))")
# "Remisstiden har förlängts", "förlängd svarstid till …", "Finansdepartementet har förlängt remisstiden", "ny
# sista dag för svar", "Remissperioden sträcker sig från 31 januari till 4 maj, men förläns nu till …"
_NOTICE = re.compile(
    r"\b" + _NEW + r"\b|\b(?:ny|nytt|ändrad|ändrat)[ \t]+(?:svarstid|remisstid)\b|"
    r"\b" + _VERB + r"[ \t]+(?:[\wåäö]+[ \t]+){0,3}?" + _PERIOD + "|"
    r"\b" + _PERIOD + r"\w{0,4}[ \t\n]+(?:[\wåäö,]+[ \t\n]+){0,10}?" + _VERB,
    re.IGNORECASE,
)
# What stands right before the new date: "förlängs till (och med) (den)", "förlängs från 1 mars till",
# "ny sista dag för svar är (den)", "nytt svarsdatum för remissrundan är den", "nytt svarsdatum:", and after a
# notice "Remissvaren ska istället ha kommit in … senast den".
_TO = re.compile(
    r"(?:" + _VERB + r"[ \t\n]+(?:[\wåäö]+[ \t\n]+){0,4}?(?:till(?:[ \t]+och[ \t]+med)?|t\.o\.m\.)"
    r"|\b" + _NEW + r"(?:[ \t]+för[ \t]+(?:[\wåäö-]+[ \t]+){1,4}?)?[ \t]*(?:är|blir|:)"
    r"|\b(?:i[ \t]+stället|istället)\b[^.\n]{0,70}?\bsenast(?:[ \t]+den)?)"
    r"[ \t\n]+(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?[ \t]+)?$",
    re.IGNORECASE,
)
# An extension asked for, offered or denied is none given: "nu vill de berörda ha förlängd svarstid", "begäran om
# förlängd svarstid", "om ni behöver förlängd svarstid" (the words right before), "remisstiden kommer inte att
# förlängas", "svarstiden förlängs inte" (a negation in or right after the phrase). "Vi vill meddela att …" and
# "eftersom många inte hunnit svara förlängs …" stay notices.
_ASKED = re.compile(r"(?:\b(?:vill|önskar)\b[^.\n]{0,30}\b(?:ha|få)|\b(?:begär\w*|ansök\w*|behöver|önskemål)"
                    r"(?:[ \t]+om)?(?:[ \t]+[\wåäö]+){0,2}|\b(?:ifall|om[ \t]+(?:ni|du|man|någon|remissinstansen))\b"
                    r"[^.\n]{0,40})[ \t]*$", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:inte|ej|icke|aldrig)\b", re.IGNORECASE)


# The old day, named as such: "Enligt tidigare utskick var svarstiden satt till den 14 augusti", "sista svarsdag var
# den 1 mars", "förlängs från den 1 mars".
_OLD = re.compile(r"(?:\b(?:tidigare|ursprungligen|ursprungliga|skulle)\b[^.\n]{0,60}|\bvar(?:[ \t]+satt[ \t]+till)?"
                  r"|\bfrån)[ \t]+(?:den[ \t]+)?$", re.IGNORECASE)


@dataclass
class Extension:
    """The new answer day of an extension notice, or why it is left empty."""

    day: date | datetime | None = None
    span: tuple[int, int] | None = None
    notice: bool = False  # the letter announces an extension (with or without a readable day)
    year_from_context: bool = False  # the day's year is not written with it
    warnings: list[str] = field(default_factory=list)


def read_extension(text: str, deadline: date | datetime | None, *, sent: date | None = None) -> Extension:
    """Return the extension a notice announces; an empty, non-notice result for any other letter.

    `deadline` is the answer day the deadline reader found; `sent` is the date of the e-mail the notice came in.
    """
    notice = next((m for m in _NOTICE.finditer(text) if _given(text, m)), None)
    if not notice:
        return Extension()
    found: list[tuple[date, DateMatch, bool]] = []
    dated = sent  # the last date with a year before the new one: a year-less new date follows it
    for dm in find_dates(text):
        if _TO.search(text[max(0, dm.start - 90):dm.start]):
            day, from_context = _resolve(dm, deadline, dated, text)
            if day:
                found.append((day, dm, from_context))
        if dm.year:
            dated = dm.resolve(None) or dated
    days = {day for day, _, _ in found}
    if len(days) > 1:
        # "förlängd svarstid av regeringen till den 28 oktober … förlänger svarstiden till den 25 september för
        # remissinstanserna": which is this remiss's is for a person to read
        named = ", ".join(sorted(d.isoformat() for d in days))
        return Extension(None, notice.span(), True, warnings=[
            f"Brevet nämner flera nya svarsdagar ({named}); ingen har valts – kontrollera vilken som gäller "
            "remissen."])
    if found:
        day, dm, from_context = found[0]
        return Extension(combine(day, find_time_near(text, dm)), (dm.start, dm.end), True, from_context)
    # "Remisstiden har förlängts. … Remissvaren ska ha kommit in … senast den 13 maj 2020": the deadline the letter
    # gives is the new day, unless the letter names that day only as the old one
    if deadline is None or _only_old(text, deadline):
        return Extension(None, notice.span(), True, warnings=[
            "Brevet förlänger svarstiden men den nya svarsdagen kunde inte läsas – kontrollera den i brevet."])
    return Extension(deadline, notice.span(), True)


def find_extension(text: str, deadline: date | datetime | None, *, sent: date | None = None,
                   warnings: list[str] | None = None) -> tuple[date | datetime | None, tuple[int, int] | None]:
    """Return the extended answer date of an extension notice and its span, or (None, None) for any other letter;
    why a notice's day is left empty is added to `warnings`."""
    found = read_extension(text, deadline, sent=sent)
    if warnings is not None:
        warnings.extend(found.warnings)
    return (found.day, found.span) if found.day else (None, None)


def _resolve(dm: DateMatch, deadline: date | datetime | None, dated: date | None,
             text: str) -> tuple[date | None, bool]:
    """Return the day a to-date names and whether its year came from the context."""
    if dm.year:
        return dm.resolve(None), False
    deadline_day = deadline.date() if isinstance(deadline, datetime) else deadline
    # the letter names the same day again with its year ("… till och med den 31 oktober … senast den 31 oktober
    # 2020")
    if deadline_day and (deadline_day.month, deadline_day.day) == (dm.month, dm.day):
        return deadline_day, False
    written = {d.resolve(None) for d in find_dates(text) if d.year and (d.month, d.day) == (dm.month, dm.day)}
    if len(written) == 1:
        return written.pop(), False
    day = dm.resolve(dated)
    if day and dated and (day - dated).days <= UNAMBIGUOUS_DAYS:
        return day, True
    return None, False


def _only_old(text: str, deadline: date | datetime) -> bool:
    """Whether every mention of the deadline's day is the old day ("tidigare … den 14 augusti 2017")."""
    day = deadline.date() if isinstance(deadline, datetime) else deadline
    same = [dm for dm in find_dates(text) if (dm.month, dm.day) == (day.month, day.day) and dm.year in (None, day.year)]
    return bool(same) and all(_OLD.search(text[max(0, dm.start - 80):dm.start]) for dm in same)


def _given(text: str, notice: re.Match) -> bool:
    """Whether the phrase announces an extension, not one asked for, offered or denied."""
    start = max(text.rfind(stop, 0, notice.start()) for stop in (".", "!", "?", "\n")) + 1
    before = text[max(start, notice.start() - 60):notice.start()]
    after = text[notice.end():notice.end() + 12]
    return not (_ASKED.search(before) or _DENIED.search(notice.group(0))
                or re.match(r"[ \t]*(?:inte|ej)\b", after, re.IGNORECASE))


# "förlängd svarstid … för remissen av promemorian Skattelättnader för arbetskraft (Fi2026/01234)": the remiss the
# notice extends, by the name it was sent out with
_NAMED = re.compile(r"\bremiss(?:en)?[ \t\n]+(?:av|om|gällande|angående|avseende)[ \t\n]+"
                    r"((?:(?:departements)?promemorian|betänkandet|rapporten|förslaget|utkastet)[ \t\n]+[^.\n();:]{3,150}?)"
                    r"[ \t]*(?:\(|[.,;\n]|\Z)", re.IGNORECASE)


def named_remiss(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The name of the remiss an extension notice extends ("Promemorian Skattelättnader för arbetskraft") and its
    span, or (None, None)."""
    m = _NAMED.search(text)
    if not m:
        return None, None
    value = " ".join(m.group(1).split())
    return value[:1].upper() + value[1:], m.span(1)

