"""Pick the letter date and the remittent's answer deadline among the dates of a missiv."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from remiss.missiv.dates import DateMatch, combine, find_dates, find_time_near, uncertain_short_dates

# Cues read in the sentence before a date, strongest first.
_STRONG = re.compile(
    r"tillhanda|ska(?:ll)? ha (?:kommit in|inkommit)|ska(?:ll)? vara \w+ tillhanda|"
    r"sista dag(?:en)? (?:att|för att) (?:svara|lämna|inkomma)|(?:sista|senaste) svarsdag|"
    # "Svarsfrist: 12 mars 2027" (a label)
    r"\bsvarsfrist(?:en)?[ \t]*(?::|är|går ut)|"
    r"remisstiden (?:löper ut|går ut|gick ut|slutar|slutade)|svarsdatum|remissvar(?:et|en)? .{0,60}senast|"
    r"svar(?:et|en)? .{0,60}senast|yttrande(?:t|n)? .{0,60}senast|med svar senast|"
    r"remisstiden är (?:fram )?till(?: och med)?|synpunkter [^.]{0,80}\bfram till(?: och med)?|"
    # "… kan yttra sig över Länsstyrelsens förslag till beslut till och med den 29 april 2016"
    r"\byttra (?:sig|dig|er)\b[^.]{0,60}\btill och med|"
    # "Synpunkter på förslagen … kan lämnas fram till och med den 22 juni 2021 klockan 13:00" (the cue word far back)
    r"\b(?:kan|ska|skall) (?:lämnas|skickas|ges) (?:in )?(?:fram till(?: och med)?|till och med)|"
    r"(?:synpunkter|remissvar|yttranden?) [^.]{0,60}\btill och med|"
    # "svaren fram till den 8 juni", "är på samråd till och med 2024-06-30"
    r"(?:svar(?:et|en)?|synpunkter(?:na)?|yttranden?(?:a)?|remissvar(?:et|en)?)\b[^.]{0,40}?\bfram till|"
    # "Möjlighet att lämna synpunkter finns till den 15 mars 2027" (round 21: the verb right before "till")
    r"(?:synpunkter(?:na)?|yttranden?|remissvar(?:et|en)?)\b[^.]{0,40}?\b(?:finns|ges|pågår|är[ \t]+öppen)[ \t]+"
    r"till(?:[ \t]+och[ \t]+med)?(?:[ \t]+den)?[ \t]*$|"
    r"\bpå (?:remiss|samråd|granskning|utställning) (?:till och med|t\.o\.m\.?|fram till(?: och med)?)|"
    # "föreskrifterna ska ställas ut (enligt Miljöbalken 15 kap. 42-44§§) fram till 1 september 2023"
    r"\bställ(?:s|as) ut\b[^\n]{0,80}?\b(?:fram till(?: och med)?|till och med)|"
    # "Betänkandet remisshanteras fram till och med 30 september 2020", "Remissen pågår fram till den 4 maj"
    r"\bremiss\w*(?:[ \t]+[\wåäö]+){0,2}?[ \t]+(?:fram[ \t]+till(?:[ \t]+och[ \t]+med)?|till[ \t]+och[ \t]+med|"
    r"t\.[ \t]?o\.[ \t]?m\.?)(?:[ \t]+den)?[ \t]*$",
    re.IGNORECASE,
)
_WEAK = re.compile(r"\bsenast\b|\bsista dag\b", re.IGNORECASE)
# "… bjuder därför in … att lämna synpunkter före den 25 februari 2019": "före" as "senast", only right after the
# answer itself ("ska vara antagna före den 1 januari 2022" is a decision's day)
_BEFORE_DAY = re.compile(r"\b(?:synpunkter(?:na)?|svar(?:et|en)?|yttranden?|yttrandet|remissvar(?:et|en)?)"
                         r"(?:[ \t]+[\wåäö]+){0,3}?[ \t]+före(?:[ \t]+den)?[ \t]*$", re.IGNORECASE)
# The day an uppdrag or utredning reports by is no answer day: "Uppdraget ska i stället redovisas senast den 28 februari
# 2020", "ska i stället lämna en slutredovisning senast den 31 december 2022", "utredarens uppdrag skall vara avslutat
# senast den 1 januari 2005", "lämna sitt slutbetänkande senast den 1 oktober 2001" (unless the sentence is about answers)
_REPORT_DAY = re.compile(r"\b(?:(?:slut|del)?redovis\w*|(?:slut|del)?betänkande\w*|uppdrag\w*[ \t]+ska(?:ll)?\b[^.]{0,40}?\bvara[ \t]+"
                         r"avslutat)\b[^.]{0,80}$", re.IGNORECASE)
_ABOUT_ANSWER = re.compile(r"\bsvar|synpunkt|yttra|remiss", re.IGNORECASE)
# A weak cue ("senast", "sista dag") in a sentence about another act than the answer: a decision, an application, a
# report, a payment (round 20: "Sista dag för ansökan om bidrag är …", "Kommunen ska senast … redovisa arbetet").
_OTHER_ACT = re.compile(r"\b(?:beslut\w*|ansök\w*|anmäl\w*|redovis\w*|betal\w*|faktur\w*|bidrag\w*)", re.IGNORECASE)
# "Remisstiden pågår från … till och med", "Samrådstiden är 1 mars–": the end of the period is the deadline.
_PERIOD = re.compile(
    r"(?:(?:remiss|samråd|gransknings?|utställning)(?:s?tiden|s?perioden|et|en)?|remissen)\s+(?:pågår|är|löper)\s+"
    r"(?:från|fr\.o\.m\.)?.{0,40}?(?:\btill(?: och med)?|[–-])\s*(?:den\s*)?$",
    re.IGNORECASE | re.DOTALL,
)
# "Samrådsperiod 9 april – 22 maj 2024", "Under tiden 26 juni – 20 augusti 2023 finns förslaget …", "ställa ut förslag …
# från och med torsdagen den 10 december till 15 januari 2021", "Mellan den 13 februari och den 26 april 2020 var det
# möjligt att lämna synpunkter": a period's end is the deadline when its sentence is about the remiss.
_FROM_TO = re.compile(
    # "lämna synpunkter på strategin under perioden 29 oktober till 10 december 2021"
    r"(?:\b(?:från(?:[ \t]+och[ \t]+med)?|fr\.o\.m\.?|under[ \t]+(?:tiden|perioden)|mellan)\b|"
    r"(?:remiss|samråds?|gransknings?|utställnings?)(?:tid|period)(?:en)?\b)"
    r"[^.]{0,50}?(?:\btill(?:[ \t]+och[ \t]+med)?|\boch|[–-])[ \t]*(?:den[ \t]*)?$",
    re.IGNORECASE)
# "Vattentjänstplanen har varit på samråd under tiden 12 februari–18 mars 2024": an earlier stage's period.
_EARLIER_STAGE = re.compile(r"\b(?:har|hade)[ \t]+varit\b|\b(?:var|pågick|gick)[ \t]+(?:ute|på)\b", re.IGNORECASE)
_ABOUT_REMISS = re.compile(r"synpunkt|yttra|remiss|samråd|ställ\w{0,10}[ \t]+ut\b|utställning|granskning", re.IGNORECASE)
# "För kommunerna finns dock möjlighet att inkomma med svaren fram till den 8 juni": a later date given to
# kommunerna alone is the kommun's own deadline (the registrator works for a kommun).
_KOMMUN_AUDIENCE = re.compile(r"\bför kommuner(?:na)?\b|\bkommuner(?:na)? (?:har|får|kan|ges|medges)\b", re.IGNORECASE)
# "Regionen behöver kommunernas synpunkter senast 1 februari 2027 för att hinna lämna sitt yttrande till Trafikverket
# senast den 28 februari 2027": a body passing a remiss on names its own deadline to the original remittent too. That date
# is not ours; it is set aside, named in a warning.
_ONWARD = re.compile(
    # only right after the date asked of us: "För att kunna beakta synpunkterna ska de ha kommit in senast …" is ours
    r"(?:\d|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)[ \t,]+"
    r"för att (?:hinna|kunna)\b[^.]{0,120}$|"
    r"\b(?:vårt|vår|våra|regionens|länsstyrelsens|förbundets|kommunens)[ \t]+(?:egna?[ \t]+|samlade[ \t]+)?"
    r"(?:yttrande|remissvar|svar)\b[^.]{0,60}\btill[ \t]+[A-ZÅÄÖ][^.]{0,60}$",
    re.IGNORECASE)
_INTERNAL = re.compile(r"svar till kansliet|till (?:förvaltningens )?kansli(?:et)?\b|internt", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"träd(?:er|a|de) i kraft|ikraftträd|publicera|sammanträde|möte|tidigare|skickades|beslutade|"
    r"protokoll|daterad|\bankom\b|\bank\.|förlängs|förlängd till|"
    # "Skrivelsen inkom den 3 mars" (the day a paper arrived), not the imperative "Vänligen inkom med yttrande senast …"
    r"\binkom\b(?![ \t]+med\b)|"
    # a page's own dates: "Senast granskad: 31 mars 2021", "Senast uppdaterad 2021-03-31"
    r"senast (?:granskad|uppdaterad|ändrad|publicerad|reviderad)|"
    # round 16: the day the document itself is to be adopted ("… klimatstrategier, som ska antas senast den 15 oktober
    # 2019", fresh10 k17): a decision's day, not the answer's
    r"\b(?:ska|skall)[ \t]+(?:antas|fastställas|beslutas)\b",
    re.IGNORECASE,
)
# A sentence that opens with the date: "Senast den 5 december önskar kommunen …", "Fram till den 6 oktober finns …".
_OPENING = re.compile(r"(?:senast|fram till(?: och med)?)(?:[ \t]+den)?", re.IGNORECASE)
# "Sista datum för ett andra remissvar på … är satt till 2021-09-30": the cue is far from the date it names.
# ("Sista dg att svara på remissen är den 14 april 2024": a page's slip for "dag", round 32)
_LAST_DAY_IS = re.compile(r"\bsista (?:datum|dag|dg|svarsdag)(?:en)?\b[^.]{0,120}?\b(?:är|blir|var)"
                          r"(?:[ \t]+satt)?(?:[ \t]+till)?"
                          r"(?:[ \t]+den)?[ \t]*$", re.IGNORECASE)
# A list of remisser under a "Remiss  Svarsdag" header: the date that ends an item's line is its answer day.
_ANSWER_COLUMN = re.compile(r"^[^\n]{0,60}\b(?:sista[ \t]+)?svars(?:dag|datum)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_ANSWER_AFTER = re.compile(r"svar|synpunkt|yttrande|yttra sig", re.IGNORECASE)
_LETTER_LABEL = re.compile(r"\b(?:Datum|Publicerad|Publicerat)\s*:?\s*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?:[.!?]\s+(?=[A-ZÅÄÖ])|\n\s*\n)")
# "… är ute på remiss fram till den 22 januari 2016. 2015-11-20 14:05:54": a date in figures right after a sentence's
# full stop (a news feed's time stamp) starts a sentence of its own; not after an abbreviation ("t.o.m. 2016-01-22")
_STOP_BEFORE = re.compile(r"(?<=[\wåäö]{2})[.!?][ \t]+\Z")
_ISO_AT = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")


@dataclass(frozen=True)
class DeadlineFinding:
    """What the deadline search found, with spans for evidence."""

    letter_date: date | None
    letter_span: tuple[int, int] | None
    deadline: date | datetime | None
    deadline_span: tuple[int, int] | None
    internal_deadline: date | datetime | None
    warnings: tuple[str, ...]


def _sentence_before(text: str, pos: int, limit: int = 160) -> str:
    start = max(0, pos - limit)
    chunk = text[start:pos]
    if _STOP_BEFORE.search(chunk) and _ISO_AT.match(text, pos):
        return ""
    breaks = list(_SENTENCE_BREAK.finditer(chunk))
    return chunk[breaks[-1].end():] if breaks else chunk


def find_letter_date(text: str, dates: list[DateMatch]) -> DateMatch | None:
    """Return the date the letter was written, or None."""
    for dm in dates:
        if dm.year and _LETTER_LABEL.search(text[max(0, dm.start - 12):dm.start]):
            return dm
    head_limit = max(400, len(text) // 3)
    for dm in dates:
        if dm.start > head_limit or dm.year is None:
            continue
        line_start = text.rfind("\n", 0, dm.start) + 1
        line_end = text.find("\n", dm.end)
        line_end = len(text) if line_end == -1 else line_end
        line = text[line_start:line_end].strip()
        raw = text[dm.start:dm.end]
        if dm.kind == "iso" and " " not in raw and line == raw:
            return dm
        if re.fullmatch(r"[A-ZÅÄÖ][\wåäö]+(?: [A-ZÅÄÖ][\wåäö]+)?,? den " + re.escape(raw.replace("den ", "")), line):
            return dm
    return None


# "… remissmöte torsdagen den 13 januari kl. 9.00. Samma datum och tidpunkt är också deadline för att svara": the
# next sentence makes the date (named for a meeting) the deadline too.
_SAME_DAY_AFTER = re.compile(
    r"[.,;][ \t]+(?:och[ \t]+)?(?:Samma|samma|Det|det|Detta|detta)[ \t]+(?:datum|dag)(?:[ \t]+och[ \t]+"
    r"(?:tid(?:punkt)?|klockslag))?[ \t]+är[ \t]+(?:också[ \t]+|även[ \t]+)?(?:deadline|sista[ \t]+(?:svars)?dag(?:en)?|"
    r"svarsdatum|sista[ \t]+dag(?:en)?[ \t]+för[ \t]+(?:att[ \t]+svara|svar))")


def _score(text: str, dm: DateMatch) -> tuple[int, bool]:
    """Return (score, internal) for a date as the answer deadline; score 0 means not a deadline."""
    same = _SAME_DAY_AFTER.search(text, dm.end, dm.end + 250)
    if same and same.start() - dm.end <= 40 and "\n" not in text[dm.end:same.start()]:
        return 3, False
    before = _sentence_before(text, dm.start)
    near = before[-90:]
    # An item of a "Remiss  Svarsdag" list: the column gives the date its role, so a word of the item's name ("… som
    # påverkats av tidigare verksamheter – DS468 22 maj 2017") is no veto; a line that opens with a page label
    # ("Senast uppdaterad 2017-05-08") keeps it.
    column = _in_answer_column(text, dm) and \
        not _NEGATIVE.match(text[text.rfind("\n", 0, dm.start) + 1:dm.start].lstrip())
    if _NEGATIVE.search(near[-45:]) and not column:
        return 0, False
    internal = bool(_INTERNAL.search(near))
    if _PERIOD.search(before) or _LAST_DAY_IS.search(before):
        if not _PERIOD.search(before) and _OTHER_ACT.search(before) and not _ABOUT_ANSWER.search(before):
            return 0, False  # "Sista dag för ansökan om bidrag är den 1 februari 2027"
        return 3, internal
    if _STRONG.search(near):
        if not internal and _KOMMUN_AUDIENCE.search(before):
            return 4, False
        return (1 if internal else 3), internal
    if column:
        return 2, internal
    if _FROM_TO.search(before) and _ABOUT_REMISS.search(before + _sentence_after(text, dm.end)) and \
            not _EARLIER_STAGE.search(before):
        return (1 if internal else 2), internal
    if _REPORT_DAY.search(before) and not _ABOUT_ANSWER.search(before):
        return 0, False
    if _WEAK.search(near[-40:]) or _BEFORE_DAY.search(near) or _OPENING.fullmatch(before.strip()):
        if _OPENING.fullmatch(before.strip()) and not _ANSWER_AFTER.search(_sentence_after(text, dm.end)):
            return 0, False  # "Senast den 30 april ska planen sändas in till regeringen": not the answer
        sentence = before + _sentence_after(text, dm.end)
        if _OTHER_ACT.search(sentence) and not _ABOUT_ANSWER.search(sentence):
            return 0, False  # "Kommunfullmäktige beslutar om planen senast den 30 juni 2027": another act's day
        return (1 if internal else 2), internal
    return 0, False


def _in_answer_column(text: str, dm: DateMatch) -> bool:
    """Tell whether the date ends a line of a list headed by a "Svarsdag" column, with no blank line between."""
    if text[dm.end:dm.end + 1] not in ("\n", "") or dm.year is None:
        return False
    header = None
    for header in _ANSWER_COLUMN.finditer(text, max(0, dm.start - 600), dm.start):
        pass
    return header is not None and not re.search(r"\n[ \t]*\n", text[header.end():dm.start])


def _sentence_after(text: str, pos: int, limit: int = 160) -> str:
    chunk = text[pos:pos + limit]
    end = _SENTENCE_BREAK.search(chunk)
    return chunk[:end.start()] if end else chunk


# A deadline without a year is read in the year that follows the letter's date within this many days; a remiss
# gives weeks to a few months, so a day further on (or a letter without a date) leaves the year to the registrator.
UNAMBIGUOUS_DAYS = 183


def find_deadline(text: str, reference_date: date | None = None, *, sent: date | None = None) -> DeadlineFinding:
    """Return the letter date and the answer deadline of a missiv; `sent` is the date of the e-mail it came in."""
    warnings: list[str] = []
    dates = find_dates(text)
    letter = find_letter_date(text, dates)
    letter_day = letter.resolve(None) if letter else None
    dated = letter_day or sent  # what the letter itself says about when it was written
    anchor = dated or reference_date

    scored: list[tuple[int, bool, DateMatch, date | datetime, tuple[int, int]]] = []
    onward: list[date] = []
    missing_year = False
    for dm in dates:
        if letter is not None and dm is letter:
            continue
        score, internal = _score(text, dm)
        if score == 0:
            continue
        if _ONWARD.search(_sentence_before(text, dm.start)[-200:]):
            day = dm.resolve(anchor)
            if day is not None:
                onward.append(day)
            continue
        day = dm.resolve(anchor)
        if day is None:
            missing_year = missing_year or dm.year is None
            continue
        clock = find_time_near(text, dm)
        value = combine(day, clock)
        span = (min(dm.start, clock[2]) if clock else dm.start, max(dm.end, clock[3]) if clock else dm.end)
        scored.append((score, internal, dm, value, span))

    if onward:
        own = ", ".join(sorted({d.isoformat() for d in onward}))
        if scored:
            warnings.append(f"Brevet nämner också avsändarens egen svarsfrist till en annan myndighet ({own}); "
                            "den räknas inte som er svarsfrist.")
        else:
            warnings.append(f"Brevet nämner avsändarens egen svarsfrist till en annan myndighet ({own}) men ingen "
                            "svarsfrist till er; fyll i den själv.")
            return DeadlineFinding(letter_day, _span(letter), None, None, None, tuple(warnings))
    if not scored:
        if missing_year:
            warnings.append("Svarsfristen saknar årtal och brevets datum hittades inte; ange ett referensdatum.")
        else:
            warnings.append("Ingen svarsfrist hittades i missivet.")
        unsure = uncertain_short_dates(text)
        if unsure:  # "senast 22-03-25" and no year of the text's own to tell 2022 from 2025
            warnings.append(f"Datumet {unsure[0]} har tvåsiffrigt årtal och texten avgör inte vilket år det är; "
                            "fyll i svarsfristen själv om det är den.")
        return DeadlineFinding(letter_day, _span(letter), None, None, None, tuple(warnings))

    best_score = max(s[0] for s in scored)
    best = [s for s in scored if s[0] == best_score]
    if best_score == 4 and len({_as_date(s[3]) for s in scored if s[0] >= 3}) > 1:
        warnings.append("Kommunerna har en egen svarsfrist i remissen; den valdes framför de övriga remissinstansernas.")
    internal_value = None
    internals = [s for s in scored if s[1] and s[0] < best_score]
    if internals:
        internal_value = internals[0][3]
        warnings.append(
            f"Ett internt svarsdatum ({_iso(internal_value)}) hittades men remittentens svarsfrist valdes."
        )
    distinct = sorted({_as_date(s[3]) for s in best})
    timed = {_as_date(s[3]) for s in best if isinstance(s[3], datetime)}
    if len(distinct) > 1 and len(timed) == 1:
        # A deadline with a clock time is the letter's own instruction ("tillhanda senast
        # 2010-03-31 kl 12.00"); undated-by-hour ones nearby are proposals or decisions quoted.
        chosen = next(s for s in best if isinstance(s[3], datetime))
        listing = ", ".join(d.isoformat() for d in distinct)
        warnings.append(f"Flera svarsfrister hittades ({listing}); den med klockslag valdes.")
    elif len(distinct) > 1:
        chosen = min(best, key=lambda s: (_as_date(s[3]), s[2].start))
        listing = ", ".join(d.isoformat() for d in distinct)
        warnings.append(f"Flera svarsfrister hittades ({listing}); den tidigaste valdes.")
    else:
        # Prefer the mention that carries a clock time.
        chosen = max(best, key=lambda s: isinstance(s[3], datetime))
    if chosen[2].year is None:
        said = " ".join(text[chosen[2].start:chosen[2].end].split())
        if dated is None:
            warnings.append(f"Svarsfristen (”{said}”) saknar årtal och brevet har inget datum; året "
                            f"{_as_date(chosen[3]).year} räknades fram från referensdatumet – kontrollera det.")
        elif (_as_date(chosen[3]) - dated).days > UNAMBIGUOUS_DAYS:
            warnings.append(f"Svarsfristen (”{said}”) saknar årtal, och brevets datum ({dated.isoformat()}) avgör inte "
                            "vilket år som menas; fyll i svarsfristen.")
            return DeadlineFinding(letter_day, _span(letter), None, None, internal_value, tuple(warnings))
        else:
            source = "brevets datum" if letter_day else "e-postmeddelandets datum"
            warnings.append(f"Svarsfristen (”{said}”) saknar årtal; {_as_date(chosen[3]).year} föreslås utifrån "
                            f"{source} ({dated.isoformat()}) – kontrollera året.")
    return DeadlineFinding(letter_day, _span(letter), chosen[3], chosen[4], internal_value, tuple(warnings))


def _span(dm: DateMatch | None) -> tuple[int, int] | None:
    return (dm.start, dm.end) if dm else None


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _iso(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if isinstance(value, datetime) else value.isoformat()
