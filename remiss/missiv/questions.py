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
_LINE_ITEM = re.compile(r"^\s*(?:[-–•*]|\d{1,2}\s*[.):])\s+(.*\S)")
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
_FOOTER = re.compile(r"(?<!\s)\s+(?:Adress|Postadress|Besöksadress|Tel(?:efon)?|E-post|Webbplats|Org\.?\s?nr)\s*:.*$", re.DOTALL)


def find_questions(text: str) -> tuple[list[str], tuple[int, int] | None]:
    """Return the listed questions and the span they cover."""
    for cue in _CUE.finditer(text):
        after = text[cue.end():cue.end() + 4000]
        lines = _from_lines(after)
        if len(lines) >= 1:
            return lines, (cue.start(), cue.end() + min(len(after), sum(len(x) for x in lines) * 2))
        inline = _from_inline(after)
        if len(inline) >= 2:
            return inline, (cue.start(), cue.end() + len(after))
    return [], None


def _from_lines(after: str) -> list[str]:
    items: list[str] = []
    started = False
    lines = after.split("\n")[:80]
    for index, raw in enumerate(lines):
        line = raw.strip()
        if ends_letter(lines, index):
            break
        if not started:
            if not line or line in {".", ":"} or re.fullmatch(r"[.:]?\s*", line):
                continue
            m = _LINE_ITEM.match(line)
            if m or line.endswith("?"):
                started = True
            else:
                return []
        if not line:
            continue
        m = _LINE_ITEM.match(line)
        if _NAVIGATION.fullmatch((m.group(1) if m else line).strip(" .?")):
            break
        if m:
            items.append(m.group(1))
        elif line.endswith("?") and len(line.split()) >= 3:
            items.append(line)
        elif items and not items[-1].endswith(("?", ".")) and line[:1].islower():
            items[-1] += " " + line
        else:
            break
    return [_tidy(i) for i in items if _tidy(i)]


def _from_inline(after: str) -> list[str]:
    paragraph = re.split(r"\n\s*\n", after, maxsplit=1)[0]
    lines = paragraph.split("\n")
    paragraph = "\n".join(next((lines[:i] for i in range(len(lines)) if ends_letter(lines, i)), lines))
    parts = _ITEM_INLINE.split(paragraph)
    if len(parts) < 3:
        return []
    items = [p for p in parts[1:] if p.strip()]
    items[-1] = _FOOTER.sub("", items[-1])
    if sum(bool(_NAVIGATION.fullmatch(i.strip(" .?"))) for i in items) * 2 >= len(items):
        return []
    return [_tidy(i) for i in items if _tidy(i)]


def _tidy(item: str) -> str:
    return re.sub(r"\s+", " ", item).strip(" ;,")
