"""Find the remittent's diarienummer (sender_dnr) in a missiv."""
from __future__ import annotations

import re
from dataclasses import dataclass

from remiss.missiv.own_answer import is_own_answer, own_number_warning, tells_of_remiss

# Regeringskansliet: Fi2024/01234, Ju2021/01234, S2019/04567/FS, N2015/06917/PUB.
# Older numbers end in the unit and its number: Ju2003/3545/L1, Fi2009/1234/S2; Miljödepartementet wrote its units
# in mixed case: M2013/1234/Ke, M2014/1234/Nm.
RK_DNR = r"(?:[A-ZÅÄÖ][a-zåäö]?|UD|KN|LI|SB)\d{4} ?/\d{2,6}(?:/[A-ZÅÄÖ](?:[A-ZÅÄÖ]{1,4}|[a-zåäö]{1,2})?\d?)?"
# Municipal and agency forms: KS-IOF-2010-00015, STK-2015-175, 15/10, GFN/2010:9,
# 2015/97-IFN-702, 511-3344-2021, RS 2021/1234, KS 2018/14.
LOCAL_DNR = (
    r"(?:[A-ZÅÄÖ]{2,6}(?:-[A-ZÅÄÖ]{2,6})*[- /]?|[A-ZÅÄÖ]{2,6} )?"
    r"\d{1,5}[-–/:.]\d{1,6}(?:[-/:.][A-ZÅÄÖ0-9]{1,8})*"  # "8664–2018": an en dash from a word processor
    r"|\d{2}[A-ZÅÄÖ](?:[A-ZÅÄÖ]{1,4}|[a-zåäö])\d{2,6}"  # year, unit and number run together: 21NHU404, 22Si904
    r"|[A-ZÅÄÖ]\d{2}-\d{3,6}"  # one letter for the kind of ärende, the year and the number: H21-02922
    r"|[A-ZÅÄÖ]\d{1,6}\.\d{1,6}/(?:19|20)\d\d"  # Polismyndigheten: a letter, the number, the year: A123.456/2027
    r"|(?:19|20)\d\d/[A-ZÅÄÖ]{2,6}[ \t]\d{1,6}"  # the year, the board and the number: 2026/KS 0412
    r"|[A-ZÅÄÖ]{2,4}\d{6,8}"  # a region's series and the year and number run together: RS160578
    r"|(?:19|20)\d\d-[A-ZÅÄÖ]{2,6}-\d{1,6}"  # the year, the series and the number: 2026-RUN-1234 (Region Skåne)
    r"|(?!(?:Dnr|Ref|Nr)\b)[A-ZÅÄÖ][a-zåäö]{2}[ \t](?:19|20)\d\d/\d{1,6}"  # an agency's short name: Svk 2022/2981
    # a Regeringskansliet number written with hyphens for its slashes, as a file name may not carry a slash:
    # "Regeringskansliets diarienummer (utan snedstreck), N2016-06713-PBB" (round 32)
    r"|(?:[A-ZÅÄÖ][a-zåäö]?|UD|KN|LI|SB)(?:19|20)\d\d-\d{2,6}(?:-[A-ZÅÄÖ](?:[A-ZÅÄÖ]{1,4}|[a-zåäö]{1,2})?\d?)?"
)
# A number's end: no letter, digit or slash follows, unless the next paragraph's first word runs on into its last
# digit ("Diarienummer: Fi2025/00114Här kan du …", a page whose blocks lost their breaks when copied)
_GLUED = r"(?<=\d)(?=[A-ZÅÄÖ][a-zåäö]{2})"
TOKEN_RE = re.compile(rf"(?<![\w/.-])(?:{RK_DNR}|{LOCAL_DNR})(?:(?![\w/])|{_GLUED})")
RK_RE = re.compile(rf"(?<![\w/.-]){RK_DNR}(?:(?![\w/-])|{_GLUED})")

# The owner's words in front ("vårt dnr", "ange diarienummer") are read by _STRONG_OWNER from the text before
# the cue: an optional group of them here was tried at every position of the text.
_CUE = re.compile(
    r"(?:\bdnr\b|\bdiarienr\b|diarienummer|diarienumret|"
    r"ärendenummer|ärendenumret|\bärende(?:nr|[ \t]+nr)\b|\bdiarie[ \t]+nr\b|\bbeteckning\b|\bref(?:erens)?\s*nr\b|"
    r"\breferensnumm?er\b|"  # "Referensnummer: KS2027/0123" (round 21)
    r"\bvår[ \t]+ref(?:erens)?\b|"
    # "Ärende: RS 2026-0789": the word with a colon (a page's label), not "ärende" in a sentence
    r"\bärende(?=[ \t]*:)|"
    # "märk svaret med RJH 2026/1990", "Märk ert yttrande med": the number the answer must carry
    # "Märk mejl eller brev med Svk 2022/2981" (three words between)
    r"\bmärk(?:[ \t]+[\wåäö]+){1,3}?[ \t]+med\b)\.?\s*:?",
    re.IGNORECASE,
)
_RECEIVER_CUE = re.compile(r"\b(?:ert|er|era)\s+(?:dnr|diarienummer|beteckning|referens)", re.IGNORECASE)
_FILENAME_CUE = re.compile(r"filnamn|utan snedstreck|döp", re.IGNORECASE)
_FILE_AFTER = re.compile(r"^[^\n.]{0,80}\.(?:docx?|pdf|odt|rtf)\b", re.IGNORECASE)
# "Ange ”KSTFU/2022:149” i mejlet", "SKS 2020/3516 i rubrikraden": the number the answer must carry.
_SUBJECT_AFTER = re.compile(
    r"(?<![ \t])[”\"'’]?[ \t]+i[ \t]+(?:rubrikraden|ämnesraden|ämnesfältet|ämnesrutan|adressfältet|mejlet|mailet|e-?postmeddelandet|e-?posten|"
    r"ärendemeningen|e-?postmeddelandets ärendemening)"
    # "Ange 106-2013-2021 på yttrandet", "… i ert remissvar": the number the answer must carry
    r"|(?<![ \t])[”\"'’]?[ \t]+(?:på|i)[ \t]+(?:ert[ \t]+)?(?:yttrandet|yttrande|remissvaret|remissvar|svaret)\b",
    re.IGNORECASE)
_STRONG_OWNER = re.compile(r"\b(?:vårt|ange|anges|med)\b|regeringskansliets", re.IGNORECASE)

# "remissen av promemorian Skattelättnader för arbetskraft (": the remiss named right before a bracket, in the
# same sentence
_REMISS_NAMED = re.compile(r"\bremiss(?:en)?[ \t\n]+(?:av|om|gällande|angående|avseende)[ \t\n]+[^.\n()]{3,160}[ \t]*\Z",
                           re.IGNORECASE)


# A number the line breaks after a hyphen, right after its cue: "501-" at a line's end and "8426-2026" on the next
# (OCR of a scan, a PDF's narrow column). Only digits and a series' capitals before the break, digits after it.
# (No blanks in front: the caller skips them, so that a run of blanks is not retried from each of its positions.)
_BROKEN = re.compile(r"((?:[A-ZÅÄÖ]{2,6}[ -]?)?\d{1,6}-)[ \t]*\n[ \t]*(\d{1,6}(?:[-/:.]\d{1,8}){0,3})(?![\w/-])")


# A kommun's or region's own series: a board's or unit's letters, the year and a number ("KS-IOF-2010-00015",
# "KS 2026/123", "SBN 2025-000123", "KS/2026:12", "BMN 2026-45"). Report and statute series are no diarienummer.
KOMMUN_DNR = (r"(?!(?:SOU|DS|PROP|DIR|BET|COM|KOM|EU|EG|ISO|SS|EN|NJA|HFD|HSLF|[A-ZÅÄÖ]*FS)\b)"  # EIFS 2011:3
              r"[A-ZÅÄÖ]{2,6}(?:-[A-ZÅÄÖ]{2,6})*(?:[ \t]?[-/][ \t]?|[ \t])(?:19|20)\d\d[-–/:.]\d{1,6}")


# A board's or region's series at a line's end, its year and number on the next line (the prefix before a number).
_SERIES_BROKEN = re.compile(r"(?<![\wåäö-])([A-ZÅÄÖ]{2,6})[ \t]*\n[ \t]*\Z")


# an aside in brackets between a cue and its number: "(utan snedstreck)"
# (no blanks around it: a run of blanks tried from each of its positions made the pattern square; the caller strips)
_ASIDE = re.compile(r"\([^()\n]{1,30}\)")
_UPPDRAG = re.compile(r"\b(?:regerings)?uppdrag(?:et)?[ \t]+\Z", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_BELOW = re.compile(r"[^\n.:]{0,40}:[ \t]*\n(?:[ \t]*\n)?[ \t]*[-–•*][ \t]*")
_LONE_LINE = re.compile(rf"^[ \t]*({KOMMUN_DNR})[ \t]*$", re.MULTILINE)


def dnr_in_subject(subject: str | None) -> tuple[str, int] | None:
    """The remittent's diarienummer an e-mail subject carries and where it starts in the subject: a number it ends
    with ("Förlängd svarstid … – Fi2026/01234", "… – KS-IOF-2010-00015"), one in brackets ("[KS 2026/123] Remiss …")
    or one after "dnr" ("Remiss, dnr 2026.0456, …"); None when it carries none."""
    if not subject:
        return None
    # a Regeringskansliet number alone, any other only after "dnr" or in a kommun's form ("SOU 2024:12" is a
    # report's number)
    m = re.search(rf"(?:^|[ \t(\[])(?-i:({RK_DNR}))[)\]]?[ \t.]*\Z", subject) or \
        re.search(rf"(?:^|[ \t(\[])({KOMMUN_DNR})[)\]]?[ \t.]*\Z", subject) or \
        re.search(rf"[(\[][ \t]*(?:dnr[ \t.:]*({LOCAL_DNR})|((?-i:{RK_DNR}|{KOMMUN_DNR})))[ \t]*[)\]]", subject,
                  re.IGNORECASE) or \
        re.search(rf"\b(?:dnr|diarienr|diarienummer)[ \t.:]*({LOCAL_DNR})\)?(?=[ \t.,;)\]]|\Z)", subject, re.IGNORECASE)
    group = next((g for g in range(1, (m.lastindex or 0) + 1) if m.group(g)), None) if m else None
    if group is None or not _looks_like_dnr(m.group(group)):
        return None
    return _clean(m.group(group)), m.start(group)


RK_PREFIX_DEPARTMENT = {
    "Fi": "Finansdepartementet", "Ju": "Justitiedepartementet", "S": "Socialdepartementet",
    "U": "Utbildningsdepartementet", "Ku": "Kulturdepartementet", "Fö": "Försvarsdepartementet",
    "UD": "Utrikesdepartementet", "A": "Arbetsmarknadsdepartementet", "N": "Näringsdepartementet",
    "I": "Infrastrukturdepartementet", "KN": "Klimat- och näringslivsdepartementet",
    "LI": "Landsbygds- och infrastrukturdepartementet", "SB": "Statsrådsberedningen",
}


@dataclass(frozen=True)
class DnrFinding:
    """The chosen diarienummer with its span, and warnings."""

    value: str | None
    span: tuple[int, int] | None
    warnings: tuple[str, ...]
    # where the other numbers stand that were as likely and were set aside (a receiving nämnd's own "Dnr")
    set_aside: tuple[tuple[int, int], ...] = ()
    cueless: bool = False  # taken with no cue in front (_cueless)


def _is_file_name(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 80):start]
    return bool(_FILENAME_CUE.search(before) or _FILE_AFTER.match(text[end:]))


def _clean(token: str) -> str:
    return token.rstrip(".,:;)-")


def find_sender_dnr(text: str) -> DnrFinding:
    """Return the sender's diarienummer, preferring ones introduced by 'vårt dnr' or 'ange diarienummer'."""
    candidates: list[tuple[int, int, int, str]] = []  # (priority, start, end, value)
    # a receiver's own yttrande or tjänsteskrivelse (round 21): its letterhead's numbers are the writer's, the
    # remittent's is the one after "Er beteckning" / "Ert dnr" or in the sentence that tells of the remiss
    answer = is_own_answer(text)
    own: list[tuple[int, int, str]] = []

    def keep(priority: int, start: int, end: int, value: str, cue_start: int, receiver: bool = False) -> None:
        if answer and receiver:
            priority = 4
        elif answer and not tells_of_remiss(text, cue_start) and not RK_RE.fullmatch(value):
            # (a Regeringskansliet number is never a kommun's own: "Diarienummer: Fi2024/00456" stays the sender's)
            own.append((start, end, value))
            return
        candidates.append((priority, start, end, value))

    for cue in _CUE.finditer(text):
        context = text[max(0, cue.start() - 12):cue.end()]
        receiver = bool(_RECEIVER_CUE.search(context))
        if receiver and not answer:
            continue
        window = text[cue.end():cue.end() + 60]
        blanks = len(window) - len(window.lstrip(" \t"))
        broken = _BROKEN.match(window, blanks)
        if broken and _looks_like_dnr(joined := broken.group(1) + broken.group(2)) and TOKEN_RE.fullmatch(joined):
            # "Ange Diarienummer 501-" / "8426-2026.": a number broken after a hyphen at a line's end
            start = cue.end() + broken.start(1)
            keep(3 if _STRONG_OWNER.search(text[max(0, cue.start() - 40):cue.end()]) else 2, start,
                 cue.end() + broken.end(2), _clean(joined), cue.start(), receiver)
            continue
        m = TOKEN_RE.search(window)
        prefix = window[:m.start()] if m else ""
        if m and _DATE.fullmatch(m.group()) and re.search(r"\bdatum\b", text[max(0, cue.start() - 20):cue.start()], re.I):
            # "Datum Diarienr 2014-05-21 2014-101636": a letterhead's labels, then their values in the same order
            after = TOKEN_RE.match(window, m.end() + len(window[m.end():]) - len(window[m.end():].lstrip(" \t")))
            m = after or m
        # "Ange alltid diarienummer; 2014/72078 för samrådet": a semicolon may stand between the cue and the number;
        # "ange följande beteckning i ert remissvar:\n\n  • 21-02333 avseende …": the first of a list below
        if not m or not (re.fullmatch(r"[\s\w,()”\"“':;]{0,40}?", prefix) and "\n\n" not in prefix or
                         _LIST_BELOW.fullmatch(prefix)):
            continue
        start, end = cue.end() + m.start(), cue.end() + m.end()
        value = _clean(m.group())
        series = _SERIES_BROKEN.search(prefix)
        if series and TOKEN_RE.fullmatch(joined := f"{series.group(1)} {m.group()}"):
            # "Märk svaret med diarienummer RJL" / "2026/2345.": a PDF's column broke the number after its series
            start, value = cue.end() + series.start(1), _clean(joined)
        # "döpas till ”Dnr. 6.8.16-3611/16”": a number right after its own cue is the number, not a file name.
        # "diarienummer (utan snedstreck), N2016-06713-PBB": an aside in brackets between them keeps them adjacent
        adjacent = len(_ASIDE.sub("", window[:m.start()]).strip(" ”\"“':,")) == 0 and not _FILE_AFTER.match(text[end:])
        if (not adjacent and _is_file_name(text, start, end)) or not _looks_like_dnr(m.group()):
            continue
        before = text[max(0, cue.start() - 40):cue.end()]
        keep(3 if _STRONG_OWNER.search(before) else 2, start, end, value, cue.start(), receiver)
    for m in TOKEN_RE.finditer(text):
        if _SUBJECT_AFTER.match(text, m.end()) and _looks_like_dnr(m.group()):
            candidates.append((3, m.start(), m.end(), _clean(m.group())))
    for m in RK_RE.finditer(text):
        # "(Ku2023/01161)": a number in brackets refers to another ärende (an uppdrag, an earlier decision), unless
        # it follows the name of the remiss itself: "för remissen av promemorian X (Fi2026/01234)".
        if _is_file_name(text, m.start(), m.end()) or _UPPDRAG.search(text, max(0, m.start() - 30), m.start()):
            continue  # "i enlighet med regeringsuppdraget U2015/191/S": the uppdrag's number, not the remiss's
        if text[max(0, m.start() - 1):m.start()] == "(":
            if _REMISS_NAMED.search(text[max(0, m.start() - 200):m.start() - 1]):
                candidates.append((0, m.start(), m.end(), _clean(m.group())))
            continue
        candidates.append((1, m.start(), m.end(), _clean(m.group())))

    for m in _LONE_LINE.finditer(text):
        # "TRV 2020/62989" alone on a line (a page's first line, a letterhead): a board's series, the year, a number
        if answer:  # a lone number in an answer's letterhead is as likely the writer's own
            own.append((m.start(1), m.end(1), _clean(m.group(1))))
        else:
            candidates.append((1, m.start(1), m.end(1), _clean(m.group(1))))

    if answer:
        # "Vår beteckning  Er beteckning" over "KS 2024/0123  Fi2024/00456": a number an own label reads is own
        owned = {o[2] for o in own}
        candidates = [c for c in candidates if c[3] not in owned]
        if not candidates:
            warning = (own_number_warning([o[2] for o in own]) if own else
                       "Inget diarienummer från remittenten hittades.")
            return DnrFinding(None, None, (warning,), tuple((o[0], o[1]) for o in own))
    if not candidates:
        return _cueless(text)
    top = max(c[0] for c in candidates)
    # "Remiss från kommunstyrelsen, dnr 329-384/2013, för yttrande …" above a nämnd's own "Dnr 201-194/2013": of equal
    # numbers, the one the sentence ties to the remiss is the sender's, wherever it stands
    best = sorted((c for c in candidates if c[0] == top), key=lambda c: (not _ABOUT_REMISS.search(_lead(text, c[1])), c[1]))
    chosen = best[0]
    warnings: list[str] = []
    others = sorted({c[3] for c in best} - {chosen[3]})
    if others:
        warnings.append(f"Flera diarienummer hittades ({', '.join(others)}); {chosen[3]} valdes.")
    joined = chosen[2] - chosen[1] > len(chosen[3]) and "\n" in text[chosen[1]:chosen[2]]
    return DnrFinding(chosen[3], (chosen[1], chosen[2] if joined else chosen[1] + len(chosen[3])), tuple(warnings),
                      tuple((c[1], c[2]) for c in best if c[3] != chosen[3]) + tuple((o[0], o[1]) for o in own))


# A board's series, the year and a number with no cue in front ("Remiss för Sjötrafikutredning del 1 TN 2019-0440 är
# satt till …", "… till Miljö- och Stadsbyggnadsnämnden, NRN 2013/37-265 Registrator"): taken only when no cued number
# is found, with a warning. Only "-" or "/" after the year: "SB PM 2003:2", "ELSÄK-FS 2006:1" are series of reports.
_CUELESS = re.compile(rf"(?<![\w/.-])(?=[A-ZÅÄÖ]{{2,6}}[- /])(?:{KOMMUN_DNR.replace('[-–/:.]', '[-/]')})(?:-\d{{1,6}})?"
                      r"(?![\w/]|[:.]\d)")
# the receiver's own registration of the remiss: "Diarieförd som KS 2012/118", "registrerad under"
_REGISTERED = re.compile(r"\b(?:diarieför|registrera)[\wåäö]*(?:[ \t]+[\wåäö]+){0,2}[ \t]+\Z", re.IGNORECASE)


def _cueless(text: str) -> DnrFinding:
    """Return the first board-series number in the text when no cue introduces any, with a warning."""
    for m in _CUELESS.finditer(text):
        if _REGISTERED.search(text, max(0, m.start() - 40), m.start()) or _is_file_name(text, m.start(), m.end()):
            continue
        value = _clean(m.group())
        return DnrFinding(value, (m.start(), m.start() + len(value)),
                          (f"Diarienumret {value} står utan ledtext (”Dnr”, ”Diarienummer”); kontrollera att det är "
                           "remittentens.",), cueless=True)
    return DnrFinding(None, None, ("Inget diarienummer från remittenten hittades.",))


_ABOUT_REMISS = re.compile(r"\bremiss|\bför[ \t]+yttrande\b", re.IGNORECASE)


def _lead(text: str, start: int) -> str:
    """Return the words before a number on its own line, back to the line's start (at most 120 characters)."""
    return text[max(text.rfind("\n", 0, start) + 1, start - 120):start]


def _looks_like_dnr(token: str) -> bool:
    token = _clean(token)
    # A bare date or a phone number is not a diarienummer.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token) or re.fullmatch(r"0\d{1,3}-\d{5,8}", token) or \
            re.fullmatch(r"(?:19|20)\d\d–(?:19|20)\d\d", token):  # "2022–2033": a period, not a number
        return False
    return any(ch.isdigit() for ch in token)


def department_from_dnr(dnr: str | None) -> str | None:
    """Return the department implied by a Regeringskansliet diarienummer prefix, if unambiguous."""
    if not dnr:
        return None
    m = re.match(r"([A-ZÅÄÖ][a-zåäö]?|UD|KN|LI|SB)\d{4} ?/", dnr)
    return RK_PREFIX_DEPARTMENT.get(m.group(1)) if m else None
