"""Read the sändlista's names one a line below its heading, and clean a name."""
from __future__ import annotations

import re

from remiss.missiv.signature import ends_letter

NUMBERED = re.compile(r"^\s*(\d{1,3})\s*\\?[.)]?\s+(?=\S)")
_BULLET = re.compile(r"^\s*[-–•*]\s+")
_PAGE_LINE = re.compile(r"^\s*(?:sid(?:an|a)?\.?\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3})?\s*$", re.IGNORECASE)
_GROUP_WORDS = (
    r"nämnder|bolag och stiftelser|stiftelser|bolag|myndigheter|kommuner|regioner|landsting|"
    r"organisationer|domstolar|universitet och högskolor|högskolor|förbund|övriga|fackliga organisationer"
)
# "Övriga myndigheter", "Statliga bolag": a group's heading is capitalised only at its start; a second capital makes
# it a name ("Sveriges Kommuner och regioner" in a list copied without its numbers).
_GROUP_LINE = re.compile(rf"^(?:(?![^\n]*\s[A-ZÅÄÖ])[\wåäöÅÄÖ.\- ]{{0,40}}\s)?(?:{_GROUP_WORDS})\s*:?$")


def is_group_line(line: str) -> bool:
    """Tell a group's heading inside a list: "Övriga myndigheter", and capitalised alone "Myndigheter", "Kommuner och
    regioner" (a name has a second capital: "Sveriges Kommuner och Regioner")."""
    words = line.split()
    if len(words) >= 2 and words[-2].endswith("s"):
        return False  # "Stockholms läns landsting": a genitive before the group word makes it a name
    return bool(_GROUP_LINE.match(line) or _GROUP_LINE.match(line[:1].lower() + line[1:]))


WRAP_END = re.compile(r"(?:[-–,]|\b(?:och|för|i|av|på|med|samt|de|det))$")
# "Promemorian Ett förenklat kommunalekonomiskt utjämningssystem": a document's name, the ärendemening of a
# Regeringskansliet missiv below its addressee block; a line that begins so is never a remissinstans
_DOCUMENT_LINE = re.compile(
    r"(?:(?:departements|remiss)?promemori(?:a|an)|(?:del|slut)?betänkande(?:t)?|lagrådsremiss(?:en)?|rapport(?:en)?|"
    r"konsekvensutredning(?:en)?|utkast(?:et)?[ \t]+till|förslag(?:et)?[ \t]+(?:till|om|på)|"
    r"remiss(?:en)?[ \t]+(?:av|angående|om|gällande|avseende|rörande)|"
    r"(?:SOU|Ds)[ \t]+\d{4}:\d{1,3})(?![\wåäö])",
    re.IGNORECASE,
)


def is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= 9 or (line.rstrip().endswith(".") and len(words) >= 5 and not re.search(r"\b[A-ZÅÄÖ]\.$", line))


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" \t,;")
    # A page number glued to a name by PDF extraction ("Eksjö kommun 2"), but not "Område nummer 2".
    name = re.sub(r"(?<!nummer)(?<!\bnr)(?<=[a-zåäöA-ZÅÄÖ)])\s+[1-9]$", "", name)
    return name.strip()


def from_lines(text: str, start: int) -> tuple[list[str], int]:
    """Read one name a line from `start`, joining wrapped names and skipping page numbers."""
    names: list[str] = []
    numbered = None
    pos = start
    end = start
    blank_run = 0
    spaced: bool | None = None  # entries stand in paragraphs of their own (decided at the first blank line)
    joined = False  # the first entry took in a wrapped line
    lines = text[start:].split("\n")
    for index, line_match in enumerate(re.finditer(r"[^\n]*\n?", text[start:])):
        raw = line_match.group()
        if not raw:
            break
        pos = start + line_match.end()
        line = raw.strip()
        if line and ends_letter(lines, index):
            break  # the signature, or a quoted mail below the list
        if not line:
            blank_run += 1
            if names and numbered is False and blank_run >= 1:
                nxt = next_nonblank(text, pos)
                if nxt and is_group_line(nxt):
                    pass
                elif spaced is None and len(names) == 1 and not joined:
                    # a list pasted from a web page, one <p> per entry: a blank line after every name
                    spaced = _single_name_paragraph(text, pos)
                    if not spaced:
                        break
                elif not (spaced and blank_run == 1 and _single_name_paragraph(text, pos)):
                    break
            if blank_run >= 3:
                break
            continue
        blank_run = 0
        if _PAGE_LINE.match(line) or not re.search(r"[^\W\d_]", line):
            continue
        num = NUMBERED.match(line)
        if not num and not _BULLET.match(line) and _DOCUMENT_LINE.match(line):
            break  # the ärendemening below the list (or below "Enligt sändlista"): the letter's text goes on
        if numbered is None and not num and not names and is_group_line(line):
            continue  # "Myndigheter" above the first entry: a group's heading, not a name
        if numbered is None:
            numbered = bool(num)
        if num:
            names.append(line[num.end():])
        elif numbered and names and _BULLET.match(line) and raw[:1] in " \t":
            # "46. Swedish Association for Testing, Inspection and Certification" over "    - Swetic TK Lyft": an
            # indented bullet under a numbered entry names a part of that entry, not an entry of its own (round 32)
            pass
        elif _BULLET.match(line):
            names.append(_BULLET.sub("", line))
        elif is_group_line(line) and not (numbered and names and WRAP_END.search(names[-1])):
            continue
        elif numbered:
            if is_prose(line) or not names:
                break
            if not (line[:1].islower() or WRAP_END.search(names[-1]) or _numbered_below(text, pos)):
                # "102. Villaägarnas Riksförbund" / "Boverkets rapport Ovårdade tomter och förfallna" (a PDF's column):
                # below the last number, a line that no wrapped name explains is the letter's text going on
                break
            names[-1] = names[-1] + " " + line
        else:
            if is_prose(line):
                break
            if names and (line[:1].islower() or WRAP_END.search(names[-1])):
                if spaced:
                    break  # a paragraph of two lines after one-line entries: the list has ended
                names[-1] = names[-1] + " " + line
                joined = True
            else:
                names.append(line)
        end = start + line_match.start() + len(raw.rstrip("\n"))
    cleaned = [clean_name(n) for n in names]
    return [n for n in cleaned if n], end


# What follows a list and is no entry: a greeting, a label, a date or an address.
_NOT_AN_ENTRY = re.compile(r"(?:med )?vänlig(?:a)? hälsning(?:ar)?|hälsningar|enligt uppdrag", re.IGNORECASE)


def _single_name_paragraph(text: str, pos: int) -> bool:
    """Tell whether the paragraph after the blank lines at `pos` is one short line that could be a remissinstans."""
    m = re.compile(r"[ \t\n]*([^\n]+)(\n[ \t]*(?:\n|\Z)|\Z)").match(text, pos)
    if not m:
        return False
    line = m.group(1).strip()
    return (line[:1].isupper() and len(line.split()) <= 8 and not is_prose(line) and not line.endswith(".")
            and not _NOT_AN_ENTRY.match(line) and not _DOCUMENT_LINE.match(line) and not re.search(r"[:@]|\d{4}", line))


def _numbered_below(text: str, pos: int) -> bool:
    """Tell whether the next line with words below `pos` (page numbers skipped) is a numbered entry."""
    for line in text[pos:pos + 400].split("\n")[:8]:
        line = line.strip()
        if line and not _PAGE_LINE.match(line):
            return bool(NUMBERED.match(line))
    return False


def next_nonblank(text: str, pos: int) -> str | None:
    m = re.compile(r"\s*([^\n]+)").match(text, pos)
    return m.group(1).strip() if m else None
