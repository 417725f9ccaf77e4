"""Find the smaller fields of a missiv: title, remittent, contact person and e-mail addresses."""
from __future__ import annotations

import re

from remiss.missiv.bodies import canonical_body, find_bodies

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüøáóèíñ]+(?:-[A-ZÅÄÖ][a-zåäöéüáóèíñ]+)?"
_TITLE_WORD = re.compile(
    r"(?:samordnare|sekreterare|chef|handläggare|ledare|direktör|ansvarig|utredare|jurist|rådgivare|"
    r"strateg|controller|assistent|registrator|kansli|ordförande)$",
    re.IGNORECASE,
)
# "Miljö- och energidepartementet", "Kultur-, fritids- och idrottsnämnden" as well as "Kulturnämnden".
# A name starts a capitalised word, its words are bounded ({0,60}) and taken whole ({0,60}+, possessive), and the
# ending is checked behind the word: searched with re.I and backtracking into the word for each possible ending,
# "A-" repeated 50,000 times took 1.4 s (issue 19); unbounded, a 20,000-letter line took a minute.
_ENDINGS = ("departementet", "nämnden", "styrelsen", "kontoret", "förvaltningen", "verket", "myndigheten",
            "inspektionen", "kansliet", "rådet", "fullmäktige")
_ENDS = "(?:" + "|".join(f"(?<={e})" for e in _ENDINGS) + ")"
_BODY = (r"(?<![\wåäö-])(?:[A-ZÅÄÖ][\wåäö]{0,60}+-(?:,[ \t]+[a-zåäö][\wåäö]{0,60}+-){0,10}[ \t\n]+och[ \t\n]+"
         r"[a-zåäö][\wåäö-]{0,60}+|[A-ZÅÄÖ][\wåäö-]{0,60}+)" + _ENDS)

_REMITTENT_PATTERNS = [
    (re.compile(rf"(?i:ska(?:ll)? vara) ({_BODY}) (?i:tillhanda)"), 4),
    (re.compile(rf"(?i:ska(?:ll)? ha (?:kommit in|inkommit) till) ({_BODY})"), 3),
    # "remissinstansernas yttranden som inkommit till Näringsdepartementet": the page of a closed remiss
    (re.compile(rf"(?i:(?:yttranden|remissvar|svar)(?:en)? som (?:har )?(?:kommit in|inkommit) till) ({_BODY})"), 3),
    (re.compile(rf"(?i:(?:ska(?:ll)? lämnas|skickas|sänds) till) ({_BODY})"), 2),
    (re.compile(rf"\b(?i:som) ({_BODY}) (?i:har remitterat)"), 3),
    (re.compile(rf"(?i:remiss(?:var)?(?:en)? (?:från|som (?:har )?kommit (?:in )?till)) ({_BODY})"), 2),
    (re.compile(rf"({_BODY}) (?i:(?:har )?remitter(?:ar|at))"), 2),
    # "MSB remitterar nu förslag på föreskrifter": a body's known abbreviation (checked in find_remittent_cue)
    (re.compile(r"(?<![\wåäö-])([A-ZÅÄÖ]{2,6}) (?i:(?:har )?remitter(?:ar|at))\b"), 2),
    # "Remissvaren ska ha kommit in till socialdepartementet": a news item writes the department in lower case
    (re.compile(r"(?i:ska(?:ll)? ha (?:kommit in|inkommit) till) ([a-zåäö][a-zåäö-]{1,40}+(?<=departementet))"), 3),
    # "Socialdepartementet bjuder in till ett remissmöte": the body inviting to the remiss's meeting or samråd
    (re.compile(rf"({_BODY}) (?i:(?:bjuder|inbjuder) (?:härmed )?in till (?:ett |en )?(?:remiss|samråd))"), 1),
    (re.compile(rf"^[ \t]*(?:[A-ZÅÄÖ][a-zåäö]+ (?:stad|kommun|region)[ \t]+)?({_BODY})[ \t]+\d+[ \t]*\(\d+\)", re.M), 1),
]


def find_remittent_cue(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the body that sent the remiss and expects the answer."""
    addressed = re.search(r"ställt till (\w+),?\s+ska(?:ll)? vara (\w+?)s expedition", text, re.I)
    if addressed:
        value = f"{addressed[1].capitalize()} ({addressed[2].capitalize()})"
        return value, addressed.span()
    best: tuple[int, int, re.Match] | None = None
    for pattern, weight in _REMITTENT_PATTERNS:
        for m in pattern.finditer(text):
            if m.group(1).isupper() and not canonical_body(m.group(1)):
                continue  # an abbreviation the register does not know names no body
            if best is None or weight > best[0]:
                best = (weight, m.start(), m)
            break
    if best is None:
        return None, None
    m = best[2]
    value = m.group(1)
    return value[0].upper() + value[1:], m.span(1)


_CONTACT_CUES = re.compile(
    # (first: at a line's start the heading is tried before "kontaktperson" takes its first word)
    # a heading of its own over the names: "Kontakt\n", "Kontakt för frågor\n", "Kontaktpersoner vid frågor\n",
    # "Eventuella frågor om förslaget:\n", "Frågor: Sofia Nyman, kulturstrateg"
    r"(?:^[ \t]*(?:eventuella[ \t]+)?(?:kontakt(?:uppgifter|person(?:er)?)?|frågor)(?:[ \t]+(?:för|vid|om)"
    r"(?:[ \t]+[\wåäö-]+){1,2})?[ \t]*:?[ \t]*\n|^[ \t]*frågor[ \t]*:|"
    r"handläggande tjänste(?:man|person)(?: på [\wåäö ]+?)? är|kontaktperson(?:er)?(?:[ \t]+är)?\s*:?|"
    # "Frågor under samrådstiden besvaras av: Arne Ingemansson" (the colon too)
    r"frågor(?:[ \t]+[\wåäö-]+){0,4}?[ \t]+(?:kan[ \t]+)?(?:ställas|besvaras|lämnas)[ \t]+(?:till|av)(?:[ \t]*:)?|"
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
          "rådet", "sekreteraren", "sakkunnige", "sakkunniga", "handläggaren")
# "kontakta VA-chef, Christian Roos": the role may carry capitals and a comma before the name.
_ROLE = (r"(?:(?<![\wåäö])(?:[a-zåäö]{1,30}+|[A-ZÅÄÖ]{1,5}-[a-zåäö]{1,30}+)(?:" + "|".join(f"(?<={r})" for r in _ROLES)
         + r")(?:[ \t]+|,[ \t]+(?=[A-ZÅÄÖ])))?")
# A line may break between the first and the last name (PDF text wrapped at its width), not after that.
_PERSON = re.compile(rf"{_ROLE}(?:[A-ZÅÄÖ]\.?[ \t]){{0,2}}\[?({_NAME_WORD}(?:[ \t]+|[ \t]*\n[ \t]*){_NAME_WORD}"
                     rf"(?:[ \t]+{_NAME_WORD})?)")
_ORGANISATION = re.compile(r"(?:kommun|region|län|styrelsen|nämnden|verket|departementet|kontoret|förvaltningen|"
                           r"myndigheten|inspektionen|rådet|kansliet|enheten|avdelningen)$", re.IGNORECASE | re.MULTILINE)
_ORGANISATION_LEAD = re.compile(r"^(?:landstinget|regionen|region|kommunen|länsstyrelsen|förvaltningen)\b",
                                re.IGNORECASE)
_NOT_NAMES = {"med", "box", "tel", "telefon", "mobil", "e-post", "hej", "vi", "och", "postadress", "besöksadress",
              "avdelningen", "enheten", "strateg", "planarkitekt", "handläggare"}


# A postal address with the handläggare's name under the body's: "Kungsörs kommun\nAnne Pettersson\n736 85 Kungsör".
_ADDRESSED_TO = re.compile(
    rf"^[^\n]{{0,60}}?(?i:kommun|region|länsstyrelsen|nämnden|förvaltningen|styrelsen|verket)[ \t]{{0,20}}\n"
    rf"[ \t]{{0,20}}({_NAME_WORD}[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)[ \t]{{0,20}}\n[ \t]{{0,20}}\d{{3}}[ \t]?\d{{2}}"
    rf"[ \t]+[A-ZÅÄÖ]",
    re.MULTILINE)


# The signing handläggare of a myndighet's letter: "På Läkemedelsverkets vägnar\nFrida Nylén" (a third name word only
# where the line ends after it: a flattened PDF runs on into "Bilagor").
_SIGNED_FOR = re.compile(rf"\bPå[ \t]+[A-ZÅÄÖ][\wåäö-]{{1,60}}s[ \t]+vägnar[ \t]*(?:\n[ \t]*){{0,2}}"
                         rf"({_NAME_WORD}[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD}(?=[ \t]*$))?)", re.MULTILINE)


# A contact card under a page's text: the name, the role, the telephone, each on a line of its own
# ("Sandra Strömstedt\n\nStrateg\n\n0766-96 85 69"). The role is checked in find_contact.
_CARD = re.compile(
    rf"^[ \t]*({_NAME_WORD}[ \t]+{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)[ \t]*\n(?:[ \t]*\n)?"
    r"[ \t]*([A-ZÅÄÖ][a-zåäö-]{2,40}+(?:[ \t]+[a-zåäö-]{2,40}+){0,3})[ \t]*\n(?:[ \t]*\n)?"
    r"[ \t]*(?:(?:[Tt]el|[Tt]elefon|[Mm]obil|[Tt]fn)[ \t.:]*)?\+?\d[\d -]{6,16}[ \t]*$",
    re.MULTILINE)


def _card(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for m in _CARD.finditer(text):
        role = m.group(2).split()[-1]
        before = text[max(0, m.start() - 40):m.start()]
        if not (_TITLE_WORD.search(role) or role.casefold().endswith(_ROLES)) or \
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
        return card if card[0] else _letterhead_handler(text)
    return found


# A letterhead flattened to one line (docplayer): "REMISS Datum Vår beteckning RT 2014/ Sid 1 (1) Enheten för teknik
# Stefan Nygård, Förslag till föreskrifter …": the unit and then its handläggare, a comma after the name.
_LETTERHEAD_HANDLER = re.compile(
    rf"\b(?:Enheten|Avdelningen|Sektionen|Byrån|Staben)[ \t]+för[ \t]+[a-zåäö-]{{2,40}}(?:[ \t]+och[ \t]+[a-zåäö-]{{2,40}})?"
    rf"[ \t]+({_NAME_WORD}[ \t]+{_NAME_WORD}),")


def _letterhead_handler(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the handläggare a flattened letterhead names after the unit, read in the letter's first lines only."""
    m = _LETTERHEAD_HANDLER.search(text[:3000])
    if m and not find_bodies(m.group(1)) and not _ORGANISATION.search(m.group(1)) and \
            m.group(1).split()[-1].casefold() not in _NOT_NAMES:
        return m.group(1), m.span(1)
    return None, None


def _find_contact_after_cue(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for cue in _CONTACT_CUES.finditer(text):
        m = _PERSON.match(text, cue.end())
        if not m:
            continue
        words = list(re.finditer(r"\S+", m.group(1)))
        while words and (words[-1].group().casefold() in _NOT_NAMES or len(words) > 2 and _TITLE_WORD.search(words[-1].group())):
            words.pop()
        if len(words) < 2:
            continue
        name = " ".join(w.group() for w in words)
        if _ORGANISATION.search(name) or _ORGANISATION_LEAD.match(name) or find_bodies(name):
            continue  # "kontakta Region Västerbotten": a body, not a person
        return name, (m.start(1), m.start(1) + words[-1].end())
    return None, None


# The day (and clock time) after "senast": "den 15 mars 2027", "fredagen den 15 oktober 2027 kl. 15.00", "2027-03-15"
_DAY_WORDS = (r"(?:[ \t]+(?:den|[a-zåäö]{3,6}dagen|\d{1,2}(?:[.:]\d{2})?|\d{4}(?:-\d{2}-\d{2})?|kl\.?|klockan|"
              r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december),?){1,8}")
_ANSWER_CUE = re.compile(
    # "(per e-post) till uok@…"; "tillhanda via e-post, hallbarregionalutveckling@…"
    r"(?:e-?post|e-mail|mejl|mail)\)?\s+(?:till|på|under[ \t]+adress(?:en)?)|"
    r"(?:via|per|med)[ \t]+(?:e-?post|e-mail|mejl|mail)[ \t]*[(,:]|(?:skicka|lämna|sänd|inkomm|mejl|maila|inge|ges in|e-?posta)\w{0,3}[ \t]+(?:[\wåäö-]+[ \t]+){0,6}?till|"
    # "Den som vill yttra sig ska göra detta skriftligt till kalmar@…", "… yttra sig ska göra det skriftligt senast den
    # 31 januari 2021, till uppsala@…": the verb of the answer with the address in the same sentence
    r"\byttra[ \t]+sig\b[^.@\n]{0,80}?[ \t,]till|"
    r"ska(?:ll)? ha (?:kommit in|inkommit) till|(?:mejl|e-post|mail)adress(?:en)? är\s*:?|"
    r"(?:mejla|e-posta|skicka (?:e-post|mejl))[ \t]+är[ \t]+adressen\s*:?|"
    # "Svar ska ha kommit in senast den 15 mars 2027 (kl. 12.00) till registrator@…": the day between verb and address
    r"\b(?:svar|yttrande|synpunkter|remissvar)\w{0,4}\b[^.@\n]{0,80}?\bsenast" + _DAY_WORDS +
    r"[ \t]+(?:till|på[ \t]+(?:e-?post)?adress(?:en)?)",
    re.IGNORECASE,
)
# An address on its own labelled line ("e-post: regionstyrelsen@vgregion.se"), read only when no sentence says
# where answers go, and never a person's own address.
_LABEL_CUE = re.compile(r"\b(?:e-?post|e-mail|mejl)(?:adress(?:en)?)?(?:[ \t]*:|(?=[ \t]+[\w.+-]{1,64}@))",
                        re.IGNORECASE)
_COPY_CUE = re.compile(r"(?:med )?kopia (?:till|på)|\bcc\b|samt till|\boch\b", re.IGNORECASE)


def find_emails(text: str) -> tuple[str | None, tuple[int, int] | None, list[str]]:
    """Return the address answers go to, its span, and the addresses to copy."""
    for cue in _ANSWER_CUE.finditer(text):
        found = _answer_after(text, cue.start(), cue.end())
        if found:
            return found
    for cue in _LABEL_CUE.finditer(text):
        found = _answer_after(text, cue.start(), cue.end(), reach=500)
        if found and not _personal(text, found[0]) and not _PHONE_BESIDE.search(_lines_around(text, cue.start())):
            return found
    return None, None, []


# "Telefonnummer: 0304-33 40 00\n\nMejl: kommun@orust.se": the site's switchboard, not where answers go
_PHONE_BESIDE = re.compile(r"^[ \t]*(?:telefon(?:nummer)?|tel|tfn|växel)[ \t.]*:", re.IGNORECASE | re.MULTILINE)


def _lines_around(text: str, pos: int) -> str:
    """Return the non-blank lines just before and after the line at `pos`."""
    before = text[:text.rfind("\n", 0, pos) + 1].rstrip().rsplit("\n", 1)[-1]
    end = text.find("\n", pos)
    after = text[end:].lstrip().split("\n", 1)[0] if end >= 0 else ""
    return before + "\n" + after


_OR_MAIL = re.compile(r"\b(?:eller|e-?post|mejl|mail)\b[^@\n]{0,20}$", re.IGNORECASE)


def _personal(text: str, address: str) -> bool:
    """Tell whether an address is a person's own (first.last@ and the name written in the text)."""
    local = address.split("@")[0]
    parts = re.split(r"[._-]", local)
    return len(parts) >= 2 and all(p.isalpha() for p in parts) and bool(
        re.search(r"kontakt|handläggare", text, re.I) or re.search(rf"\b{re.escape(parts[0])}\b", text, re.I))


def _answer_after(text: str, cue_start: int, cue_end: int,
                  reach: int = 200) -> tuple[str, tuple[int, int], list[str]] | None:
    """Return the answer address a cue introduces, its span and the copies, or None."""
    start = cue_end + len(text[cue_end:cue_end + 200]) - len(text[cue_end:cue_end + 200].lstrip())
    sentence_end = _sentence_end(text, start)
    if re.match(r"[ \t]*:[ \t]*\n", text[cue_end:cue_end + 40]):
        # "Yttranden skickas till:" and the addresses as lines of their own below, a postal one first
        stop = re.compile(r"\.(?=\s+[A-ZÅÄÖ])").search(text, start, cue_end + 250)
        sentence_end = stop.start() if stop else min(len(text), cue_end + 250)
    first = EMAIL_RE.search(text, cue_end, sentence_end)
    # "lämnas till Sala kommun, Box 304, 733 25 Sala eller kommun.info@sala.se": a postal address, then the e-mail.
    alternative = first and first.start() - cue_end <= 250 and _OR_MAIL.search(text, max(cue_end, first.start() - 25),
                                                                                  first.start())
    if first and (_near(text, cue_end, first.start()) or alternative) and re.search(
            # "Den som vill yttra sig … ska göra det … med e-post till …": the verb names the answer as well as the noun
            r"svar|yttra|synpunkter|remiss", text[_context_start(text, cue_start, reach):sentence_end], re.I):
        copies: list[str] = []
        for m in EMAIL_RE.finditer(text, first.end(), sentence_end):
            if _COPY_CUE.search(text[first.end():m.start()]) and m.group() != first.group():
                copies.append(m.group().rstrip("."))
        return first.group().rstrip("."), first.span(), list(dict.fromkeys(copies))
    return None


def _context_start(text: str, cue_start: int, reach: int) -> int:
    """Return where the context of an answer cue begins: `reach` before it, or its paragraph's start if earlier."""
    paragraph = text.rfind("\n\n", max(0, cue_start - 800), cue_start)
    start = max(0, cue_start - reach)
    return min(start, paragraph) if paragraph != -1 else start


def _near(text: str, start: int, end: int) -> bool:
    gap = re.sub(r"\[[^\]]*\]\(mailto:", "", text[start:end])
    return len(gap) <= 60


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"\.(?=\s+[A-ZÅÄÖ])|\n\s*\n").search(text, pos)
    return m.start() if m else len(text)


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
        if len(parts) != 2 or not all(p.isalpha() and len(p) > 1 for p in parts):
            continue
        m = re.search(rf"\b({re.escape(parts[0])}[ \t]+{re.escape(parts[1])})\b", text if index == 0 else unlinked,
                      re.IGNORECASE)
        if m and m.group(1)[0].isupper():
            return m.group(1), m.span(1)
    return None, None


_ADDRESS = re.compile(r"[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
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


# The answer instruction's postal address: "Synpunkter lämnas skriftligen senast den 5 april 2020 till:\nKrokoms
# kommun, Bygg och miljönämnden, 835 80 KROKOM", "Eventuella synpunkter ska inlämnas … till Alvesta kommun,
# Samhällsbyggnadsförvaltningen, 342 80 Alvesta". Only after an answer verb, never a letterhead or a signature.
_POSTAL_CUE = re.compile(
    r"\b(?:synpunkter|yttrande[nt]?|remissvar(?:et|en)?|svar(?:et|en)?)\b[^.\n]{0,40}?"
    r"\b(?:ska(?:ll)?[ \t]+(?:vara[ \t]+)?|kan[ \t]+)?(?:in)?(?:lämnas|skickas|sändas|sänds|insändas|insänds|ges[ \t]+in|"
    r"ha[ \t]+kommit[ \t]+in)\b[^.\n@]{0,80}?\btill[ \t]*:?[ \t]*\n?[ \t]*",
    re.IGNORECASE)
_POSTAL = re.compile(r"\A([A-ZÅÄÖ][^.\n@:;]{2,150}?\b\d{3}[ \t]?\d{2}[ \t]+[A-ZÅÄÖ][A-Za-zÅÄÖåäö-]+)(?![\wåäö])")


# Walk 12: "Svar skickas … per mejl eller post … Adress är: Länsstyrelsen Dalarna, 791 84 Falun.", "kan skicka sitt
# remissvar till postadressen Region Halland, Box 517, 301 80 Halmstad": a labelled address in an answer's paragraph
_POSTAL_LABEL = re.compile(r"(?:\b(?:post)?adress(?:en)?[ \t]+är[ \t]*:?|\btill[ \t]+postadress(?:en)?[ \t]*:?)"
                           r"[ \t]*\n?[ \t]*", re.IGNORECASE)
_ANSWER_WORDS = re.compile(r"\b(?:svar|remissvar|yttrande|yttranden|synpunkter)\b", re.IGNORECASE)


def find_answer_address(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the postal address an answer instruction sends answers to, and its span."""
    for cue in _POSTAL_CUE.finditer(text):
        m = _POSTAL.match(text[cue.end():cue.end() + 200])  # read right after the cue, never searched
        if m and not EMAIL_RE.search(m.group(1)):
            return " ".join(m.group(1).split()), (cue.end() + m.start(1), cue.end() + m.end(1))
    for cue in _POSTAL_LABEL.finditer(text):
        paragraph = text.rfind("\n\n", max(0, cue.start() - 300), cue.start())
        since = paragraph + 1 if paragraph >= 0 else max(0, cue.start() - 300)  # the answer's own paragraph
        m = _POSTAL.match(text[cue.end():cue.end() + 200])
        if m and not EMAIL_RE.search(m.group(1)) and _ANSWER_WORDS.search(text, since, cue.start()):
            return " ".join(m.group(1).split()), (cue.end() + m.start(1), cue.end() + m.end(1))
    return None, None


# "… eller via e-post till Nisse Werner": the answers go to a person the letter gives an address for elsewhere
_MAIL_TO_PERSON = re.compile(
    rf"\b(?:synpunkter|yttrande[nt]?|remissvar|svar)\b[^.@]{{0,200}}?\b(?:via|per|med)[ \t]+(?:e-?post|mejl|mail)"
    rf"[ \t]+till[ \t]+({_NAME_WORD}[ \t]+{_NAME_WORD})(?![\wåäö@-])(?![ \t]*[,(]?[ \t]*[\w.+-]+@)",
    re.IGNORECASE)
_FOLD = str.maketrans("åäöéèüÅÄÖÉÈÜ", "aaoeeuAAOEEU")


# "Skicka svar med e-post till Registrator. … registrator@folkhalsomyndigheten.se": the shared mailbox named by its
# function, its address on a line of its own
_MAIL_TO_REGISTRY = re.compile(
    r"\b(?:synpunkter|yttrande[nt]?|remissvar(?:et|en)?|svar(?:et|en)?)\b[^.@\n]{0,80}?\b(?:via|per|med)[ \t]+"
    r"(?:e-?post|mejl|mail)[ \t]+till[ \t]+(?:vår[ \t]+)?(registrator(?:n|en)?|registraturen)\b(?![ \t]*[,(:]?[ \t]*[\w.+-]+@)",
    re.IGNORECASE)


def find_answer_email_by_name(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the e-mail of the person an answer instruction names ("via e-post till Nisse Werner" and
    "E-post: nisse.werner@krokom.se" elsewhere in the letter), and its span; None unless the address is plainly
    that person's (first.last@). Likewise the registry's address where the instruction names the registry
    ("med e-post till Registrator") and the text gives one registrator@ address."""
    for cue in _MAIL_TO_REGISTRY.finditer(text):
        found = {m.group().rstrip("."): m for m in EMAIL_RE.finditer(text)
                 if re.match(r"registrat", m.group(), re.IGNORECASE)}
        if len(found) == 1:
            address, m = next(iter(found.items()))
            return address, (m.start(), m.start() + len(address))
    for cue in _MAIL_TO_PERSON.finditer(text):
        wanted = [w.casefold().translate(_FOLD) for w in cue.group(1).split()]
        for m in EMAIL_RE.finditer(text):
            parts = [p.casefold().translate(_FOLD) for p in re.split(r"[._-]", m.group().split("@")[0])]
            if parts == wanted:
                address = m.group().rstrip(".")
                return address, (m.start(), m.start() + len(address))
    return None, None
