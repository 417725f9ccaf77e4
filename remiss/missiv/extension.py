"""Recognise a notice that extends the answer time of a remiss, and read the new date.

The new date is the to-date of the extension: "förlängs till den 15 mars 2027", "förlängs från 1 mars till 15 mars"
(15 mars), "ny sista dag för svar är den 15 mars", "nytt svarsdatum: 15 mars 2027", "Svarsdatumet flyttas från … till
…", "Den 5 november 2027 är ny sista dag för remissvar", "2027-05-15 i stället för 2027-04-17". The old date is never
taken. A clock time written with the new date ("kl. 12.00") is kept. When the letter names two different new dates for
the answer time, or extends it for other remissinstanser than the kommuner only, nothing is guessed: the result is
empty with a warning. A refusal or an offer is no notice. A year missing in the text is taken from the letter's
context only when that is unambiguous (the same day named with its year, or a dated day shortly before).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from remiss.missiv.dates import DateMatch, combine, find_dates, find_time_near
from remiss.missiv.deadline import UNAMBIGUOUS_DAYS

# What a remiss is answered within, and the day that ends it: "remisstiden", "svarstiden", "samrådstiden", "remissen",
# "samrådet", "sista svarsdag", "svarsdatumet", "sista dag att lämna synpunkter" … ("utredningstiden" is no remiss's).
_PERIOD = (r"(?:remisstid|svarstid|samrådstid|granskningstid|utställningstid|yttrandetid|remissperiod|samrådsperiod|"
           r"granskningsperiod|remissrunda|remissen\b|samrådet\b|granskningen\b|utställningen\b|"
           r"(?:sista[ \t]+)?svarsdag|(?:sista[ \t]+)?svarsdatum|slutdatum|svarsfrist|remissfrist|svarsperiod|"
           r"(?:sista[ \t]+)?inlämningsdag|deadline[ \t]+för[ \t]+(?:svar|remissvar|synpunkter)|"
           r"sista[ \t]+(?:dag|datum)(?:en|et)?[ \t]+(?:för|att)[ \t]+(?:att[ \t]+)?"
           r"(?:svar|remissvar|synpunkter|yttrande|yttra|lämna|inkomma|svara)|"
           r"tid(?:en)?[ \t]+(?:för[ \t]+)?(?:att[ \t]+)?(?:svar|yttra|inkomma|lämna[ \t]+(?:svar|synpunkter|yttrande))|"
           # "Tidpunkten för remissvar senareläggs", "Nytt datum för svar är …"
           # "Nytt datum för inlämnande av skriftliga synpunkter … är 27 mars 2015" (round 32)
           r"(?:tidpunkt|datum|dag)(?:en|et)?[ \t]+för[ \t]+(?:att[ \t]+)?(?:remissvar|svar|synpunkter|yttrande|yttra|lämna|"
           r"inlämn(?:ande|ing)[ \t]+av[ \t]+(?:[\wåäö]+[ \t]+)?(?:synpunkter|svar|remissvar|yttranden?)))")
# The verbs that move an answer day later: "förlängs", "förlängd", "förlängning", "förläns" (a common slip), "utökas",
# "ändras", "flyttas (fram)", "senareläggs", "skjuts upp". The preterite alone ("förlängdes", "vi förlängde svarstiden
# för dem som begärde det", "ändrades") tells of an earlier change, not of this letter's: it is no notice.
_VERB = (r"(?:förlän(?:g(?!de)\w{0,6}|s\b)|utök(?:as|a|ar|ats|at|ad|ning)\b|ändra(?:s|ts|t|d|r)?\b|"
         r"utsträck(?:s|a|er|ts|t|t)?\b|förskjut(?:s|its|a|er)?\b|"
         r"flytta(?:s|ts|r|t|d)?\b|framflytta\w*|senarelägg\w*|skjut(?:s|its|er|a)?[ \t]+(?:fram|upp)|uppskjut\w*)")
_NEW = r"(?:ny|nytt|nya|ändrad|ändrat|ändrade|förlängd|förlängda|utökad|utökade|längre|mer)"
# "Remisstiden har förlängts", "förlängd svarstid till …", "Finansdepartementet har förlängt remisstiden", "ny sista dag
# för svar", "svarstiden för remissen av Ds 2026:30 … har förlängts", "Ny svarstid: …", "medger förlängning av
# svarstiden", "har beviljats anstånd med att yttra sig"
_NOTICE = re.compile(
    r"\b" + _NEW + r"[ \t]+(?:sista[ \t]+)?" + _PERIOD + "|"
    r"\b" + _VERB + r"[ \t]+(?:[\wåäö]+[ \t]+){0,3}?" + _PERIOD + "|"
    r"\b" + _PERIOD + r"\w{0,4},?[ \t\n]+(?:[^\s.!?]+[ \t\n]+){0,12}?" + _VERB + "|"
    r"\banstånd[ \t]+med[ \t]+(?:att[ \t]+)?(?:svar|yttr|lämna|remissvar|inkomma)",
    re.IGNORECASE,
)
# "Eftersom yttrandetiden då blev för kort kungörs det därför nu på nytt": the remiss made again for a longer time
# (read from "för kort" backwards, so that the period's words are not tried at every word of the text)
_TOO_SHORT = re.compile(r"\bför[ \t]+kort\b[^.!?\n]{0,80}?\bpå[ \t]+nytt\b", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"\b" + _PERIOD + r"\w{0,4}[ \t]+(?:[^\s.!?]+[ \t]+){0,3}?\Z", re.IGNORECASE)
# What stands right before the new day in a notice's sentence: "förlängs (…) till (och med) (den)", "t.o.m.", "ny sista
# dag för svar är (den)", "Ny svarsdag:", "Sista dag för svar är nu", "ska nu ha kommit in senast"
_TO = re.compile(r"(?:\btill(?:[ \t]+och[ \t]+med)?|\bt(?:\.[ \t]?|[ \t])o(?:\.[ \t]?|[ \t])m\b\.?|\bfram[ \t]+till|"
                 r"\b(?:är|blir)(?:[ \t]+nu)?|\b(?:löper|går)(?:[ \t]+nu)?[ \t]+ut|\bslutar(?:[ \t]+nu)?|"
                 r"\bsenast|:|"
                 # a label right before the day: "nytt sista svarsdatum 15 maj 2027", "Förlängd remisstid 2027-05-15"
                 r"\b" + _NEW + r"[ \t]+(?:sista[ \t]+)?" + _PERIOD + r"\w{0,3}[ \t]*[–-]?)"
                 r"[ \t\n]*(?:den[ \t]+)?(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?[ \t]+(?:den[ \t]+)?)?$",
                 re.IGNORECASE)
# A day named after it as the new one: "Den 5 november 2027 är ny sista dag för remissvar"
_TO_AFTER = re.compile(r"(?<![ \t])[ \t]*(?:är|blir)[ \t]+(?:den[ \t]+)?" + _NEW + r"[ \t]+(?:sista[ \t]+)?" + _PERIOD,
                       re.IGNORECASE)
# After a notice with no day of its own, the instruction that says the day is now another: "Synpunkter ska nu ha
# kommit in senast …", "Remissvaren ska därmed vara oss tillhanda senast …", "ska istället ha kommit in … senast den"
_NOW_LATEST = re.compile(r"(?:\b(?:nu|numera|därmed|därför|alltså|i[ \t]+stället|istället)\b[^.\n]{0,90}?\bsenast|"
                         r"\b(?:är|blir|gäller)[ \t]+(?:nu|numera|därmed|i[ \t]+stället|istället))"
                         r"(?:[ \t]+(?:(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?[ \t]+)?den)?[ \t]*$", re.IGNORECASE)
# An extension asked for, offered or denied is none given: "nu vill de berörda ha förlängd svarstid", "begäran om
# förlängd svarstid", "om ni behöver förlängd svarstid", "Den som behöver mer tid kan kontakta oss för förlängd
# svarstid" (the words right before), "remisstiden kommer inte att förlängas", "Tyvärr kan vi inte förlänga
# remisstiden", "Någon förlängning av remisstiden medges inte". "Vi vill meddela att …" and "eftersom många inte hunnit
# svara förlängs …" stay notices.
_ASKED = re.compile(r"(?:\b(?:vill|önskar)\b[^.\n]{0,30}\b(?:ha|få)|\b(?:begär\w*|ansök\w*|behöver|önskemål|förfrågning\w*)"
                    r"(?:[ \t]+om)?(?:[ \t]+[\wåäö]+){0,2}|\b(?:ifall|om[ \t]+(?:ni|du|man|någon|remissinstansen))\b"
                    r"[^.\n]{0,40}|\b(?:den|de)[ \t]+som\b[^.\n]{0,50}|\bkontakta\b[^.\n]{0,20}|\b(?:ingen|någon)|"
                    r"\bmöjlighet(?:en)?(?:[ \t]+finns)?[ \t]+(?:att|till)(?:[ \t]+[\wåäö]+){0,2}|"
                    # an offer: "Ni kan få förlängd svarstid …", "vi kan bevilja förlängd svarstid för den som …"
                    r"\bkan[ \t]+(?:[\wåäö]+[ \t]+)?(?:få|begära|bevilja|medge|ge|ansöka[ \t]+om))[ \t]*$", re.IGNORECASE)
# A beslutssats of a tjänsteutlåtande or protokoll ("- Vidare att remisstiden ändras till den 31 mars 2010") proposes or
# records the kommun's own decision on its remiss before it is sent: no notice from a remittent.
# "Med anledning av önskemål förlänger vi svarstiden", "Efter begäran från flera kommuner förlängs …": a request named
# as the reason, with a finite verb that extends, is the extension granted ("begäran om förlängd svarstid" stays asked)
# "På grund av flera önskemål förlängs …", "Med anledning av att många kommuner har begärt mer tid förlängs …", "Då
# flera remissinstanser har begärt förlängning förlängs …": the reason may be a clause of its own
_REASON = re.compile(r"(?:\b(?:med[ \t]+anledning[ \t]+av|på[ \t]+grund[ \t]+av|med[ \t]+hänsyn[ \t]+till|efter|på|"
                     r"utifrån|till[ \t]+följd[ \t]+av|enligt)[ \t]+"
                     r"(?:[\wåäö]+[ \t]+){0,2}?(?:begäran|önskemål|önskan|förfrågan|förfrågningar)\b|"
                     r"\b(?:(?:med[ \t]+anledning[ \t]+av|på[ \t]+grund[ \t]+av)[ \t]+att|eftersom|då|sedan)\b[^.\n]{0,50}?"
                     r"\b(?:har|hade)[ \t]+(?:begärt|önskat|efterfrågat|bett[ \t]+om|ansökt[ \t]+om)\b)[^.\n]{0,60}$",
                     re.IGNORECASE)
_FINITE = re.compile(r"(?:förläng(?:er|s|ts|t)|utök(?:ar|as|ats)|ändra(?:r|s|ts)|flytta(?:r|s|ts)|senarelägg(?:er|s)|"
                     r"skjut(?:er|s)|förskjut(?:er|s))\b", re.IGNORECASE)
_MOTION = re.compile(r"(?<![ \t])[ \t]*(?:[-–•*][ \t]*)?(?:vidare[ \t]+|samt[ \t]+)?att[ \t]+$", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:inte|ej|icke|aldrig)\b", re.IGNORECASE)
_DENIED_BEFORE = re.compile(r"\b(?:inte|ej|icke|aldrig)[ \t]+(?:(?:att|heller|längre|kunna)[ \t]+)?$", re.IGNORECASE)
# The words after the phrase up to a clause break: "… medges inte", "… förlängs alltså inte"
_CLAUSE_END = re.compile(r"[,.;:!?()\n]|\b(?:eftersom|då|när|som|men|och|för|så)\b", re.IGNORECASE)


# The old day, named as such: "Enligt tidigare utskick var svarstiden satt till den 14 augusti", "sista svarsdag var
# den 1 mars", "förlängs från den 1 mars", "i stället för (som tidigare angivits) den 15 oktober", "(tidigare …"
_OLD = re.compile(r"(?:\b(?:tidigare|ursprungligen|ursprungliga?|skulle)\b[^.\n\d]{0,60}|\bvar(?:[ \t]+satt[ \t]+till)?"
                  r"|\bfrån(?:[ \t]+och[ \t]+med)?|\bfr\.o\.m\.?|\bi[ \t]*stället[ \t]+för\b[^.\n\d]{0,40}?)[ \t]+(?:den[ \t]+)?$",
                  re.IGNORECASE)
# The extension is given to some remissinstanser only: "Trafikverket och Länsstyrelsen har beviljats förlängd
# svarstid …; för övriga remissinstanser gäller …". The kommuner's own ("För kommunerna förlängs …") is the reader's.
_SOME_ONLY = re.compile(r"\b(?:övriga|andra|resterande)[ \t]+remissinstanser|\bvissa[ \t]+remissinstanser", re.IGNORECASE)
_FOR_KOMMUN = re.compile(r"\bkommun(?:er|erna)\b", re.IGNORECASE)
# "… 2027-05-15 i stället för (som tidigare angivits) den 15 oktober 2027": the day before it replaces the one after
_INSTEAD = re.compile(r"(?<![ \t,])[ \t,]*(?:i[ \t]*stället|istället)[ \t]+för\b[^.\n\d]{0,40}\d", re.IGNORECASE)
# "… till och med 30 september 2020 (förlängd remisstid)", "Svarsdatum: 15 maj 2027 (tidigare 30 april 2027)": a
# bracket right after a day that calls it new, moved, or names the day it replaces marks the day as the new one
_MARKED = re.compile(r"(?<![ \t])[ \t]*\([ \t]*(?:" + _NEW + r"|förlängt|ändrat|ändrade|framflyttad|framflyttat|senarelagd|"
                     r"senarelagt|tidigare|ursprungligen|förut|i[ \t]*stället[ \t]+för|istället[ \t]+för)\b[^()\n]{0,60}\)",
                     re.IGNORECASE)
# "Kommunen har beviljats anstånd till den 15 maj 2027 med att yttra sig", "Ni får anstånd till …": anstånd given (in a
# sentence about the answer; an utredning's anstånd is none)
_ANSTAND = re.compile(r"\b(?:bevilja(?:ts|s|t|r)?|fått|får|ges|ger|getts|medge(?:s|r)?|lämna(?:s|ts|r)?)[ \t]+"
                      r"(?:[\wåäö]+[ \t]+){0,2}?anstånd\b", re.IGNORECASE)
_ANY = re.compile(r".*", re.DOTALL)
_ABOUT_ANSWER = re.compile(r"\bsvar|remiss|synpunkt|yttra|\bsamråd|gransk|utställ", re.IGNORECASE)
# Where a sentence ends: ". " before a capital or a digit-free word, or a line break.
_SENTENCE_END = re.compile(r"[.!?](?=([ \t]+[A-ZÅÄÖ]))|\n")


@dataclass
class Extension:
    """The new answer day of an extension notice, or why it is left empty."""

    day: date | datetime | None = None
    span: tuple[int, int] | None = None
    notice: bool = False  # the letter announces an extension (with or without a readable day)
    year_from_context: bool = False  # the day's year is not written with it
    old_deadline: bool = False  # the deadline the letter gives is named only as the old day the notice replaces
    warnings: list[str] = field(default_factory=list)


def speaks_of_extension(line: str) -> bool:
    """Tell whether a line has an extension notice's words ("Beslut om förlängning av svarstiden")."""
    return bool(_NOTICE.search(line))


def read_extension(text: str, deadline: date | datetime | None, *, sent: date | None = None) -> Extension:
    """Return the extension a notice announces; an empty, non-notice result for any other letter.

    `deadline` is the answer day the deadline reader found; `sent` is the date of the e-mail it came in.
    """
    notices = [m for m in _NOTICE.finditer(text) if _given(text, m)] + _instead(text) + _anstand(text) + \
        [m for m in _TOO_SHORT.finditer(text) if _PERIOD_BEFORE.search(text, max(0, m.start() - 80), m.start())]
    if not notices:
        return Extension()
    notices.sort(key=lambda m: m.start())
    notice = notices[0]
    # each notice's sentence, with where its first notice phrase ends: a day before that in the sentence ("Remisstiden
    # sträcker sig från 31 januari till 4 maj, men förläns nu till och med den 31 oktober") is the old period's
    sentences: dict[tuple[int, int], int] = {}
    for m in notices:
        span = _sentence(text, m.start(), m.end())
        sentences[span] = min(sentences.get(span, m.end()), m.end())
    found: list[tuple[date, DateMatch, bool, tuple[int, int] | None]] = []
    dated = sent  # the last date with a year before the new one: a year-less new date follows it
    for dm in find_dates(text):
        span = next((s for s in sentences if s[0] <= dm.start < s[1]), None)
        if _is_new_day(text, dm, span and (span[0], sentences[span]), notice.start()):
            day, from_context = _resolve(dm, deadline, dated, text)
            if day:
                found.append((day, dm, from_context, span))
        if dm.year:
            dated = dm.resolve(None) or dated
    if found and _SOME_ONLY.search(text):
        # "För kommunerna förlängs svarstiden till …; övriga remissinstanser …": the kommun's day is the reader's; an
        # extension given to others only ("Trafikverket har beviljats förlängd svarstid") is not
        ours = [f for f in found if f[3] and _FOR_KOMMUN.search(text[f[3][0]:f[1].start])]
        if not ours:
            return Extension(None, notice.span(), True, warnings=[
                "Brevet förlänger svarstiden bara för vissa remissinstanser; kontrollera om förlängningen gäller "
                "kommunen."])
        found = ours
    days = {day for day, _, _, _ in found}
    if len(days) > 1:
        # "förlängd svarstid av regeringen till den 28 oktober … förlänger svarstiden till den 25 september för
        # remissinstanserna": which is this remiss's is for a person to read
        named = ", ".join(sorted(d.isoformat() for d in days))
        return Extension(None, notice.span(), True, warnings=[
            f"Brevet nämner flera nya svarsdagar ({named}); ingen har valts – kontrollera vilken som gäller "
            "remissen."])
    if found:
        day, dm, from_context, _ = found[0]
        clock = find_time_near(text, dm)
        if clock is None and isinstance(deadline, datetime) and deadline.date() == day:
            # "förlängs till den 31 mars … senast den 31 mars 2010 kl 12.00": the same day's clock time elsewhere
            return Extension(deadline, (dm.start, dm.end), True, from_context)
        return Extension(combine(day, clock), (dm.start, dm.end), True, from_context)
    # "Remisstiden har förlängts. … Remissvaren ska ha kommit in … senast den 13 maj 2020": the deadline the letter
    # gives is the new day, unless the letter names that day only as the old one
    if deadline is None or _only_old(text, deadline):
        return Extension(None, notice.span(), True, old_deadline=deadline is not None, warnings=[
            "Brevet förlänger svarstiden men den nya svarsdagen kunde inte läsas – kontrollera den i brevet."])
    return Extension(deadline, notice.span(), True)


def _instead(text: str) -> list[re.Match]:
    """ "Sista svarsdag är nu 2027-05-15 i stället för 2027-04-17", "kan lämnas fram till och med den 5 november 2027 i
    stället för som tidigare angivits den 15 oktober 2027": a day put in the place of another in a sentence about the
    answer is a notice by itself; the match ends right before the new day."""
    found = []
    for dm in find_dates(text):
        if not (_INSTEAD.match(text, dm.end) or _MARKED.match(text, dm.end)):
            continue
        start, stop = _sentence(text, dm.start, dm.end)
        if _ABOUT_ANSWER.search(text, start, stop):
            found.append(_ANY.match(text, start, dm.start))
    return found


def _anstand(text: str) -> list[re.Match]:
    """Anstånd given in a sentence about the answer ("har beviljats anstånd till den 15 maj 2027 med att yttra sig")."""
    found = []
    for m in _ANSTAND.finditer(text):
        start, stop = _sentence(text, m.start(), m.end())
        if _ABOUT_ANSWER.search(text, start, stop) and _given(text, m):
            found.append(m)
    return found


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence (or line) that holds text[start:end]: from the last sentence end that text[:start]
    shows (its capital letter before start) to the next one at or after end."""
    seen, marks = _sentence_ends(text)
    before = bisect_right(seen, start)
    after = bisect_left(marks, end)
    return marks[before - 1] + 1 if before else 0, marks[after] if after < len(marks) else len(text)


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Every sentence end of text (a one-character mark), found once a text rather than once a notice (a text of
    many notice phrases was quadratic): where it is seen to end (after the capital letter that follows a full stop,
    or the line break) and where its mark is."""
    seen, marks = [], []
    for m in _SENTENCE_END.finditer(text):
        seen.append(m.end(1) if m.group(1) else m.end())
        marks.append(m.start())
    return seen, marks


def _is_new_day(text: str, dm: DateMatch, sentence: tuple[int, int] | None, first_notice: int) -> bool:
    """Whether a date is the new answer day: after "till", "t.o.m.", "är", "senast" or a label's colon following a
    notice phrase in its sentence ("förlängs … till den 15 maj", "Ny svarsdag: 2027-05-14"), before "är ny sista dag
    för …", or after "nu … senast" once a notice has been given; never a day named as the old one ("från", "i stället
    för", "tidigare"). `sentence` is (the notice's sentence start, where its first notice phrase ends), or None."""
    if dm.start < first_notice and sentence is None:
        return False
    own = _sentence(text, dm.start, dm.end)
    before = text[max(own[0], dm.start - 90):dm.start]
    if _OLD.search(before):
        return False
    if sentence is not None and _TO_AFTER.match(text, dm.end):
        return True
    if sentence is not None and dm.start >= sentence[1] and _TO.search(before[-60:]):
        return True
    return dm.start > first_notice and bool(_NOW_LATEST.search(before))


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
    start, stop = _sentence(text, notice.start(), notice.end())
    before = text[max(start, notice.start() - 60):notice.start()]
    after = text[notice.end():min(stop, notice.end() + 200)]  # only its first 40 characters are read
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    asked = _ASKED.search(before) and not (_REASON.search(before) and _FINITE.match(notice.group(0)))
    return not (asked or _MOTION.match(text, start, notice.start()) or _DENIED_BEFORE.search(before) or _DENIED.search(notice.group(0))
                or _DENIED.search(clause[:40]))


# "förlängd svarstid … för remissen av promemorian Skattelättnader för arbetskraft (Fi2026/01234)": the remiss the
# notice extends, by the name it was sent out with
_NAMED = re.compile(r"\bremiss(?:en)?[ \t\n]+(?:av|om|gällande|angående|avseende)[ \t\n]+"
                    r"((?:(?:departements)?promemorian|betänkandet|rapporten|förslaget|utkastet|förslag[ \t]+(?:till|om))"
                    r"[ \t\n]+[^.\n();:]{3,150}?)"
                    r"[ \t]*(?:\(|[.,;\n]|\Z)", re.IGNORECASE)


def named_remiss(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The name of the remiss an extension notice extends ("Promemorian Skattelättnader för arbetskraft") and its
    span, or (None, None)."""
    m = _NAMED.search(text)
    if not m:
        return None, None
    value = " ".join(m.group(1).split())
    # "remissen om förslag till nya kursplaner i grundskolan förlängs med en månad …": the report is no part of it
    # (round 21: "… förlängs svarstiden för remissen om X till den 15 juni 2027": nor is the new day)
    value = re.split(r"[ \t]+(?:förlängs|har[ \t]+förlängts|ändras|flyttas|skjuts[ \t]+upp|"
                     r"(?:till(?:[ \t]+och[ \t]+med)?|t\.o\.m\.?)[ \t]+(?:den[ \t]+)?\d)\b", value, maxsplit=1)[0]
    return value[:1].upper() + value[1:], m.span(1)

