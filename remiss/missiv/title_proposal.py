"""Round 25: name the proposal a page keeps coming back to ("förslaget till fördjupad översiktsplan …") when its
heading names none ("Tyck till om förslaget", "HaV:s förslag till havsplaner på granskning i tre månader: ”…”").

Read last, only when nothing else gave a title. A mention counts only where it is plainly complete: it ends its
sentence or line, or the text goes on with what is done with it ("… har tagits fram", "… på granskning"). Mentions cut
off by a clause or a comma say nothing about where the name ends and are left aside. The complete mentions must agree:
each is the start of the longest one ("fördjupad översiktsplan" and "fördjupad översiktsplan för de sydöstra
stadsdelarna"), otherwise the text names two matters and the title stays empty. A mention that only ends its sentence
("Vi har läst förslag till nya regler och skickar ett yttrande.") may run on into prose the stop does not show: it
counts only beside one that ends its line or is reported on.
"""
from __future__ import annotations

import re

from remiss.missiv.title_trim import tidy

# "förslaget till X", "förslag till X": not a deictic or possessive ("förslaget till den fördjupade …", "till kommunens
# …"), which describes the document rather than naming it. The name is taken to the end of its line, at most 150
# characters (linear: one scan a mention); where it ends inside that is decided below.
_MENTION = re.compile(r"(?<![\wåäö-])[Ff]örslag(?:et)?[ \t]+till[ \t]+"
                      r"(?!(?:den|det|de|denna|detta|dessa|vår|vårt|våra|ett|en|er|ert|era|sin|sitt|sina|regeringen|"
                      r"beslut|yttrande|kommunfullmäktige|kommunstyrelsen|regionfullmäktige|regionstyrelsen|nämnden)\b|"
                      r"[\wåäö-]+s[ \t])"
                      r"([a-zåäöA-ZÅÄÖ0-9][^\n]{2,150})")
# What ends a complete mention: the sentence's stop, or the report of what is done with the proposal.
_COMPLETE_END = re.compile(r"(?<![ \t])(?:\.(?:[ \t]|\Z)|[ \t]*\Z|[ \t]+(?:har|hade)[ \t]+(?:nu[ \t]+)?"
                           r"(?:tagits[ \t]+fram|upprättats|utarbetats)\b|"
                           r"[ \t]+(?:är|var)[ \t]+(?:nu[ \t]+)?ute[ \t]+på[ \t]+(?:remiss|samråd|granskning)\b|"
                           r"[ \t]+på[ \t]+(?:remiss|samråd|granskning|utställning)\b)")
# A name holds no verb and no clause: a mention with one of these before its end was cut by prose.
_PROSE = re.compile(r"[,;:!?()”\"]|(?<![\wåäö-])(?:är|var|har|hade|ska|skall|kan|kommer|skulle|som|finns|blir|får|"
                    r"ligger|ute|skickas|i[ \t]+enlighet[ \t]+med|sänds|förlängs|omfattar|innebär|gäller|mellan|"
                    r"till[ \t]+(?:alla|regeringen|kommunen|berörda|samtliga|nedanstående|remissinstans[\wåäö]*|"
                    # walk29 A7: "… för Malmö stad till⏎stadsområdesnämnderna": whom the proposal is sent to
                    r"[\wåäö]*(?:nämnderna|förvaltningarna|kommunerna|instanserna|myndigheterna|organisationerna)))"
                    r"(?![\wåäö-])|\d\Z|>", re.IGNORECASE)
# Walk29 A7: a line that stops at a word that needs more ("… Översiktsplan för Malmö stad till⏎…") broke the sentence,
# not the name: the mention is read on into the next line, and is no name when the two lines do not make one.
_DANGLING = re.compile(r"(?<![\wåäö-])(?:till|om|för|och|av|med|i|på|samt|från|hos|vid|åt|inom|mot|över|"
                       r"att)[ \t]*+\Z", re.IGNORECASE)
_NEXT_LINE = re.compile(r"\n[ \t]*+([^\n]*\S)")


_PROPOSAL_WORDS = re.compile(r"(?<![\wåäö-])förslag(?:et)?[ \t]+till[ \t]", re.IGNORECASE)


def proposes_nothing(line: str) -> bool:
    """Tell whether a line says "förslag till" of what names no proposal ("Många av sina förslag till beslut")."""
    return bool(_PROPOSAL_WORDS.search(line)) and not _MENTION.search(line)


def _complete(name: str, whole_line: bool) -> tuple[str, bool] | None:
    """Return the mention's name up to its complete end and whether that end is more than a full stop, or None when
    prose cut it (or the line ran on beyond the 150 characters read: its end was not seen)."""
    for end in _COMPLETE_END.finditer(name):
        if end.end() == len(name) and not whole_line and not name.rstrip().endswith("."):
            return None
        value = name[:end.start()].strip()
        if _PROSE.search(value) or not 1 <= len(value.split()) <= 15:
            return None
        return value, not end.group().startswith(".")
    return None


def _read_on(text: str, m: re.Match) -> tuple[str, bool, int] | None:
    """Return the mention read on into its next line, whether that line ends there and where it starts, when the
    mention's own line stops at a word that needs more ("… för Malmö stad till"); None when it does not, or no line
    follows."""
    if not _DANGLING.search(m.group(1)):
        return None
    following = _NEXT_LINE.match(text, m.end())
    if not following or len(m.group(1)) + len(following.group(1)) > 150:
        return None
    return f"{m.group(1).rstrip()} {following.group(1).strip()}", \
        following.end() == len(text) or text[following.end()] == "\n", following.start(1)


def proposal_named(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return "Förslag till X" for the one proposal the text names completely, and where it stands, or (None, None)."""
    found: list[tuple[str, int, int]] = []
    cut: list[str] = []  # walk29 A7: mentions a line break cut ("… Malmö stad till"): no name, a proposal all the same
    anchored = False
    for m in _MENTION.finditer(text[:8000]):
        whole_line = m.end() == len(text) or text[m.end()] == "\n"
        read_on = _read_on(text, m) if whole_line else None
        complete = _complete(*read_on[:2]) if read_on else _complete(m.group(1), whole_line)
        if complete and _DANGLING.search(complete[0]) or read_on and not complete:
            cut.append(_DANGLING.sub("", m.group(1)).strip())
            continue
        if complete:
            own = len(m.group(1).rstrip())  # a name read on into the next line ends there
            end = m.start(1) + len(complete[0]) if len(complete[0]) <= own else read_on[2] + len(complete[0]) - own - 1
            found.append((complete[0], m.start(1), end))
            anchored = anchored or complete[1]
    if not anchored:
        return None, None
    longest, start, end = max(found, key=lambda item: len(item[0]))
    words = longest.casefold().split()
    if any(name.casefold().split() != words[:len(name.split())] for name in [*(n for n, _, _ in found), *cut]):
        return None, None  # two proposals named ("förslag till X" and "förslag till Y"): which one is not known
    value, span = tidy(longest, (start, end), lead=False)
    return (f"Förslag till {value[:1].lower() + value[1:] if not value[1:2].isupper() else value}", span) \
        if value else (None, None)
