"""Round 18: the matter's name as the prose of Swedish administrative language writes it, for letters with no usable
heading ("… ut på samråd med förslag till X.", "… att yttra sig över X.", "Länsstyrelsen remitterar X.").

Read last, only when nothing else names the matter. The phrase is taken only when it is one noun phrase: it stops at
the sentence's end or at a clause ("…, som …", "… och samrådstiden förlängs"), it holds no finite verb, it does not
start with a pronoun or a bare "förslaget", and the text names two matters ("en remiss om X och en om Y") nowhere.
Where the evidence is weaker than that the title stays empty: the parser then warns that none was found.
Round 19: an extension notice's sentence names the remiss it moves ("Svarstiden för remissen X ändras …"); that name
ends at the notice's verb.
"""
from __future__ import annotations

import re

from remiss.missiv.title_trim import drop_receiver, tidy

# The phrase itself: the rest of the line up to a stop, at most 200 characters, taken greedily (one scan a trigger,
# no backtracking: linear on any text); where the name ends inside it is decided on those 200 characters alone.
_NAME = r"((?:[^\n.;:!?(]|(?<=\d):(?=\d)){3,200})"  # "SOU 2017:27" keeps its colon
# Where the name ends: a clause after a comma or an "och", what is done with the matter, whom it is sent to.
_CLAUSE = re.compile(
    r"(?<![ \t])[ \t]*+,[ \t]+(?:som|där|vilket|vilken|men|och|samt|senast|förslaget)\b|"
    r"(?<![ \t])[ \t]++(?:och|samt)[ \t]+(?:en|ett|de|den|det|vi|ni|man|samråds\w*|remiss\w*|gransknings\w*|svars\w*)\b|"
    # "… som skickas på remiss": a relative clause with its verb ("frågor som rör det samiska folket" stays whole)
    r"(?<![ \t])[ \t]++som[ \t]+(?:nu[ \t]+)?(?:är|har|ska|skall|kommer|kan|får|innebär|gäller|skickas|remitteras|tagits)\b|"
    r"(?<![ \t])[ \t]++(?:med[ \t]+tillhörande|i[ \t]+enlighet[ \t]+med|senast|innan|före|fram[ \t]+till|till[ \t]+och[ \t]+med|"
    r"till[ \t]+(?:alla|berörda|remissinstanser\w*|regeringen|er|dig|oss|kommunen|länsstyrelsen)|"
    r"(?:ut[ \t]+)?på[ \t]+(?:remiss|samråd|granskning)|för[ \t]+(?:yttrande|synpunkter|kännedom|diarieföring|granskning|samråd))\b")
# A name does not start with a pronoun, a deictic word or the document's bare kind ("förslaget", "remissen").
_NOT_A_NAME = (r"(?!(?:den|det|de|dem|denna|detta|dessa|vår|vårt|våra|er|ert|era|sin|sitt|sina|bifogade?|nämnda|ovan|"
               r"rubricerade?|ovanstående|ovannämnda|aktuella|"
               # an indefinite phrase describes, it does not name ("ett förslag om ändring i …", "en preliminär
               # översikt över …"); "härmed"/"till" are the verb's own words ("remitterar härmed", "… till ovanstående")
               r"en|ett|härmed|till|för|dels|angående|"
               r"förslaget|förslagen|remissen|remisserna|materialet|handlingarna|ärendet|underlaget|frågan|"
               r"samrådsunderlaget|remissunderlaget|dokumentet|planen|programmet|strategin)\b)")
_TRIGGERS = [
    # "De fem vattenmyndigheterna gick ut på samråd med förslag till förvaltningsplan …", "… ute på remiss med …"
    r"\b(?:ut|ute)[ \t]+på[ \t]+(?:remiss|samråd|granskning)[ \t]+(?:med|om|gällande|avseende|angående)[ \t]+",
    # "Spelinspektionen skickade ut en remiss gällande förslag till föreskrifter …"
    # (the subject may stand after the verb: "I april skickade Spelinspektionen ut en remiss gällande …")
    r"\b(?:skicka[rt]?|skickade|sänt|sände|sänder|gått|gick|går)[ \t]+(?:[A-ZÅÄÖ][\wåäö-]+[ \t]+)?(?:nu[ \t]+)?ut[ \t]+"
    r"(?:en[ \t]+)?"
    r"(?:remiss|samråd)[ \t]+(?:om|gällande|avseende|angående|av)[ \t]+",
    # "… om att yttra sig över val av väglinje.", "ges möjlighet att yttra sig över …"
    r"\byttra[ \t]+(?:sig|dig|er)[ \t]+över[ \t]+",
    # round 22: "Regeringen har kungjort kärnavfallsbolagets komplettering om … ." (the government's kungörelse of an
    # application, relayed); not a länsstyrelse's weekly list ("Länsstyrelsen kungör slutlig sammanräkning av val …")
    r"\b(?:Regeringen|[A-ZÅÄÖ][a-zåäö-]{1,40}departementet)[ \t]+har[ \t]+(?:nu[ \t]+)?kungjort[ \t]+",
    # "… som Näringsdepartementet har remitterat promemorian Vinterdäckskrav för tunga vägfordon."
    r"\b(?:remitterar|remitteras|remitterat|remittera)[ \t]+(?:härmed[ \t]+|nu[ \t]+)?"
    r"(?:(?:departements)?promemorian[ \t]+|betänkandet[ \t]+|delbetänkandet[ \t]+)?(?=[A-ZÅÄÖa-zåäö])",
    # "… samråd för ny översiktsplan", "Samråd om detaljplan för …"
    r"\b[Ss]amråd(?:et)?[ \t]+(?:om|för|gällande|avseende|angående)[ \t]+",
    # Round 21: the standard sentences of a covering letter, whoever sends it. "Remissen/Ärendet/Samrådet avser X.",
    # "Bifogat översänds remiss av X.", "Kommunen önskar yttrande över X.", "Yttrande önskas över X."
    r"\b(?:[Rr]emissen|[Ää]rendet|[Ss]amrådet|[Gg]ranskningen|[Uu]tskicket)[ \t]+(?:avser|gäller|omfattar|handlar[ \t]+om)[ \t]+",
    r"\b(?:[Bb]ifogat|[Hh]ärmed)[ \t]+(?:översänds|bifogas|skickas)[ \t]+(?:härmed[ \t]+)?remiss(?:en)?[ \t]+"
    r"(?:av|om|gällande|avseende|angående)[ \t]+",
    r"\b(?:(?:önskar|begär|efterfrågar|inhämtar)[ \t]+(?:(?:era|ert|dina|ditt)[ \t]+)?(?:yttrande|synpunkter|remissvar)|"
    r"(?:[Yy]ttrande|[Ss]ynpunkter|[Rr]emissvar)[ \t]+(?:önskas|begärs|efterfrågas))[ \t]+(?:över|på|om|angående|gällande|avseende)[ \t]+",
    # "Förslaget till X skickas nu ut på remiss.": the proposal as the subject of the sending (_PASSIVE_END)
    r"(?<![\wåäö])(?:Förslaget|Förslag)[ \t]+till[ \t]+",
    # "Kommunstyrelsen har beslutat att skicka X på remiss.", "Vi skickar härmed ut X på remiss.", "… att ställa ut X för
    # granskning", "Kommunen översänder härmed X för yttrande": the name ends where the sending does (_SENT_END)
    r"\b(?:skicka|skickar|sända|sänder|översända|översänder|ställa[ \t]+ut|ställer[ \t]+ut)[ \t]+(?:härmed[ \t]+|nu[ \t]+)?"
    r"(?:ut[ \t]+)?",
    # Round 19, read only where none of the above is found. An extension notice names the remiss whose time it
    # moves: "Svarstiden för remissen X ändras från …", "Remissen om förslag till X förlängs med en månad"; the name
    # ends at the notice's verb (_MOVED).
    r"\b(?:(?:[Ss]vars|[Rr]emiss|[Ss]amråds|[Gg]ransknings|[Yy]ttrande)tiden[ \t]+(?:för|på|gällande|i)[ \t]+"
    r"(?:(?:remissen|samrådet|granskningen)[ \t]+(?:(?:om|av|gällande|angående|avseende)[ \t]+)?)?|"
    r"[Rr]emissen[ \t]+(?:om|av|gällande|angående|avseende)[ \t]+)",
]
# where an extension notice's name ends: the verb that moves the time
_MOVED = re.compile(r"(?<![ \t])[ \t]++(?:ändras|förlängs|flyttas|skjuts|har[ \t]+(?:förlängts|ändrats|flyttats))\b"
                    r"(?![ \t]+inte\b)")  # "… förlängs inte": no notice
# the strongest trigger first: each is searched on its own, so "samråd om …" early in a news text does not win over
# "… gick ut på samråd med förslag till …" further down
_PHRASES = [re.compile(trigger + _NOT_A_NAME + _NAME) for trigger in _TRIGGERS]
_NOTICE = _PHRASES[-1]  # the extension notice's phrase
# round 21: the notice's verb before the time it moves ("… att förlänga remisstiden för X till den 15 juni"): the name ends
# at the new day
_MOVED_BEFORE = re.compile(r"(?<![\wåäö])(?:förlänga|förlänger|förlängt|förlängs|ändra|ändrar|ändras|flytta|flyttar)[ \t]+\Z",
                           re.IGNORECASE)
_TO_DAY = re.compile(r"(?<![ \t])[ \t]++(?:till(?:[ \t]+och[ \t]+med)?|t\.o\.m\.?)[ \t]+(?:den[ \t]+)?\d")
_SENDING = _PHRASES[-2]
# round 29: the phrases of a sending ("remitterat X till Uppsala kommun", "skickar ut en remiss om X till …"), where
# "till" and a body after the name is the receiver
_SENT_TO = {_PHRASES[1], _PHRASES[4], _PHRASES[7], _SENDING}
_PROPOSAL = _PHRASES[-3]  # round 21: "Förslaget till X skickas … på remiss": "Förslag till X"
_PASSIVE_END = re.compile(r"(?<![ \t])[ \t]++(?:skickas|sänds|ställs|remitteras|går|är)[ \t]+(?:nu[ \t]+)?(?:ut[ \t]+)?"
                          r"(?:på|för)[ \t]+(?:remiss|samråd|granskning|yttrande)\b")  # round 21: a sending verb, whose object is a name only when "på remiss"/"för yttrande" ends it
_SENT_END = re.compile(r"(?<![ \t])[ \t]*+(?:ut[ \t]+)?(?:på|för)[ \t]+(?:remiss|samråd|granskning|yttrande|synpunkter)\b")
_FINITE = re.compile(r"\b(?:är|var|har|hade|ska|skall|kommer|finns|kan|får|blir|gäller|innebär|omfattar|pågår|sker|"
                     r"skickas|skickats|remitteras|remitterats|förlängs|förlängts|tagits|upprättats|beslutat|beslutade)\b",
                     re.IGNORECASE)
# A generic name: the bare kind after "förslag till/på" ("Förslag på föreskrifter", "förslag till beslut"), a place
# ("samråd för Trosa kommun i Vagnhärad"), a pointer ("Avfallsplanen nedan"), or a body in front of an inverted
# clause ("remitterar Läkemedelsverket ett förslag …").
_GENERIC = re.compile(r"^(?:(?:[\wåäö-]+s[ \t]+)?förslag(?:et)?[ \t]+(?:till|på|om)[ \t]+[\wåäö-]+|"
                      r"[A-ZÅÄÖ][\wåäö-]*(?:[ \t]+[A-ZÅÄÖ][\wåäö-]*)?[ \t]+(?:kommun|kommuner|stad|län|region)\b.*|"
                      r"[\wåäö-]+[ \t]+(?:en|ett)[ \t].*|.*[ \t](?:nedan|ovan|här))$")
# "Ds 2023:27, Effektiv och …" is written "Ds 2023:27 Effektiv och …"; "…, Ds 2023:9" after the name is dropped
_NUMBER_COMMA = re.compile(r"^((?:SOU|Ds)[ \t]+\d{4}:\d{1,3}),[ \t]+|,[ \t]+(?:SOU|Ds)[ \t]+\d{4}:\d{1,3}\Z", re.IGNORECASE)
# two matters in one sentence: "en remiss om förslag till … och en om förslag till …"
_TWO = re.compile(r"[ \t](?:och|samt)[ \t]+(?:en|ett)[ \t]+(?:om|av|gällande|avseende)[ \t]")


# A name may start with an article ("Ett utvidgat skydd …"), which in the prose describes ("ett förslag om …")
_NAME_START = re.compile(_NOT_A_NAME.replace("en|ett|", "") + r"\S", re.IGNORECASE)


def describes(line: str) -> bool:
    """Tell whether a line starts as the prose describes a document, not as its name does ("Den nya avfallsplanen",
    "Förslaget", "Till kommunerna i …")."""
    return not _NAME_START.match(line)


def prose_matter(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the matter's name from the first phrase of the prose that announces it, or (None, None).

    The triggers are tried strongest first; when the strongest one found is no clean name, the title stays empty
    rather than falling back on a weaker phrase (on the development sets both choices give the same titles)."""
    for pattern in _PHRASES:
        m = pattern.search(text)
        if not m:
            continue
        name, start = m.group(1), m.start(1)
        clause = _CLAUSE.search(name)
        if pattern is _NOTICE:
            clause = _MOVED.search(name)
            if not clause and _MOVED_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                clause = _TO_DAY.search(name)
            if not clause:
                continue  # "Remissen om X" that is not moved: no notice
        if pattern is _SENDING and not (clause and _SENT_END.match(name, clause.start())):
            continue  # "skicka in dina synpunkter": no document sent out
        if pattern is _PROPOSAL:
            clause = _PASSIVE_END.search(name)
            if not clause:
                continue  # a proposal named in passing, not the one sent out
            name = name[:clause.start()]
            value, span = tidy(name, (start, start + len(name)), lead=False)
            if not value or _FINITE.search(name) or len(name.split()) > 25:
                continue
            first = name.strip()[:1]  # the name's own first letter: "Förslag till översiktsplan", "… till Region Hallands …"
            return f"Förslag till {first}{value[1:]}", (m.start(), start + len(name))
        if clause:
            name = name[:clause.start()]
            if pattern in _SENT_TO:
                name = name[:len(drop_receiver(name.rstrip()))]
        elif len(name) == 200:
            return None, None  # no end within 200 characters: no name
        after = text[start + len(name):start + len(name) + 40]
        if _FINITE.search(name) or _TWO.match(after) or len(name.split()) > 25 or \
                not re.search(r"[^\W\d_]{4,}", name) or _GENERIC.match(name.strip()):
            return None, None
        value, span = tidy(name, (start, start + len(name)), lead=False)
        if not value:
            return None, None
        value = _NUMBER_COMMA.sub(lambda n: f"{n.group(1)} " if n.group(1) else "", value)
        return value[:1].upper() + value[1:], span
    return None, None


# Round 22: a page's heading is the short form of the document's full name, which the text quotes as out on remiss:
# "Strategi för hållbar smart specialisering i Dalarna" over "… den nya strategin: ”En nyskapande och innovativ region -
# Strategi för hållbar smart specialisiering i Dalarna 2022-2028” ute på remiss". The quote's length is bounded: linear.
_QUOTED_OUT = re.compile(r"[”\"“]([A-ZÅÄÖ][^”\"“\n]{9,250})[”\"“][ \t]+(?:är[ \t]+)?(?:nu[ \t]+)?(?:ute[ \t]+)?på[ \t]+"
                         r"(?:remiss|samråd|granskning)\b")


def quoted_full_name(text: str, heading: str) -> tuple[str, tuple[int, int]] | None:
    """Return the quoted full name of the document out on remiss that holds every word of a shorter heading, or None.

    Words are compared on their first six letters, so that a misspelling in the quote ("specialisiering") still
    matches; two such quotes leave the heading as it is."""
    wanted = {w[:6] for w in re.findall(r"[\wåäö]{4,}", heading.casefold())}
    found = []
    for m in _QUOTED_OUT.finditer(text[:6000]):
        words = {w[:6] for w in re.findall(r"[\wåäö]{4,}", m.group(1).casefold())}
        if wanted and wanted <= words and len(m.group(1)) > len(heading):
            found.append(m)
    if len(found) != 1:
        return None
    value, span = tidy(found[0].group(1), found[0].span(1), lead=False)
    return (value, span) if value else None
