"""Find the smaller fields of a missiv: the remittent's cue, the answer address and the addresses to copy.

The contact person is found in contact.py."""
from __future__ import annotations

import re

from remiss.missiv.bodies import canonical_body
from remiss.missiv.contact import NAME_WORD

# The top-level domain in one case: "jonkoping@lansstyrelsen.seSvaret behöver …" (paragraphs run together when a
# page is copied) ends at ".se"
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.(?-i:[a-z]{2,}|[A-Z]{2,})", re.IGNORECASE)
# "Miljö- och energidepartementet", "Kultur-, fritids- och idrottsnämnden" as well as "Kulturnämnden".
# A name starts a capitalised word, its words are bounded ({0,60}) and taken whole ({0,60}+, possessive), and the
# ending is checked behind the word: searched with re.I and backtracking into the word for each possible ending,
# "A-" repeated 50,000 times took 1.4 s (issue 19); unbounded, a 20,000-letter line took a minute.
_ENDINGS = ("departementet", "nämnden", "styrelsen", "kontoret", "förvaltningen", "verket", "myndigheten",
            "inspektionen", "kansliet", "rådet", "fullmäktige")
_ENDS = "(?:" + "|".join(f"(?<={e})" for e in _ENDINGS) + ")"
_BODY = (r"(?<![\wåäö-])(?:[A-ZÅÄÖ][\wåäö]{0,60}+-(?:,[ \t]+[a-zåäö][\wåäö]{0,60}+-){0,10}[ \t\n]+och[ \t\n]+"
         r"[a-zåäö][\wåäö-]{0,60}+|[A-ZÅÄÖ][\wåäö-]{0,60}+)" + _ENDS)

# "Svaret ska vara kommunstyrelsen tillhanda": a kommun's or region's own unit in lower case, as its own letters write
# it (a word longer than the bare ending: "ska vara nämnden tillhanda" names none). Words possessive, blanks entered
# once after a literal: linear.
_UNIT_ENDS = "(?:" + "|".join(f"(?<=[a-zåäö]{e})" for e in ("nämnden", "styrelsen", "förvaltningen", "kontoret",
                                                               "kansliet")) + ")"
_LOWER_UNIT = (r"(?<![\wåäö-])(?:[a-zåäö][a-zåäö]{0,60}+-(?:,[ \t]+[a-zåäö][a-zåäö]{0,60}+-){0,10}[ \t\n]+och[ \t\n]+)?"
               r"[a-zåäö][a-zåäö-]{0,60}+" + _UNIT_ENDS)

_REMITTENT_PATTERNS = [
    (re.compile(rf"(?i:ska(?:ll)? vara) ({_BODY}) (?i:tillhanda)"), 4),
    (re.compile(rf"(?i:ska(?:ll)?[ \t\n]+vara)[ \t\n]+({_LOWER_UNIT})[ \t\n]+(?i:tillhanda)\b"), 4),
    (re.compile(rf"(?i:ska(?:ll)? ha (?:kommit in|inkommit) till) ({_BODY})"), 3),
    # "Senast den 25 november 2015 ska remissvaren inkommit till Näringsdepartementet": the subject after the verb
    # (a sentence that opens with the day), "ha" sometimes left out (round 32)
    (re.compile(rf"(?i:ska(?:ll)? (?:remissvaren|svaren|yttrandena|synpunkterna) (?:ha )?(?:kommit in|inkommit) till) "
                rf"({_BODY})"), 3),
    # "remissinstansernas yttranden som inkommit till Näringsdepartementet": the page of a closed remiss
    (re.compile(rf"(?i:(?:yttranden|remissvar|svar)(?:en)? som (?:har )?(?:kommit in|inkommit) till) ({_BODY})"), 3),
    (re.compile(rf"(?i:(?:ska(?:ll)? lämnas|skickas|sänds) till) ({_BODY})"), 2),
    (re.compile(rf"\b(?i:som) ({_BODY}) (?i:har remitterat)"), 3),
    (re.compile(rf"(?i:remiss(?:var)?(?:en)? (?:från|som (?:har )?kommit (?:in )?till)) ({_BODY})"), 2),
    (re.compile(rf"({_BODY}) (?i:(?:har )?remitter(?:ar|at))"), 2),
    # "Socialdepartementet har berett Stockholms läns landsting möjlighet att yttra sig över …": a receiver's own
    # tjänsteutlåtande names who gave it the chance to answer (round 32)
    (re.compile(rf"({_BODY}) (?i:har (?:berett|gett|givit) (?:[\wåäö-]{{1,40}}+ ){{1,6}}?(?:möjlighet|tillfälle) att "
                rf"(?:yttra sig|lämna synpunkter))"), 2),
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


# The day (and clock time) after "senast": "den 15 mars 2027", "fredagen den 15 oktober 2027 kl. 15.00", "2027-03-15"
_DAY_WORDS = (r"(?:[ \t]+(?:den|[a-zåäö]{3,6}dagen|\d{1,2}(?:[.:]\d{2})?|\d{4}(?:-\d{2}-\d{2})?|kl\.?|klockan|"
              r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december),?){1,8}")
_ANSWER_CUE = re.compile(
    # "Svar till region@regionkalmar.se", "Svara till helsingborg@helsingborg.se": the address right after the cue
    r"\bsvar(?:a|en|et)?[ \t]+till(?=[ \t]+[\w.+-]{1,64}@)|"
    # "(per e-post) till uok@…"; "tillhanda via e-post, hallbarregionalutveckling@…"
    r"(?:e-?post|e-mail|mejl|mail)\)?\s+(?:till|på|under[ \t]+adress(?:en)?)|"
    r"(?:via|per|med)[ \t]+(?:e-?post|e-mail|mejl|mail)[ \t]*[(,:]|(?:skicka|lämna|sänd|inkomm|mejl|maila|inge|ges in|e-?posta)\w{0,3}[ \t]+"
    # round 22: an aside among the words: "Svaret skickas in i wordformat (döpt med er organisations namn) till …"
    r"(?:[\wåäö-]+[ \t]+|\([^()\n@]{1,60}\)[ \t]+){0,6}?till|"
    # "Den som vill yttra sig ska göra detta skriftligt till kalmar@…", "… yttra sig ska göra det skriftligt senast den
    # 31 januari 2021, till uppsala@…": the verb of the answer with the address in the same sentence
    r"\byttra[ \t]+sig\b[^.@\n]{0,80}?[ \t,]till|"
    r"ska(?:ll)? ha (?:kommit in|inkommit) till|(?:mejl|e-post|mail)adress(?:en)? är\s*:?|"
    # "Remissvar: registrator@…" (a label naming the answer), "Era synpunkter mottas gärna på kultur@…"
    r"\b(?:remissvar(?:en)?|svar(?:en)?|yttranden?|synpunkter(?:na)?)[ \t]*:(?=[ \t]*[\w.+-]{1,64}@)|"
    r"\bmottas(?:[ \t]+gärna)?[ \t]+(?:på|via)(?:[ \t]+e-?post(?:adressen)?)?(?=[ \t]+[\w.+-]{1,64}@)|"
    r"(?:mejla|e-posta|skicka (?:e-post|mejl))[ \t]+är[ \t]+adressen\s*:?|"
    # "Svara genom att mejla ks@…", "Använd adressen ks@… när ni svarar" (round 21; the sentence must name the answer)
    r"\bsvara(?:[ \t]+[\wåäö]+){0,3}?[ \t]+(?:mejla|maila|e-posta)(?=[ \t]+[\w.+-]{1,64}@)|"
    r"\banvänd[ \t]+(?:e-?post)?adressen(?=[ \t]+[\w.+-]{1,64}@)|"
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


# A line the text wraps inside a sentence (a PDF's hard line breaks, a narrow column): the break after a word or a
# comma, before a word in lower case, a digit or a bracket ("Förslagen ska ha skickats in\nsenast den 29 juni till
# kultur@…"). Made a blank of the same length, so that what is found in the unwrapped text has the same span.
_WRAP = re.compile(r"(?<=[\wåäö,)–-])[ \t]*\n(?=[ \t]*[a-zåäö0-9(])")


# Round 22: an address written to keep harvesters off, "m.registrator(at)regeringskansliet.se", "namn[at]domän.se",
# "namn (at) domän.se". Its parts are bounded and possessive, and it starts only where no address character stands
# before it, so that a long run of letters is read once (tests/unit/test_missiv_linear.py).
_OBFUSCATED = re.compile(r"(?<![\w.+-])([\w.+-]{1,64}+)[ \t]?(?:\(at\)|\[at\])[ \t]?"
                         r"([\w-]{1,63}+(?:\.[\w-]{1,63}+){1,6}+)(?![\w-])", re.IGNORECASE)


def reveal_addresses(text: str) -> str:
    """Return the text with "namn(at)domän.se" written "namn@domän.se", padded with blanks to the same length."""
    def plain(m: re.Match) -> str:
        if not m.group(2).rsplit(".", 1)[-1].isalpha():
            return m.group()
        address = f"{m.group(1)}@{m.group(2)}"
        return address + " " * (len(m.group()) - len(address))
    return _OBFUSCATED.sub(plain, text)


def obfuscated_end(text: str, start: int) -> int | None:
    """Return where an address written "namn(at)domän.se" from `start` ends in the text as written, or None."""
    m = _OBFUSCATED.match(text, start)
    return m.end() if m else None


def unwrapped(text: str) -> str:
    """Return the text with the line breaks inside its sentences made blanks (same length, same offsets)."""
    return _WRAP.sub(lambda m: " " * len(m.group()), text)


def find_emails(text: str) -> tuple[str | None, tuple[int, int] | None, list[str]]:
    """Return the address answers go to, its span, and the addresses to copy."""
    for cue in _ANSWER_CUE.finditer(text):
        found = _answer_after(text, cue.start(), cue.end())
        if found:
            return found
    for count, cue in enumerate(_LABEL_CUE.finditer(text)):
        if count >= _LABELS_READ:
            break  # a page's answer address stands among its first labels; hostile text has thousands
        if _PHONE_BESIDE.search(_lines_around(text, cue.start())):
            continue
        found = _answer_after(text, cue.start(), cue.end(), reach=500)
        if found and (not _personal(text, found[0]) or _BY_MAIL_ABOVE.search(text, max(0, cue.start() - 400),
                                                                               cue.start())):
            return found
    return None, None, []


# "Synpunkter på remissen skickas senast den 22 november 2021 per post eller e-post.\n\nEmelie Nilsson\n…\nE-post:
# emelie.i.nilsson@…": the instruction names no address, the block right below it gives the one to use, a person's too
_BY_MAIL_ABOVE = re.compile(r"\b(?:synpunkter|svar|yttranden?|remissvar)\w{0,4}\b[^.@\n]{0,100}\b(?:per|via|med)[ \t]+"
                            r"(?:post[ \t]+eller[ \t]+)?(?:e-?post|mejl|mail)[ \t]*[.:]?[ \t]*\n(?:[^@\n]{0,80}\n){1,8}"
                            r"[^@\n]{0,80}\Z", re.IGNORECASE)


_LABELS_READ = 20


# "Telefonnummer: 0304-33 40 00\n\nMejl: kommun@orust.se": the site's switchboard, not where answers go
_PHONE_BESIDE = re.compile(r"^[ \t]*(?:telefon(?:nummer)?|tel|tfn|växel)[ \t.]*:", re.IGNORECASE | re.MULTILINE)


def _lines_around(text: str, pos: int, reach: int = 300) -> str:
    """Return the non-blank lines just before and after the line at `pos` (read within `reach` characters)."""
    start = text.rfind("\n", max(0, pos - reach), pos)
    before = text[max(0, pos - reach):start + 1].rstrip().rsplit("\n", 1)[-1] if start >= 0 else ""
    end = text.find("\n", pos, pos + reach)
    after = text[end:end + reach].lstrip().split("\n", 1)[0] if end >= 0 else ""
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
        # the copy cue read once: an address is a copy when a cue ends before it (each address's own slice of the
        # sentence, searched again, made a sentence of thousands of addresses quadratic)
        cue = _COPY_CUE.search(text, first.end(), sentence_end)
        for m in EMAIL_RE.finditer(text, first.end(), sentence_end):
            if cue and cue.end() <= m.start() and m.group() != first.group():
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


_SENTENCE_END = re.compile(r"\.(?=\s+[A-ZÅÄÖ])|\n\s*\n")
# No answer sentence is longer: a text without full stops or blank lines ("Remissen har skickats till a b c" on every
# line) made each cue's sentence run to the text's end, and every cue scan it again (4.7 s on 100 KB, round 21).
_SENTENCE_REACH = 1500


def _sentence_end(text: str, pos: int) -> int:
    end = min(len(text), pos + _SENTENCE_REACH)
    m = _SENTENCE_END.search(text, pos, end)
    return m.start() if m else end


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


# Walk25 Y16: "Synpunkter mottages i första hand via epost och därefter via brevpost. Se respektive adress nedan." and
# the address as lines of their own below ("• Samhällsbyggnadsförvaltningen / Tidaholms kommun / 522 83 Tidaholm")
_BY_POST_CUE = re.compile(r"\b(?:synpunkter|yttrande[nt]?|remissvar(?:et|en)?|svar(?:et|en)?)\b[^.\n@]{0,120}?"
                          r"\b(?:via|per|med)[ \t]+(?:brev)?post(?:en)?\b", re.IGNORECASE)
# two to five lines, a bullet before the first allowed, the last a postcode and a town
_ADDRESS_LINES = re.compile(r"^[ \t]*(?:[•*–-][ \t]*)?((?:[A-ZÅÄÖ][^\n@:;]{1,80}\n[ \t]*){1,4}"
                            r"\d{3}[ \t]?\d{2}[ \t]+[A-ZÅÄÖ][A-Za-zÅÄÖåäö-]+)[ \t]*$", re.MULTILINE)


def find_answer_address(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the postal address an answer instruction sends answers to, and its span."""
    for cue in _BY_POST_CUE.finditer(text):
        # the address block within the next two sentences' reach ("Se respektive adress nedan."), never further
        m = _ADDRESS_LINES.search(text, cue.end(), min(len(text), cue.end() + 300))
        if m and not EMAIL_RE.search(m.group(1)):
            return ", ".join(" ".join(line.split()) for line in m.group(1).splitlines()), m.span(1)
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
    rf"[ \t]+till[ \t]+({NAME_WORD}[ \t]+{NAME_WORD})(?![\wåäö@-])(?![ \t]*[,(]?[ \t]*[\w.+-]+@)",
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
    if _MAIL_TO_REGISTRY.search(text):
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
