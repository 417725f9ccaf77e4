"""Decide which body sent the remiss: a sentence that says so, the answer address, or the body the text names.

A body another one hosts wins over its host ("Vattenmyndigheten för Bottenhavet, Länsstyrelsen Västernorrland" is
the vattenmyndighet); the bodies of a sändlista are never the sender, and where two bodies are equally likely the
remittent is left empty.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from remiss.missiv.bodies import Body, BodyMention, body_for_email, body_named, canonical_body, find_bodies
from remiss.missiv.fields import EMAIL_RE, find_remittent_cue
from remiss.missiv.own_unit import own_unit, unit_letterhead
from remiss.missiv.remittent_hosts import guest_beside_host, hosted, kommun_of_unit, region_of_unit
from remiss.missiv.remittent_passing import named_in_passing, signature_body
from remiss.missiv.sender_sentence import sending_body

_BARE = {"länsstyrelsen": "lansstyrelse", "regionen": "region", "kommunen": "kommun"}
# "Naturvårdsverket och Skogsstyrelsen ger härmed möjlighet …": two bodies that send a remiss together.
_RK_DEPARTMENT = re.compile(r"Regeringskansliet[ \t]*\(([A-ZÅÄÖ][\wåäö]{0,40}+(?:-[ \t]+och[ \t]+[\wåäö]{1,40}+)?)\)")
# Only the verbs of sending: "Naturvårdsverket och Jordbruksverket har finansierat arbetet", "Trafikverket och Region
# Kronoberg har bidragit med underlag" name helpers of a remiss another body sends (round 20).
_JOINT_VERB = re.compile(r"(?<![ \t])[ \t]+(?:önskar|bjuder|remitterar|skickar|"
                         r"har(?:[ \t]+[\wåäö]{1,30}+){0,5}?[ \t]+(?:tagit[ \t]+fram|remitterat|skickat|utarbetat|arbetat[ \t]+fram)|"
                         r"ger(?:[ \t]+[\wåäö]{1,30}+){0,3}?[ \t]+(?:möjlighet|tillfälle)|"
                         r"vill(?:[ \t]+[\wåäö]{1,30}+){0,3}?[ \t]+(?:synpunkter|yttranden?|svar|möjlighet|bjuda))\b")


def find_remittent(text: str, answer_email: str | None, skip: tuple[int, int] | None = None,
                   organisations: Sequence[str] = ()) -> tuple[str | None, tuple[int, int] | None, list[str]]:
    """Return the remittent's normalised name, its span and warnings; `skip` is the sändlista's span.

    `organisations` are the reader's own ("Malmö stad"): a nämnd of one of them that sends the letter is the
    remittent itself, not the kommun (a remiss within one's own kommun).
    """
    mentions = [m for m in find_bodies(text) if not (skip and skip[0] <= m.start < skip[1])]
    mentions = _outside_lists(text, mentions)
    by_mail = body_for_email(answer_email)
    own = {canonical_body(o) or " ".join(o.split()) for o in organisations if o and o.strip()}
    name, span, warnings = _find(text, mentions, by_mail, answer_email, own)
    if name and name.casefold() in {o.casefold() for o in own}:
        unit = own_unit(text, skip)
        if unit:
            # "Malmö stad" by the answer address or the letterhead, and one nämnd or förvaltning of it named: within
            # the reader's own kommun that nämnd sends the remiss (walk28 Z6)
            return unit.group(), unit.span(), [
                f"Remittenten ({unit.group()}) är den nämnd eller förvaltning i {name} som brevet nämner; kontrollera."]
    if name is None:
        pair = guest_beside_host(text, mentions)
        if pair:
            return pair.body.name, (pair.start, pair.end), [
                f"Remittenten ({pair.body.name}) är det organ som texten nämner tillsammans med dess värd "
                f"({pair.body.host}); kontrollera."]
    if name == "Regeringskansliet":
        # round 24: "Remissvaren ska ha kommit in till Regeringskansliet" and no department named: as with a bare
        # "regeringen" or "Länsstyrelsen", which of its departments sent the remiss is for a person to fill in
        return None, None, ["Remittenten anges bara som Regeringskansliet; fyll i vilket departement."]
    host = body_named(name) if name else None
    guest = hosted(text, host, mentions, by_mail) if host else None
    if guest:
        body, guest_span = guest
        return body.name, guest_span, [w.replace(host.name, body.name) for w in warnings]
    return name, span, warnings


# A nämnd, styrelse or förvaltning by its one-word name: "Kulturnämnden", "Stadskontoret", "Kommunstyrelsen".
# "Eventuella synpunkter ska vara KSRR tillhanda": the body the answers go to, by a short name the register knows.
_TILLHANDA = re.compile(r"\bska(?:ll)?[ \t]+vara[ \t]+([A-ZÅÄÖ][\wÅÄÖåäö-]{1,30}?)(?::s)?[ \t]+tillhanda\b")


def _find(text: str, mentions: list[BodyMention], by_mail: Body | None, answer_email: str | None = None,
          own: set[str] = frozenset()):
    value, span = find_remittent_cue(text)
    if value is None:
        m = _TILLHANDA.search(text)
        if m and canonical_body(m.group(1)):
            value, span = canonical_body(m.group(1)), m.span(1)
    if value is None and by_mail is not None and by_mail.kind == "kommun":
        # round 34: "Kommunstyrelsen" heading a letter whose answers go to kommunstyrelsen@malmo.se: the letterhead
        # names the sender, a unit of the address's kommun; it outranks the bare address (read as a unit below)
        head = unit_letterhead(text)
        if head:
            value, span = head.group(), head.span()
    if value == "Regeringskansliet":
        # "ska ha kommit in till Regeringskansliet (Justitiedepartementet)": the department is the remittent.
        m = _RK_DEPARTMENT.search(text)
        if m:
            return m.group(1), m.span(1), []
    if value:
        if value.casefold() in _BARE:
            qualified = _qualify(_BARE[value.casefold()], mentions, by_mail)
            if qualified:
                return qualified.name, span, []
            # "Svar skickas till Länsstyrelsen": which one is a guess; better empty with the warning than wrong.
            return None, None, [f"Remittenten anges bara som ”{value}”; fyll i vilken."]
        if not canonical_body(value):
            region = region_of_unit(value, mentions, by_mail)
            if region:
                return region.name, span, [f"Texten anger {value} som avsändare; remittenten är regionen, {region.name} – kontrollera."]
            kommun = kommun_of_unit(text, value, mentions, by_mail)
            if kommun and kommun.name.casefold() in {o.casefold() for o in own}:
                # walk28 Z6: the reader's own kommun; its nämnd sends a remiss within it, and the yttrande goes to
                # that nämnd ("Till Kulturnämnden"), not to the kommun it is part of
                return value, span, []
            if kommun:
                # round 16: the kommun by its name in the register, as every other remittent (not free text
                # "Norrköpings kommun, kommunstyrelsen"); the letter's own naming of it is the evidence
                named = next((m for m in mentions if m.body == kommun), None)
                where = (named.start, named.end) if named else span
                if by_mail == kommun and named:
                    # two things in the letter name the same kommun of the register: the answer address's domain
                    # and the kommun's own name (walk 14 15-norrk)
                    return kommun.name, where, []
                # one alone is a guess: a letterhead "Malmö stad Stadskontoret" above a remiss to the stad's own
                # nämnder is an internal one, where the nämnd is the remittent (seed MISSBRUK-RIKTLINJER)
                return kommun.name, where, [
                    f"Texten anger bara {value} som avsändare; remittenten antas vara kommunen, {kommun.name} – "
                    f"kontrollera (i en remiss inom er egen kommun är {value} remittent)."]
        return canonical_body(value) or value, span, []
    joint = _joint(text, mentions)
    if joint:
        return joint
    letterhead = _rk_letterhead(text, mentions)
    if letterhead:
        return letterhead.body.name, (letterhead.start, letterhead.end), []
    if by_mail:
        # the evidence is what the note names: the answer address, not some other sentence naming the body
        at = text.casefold().find(answer_email.casefold()) if answer_email else -1
        named = next((m for m in mentions if m.body == by_mail), None)
        span = (at, at + len(answer_email)) if at >= 0 else (named.start, named.end) if named else None
        return by_mail.name, span, [
            f"Remittenten ({by_mail.name}) härleddes från svarsadressen."]
    sender = sending_body(text, mentions)
    if sender:
        # "Boverket önskar synpunkter på …", "Region Skåne bjuder in till samråd": the sentence that says who sends
        return sender.body.name, (sender.start, sender.end), []
    bare = _bare_subject(text, mentions)
    if bare:
        return bare.name, None, [f"Remittenten ({bare.name}) är den {_KIND_WORD[bare.kind]} som texten nämner; "
                                 "kontrollera."]
    counts = Counter(m.body for m in mentions)
    # The page's own addresses ("frågor: anna.berg@regiondalarna.se") speak for its body once, beside its name.
    for body in {body_for_email(m.group()) for m in EMAIL_RE.finditer(text)} - {None}:
        if body in counts:
            counts[body] += 1
    placed = {b for b in counts if named_in_passing(text, [m for m in mentions if m.body == b])}
    if placed and any(not _listed(text, m) for m in mentions if m.body not in placed):
        # "Länsstyrelsen i Dalarnas län har utarbetat ett förslag … för Agnmyrens naturreservat i Mora kommun": a body
        # named only as the place the remiss is about does not count against the one that is named otherwise
        # (not when the others are named only among several: "Formella remissinstanser var de skånska kommunerna,
        # Länsstyrelsen i Skåne län, Skånes Kommuner samt politiska nämnder inom Region Skåne")
        for b in placed:
            del counts[b]
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]):
        body = ranked[0][0]
        if body.kind == "organisation":
            # SKR's pages and newsletters tell the kommuner of others' remisser ("SOU 2020:8 har fått förlängd
            # remisstid"): named most often it is the messenger; it is the remittent by a cue or its address only
            return None, None, [f"Texten nämner oftast {body.name}, som oftast förmedlar andras remisser; "
                                "fyll i remittenten."]
        if _only_as_author(text, mentions, body):
            # "Remiss av Statens skolverks redovisning av uppdrag om …" with no department named: the myndighet is
            # named only as the author of what is remitted (its genitive before "rapport", "redovisning", …), and
            # the remiss is someone else's; better empty with the warning than the author as sender
            return None, None, [f"Texten nämner {body.name} bara som upphov till det som remitteras; "
                                "fyll i remittenten."]
        if named_in_passing(text, [m for m in mentions if m.body == body]):
            # round 24: "nämnder och styrelser i Västra Götalandsregionen", "… | Länsstyrelsen Kalmar (lansstyrelsen.se)":
            # a place or a pasted link's site is no sender; a count of such names is too weak to fill the field
            return None, None, [f"Texten nämner {body.name} bara i förbigående (som plats eller i en länk); "
                                "fyll i remittenten."]
        if body.kind != "departement" and _GOVERNMENT.search(text):
            # "… som regeringen har remitterat SOU 2025:20 Kommunal anslutning till Utbetalningsmyndighetens
            # verksamhet": the government's remiss is a department's; the myndighet it names is its subject.
            return None, None, []
        if body.kind != "departement" and _COMMISSIONED.search(text) and any(
                _UPPDRAG_TO.search(text, max(0, m.start - 30), m.start) or _IN_UPPDRAG.match(text, m.end)
                for m in mentions if m.body == body):
            # "Regeringen förlänger tiden för uppdraget till Folkhälsomyndigheten …": the government's decision on an
            # uppdrag names the myndighet that carries it out, not a sender (round 32)
            return None, None, [f"Texten nämner {body.name} som mottagare av ett regeringsuppdrag; "
                                "fyll i remittenten."]
        sender = _bare_sender(text, mentions)
        if sender and body.kind != _BARE[sender.casefold()]:
            # "… ska vara inkomna till Länsstyrelsen" with "naturreservatet Boa i Falkenbergs kommun": the kommun is
            # the place the remiss is about, not its sender, and which länsstyrelse the text does not say.
            return None, None, [f"Remittenten anges bara som ”{sender}”; fyll i vilken."]
        head = _letterhead(text, mentions)
        if head and head.body != body:
            # "Kungsbacka kommun" above a samråd that names Länsstyrelsen i Hallands län twice: the count and the
            # letterhead disagree; either may be the sender (a page relaying another body's kungörelse)
            return None, None, [f"Brevhuvudet anger {head.body.name} men texten nämner oftast {body.name}; "
                                "fyll i remittenten."]
        first = next(m for m in mentions if m.body == body)
        return body.name, (first.start, first.end), [
            f"Remittenten ({body.name}) är den myndighet som texten nämner oftast; kontrollera."]
    signed = _letterhead(text, mentions) or signature_body(text, mentions)
    if signed:
        # round 24: no count decides, but the letter's own head or signature names one body: the letter is its.
        # A guess all the same ("som texten nämner"): a receiver's own yttrande is signed by its writer (parser.py)
        return signed.body.name, (signed.start, signed.end), [
            f"Remittenten ({signed.body.name}) är den organisation som texten nämner i brevhuvudet eller "
            "underskriften; kontrollera."]
    return None, None, []


def _listed(text: str, mention: BodyMention) -> bool:
    """Tell whether a body is named as one of several: a comma, "och" or "samt" right before or after its name."""
    return re.search(r"(?:,|\boch|\bsamt)[ \t]+\Z", text[max(0, mention.start - 8):mention.start]) is not None or \
        re.match(r"[ \t]*(?:,|och\b|samt\b)", text[mention.end:mention.end + 8]) is not None


# The remitted document after its author's genitive: "Naturvårdsverkets rapport", "Statens skolverks redovisning".
_AUTHORED = re.compile(r"(?<![ \t])[ \t]++(?:(?:slut|del)?rapport(?:en)?|(?:uppdrags|del|slut)?redovisning(?:en)?|promemori(?:a|an)|"
                       r"framställan|hemställan|skrivelse(?:n)?|förslag(?:et)?|utredning(?:en)?)\b", re.IGNORECASE)


# The remiss's object named right before the author: "Remiss av Statens skolverks …", "remissen Boverkets rapport …".
_REMISS_OF = re.compile(r"\b(?:remiss(?:en)?(?:[ \t]++(?:av|om))?|remitterat)[ \t]++\Z", re.IGNORECASE)


def _only_as_author(text: str, mentions: list[BodyMention], body: Body) -> bool:
    """Whether `body` is named only as the author of a document someone remits ("Remiss av Boverkets rapport …").

    Every mention is its genitive before the document ("Boverkets rapport"), and one stands right after "remiss av"
    or "remitterat": the remiss is of the body's document, not from it. A myndighet's own page ("Naturvårdsverkets
    förslag … har varit ute på remiss") does not say that, and keeps its body.
    """
    own = [m for m in mentions if m.body == body]
    authored = all(text[m.start:m.end].endswith("s") and text[m.start:m.end].casefold() != body.name.casefold()
                   and _AUTHORED.match(text, m.end) for m in own)
    return bool(own) and authored and any(_REMISS_OF.search(text, max(0, m.start - 40), m.start) for m in own)


def _letterhead(text: str, mentions: list[BodyMention]) -> BodyMention | None:
    """Return the body whose name alone makes one of the text's first two lines ("LÄNSSTYRELSEN NORRBOTTEN")."""
    lines, previous = 0, ""
    for line in re.finditer(r"[^\n]+", text[:600]):
        if not line.group().strip(" \t#*"):
            continue
        lines += 1
        if lines > 2 or re.fullmatch(r"[ \t]*(?:till|mottagare|adressat)[ \t:]*", previous, re.IGNORECASE):
            break  # "Till" / "Lunds kommun": the addressee, not the letterhead
        previous = line.group()
        for m in mentions:
            if m.start >= line.end():
                break
            if m.start >= line.start() and text[line.start():m.start].strip(" \t#*") == "" and \
                    text[m.end:line.end()].strip(" \t#*") == "":
                return m
    return None


_NUMBERED = re.compile(r"(?:^|[ \t])\d{1,3}[.)][ \t]*\Z", re.MULTILINE)
_LIST_MARK = re.compile(r"(?:\d{1,3}[.)][ \t]*|[-–•*·][ \t]*)?")


def _outside_lists(text: str, mentions: list[BodyMention]) -> list[BodyMention]:
    """Drop the bodies listed one to a line or numbered, three or more: a sändlista the parser did not mark."""
    lone: set[int] = set()
    by_line: dict[int, BodyMention] = {}
    for m in mentions:
        start = text.rfind("\n", 0, m.start) + 1
        end = text.find("\n", m.end)
        line = text[start:end if end >= 0 else len(text)].strip(" \t,;.")
        if len(line) <= 200 and line[_LIST_MARK.match(line).end():] == text[m.start:m.end]:
            number = text.count("\n", 0, m.start)
            lone.add(number)
            by_line[number] = m
    listed: set[int] = set()
    # "Remissinstanser: 1. Riksdagens ombudsmän 2. Riksrevisionen 3. …" flattened onto one line: numbered items.
    numbered = [m for m in mentions if _NUMBERED.search(text, max(0, m.start - 8), m.start)]
    if len(numbered) >= 3:
        listed.update(id(m) for m in numbered)
    run: list[int] = []
    for number in sorted(lone) + [None]:
        # a blank line may separate the items of a list pasted from a web page
        if number is not None and run and number - run[-1] <= 2:
            run.append(number)
            continue
        if len(run) >= 3:
            listed.update(id(by_line[n]) for n in run)
        run = [number] if number is not None else []
    return [m for m in mentions if id(m) not in listed]


# the government gives, extends or changes an uppdrag: "Regeringen gav den 28 juni 2018 Folkhälsomyndigheten i uppdrag",
# "Regeringen förlänger tiden för uppdraget till …"
_COMMISSIONED = re.compile(r"\bregeringen[ \t]+(?:har[ \t]+)?(?:gav|ger|gett|givit|förlänger|förlängt|ändrar|ändrat)\b"
                           r"[^.\n]{0,80}?\buppdrag", re.IGNORECASE)
_UPPDRAG_TO = re.compile(r"\buppdrag(?:et)?[ \t]+till[ \t]+\Z", re.IGNORECASE)
_IN_UPPDRAG = re.compile(r"[ \t]{1,5}i[ \t]{1,5}uppdrag\b", re.IGNORECASE)  # bounded: linear on long blank runs
_GOVERNMENT = re.compile(r"\bregeringen[ \t]+har[ \t]+remitterat\b", re.IGNORECASE)


# "Länsstyrelsen har justerat …", "Regionen tar fram …": the page speaks of its own body by its kind alone.
_BARE_SUBJECT = re.compile(r"(?<![\wåäö])(Länsstyrelsen|Regionen|Kommunen)(?![ \t]+i[ \t])(?=[ \t]+[a-zåäö])")
_KIND_WORD = {"lansstyrelse": "länsstyrelse", "region": "region", "kommun": "kommun"}


def _bare_subject(text: str, mentions: list) -> Body | None:
    """Return the one body of a kind the text names when it also speaks of 'Länsstyrelsen'/'Regionen' bare."""
    for m in _BARE_SUBJECT.finditer(text):
        if any(n.start <= m.start() < n.end for n in mentions):
            continue
        found = _qualify(_BARE[m.group(1).casefold()], mentions, None)
        if found:
            return found
    return None


_BARE_SENDER = re.compile(r"(?<![\wåäö])(Länsstyrelsen|Regionen)(?![\wåäö])")
# Round 28b: a body that took part in drafting the proposal, as a registrator reads it: "representant från
# Länsstyrelsen", "i samråd med Regionen", "avstämning med Länsstyrelsen". It was consulted; the sender is the one
# whose proposal it is, and a bare kind here says nothing about which body sent the remiss.
_TOOK_PART = re.compile(r"(?:\brepresentant(?:er|erna|en)?[ \t]+från|\b(?:samråd|dialog|avstämning|samarbete)[ \t]+med)"
                        r"[ \t]+\Z", re.IGNORECASE)


def _bare_sender(text: str, mentions: list) -> str | None:
    """Return 'Länsstyrelsen' or 'Regionen' where the text names its sender by kind alone, outside any full name."""
    for m in _BARE_SENDER.finditer(text):
        if any(n.start <= m.start() < n.end for n in mentions):
            continue
        before, after = text[max(0, m.start() - 6):m.start()], text[m.end():m.end() + 12]
        listed = re.search(r"(?:,|\boch)[ \t]+$", before) or re.match(r"[ \t]+(?:samt|och|eller|med|i)\b", after)
        # "till Länsstyrelsen", "Länsstyrelsen skickar …": the sender; "kommuner, Länsstyrelsen samt …": a consultee
        if _TOOK_PART.search(text, max(0, m.start() - 40), m.start()):
            continue  # round 28b: "Avstämning med representant från Länsstyrelsen har skett": it helped draft, not send
        if re.search(r"\btill[ \t]+$", before) or not listed and re.match(r"[ \t]+[a-zåäö]", after):
            return m.group(1)
    return None


# "Remiss\nREGERINGSKANSLIET\n2015-02-10\nS2013/8560/FS\nSocialdepartementet": a department's letterhead.
# regeringen.se's "Pressmeddelande från Infrastrukturdepartementet" above a press release that states the remiss.
# Its other kinds of page name the department the same way: "Regeringsuppdrag från Socialdepartementet".
_RK_HEAD = re.compile(r"^[ \t]*(?:regeringskansliet[ \t]*$|(?:pressmeddelande|regeringsuppdrag|remiss|artikel)[ \t]+från"
                      r"[ \t]+(?=[A-ZÅÄÖ]))", re.IGNORECASE | re.MULTILINE)


# (read right after a body's name; the lookbehind makes a run of blanks be entered once, not from each blank)
_JOINT = re.compile(r"(?<![ \t])[ \t]*(?:,|och\b|samt\b|&)", re.IGNORECASE)


def _rk_letterhead(text: str, mentions: list):
    """Return the department named on a line of its own under a Regeringskansliet letterhead, or None."""
    head = _RK_HEAD.search(text, 0, 1500)
    if not head:
        return None
    for m in mentions:
        alone = text[text.rfind("\n", 0, m.start) + 1:m.start].strip() == "" or m.start == head.end()
        if head.end() <= m.start <= head.end() + 200 and m.body.name.endswith("departementet") and alone and \
                text[m.end:text.find("\n", m.end) if "\n" in text[m.end:] else len(text)].strip() == "":
            return m
        if m.start == head.end() and m.body.name.endswith("departementet") and not _JOINT.match(text, m.end) and \
                re.match(r"[ \t]*(?:pressmeddelande|regeringsuppdrag)", head.group(), re.IGNORECASE):
            # "Pressmeddelande från Infrastrukturdepartementet Tomas Eneroth bjuder in …": the genre line run on
            # into the text (a page flattened to one line); not "… från Socialdepartementet och Finansdepartementet",
            # nor a forwarder's "Remiss från Näringsdepartementet om planprocessen, kan du …" (a sentence)
            return m
    return None


def _qualify(kind: str, mentions: list, by_mail: Body | None) -> Body | None:
    if by_mail and by_mail.kind == kind:
        return by_mail
    named = {m.body for m in mentions if m.body.kind == kind}
    return named.pop() if len(named) == 1 else None


# "Länsstyrelsen Gävleborg, Region Gävleborg och LRF Gävleborg har tagit fram …": the last of a list of authors
_AND_ONE_MORE = re.compile(r"(?<![ \t])[ \t]+och[ \t]+((?:[A-ZÅÄÖ][\wåäö-]{0,40}+[ \t]++){1,4}?)(?=(?:ger|har|vill|önskar|bjuder|"
                           r"remitterar|skickar)\b)")


def _joint(text: str, mentions: list) -> tuple[str | None, tuple[int, int] | None, list[str]] | None:
    for a, b in zip(mentions, mentions[1:]):
        more = _AND_ONE_MORE.match(text, b.end) if text[a.end:b.start] == ", " else None
        if more and not any(m.start == more.start(1) for m in mentions):
            # three authors, the last one no body of the register: who registers the answers is a person's choice
            names = f"{a.body.name}, {b.body.name} och {more.group(1).strip()}"
            return None, None, [f"Flera organ står bakom remissen ({names}); fyll i remittenten."]
        between = text[a.end:b.start]
        if re.fullmatch(r"[ \t]+och[ \t]+", between) and _JOINT_VERB.match(text, b.end):
            if a.body.kind != b.body.kind:
                # "Länsstyrelsen i Örebro län och Region Örebro län har tagit fram …": a länsstyrelse's and a region's
                # joint programme; which of them registers the answers is for a person to choose
                return None, None, [f"Två organ står bakom remissen ({a.body.name} och {b.body.name}); "
                                    "fyll i remittenten."]
            name = f"{a.body.name} och {b.body.name}"
            return name, (a.start, b.end), []
    return None
