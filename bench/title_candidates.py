"""Title candidates of a missiv and their features, for the learned ranker of bench/title_cv.py (an experiment).

Every line near the top of the letter, the forwarded mail's subject, the object of "remiss av/om …", a "förslag till
…" phrase, a quoted name and the rule parser's own title become candidates; each gets a few plain features (where it
stands, how long it is, what words it holds, whether it is page chrome). A weight per feature, learned on annotated
letters, scores them; the best candidate wins unless a "no title" option scores higher. It did not beat the rules
(bench/results-missiv.md, "Title cross-validation"), so it stays a bench tool and the parser does not use it.
Since round 33 remiss/missiv/title_ranker.py holds the parser's copy of these candidates and features (its scans
bounded), used only to fill the offered title_alternatives; this one stays as it was for title_cv.py's tables
(--clean runs it on the code of old commits).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from remiss.missiv.bodies import find_bodies
from remiss.missiv.email import innermost, unquote

try:
    from remiss.missiv.headline import plausible_heading
    from remiss.missiv.title_subject import clean_subject
    from remiss.missiv.title_trim import DOC_LEAD, REMISS_LEAD, tidy
except ImportError:  # an older parser (bench/title_cv.py --clean runs these candidates on the code of a806926)
    from remiss.missiv import title as _old

    DOC_LEAD, clean_subject, tidy = _old._DOC_LEAD, _old.clean_subject, _old._tidy
    REMISS_LEAD = re.compile(r"^(?:Remiss|Remittering)\b(?:[ \t]+(?:av|om|angående|avseende|gällande|över))?", re.I)

    def plausible_heading(line: str) -> bool:
        return _old._headline(line)[0] is not None

NONE = "<ingen titel>"  # the candidate that stands for leaving the title empty
_NEUTRAL = str.maketrans({"*": " ", "\u00a0": " ", "\u00ad": " ", "\r": " ", "\t": " ", "\\": " ", "\u2007": " "})
_LINES = 40

_PHRASES = {
    "remiss_object": re.compile(r"\b(?:[Rr]emiss(?:en)?|[Rr]emittering)[ \t]+(?:av|om|angående|avseende|gällande|över)"
                                r"[ \t]+([^\n.]{3,200})"),
    "forslag": re.compile(r"\b([Ff]örslag(?:et)?[ \t]+(?:till|om|på)[ \t]+[^\n.,;]{3,150})"),
    "quoted": re.compile(r"[”“\"]([^”“\"\n]{3,150})[”“\"]"),
    "tycka_till": re.compile(r"\b(?:synpunkter på|tycka till om|tyck till om|yttra (?:dig|er|sig) över|yttrande över)"
                             r"[ \t]+([^\n.]{3,150})", re.IGNORECASE),
}
_DOC_NOUN = re.compile(r"(?:plan|program|strategi|föreskrift|förslag|promemoria|betänkande|utredning|policy|riktlinje|"
                       r"ändring|översyn|naturreservat|vattenskydd|detaljplan|förordning|lag|direktiv|vägledning|"
                       r"rapport|bestämmelse|taxa|reglemente|handlingsprogram)", re.IGNORECASE)
_DESIGNATION = re.compile(r"\b(?:SOU|Ds|[A-ZÅÄÖ]{1,6}-?FS)[ \t]+\d{4}:\d+|\b(?:19|20)\d\d\b")
_FINITE = re.compile(r"\b(?:är|har|ska|skall|kommer|finns|skickas|kan|får|gäller|innebär|omfattar|vill|behöver|"
                     r"blir|går|tar|ger)\b", re.IGNORECASE)
_PROCEDURE = re.compile(r"\b(?:remiss|samråd|granskning|utställning|yttrande|synpunkter)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """One possible title and the features that speak for or against it."""

    value: str
    features: dict[str, float] = field(default_factory=dict)


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" .:;,–-").casefold()


def candidates(text: str, rule_title: str | None = None) -> list[Candidate]:
    """Return the title candidates of a letter (the NONE option first), each with its features."""
    whole = unquote((text or "").translate(_NEUTRAL))
    envelope = innermost(whole)
    work = whole[envelope.body_start:] if envelope else whole
    lowered = work.casefold()
    found: dict[str, Candidate] = {}

    def add(raw: str, source: str, position: int | None = None, variant: str = "", **extra: float) -> None:
        value, _ = tidy(raw, (0, len(raw)), lead=True)
        if not value or len(value) < 3 or len(value) > 250:
            return
        key = _norm(value)
        cand = found.setdefault(key, Candidate(value))
        feats = cand.features
        feats[f"src_{source}"] = 1.0
        if variant:
            feats[f"variant_{variant}"] = 1.0
        if position is not None:
            feats["first_line"] = max(feats.get("first_line", 0.0), 1.0 if position == 0 else 0.0)
            feats["early_line"] = max(feats.get("early_line", 0.0), 1.0 if position < 4 else 0.0)
            feats["line_pos"] = min(feats.get("line_pos", 9.0), math.log1p(position))
        if value != re.sub(r"\s+", " ", raw).strip(" .:"):
            feats["trimmed"] = 1.0
        for name, weight in extra.items():
            feats[name] = max(feats.get(name, 0.0), weight)
        if not variant:
            _variants(value, source, work, add)

    if rule_title:
        add(rule_title, "rule")
    if envelope and envelope.subject:
        subject, _ = clean_subject(envelope.subject, envelope.subject_span or (0, 0))
        if subject:
            add(subject, "subject")
    lines = [m for m in re.finditer(r"[^\n]+", work[:8000]) if m.group().strip()]
    for index, line in enumerate(lines[:_LINES]):
        raw = line.group().strip()
        marked = raw.startswith("#")
        raw = raw.lstrip("# ").strip()
        after = lines[index + 1].group().strip() if index + 1 < len(lines) else ""
        add(raw, "line", index, heading_mark=float(marked), ends_stop=float(raw.endswith((".", "!", "?", ":"))),
            over_prose=float(len(after.split()) >= 12), remiss_led=float(bool(_led(raw))))
    for source, pattern in _PHRASES.items():
        for m in list(pattern.finditer(work[:8000]))[:6]:
            line_no = work.count("\n", 0, m.start())
            add(m.group(1), source, None, phrase_early=float(line_no < 15))
    result = [Candidate(NONE, {"none": 1.0})]
    for key, cand in found.items():
        _describe(cand, key, lowered)
        result.append(cand)
    return result


_PROPOSAL = re.compile(r"^(?:[Ff]ör[ \t]+)?[Ff]örslag(?:et)?[ \t]+(?:till|om|på)[ \t]+(?:(?:en|ett|ny|nytt|nya)[ \t]+)?")
_POSSESSIVE = re.compile(r"^(?:Kommunens|Regionens|Länsstyrelsens|Myndighetens|För)[ \t]+")


def _variants(value: str, source: str, work: str, add) -> None:
    """Add the forms of a candidate the annotations may prefer: without "Förslag till", with its place or years."""
    proposal = _PROPOSAL.match(value)
    if proposal and proposal.end() < len(value) - 3:
        add(value[proposal.end():], source, variant="no_proposal")
    possessive = _POSSESSIVE.match(value)
    if possessive:
        add(value[possessive.end():], source, variant="no_possessive")
    words = value.split()
    if 1 <= len(words) <= 6:
        m = re.compile(r"\s+".join(re.escape(w) for w in words) +
                       r"((?:\s+\d{4}[ \t]*[-–][ \t]*\d{4})|(?:\s+(?:för|i)\s+(?:[A-ZÅÄÖ][\wåäö-]+\s+){1,3}"
                       r"(?:kommun|län|region|kommuns)))", re.IGNORECASE).search(work)
        if m:
            add(value + m.group(1), source, variant="extended")


def _led(raw: str) -> bool:
    lead = REMISS_LEAD.match(raw)
    return bool(lead and lead.end()) or bool(DOC_LEAD.match(raw))


def _describe(cand: Candidate, key: str, lowered: str) -> None:
    value, feats = cand.value, cand.features
    words = value.split()
    n = len(words)
    feats["bias"] = 1.0
    for lo, hi in ((1, 1), (2, 3), (4, 8), (9, 15), (16, 25), (26, 999)):
        if lo <= n <= hi:
            feats[f"words_{lo}"] = 1.0
    feats["upper_start"] = float(value[:1].isupper())
    feats["shouted"] = float(value.isupper() and n > 1)
    feats["designation"] = float(bool(_DESIGNATION.search(value)))
    feats["doc_noun"] = float(bool(_DOC_NOUN.search(value)))
    feats["finite_verb"] = float(bool(_FINITE.search(value)))
    feats["procedure_word"] = float(bool(_PROCEDURE.search(value)))
    feats["plausible"] = float(plausible_heading(value))
    feats["digits_heavy"] = float(sum(c.isdigit() for c in value) > len(value) / 3)
    feats["mail_or_link"] = float("@" in value or "http" in value or "www." in value)
    named = sum(m.end - m.start for m in find_bodies(value))
    feats["body_name"] = float(named >= len(value) / 2)
    repeats = lowered.count(key) if len(key) >= 6 else 0
    feats["repeated"] = float(repeats >= 2)
    feats["comma"] = float("," in value)
    feats["sources"] = float(sum(1 for k in feats if k.startswith("src_")))


@dataclass(frozen=True)
class Choice:
    """The ranker's pick: the title (None for "leave it empty") and its probability among the candidates."""

    value: str | None
    probability: float


def choose(cands: list[Candidate], weights: dict[str, float]) -> Choice:
    """Return the highest-scoring candidate under `weights` (a softmax over the letter's candidates)."""
    scores = [sum(weights.get(k, 0.0) * v for k, v in c.features.items()) for c in cands]
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    best = scores.index(top)
    value = None if cands[best].value == NONE else cands[best].value
    return Choice(value, 1.0 / total)

