"""Find the ärendemening (title) of a missiv: choose among a labelled line, a heading, a 'Remiss av …' line, a
sentence that names the matter and a page's headline (headline.py); the words around the name are trimmed by
title_trim.py, and whether a subject and a heading name the same matter is told by title_match.py."""
from __future__ import annotations

import re

from remiss.missiv.dnr import TOKEN_RE
from remiss.missiv.heading_lines import is_letterhead, is_news, plausible_heading
from remiss.missiv.headline import DOCUMENT_NOUN, continued, headline, is_headline
from remiss.missiv.title_case import decapitalised
from remiss.missiv.title_layout import agenda_item, backed, flattened_heading, label_above, statute_name
from remiss.missiv.title_match import DESIGNATION
from remiss.missiv.title_proposal import proposal_named
from remiss.missiv.title_prose import prose_matter, quoted_full_name
from remiss.missiv.title_subject import clean_subject as _clean_subject
from remiss.missiv.title_trim import drop_remiss_lead, tidy

__all__ = ["clean_subject", "drop_remiss_lead", "find_title", "is_headline", "letter_heading", "number_only",
           "plausible_heading", "spells_out", "spelt_out", "title_sources"]

# Line starts are followed by [ \t]*, not \s*: with re.MULTILINE, \s* ran from every line start across all the
# blank lines after it, and a text of blank lines took time squared.
_LABELLED = [
    # (round 20: the blanks before the value are possessive: "Ärende:" and 100 KB of blanks took time squared)
    re.compile(r"^[ \t]*Ärende(?:t|mening)?[ \t]*:[ \t]*+([^\n]*\S)", re.MULTILINE),
    re.compile(r"^[ \t]*#[ \t]++([^\n]*\S)", re.MULTILINE),
    # "Handling som delges: Förslag till beslut och skötselplan …": a länsstyrelse's kungörelsedelgivning
    re.compile(r"^[ \t]*(?:Rubrik|Remiss(?:ens titel|behandling)?|Angående|Ang\.|Avser|Gäller|"
               r"Handling(?:ar(?:na)?)?[ \t]+som[ \t]+(?:delges|kungörs|remitteras))[ \t]*:[ \t]*+([^\n]*\S)",
               re.MULTILINE),
    re.compile(
        r"(?:^|(?<=\s))((?:Remiss|Remittering) (?:angående|avseende|gällande|rörande|beträffande|av|om|över|från \w+ om)"
        r"[ \t]+[^\n]+?)"
        r"(?=[ \t]+[A-ZÅÄÖ]{2,6}(?:[ \t]|$)|[ \t]+(?:Dnr|Diarienummer|Den|Bakgrund)\b|\n|$|"
        # a PDF flattened to one line: the first sentence starts with a capitalised function word
        r"[ \t]+(?:På|Med|Enligt|Det|De|Vi|Inom|Genom|Efter|Sedan|Härmed|Bifogat|Nu)[ \t]+[a-zåäö])",
        re.MULTILINE,
    ),
]
_SENTENCE_END = re.compile(r"(?<=[a-zåäö]{2})\.[ \t]+(?=[A-ZÅÄÖ][a-zåäö])")
_DELGES = re.compile(r"(?<![ \t])[ \t]*+Handling(?:ar(?:na)?)?[ \t]+som[ \t]", re.IGNORECASE)
# "Remissen gäller Förslag till regional plan … och är från …"; "svara på Jordbruksverkets remiss om föreskrifter …."
_PROSE = [
    re.compile(r"\bRemissen gäller ((?:[^\n.]|\n(?![ \t]*\n)){3,200}?)(?: och (?:är|kommer) från\b|\.)"),
    re.compile(r"\b[A-ZÅÄÖ][\wåäö-]{1,60}s remiss (?:om|av|gällande) ((?:(?!remiss)(?:[^\n.]|\n(?![ \t]*\n))){3,120})"
               r"\.(?:\s|$)"),
    # A PDF missiv flattened to one line (docplayer): "… Enligt sändlista Ändring av Boverkets byggregler Boverket
    # önskar synpunkter …": the title stands between the addressee and the first sentence.
    # "… Enligt sändlista Konsekvensutredning av förslag till föreskrifter om … 1. Beskrivning av problemet …": or the
    # first numbered section
    re.compile(r"\bEnligt sändlista[ \t]+([A-ZÅÄÖ][^.\n]{5,150}?)(?=[ \t]+[A-ZÅÄÖ][\wåäö]+[ \t]+"
               # round 14: "… Remiss Funktionellt prioriterat vägnät Trafikverket har tagit initiativ …"
               r"(?:önskar|översänder|remitterar|bjuder|ger|inbjuder|vill|skickar|har[ \t]+[a-zåäö]{4,})\b|"
               r"[ \t]+1\.[ \t]+[A-ZÅÄÖ][a-zåäö])"),
    # "Regionförbundet Sörmland skickar idag ut ”Regional cykelstrategi för Sörmland” på remiss": the quoted name
    re.compile(r"\b(?:skickar|sänder|ställer|skickas|sänds|ställs)[ \t]+(?:(?:nu|idag|i[ \t]+dag)[ \t]+)?ut[ \t]+"
               r"[”\"]([^”\"\n]{3,150})[”\"][ \t]+på[ \t]+remiss\b"),
    # "synpunkter på utredningen ”När behovet får styra – …”", "Samrådshandlingen heter: ”Viktiga vattenfrågor …”"
    re.compile(r"\b(?:[Uu]tredningen|[Bb]etänkandet|[Pp]romemorian|[Rr]apporten|[Ss]amrådshandlingen|[Rr]emisshandlingen)"
               r"(?:[ \t]+heter[ \t]*:?)?[ \t]+[”\"]([^”\"\n]{3,200})[”\"]"),
    # Round 14: the quoted name right after the remiss or the proposal that announces it: "Just nu pågår remiss av
    # ”Utmaningar för ett hållbart Västra Götaland …”", "godkänner remissunderlaget för ”Strategi för …”", "ett förslag
    # till en ny avfallsplan ”Avfallsplan för Umeåregionen – …”". A preposition after "remiss…" is required: "ett
    # informationsmöte om remissen ”…”" names the meeting's subject in its own words.
    re.compile(r"\b(?:[Rr]emiss(?:en|underlaget|underlag|förslaget)?[ \t]+(?:av|om|för|på|gällande|angående|över)|"
               r"[Ff]örslag(?:et)?[ \t]+(?:till|på)(?:[ \t]+(?:en|ett))?(?:[ \t]+(?:ny|nytt|nya))?[ \t]+"
               r"[a-zåäö-]{3,40}(?:plan|program|strategi|policy|föreskrifter)[a-zåäö]{0,4})[ \t]+"
               r"[”\"“]([A-ZÅÄÖ][^”\"“\n]{3,200})[”\"“]"),
    # "Bifogat finns förslag till ändringar i … föreskrifter (KIFS 2017:7) om …."; "Härmed översänds promemorian …"
    re.compile(r"\b(?:Bifogat|Härmed) (?:finns|översänds|remitteras|bifogas)(?: härmed)?(?: för (?:remiss|yttrande))? "
               r"((?:förslag|promemorian?|rapporten?|betänkandet)\b[^\n.]{3,200})\.(?:\s|$)"),
]


# Read only when no heading names the matter: "lämna synpunkter på förslaget till ny regional kulturplan 2024-2027.",
# "så kommer du till förslaget till Bostadsförsörjningsprogrammet för Malå kommun."
_PROPOSAL_OBJECT = re.compile(
    r"\b(?:tycka till om|tyck till om|synpunkter på|kommer du till|ta del av|yttra (?:dig|er|sig) över)[ \t]+"
    r"(?:remissutgåvan|remissversionen|remissförslaget|förslaget|förslag)[ \t]+(?:av|till|om|på)[ \t]+"
    r"(?:(?:en|ett)[ \t]+)?(?:(?:ny|nytt|nya)[ \t]+)?([^\n.]{3,150}?)(?:\.(?:\s|$)|\n)", re.IGNORECASE)
# "ny regional utvecklingsstrategi, Dalastrategin 2030 – …": the name after the comma is the matter's own.
_APPOSITION = re.compile(r"^[a-zåäö][^,()]{2,60},[ \t]+(?=[A-ZÅÄÖ])")

# Read last: "Länsstyrelsen har upprättat ett förslag till beslut om utvidgade strandskyddsområden i … kommuner.",
# "Ett förslag till kommunens nya avfallsföreskrifter har tagits fram." The body's own possessive is dropped.
_DRAWN_UP = re.compile(
    r"\b(?:har[ \t]+(?:nu[ \t]+)?(?:upprättat|tagit[ \t]+fram|utarbetat)[ \t]+(?:ett[ \t]+)?(?=förslag)|"
    # "Länsstyrelsen går nu ut med ett nytt förslag till strandskyddslinje.": publishing the proposal
    r"(?:går|gick)[ \t]+(?:nu[ \t]+)?ut[ \t]+med[ \t]+(?:ett[ \t]+)?(?:nytt[ \t]+)?(?=förslag)|"
    r"(?<![\wåäö])(?:Ett|ett)[ \t]+(?=förslag[ \t]+till[ \t][^\n.]{3,150}?[ \t]+har[ \t]+(?:nu[ \t]+)?"
    r"(?:tagits[ \t]+fram|upprättats|utarbetats)\b))"
    r"(förslag[ \t]+(?:till|om)(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:kommunens|regionens|länsstyrelsens|vår|vårt|våra)[ \t]+)?)"
    r"([^\n.]{3,200}?)(?:[ \t]+har[ \t]+(?:nu[ \t]+)?(?:tagits[ \t]+fram|upprättats|utarbetats)\b|\.(?:\s|$))")


# Read last of all: "Nu skickas föreskrifter för licensjakt på lodjur på remiss." (a news item whose heading is a
# sentence); a pronoun or a bare "förslaget" names nothing.
_SENT_OUT = re.compile(r"\bNu[ \t]+(?:skickas|sänds|går)[ \t]+(?!(?:den|det|de|förslaget|remissen|handlingarna)\b)"
                       r"([a-zåäö][^\n.]{3,150}?)[ \t]+(?:ut[ \t]+)?på[ \t]+(?:remiss|samråd)\b")


def clean_subject(subject: str, span: tuple[int, int]) -> tuple[str | None, tuple[int, int] | None]:
    """Return the ärendemening an e-mail subject carries ('Remiss: X', 'Förlängd svarstid – X'), or (None, None)
    when the subject is a news sentence copied from a page ("VB: Kammarkollegiet begär förtydligande") or a list's
    heading ("Ändrad svarstid: Remisser om nya och ändrade föreskrifter")."""
    value, span = _clean_subject(subject, span)
    if value and not re.search(r"[^\W\d_]{3,}", DESIGNATION.sub(" ", value)):
        return None, None  # round 16: "Remiss 02765-2021 HSLF-FS 2021:2": numbers only, the name is in the letter
    return (None, None) if value and (is_news(value) or is_letterhead(value)) else (value, span)


# The SOU or Ds number the text writes right after the name: "betänkandet ”Starkare kommuner – …” (SOU 2020:8)"
_NUMBER_AFTER = r"[”\"’]?[ \t]*\(((?:SOU|Ds)[ \t]+\d{4}:\d{1,3})\)"
_NUMBER_BEFORE = r"\b((?:SOU|Ds)[ \t]+\d{4}:\d{1,3}),?[ \t]+[”\"]?"


def _with_designation(text: str, value: str | None) -> str | None:
    """Return the title with its SOU/Ds number, as the conventions write it, when the text gives one number for it."""
    if not value or DESIGNATION.search(value) or len(value) < 12:
        return value
    name = re.escape(value).replace(r"\ ", r"\s+")
    found = {re.sub(r"\s+", " ", m.group(1)) for m in re.finditer(name + _NUMBER_AFTER, text, re.IGNORECASE)}
    # round 16: the number in front, as regeringen.se's answer pages write it: "på remissen Ds 2022:9, Ett utvidgat …"
    before = {re.sub(r"\s+", " ", m.group(1)) for m in re.finditer(_NUMBER_BEFORE + name, text, re.IGNORECASE)}
    if len(before) == 1 and not found:
        return f"{before.pop()} {value}"
    return f"{value} ({found.pop()})" if len(found) == 1 else value


# Round 19: "Samråd för den nya avfallsplanen": a definite description names the document's kind, whose indefinite
# form is the matter's name ("Avfallsplan"), as a heading without the description would write it.
_DESCRIBED = re.compile(r"(?:Den|Det|De)[ \t]+(?:nya|nytt)[ \t]+(?=[a-zåäö])")


# Round 19: a one-word heading ("Länstransportplan") names only the document's kind; a line of its own inviting views on
# a fuller name ("Möjlighet att lämna synpunkter på regional transportplan för perioden 2022-2033", "Tyck till om …")
# names the matter. Not a possessive or a deictic ("kommunens avfallsplan", "den nya …"), three words at least.
_INVITED = re.compile(r"^[ \t]*+(?:(?:Möjlighet|Välkommen|Inbjudan)[ \t]+att[ \t]+)?(?:[Ll]ämna|[Gg]e|[Tt]ycka[ \t]+till|"
                      r"[Tt]yck[ \t]+till)(?:[ \t]+(?:dina|era))?(?:[ \t]+synpunkter)?[ \t]+(?:på|om)[ \t]+"
                      r"(?![\wåäö-]+s[ \t]|(?:den|det|de|kommunens|regionens)\b)([^\n.!?]{3,150})$", re.MULTILINE)


def _invited(text: str) -> tuple[str | None, tuple[int, int] | None]:
    m = _INVITED.search(text[:3000])
    if not m or len(m.group(1).split()) < 3:
        return None, None
    value, span = tidy(m.group(1), m.span(1), lead=False)
    return (value[:1].upper() + value[1:], span) if value else (None, None)


def find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the ärendemening (title) and its span."""
    text = decapitalised(text) or text  # round 21: "REMISS AV …": a heading in capitals, read in ordinary case
    value, span = _find_title_body(text)
    if value and len(value.split()) == 1:
        invited = _invited(text)
        value, span = invited if invited[0] else (value, span)
    described = _DESCRIBED.match(value or "")
    noun = described and DOCUMENT_NOUN.fullmatch(value, described.end())
    if noun:
        value = noun.group(1)[:1].upper() + noun.group(1)[1:]
    if value and _KIND_ONLY.fullmatch(value):
        # round 22: "Tyck till om förslaget" leaves "Förslaget": a document's kind names no matter; round 25: the
        # proposal the page names in full further down does
        return proposal_named(text)
    fuller = quoted_full_name(text, value) if value else None
    if fuller:
        value, span = fuller  # round 22: the heading is the short form of the name the text quotes as out on remiss
    return _with_designation(text, value), span


# A document's or a procedure's bare kind, definite or not: "Förslaget", "Remissen", "Planen", "Handlingarna"
_KIND_ONLY = re.compile(r"(?:förslag(?:et|en)?|remiss(?:en)?|plan(?:en)?|dokument(?:et)?|handling(?:en|ar|arna)?|"
                        r"underlag(?:et)?|samråd(?:et)?|granskning(?:en)?|utställning(?:en)?|material(?:et)?|"
                        r"ärende(?:t)?|program(?:met)?|strategi(?:n)?)", re.IGNORECASE)


def _find_title_body(text: str) -> tuple[str | None, tuple[int, int] | None]:
    value, span = _find_title(text)
    if value is None:
        m = _PROPOSAL_OBJECT.search(text)
        if m:
            named = _APPOSITION.match(m.group(1))
            start = m.start(1) + (named.end() if named else 0)
            value, span = tidy(text[start:m.end(1)], (start, m.end(1)), lead=False)
            if value:
                value = value[:1].upper() + value[1:]
    if value is None:
        m = _SENT_OUT.search(text)
        if m:
            value, span = tidy(m.group(1), m.span(1), lead=False)
            value = value[:1].upper() + value[1:] if value else None
    if value is None:
        m = _DRAWN_UP.search(text)
        if m:
            lead = re.sub(r"[ \t]+", " ", m.group(1).split()[0] + " " + m.group(1).split()[1])
            value, span = tidy(m.group(2), m.span(2), lead=False)
            if value:
                value, span = f"{lead[:1].upper()}{lead[1:]} {value}", (m.start(1), m.end(2))
    if value is None:
        value, span = statute_name(text)  # round 16: "… föreskrifter och allmänna råd (LIFS 2018:4) om …"
    if value is None:
        value, span = prose_matter(text)  # round 18: "… gick ut på samråd med förslag till …", "yttra sig över …"
    if value is None:
        value, span = flattened_heading(text)  # round 25: "… Yttrande över remiss - X Förslag till beslut …"
    if value is None:
        value, span = proposal_named(text)  # round 25: "Tyck till om förslaget" over "… förslaget till X."
    return value, span


def _find_title(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for pattern in _LABELLED:
        m = pattern.search(text)
        if m and 3 <= len(m.group(1)) <= 250 and not number_only(m.group(1)):
            end = continued(text, m.start(1), m.end(1))
            if _DELGES.match(m.group()):
                # round 14: "Handling som delges: Förslag till beslut om …. Handlingarna finns …": the value ends
                # with its sentence (a heading such as "SOU 2018:74 Lite mer lika. Översyn av …" may hold a stop)
                stop = _SENTENCE_END.search(text, m.start(1), end)
                end = stop.start() if stop and len(text[m.start(1):stop.start()].split()) >= 3 else end
                # a kungörelse's formula names the document generically; the page's own heading, when it is
                # itself a proposal's name ("Förslag till beslut om bildande av vattenskyddsområde i Heby kommun"),
                # names the item
                page = headline(text)
                if page[0] and re.match(r"Förslag[ \t]+till[ \t]", page[0]):
                    return page
            return tidy(text[m.start(1):end], (m.start(1), end), lead=False)
    phrased = _phrased_heading(text)
    if phrased[0]:
        return phrased
    labelled = label_above(text)  # round 16: "Introduktion till remissen:" over the name
    if labelled[0]:
        return labelled
    for pattern in _PROSE:
        m = pattern.search(text)
        if m:
            value, span = tidy(m.group(1), m.span(1))
            if value and pattern is _PROSE[-1]:
                value = value[:1].upper() + value[1:]  # "Bifogat finns förslag till …": the object names the matter
            return value, span
    item = agenda_item(text)  # round 16: a nämnd's agenda, the one item sent for yttrande
    if item[0]:
        return item
    document = _document_line(text)
    return document if document[0] else headline(text)


# A paragraph that is only a document's name: "Förslag till bildande av naturreservatet Boa i Falkenbergs kommun."
# under an item's place label ("Boa Falkenbergs kommun") on a page that lists several remisser. The page's own heading
# (the first line) is never taken, and two such paragraphs leave the choice to the headline rule. The full stop tells
# the name written as a sentence of its own from a section heading ("Förslag till vattentjänstplan") or a list of
# attachments, which have none.
_DOCUMENT_LINE = re.compile(r"(?:(?<=\n\n)|(?<=\n[ \t]\n))[ \t]*(Förslag[ \t]+(?:till|om)[ \t]+[^\n]{10,250}?)\.[ \t]*"
                            r"(?=\n[ \t]*\n|\n?\Z)")
_FINITE = re.compile(r"\b(?:är|har|ska|skall|kommer|finns|skickas|kan|får|gäller|innebär|omfattar|ingår)\b", re.I)


def _document_line(text: str) -> tuple[str | None, tuple[int, int] | None]:
    found = [m for m in _DOCUMENT_LINE.finditer(text[:6000])
             if len(m.group(1).split()) <= 30 and not _FINITE.search(m.group(1)) and "," not in m.group(1)]
    if len(found) != 1:
        return None, None
    return tidy(found[0].group(1), found[0].span(1), lead=False)


# Round 20: a heading line in the words any remittent uses to ask for an answer on the matter, wherever it stands in
# the letterhead (a PDF puts the sender's unit, the date and the addressee above it): "Begäran om yttrande över X",
# "Angående X", "Följebrev till remiss av X", "Inbjudan till samråd om X", "Remiss – X". A sentence of the prose that opens with
# the same words ("Angående svarstiden kan ni …") is no heading: it ends in a stop or holds a finite verb.
_PHRASED = re.compile(
    r"^[ \t]*+((?:(?:Begäran|Förfrågan)[ \t]+om[ \t]+(?:yttrande|synpunkter|remissvar|remissyttrande)|Yttrande|"
    # round 21: "Synpunkter önskas på X", "Tillfälle att yttra sig över X", "Anmodan att inkomma med yttrande över X"
    r"(?:Remissyttrande|Yttrande|Synpunkter|Remissvar)[ \t]+(?:önskas|begärs|efterfrågas)|"
    r"(?:Tillfälle|Anmodan|Uppmaning)[ \t]+att[ \t]+(?:yttra[ \t]+sig|(?:lämna|ge|avge|inkomma[ \t]+med|komma[ \t]+in[ \t]+med)"
    r"[ \t]+(?:yttrande|synpunkter|remissvar)))[ \t]+(?:över|på|om|angående|avseende|gällande|"
    r"rörande|beträffande)|Angående|Ang\.|Avseende|Beträffande|Rörande|(?:Följebrev|Missiv)[ \t]+till[ \t]+remiss(?:en)?|"
    r"Inbjudan[ \t]+till[ \t]+(?:samråd|remiss)[ \t]+(?:om|av|avseende|angående|gällande|kring)|"
    # "Remissförfrågan – X", "Remiss: X": the procedure's word and a dash or colon before the name
    # (round 21: "Remissinbjudan: X", "Remiss från Läkemedelsverket: X", "Remiss för yttrande: X")
    r"Remiss(?:förfrågan|inbjudan|utskick|brev)?(?:[ \t]+från[ \t]+[A-ZÅÄÖ][^\n:–]{1,60}?|"
    r"[ \t]+för[ \t]+(?:yttrande|synpunkter|kännedom))?[ \t]*[:–-])[ \t]++[^\n]*\S",
    re.MULTILINE)


def _phrased_heading(text: str) -> tuple[str | None, tuple[int, int] | None]:
    for m in _PHRASED.finditer(text[:6000]):
        end = continued(text, m.start(1), m.end())
        line = re.sub(r"\s+", " ", text[m.start(1):end])
        if len(line.split()) > 40 or line.endswith((".", ":", "?", "!", ",")) or _SENTENCE_END.search(line) or \
                _FINITE.search(line):
            continue
        value, span = tidy(text[m.start(1):end], (m.start(1), end), lead=False)
        if value and value != line and backed(text, value, span):  # the lead was dropped and a name is left
            return value, span
        spelt = spelt_out(text, value) if value else None
        if spelt:
            return spelt  # round 32: "Remiss - RUS 2030": the text spells the acronym out
    return None, None


# Round 32: a heading that is only an acronym and a year ("RUS 2030") names the document the text spells out with the
# acronym in brackets: "ett förslag till regional utvecklingsstrategi (RUS) för Västmanland 2030."
_ACRONYM = re.compile(r"([A-ZÅÄÖ]{2,6})(?:[ \t]+((?:19|20)\d\d))?")


def spelt_out(text: str, value: str) -> tuple[str, tuple[int, int]] | None:
    """Return the name an acronym heading ("RUS 2030") stands for, when the text writes it one way only."""
    m = _ACRONYM.fullmatch(value)
    if not m:
        return None
    year = rf"[^\n.()]{{0,60}}?\b{m.group(2)}\b" if m.group(2) else ""
    found = {}
    for hit in re.finditer(rf"(?<![\wåäö-])((?:(?-i:[a-zåäö])[\wåäö-]{{1,30}}[ \t]+){{0,3}}(?-i:[a-zåäö])[\wåäö-]{{3,30}}"
                           rf"[ \t]+\({m.group(1)}\){year})", text):
        words = hit.group(1).split()
        while words and words[0].casefold() in _LEAD_WORDS:
            words.pop(0)  # "förslag till regional …": the words of the sentence before the name
        if len(words) >= 2:
            name = " ".join(words)
            name = name[:1].upper() + name[1:]
            found.setdefault(name, (hit.end(1) - len(hit.group(1)) + hit.group(1).find(words[0]), hit.end(1)))
    return next(iter(found.items())) if len(found) == 1 else None


def spells_out(text: str, acronym: str, name: str) -> bool:
    """Tell whether a subject that is only an acronym ("RUS 2030") stands for the name the letter gives."""
    spelt = spelt_out(text, acronym)
    return bool(spelt) and spelt[0].casefold() == name.casefold()


_LEAD_WORDS = {"förslag", "förslaget", "till", "på", "om", "av", "för", "en", "ett", "ny", "nytt", "nya", "den", "det",
               "de", "och", "i", "med", "att", "fram", "arbetat", "tagit", "har", "vår", "vårt", "våra"}


def letter_heading(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """Return the letter's own labelled heading ("# Remiss av …", "Ärende: …"), or (None, None)."""
    for pattern in _LABELLED[:2]:
        m = pattern.search(text)
        if m and 3 <= len(m.group(1)) <= 250 and not number_only(m.group(1)):
            end = continued(text, m.start(1), m.end(1))
            return tidy(text[m.start(1):end], (m.start(1), end), lead=False)
    return None, None


# Round 16: "Ärende: RS 2026-0789" on a region's page labels the case's number, not its name (walk 14, 11-rs).
_NUMBER_ONLY = re.compile(rf"(?<![ \t(\[])[ \t(\[]*(?:(?:dnr|diarienr|diarienummer)[ \t.:]*)?(?:{TOKEN_RE.pattern})"
                          r"[ \t)\].]*", re.IGNORECASE)


def number_only(value: str) -> bool:
    """Tell whether a labelled value is nothing but a diarienummer; an SOU, Ds or FS number names a document."""
    return bool(_NUMBER_ONLY.fullmatch(value)) and not DESIGNATION.search(value)


def title_sources(text: str) -> list[tuple[str, str]]:
    """Return (source, title) for each rule that reads a title from the text on its own, in the order find_title
    weighs them (round 26): what title_candidates.py offers beside the chosen title and counts as corroboration.
    Sources: "labelled" ("Ärende:", "Angående:", "Rubrik:"), "heading" ("# …"), "remiss" ("Remiss av …"),
    "phrased" ("Begäran om yttrande över …"), "label_above", "prose", "proposal", "document", "headline"."""
    text = decapitalised(text) or text
    found: list[tuple[str, str]] = []

    def add(source: str, value: str | None) -> None:
        if value and not is_letterhead(value) and len(value) <= 250:
            found.append((source, value))

    for source, pattern in zip(("labelled", "heading", "labelled", "remiss"), _LABELLED):
        m = pattern.search(text)
        if m and 3 <= len(m.group(1)) <= 250 and not number_only(m.group(1)):
            end = continued(text, m.start(1), m.end(1))
            add(source, tidy(text[m.start(1):end], (m.start(1), end), lead=False)[0])
    add("phrased", _phrased_heading(text)[0])
    add("label_above", label_above(text)[0])
    for pattern in _PROSE:
        m = pattern.search(text)
        if m:
            value = tidy(m.group(1), m.span(1))[0]
            add("prose", value[:1].upper() + value[1:] if value else None)
            break
    add("proposal", proposal_named(text)[0] or prose_matter(text)[0])
    add("document", _document_line(text)[0])
    add("headline", headline(text)[0])
    return found
