"""Titles that a page's layout marks rather than its wording (round 16): the item of a nämnd's agenda that is sent
for yttrande, the value a label line about the remiss puts on the line below it, and the label/value column of a
meeting's or a form's header, which holds no title."""
from __future__ import annotations

import re

from remiss.missiv.title_trim import tidy

# Round 19: a directive's or an inquiry's name ends with the committee's designation ("… funktionshindrade (S 2003:07)");
# such a line is a name however long (the headline rule takes at most 25 words of a line otherwise).
COMMITTEE_END = re.compile(r"[ \t]\([A-ZÅÄÖ]{1,2}[ \t]\d{4}:\d{2,3}\)\Z")
# An agenda item: its number, then its name ("9 Revisionsrapport 2013:5 ”…” Stadsrevisionen, för yttrande senast …",
# "6 Förslag till färdplan … 2050<br>Remiss från kommunstyrelsen", "10 Motion 2013:26 … \nRemiss från …, dnr …").
_ITEM = re.compile(r"^[ \t]*\d{1,3}[ \t]+(?=[A-ZÅÄÖ])([^\n]{5,250})$", re.MULTILINE)
# What marks the item as a remiss to be answered: "för yttrande (senast …)", or "Remiss från <body>" after it, on its
# own line or after the site's line break. The name ends there.
# (A run of blanks is entered only at its first blank, so that a line of blanks is not retried from each one.)
_SENT_FOR_ANSWER = re.compile(r"(?:,[ \t]*+|(?<![ \t])[ \t]++)för[ \t]+yttrande\b|"
                              r"(?:<br\s*+/?>|(?<![ \t])[ \t]*+\n[ \t]*+)(?=Remiss[ \t]+(?:från|av)\b)", re.IGNORECASE)
# The sender written between the name and ", för yttrande": one capitalised word in the definite form
# ("… äldreomsorgen” Stadsrevisionen, för yttrande"), never part of the name.
_SENDER_BEFORE = re.compile(r"(?<=[”\"’)])[ \t]+[A-ZÅÄÖ][a-zåäö]+(?:en|et|na)\Z")


def agenda_item(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the name of the one agenda item that is sent for yttrande, or (None, None).

    A nämnd's agenda (föredragningslista) lists its items by number; the one a remiss asks to answer says so right
    after its name. Two such items leave the choice open.
    """
    found = []
    for m in _ITEM.finditer(text[:8000]):
        rest = text[m.start(1):min(len(text), m.end(1) + 80)]
        mark = _SENT_FOR_ANSWER.search(rest)
        if not mark or mark.start() > m.end(1) - m.start(1) + 1:
            continue
        end = m.start(1) + mark.start()
        name = text[m.start(1):end]
        sender = _SENDER_BEFORE.search(name)
        if sender:
            end -= len(name) - sender.start()
        found.append((m.start(1), end))
    if len(found) != 1:
        return None, None
    start, end = found[0]
    value, span = tidy(text[start:end], (start, end), lead=False)
    return (value, span) if value and len(value.split()) >= 2 else (None, None)


# A label line that announces the remiss's name below it: "Introduktion till remissen:", "Remissen gäller:",
# "Ärende:" alone on its line. The list labels ("Remissinstanser:", "Remissvar:") name no matter.
_LABEL_ABOVE = re.compile(r"^[ \t]*((?:[A-ZÅÄÖ][\wåäö]*[ \t]+){0,3}(?:remissen|ärendet|ärende|rubrik|remiss)"
                          r"(?:[ \t]+gäller)?)[ \t]*:[ \t]*\n[ \t]*([A-ZÅÄÖ][^\n]{2,200}?)[ \t]*$",
                          re.MULTILINE | re.IGNORECASE)


def label_above(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the value a label about the remiss puts on the next line ("Introduktion till remissen:\\nX" → X)."""
    m = _LABEL_ABOVE.search(text[:4000])
    if not m or m.group(2).rstrip().endswith((".", ":", "!", "?", ",")) or len(m.group(2).split()) > 25:
        return None, None
    value, span = tidy(m.group(2), m.span(2), lead=False)
    return (value, span) if value else (None, None)


def is_field_label(line: str, neighbours: list[str]) -> bool:
    """Tell a form's or a meeting header's label ("Datum" over "Klockan" over "12:00") from a heading: one word with
    another label or a short value on the line right above or below it, no blank line between."""
    return len(line.split()) == 1 and not line.rstrip().endswith((".", "!", "?")) and \
        any(n.strip() and len(n.split()) <= 2 for n in neighbours)


def adjacent_lines(text: str, lines: list[re.Match], index: int) -> list[str]:
    """Return the lines right above and below line `index` with no blank line between."""
    near = []
    if index > 0 and text[lines[index - 1].end():lines[index].start()] == "\n":
        near.append(lines[index - 1].group())
    if index + 1 < len(lines) and text[lines[index].end():lines[index + 1].start()] == "\n":
        near.append(lines[index + 1].group())
    return near


# A statute named with its number in the prose: "Spelinspektionen har sett över föreskrifter och allmänna råd (LIFS
# 2018:4) om statligt lotteri och …." The number names one document; read only when nothing else names the matter.
_STATUTE = re.compile(r"(?<![\wåäö-])((?:(?:[Ff]örslag[ \t]+till[ \t]+)?(?:ändring(?:ar)?[ \t]+i[ \t]+)?"
                      r"(?:[A-ZÅÄÖ][\wåäö-]{2,60}s[ \t]+)?)[Ff]öreskrifter(?:[ \t]+och[ \t]+allmänna[ \t]+råd)?[ \t]+"
                      r"\((?:[A-ZÅÄÖ]{1,6}-)?[A-ZÅÄÖ]{1,6}FS[ \t]+\d{4}:\d{1,4}\)[ \t]+om[ \t]+[a-zåäö][^.\n]{2,150}?)"
                      r"(?=\.(?:\s|\Z)|\n)")


def statute_name(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the one statute the text names with its number and subject, or (None, None) when none or several."""
    found = {m.group(1): m.span(1) for m in _STATUTE.finditer(text[:6000])}
    if len(found) != 1:
        return None, None
    name, span = next(iter(found.items()))
    value, span = tidy(name, span, lead=False)
    return (value, span) if value else (None, None)


# Round 17: whether a heading names the matter. Its own line may say so: a procedure ("… på remiss", "Lämna
# synpunkter på …", "Förslag till …") or a document's kind ("Länsplanen för …", "… betänkande"). Otherwise the text
# must take up one of its words elsewhere: a matter's name recurs in the prose ("Översiktsplanen" … "översiktsplanen
# är …"), a site's chrome, a form's label or a photo's caption ("Gå direkt till innehållet", "Datum", "Matrester i
# vasken") does not.
_SELF_NAMED = re.compile(r"remiss|remitter|samråd|synpunkt|yttra|granskning|utställning|förslag|tyck(?:a)?[ \t]+till|"
                         r"påverka|betänkande|promemoria|utredning|plan|program|strategi|policy|föreskrift|"
                         r"förordning|direktiv|riktlinje|taxa|reglemente", re.IGNORECASE)
_NO_CONTENT = re.compile(r"(?:för|och|med|till|från|inom|samt|över|under|eller|den|det|som|dina|era|nya|nytt|inte|"
                         r"alla|skall|kommer|finns|denna|detta|kommun(?:en|ens|er|erna)?|"
                         r"region(?:en|ens)?|länsstyrelsen?s?)",
                         re.IGNORECASE)

# The words of a procedure, which name no matter on their own (cut to six letters as _stems cuts them)
_PROCEDURE_WORD = re.compile(r"remiss|remitt|yttran|samråd|synpun|gransk|utstäl|svar|lämna|tyck|inbjud|välkom|"
                             r"inform|meddel|nyhet|aktuel|tidiga|pågåen", re.IGNORECASE)


def _stems(value: str) -> set[str]:
    """Return a text's content words, each cut to six letters so that "Översiktsplanen" meets "översiktsplan"."""
    return {w.casefold()[:6] for w in re.findall(r"[^\W\d_]{4,}", value) if not _NO_CONTENT.fullmatch(w)}


def backed(text: str, value: str, span: tuple[int, int]) -> bool:
    """Tell whether a line taken as the page's heading names the matter: the line names a procedure or a document,
    or the rest of the text takes up one of the heading's words."""
    named = {w for w in _stems(value) if not _PROCEDURE_WORD.match(w)}
    if not named:
        return False  # "Remiss – yttrande", "Remissvar", "Lämna synpunkter", "Om remissen": the procedure alone
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    end = len(text) if end < 0 else end
    if _SELF_NAMED.search(text[start:end]):
        return True
    return bool(_stems(value) & _stems(text[:start] + "\n" + text[end:]))


# Round 20: a letter's addressee line ("Remissinstanser enligt sändlista", "Till remissinstanserna", "Enligt bifogad
# sändlista", "Remissmottagare"): the receivers of any remiss, never its name.
_LIST = r"(?:enligt|på)[ \t]+(?:bifogad[ \t]+|bilagd[ \t]+)?sändlista(?:n)?"
ADDRESSEE = re.compile(rf"(?:till[ \t]+)?(?:(?:samtliga|berörda)[ \t]+)?(?:remissinstanser(?:na)?|remissmottagar(?:e|na)|"
                       rf"adressater(?:na)?|mottagare)(?:[ \t]+{_LIST})?|{_LIST}|sändlista(?:n)?", re.IGNORECASE)
# A directive's, report's or statute's number alone ("Dir. 2019:12"; round 20: "HSLF-FS 2016:34", "SOU 2017:69"): a
# heading that names no matter, whose name is elsewhere.
NUMBER_ONLY = re.compile(r"(?:Dir|Kommittédirektiv|SOU|Ds|[A-ZÅÄÖ]{1,6}-?FS)\.?[ \t]*\d{4}:\d{1,3}\.?", re.IGNORECASE)


# Round 21: a long line that names a document ("Förslag till föreskrifter om …", "Remiss av …") with no verb, right
# above a line that opens a sentence of its own ("Remissen skickas enbart per e-post."), is a heading set without a
# blank line under it, not the first line of a wrapped paragraph.
_HEADING_WORD = re.compile(r"(?:Förslag|Remiss|Samråd|Granskning|Utställning|Ändring|Ändringar|Ny|Nya|Nytt|Översyn)\b")
_VERBS = r"(?:är|har|ska|skall|kommer|finns|kan|får|vill|blir|gäller|innebär|behöver|måste|skickas|sänds)"
_VERB = re.compile(rf"\b{_VERBS}\b", re.IGNORECASE)
# a sentence's subject of one or two words, then its verb: "Remissen skickas", "Länsstyrelsen i Skåne har"
# (a word's start only, its letters and blanks taken whole: linear when searched over any text)
_SENTENCE_START = re.compile(rf"(?<!\S)[A-ZÅÄÖ]\S*+[ \t]++(?:\S++[ \t]++){{0,2}}{_VERBS}\b")


def heading_over_sentence(line: str, following: str) -> bool:
    """Tell whether a long line is a document's heading over the first sentence of the prose."""
    return bool(_HEADING_WORD.match(line)) and not _VERB.search(line) and not line.endswith((",", "–", "-")) and \
        bool(_SENTENCE_START.match(following.strip()))


# Round 25: a tjänsteskrivelse flattened to one line (a PDF copied from docplayer): its heading in the words of an
# answer ("Yttrande över remiss - X", "Remissyttrande angående X") runs on into the first of the standard sections,
# "Förslag till beslut", "Sammanfattning", "Ärendebeskrivning", "Beslutsunderlag", which ends the name. The name is at
# most 200 characters and holds no full stop (linear: one lazy scan a heading).
_FLATTENED = re.compile(
    r"(?<=[ \t])(?:Yttrande|Remissyttrande|Remissvar)[ \t]+(?:över|angående|avseende|gällande|om|på)[ \t]+"
    r"(?:remiss(?:en)?[ \t]*+(?:[-–:][ \t]*+|(?:av|om|angående|gällande|avseende|över)[ \t]+))?"
    r"([A-ZÅÄÖ][^\n.]{4,200}?)[ \t]+(?=(?:Förslag[ \t]+till[ \t]+beslut|Sammanfattning|Ärendebeskrivning|"
    r"Beslutsunderlag)\b)")


def flattened_heading(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the name in a flattened tjänsteskrivelse's answer heading, ended by its first section, or (None, None)."""
    m = _FLATTENED.search(text[:6000])
    return tidy(m.group(1), m.span(1), lead=False) if m else (None, None)
