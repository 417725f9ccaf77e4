"""Round 33: a learned ranker of the letter's title candidates, to fill the choices offered beside the chosen title.

Nine rounds of title rules did not transfer to unseen letters, but a ranker over every plausible candidate (the first
40 lines, the mail's subject, the object of "remiss av/om …", "förslag till …" and "synpunkter på …" phrases, quoted
names, and the forms of these without "Förslag till" or with the place and years the text adds) holds the right title
far more often than the rules' own sources do (bench/results-missiv.md, "Title cross-validation"). As a single pick it
is no better than the rules, so it does not choose the title: it only fills `title_alternatives`, after the rules'
title, so that the right one is more often one click away.

The features and the candidates are the ones bench/title_candidates.py measured; the weights are a conditional logit
(softmax over a letter's candidates) fitted offline by bench/title_fit.py on the seen annotated sets only, written to
data/title_weights.json with the names of those sets. Bounded: candidates come from the first 8,000 characters, a
candidate's place or years and its repetition are looked up in the first 100,000. Pure code: no flask, no I/O but
the weights file read once.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from remiss.missiv.bodies import find_bodies
from remiss.missiv.email import innermost, unquote
from remiss.missiv.fields import reveal_addresses
from remiss.missiv.headline import plausible_heading
from remiss.missiv.title_candidates import plausible
from remiss.missiv.title_offer import offer_key
from remiss.missiv.title_subject import clean_subject
from remiss.missiv.title_trim import DOC_LEAD, REMISS_LEAD, tidy

WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "title_weights.json"
NONE = "<ingen titel>"  # the candidate that stands for leaving the title empty
OFFERED = 3  # the chosen title and the alternatives together, as title_candidates.MAX_OFFERED
# A candidate the ranker gives less than this share is not offered: on bench/title_cv.py --offered (round 33) it kept
# every right title of 600 and cut the alternatives offered from 966 to 705
MIN_PROBABILITY = 0.015
_NEUTRAL = str.maketrans({"*": " ", "\u00a0": " ", "\u00ad": " ", "\r": " ", "\t": " ", "\\": " ", "\u2007": " "})
_LINES = 40
_HEAD_CHARS = 8000  # candidates are read here
_RAW_CHARS = 400  # a longer line or phrase is no candidate (a title is at most 250 characters once tidied)
_SCAN_CHARS = 100_000  # a candidate's extension and repetition are looked up here: linear and bounded

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
_PROPOSAL = re.compile(r"^(?:[Ff]ör[ \t]+)?[Ff]örslag(?:et)?[ \t]+(?:till|om|på)[ \t]+(?:(?:en|ett|ny|nytt|nya)[ \t]+)?")
_POSSESSIVE = re.compile(r"^(?:Kommunens|Regionens|Länsstyrelsens|Myndighetens|För)[ \t]+")
# what the text adds after a short name: its years ("2027–2030") or its place ("för Växjö kommun")
# (blanks at most 10: the text it is matched in has its blanks run together, and `\s+` from every start of a long
# run of blanks read the run to its end each time – quadratic; test_missiv_linear)
_EXTENSION = re.compile(r"((?:\s{1,10}\d{4}[ \t]{0,10}[-–][ \t]{0,10}\d{4})|(?:\s{1,10}(?:för|i)\s{1,10}"
                        r"(?:[A-ZÅÄÖ][\wåäö-]{0,40}\s{1,10}){1,3}(?:kommun|län|region|kommuns)))", re.IGNORECASE)


@dataclass
class Candidate:
    """One possible title and the features that speak for or against it."""

    value: str
    features: dict[str, float] = field(default_factory=dict)


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" .:;,–-").casefold()


def letter_body(text: str) -> tuple[str, str | None]:
    """The text the parser reads (quote marks blanked, addresses revealed, the innermost forwarded message) and the
    innermost mail's cleaned subject: what the parser passes to `candidates`, for bench/title_fit.py."""
    whole = reveal_addresses(unquote((text or "").translate(_NEUTRAL)))
    envelope = innermost(whole)
    work = whole[envelope.body_start:] if envelope else whole
    subject = None
    if envelope and envelope.subject:
        subject = clean_subject(envelope.subject, envelope.subject_span or (0, 0))[0]
    return work, subject


def candidates(work: str, subject: str | None = None, rule_title: str | None = None) -> list[Candidate]:
    """Return the title candidates of a letter's text (the NONE option first), each with its features."""
    head = work[:_HEAD_CHARS]
    scan = work[:_SCAN_CHARS]
    lowered = scan.casefold()
    written = " ".join(scan.split())
    flat = (written, written.lower()) if len(written.lower()) == len(written) else (written.lower(), written.lower())
    found: dict[str, Candidate] = {}

    def add(raw: str, source: str, position: int | None = None, variant: str = "", **extra: float) -> None:
        if len(raw) > _RAW_CHARS:  # prose, not a title; and title_trim's normalise is slow on a line of 8,000
            return
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
            _variants(value, source, flat, add)

    if rule_title:
        add(rule_title, "rule")
    if subject:
        add(subject, "subject")
    lines = [m for m in re.finditer(r"[^\n]+", head) if m.group().strip()]
    for index, line in enumerate(lines[:_LINES]):
        raw = line.group().strip()
        marked = raw.startswith("#")
        raw = raw.lstrip("# ").strip()
        after = lines[index + 1].group().strip() if index + 1 < len(lines) else ""
        add(raw, "line", index, heading_mark=float(marked), ends_stop=float(raw.endswith((".", "!", "?", ":"))),
            over_prose=float(len(after.split()) >= 12), remiss_led=float(_led(raw)))
    for source, pattern in _PHRASES.items():
        for number, m in enumerate(pattern.finditer(head)):
            if number == 6:
                break
            line_no = head.count("\n", 0, m.start())
            add(m.group(1), source, None, phrase_early=float(line_no < 15))
    result = [Candidate(NONE, {"none": 1.0})]
    for key, cand in found.items():
        _describe(cand, key, lowered)
        result.append(cand)
    return result


def _variants(value: str, source: str, flat: tuple[str, str], add) -> None:
    """Add the forms of a candidate the annotations may prefer: without "Förslag till", with its place or years.

    `flat` is the scanned text with its blanks run together, as written and lower-cased: a candidate's words are
    looked up there with str.find, occurrence after occurrence (linear; no pattern compiled per candidate)."""
    proposal = _PROPOSAL.match(value)
    if proposal and proposal.end() < len(value) - 3:
        add(value[proposal.end():], source, variant="no_proposal")
    possessive = _POSSESSIVE.match(value)
    if possessive:
        add(value[possessive.end():], source, variant="no_possessive")
    words = value.split()
    if 1 <= len(words) <= 6:
        written, lowered = flat
        needle = " ".join(words).lower()
        at, tries = lowered.find(needle), 0
        while at != -1 and tries < 50:  # the first 50 occurrences: a candidate repeated all over adds no place
            tries += 1
            m = _EXTENSION.match(lowered, at + len(needle))
            if m:
                add(value + written[m.start(1):m.end(1)], source, variant="extended")
                return
            at = lowered.find(needle, at + 1)


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


def score(cand: Candidate, weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in cand.features.items())


def ranked(cands: list[Candidate], weights: dict[str, float], floor: float = 0.0) -> list[Candidate]:
    """The candidates best first under `weights`, with a probability (softmax over the letter's candidates, the NONE
    option among them) of at least `floor`; the NONE option left out."""
    scores = [score(c, weights) for c in cands]
    top = max(scores)
    total = sum(math.exp(s - top) for s in scores)
    kept = [(s, i) for i, s in enumerate(scores) if cands[i].value != NONE and math.exp(s - top) / total >= floor]
    return [cands[i] for _, i in sorted(kept, key=lambda p: (-p[0], p[1]))]


# a board or office of the body named after it: "Byggnadsnämnden i Lunds kommun", "Kommunstyrelsen, Lunds kommun";
# its word at most 60 characters before the ending ("Samhällsbyggnadsförvaltningen" is 29): with `*` a scan of a long
# run of letters read to its end from every start (quadratic; test_missiv_linear)
_BOARD = re.compile(r"[\wåäöÅÄÖ-]{0,60}(?:nämnden|styrelsen|förvaltningen|kontoret)(?:[ \t]*,|[ \t]+i)?[ \t]*", re.IGNORECASE)


def names_a_body(cand: Candidate) -> bool:
    """Tell whether a candidate is only the name of a public body (its remittent or a board of it), which names no
    matter: mostly a body's name (the "body_name" feature), or a board's in front of one."""
    if cand.features.get("body_name"):
        return True
    mentions = find_bodies(cand.value)
    return bool(mentions) and mentions[-1].end == len(cand.value.rstrip()) and \
        bool(_BOARD.fullmatch(cand.value[:mentions[-1].start]))


@lru_cache(maxsize=1)
def load_weights(path: str = str(WEIGHTS_FILE)) -> dict:
    """The fitted model: {"weights": {feature: weight}, "trained_on": [set names], …}; empty weights if the file is
    missing (the ranker then offers nothing and the rules' alternatives stand)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"weights": {}, "trained_on": []}


def offers(title: str | None, rule_alternatives: list[str], work: str, subject: str | None = None, *,
           weights: dict[str, float] | None = None, limit: int | None = None) -> list[str]:
    """The alternatives to offer beside `title`, up to `limit` titles in all with it: the rules' own first
    alternative (their best other source: a subject, an "Ärende:" line …; when they chose no title, the line they
    withheld), then the ranker's best candidates with a probability of at least MIN_PROBABILITY (no public body's
    name), then the rules' other alternatives; each matter once (title_offer.offer_key) and only what the rules' judgement of a line lets
    name a matter (title_candidates.plausible). `weights` default to the fitted file's; with none, the rules'
    alternatives stand as they are."""
    weights = load_weights()["weights"] if weights is None else weights
    if not weights:
        return list(rule_alternatives)
    limit = limit or OFFERED
    offered: list[str] = [title] if title else rule_alternatives[:1]
    keys = {offer_key(v) for v in offered}
    best = ranked(candidates(work, subject), weights, MIN_PROBABILITY)
    for value in [*rule_alternatives[:1], *best, *rule_alternatives]:
        if len(offered) >= limit:
            break
        if isinstance(value, Candidate):  # the ranker's: never a public body's name
            if names_a_body(value):
                continue
            value = value.value
        key = offer_key(value)
        if key and key not in keys and plausible(value):
            keys.add(key)
            offered.append(value)
    return offered[1:] if title else offered
