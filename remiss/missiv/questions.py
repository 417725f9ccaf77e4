"""Extract the frågeställningar a missiv asks the remissinstanser to answer."""
from __future__ import annotations

import re

from remiss.missiv.signature import ends_letter

# "^[ \t]*(?:#+[ \t]*)?frågor": two \s* side by side, free to cross lines, tried every split of a long run of
# blanks from every line start (a line of 200,000 spaces took minutes; found fuzzing the API).
_CUE = re.compile(
    r"frågeställningar(?:na)?|\bfrågor(?:na)?\s*(?:till remissinstanserna)?\s*:|^[ \t]*(?:#+[ \t]*)?frågor[ \t]*$|"
    r"vi önskar (?:särskilt )?synpunkter på|synpunkter på följande|särskilt (?:fram emot )?.{0,40}synpunkter på",
    re.IGNORECASE | re.MULTILINE,
)
_ITEM_INLINE = re.compile(r"(?:^|\s)(?:[-–•]|\d{1,2}[.)])\s+(?=[A-ZÅÄÖ])")
# A list item's marker: a dash, a bullet (Word's pasted Symbol bullets U+F0B7, U+F0A7 too), "o " (Word's second-level
# bullet as plain text), "1." / "1)" / "1:", or "a)".
_LINE_ITEM = re.compile(r"^\s*(?:[-–—•*▪◦‣·\uf0b7\uf0a7]|o(?=\s)|\d{1,2}\s*[.):]|[a-h]\))\s+(.*\S)")
# A list item's marker alone on its line, its text on the next ("1.\nHur påverkas …?"), as a PDF's numbered list is read.
_BARE_MARK = re.compile(r"(?:[-–—•*▪◦‣·\uf0b7\uf0a7]|\d{1,2}[.):])")
# The next numbered question run on after a question's mark, on one line ("1. Hur …? 2. Vilka …?"): split there only.
_NEXT_INLINE = re.compile(r"(?<=\?)[ \t]++(?:\d{1,2}[.)]|[-–•])[ \t]++(?=[A-ZÅÄÖ])")
# A question numbered without a dot ("1 Hur påverkas …?"): the number is no part of it.
_BARE_NUMBER = re.compile(r"\d{1,2}[ \t]+(?=[A-ZÅÄÖ])")
_CUE_COLON = re.compile(r"[ \t]{0,10}:")
# A lead-in: a line of its own that ends in a colon and asks for answers or views on what follows ("Vi vill särskilt
# ha svar på:", "Vi önskar synpunkter på följande:", "Vi vill gärna veta:", "Frågor att ta ställning till:",
# "… särskilt … följande frågor:"). One bounded run per line start: linear.
_LEAD_IN = re.compile(r"^[ \t]*(\S[^\n]{0,240}):[ \t]*$", re.MULTILINE)
_ASKS = re.compile(
    r"\b(?:svar(?:en)? på(?! remiss)|(?:synpunkter|kommentarer|åsikter|reflektioner|inspel|yttrande[n]?)(?: [\wåäö]+){0,2} "
    r"(?:på|om|kring|gällande|avseende|beträffande)|(?:vill|önskar)(?: [\wåäö]+){0,2} (?:veta|höra)|"
    r"tar? ställning till|besvara|följande (?:fråg[\wåäö]*|punkter|områden|delar|aspekter|teman)|frågeställning[\wåäö]*|"
    r"frågor(?:na)? (?:att|som (?:vi|ni)|till remissinstanserna|vi)|belys[\wåäö]*)",
    re.IGNORECASE)
# A lead-in asks: a heading such as "Synpunkter på förslaget:" over prose is no call for answers to a list.
_ASKING_WORD = re.compile(r"\b(?:vill|önska[rs]?|ber|ombeds|gärna|särskilt|i första hand|framför allt|följande|"
                          r"fråg[\wåäö]*|besvara|ställning|belys[\wåäö]*|tacksam[\wåäö]*|välkomn[\wåäö]*|"
                          r"tar emot)\b", re.IGNORECASE)
# A line that introduces how to answer, whom to ask, where the letter was sent or what is enclosed: never questions
# ("Du kan lämna kommentarer på två sätt:", "Har du frågor … kontakta:", "… synpunkter på följande handlingar:").
_NOT_ASKING = re.compile(
    r"\b(?:sätt|kontakta|adress(?:en)?|lämnas|skickas|sänds|skickats|sänts|mejla|e-post|sändlista[n]?|"
    r"(?:följande|dessa|nedanstående) (?:remissinstanser|instanser|mottagare)|bilag[\wåäö]*|handling(?:ar|arna)?|dokument(?:en)?|underlag(?:et)?|länk(?:ar|en)?|"
    r"webbplats(?:en)?)\b",
    re.IGNORECASE)
# An enclosed document's line ("Bilaga 2 Plankarta", "planbeskrivning.pdf"): a list of handlingar, not of questions.
_DOCUMENT = re.compile(r"^bilaga\b|\.(?:pdf|docx?|xlsx?|odt)\b", re.IGNORECASE)
# An item that stops before its end ("… samarbetet med", "… mål,"): the next line goes on with it, capitals or not.
_OPEN_END = re.compile(r"(?:\b(?:och|eller|samt|med|av|för|i|till|om|på|att|som|vid|inom|från|mot|över|kring)|[,–-])\Z",
                       re.IGNORECASE)
# A saved web page's menu items and its feedback box ("Hittade du det du sökte?"): never a frågeställning, and
# the list they stand in is a menu.
_NAVIGATION = re.compile(
    r"(?:start(?:sida)?|hem|meny|sök|logga in|lyssna|english|in english|till toppen|genvägar|nyheter|press(?:rum)?|"
    r"pressmeddelanden|kalender|evenemang|e-tjänster|självservice|jobba hos oss|lediga jobb|kontakt(?:a oss)?|"
    r"kontaktcenter|felanmälan|öppettider|om (?:oss|kommunen|webbplatsen|myndigheten|regionen|länsstyrelsen)|"
    r"tillgänglighet(?:sredogörelse)?|kakor|cookies|personuppgifter|frågor och svar|vanliga frågor|"
    r"synpunkter och klagomål|lämna synpunkter|nyhetsbrev|prenumerera|dela(?: sidan)?|skriv ut|"
    r"hittade du (?:det|vad|den information) (?:du )?(?:sökte|letade efter|behövde)|"
    r"(?:var|är) (?:informationen|sidan|innehållet|texten)(?: på (?:den här )?sidan)? (?:till )?(?:hjälp|hjälpsam|"
    r"användbar|lätt att förstå)|fick du svar på (?:din fråga|dina frågor|det du undrade)|vad kan vi göra bättre|"
    r"hur nöjd är du(?: med [\wåäö ]+)?|vill du lämna (?:en )?(?:synpunkt|kommentar)(?: på sidan)?)",
    re.IGNORECASE)
# A letter has a few cues and lead-ins; each tried reads up to 4,000 characters ("Frågor:" on every line of 100 KB
# took 7.5 s).
_MAX_STARTS = 20
_FOOTER = re.compile(r"(?<!\s)\s+(?:Adress|Postadress|Besöksadress|Tel(?:efon)?|E-post|Webbplats|Org\.?\s?nr)\s*:.*$", re.DOTALL)


def find_questions(text: str) -> tuple[list[str], tuple[int, int] | None]:
    """Return the listed questions and the span they cover."""
    for start, end in _starts(text)[:_MAX_STARTS]:
        after = text[end:end + 4000]
        # "… utifrån följande frågeställningar: 1. Hur …?": the cue's own colon, the list on the same line
        colon = _CUE_COLON.match(after)
        if colon:
            end, after = end + colon.end(), after[colon.end():]
        lines = _from_lines(after)
        if len(lines) >= 1:
            return lines, (start, end + min(len(after), sum(len(x) for x in lines) * 2))
        inline = _from_inline(after)
        if len(inline) >= 2:
            return inline, (start, end + len(after))
    return [], None


def question_warnings(text: str, questions: list[str]) -> list[str]:
    """Return a warning when the letter leads in to questions ("Vi vill särskilt ha svar på:") but none were read:
    the registrator is told to fill them in rather than left with an empty field and no word (walk22 L5)."""
    if questions:
        return []
    lead = next((lead for lead in _lead_ins(text)), None)
    if lead is None:
        return []
    words = " ".join(lead.split())
    return [f"Missivet verkar ställa frågor (”{words}:”) som inte kunde läsas in; fyll i frågeställningarna för hand."]


def _starts(text: str) -> list[tuple[int, int]]:
    """Where a list of questions may start: after a cue ("Frågeställningar", "Frågor:") or a lead-in line, in the
    order they stand. A cue whose own line runs on to a colon ("Frågeställningar vi gärna ser belysta är:") starts
    the list on the next line."""
    starts = []
    for cue in _CUE.finditer(text):
        rest = re.match(r"[^\n]{0,240}", text[cue.end():cue.end() + 241]).group(0)
        if not rest.rstrip().endswith(":"):
            starts.append((cue.start(), cue.end()))
            continue
        line = text[text.rfind("\n", max(0, cue.start() - 240), cue.start()) + 1:cue.end() + len(rest)]
        if not _NOT_ASKING.search(line):  # not "Vi önskar synpunkter på följande handlingar:" / "… följande sätt:"
            starts.append((cue.start(), cue.end() + len(rest)))
    starts += [(m.start(), m.end()) for m in _LEAD_IN.finditer(text) if _asks(m.group(1))]
    return sorted(set(starts))


def _lead_ins(text: str):
    return (m.group(1) for m in _LEAD_IN.finditer(text) if _asks(m.group(1)))


def _asks(line: str) -> bool:
    """Tell a lead-in that asks for answers or views from one that says how to answer or what is enclosed."""
    return bool(_ASKS.search(line) and _ASKING_WORD.search(line)) and not _NOT_ASKING.search(line)


def _from_lines(after: str) -> list[str]:
    items: list[str] = []
    started = False
    blank = False  # a blank line since the last item: what follows is a new item or the list's end
    indent = 0
    marked = False  # the last item had a marker ("1.", "–"): a numbered list's item may wrap onto a capital
    bare = False  # a marker alone on the line before: this line is its item
    lines = after.split("\n")[:80]
    for index, raw in enumerate(lines):
        line = raw.strip()
        if ends_letter(lines, index):
            break
        if not started:
            if not line or line in {".", ":"} or re.fullmatch(r"[.:]?\s*", line):
                continue
            m = _LINE_ITEM.match(line)
            if m or line.endswith("?") or _BARE_MARK.fullmatch(line):
                started = True
            else:
                return []
        if not line:
            blank = True
            continue
        if _BARE_MARK.fullmatch(line) and not bare:
            bare = True  # round 34: "1." on its own line, the question on the next
            continue
        m = _LINE_ITEM.match(line)
        if _NAVIGATION.fullmatch((m.group(1) if m else line).strip(" .?")) or _DOCUMENT.search(line):
            break
        if m or bare:
            items.extend(_NEXT_INLINE.split(m.group(1) if m else line))
            indent = len(raw) - len(raw.lstrip())
            marked = True
        elif line.endswith("?") and len(line.split()) >= 3 and not (items and _goes_on(items[-1], raw, indent, blank)) \
                and not (items and marked and _wraps_question(items[-1], line, blank)):
            items.extend(_BARE_NUMBER.sub("", part, count=1) for part in _NEXT_INLINE.split(line))
            indent = len(raw) - len(raw.lstrip())
            marked = False
        elif items and (_goes_on(items[-1], raw, indent, blank) or marked and _wraps_question(items[-1], line, blank)):
            items[-1] += " " + line
        else:
            break
        blank = bare = False
    return [_tidy(i) for i in items if _tidy(i)]


def _wraps_question(item: str, line: str, blank: bool) -> bool:
    """Tell a numbered question wrapped onto a line that starts with a capital ("1. Hur påverkar förslaget" /
    "Malmö stads verksamhet?"): the item not ended, no blank line between, and the line ends the question."""
    return not blank and not item.rstrip().endswith(("?", ".", "!", ":")) and line.endswith("?")


def _goes_on(item: str, raw: str, indent: int, blank: bool) -> bool:
    """Tell whether a line that is no item of its own wraps the item before it: no blank line between, the item not
    ended, and the line in lower case, indented under the item's text, or after a word that needs more."""
    line = raw.strip()
    if blank or item.endswith(("?", ".", "!", ":")) or line.endswith(":"):
        return False
    return line[:1].islower() or len(raw) - len(raw.lstrip()) > indent or bool(_OPEN_END.search(item))


def _from_inline(after: str) -> list[str]:
    paragraph = re.split(r"\n\s*\n", after, maxsplit=1)[0]
    lines = paragraph.split("\n")
    paragraph = "\n".join(next((lines[:i] for i in range(len(lines)) if ends_letter(lines, i)), lines))
    parts = _ITEM_INLINE.split(paragraph)
    if len(parts) < 3:
        return []
    items = [p for p in parts[1:] if p.strip()]
    if parts[0].strip(" \t\n.:") and sum(i.rstrip().endswith("?") for i in items) * 2 < len(items):
        # round 34: "Utredningen behandlar frågeställningar kring X. 1. Inledning 2. Bakgrund": the cue in a sentence
        # of its own, prose before the list, and the items no questions: a table of contents, not frågeställningar
        return []
    items[-1] = _FOOTER.sub("", items[-1])
    if sum(bool(_NAVIGATION.fullmatch(i.strip(" .?"))) for i in items) * 2 >= len(items):
        return []
    return [_tidy(i) for i in items if _tidy(i)]


def _tidy(item: str) -> str:
    return re.sub(r"\s+", " ", item).strip(" ;,")
