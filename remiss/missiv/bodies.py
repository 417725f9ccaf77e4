"""Recognise Swedish public bodies in a missiv and give each its normalised name.

The register is two data files beside this module: `data/kommuner.txt` (the 290 kommuner by län, from
SCB's kommunkoder, with the names the "stad" kommuner give themselves) and `data/organ.txt` (departementen,
regionerna, riksdagens myndigheter, the statliga myndigheter and domstolar, the vattenmyndigheter, the regionala
cancercentrum, SKR, Sametinget and the larger kommunalförbund, with the e-mail domains they answer from and, for a
body another one hosts, its host). The 21 länsstyrelser are built from the län names. Names are found by looking
word n-grams up in a dictionary, so a search is linear in the length of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|&")
_ASCII = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", " ": "", "-": ""})
_ASCII_HYPHEN = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})  # upplands-bro.se


@dataclass(frozen=True)
class Body:
    """A public body: its normalised name, kind (kommun, region, lansstyrelse, departement, myndighet, domstol, ...)
    and, for a body another one hosts (a vattenmyndighet, a regionalt cancercentrum, a mark- och miljödomstol),
    the host's name."""

    name: str
    kind: str
    host: str | None = None


@dataclass(frozen=True)
class BodyMention:
    """A body named in a text, with the span of the words that named it."""

    body: Body
    start: int
    end: int


def _key(words: list[str]) -> str:
    # "Havs- och vattenmyndigheten": the hyphen of a shared word part is not part of the word.
    return " ".join(w.casefold().rstrip("-") for w in words)


def _name_key(name: str) -> str:
    """Return the lookup key of a written name: its words as find_bodies reads them (no commas, no full stops)."""
    return _key(_WORD.findall(name))


def _slug(name: str) -> str:
    """Return 'vanersborgstingsratt' for Vänersborgs tingsrätt: a name as an e-mail address's local part writes it."""
    return re.sub(r"[^a-z]", "", name.casefold().translate(_ASCII_HYPHEN))


def _genitive(name: str) -> str:
    """Return 'Tidaholms' for Tidaholm, 'Alvesta' for Alvesta: the form kommun names take before 'kommun'."""
    if name == "Falun":
        return "Falu"
    return name if name[-1] in "aeiouyåäösxz" else name + "s"


@dataclass
class _Register:
    names: dict[str, Body]  # lowercased name or alias → body
    acronyms: dict[str, Body]  # exact-case short forms, used to normalise a name, never to find one in prose
    domains: dict[str, Body]  # e-mail domain → body
    addresses: dict[str, Body]  # full e-mail address or local part at a shared domain → body
    first_words: dict[str, int] = None  # first word of a name → the most words a name starting with it has
    bodies: dict[str, Body] = None  # normalised name → body
    courts: dict[str, Body] = None  # slug of a court's name or alias → court (dom.se addresses)


@lru_cache(maxsize=1)
def _register() -> _Register:
    reg = _Register({}, {}, {}, {}, bodies={}, courts={})

    def add(body: Body, *aliases: str) -> None:
        reg.bodies.setdefault(body.name, body)
        for alias in (body.name, *aliases):
            alias = alias.strip()
            if not alias:
                continue
            if alias.isupper() or (len(alias) <= 4 and " " not in alias):
                reg.acronyms[alias] = body
            else:
                reg.names.setdefault(_name_key(alias), body)
            if body.kind in ("domstol", "särskild domstol"):
                reg.courts.setdefault(_slug(alias), body)

    lines = [line for line in (DATA / "kommuner.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    # "Egna namn: Göteborg = Göteborgs Stad; …": the kommuner that call themselves stad (and Kalmar kommun, Orust
    # kommun, whose names take no genitive s).
    own = {base.strip(): name.strip() for line in lines if line.startswith("Egna namn:")
           for base, name in (pair.split("=") for pair in line.split(":", 1)[1].split(";"))}
    for line in lines:
        if line.startswith("Egna namn:"):
            continue
        lan, names = line.split(":", 1)
        short = re.sub(r"s? län$", "", lan)
        slug = short.casefold().translate(_ASCII)
        lst = Body(f"Länsstyrelsen i {lan}", "lansstyrelse")
        add(lst, f"Länsstyrelsen {short}", f"Länsstyrelsen {lan}", f"Länsstyrelsen i {short}")
        reg.addresses[f"{slug}@lansstyrelsen.se"] = lst
        for base in (n.strip() for n in names.split(";")):
            if base == "Gotland":
                continue  # Region Gotland is both kommun and region (organ.txt)
            body = Body(own.get(base, f"{_genitive(base)} kommun"), "kommun")
            add(body, f"{_genitive(base)} kommun", f"{base} kommun", f"{base}s kommun", f"{base} stad", f"{base}s stad",
                f"{_genitive(base)} stad")
            reg.domains.setdefault(base.casefold().translate(_ASCII) + ".se", body)
            reg.domains.setdefault(base.casefold().replace(" ", "").translate(_ASCII_HYPHEN) + ".se", body)
    add(reg.names["länsstyrelsen i södermanlands län"], "Länsstyrelsen Sörmland")
    kind = "myndighet"
    for line in (DATA / "organ.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            kind = line[3:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases, mails, host = (part.strip() for part in (line.split("|") + ["", "", ""])[:4])
        body = Body(name, kind, host or None)
        add(body, *aliases.split(";"))
        for mail in filter(None, (m.strip().casefold() for m in mails.split(";"))):
            (reg.addresses if "@" in mail else reg.domains)[mail] = body
    for body in reg.bodies.values():
        assert body.host is None or body.host in reg.bodies, f"organ.txt: okänt värdorgan {body.host}"
    reg.first_words = {}
    for key in reg.names:
        first, count = key.split(" ")[0], key.count(" ") + 1
        reg.first_words[first] = max(reg.first_words.get(first, 0), count)
    return reg


_LOWER_LEADS = {"länsstyrelsen", "landstinget"}
HEAD_LIMIT = 20_000  # the remittent names itself in a letter's first pages; the rest need not be read


def find_bodies(text: str) -> list[BodyMention]:
    """Return every known body named in the first pages of the text, in order ('Jordbruksverkets' counts)."""
    reg = _register()
    words = list(_WORD.finditer(text, 0, HEAD_LIMIT))
    found: list[BodyMention] = []
    i = 0
    while i < len(words):
        hit = None
        first = words[i].group().casefold().rstrip("-")
        longest = max(reg.first_words.get(first, 0), reg.first_words.get(first[:-1], 0) if first.endswith("s") else 0)
        for n in range(min(longest, len(words) - i), 0, -1):
            span = words[i:i + n]
            if n > 1 and "\n\n" in text[span[0].start():span[-1].end()]:
                continue
            key = _key([w.group() for w in span])
            body = reg.names.get(key) or (reg.names.get(key[:-1]) if key.endswith("s") else None)
            # "skriver länsstyrelsen i Kalmar län": a news text writes the kind in lower case before the proper name
            if body and (span[0].group()[0].isupper() or n > 2 and first in _LOWER_LEADS and
                         any(w.group()[0].isupper() for w in span[1:])):
                hit = BodyMention(body, span[0].start(), span[-1].end())
                i += n
                break
        if hit:
            found.append(hit)
        else:
            i += 1
    return found


def canonical_body(name: str | None) -> str | None:
    """Return the normalised name of a known body ('Länsstyrelsen Dalarna' → 'Länsstyrelsen i Dalarnas län')."""
    if not name:
        return None
    reg = _register()
    name = re.sub(r"\s+", " ", name).strip(" .,")
    if name in reg.acronyms:
        return reg.acronyms[name].name
    key = _name_key(name)
    body = reg.names.get(key) or (reg.names.get(key[:-1]) if key.endswith("s") else None)
    return body.name if body else None


def body_for_email(address: str | None) -> Body | None:
    """Return the body an e-mail address belongs to, by its full address or its domain."""
    if not address or "@" not in address:
        return None
    reg = _register()
    address = address.casefold()
    if address in reg.addresses:
        return reg.addresses[address]
    local, domain = address.split("@", 1)
    if domain == "lansstyrelsen.se":
        # "registrator.stockholm@lansstyrelsen.se", "naturvard.vastragotaland@…": the län's name is one part.
        for part in re.split(r"[._-]", local):
            body = reg.addresses.get(f"{part}@lansstyrelsen.se")
            if body:
                # "vattenmyndigheten.vasternorrland@…": the vattenmyndighet the länsstyrelse hosts.
                if "vattenmyndighet" in local:
                    return next((b for b in hosted_by(body) if b.name.startswith("Vattenmyndigheten")), body)
                return body
        if "vattenmyndighet" in local:
            # "vattenmyndigheten.bottenhavet@…": the district's name instead of the län's
            flat = re.sub(r"[^a-z]", "", local)
            for body in _register().bodies.values():
                district = re.fullmatch(r"Vattenmyndigheten i (.+)s vattendistrikt", body.name)
                if district and _slug(district.group(1)) in flat:
                    return body
        return None
    if domain == "dom.se":
        return _court_for(local)
    if domain == "regeringskansliet.se":
        prefix = local.split(".")[0]
        for known, body in reg.addresses.items():
            if known.endswith("@regeringskansliet.se") and known.split(".")[0] == prefix:
                return body
        return None
    while domain.count(".") >= 1:
        if domain in reg.domains:
            return reg.domains[domain]
        domain = domain.split(".", 1)[1]
    return None


def hosted_by(host: Body) -> list[Body]:
    """Return the bodies the given body hosts (Länsstyrelsen i Västernorrlands län → the vattenmyndighet)."""
    return [b for b in _register().bodies.values() if b.host == host.name]


def body_named(name: str) -> Body | None:
    """Return the body with this normalised name, or None."""
    return _register().bodies.get(name)


def _court_for(local: str) -> Body | None:
    """Return the court a dom.se address names ('vanersborgs.tingsratt', 'mmd.vanersborg'), or None.

    Every court shares the domain, and so does Domstolsverket: only a court's name in the local part says which.
    """
    reg = _register()
    flat = re.sub(r"[^a-z]", "", local)
    found = [body for slug, body in reg.courts.items() if len(slug) >= 7 and slug in flat]
    if not found:
        return None
    body = max(found, key=lambda b: max(len(s) for s, c in reg.courts.items() if c == b and s in flat))
    if body.kind == "domstol" and re.search(r"(?:^|[._-])mmd(?:[._-]|$)|markochmiljo", local):
        return next((b for b in hosted_by(body) if b.name.startswith("Mark- och miljödomstolen")), None)
    if body.kind == "domstol" and "migrationsdomstol" in flat:
        return next((b for b in hosted_by(body) if b.name.startswith("Migrationsdomstolen")), None)
    return body
