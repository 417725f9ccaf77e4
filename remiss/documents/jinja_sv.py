"""Jinja's template errors in plain Swedish, for the people who write a nämnd's Word templates.

Loaded by path in the render worker (like markup.py): standard library only, no Jinja import.
"""

from __future__ import annotations

import io
import re
import zipfile

# How Jinja names tokens, as the template author writes them.
_TOKENS = {"end of statement block": "%}", "end of print statement": "}}", "end of template": "mallens slut",
           "begin of statement block": "{%", "begin of print statement": "{{", "name": "ett namn",
           "integer": "ett tal", "string": "en text"}
_QUOTES = "”“„’‘"
_LISTS = {"fragor": ("fråga", "frågor"), "avsnitt": ("avsnitt", "avsnitt"), "signaturer": ("underskrift", "underskrifter"),
          "sandlista": ("mottagare", "mottagare"), "ovriga": ("övrigt svar", "övriga svar")}


def _token(text: str) -> str:
    return _TOKENS.get(text, text)


def syntax(message: str) -> str:
    """A Jinja TemplateSyntaxError message as a Swedish clause (no final full stop)."""
    message = message.strip().rstrip(".")
    if found := re.match(r"Expected an expression, got '(.+)'", message):
        return f"ett fältnamn eller uttryck saknas före ”{_token(found.group(1))}”"
    if found := re.match(r"[Uu]nexpected end of template, expected '(.+)'", message):
        return f"mallkoden slutar innan ”{_token(found.group(1))}” har skrivits"
    if message.startswith("Unexpected end of template"):
        block = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
        name = block.group(1) if block else "for"
        return f"mallen tar slut innan blocket ”{{% {name} %}}” har avslutats (det saknas ett {{% end{name} %}})"
    if found := re.match(r"Encountered unknown tag '(\w+)'", message):
        tag = found.group(1)
        if "looking for" in message or tag.startswith("end") or tag in ("else", "elif"):
            return f"”{{% {tag} %}}” står på fel ställe: ett annat block måste avslutas före det"
        return f"”{{% {tag} %}}” är ingen känd mallkod"
    if found := re.match(r"unexpected char '(.+?)'", message):
        char = found.group(1)
        if char in _QUOTES:
            return (f"tecknet {char} kan inte stå i mallkod (Word har bytt ett rakt citattecken mot ett "
                    "typografiskt; skriv texten med raka citattecken \" eller ')")
        return f"tecknet ”{char}” kan inte stå i mallkod"
    if found := re.match(r"expected token '(.+?)', got '(.+?)'", message):
        return f"här ska det stå ”{_token(found.group(1))}” men det står ”{_token(found.group(2))}”"
    if found := re.match(r"unexpected '(.+?)'", message):
        return f"”{_token(found.group(1))}” står på ett ställe där det inte kan stå"
    if found := re.match(r"No (filter|test) named '(.+?)'", message, re.I):
        return f"{'filtret' if found.group(1).lower() == 'filter' else 'testet'} ”{found.group(2)}” finns inte"
    if message.startswith("tag name expected"):
        return "namnet på mallkoden saknas efter {%"
    if found := re.match(r"Block '(.+?)' defined twice", message):
        return f"blocket ”{found.group(1)}” finns två gånger"
    return "mallkoden går inte att tolka (kontrollera att varje {{ och {% har sitt }} respektive %})"


def _indexed(template: bytes, number: int) -> str | None:
    """The name of the list the template indexes with [number], read from its Word text (or None)."""
    try:
        with zipfile.ZipFile(io.BytesIO(template)) as zf:
            text = " ".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                            if n.startswith("word/") and n.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    found = re.search(r"(\w+)\s*\[\s*" + str(number) + r"\s*\]", re.sub(r"<[^>]+>", "", text))
    return found.group(1) if found else None


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def undefined(message: str, template: bytes = b"", context: dict | None = None) -> str:
    """A Jinja UndefinedError message as a Swedish sentence (context: to say how many the list has)."""
    if found := re.search(r"has no element (-?\d+)", message):
        number = int(found.group(1))
        name = _indexed(template, number) if template else None
        one, many = _LISTS.get(name or "", ("nummer", "poster"))
        code = f" ({{{{ {name}[{number}] }}}})" if name else ""
        items = (context or {}).get(name or "")
        if name == "fragor":
            # the yttrande lists the answered questions, the missiv all of them: "dokumentet" is true of both
            has = ("dokumentet har inga frågor" if items == [] else
                   f"dokumentet har bara {_count(len(items), 'fråga', 'frågor')}" if isinstance(items, list)
                   else "dokumentet har färre frågor än så")
            return (f"Mallen hänvisar till fråga {number + 1}{code}, men {has}. "
                    "Skriv frågorna med en loop ({%p for f in fragor %} … {%p endfor %}) i stället för att "
                    "hänvisa till en viss fråga.")
        what = f"{one} {number + 1} i listan {name}{code}" if name else f"nummer {number + 1} i en lista"
        return f"Mallen hänvisar till {what}, men listan har inte så många {many}. Använd en loop i stället."
    if found := re.search(r"has no attribute '(.+?)'", message):
        return f"Mallen använder fältet ”{found.group(1)}”, som inte finns."
    if found := re.search(r"'(.+?)' is undefined", message):
        return f"Mallen använder fältet ”{found.group(1)}”, som inte finns."
    return "Mallen använder ett fält som inte finns."


def runtime(exc: BaseException) -> str:
    """Any other failure while the template was filled in, as a Swedish sentence."""
    if isinstance(exc, ZeroDivisionError):
        return "Mallen delar ett tal med noll."
    if isinstance(exc, TypeError):
        return ("Mallen räknar med, jämför eller anropar fält på ett sätt som inte går "
                "(till exempel text plus tal, eller ett fält som inte är en lista i en loop).")
    if isinstance(exc, (ValueError, ArithmeticError)):
        return "En uträkning eller ett filter i mallen fick ett värde som det inte kan hantera."
    if isinstance(exc, (KeyError, IndexError, AttributeError)):
        return "Mallen använder ett fält som inte finns."
    return "Mallkoden gick inte att köra."
