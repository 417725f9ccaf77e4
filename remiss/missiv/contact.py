"""Find the remittent's contact person (handläggare) in a missiv, and the person's own e-mail address."""
from __future__ import annotations

import re

from remiss.missiv.bodies import find_bodies


# Between the words of a letterhead or a role and its name: blanks, or one line break where a PDF's column wrapped.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüøáóèíñ]+(?:-[A-ZÅÄÖ][a-zåäöéüáóèíñ]+)?"
_TITLE_WORD = re.compile(
    r"(?:samordnare|sekreterare|chef|handläggare|ledare|direktör|ansvarig|utredare|jurist|rådgivare|"
    r"strateg|controller|assistent|registrator|kansli|ordförande|ämnesråd|departementsråd|kansliråd|sakkunnig)$",
    re.IGNORECASE,
)

_CONTACT_CUES = re.compile(
    # (first: at a line's start the heading is tried before "kontaktperson" takes its first word)
    # a heading of its own over the names: "Kontakt\n", "Kontakt för frågor\n", "Kontaktpersoner vid frågor\n",
    # "Eventuella frågor om förslaget:\n", "Frågor: Sofia Nyman, kulturstrateg"
    r"(?:^[ \t]*(?:eventuella[ \t]+)?(?:kontakt(?:uppgifter|person(?:er)?)?|frågor)(?:[ \t]+(?:för|vid|om)"
    r"(?:[ \t]+[\wåäö-]+){1,2})?[ \t]*:?[ \t]*\n|^[ \t]*frågor[ \t]*:|"
    # "Kommunens handläggare är Eliabeth Hedin", "Handläggare för ärendet är …", "Kontaktperson för remissen är …":
    # the role named, then "är" and the person ("Ansvarig för remissarbetet är …" names who answers, fresh7 r04)
    r"\b(?:handläggare|kontaktperson)(?:[ \t]+(?:för|i)[ \t]+(?:ärendet|remissen|detta[ \t]+ärende))?"
    r"[ \t]+är(?=[ \t]+[A-ZÅÄÖ])|"
    r"handläggande tjänste(?:man|person)(?: på [\wåäö ]+?)? är|kontaktperson(?:er)?(?:[ \t]+är)?\s*:?|"
    # "Frågor om remissen hänvisas till …", "… kan riktas till …", "… ställs till …"
    r"frågor(?:[ \t]+[\wåäö-]+){0,10}?[ \t]+(?:hänvisas|riktas|ställs)[ \t]+till(?:[ \t]*:)?|"
    # "… går det bra att vända sig till …", "vänd er till …", "Du når handläggaren …"
    r"\bvänd(?:a)?[ \t]+(?:er|dig|sig)[ \t]+till(?:[ \t]*:)?|\bdu[ \t]+når(?=[ \t]+[a-zåäö]*[A-ZÅÄÖ]?)|"
    # "Frågor under samrådstiden besvaras av: Arne Ingemansson" (the colon too)
    # "Frågor om förslaget när det gäller beståndsstatus och kvotfördelning kan ställas till …" (a subject of up to
    # ten words, blanks only between them: the cue stays in its sentence)
    r"frågor(?:[ \t]+[\wåäö-]+){0,10}?[ \t]+(?:kan[ \t]+)?(?:ställas|besvaras|lämnas)[ \t]+(?:till|av)(?:[ \t]*:)?|"
    r"(?:upplysningar|information)(?:[ \t]+[\wåäö-]+){0,3}?[ \t]+(?:lämnas|ges|fås)[ \t]+(?:av|från|hos)|vår referens|handläggare[ \t]*[:|]?(?=[ \t]+[A-ZÅÄÖ]|[:|])|kontaktperson\b|"
    # "kontaktas ämnesrådet Jacob Wichmann", "kontakta oss.\n\nEva Carlstedt Ståhl, förbundschef"
    r"kontaktas|kontakta(?:[ \t]+oss[ \t]*[.:]?|(?: gärna)?(?:[ \t]*:)?)|\batt(?:\.|:)|\battn?\.?:|"
    # "Kontakt: Anna Berg, 010-…", "Mer information: …", "För frågor: …", "Ansvarig tjänsteperson: …"
    r"\bkontakt[ \t]*:|^[ \t]*(?:mer|ytterligare)[ \t]+information[ \t]*(?::|\n)|\b(?:för|vid)[ \t]+frågor[ \t]*:|"
    r"\bansvarig(?:[ \t]+(?:tjänste(?:man|person)|handläggare))?[ \t]*:|"
    # "Har du några frågor är du välkommen att ringa\nJenny Sandberg – 0498 …"
    r"\bvälkommen[ \t]+att[ \t]+(?:ringa|kontakta|mejla|höra[ \t]+av[ \t]+(?:dig|er)[ \t]+till)(?:[ \t]*:)?)\s*",
    re.IGNORECASE | re.MULTILINE,
)


# Name words are joined by blanks on one line: across a line break the next word is an address or a title.
# "besvaras av planarkitekt Robert Ek": a role written in lower case may stand before the name.
_ROLES = ("arkitekt", "handläggare", "strateg", "samordnare", "chef", "ingenjör", "sekreterare", "utredare", "jurist",
          "ekolog", "planerare", "inspektör",
          # the Regeringskansliet's titles in the definite form: "kontaktas ämnesrådet", "departementssekreteraren"
          "rådet", "sekreteraren", "sakkunnige", "sakkunniga", "handläggaren",
          # "ställas till utredaren Eva Berg", "kontakta planarkitekten …": the other roles' definite forms too
          "arkitekten", "strategen", "samordnaren", "chefen", "ingenjören", "utredaren", "juristen", "ekologen",
          "planeraren", "inspektören")
# "kontakta VA-chef, Christian Roos": the role may carry capitals and a comma before the name.
_ROLE = (r"(?:(?<![\wåäö])(?:[a-zåäö]{1,30}+|[A-ZÅÄÖ]{1,5}-[a-zåäö]{1,30}+)(?:" + "|".join(f"(?<={r})" for r in _ROLES)
         + r")(?:[ \t]+|[ \t]*\n[ \t]*(?=\[?[A-ZÅÄÖ])|,[ \t]+(?=[A-ZÅÄÖ])))?")
# A line may break between the first and the last name (PDF text wrapped at its width), not after that.
_PERSON = re.compile(rf"{_ROLE}(?:[A-ZÅÄÖ]\.?[ \t]){{0,2}}\[?({NAME_WORD}(?:[ \t]+|[ \t]*\n[ \t]*){NAME_WORD}"
                     rf"(?:[ \t]+{NAME_WORD})?)")
_ORGANISATION = re.compile(r"(?:kommun|region|län|styrelsen|nämnden|verket|departementet|kontoret|förvaltningen|"
                           r"myndigheten|inspektionen|rådet|kansliet|enheten|avdelningen)$", re.IGNORECASE | re.MULTILINE)
_ORGANISATION_LEAD = re.compile(r"^(?:landstinget|regionen|region|kommunen|länsstyrelsen|förvaltningen)\b",
                                re.IGNORECASE)
# words that start a body's name after a signer's name on one line ("Per Holm Sveriges Kommuner och Regioner")
_BODY_LEADS = {"sveriges", "region", "regionen", "länsstyrelsen", "kommunen"}
_CALLS = {"kontakta", "ring", "ringa", "mejla", "maila", "e-posta"}  # a call to the reader before the name
_HEADS = {"landshövding", "generaldirektör", "överdirektör", "kommundirektör", "regiondirektör", "statsråd", "minister"}
_NOT_NAMES = {"med", "box", "tel", "telefon", "mobil", "e-post", "hej", "vi", "och", "postadress", "besöksadress",
              "avdelningen", "enheten", "strateg", "planarkitekt", "handläggare"}


# A postal address with the handläggare's name under the body's: "Kungsörs kommun\nAnne Pettersson\n736 85 Kungsör".
_ADDRESSED_TO = re.compile(
    rf"^[^\n]{{0,60}}?(?i:kommun|region|länsstyrelsen|nämnden|förvaltningen|styrelsen|verket)[ \t]{{0,20}}\n"
    rf"[ \t]{{0,20}}({NAME_WORD}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]{{0,20}}\n[ \t]{{0,20}}\d{{3}}[ \t]?\d{{2}}"
    rf"[ \t]+[A-ZÅÄÖ]",
    re.MULTILINE)


# The signing handläggare of a myndighet's letter: "På Läkemedelsverkets vägnar\nFrida Nylén" (a third name word only
# where the line ends after it: a flattened PDF runs on into "Bilagor").
_SIGNED_FOR = re.compile(rf"\bPå[ \t]+[A-ZÅÄÖ][\wåäö-]{{1,60}}s[ \t]+vägnar[ \t]*(?:\n[ \t]*){{0,2}}"
                         rf"({NAME_WORD}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD}(?=[ \t]*$))?)", re.MULTILINE)


# A contact card under a page's text: the name, the role, the telephone, each on a line of its own
# ("Sandra Strömstedt\n\nStrateg\n\n0766-96 85 69"). The role is checked in find_contact.
_CARD = re.compile(
    rf"^[ \t]*({NAME_WORD}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*\n(?:[ \t]*\n)?"
    r"[ \t]*([A-ZÅÄÖ][a-zåäö-]{2,40}+(?:[ \t]+[a-zåäö-]{2,40}+){0,3})[ \t]*\n(?:[ \t]*\n)?"
    # the unit may stand on a line of its own between the role and the telephone: "Strateg\n\nNäringsliv och
    # arbetsmarknad\n\n0721-48 07 49" (round 32, regionsormland.se)
    r"(?:[ \t]*[A-ZÅÄÖ][a-zåäö-]{1,40}+(?:[ \t]+[\wåäö-]{1,40}+){0,5}[ \t]*\n(?:[ \t]*\n)?)?"
    r"[ \t]*(?:(?:[Tt]el|[Tt]elefon|[Mm]obil|[Tt]fn)[ \t.:]*)?\+?\d[\d -]{6,16}[ \t]*$",
    re.MULTILINE)


def _card(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for m in _CARD.finditer(text):
        # "Processledare kulturplan": the title may be the role's first word, its subject after it (round 32)
        before = text[max(0, m.start() - 40):m.start()]
        if not any(_TITLE_WORD.search(role) or role.casefold().endswith(_ROLES) for role in m.group(2).split()) or \
                m.group(2).casefold().startswith("press") or re.search(r"press", before, re.IGNORECASE) or \
                find_bodies(m.group(1)) or _ORGANISATION.search(m.group(1)):
            continue  # a press contact or an organisation, not the remiss's handläggare
        return m.group(1), m.span(1)
    return None, None


def find_contact(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the remittent's contact person (handläggare) and its span."""
    found = _find_contact_after_cue(text)
    if found[0] is None:
        m = _ADDRESSED_TO.search(text)
        if m and not find_bodies(m.group(1)) and not _ORGANISATION.search(m.group(1)):
            return m.group(1), m.span(1)
        m = _SIGNED_FOR.search(text)
        if m and not find_bodies(m.group(1)) and not _ORGANISATION.search(m.group(1)) and \
                m.group(1).split()[-1].casefold() not in _NOT_NAMES:
            return m.group(1), m.span(1)
        card = _card(text)
        if card[0]:
            return card
        signed = _signed_at_end(text)
        if signed[0]:
            return signed
        found = _letterhead_handler(text)
        for fallback in (_named_as_handler, _direct_line):
            if found[0] is None:
                found = fallback(text)
        return found if found[0] else _find_contact_after_cue(text, _FLAT_CUES)
    return found


# "Eva Berg är handläggare för ärendet": the name first, then "är" and the role (the cue's order reversed).
# (the blanks before "är" in one run, the comma's in another: "[ \t]*,?[ \t]+" split a long run of blanks every way)
_IS_HANDLER = re.compile(rf"(?<![\wåäöé-])({NAME_WORD}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?)"
                         r"(?:,[ \t]+|[ \t]+(?:,[ \t]+)?)är[ \t]+"
                         r"(?:ansvarig[ \t]+)?(?:handläggare|kontaktperson)(?:[ \t]+(?:för|i)[ \t]+(?:ärendet|remissen)"
                         r"|[ \t]*[.,]|[ \t]*$)", re.MULTILINE)
# A letterhead's handläggare with a direct number (Trafikverket's missiv, flattened by a transcript site):
# "Anne-Karin Grönvold-Andersson Planering Direkt: 010-123 58 76": the name, perhaps the unit, then "Direkt".
_DIRECT = re.compile(rf"(?<![\wåäöé-])({NAME_WORD}{_GAP}{NAME_WORD}){_GAP}(?:[A-ZÅÄÖ][a-zåäö-]{{2,30}}{_GAP})?"
                     r"Direkt(?:telefon|nummer)?[ \t]*:?[ \t]*\+?\d")


def _named_as_handler(text: str) -> tuple[str | None, tuple[int, int] | None]:
    return _checked_name(_IS_HANDLER.search(text))


def _direct_line(text: str) -> tuple[str | None, tuple[int, int] | None]:
    return _checked_name(_DIRECT.search(text))


def _checked_name(m: re.Match | None) -> tuple[str | None, tuple[int, int] | None]:
    """Return the match's first group as a person's name, unless it is a body's name or a head's title."""
    if m is None or find_bodies(m.group(1)) or _ORGANISATION.search(m.group(1)) or \
            _ORGANISATION_LEAD.match(m.group(1)) or m.group(1).split()[-1].casefold() in _NOT_NAMES or \
            m.group(1).split()[0].casefold() in _HEADS:
        return None, None
    return " ".join(m.group(1).split()), m.span(1)


# A contact heading in a text whose line breaks were lost (a PDF or a page flattened to one line by a transcript
# site): "Kontakt Madeleine Turén Liljedahl Planarkitekt Telefon: 0502-…", "Kontaktpersoner vid frågor Jimmy Nilsson,
# 010-…", "Eventuella frågor om förslaget: Martin Rydgren telefon 010-…". The heading then runs on into the name on
# the same line, so the name counts only where a telephone, an e-post label or a number follows within a role's words.
_SIGNER_WORDS = ("handläggare", "utredare", "sekreterare", "strateg", "arkitekt", "jurist", "samordnare", "planerare",
                 "rådgivare", "inspektör", "ekolog", "ämnesråd", "departementsråd", "kansliråd", "sakkunnig",
                 "departementet", "kommun", "förvaltningen", "nämnden", "verket")
_FLAT_CUES = re.compile(
    r"(?i:\b(?:kontakt(?:uppgifter|person(?:er)?)?(?:[ \t]+(?:för|vid)[ \t]+frågor)?|"
    r"(?:eventuella[ \t]+)?frågor[ \t]+om[ \t]+[a-zåäö-]{2,30}|"
    # the signature after the closing, flattened: "Med vänlig hälsning Eva Berg Handläggare Telefon …"
    r"(?:med[ \t]+)?vänlig(?:a|en)?[ \t]+hälsning(?:ar)?[ \t]*,?))[ \t]*:?[ \t]+"
    rf"(?={_ROLE}{NAME_WORD}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?"
    r"(?:[ \t]*[,:–/-])?[ \t]+(?:[\wåäö-]{2,40}[,.]?[ \t]+){0,3}?(?i:telefon|tel\b|e-post|mobil|direkt|\+?\d|"
    # or the signer's role right after the name
    # or the signer's role right after the name, or the signer's body: "Med vänliga hälsningar Elin Sjöberg
    # Kulturdepartementet", "… Per Holm Sveriges Kommuner och Regioner", "… Malin Ås Regional utveckling, Region …"
    r"[\wåäö-]{2,40}+(?:" + "|".join(f"(?<={word})" for word in _SIGNER_WORDS) + r")\b|"
    r"(?:Sveriges|Region|Länsstyrelsen)[ \t]))")


# The letter ends with its signature: the handläggare's name, then the role ("Frida Nord\nVerksjurist").
_SIGNATURE_END = re.compile(
    rf"^[ \t]*({NAME_WORD}[ \t]+{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*\n(?:[ \t]*\n)?"
    r"[ \t]*([A-ZÅÄÖ][a-zåäö-]{2,40}+(?:[ \t]+[a-zåäö-]{2,40}+){0,3})[ \t,.]*\s*\Z", re.MULTILINE)


def _signed_at_end(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the name of the signature that ends the text, when a role stands under it."""
    m = _SIGNATURE_END.search(text[-300:])
    if not m:
        return None, None
    role = m.group(2).split()[-1]
    if not (_TITLE_WORD.search(role) or role.casefold().endswith(_ROLES)) or find_bodies(m.group(1)) or \
            _ORGANISATION.search(m.group(1)):
        return None, None
    base = max(0, len(text) - 300)
    return m.group(1), (base + m.start(1), base + m.end(1))


# A letterhead flattened to one line (docplayer): "REMISS Datum Vår beteckning RT 2014/ Sid 1 (1) Enheten för teknik
# Stefan Nygård, Förslag till föreskrifter …": the unit and then its handläggare, a comma after the name.
_LETTERHEAD_HANDLER = re.compile(
    rf"\b(?:Enheten|Avdelningen|Sektionen|Byrån|Staben){_GAP}för{_GAP}[a-zåäö-]{{2,40}}(?:{_GAP}och{_GAP}[a-zåäö-]{{2,40}})?"
    # "… Enheten för fastighetsrätt och associationsrätt Patrik Skogh Telefon E-post …": the letterhead's labels
    rf"{_GAP}({NAME_WORD}{_GAP}{NAME_WORD})(?:,|{_GAP}(?:Telefon|Tel|E-post|Direkt)\b)")


# A letterhead's handläggare as a PDF's text gives it (round 21): the unit on its line, the name on the next (the
# address column beside it after a run of blanks), the telephone on the line below: "Samhällsbyggnadsenheten\nPer
# Holm      Nässjö kommun\n010-223 60 00      571 80 Nässjö".
_UNIT_NAME_PHONE = re.compile(
    r"^[ \t]*[A-ZÅÄÖ][a-zåäö-]{2,40}(?:enheten|avdelningen|sektionen|byrån|staben|kontoret|förvaltningen)[ \t]*\n"
    rf"[ \t]*({NAME_WORD}[ \t]{NAME_WORD})(?:[ \t]{{2}}[^\n]*)?\n"
    r"[ \t]*(?:(?:tel(?:efon)?|direkt|mobil)[ \t.:]*)?(?:\+46[ \t]?|0)\d{1,3}[- ]?\d", re.MULTILINE)


def _letterhead_handler(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the handläggare a flattened letterhead names after the unit, read in the letter's first lines only."""
    m = _LETTERHEAD_HANDLER.search(text[:3000]) or _UNIT_NAME_PHONE.search(text[:3000])
    if m and not find_bodies(m.group(1)) and not _ORGANISATION.search(m.group(1)) and \
            m.group(1).split()[-1].casefold() not in _NOT_NAMES:
        return " ".join(m.group(1).split()), m.span(1)
    return None, None


def _find_contact_after_cue(text: str, cues: re.Pattern = _CONTACT_CUES) -> tuple[str | None, tuple[int, int] | None]:
    for cue in cues.finditer(text):
        m = _PERSON.match(text, cue.end())
        if not m:
            continue
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and (words[-1].group().casefold() in _NOT_NAMES or len(words) > 2 and (
                _TITLE_WORD.search(words[-1].group()) or _ORGANISATION.search(words[-1].group()) or
                words[-1].group().casefold() in _BODY_LEADS)):
            words.pop()
        if len(words) == 3 and re.match(r"[ \t]+[a-zåäö]", text[m.start(1) + words[-1].end():]):
            words.pop()  # "… Malin Ås Regional utveckling, Region …": a phrase in lower case goes on, no surname
        if words and words[0].group().casefold() in _HEADS:
            continue  # a page's footer "Kontakt Landshövding Anders Flanking": the authority's head, no handläggare
        if len(words) == 3 and (words[0].group().casefold().endswith(_ROLES) or words[0].group().casefold() in _CALLS):
            # "Upplysningar Samhällsplanerare Petter Wikström: 0550-…": the role, capitalised; "Frågor om
            # remissen\nKontakta Eva Lind, kulturstrateg": the heading's line begins with the call (round 21)
            words.pop(0)
        if len(words) < 2:
            continue
        name = " ".join(w.group() for w in words)
        if _ORGANISATION.search(name) or _ORGANISATION_LEAD.match(name) or find_bodies(name):
            continue  # "kontakta Region Västerbotten": a body, not a person
        return name, (m.start(1) + words[0].start(), m.start(1) + words[-1].end())
    return None, None


# A link written in Markdown, with its optional title: [Peter Kalliopuro](mailto:peter.kalliopuro@… "Epost till …")
_LINK = re.compile(r"\[[^\]\n]{0,200}\]\([^)\n]{0,300}\)")


def name_from_address(text: str, addresses: list[str | None]) -> tuple[str | None, tuple[int, int] | None]:
    """Return a person whose first.last@ address is given for answers or copies and whose name the text writes."""
    # A copy's addressee is the contact only where the text names the person outside the link to the address: in
    # "… samt till [Peter Kalliopuro](mailto:peter.kalliopuro@…)" the name is only the address's label.
    unlinked = _LINK.sub(lambda m: " " * len(m.group()), text)
    for index, address in enumerate(addresses):
        if not address:
            continue
        parts = re.split(r"[._-]", address.split("@")[0])
        if len(parts) == 3 and len(parts[1]) == 1:
            parts = [parts[0], parts[2]]  # "emelie.i.nilsson@": the middle initial a namesake's address carries
        if len(parts) != 2 or not all(p.isalpha() and len(p) > 1 for p in parts):
            continue
        m = re.search(rf"\b({re.escape(parts[0])}[ \t]+{re.escape(parts[1])})\b", text if index == 0 else unlinked,
                      re.IGNORECASE)
        if m and m.group(1)[0].isupper():
            return m.group(1), m.span(1)
    return None, None


_ADDRESS = re.compile(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.(?-i:[a-z]{2,}|[A-Z]{2,})", re.IGNORECASE)
# Shared mailboxes: a registry, the answers' box, the switchboard. They are never one person's address.
_FUNCTIONAL = re.compile(r"^(?:registrator|registraturen?|diarie|remiss|info|kontakt|kundtjanst|kommun|region|"
                         r"lansstyrelsen|\w*\.?remissvar|\w*kansli)", re.IGNORECASE)
CONTACT_WINDOW = 200  # characters after the name where the person's own address stands ("Eva Berg, eva.berg@…")
# What ends a contact block: a line of prose, or the page's next section.
_BLOCK_END = re.compile(r"\n[ \t]*(?:(?:\S+[ \t]+){8}|(?:sidansvarig|senast uppdaterad|kontakta oss|relaterad)\b)",
                        re.IGNORECASE)


def find_contact_email(text: str, name_end: int) -> tuple[str | None, tuple[int, int] | None]:
    """Return the e-mail address written right after the contact person's name (or in the lines of the same
    contact block: title, telephone, "E-post: …"), and its span; a shared mailbox is never the person's."""
    window = text[name_end:name_end + CONTACT_WINDOW]
    end = _BLOCK_END.search(window)
    for m in _ADDRESS.finditer(window[:end.start()] if end else window):
        address = m.group().rstrip(".")
        if _FUNCTIONAL.match(address):
            continue
        return address, (name_end + m.start(), name_end + m.start() + len(address))
    return None, None


# The signature under a letter's closing ("Med vänlig hälsning\n\nKarin Ståhl\nÄmnesråd\nFinansdepartementet"): the
# signing handläggare, when the line under the name gives a role, the body or a telephone. A head who signs
# (generaldirektör, landshövding) is nobody's handläggare.
_CLOSING_LINE = re.compile(r"^[ \t]*(?:(?:med[ \t]+)?(?:vänlig(?:a|en)?|bästa)[ \t]+hälsning(?:ar)?|hälsningar|mvh)"
                           r"(?=[ \t,.!]*$)", re.IGNORECASE | re.MULTILINE)
# (it starts after the closing's last letter, never inside a run of blanks: linear on a page of blanks)
# (round 21: the role may follow the name on its line, "Anna Berg, planarkitekt", with nothing below)
_SIGNER = re.compile(rf"(?<![ \t])[ \t,.!]*\n(?:[ \t]*\n){{0,2}}[ \t]*({NAME_WORD}(?:[ \t]+{NAME_WORD}){{1,2}})"
                     r"(?:[ \t]*,[ \t]*([^\n,]{2,60}))?[ \t]*(?:\n(?:[ \t]*\n)?[ \t]*([^\n]{2,80}))?")
_HEAD_ROLE = re.compile(r"(?:landshövding|generaldirektör|överdirektör|direktör|statsråd|minister|ordförande|"
                        r"rektor|chef)\b", re.IGNORECASE)


def signed_under_closing(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the handläggare who signs under the letter's last closing, and the name's span."""
    closings = list(_CLOSING_LINE.finditer(text))
    m = _SIGNER.match(text, closings[-1].end()) if closings else None
    if not m or not (m.group(2) or m.group(3)):
        return None, None
    name, below = m.group(1), (m.group(2) or m.group(3)).strip()
    if find_bodies(name) or _ORGANISATION.search(name) or _ORGANISATION_LEAD.match(name) or \
            name.split()[0].casefold() in _HEADS or _HEAD_ROLE.search(below):
        return None, None
    role = below.split()[-1].rstrip(",.") if below.split() else ""
    if _TITLE_WORD.search(role) or role.casefold().endswith(_ROLES) or find_bodies(below) or \
            _ORGANISATION.search(below.split(",")[0]) or \
            re.match(r"(?i:tel|telefon|mobil|direkt)?[ .:]*\+?\d", below) or _own_address(name, below):
        return name, m.span(1)
    return None, None


def _own_address(name: str, line: str) -> bool:
    """Tell whether a line is the signer's own e-mail address ("anna.berg@nassjo.se" under "Anna Berg")."""
    m = re.match(r"(?:e-?post|mejl|mail)?[ \t:]*([\w.-]{2,64})@[\w-]+(?:\.[\w-]+)+[ \t]*$", line, re.IGNORECASE)
    local = m.group(1).casefold() if m else ""
    fold = str.maketrans("åäöéüø", "aaoeuo")  # "Åsa Öberg" writes asa.oberg@
    return bool(local) and all(part.casefold().translate(fold) in local.translate(fold)
                               for part in (name.split()[0], name.split()[-1]))


# Round 22: "Önskar ni ett utskrivet exemplar skickat till er vänligen kontakta Joel Nylin": the person sends out paper
# copies; whether they also handle the remiss the letter does not say (read on the sentence before the name only)
_COPIES_ONLY = re.compile(r"\b(?:exemplar(?:et|en)?|papperskopi(?:a|or)|(?:utskriv|tryck)(?:t|na|ta)[ \t]+"
                          r"(?:version|handlingar|underlag))\b", re.IGNORECASE)


def for_copies_only(text: str, span: tuple[int, int] | None) -> bool:
    """Tell whether the sentence that names the contact asks the reader to contact them only for paper copies."""
    if span is None:
        return False
    before = text[max(0, span[0] - 200):span[0]]
    start = max(before.rfind(". "), before.rfind("\n\n"))
    sentence = before[start + 1:]
    return bool(_COPIES_ONLY.search(sentence)) and not re.search(r"\bfrågor|\bhandläggare", sentence, re.IGNORECASE)
