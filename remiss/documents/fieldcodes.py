"""Find Word field codes that run programs or fetch content from outside the file.

DDE and DDEAUTO start programs on the reader's computer; INCLUDEPICTURE, INCLUDETEXT, LINK
and IMPORT fetch a file or a web address when the document is opened or updated (tracking,
and an NTLM hash leak for a `\\\\server\\share` path). A template with any of them would put
them in every document the nämnd sends.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .placeholders import W, opening_words, safe_parser

REFUSED = {
    "DDE": "startar ett annat program på mottagarens dator",
    "DDEAUTO": "startar automatiskt ett annat program på mottagarens dator",
    "INCLUDEPICTURE": "hämtar en bild utanför dokumentet",
    "INCLUDETEXT": "hämtar text från en annan fil",
    "LINK": "hämtar innehåll från en annan fil",
    "IMPORT": "hämtar en bild från en annan fil",
}
_NAME = re.compile(r"^\s*([A-Za-z]+)")
COMPUTED = "(beräknat fältnamn)"


def field_instructions(xml: bytes) -> list[tuple[str, str]]:
    """Every field's instruction in a part, with the opening words of the paragraph it is in.

    A field whose name is made by another field nested in front of it (the `{ {QUOTE 68 68 69} … }`
    trick that spells DDE) is returned with the instruction "(beräknat fältnamn) …".
    """
    root = etree.fromstring(xml, safe_parser())
    found, stack = [], []  # stack items: [instruction, where, collecting, computed]
    for element in root.iter(f"{W}fldChar", f"{W}instrText", f"{W}fldSimple"):
        local = etree.QName(element).localname
        if local == "fldSimple":
            found.append((element.get(f"{W}instr", ""), _paragraph_words(element)))
        elif local == "instrText":
            if stack and stack[-1][2]:
                stack[-1][0] += element.text or ""
        elif element.get(f"{W}fldCharType") == "begin":
            if stack and stack[-1][2] and not stack[-1][0].strip():
                stack[-1][3] = True
            stack.append(["", _paragraph_words(element), True, False])
        elif element.get(f"{W}fldCharType") == "separate" and stack:
            stack[-1][2] = False
        elif element.get(f"{W}fldCharType") == "end" and stack:
            instruction, where, _, computed = stack.pop()
            found.append((f"{COMPUTED} {instruction}" if computed else instruction, where))
    return found


def _paragraph_words(element) -> str:
    paragraph = next((a for a in element.iterancestors(f"{W}p")), None)
    if paragraph is None:
        return ""
    return opening_words("".join(t.text or "" for t in paragraph.iter(f"{W}t")))


def package_errors(docx: bytes) -> list[str]:
    """The refused field codes in every XML part of a .docx (for templates stored before the check knew them)."""
    errors: list[str] = []
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        for info in package.infolist():
            if info.filename.endswith(".xml") and info.file_size < 20_000_000:
                data = package.read(info)
                if b"instr" in data:
                    check_field_codes(info.filename, data, errors)
    return errors


def check_field_codes(name: str, xml: bytes, errors: list[str]) -> None:
    """Add a Swedish error for each field code in part name that runs a program or fetches content."""
    try:
        instructions = field_instructions(xml)
    except etree.XMLSyntaxError:
        return  # reported where the part is read as text
    for instruction, words in instructions:
        match = _NAME.match(instruction)
        code = match.group(1).upper() if match else ""
        if instruction.startswith(COMPUTED):
            reason = "får sitt namn från ett annat fält (ett sätt att dölja DDE)"
        elif code in REFUSED:
            reason = REFUSED[code]
        else:
            continue
        shown = " ".join(instruction.split())[:120]
        near = f" i stycket som börjar ”{words}”" if words else ""
        errors.append(f"Mallen innehåller fältkoden ”{shown}” ({name}{near}), som {reason}. Sådana fält är "
                      "inte tillåtna: markera innehållet i Word, tryck Ctrl+Skift+F9 så att fältet blir vanlig "
                      "text eller en inbäddad bild, och spara igen.")
