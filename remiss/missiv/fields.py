"""Find the smaller fields of a missiv: title, remittent, contact person and e-mail addresses."""
from __future__ import annotations

import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüø]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_TITLE_WORD = re.compile(
    r"(?:samordnare|sekreterare|chef|handläggare|ledare|direktör|ansvarig|utredare|jurist|rådgivare|"
    r"strateg|controller|assistent|registrator|kansli|ordförande)$",
    re.IGNORECASE,
)
# "Miljö- och energidepartementet", "Kultur-, fritids- och idrottsnämnden" as well as "Kulturnämnden".
# A name starts a word and its words are bounded ({0,60}): unbounded and from any position, a search backtracked
# through every following character from every start, and a 20,000-letter line took a minute (found fuzzing the API).
_BODY = (r"\b(?:[A-ZÅÄÖ][\wåäö]{0,60}-(?:,\s+[a-zåäö][\wåäö]{0,60}-){0,10}\s+och\s+[a-zåäö][\wåäö-]{0,60}"
         r"|[A-ZÅÄÖ][\wåäö-]{0,60})"
         r"(?:departementet|nämnden|styrelsen|kontoret|förvaltningen|verket|myndigheten|inspektionen|kansliet|rådet"
         r"|fullmäktige)")

# Line starts are followed by [ \t]*, not \s*: with re.MULTILINE, \s* ran from every line start across all the
# blank lines after it, and a text of blank lines took time squared.
_TITLE_PATTERNS = [
    re.compile(r"^[ \t]*Ärende(?:t|mening)?\s*:\s*(.+?)\s*$", re.MULTILINE),
    re.compile(r"^[ \t]*#\s+(.+?)\s*$", re.MULTILINE),
    re.compile(r"^[ \t]*(?:Rubrik|Remiss(?:ens titel)?)\s*:\s*(.+?)\s*$", re.MULTILINE),
    re.compile(
        r"(?:^|(?<=\s))(Remiss (?:angående|avseende|gällande|av|om|över|från \w+ om)\s+[^\n]+?)"
        r"(?=\s+[A-ZÅÄÖ]{2,6}(?:\s|$)|\s+(?:Dnr|Diarienummer|Den|Bakgrund)\b|\n|$)",
        re.MULTILINE,
    ),
]

_REMITTENT_PATTERNS = [
    (re.compile(rf"ska(?:ll)? vara ({_BODY}) tillhanda", re.I), 4),
    (re.compile(rf"ska(?:ll)? ha (?:kommit in|inkommit) till ({_BODY})", re.I), 3),
    (re.compile(rf"(?:ska(?:ll)? lämnas|skickas|sänds) till ({_BODY})", re.I), 2),
    (re.compile(rf"\bsom ({_BODY}) har remitterat", re.I), 3),
    (re.compile(rf"remiss(?:var)?(?:en)? (?:från|som (?:har )?kommit (?:in )?till) ({_BODY})", re.I), 2),
    (re.compile(rf"({_BODY}) (?:har )?remitter(?:ar|at)", re.I), 2),
    (re.compile(rf"^[ \t]*(?:[A-ZÅÄÖ][a-zåäö]+ (?:stad|kommun|region)\s+)?({_BODY})\s+\d+\s*\(\d+\)", re.M), 1),
]


def find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the ärendemening (title) and its span."""
    for pattern in _TITLE_PATTERNS:
        m = pattern.search(text)
        if m and 3 <= len(m.group(1)) <= 250:
            value = re.sub(r"\s+", " ", m.group(1)).strip(" .:")
            return value, m.span(1)
    return None, None


def find_remittent(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the body that sent the remiss and expects the answer."""
    addressed = re.search(r"ställt till (\w+),?\s+ska(?:ll)? vara (\w+?)s expedition", text, re.I)
    if addressed:
        value = f"{addressed[1].capitalize()} ({addressed[2].capitalize()})"
        return value, addressed.span()
    best: tuple[int, int, re.Match] | None = None
    for pattern, weight in _REMITTENT_PATTERNS:
        for m in pattern.finditer(text):
            if best is None or weight > best[0]:
                best = (weight, m.start(), m)
            break
    if best is None:
        return None, None
    m = best[2]
    value = m.group(1)
    return value[0].upper() + value[1:], m.span(1)


_CONTACT_CUES = re.compile(
    r"(?:handläggande tjänste(?:man|person)(?: på [\wåäö ]+?)? är|kontaktperson(?:er)?\s*:?|"
    r"frågor (?:under remisstiden |om remissen |i ärendet )?(?:kan )?(?:ställas|besvaras) (?:till|av)|"
    r"upplysningar (?:i ärendet |om remissen )?(?:lämnas|ges) av|vår referens|handläggare\b\s*:?|kontaktperson\b|"
    r"kontakta gärna|för frågor(?:,)? kontakta)\s*",
    re.IGNORECASE,
)


def find_contact(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the remittent's contact person (handläggare) and its span."""
    for cue in _CONTACT_CUES.finditer(text):
        m = re.compile(
            rf"(?:[A-ZÅÄÖ]\.?\s){{0,2}}\[?({_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})"
        ).match(text, cue.end())
        if not m:
            continue
        words = m.group(1).split()
        while len(words) > 2 and _TITLE_WORD.search(words[-1]):
            words.pop()
        name = " ".join(words)
        return name, (m.start(1), m.start(1) + len(name))
    return None, None


_ANSWER_CUE = re.compile(
    r"(?:e-?post|e-mail|mejl|mail)\s+till|skickas (?:per e-post )?till|lämnas (?:per e-post )?till|"
    r"sänds (?:per e-post )?till|ska(?:ll)? ha kommit in till",
    re.IGNORECASE,
)
_COPY_CUE = re.compile(r"(?:med )?kopia (?:till|på)|\bcc\b|samt till|\boch\b", re.IGNORECASE)


def find_emails(text: str) -> tuple[str | None, tuple[int, int] | None, list[str]]:
    """Return the address answers go to, its span, and the addresses to copy."""
    for cue in _ANSWER_CUE.finditer(text):
        sentence_end = _sentence_end(text, cue.end())
        first = EMAIL_RE.search(text, cue.end(), sentence_end)
        if not first or not _near(text, cue.end(), first.start()):
            continue
        if not re.search(r"svar|yttrande|synpunkter", text[max(0, cue.start() - 200):sentence_end], re.I):
            continue
        copies: list[str] = []
        for m in EMAIL_RE.finditer(text, first.end(), sentence_end):
            if _COPY_CUE.search(text[first.end():m.start()]) and m.group() != first.group():
                copies.append(m.group().rstrip("."))
        return first.group().rstrip("."), first.span(), list(dict.fromkeys(copies))
    return None, None, []


def _near(text: str, start: int, end: int) -> bool:
    gap = re.sub(r"\[[^\]]*\]\(mailto:", "", text[start:end])
    return len(gap) <= 60


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"\.(?=\s+[A-ZÅÄÖ])|\n\s*\n").search(text, pos)
    return m.start() if m else len(text)
