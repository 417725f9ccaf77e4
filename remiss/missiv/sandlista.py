"""Extract the sändlista (list of remissinstanser) from a missiv."""
from __future__ import annotations

import re
from dataclasses import dataclass

from remiss.missiv.bodies import find_bodies
from remiss.missiv.sandlista_lines import NUMBERED, WRAP_END, clean_name, from_lines, is_group_line, is_prose, next_nonblank

_HEADING = re.compile(
    r"^[# \t]*(?:remissinstanser\s+sändlista|sändlista|remissinstanser|remissmottagare|"
    # "Följande remissinstanser har fått vattenförsörjningsplanen:" (fresh8-dev u07)
    r"remisslista|följande[ \t]+remissinstanser[^\n:.]{0,80}(?=:)|"  # round 21: "Remissen har skickats till följande:"
    r"(?:remissen|denna[ \t]+remiss|förslaget)[ \t]+(?:har[ \t]+)?(?:skickats|sänts|skickas|sänds|remitterats)[ \t]+"
    r"till[^\n:.]{0,60}(?=:[ \t]*$))\b[ \t]*(?:\(.*?\))?[ \t]*:?",
    re.IGNORECASE | re.MULTILINE,
)
# "Sändlista (PDF, 148 kB)": a link to the file, not the list's heading; the lines around it are other files
_FILE_LINK = re.compile(r"\((?:pdf|word|docx?|excel|xlsx?|odt)\b[^)\n]{0,30}\)", re.IGNORECASE)
# "Bilagor:\nSändlista\nFöreskriftsförslag": the sändlista named among the letter's attachments
_ATTACHMENTS = re.compile(r"^[ \t]*bilag(?:a|or|orna)[ \t]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_GROUP_INLINE = re.compile(
    r"(?<![\wåäö])(?:[A-ZÅÄÖ][\wåäö]+\s+[\wåäö]+s\s+)(?:helägda\s+)?(?:nämnder|bolag och stiftelser)\b"
)
_END_WORD = re.compile(
    r"(?:nämnden|styrelsen|verket|kommun|AB|län|universitet|högskola|förbundet|inspektionen|"
    r"myndigheten|rådet|kontoret|fullmäktige|förvaltningen|ombudsmannen|kollegiet)$"
)
_START_WORD = re.compile(r"^(?:Stadsområdesnämnd|Stadsdelsnämnd|Stadsdelsfullmäktige|Stiftelsen|Länsstyrelsen|Region)$")
_GENERIC_GROUP = (r"(?:nämnder(?:na)?|bolag(?:en)?|stiftelser(?:na)?|förvaltningar(?:na)?|organisationer(?:na)?|"
                  r"stadsdelsfullmäktige|stadsdelsnämnder(?:na)?|stadsområdesnämnder(?:na)?|kommuner(?:na)?|"
                  r"myndigheter(?:na)?|remissinstanser(?:na)?|beredningar(?:na)?)")
# "samtliga nämnder och fackliga organisationer", "alla nämnder, bolag och berörda fackliga organisationer".
_GENERIC = re.compile(
    rf"\b((?:samtliga|alla|berörda)\s+(?:[\wåäö-]+\s+){{0,2}}?{_GENERIC_GROUP}"
    rf"(?:\s*(?:,|\boch\b|\bsamt\b)\s*(?:berörda\s+|samtliga\s+)?(?:[\wåäö-]+\s+){{0,2}}?{_GENERIC_GROUP})*)",
    re.IGNORECASE,
)
# "Remissinstanser / Enligt sändlista", "Remissinstanser enligt bifogad sändlista", "Sändlista: se bilaga 2": the list
# is a document of its own (walk23 W1). Whatever line follows such words is no remissinstans, so the list is left
# empty with a warning quoting them. "Enligt sändlista nedan" is no such line: the list follows.
_ATTACHED = r"(?:bifogad|bifogade|bilagd|bilagda|separat|särskild|medföljande)[ \t]+"
_ELSEWHERE_WORDS = (
    rf"(?:(?:till[ \t]+)?(?:remissinstanser(?:na)?|remissmottagar(?:e|na)|sändlista)[ \t]*:?[ \t]+)?(?:enligt|se|på)[ \t]+"
    rf"(?:(?:{_ATTACHED})?(?:sändlista(?:n)?|bilaga(?:n)?(?:[ \t]+\d{{1,2}})?)|{_ATTACHED}lista(?:n)?)"
    r"(?:[ \t]+i[ \t]+bilaga(?:[ \t]+\d{1,2})?|[ \t]*\(bilaga(?:[ \t]+\d{1,2})?\))?"
)
_ELSEWHERE_LINE = re.compile(rf"^[# \t]*({_ELSEWHERE_WORDS})[ \t]*[.:]?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_OVANSTAENDE = re.compile(r"\b(?:till|för) ovanstående\b|\bovanstående remissinstanser\b", re.IGNORECASE)


@dataclass(frozen=True)
class SandlistaFinding:
    """Names on the sändlista with the span of the list, and warnings."""

    names: tuple[str, ...]
    span: tuple[int, int] | None
    warnings: tuple[str, ...]


def _split_flat(line: str) -> list[str]:
    """Split a list that PDF extraction flattened onto one line."""
    # "1. A 2. B", "1\\. A" (a page's markdown), "1) A"
    numbered = [p for p in re.split(r"(?<!\s)\s+(?=\d{1,3}\\?[.)]\s+[A-ZÅÄÖ])", " " + line) if p.strip()]
    if numbered and not re.match(r"\s*\d", numbered[0]):
        numbered = numbered[1:]  # "Myndigheter 1. …": a group's heading before the first number
    if len(numbered) >= 3:
        return _ended([_without_group(clean_name(NUMBERED.sub("", p))) for p in numbered])
    bullet = re.match(r"[-*•·](?=[ \t])", line)
    if bullet and line.count(f" {bullet.group()} ") >= 2:
        # "- A - B - C": the list's own bullets, one a name
        return _ended([clean_name(p) for p in line[1:].split(f" {bullet.group()} ") if p.strip()])
    for sep in (";", " • ", " · "):
        if line.count(sep) >= 2:
            return _ended([clean_name(p) for p in line.split(sep) if p.strip()])
    groups = _GROUP_INLINE.split(line)
    if len(groups) > 1:
        groups = groups[1:]  # text before the first group heading is the list's own title
    names: list[str] = []
    for chunk in groups:
        words = chunk.split()
        current: list[str] = []
        for word in words:
            if current and word[:1].isupper() and (
                _END_WORD.search(current[-1]) or (_START_WORD.match(word) and not _START_WORD.match(current[-1]))
            ):
                names.append(" ".join(current))
                current = []
            current.append(word)
        if current:
            names.append(" ".join(current))
    names = _ended([n for n in (clean_name(n) for n in names) if n])
    if any(len(find_bodies(n)) > 1 for n in names):
        return []  # "Riksdagens ombudsmän (JO) Kammarrätten i Stockholm": names the words did not tell apart
    return names


def _without_group(name: str) -> str:
    """Return a name without the heading of the next group run on after it ("… och Regioner Övriga")."""
    words = name.split()
    for n in (1, 2, 3):
        # capitalised, and not after "och" ("Sveriges Kommuner och Regioner", "Stockholms läns landsting" are names)
        if len(words) > n and words[-n][:1].isupper() and is_group_line(" ".join(words[-n:])) and \
                not WRAP_END.search(words[-n - 1]):
            return " ".join(words[:-n])
    return name


def _ended(names: list[str]) -> list[str]:
    """Return the names of a list split from one line, its last name ended where the letter's text goes on; none
    when a name still reads as prose (where one name ends is a guess: no list rather than a wrong one)."""
    if names:
        end = _list_end(names[-1])
        if end:
            names[-1] = clean_name(names[-1][:end.start()])
        if names[-1].endswith(".") and names[-1].count(".") == 1:
            names[-1] = names[-1][:-1]  # the sentence's full stop after the last name
    if not names or any(is_prose(n) for n in names):
        return []
    return names


def find_sandlista(text: str) -> SandlistaFinding:
    """Return the remissinstanser listed under a heading, or in the addressee block above 'ovanstående'."""
    unsplit: tuple[int, int] | None = None  # a list on one line whose names could not be told apart
    elsewhere: tuple[int, int] | None = None  # words under a heading that say the list is a document of its own
    for heading in _HEADING.finditer(text):
        rest_of_line = text[heading.end():text.find("\n", heading.end()) if "\n" in text[heading.end():] else len(text)]
        if _FILE_LINK.search(text, heading.start(), heading.end() + len(rest_of_line)) or _under_attachments(text, heading.start()):
            continue
        # the rest of the heading's line, or else the next line with words
        below = rest_of_line.strip() or next_nonblank(text, heading.end() + len(rest_of_line)) or ""
        if _ELSEWHERE_LINE.fullmatch(below):
            # "Remissinstanser / Enligt sändlista": no names here, whatever line comes next
            start = text.find(below, heading.end())
            elsewhere = elsewhere or (start, start + len(below))
            continue
        on_line = _comma_list(rest_of_line.strip())
        if on_line:  # "Remissinstanser: Malmö kommun, Göteborgs kommun, Energimyndigheten" (walk25 Y7)
            return SandlistaFinding(tuple(on_line), (heading.start(), heading.end() + len(rest_of_line)), (
                "Sändlistan stod på samma rad som rubriken, med kommatecken mellan namnen; kontrollera uppdelningen.",))
        if len(rest_of_line.strip()) > 80:
            names = _split_flat(rest_of_line.strip())
            if len(names) >= 2:
                return SandlistaFinding(
                    tuple(names), (heading.start(), heading.end() + len(rest_of_line)),
                    ("Sändlistan stod på en enda rad (troligen från PDF); kontrollera uppdelningen av namnen.",),
                )
            unsplit = unsplit or (heading.start(), heading.end() + len(rest_of_line))
            continue
        names, end = from_lines(text, heading.end() + len(rest_of_line))
        if len(names) >= 2:
            return SandlistaFinding(tuple(names), (heading.start(), end), ())
    inline = _numbered_in_prose(text) or _bullets_in_prose(text)
    if inline:
        return inline
    block = _addressee_block(text)
    if block:
        return block
    # "Enligt sändlista" as a line of the addressee block without a heading ("Se bilaga 2" alone names no list)
    elsewhere = elsewhere or next((m.span(1) for m in _ELSEWHERE_LINE.finditer(text)
                                   if "sändlista" in m.group(1).casefold()), None)
    if elsewhere:
        # Left empty: the names are in a document of their own, and no line near these words is one of them
        words = re.sub(r"\s+", " ", text[elsewhere[0]:elsewhere[1]]).strip(" \t.:")
        return SandlistaFinding((), elsewhere, (
            f"Missivet hänvisar till en sändlista som inte står i texten (”{words}”); fyll i remissinstanserna för hand.",))
    generic = _GENERIC.search(text)
    if generic:
        # Left empty on purpose: "samtliga nämnder" is not a remissinstans, and names typed on the
        # registration form are added to the register of organisations.
        words = re.sub(r"\s+", " ", generic.group(1))
        return SandlistaFinding((), generic.span(1), (
            f"Sändlistan anges bara allmänt (”{words}”); fyll i remissinstanserna för hand.",))
    if unsplit:
        return SandlistaFinding((), unsplit, ("Sändlistan står på en enda rad och namnen går inte att skilja åt säkert; "
                                              "fyll i remissinstanserna för hand.",))
    return SandlistaFinding((), None, ("Ingen sändlista hittades.",))


_LAST_AND = re.compile(r"(?<![ \t])[ \t]+(?:och|samt)[ \t]+(?=[A-ZÅÄÖ])")


def _comma_list(line: str) -> list[str]:
    """The names of a sändlista written after its heading on one line, between commas ("Malmö kommun, Göteborgs
    kommun och Energimyndigheten."); none unless every part reads as a name (capitalised, a few words, no prose)."""
    if line.count(",") < 1 or ";" in line:
        return []
    parts = [clean_name(p) for p in line.rstrip(" .").split(",")]
    last = _LAST_AND.split(parts[-1], maxsplit=1)
    if len(last) == 2 and _END_WORD.search(last[0]):  # "… kommun och Energimyndigheten", not "Kommuner och Regioner"
        parts[-1:] = last
    if len(parts) < 2 or any(not p or not p[:1].isupper() or len(p.split()) > 6 or is_prose(p) or
                             re.search(r"\d|@|\b(?:www|https?)\b", p) for p in parts):
        return []
    return parts


def _under_attachments(text: str, start: int) -> bool:
    """Tell whether a heading's line is one of the lines under a "Bilagor:" label (no blank line between)."""
    since = max(0, start - 1000)  # an attachment list is short
    block_start = text.rfind("\n\n", since, start)
    return _ATTACHMENTS.search(text, max(since, block_start), start) is not None


def _addressee_block(text: str) -> SandlistaFinding | None:
    """Return the block of short name lines that the letter calls 'ovanstående'."""
    ref = _OVANSTAENDE.search(text)
    if not ref:
        return None
    best: tuple[int, int, list[str]] | None = None
    for m in re.finditer(r"(?:^[^\S\n]*[A-ZÅÄÖ][^\n]{1,80}\n?){3,}", text[:ref.start()], re.MULTILINE):
        lines = [ln.strip() for ln in m.group().splitlines() if ln.strip()]
        if any(is_prose(ln) or len(ln.split()) > 7 or re.search(r"\d{4}|:$|@", ln) for ln in lines):
            continue
        if best is None or len(lines) > len(best[2]):
            best = (m.start(), m.end(), lines)
    if best is None:
        return None
    return SandlistaFinding(tuple(clean_name(n) for n in best[2]), (best[0], best[1]), ())


# "… i vissa register Remissinstanser: 1. Datainspektionen 2. Stockholms handelskammare … 21. Svenska Bankföreningen
# Remissvaren i tre exemplar skall …": a PDF transcript's list run into its paragraph, the heading in mid-line.
# Without the colon too: regeringen.se's "## Remissinstanser" heading flattened onto the list's line.
# Such a list wrapped at a PDF's column breaks lines anywhere in it: "… 3.\nFinansinspektionen 4. …".
_INLINE_HEADING = re.compile(r"(?<![\wåäö])(?:remissinstanser|sändlista)[ \t]*(?::[ \t]*)?(?:\n[ \t]*)?"
                             r"(?=1[.)][ \t]*(?:\n[ \t]*)?[A-ZÅÄÖ])",
                             re.IGNORECASE)
_ITEM_NUMBER = re.compile(r"(?<![^ \t\n:])(\d{1,3})[.)](?=[ \t\n])[ \t]*(?:\n[ \t]*)?(?=[A-ZÅÄÖ])")
# What a missiv says right after its list: the answer's instruction or the closing. The last name ends there.
_AFTER_LIST = re.compile(r"(?<![ \t])[ \t]+(?=(?:Remissvaren|Remissvar|Svaren|Svar|Yttrandena|Yttrandet|Yttranden|Synpunkter(?:na)?|"
                         r"Remisstiden|Remissen|Frågor|Vi|Ni|Med[ \t]+vänlig)\b)")
# A name's last word ("… kommun", "Transdev Sverige AB") and then a capital: the text after the list has begun.
_NAME_THEN_TEXT = re.compile(r"(?<![ \t])[ \t]+(?=[A-ZÅÄÖ])")


def _numbered_in_prose(text: str) -> SandlistaFinding | None:
    """Return a numbered list run into a paragraph after "Remissinstanser:", or None. A list numbered 1, 2, 3 … whose
    last name the letter's next sentence follows; one that runs to the text's end was cut in the copy (no count)."""
    heading = _INLINE_HEADING.search(text)
    if not heading:
        return None
    stop = text.find("\n\n", heading.end())
    stop = len(text) if stop < 0 else stop
    marks = list(_ITEM_NUMBER.finditer(text, heading.end(), stop))
    if len(marks) < 3 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    return _marked_list(text, heading.start(), stop, marks, "Sändlistan är avskuren i texten")


def _list_end(last: str) -> re.Match | None:
    """Return the blank where the last item of a list run into the text ends, the earliest a cue shows, or None."""
    ends = [m for m in (_AFTER_LIST.search(last, 0, 200), _name_ends(last)) if m]
    return min(ends, key=lambda m: m.start()) if ends else None


def _name_ends(last: str) -> re.Match | None:
    """Return the blank after the last item's name when the name is a body of the register ("36. Regelrådet I augusti
    2014 …") or ends in a name's last word ("60. Transdev Sverige AB I utkastet …") and text follows; else None."""
    head = last[:200]
    bodies = find_bodies(head)
    if bodies and bodies[0].start == 0:
        found = _NAME_THEN_TEXT.match(head, bodies[0].end)
        if found:
            return found
    for blank in _NAME_THEN_TEXT.finditer(head):
        words = head[:blank.start()].split()
        if not words:
            continue
        if len(words) > 8:
            break
        if _END_WORD.search(words[-1]):
            return blank
    return None


# "Följande remissinstanser har fått vattenförsörjningsplanen: • Länsstyrelsen Västra Götaland • Västra
# Götalandsregionen • … • Skaraborgsvatten Remisstiden är …": a bulleted list flattened into its paragraph.
_BULLET_HEADING = re.compile(r"(?<![\wåäö])(?:remissinstanser|sändlista|remissmottagare)(?:[ \t]+[^\W\d][\wåäö-]{0,30}){0,6}"
                             r"[ \t]*(?::[ \t]*)?(?=[•·][ \t]+[A-ZÅÄÖ])", re.IGNORECASE)
_BULLET_MARK = re.compile(r"[•·][ \t]+")


def _bullets_in_prose(text: str) -> SandlistaFinding | None:
    """Return a bulleted list run into a paragraph after its heading words, or None; like _numbered_in_prose, the
    last name must end where the letter's text visibly goes on, else the list is left empty."""
    heading = _BULLET_HEADING.search(text)
    if not heading:
        return None
    stop = text.find("\n", heading.end())
    stop = len(text) if stop < 0 else stop
    marks = list(_BULLET_MARK.finditer(text, heading.end(), stop))
    if len(marks) < 3:
        return None
    return _marked_list(text, heading.start(), stop, marks, _UNENDED)


_UNENDED = "Sändlistan står i löpande text och dess slut går inte att avgöra"


def _marked_list(text: str, start: int, stop: int, marks: list[re.Match], unended: str) -> SandlistaFinding:
    """Return the names between the list's marks, the last one ended where the letter's text goes on; none (with
    `unended` as the warning) when no cue shows that end, or the last name still reads as prose."""
    names = [clean_name(text[a.end():b.start()]) for a, b in zip(marks, marks[1:])]
    last = text[marks[-1].end():stop]
    after = _list_end(last)
    if after:
        names.append(clean_name(last[:after.start()]))
    if not after or is_prose(names[-1]):
        return SandlistaFinding((), (start, stop), (f"{unended if not after else _UNENDED}; fyll i "
                                                    "remissinstanserna för hand.",))
    return SandlistaFinding(tuple(n for n in names if n), (start, marks[-1].end() + after.start()), (
        "Sändlistan stod i löpande text (troligen från PDF); kontrollera uppdelningen av namnen.",))
